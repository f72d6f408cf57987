import { AzureCredentials, AzureOpenAIAuth, PolicyTarget, SecretSource } from '../src';
import { CHART_ID, expectInvalid, newChart, onlyOfKind, synth } from './support/construct-helpers';

const PATH = `${CHART_ID}/p`;
const CLIENT_ID = '00000000-0000-0000-0000-00000000c1d0';
const TENANT_ID = '00000000-0000-0000-0000-0000000007e0';
const targets = () => [PolicyTarget.aiServiceBackend('azure-openai')];
const ids = { clientId: CLIENT_ID, tenantId: TENANT_ID };

describe('AzureOpenAIAuth snapshots', () => {
  test('client secret from a literal', () => {
    const { chart } = newChart('azure');
    new AzureOpenAIAuth(chart, 'azure', { ...ids, credentials: AzureCredentials.fromClientSecret(SecretSource.fromLiteral('azure-client-secret-value')), targets: targets() });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('client secret from an existing Secret in another namespace', () => {
    const { chart } = newChart('azure');
    new AzureOpenAIAuth(chart, 'azure', {
      ...ids,
      credentials: AzureCredentials.fromClientSecret(SecretSource.fromExistingSecret('entra-app', { namespace: 'identity' })),
      targets: targets(),
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('OIDC exchange (federated credentials)', () => {
    const { chart } = newChart('azure');
    new AzureOpenAIAuth(chart, 'azure', {
      ...ids,
      credentials: AzureCredentials.fromOidc({
        issuer: 'https://idp.example.com',
        clientId: 'gateway',
        clientSecret: SecretSource.fromLiteral('oidc-client-secret-value'),
        scopes: ['api://AzureADTokenExchange'],
      }),
      targets: targets(),
    });
    expect(synth(chart)).toMatchSnapshot();
  });
});

describe('AzureOpenAIAuth rendering', () => {
  test('client secret: clientID, tenantID, clientSecretRef to a Secret holding "client-secret" in the policy namespace', () => {
    const { chart } = newChart('azure');
    const policy = new AzureOpenAIAuth(chart, 'p', { ...ids, credentials: AzureCredentials.fromClientSecret(SecretSource.fromLiteral('v')) });
    const objects = synth(chart);
    const secret = onlyOfKind(objects, 'Secret');
    expect(onlyOfKind(objects, 'BackendSecurityPolicy').spec).toEqual({
      type: 'AzureCredentials',
      azureCredentials: { clientID: CLIENT_ID, tenantID: TENANT_ID, clientSecretRef: { name: secret.metadata.name, namespace: 'azure' } },
    });
    expect(secret.stringData).toEqual({ 'client-secret': 'v' });
    expect(secret.metadata.namespace).toBe('azure');
    expect(policy.secret?.toJson()).toEqual(secret);
  });

  test('an existing client secret in another namespace is allowed; the reference names it and nothing is emitted', () => {
    const { chart } = newChart('azure');
    const policy = new AzureOpenAIAuth(chart, 'p', {
      ...ids,
      credentials: AzureCredentials.fromClientSecret(SecretSource.fromExistingSecret('entra-app', { namespace: 'identity' })),
    });
    const objects = synth(chart);
    expect(objects).toHaveLength(1);
    expect(policy.secret).toBeUndefined();
    expect(objects[0].spec.azureCredentials.clientSecretRef).toEqual({ name: 'entra-app', namespace: 'identity' });
  });

  test('OIDC: oidcExchangeToken and no clientSecretRef (exactly one of the two)', () => {
    const { chart } = newChart('azure');
    new AzureOpenAIAuth(chart, 'p', {
      ...ids,
      credentials: AzureCredentials.fromOidc({ issuer: 'https://idp.example.com', clientId: 'gateway', clientSecret: SecretSource.fromExistingSecret('idp') }),
    });
    const azure = onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec.azureCredentials;
    expect(Object.keys(azure).sort()).toEqual(['clientID', 'oidcExchangeToken', 'tenantID']);
    expect(azure.oidcExchangeToken.oidc.clientSecret).toEqual({ name: 'idp', namespace: 'azure' });
  });
});

describe('AzureOpenAIAuth bad input', () => {
  const secret = () => AzureCredentials.fromClientSecret(SecretSource.fromExistingSecret('s'));

  test.each(['', '  '])('a blank clientId (%j) is refused (AIGW030)', (clientId) => {
    const { chart } = newChart('azure');
    expectInvalid(() => new AzureOpenAIAuth(chart, 'p', { clientId, tenantId: TENANT_ID, credentials: secret() }), PATH, [
      { code: 'AIGW030', prop: 'clientId', problem: 'is empty', fix: 'application (client) ID' },
    ]);
  });

  test.each(['', '  '])('a blank tenantId (%j) is refused (AIGW030)', (tenantId) => {
    const { chart } = newChart('azure');
    expectInvalid(() => new AzureOpenAIAuth(chart, 'p', { clientId: CLIENT_ID, tenantId, credentials: secret() }), PATH, [
      { code: 'AIGW030', prop: 'tenantId', problem: 'is empty', fix: 'directory (tenant) ID' },
    ]);
  });

  test('a blank client secret literal is refused (AIGW061)', () => {
    const { chart } = newChart('azure');
    expectInvalid(() => new AzureOpenAIAuth(chart, 'p', { ...ids, credentials: AzureCredentials.fromClientSecret(SecretSource.fromLiteral('')) }), PATH, [
      { code: 'AIGW061', prop: 'credentials', problem: 'Azure client secret' },
    ]);
  });

  test('an existing client secret whose name is not a DNS name is refused (AIGW064)', () => {
    const { chart } = newChart('azure');
    expectInvalid(
      () => new AzureOpenAIAuth(chart, 'p', { ...ids, credentials: AzureCredentials.fromClientSecret(SecretSource.fromExistingSecret('Entra_App')) }),
      PATH,
      [{ code: 'AIGW064', prop: 'credentials', problem: "'Entra_App'" }],
    );
  });

  test('clientId, tenantId and OIDC problems are reported together', () => {
    const { chart } = newChart('azure');
    expectInvalid(
      () =>
        new AzureOpenAIAuth(chart, 'p', {
          clientId: '',
          tenantId: '',
          credentials: AzureCredentials.fromOidc({ issuer: 'idp.example.com', clientId: ' ', clientSecret: SecretSource.fromLiteral('v'), tokenEndpoint: 'http://idp/token' }),
        }),
      PATH,
      [
        { code: 'AIGW030', prop: 'clientId' },
        { code: 'AIGW030', prop: 'tenantId' },
        { code: 'AIGW050', prop: 'credentials.issuer', problem: "'idp.example.com' is not an https URL" },
        { code: 'AIGW050', prop: 'credentials.tokenEndpoint' },
        { code: 'AIGW051', prop: 'credentials.clientId' },
      ],
    );
  });
});
