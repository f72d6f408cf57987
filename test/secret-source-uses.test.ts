import { Chart, Duration, Testing } from 'cdk8s';
import {
  AnthropicApiKeyPolicy,
  AwsBedrockAuth,
  AwsCredentials,
  AzureCredentials,
  AzureOpenAIAuth,
  GcpCredentials,
  GcpVertexAuth,
  SealingScope,
  SecretSource,
  SecretStoreKind,
} from '../src';

/** Every place a SecretSource is accepted, with the Secret key the gateway reads there. */
const USES: Array<[string, string, (chart: Chart, source: SecretSource) => void]> = [
  ['API key', 'apiKey', (chart, source) => new AnthropicApiKeyPolicy(chart, 'p', { apiKey: source })],
  [
    'AWS credentials file',
    'credentials',
    (chart, source) => new AwsBedrockAuth(chart, 'p', { region: 'us-east-1', credentials: AwsCredentials.fromCredentialsFile(source) }),
  ],
  [
    'Azure client secret',
    'client-secret',
    (chart, source) => new AzureOpenAIAuth(chart, 'p', { clientId: 'c', tenantId: 't', credentials: AzureCredentials.fromClientSecret(source) }),
  ],
  [
    'GCP service account key',
    'service_account.json',
    (chart, source) => new GcpVertexAuth(chart, 'p', { projectName: 'proj', region: 'us-central1', credentials: GcpCredentials.fromServiceAccountKey(source) }),
  ],
  [
    'OIDC client secret',
    'client-secret',
    (chart, source) =>
      new AwsBedrockAuth(chart, 'p', {
        region: 'us-east-1',
        credentials: AwsCredentials.fromOidc({
          roleArn: 'arn:aws:iam::123456789012:role/bedrock',
          oidc: { issuer: 'https://idp.example.com', clientId: 'gw', clientSecret: source },
        }),
      }),
  ],
];

const SOURCES: Array<[string, () => SecretSource]> = [
  [
    'ExternalSecret',
    () => SecretSource.fromExternalSecret({ storeName: 'vault', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE, remoteKey: 'llm/cred', refreshInterval: Duration.hours(1) }),
  ],
  ['SealedSecret', () => SecretSource.fromSealedSecret('AgBy3i4OJSWK+PiTySYZZA9rO33HzxcpRaSexample==', { scope: SealingScope.STRICT })],
];

describe.each(SOURCES)('%s', (kind, source) => {
  test.each(USES)('for the %s: one object, under key %s, named as the policy references it', (_use, key, build) => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ai' });
    build(chart, source());
    const manifests = Testing.synth(chart);
    expect(manifests).toMatchSnapshot();
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    const made = manifests.filter((m) => m.kind === kind);
    expect(made).toHaveLength(1);
    const [object] = made;
    expect(object.metadata.namespace).toBe('ai');
    const keys = kind === 'ExternalSecret' ? object.spec.data.map((d: { secretKey: string }) => d.secretKey) : Object.keys(object.spec.encryptedData);
    expect(keys).toEqual([key]);
    // The policy references the Secret this object makes, with its namespace.
    expect(JSON.stringify(manifests[0].spec)).toContain(`{"name":"${kind === 'ExternalSecret' ? object.spec.target.name : object.metadata.name}","namespace":"ai"}`);
  });
});
