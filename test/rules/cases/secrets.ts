import {
  apiKeySpec,
  awsOidcSpec,
  awsSpec,
  azureSpec,
  base64,
  describeInput,
  gcpSpec,
  NS,
  oidc,
  policy,
  RuleCase,
  secret,
} from '../../support/rule-helpers';

/** Rules on Secret references and the Secrets in the same input (src/rules/secrets.ts). */

const ON = `BackendSecurityPolicy/${NS}/p`;
const SECRET = (namespace: string, name: string, index: number) => describeInput('Secret', namespace, name, index);

const apiKeyPolicy = (secretRef: Record<string, unknown> = { name: 'openai-key' }, type = 'APIKey', member = 'apiKey') =>
  policy('p', { type, [member]: { secretRef } });
const apiKeySecret = (stringData: Record<string, unknown>, options: { namespace?: string; data?: Record<string, unknown> } = {}) =>
  secret('openai-key', { stringData, ...options });
const awsFilePolicy = (secretRef: Record<string, unknown> = { name: 'aws-creds' }) => policy('p', awsSpec({ credentialsFile: { secretRef } }));
const AWS_INI = '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example\n';
const azurePolicy = (clientSecretRef: Record<string, unknown> = { name: 'azure-client-secret' }) => policy('p', azureSpec({ clientSecretRef }));
const gcpFilePolicy = (secretRef: Record<string, unknown> = { name: 'gcp-sa-key' }) => policy('p', gcpSpec({ credentialsFile: { secretRef } }));
const awsOidcPolicy = (clientSecret: Record<string, unknown>) => policy('p', awsOidcSpec({ oidc: oidc({ clientSecret }) }));

const externalSecret = (spec: Record<string, unknown>, name = 'openai-external') => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name, namespace: NS },
  spec: { refreshInterval: '1h', secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, ...spec },
});
const remote = (secretKey: string) => ({ secretKey, remoteRef: { key: 'ai/openai', property: 'key' } });
const sealedSecret = (name: string, encryptedData: Record<string, unknown>) => ({
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  metadata: { name, namespace: NS },
  spec: { encryptedData, template: { metadata: { name, namespace: NS } } },
});
const SEALED = 'AgBy3i4OJSWK+PiTySYZZA9rO33HzxcpRaSexample==';

export const SECRET_CASES: RuleCase[] = [
  // AIGW067: two objects make one Secret
  {
    title: 'two Secrets of the same namespace and name',
    code: 'AIGW067',
    severity: 'error',
    failing: [apiKeyPolicy(), apiKeySecret({ apiKey: 'sk-one' }), apiKeySecret({ apiKey: 'sk-two' })],
    on: `Secret/${NS}/openai-key`,
    mentions: [SECRET(NS, 'openai-key', 1)],
    passing: [apiKeyPolicy(), apiKeySecret({ apiKey: 'sk-one' })],
  },
  {
    title: 'a SealedSecret that makes a Secret that also exists',
    code: 'AIGW067',
    severity: 'error',
    failing: [apiKeyPolicy(), apiKeySecret({ apiKey: 'sk-one' }), sealedSecret('openai-key', { apiKey: SEALED })],
    on: `SealedSecret/${NS}/openai-key`,
    passing: [apiKeyPolicy(), sealedSecret('openai-key', { apiKey: SEALED })],
  },
  // AIGW066: data that is not base64
  {
    title: 'Secret data written in plain text',
    code: 'AIGW066',
    severity: 'error',
    failing: [apiKeyPolicy(), secret('openai-key', { data: { apiKey: 'sk-plain!' } })],
    on: `Secret/${NS}/openai-key`,
    mentions: ['data.apiKey is not base64'],
    passing: [apiKeyPolicy(), secret('openai-key', { data: { apiKey: base64('sk-plain!') } })],
  },
  // AIGW010: a reference without a name
  {
    title: 'API key secretRef without a name',
    code: 'AIGW010',
    severity: 'error',
    failing: [apiKeyPolicy({})],
    on: ON,
    mentions: ['spec.apiKey.secretRef has no name'],
    fixMentions: ["'apiKey'"],
    passing: [apiKeyPolicy({ name: 'openai-key' })],
  },
  {
    title: 'Azure clientSecretRef with an empty name',
    code: 'AIGW010',
    severity: 'error',
    failing: [azurePolicy({ name: '' })],
    on: ON,
    mentions: ['spec.azureCredentials.clientSecretRef has no name'],
    fixMentions: ["'client-secret'"],
    passing: [azurePolicy({ name: 'azure-client-secret' })],
  },
  {
    title: 'GCP credentials file secretRef with a blank name',
    code: 'AIGW010',
    severity: 'error',
    failing: [gcpFilePolicy({ name: '  ' })],
    on: ON,
    mentions: ['spec.gcpCredentials.credentialsFile.secretRef has no name'],
    fixMentions: ["'service_account.json'"],
    passing: [gcpFilePolicy({ name: 'gcp-sa-key' })],
  },
  {
    title: 'OIDC clientSecret with a namespace but no name',
    code: 'AIGW010',
    severity: 'error',
    failing: [awsOidcPolicy({ namespace: NS })],
    on: ON,
    mentions: ['spec.awsCredentials.oidcExchangeToken.oidc.clientSecret has no name'],
    passing: [awsOidcPolicy({ name: 'oidc-client-secret', namespace: NS })],
  },

  // AIGW060: the Secret lacks the key the gateway reads
  {
    title: 'APIKey: the Secret has api-key, not apiKey',
    code: 'AIGW060',
    severity: 'error',
    failing: [apiKeyPolicy(), apiKeySecret({ 'api-key': 'sk-test' })],
    on: ON,
    mentions: [SECRET(NS, 'openai-key', 1), "'api-key'", "'apiKey'", 'spec.apiKey.secretRef'],
    passing: [apiKeyPolicy(), apiKeySecret({ apiKey: 'sk-test' })],
  },
  {
    title: 'AnthropicAPIKey: the key is apiKey too',
    code: 'AIGW060',
    severity: 'error',
    failing: [apiKeyPolicy(undefined, 'AnthropicAPIKey', 'anthropicAPIKey'), apiKeySecret({ 'x-api-key': 'sk-ant-test' })],
    on: ON,
    mentions: [SECRET(NS, 'openai-key', 1), "'apiKey'", 'spec.anthropicAPIKey.secretRef'],
    passing: [apiKeyPolicy(undefined, 'AnthropicAPIKey', 'anthropicAPIKey'), apiKeySecret({ apiKey: 'sk-ant-test' })],
  },
  {
    title: 'a Secret with no keys at all',
    code: 'AIGW060',
    severity: 'error',
    failing: [apiKeyPolicy(undefined, 'AzureAPIKey', 'azureAPIKey'), secret('openai-key')],
    on: ON,
    mentions: [SECRET(NS, 'openai-key', 1), 'no keys', "'apiKey'"],
    passing: [apiKeyPolicy(undefined, 'AzureAPIKey', 'azureAPIKey'), secret('openai-key', { data: { apiKey: base64('azure-key') } })],
  },
  {
    title: 'AWS credentials file: the Secret holds the fields, not the file under credentials',
    code: 'AIGW060',
    severity: 'error',
    failing: [awsFilePolicy(), secret('aws-creds', { stringData: { aws_access_key_id: 'AKIAEXAMPLE', aws_secret_access_key: 'example' } })],
    on: ON,
    mentions: [SECRET(NS, 'aws-creds', 1), "'aws_access_key_id'", "'aws_secret_access_key'", "'credentials'"],
    passing: [awsFilePolicy(), secret('aws-creds', { stringData: { credentials: AWS_INI } })],
  },
  {
    title: 'Azure: the Secret has clientSecret, not client-secret',
    code: 'AIGW060',
    severity: 'error',
    failing: [azurePolicy(), secret('azure-client-secret', { stringData: { clientSecret: 'azure-secret' } })],
    on: ON,
    mentions: [SECRET(NS, 'azure-client-secret', 1), "'client-secret'"],
    passing: [azurePolicy(), secret('azure-client-secret', { stringData: { 'client-secret': 'azure-secret' } })],
  },
  {
    title: 'GCP credentials file: the Secret has key.json, not service_account.json',
    code: 'AIGW060',
    severity: 'error',
    failing: [gcpFilePolicy(), secret('gcp-sa-key', { stringData: { 'key.json': '{"type":"service_account"}' } })],
    on: ON,
    mentions: [SECRET(NS, 'gcp-sa-key', 1), "'key.json'", "'service_account.json'"],
    passing: [gcpFilePolicy(), secret('gcp-sa-key', { stringData: { 'service_account.json': '{"type":"service_account"}' } })],
  },
  {
    title: 'OIDC: the client secret Secret, in the namespace the reference names, has client_secret',
    code: 'AIGW060',
    severity: 'error',
    failing: [
      awsOidcPolicy({ name: 'oidc-client-secret', namespace: 'idp' }),
      secret('oidc-client-secret', { namespace: 'idp', stringData: { client_secret: 'oidc-secret' } }),
    ],
    on: ON,
    mentions: [SECRET('idp', 'oidc-client-secret', 1), "'client-secret'", 'spec.awsCredentials.oidcExchangeToken.oidc.clientSecret'],
    passing: [
      awsOidcPolicy({ name: 'oidc-client-secret', namespace: 'idp' }),
      secret('oidc-client-secret', { namespace: 'idp', stringData: { 'client-secret': 'oidc-secret' } }),
    ],
  },
  {
    title: 'Azure: a cross-namespace clientSecretRef is honoured, so the Secret is looked up in that namespace',
    code: 'AIGW060',
    severity: 'error',
    failing: [
      azurePolicy({ name: 'azure-client-secret', namespace: 'shared' }),
      secret('azure-client-secret', { namespace: 'shared', stringData: { secret: 'azure-secret' } }),
      secret('azure-client-secret', { stringData: { 'client-secret': 'decoy' } }),
    ],
    on: ON,
    mentions: [SECRET('shared', 'azure-client-secret', 1)],
    passing: [
      azurePolicy({ name: 'azure-client-secret', namespace: 'shared' }),
      secret('azure-client-secret', { namespace: 'shared', stringData: { 'client-secret': 'azure-secret' } }),
      secret('azure-client-secret', { stringData: { secret: 'decoy' } }),
    ],
  },
  {
    title: 'GCP: a cross-namespace credentials file secretRef is honoured',
    code: 'AIGW060',
    severity: 'error',
    failing: [
      gcpFilePolicy({ name: 'gcp-sa-key', namespace: 'shared' }),
      secret('gcp-sa-key', { namespace: 'shared', stringData: { json: '{}' } }),
    ],
    on: ON,
    mentions: [SECRET('shared', 'gcp-sa-key', 1)],
    passing: [
      gcpFilePolicy({ name: 'gcp-sa-key', namespace: 'shared' }),
      secret('gcp-sa-key', { namespace: 'shared', stringData: { 'service_account.json': '{}' } }),
    ],
  },
  {
    title: 'API key: a cross-namespace secretRef is ignored, so the Secret is looked up in the policy namespace',
    code: 'AIGW060',
    severity: 'error',
    failing: [
      apiKeyPolicy({ name: 'openai-key', namespace: 'shared' }),
      apiKeySecret({ apiKey: 'sk-in-shared' }, { namespace: 'shared' }),
      apiKeySecret({ token: 'sk-in-ai' }),
    ],
    on: ON,
    mentions: [SECRET(NS, 'openai-key', 2)],
    alsoRaises: ['AIGW063'],
    passing: [
      apiKeyPolicy({ name: 'openai-key', namespace: 'shared' }),
      apiKeySecret({ token: 'sk-in-shared' }, { namespace: 'shared' }),
      apiKeySecret({ apiKey: 'sk-in-ai' }),
    ],
    passingRaises: ['AIGW063'],
  },

  {
    title: 'an ExternalSecret makes the Secret, with the value under secretKey api-key',
    code: 'AIGW060',
    severity: 'error',
    failing: [apiKeyPolicy(), externalSecret({ target: { name: 'openai-key' }, data: [remote('api-key')] })],
    on: ON,
    mentions: [`Secret ${NS}/openai-key made by ${describeInput('ExternalSecret', NS, 'openai-external', 1)}`, "'api-key'", "'apiKey'"],
    passing: [apiKeyPolicy(), externalSecret({ target: { name: 'openai-key' }, data: [remote('apiKey')] })],
  },
  {
    title: 'an ExternalSecret without target.name makes a Secret of its own name',
    code: 'AIGW060',
    severity: 'error',
    failing: [apiKeyPolicy(), externalSecret({ data: [remote('token')] }, 'openai-key')],
    on: ON,
    mentions: [`Secret ${NS}/openai-key made by ${describeInput('ExternalSecret', NS, 'openai-key', 1)}`],
    passing: [apiKeyPolicy(), externalSecret({ data: [remote('token')] }, 'openai-external')],
  },
  {
    title: 'an ExternalSecret template (mergePolicy Replace, the default) keeps only the template keys',
    code: 'AIGW060',
    severity: 'error',
    failing: [apiKeyPolicy(), externalSecret({ target: { name: 'openai-key', template: { data: { token: '{{ .apiKey }}' } } }, data: [remote('apiKey')] })],
    on: ON,
    mentions: ["'token'"],
    passing: [
      apiKeyPolicy(),
      externalSecret({ target: { name: 'openai-key', template: { mergePolicy: 'Merge', data: { token: '{{ .apiKey }}' } } }, data: [remote('apiKey')] }),
    ],
  },
  {
    title: 'an ExternalSecret with dataFrom brings keys only the vault knows: no key check',
    code: 'AIGW060',
    severity: 'error',
    failing: [apiKeyPolicy(), externalSecret({ target: { name: 'openai-key' }, data: [remote('token')] })],
    on: ON,
    passing: [apiKeyPolicy(), externalSecret({ target: { name: 'openai-key' }, data: [remote('token')], dataFrom: [{ extract: { key: 'ai/openai' } }] })],
  },
  {
    title: 'a SealedSecret makes the Secret, without the key',
    code: 'AIGW060',
    severity: 'error',
    failing: [apiKeyPolicy(), sealedSecret('openai-key', { token: SEALED })],
    on: ON,
    mentions: [`Secret ${NS}/openai-key made by ${describeInput('SealedSecret', NS, 'openai-key', 1)}`, "'token'"],
    passing: [apiKeyPolicy(), sealedSecret('openai-key', { apiKey: SEALED })],
  },

  // AIGW061: an empty credential
  {
    title: 'a SealedSecret with an empty encrypted value',
    code: 'AIGW061',
    severity: 'error',
    failing: [apiKeyPolicy(), sealedSecret('openai-key', { apiKey: '' })],
    on: ON,
    mentions: [`made by ${describeInput('SealedSecret', NS, 'openai-key', 1)}`],
    passing: [apiKeyPolicy(), sealedSecret('openai-key', { apiKey: SEALED })],
  },
  {
    title: 'empty API key in stringData',
    code: 'AIGW061',
    severity: 'error',
    failing: [apiKeyPolicy(), apiKeySecret({ apiKey: '' })],
    on: ON,
    mentions: [SECRET(NS, 'openai-key', 1), "'apiKey'", 'empty'],
    passing: [apiKeyPolicy(), apiKeySecret({ apiKey: 'sk-test' })],
  },
  {
    title: 'whitespace API key in stringData',
    code: 'AIGW061',
    severity: 'error',
    failing: [apiKeyPolicy(), apiKeySecret({ apiKey: ' \t\n ' })],
    on: ON,
    mentions: [SECRET(NS, 'openai-key', 1)],
    passing: [apiKeyPolicy(), apiKeySecret({ apiKey: ' sk-test \n' })],
  },
  {
    title: 'whitespace API key in base64 data',
    code: 'AIGW061',
    severity: 'error',
    failing: [apiKeyPolicy(), secret('openai-key', { data: { apiKey: base64('  \n') } })],
    on: ON,
    mentions: [SECRET(NS, 'openai-key', 1)],
    passing: [apiKeyPolicy(), secret('openai-key', { data: { apiKey: base64('sk-test\n') } })],
  },
  {
    title: 'empty API key in base64 data',
    code: 'AIGW061',
    severity: 'error',
    failing: [apiKeyPolicy(undefined, 'AzureAPIKey', 'azureAPIKey'), secret('openai-key', { data: { apiKey: '' } })],
    on: ON,
    mentions: [SECRET(NS, 'openai-key', 1)],
    passing: [apiKeyPolicy(undefined, 'AzureAPIKey', 'azureAPIKey'), secret('openai-key', { data: { apiKey: base64('azure-key') } })],
  },
  {
    title: 'stringData wins over data: a blank stringData value hides a good data value',
    code: 'AIGW061',
    severity: 'error',
    failing: [apiKeyPolicy(), secret('openai-key', { data: { apiKey: base64('sk-test') }, stringData: { apiKey: ' ' } })],
    on: ON,
    passing: [apiKeyPolicy(), secret('openai-key', { data: { apiKey: base64(' ') }, stringData: { apiKey: 'sk-test' } })],
  },
  {
    title: 'empty AWS credentials file',
    code: 'AIGW061',
    severity: 'error',
    failing: [awsFilePolicy(), secret('aws-creds', { stringData: { credentials: '\n' } })],
    on: ON,
    mentions: [SECRET(NS, 'aws-creds', 1), "'credentials'"],
    passing: [awsFilePolicy(), secret('aws-creds', { stringData: { credentials: AWS_INI } })],
  },
  {
    title: 'empty OIDC client secret',
    code: 'AIGW061',
    severity: 'error',
    failing: [awsOidcPolicy({ name: 'oidc-client-secret', namespace: NS }), secret('oidc-client-secret', { data: { 'client-secret': '' } })],
    on: ON,
    mentions: [SECRET(NS, 'oidc-client-secret', 1), "'client-secret'"],
    passing: [awsOidcPolicy({ name: 'oidc-client-secret', namespace: NS }), secret('oidc-client-secret', { data: { 'client-secret': base64('s3cr3t') } })],
  },

  // AIGW062: a Secret value that is not a string
  {
    title: 'a number in stringData (unquoted digits)',
    code: 'AIGW062',
    severity: 'error',
    failing: [apiKeyPolicy(), apiKeySecret({ apiKey: 1234567890 })],
    on: `Secret/${NS}/openai-key`,
    mentions: ["'apiKey'", 'not a string'],
    passing: [apiKeyPolicy(), apiKeySecret({ apiKey: '1234567890' })],
  },
  {
    title: 'a boolean in stringData (unquoted yes)',
    code: 'AIGW062',
    severity: 'error',
    failing: [apiKeySecret({ apiKey: true })],
    on: `Secret/${NS}/openai-key`,
    mentions: ["'apiKey'"],
    passing: [apiKeySecret({ apiKey: 'yes' })],
  },
  {
    title: 'a null in data (key with no value)',
    code: 'AIGW062',
    severity: 'error',
    failing: [secret('tls-extra', { data: { 'ca.crt': null } })],
    on: `Secret/${NS}/tls-extra`,
    mentions: ["'ca.crt'"],
    passing: [secret('tls-extra', { data: { 'ca.crt': base64('---') } })],
  },

  {
    title: 'a SealedSecret encrypted value that is not a string',
    code: 'AIGW062',
    severity: 'error',
    failing: [sealedSecret('openai-key', { apiKey: 12345 })],
    on: `SealedSecret/${NS}/openai-key`,
    mentions: ["'apiKey'"],
    passing: [sealedSecret('openai-key', { apiKey: SEALED })],
  },

  // AIGW063: a namespace the gateway ignores
  ...([
    ['APIKey', 'apiKey'],
    ['AnthropicAPIKey', 'anthropicAPIKey'],
    ['AzureAPIKey', 'azureAPIKey'],
  ] as const).map(
    ([type, member]): RuleCase => ({
      title: `${type} secretRef names another namespace`,
      code: 'AIGW063',
      severity: 'error',
      failing: [apiKeyPolicy({ name: 'openai-key', namespace: 'shared' }, type, member)],
      on: ON,
      mentions: [`spec.${member}.secretRef`, "'shared'", `'${NS}'`],
      passing: [apiKeyPolicy({ name: 'openai-key', namespace: NS }, type, member)],
    }),
  ),
  {
    title: 'AWS credentials file secretRef names another namespace',
    code: 'AIGW063',
    severity: 'error',
    failing: [awsFilePolicy({ name: 'aws-creds', namespace: 'shared' })],
    on: ON,
    mentions: ['spec.awsCredentials.credentialsFile.secretRef', "'shared'"],
    passing: [awsFilePolicy({ name: 'aws-creds' })],
  },
  {
    title: 'a policy without namespace, in the default namespace by omission, names that namespace',
    code: 'AIGW063',
    severity: 'error',
    defaultNamespace: 'team-a',
    failing: [policy('p', apiKeySpec({ apiKey: { secretRef: { name: 'openai-key', namespace: 'default' } } }), { namespace: null })],
    on: 'BackendSecurityPolicy/team-a/p',
    passing: [policy('p', apiKeySpec({ apiKey: { secretRef: { name: 'openai-key', namespace: 'team-a' } } }), { namespace: null })],
  },

  // AIGW064: a Secret name that cannot exist
  {
    title: 'Secret name with underscores',
    code: 'AIGW064',
    severity: 'error',
    failing: [azurePolicy({ name: 'dummy_azure_secret_ref_name' })],
    on: ON,
    mentions: ["'dummy_azure_secret_ref_name'", 'spec.azureCredentials.clientSecretRef.name'],
    passing: [azurePolicy({ name: 'dummy-azure-secret-ref-name' })],
  },
  {
    title: 'API key Secret name in upper case',
    code: 'AIGW064',
    severity: 'error',
    failing: [apiKeyPolicy({ name: 'OpenAI-Key' })],
    on: ON,
    mentions: ["'OpenAI-Key'"],
    passing: [apiKeyPolicy({ name: 'openai-key' })],
  },
  {
    title: 'Secret reference namespace not a namespace name',
    code: 'AIGW064',
    severity: 'error',
    failing: [gcpFilePolicy({ name: 'gcp-sa-key', namespace: 'Shared.NS' })],
    on: ON,
    mentions: ["'Shared.NS'"],
    passing: [gcpFilePolicy({ name: 'gcp-sa-key', namespace: 'shared-ns' })],
  },

  // AIGW065: the Secret the controller writes rotated credentials to
  {
    title: 'a Secret named ai-eg-bsp-<policy> in the policy namespace',
    code: 'AIGW065',
    severity: 'error',
    failing: [policy('bedrock', awsOidcSpec()), secret('ai-eg-bsp-bedrock', { stringData: { note: 'mine' } })],
    on: `Secret/${NS}/ai-eg-bsp-bedrock`,
    mentions: [describeInput('BackendSecurityPolicy', NS, 'bedrock', 0), `${NS}/ai-eg-bsp-bedrock`],
    passing: [policy('bedrock', awsOidcSpec()), secret('ai-eg-bsp-bedrock', { namespace: 'other', stringData: { note: 'mine' } })],
  },
  {
    title: 'a Secret named ai-eg-bsp-<policy> next to an API key policy',
    code: 'AIGW065',
    severity: 'error',
    failing: [policy('openai', apiKeySpec()), secret('ai-eg-bsp-openai', { stringData: { apiKey: 'sk-test' } })],
    on: `Secret/${NS}/ai-eg-bsp-openai`,
    mentions: [describeInput('BackendSecurityPolicy', NS, 'openai', 0)],
    passing: [policy('openai', apiKeySpec()), secret('ai-eg-bsp-openai-2', { stringData: { apiKey: 'sk-test' } })],
  },
  {
    title: 'a SealedSecret that unseals into ai-eg-bsp-<policy>',
    code: 'AIGW065',
    severity: 'error',
    failing: [policy('bedrock', awsOidcSpec()), sealedSecret('ai-eg-bsp-bedrock', { note: SEALED })],
    on: `SealedSecret/${NS}/ai-eg-bsp-bedrock`,
    mentions: [describeInput('BackendSecurityPolicy', NS, 'bedrock', 0)],
    passing: [policy('bedrock', awsOidcSpec()), sealedSecret('bedrock-notes', { note: SEALED })],
  },
  {
    title: 'a policy that references its own rotated-credentials Secret',
    code: 'AIGW065',
    severity: 'error',
    failing: [policy('p', apiKeySpec({ apiKey: { secretRef: { name: 'ai-eg-bsp-p' } } }))],
    on: ON,
    mentions: ['spec.apiKey.secretRef', 'ai-eg-bsp-p'],
    passing: [policy('p', apiKeySpec({ apiKey: { secretRef: { name: 'p-apikey' } } }))],
  },
];
