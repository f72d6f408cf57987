/**
 * Hand-written apps meant to be valid: every policy type, every credentials variant and every
 * Secret source, each at least once. The API server must accept all of them.
 */
import { AppPlan, CredPlan, OidcPlan, PolicyPlan, SourcePlan } from './apps';
import { SealingScope } from '../../src';

const literal: SourcePlan = { kind: 'literal', value: 'sk-conformance-0123456789' };
const oidc = (clientSecret: SourcePlan): OidcPlan => ({
  issuer: 'https://idp.example.com/realms/ai',
  clientId: 'ai-gateway',
  clientSecret,
  scopes: ['openid', 'profile'],
});

const SOURCES: Record<string, SourcePlan> = {
  'literal': literal,
  'literal-named': { kind: 'literal', value: 'sk-named', secretName: 'my-api-key' },
  'env': { kind: 'env', value: 'sk-from-env' },
  'file': { kind: 'file', value: 'sk-from-file\n' },
  'existing': { kind: 'existing', name: 'existing-key' },
  'existing-other-namespace': { kind: 'existing', name: 'shared-key', namespace: 'secrets' },
  'external-secret-store': { kind: 'external', storeName: 'vault', remoteKey: 'ai/openai', clusterStore: false },
  'external-cluster-store': {
    kind: 'external',
    storeName: 'aws-secrets-manager',
    remoteKey: 'prod/ai',
    remoteProperty: 'apiKey',
    clusterStore: true,
    refreshSeconds: 900,
    secretName: 'ai-from-vault',
  },
  'sealed-strict': { kind: 'sealed', encrypted: 'AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq' },
  'sealed-namespace-wide': { kind: 'sealed', encrypted: 'AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq', scope: SealingScope.NAMESPACE_WIDE },
  'sealed-cluster-wide': { kind: 'sealed', encrypted: 'AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq', scope: SealingScope.CLUSTER_WIDE, secretName: 'sealed-key' },
};

const one = (cred: CredPlan, extra: Partial<PolicyPlan> = {}): AppPlan => ({
  chartNamespace: 'ai',
  policies: [{ name: 'policy', targets: [{ kind: 'AIServiceBackend', name: 'backend' }], cred, ...extra }],
});

const apps: Array<[string, AppPlan]> = [];

// Every Secret source, for each API-key type.
for (const type of ['APIKey', 'AnthropicAPIKey', 'AzureAPIKey'] as const) {
  for (const [name, source] of Object.entries(SOURCES)) {
    // The gateway reads API keys from the policy's namespace only: no other namespace here.
    if (name === 'existing-other-namespace') continue;
    apps.push([`${type}/${name}`, one({ type, apiKey: source })]);
  }
}

// AWS: default chain, credentials file (every source), OIDC.
apps.push(['AWSCredentials/default-chain', one({ type: 'AWSCredentials', region: 'us-east-1', aws: { kind: 'default' } })]);
for (const [name, source] of Object.entries(SOURCES)) {
  if (name === 'existing-other-namespace') continue;
  apps.push([`AWSCredentials/file/${name}`, one({ type: 'AWSCredentials', region: 'eu-west-1', aws: { kind: 'file', source, defaultProfile: name === 'literal' } })]);
}
for (const [name, source] of Object.entries(SOURCES)) {
  apps.push([`AWSCredentials/oidc/${name}`, one({ type: 'AWSCredentials', region: 'us-west-2', aws: { kind: 'oidc', roleArn: 'arn:aws:iam::123456789012:role/bedrock', oidc: oidc(source) } })]);
}

// Azure: client secret (every source), OIDC.
for (const [name, source] of Object.entries(SOURCES)) {
  apps.push([`AzureCredentials/client-secret/${name}`, one({ type: 'AzureCredentials', clientId: 'c0ffee00-0000-4000-8000-000000000001', tenantId: 'c0ffee00-0000-4000-8000-000000000002', azure: { kind: 'secret', source } })]);
}
apps.push([
  'AzureCredentials/oidc',
  one({ type: 'AzureCredentials', clientId: 'c0ffee00-0000-4000-8000-000000000001', tenantId: 'c0ffee00-0000-4000-8000-000000000002', azure: { kind: 'oidc', oidc: { ...oidc(literal), tokenEndpoint: 'https://idp.example.com/token' } } }),
]);

// GCP: application default credentials, service account key (every source), workload identity federation.
apps.push(['GCPCredentials/application-default', one({ type: 'GCPCredentials', projectName: 'my-project', region: 'us-central1', gcp: { kind: 'adc' } })]);
for (const [name, source] of Object.entries(SOURCES)) {
  apps.push([`GCPCredentials/key/${name}`, one({ type: 'GCPCredentials', projectName: 'my-project', region: 'europe-west4', gcp: { kind: 'key', source } })]);
}
const wif = (serviceAccountName?: string): CredPlan => ({
  type: 'GCPCredentials',
  projectName: 'my-project',
  region: 'global',
  gcp: { kind: 'wif', projectId: '123456789', poolName: 'pool', providerName: 'provider', oidc: oidc(SOURCES['external-secret-store']), serviceAccountName },
});
apps.push(['GCPCredentials/workload-identity-federation', one(wif())]);
apps.push(['GCPCredentials/workload-identity-federation/impersonation', one(wif('ai-gateway@my-project.iam.gserviceaccount.com'))]);

// Credential overrides.
apps.push(['override/request-headers', one({ type: 'APIKey', apiKey: literal }, { override: { kind: 'headers' } })]);
apps.push(['override/request-headers-no-fallback', one({ type: 'APIKey', apiKey: literal }, { override: { kind: 'headers', header: 'x-tenant-key', fallback: false } })]);
apps.push(['override/dynamic-metadata', one({ type: 'AWSCredentials', region: 'us-east-1', aws: { kind: 'default' } }, { override: { kind: 'metadata', namespace: 'envoy.filters.http.ext_authz', key: 'aws', fallback: true } })]);
apps.push(['override/gcp-application-default', one({ type: 'GCPCredentials', projectName: 'p', region: 'us-central1', gcp: { kind: 'adc' } }, { override: { kind: 'metadata', namespace: 'envoy.filters.http.ext_authz', fallback: false } })]);

// Targets: none, both kinds, the maximum of 16.
apps.push(['targets/none', { policies: [{ targets: [], cred: { type: 'APIKey', apiKey: literal } }] }]);
apps.push([
  'targets/16-mixed',
  one(
    { type: 'APIKey', apiKey: literal },
    { targets: Array.from({ length: 16 }, (_, i) => ({ kind: i % 2 ? 'InferencePool' as const : 'AIServiceBackend' as const, name: `backend-${i}` })) },
  ),
]);

// Names: generated from the construct path, the longest allowed, namespaces from Chart and metadata.
apps.push(['names/generated', { policies: [{ targets: [{ kind: 'InferencePool', name: 'pool' }], cred: { type: 'AnthropicAPIKey', apiKey: literal } }] }]);
apps.push(['names/253-characters', one({ type: 'APIKey', apiKey: literal }, { name: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}` })]);
apps.push(['names/metadata-namespace', one({ type: 'APIKey', apiKey: literal }, { namespace: 'team-a' })]);
// `metadata: { name: props.name, namespace }` with name undefined, as TypeScript apps write it.
apps.push(['names/metadata-name-undefined', one({ type: 'APIKey', apiKey: literal }, { name: undefined, namespace: 'team-a', explicitUndefinedName: true })]);

// Every type in one App.
apps.push([
  'all-types',
  {
    chartNamespace: 'ai',
    policies: [
      { name: 'openai', targets: [{ kind: 'AIServiceBackend', name: 'openai' }], cred: { type: 'APIKey', apiKey: SOURCES['external-secret-store'] } },
      { name: 'anthropic', targets: [{ kind: 'AIServiceBackend', name: 'anthropic' }], cred: { type: 'AnthropicAPIKey', apiKey: SOURCES['sealed-strict'] } },
      { name: 'azure-key', targets: [{ kind: 'AIServiceBackend', name: 'azure-key' }], cred: { type: 'AzureAPIKey', apiKey: SOURCES.existing } },
      { name: 'bedrock', targets: [{ kind: 'AIServiceBackend', name: 'bedrock' }], cred: { type: 'AWSCredentials', region: 'us-east-1', aws: { kind: 'default' } } },
      { name: 'azure', targets: [{ kind: 'AIServiceBackend', name: 'azure' }], cred: { type: 'AzureCredentials', clientId: 'c', tenantId: 't', azure: { kind: 'secret', source: literal } } },
      { name: 'vertex', targets: [{ kind: 'InferencePool', name: 'vertex' }], cred: { type: 'GCPCredentials', projectName: 'p', region: 'us-central1', gcp: { kind: 'adc' } } },
    ],
  },
]);

// Values YAML 1.1 would read as other types if left unquoted.
for (const value of ['yes', 'off', '0775', '10:30', '1e3', 'null', '~', '2001-12-14', '=']) {
  apps.push([`yaml-1.1/${value}`, one({ type: 'APIKey', apiKey: { kind: 'literal', value } })]);
}

// Strings Go's YAML reader (the API server's, kubectl's) reads as numbers when unquoted, though
// YAML 1.1 has no such numbers.
for (const value of ['0o17', '0X1F', '0B1', '+0o7', '1e3_0']) {
  apps.push([`yaml-go/${value}`, one({ type: 'APIKey', apiKey: { kind: 'literal', value } })]);
}
// In policy fields such values are refused when the construct is created (AIGW007; see
// test/kubernetes-numbers.test.ts), so they never reach the YAML.

export const NAMED_APPS: ReadonlyArray<readonly [string, AppPlan]> = apps;
