import { CredentialOverride, GcpCredentials, GcpVertexAuth, PolicyTarget, SecretSource, WorkloadIdentityFederationOptions } from '../src';
import { CHART_ID, expectInvalid, newChart, onlyOfKind, synth } from './support/construct-helpers';

const PATH = `${CHART_ID}/p`;
const KEY_JSON = '{"type":"service_account","project_id":"my-project","private_key_id":"example"}';
const targets = () => [PolicyTarget.aiServiceBackend('vertex')];
const location = { projectName: 'my-project', region: 'us-central1' };
const wif = (overrides: Partial<WorkloadIdentityFederationOptions> = {}): WorkloadIdentityFederationOptions => ({
  projectId: '123456789012',
  poolName: 'gateway-pool',
  providerName: 'gateway-provider',
  oidc: { issuer: 'https://idp.example.com', clientId: 'gateway', clientSecret: SecretSource.fromLiteral('oidc-client-secret-value') },
  ...overrides,
});

describe('GcpVertexAuth snapshots', () => {
  test('application default credentials (credentials left out)', () => {
    const { chart } = newChart('vertex');
    new GcpVertexAuth(chart, 'vertex', { ...location, targets: targets() });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('application default credentials with an override that does not fall back', () => {
    const { chart } = newChart('vertex');
    new GcpVertexAuth(chart, 'vertex', {
      ...location,
      credentials: GcpCredentials.applicationDefault(),
      credentialOverride: CredentialOverride.fromRequestHeaders({ fallbackToConfigured: false }),
      targets: targets(),
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('service account key from a literal', () => {
    const { chart } = newChart('vertex');
    new GcpVertexAuth(chart, 'vertex', { ...location, credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromLiteral(KEY_JSON)), targets: targets() });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('service account key from an existing Secret in another namespace', () => {
    const { chart } = newChart('vertex');
    new GcpVertexAuth(chart, 'vertex', {
      projectName: 'my-project',
      region: 'global',
      credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromExistingSecret('vertex-sa', { namespace: 'gcp-secrets' })),
      targets: targets(),
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('workload identity federation with service account impersonation', () => {
    const { chart } = newChart('vertex');
    new GcpVertexAuth(chart, 'vertex', {
      ...location,
      credentials: GcpCredentials.fromWorkloadIdentityFederation(wif({ serviceAccountName: 'vertex-caller@my-project.iam.gserviceaccount.com' })),
      targets: targets(),
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('workload identity federation without impersonation, existing client secret', () => {
    const { chart } = newChart('vertex');
    new GcpVertexAuth(chart, 'vertex', {
      ...location,
      credentials: GcpCredentials.fromWorkloadIdentityFederation(wif({ oidc: { issuer: 'https://idp.example.com', clientId: 'gateway', clientSecret: SecretSource.fromExistingSecret('idp') } })),
      targets: targets(),
    });
    expect(synth(chart)).toMatchSnapshot();
  });
});

describe('GcpVertexAuth rendering', () => {
  test('application default: projectName and region only, no Secret', () => {
    const { chart } = newChart('vertex');
    const policy = new GcpVertexAuth(chart, 'p', { ...location, credentials: GcpCredentials.applicationDefault() });
    const objects = synth(chart);
    expect(objects).toHaveLength(1);
    expect(objects[0].spec).toEqual({ type: 'GCPCredentials', gcpCredentials: { projectName: 'my-project', region: 'us-central1' } });
    expect(policy.secret).toBeUndefined();
  });

  test('service account key: credentialsFile.secretRef to a Secret holding "service_account.json" in the policy namespace', () => {
    const { chart } = newChart('vertex');
    const policy = new GcpVertexAuth(chart, 'p', { ...location, credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromLiteral(KEY_JSON)) });
    const objects = synth(chart);
    const secret = onlyOfKind(objects, 'Secret');
    expect(secret.stringData).toEqual({ 'service_account.json': KEY_JSON });
    expect(secret.metadata.namespace).toBe('vertex');
    expect(onlyOfKind(objects, 'BackendSecurityPolicy').spec.gcpCredentials).toEqual({
      ...location,
      credentialsFile: { secretRef: { name: secret.metadata.name, namespace: 'vertex' } },
    });
    expect(policy.secret?.toJson()).toEqual(secret);
  });

  test('an existing service account key in another namespace is allowed and referenced there; nothing emitted', () => {
    const { chart } = newChart('vertex');
    new GcpVertexAuth(chart, 'p', { ...location, credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromExistingSecret('sa', { namespace: 'gcp-secrets' })) });
    const objects = synth(chart);
    expect(objects).toHaveLength(1);
    expect(objects[0].spec.gcpCredentials.credentialsFile.secretRef).toEqual({ name: 'sa', namespace: 'gcp-secrets' });
  });

  test('workload identity federation: the Kubernetes field names, no credentialsFile', () => {
    const { chart } = newChart('vertex');
    new GcpVertexAuth(chart, 'p', { ...location, credentials: GcpCredentials.fromWorkloadIdentityFederation(wif({ serviceAccountName: 'sa@my-project.iam.gserviceaccount.com' })) });
    const objects = synth(chart);
    const gcp = onlyOfKind(objects, 'BackendSecurityPolicy').spec.gcpCredentials;
    const secret = onlyOfKind(objects, 'Secret');
    expect(gcp).not.toHaveProperty('credentialsFile');
    expect(Object.keys(gcp.workloadIdentityFederationConfig).sort()).toEqual([
      'oidcExchangeToken',
      'projectID',
      'serviceAccountImpersonation',
      'workloadIdentityPoolName',
      'workloadIdentityProviderName',
    ]);
    expect(gcp.workloadIdentityFederationConfig.projectID).toBe('123456789012');
    expect(gcp.workloadIdentityFederationConfig.workloadIdentityPoolName).toBe('gateway-pool');
    expect(gcp.workloadIdentityFederationConfig.workloadIdentityProviderName).toBe('gateway-provider');
    expect(gcp.workloadIdentityFederationConfig.serviceAccountImpersonation).toEqual({ serviceAccountName: 'sa@my-project.iam.gserviceaccount.com' });
    expect(gcp.workloadIdentityFederationConfig.oidcExchangeToken.oidc.clientSecret).toEqual({ name: secret.metadata.name, namespace: 'vertex' });
    expect(secret.stringData).toEqual({ 'client-secret': 'oidc-client-secret-value' });
  });

  test('workload identity federation without serviceAccountName: no serviceAccountImpersonation', () => {
    const { chart } = newChart('vertex');
    new GcpVertexAuth(chart, 'p', { ...location, credentials: GcpCredentials.fromWorkloadIdentityFederation(wif()) });
    const config = onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec.gcpCredentials.workloadIdentityFederationConfig;
    expect(config).not.toHaveProperty('serviceAccountImpersonation');
  });
});

describe('GcpVertexAuth bad input', () => {
  test.each(['', '  '])('a blank projectName (%j) is refused (AIGW040)', (projectName) => {
    const { chart } = newChart('vertex');
    expectInvalid(() => new GcpVertexAuth(chart, 'p', { projectName, region: 'us-central1' }), PATH, [
      { code: 'AIGW040', prop: 'projectName', problem: 'is empty', fix: 'project ID' },
    ]);
  });

  test.each(['', '  '])('a blank region (%j) is refused (AIGW040)', (region) => {
    const { chart } = newChart('vertex');
    expectInvalid(() => new GcpVertexAuth(chart, 'p', { projectName: 'my-project', region }), PATH, [
      { code: 'AIGW040', prop: 'region', problem: 'is empty', fix: 'us-central1' },
    ]);
  });

  test('a blank service account key is refused (AIGW061)', () => {
    const { chart } = newChart('vertex');
    expectInvalid(() => new GcpVertexAuth(chart, 'p', { ...location, credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromLiteral('')) }), PATH, [
      { code: 'AIGW061', prop: 'credentials', problem: 'GCP service account key' },
    ]);
  });

  test.each(['projectId', 'poolName', 'providerName'] as const)('workload identity federation with a blank %s is refused (AIGW042)', (field) => {
    const { chart } = newChart('vertex');
    expectInvalid(() => new GcpVertexAuth(chart, 'p', { ...location, credentials: GcpCredentials.fromWorkloadIdentityFederation(wif({ [field]: ' ' })) }), PATH, [
      { code: 'AIGW042', prop: `credentials.${field}`, problem: 'is empty', fix: field },
    ]);
  });

  test('workload identity federation with a blank serviceAccountName is refused (AIGW042)', () => {
    const { chart } = newChart('vertex');
    expectInvalid(
      () => new GcpVertexAuth(chart, 'p', { ...location, credentials: GcpCredentials.fromWorkloadIdentityFederation(wif({ serviceAccountName: '' })) }),
      PATH,
      [{ code: 'AIGW042', prop: 'credentials.serviceAccountName', fix: 'or leave it out' }],
    );
  });

  test('every missing field, projectName, region and OIDC problems are reported together', () => {
    const { chart } = newChart('vertex');
    expectInvalid(
      () =>
        new GcpVertexAuth(chart, 'p', {
          projectName: '',
          region: '',
          credentials: GcpCredentials.fromWorkloadIdentityFederation({
            projectId: '',
            poolName: '',
            providerName: '',
            oidc: { issuer: '', clientId: 'gateway', clientSecret: SecretSource.fromExistingSecret('idp') },
          }),
        }),
      PATH,
      [
        { code: 'AIGW040', prop: 'projectName' },
        { code: 'AIGW040', prop: 'region' },
        { code: 'AIGW042', prop: 'credentials.projectId' },
        { code: 'AIGW042', prop: 'credentials.poolName' },
        { code: 'AIGW042', prop: 'credentials.providerName' },
        { code: 'AIGW050', prop: 'credentials.oidc.issuer', problem: 'is empty' },
      ],
    );
  });
});
