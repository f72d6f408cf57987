import { Chart } from 'cdk8s';
import {
  ApiKeyPolicy,
  AwsBedrockAuth,
  AzureCredentials,
  AzureOpenAIAuth,
  CredentialOverride,
  GcpCredentials,
  GcpVertexAuth,
  SecretSource,
} from '../src';
import { CHART_ID, expectInvalid, newChart, onlyOfKind, synth } from './support/construct-helpers';

const PATH = `${CHART_ID}/p`;
const EXT_AUTHZ = 'envoy.filters.http.ext_authz';

function renderedOverride(chart: Chart): unknown {
  return onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec.credentialOverride;
}

describe('CredentialOverride.fromRequestHeaders', () => {
  test('defaults: falls back to the configured credential', () => {
    expect(CredentialOverride.fromRequestHeaders().fallbackToConfigured).toBe(true);
    expect(CredentialOverride.fromRequestHeaders({ header: 'x-key' }).fallbackToConfigured).toBe(true);
    expect(CredentialOverride.fromRequestHeaders({ fallbackToConfigured: false }).fallbackToConfigured).toBe(false);
  });

  test('snapshot: APIKey policy with a header override and no fallback', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'openai', {
      apiKey: SecretSource.fromExistingSecret('openai-key'),
      credentialOverride: CredentialOverride.fromRequestHeaders({ header: 'x-tenant-api-key', fallbackToConfigured: false }),
    });
    const objects = synth(chart);
    expect(objects[0].spec.credentialOverride).toEqual({ fromRequestHeaders: { header: 'x-tenant-api-key', fallbackToConfigured: false } });
    expect(objects).toMatchSnapshot();
  });

  test('without options it renders an empty fromRequestHeaders, leaving the defaults to the gateway', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromExistingSecret('k'), credentialOverride: CredentialOverride.fromRequestHeaders() });
    expect(renderedOverride(chart)).toEqual({ fromRequestHeaders: {} });
  });

  test('an explicit fallbackToConfigured: true is written out', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'p', {
      apiKey: SecretSource.fromExistingSecret('k'),
      credentialOverride: CredentialOverride.fromRequestHeaders({ fallbackToConfigured: true }),
    });
    expect(renderedOverride(chart)).toEqual({ fromRequestHeaders: { fallbackToConfigured: true } });
  });
});

describe('CredentialOverride.fromDynamicMetadata', () => {
  test('defaults: falls back to the configured credential', () => {
    expect(CredentialOverride.fromDynamicMetadata({ namespace: EXT_AUTHZ }).fallbackToConfigured).toBe(true);
    expect(CredentialOverride.fromDynamicMetadata({ namespace: EXT_AUTHZ, fallbackToConfigured: false }).fallbackToConfigured).toBe(false);
  });

  test('snapshot: AWS default chain with a dynamic metadata override', () => {
    const { chart } = newChart('ai');
    new AwsBedrockAuth(chart, 'bedrock', {
      region: 'us-east-1',
      credentialOverride: CredentialOverride.fromDynamicMetadata({ namespace: EXT_AUTHZ, key: 'x-aigw-aws-credentials' }),
    });
    const objects = synth(chart);
    expect(objects[0].spec.credentialOverride).toEqual({ fromDynamicMetadata: { namespace: EXT_AUTHZ, key: 'x-aigw-aws-credentials' } });
    expect(objects).toMatchSnapshot();
  });

  test.each(['', '   '])('a blank metadata namespace (%j) is refused (AIGW071)', (namespace) => {
    const { chart } = newChart('ai');
    expectInvalid(
      () =>
        new ApiKeyPolicy(chart, 'p', {
          apiKey: SecretSource.fromExistingSecret('k'),
          credentialOverride: CredentialOverride.fromDynamicMetadata({ namespace }),
        }),
      PATH,
      [{ code: 'AIGW071', prop: 'credentialOverride', problem: 'metadata namespace is empty', fix: 'trusted filter' }],
    );
  });
});

describe('credentialOverride on a policy', () => {
  test('no override: spec.credentialOverride is left out', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromExistingSecret('k') });
    expect(onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec).not.toHaveProperty('credentialOverride');
  });

  test('exactly one source is rendered', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'p', {
      apiKey: SecretSource.fromExistingSecret('k'),
      credentialOverride: CredentialOverride.fromDynamicMetadata({ namespace: EXT_AUTHZ }),
    });
    expect(Object.keys(renderedOverride(chart) as object)).toEqual(['fromDynamicMetadata']);
  });

  const staticPolicies: Array<[string, (chart: Chart, o: CredentialOverride) => unknown]> = [
    ['APIKey', (c, o) => new ApiKeyPolicy(c, 'p', { apiKey: SecretSource.fromExistingSecret('k'), credentialOverride: o })],
    ['AWS default chain', (c, o) => new AwsBedrockAuth(c, 'p', { region: 'us-east-1', credentialOverride: o })],
    [
      'Azure client secret',
      (c, o) => new AzureOpenAIAuth(c, 'p', {
        clientId: 'c',
        tenantId: 't',
        credentials: AzureCredentials.fromClientSecret(SecretSource.fromExistingSecret('s')),
        credentialOverride: o,
      }),
    ],
    [
      'GCP service account key',
      (c, o) => new GcpVertexAuth(c, 'p', {
        projectName: 'proj',
        region: 'us-central1',
        credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromExistingSecret('s')),
        credentialOverride: o,
      }),
    ],
    [
      'GCP workload identity federation',
      (c, o) => new GcpVertexAuth(c, 'p', {
        projectName: 'proj',
        region: 'us-central1',
        credentials: GcpCredentials.fromWorkloadIdentityFederation({
          projectId: '123456789012',
          poolName: 'pool',
          providerName: 'provider',
          oidc: { issuer: 'https://idp.example.com', clientId: 'gw', clientSecret: SecretSource.fromExistingSecret('oidc') },
        }),
        credentialOverride: o,
      }),
    ],
  ];

  test.each(staticPolicies)('%s has a static credential: an override that falls back is accepted', (_label, build) => {
    const { chart } = newChart('ai');
    build(chart, CredentialOverride.fromRequestHeaders());
    expect(renderedOverride(chart)).toEqual({ fromRequestHeaders: {} });
  });

  const fallingBack: Array<[string, CredentialOverride]> = [
    ['fromRequestHeaders() (default fallback)', CredentialOverride.fromRequestHeaders()],
    ['fromRequestHeaders({ fallbackToConfigured: true })', CredentialOverride.fromRequestHeaders({ fallbackToConfigured: true })],
    ['fromDynamicMetadata() (default fallback)', CredentialOverride.fromDynamicMetadata({ namespace: EXT_AUTHZ })],
  ];

  test.each(fallingBack)('GCP application default credentials with %s is refused (AIGW070)', (_label, override) => {
    const { chart } = newChart('ai');
    expectInvalid(
      () => new GcpVertexAuth(chart, 'p', { projectName: 'proj', region: 'us-central1', credentials: GcpCredentials.applicationDefault(), credentialOverride: override }),
      PATH,
      [{ code: 'AIGW070', prop: 'credentialOverride', problem: 'no static credential', fix: 'fallbackToConfigured: false' }],
    );
  });

  test('GCP with credentials left out (application default) and a falling-back override is refused (AIGW070)', () => {
    const { chart } = newChart('ai');
    expectInvalid(
      () => new GcpVertexAuth(chart, 'p', { projectName: 'proj', region: 'us-central1', credentialOverride: CredentialOverride.fromRequestHeaders() }),
      PATH,
      [{ code: 'AIGW070', prop: 'credentialOverride', fix: 'fallbackToConfigured: false' }],
    );
  });

  test.each([
    ['fromRequestHeaders', CredentialOverride.fromRequestHeaders({ fallbackToConfigured: false }), { fromRequestHeaders: { fallbackToConfigured: false } }],
    [
      'fromDynamicMetadata',
      CredentialOverride.fromDynamicMetadata({ namespace: EXT_AUTHZ, fallbackToConfigured: false }),
      { fromDynamicMetadata: { namespace: EXT_AUTHZ, fallbackToConfigured: false } },
    ],
  ])('GCP application default credentials with %s and fallbackToConfigured: false is accepted', (_label, override, expected) => {
    const { chart } = newChart('ai');
    new GcpVertexAuth(chart, 'p', { projectName: 'proj', region: 'us-central1', credentialOverride: override });
    expect(renderedOverride(chart)).toEqual(expected);
  });

  test('a blank metadata namespace and a fallback without static credential are reported together', () => {
    const { chart } = newChart('ai');
    expectInvalid(
      () => new GcpVertexAuth(chart, 'p', { projectName: 'proj', region: 'us-central1', credentialOverride: CredentialOverride.fromDynamicMetadata({ namespace: '' }) }),
      PATH,
      [
        { code: 'AIGW071', prop: 'credentialOverride' },
        { code: 'AIGW070', prop: 'credentialOverride' },
      ],
    );
  });
});
