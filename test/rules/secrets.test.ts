import {
  apiKeySpec,
  awsOidcSpec,
  awsSpec,
  azureSpec,
  base64,
  describeRuleCases,
  gcpSpec,
  lint,
  NS,
  oidc,
  policy,
  render,
  secret,
  wif,
} from '../support/rule-helpers';
import { SECRET_CASES } from './cases/secrets';

describe('Secret rules', () => {
  describeRuleCases(SECRET_CASES);

  test('Azure, GCP and OIDC references may name another namespace (the gateway honours it)', () => {
    const findings = lint([
      policy('azure', azureSpec({ clientSecretRef: { name: 'azure-client-secret', namespace: 'shared' } })),
      policy('gcp-file', gcpSpec({ credentialsFile: { secretRef: { name: 'gcp-sa-key', namespace: 'shared' } } })),
      policy('gcp-wif', gcpSpec({ workloadIdentityFederationConfig: wif({ oidcExchangeToken: { oidc: oidc({ clientSecret: { name: 'idp', namespace: 'shared' } }) } }) })),
      policy('bedrock', awsOidcSpec({ oidc: oidc({ clientSecret: { name: 'idp', namespace: 'shared' } }) })),
      secret('azure-client-secret', { namespace: 'shared', stringData: { 'client-secret': 'a' } }),
      secret('gcp-sa-key', { namespace: 'shared', stringData: { 'service_account.json': '{}' } }),
      secret('idp', { namespace: 'shared', stringData: { 'client-secret': 'b' } }),
    ]);
    expect(findings.map(render)).toEqual([]);
  });

  test('a referenced Secret that is not in the input is not reported (it may be created elsewhere)', () => {
    expect(lint([policy('p', apiKeySpec()), secret('other-key', { stringData: { token: 'x' } })]).map(render)).toEqual([]);
  });

  test('the OIDC client secret without namespace is looked up in the policy namespace', () => {
    const findings = lint([
      policy('p', awsOidcSpec({ oidc: oidc({ clientSecret: { name: 'idp' } }) })),
      secret('idp', { stringData: { client_secret: 'x' } }),
    ]);
    expect(findings.map((f) => f.code).sort()).toEqual(['AIGW052', 'AIGW060']);
  });

  // Gaps: the CRD requires secretRef in apiKey/anthropicAPIKey/azureAPIKey and in both
  // credentialsFile blocks (upstream-rules.md: "API-key types: secretRef required"); lint says nothing.
  const missingSecretRef: Array<[string, unknown]> = [
    ['apiKey: {}', { type: 'APIKey', apiKey: {} }],
    ['anthropicAPIKey: {}', { type: 'AnthropicAPIKey', anthropicAPIKey: {} }],
    ['azureAPIKey: {}', { type: 'AzureAPIKey', azureAPIKey: {} }],
    ['awsCredentials.credentialsFile: {}', awsSpec({ credentialsFile: {} })],
    ['gcpCredentials.credentialsFile: {}', gcpSpec({ credentialsFile: {} })],
  ];
  for (const [what, spec] of missingSecretRef) {
    test(`${what} without secretRef is an error that names secretRef`, () => {
      const errors = lint([policy('p', spec)]).filter((f) => f.severity === 'error');
      expect(errors.map(render).join('\n')).toContain('secretRef');
    });
  }

  // Bug: the sealed-secrets controller names the unsealed Secret after the SealedSecret
  // (Unseal: secret.SetName(smeta.GetName())), ignoring spec.template.metadata.name; viewSealedSecret
  // takes the template name, so lint checks the wrong Secret name.
  test('a SealedSecret unseals into a Secret of its own name, whatever spec.template.metadata.name says', () => {
    const sealed = {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'sealed-openai', namespace: NS },
      spec: { encryptedData: { token: 'AgBy3i4OJSWK+PiTySYZZA==' }, template: { metadata: { name: 'openai-key' } } },
    };
    const refsTemplateName = lint([policy('p', apiKeySpec({ apiKey: { secretRef: { name: 'openai-key' } } })), sealed]);
    const refsOwnName = lint([policy('p', apiKeySpec({ apiKey: { secretRef: { name: 'sealed-openai' } } })), sealed]);
    expect({ template: refsTemplateName.map((f) => f.code), own: refsOwnName.map((f) => f.code) }).toEqual({ template: [], own: ['AIGW060'] });
  });

  // Bug: keys rendered from spec.target.template.templateFrom are not known from the manifest, but
  // viewExternalSecret ignores templateFrom and reports the key missing.
  test('an ExternalSecret whose template pulls templateFrom a ConfigMap: its keys are unknown, no AIGW060', () => {
    const external = {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'openai-external', namespace: NS },
      spec: {
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
        target: { name: 'openai-key', template: { templateFrom: [{ configMap: { name: 'openai-key-template', items: [{ key: 'apiKey' }] } }] } },
        data: [{ secretKey: 'raw', remoteRef: { key: 'ai/openai' } }],
      },
    };
    expect(lint([policy('p', apiKeySpec()), external]).map(render)).toEqual([]);
  });

  test('no finding message or fix contains a secret value', () => {
    const values = {
      wrongKey: 'sk-LEAKCHECK-0001-wrong-key',
      awsSecret: 'LEAKCHECK0002AwsSecretAccessKey',
      azure: 'LEAKCHECK-0003-azure-client-secret',
      rotated: 'LEAKCHECK-0004-rotated',
      crossNs: 'sk-LEAKCHECK-0005-cross-namespace',
      b64: 'sk-LEAKCHECK-0006-base64',
      oidc: 'LEAKCHECK-0007-oidc',
      number: 987654321012,
      dataNumber: 424242424242,
    };
    const manifests = [
      policy('openai', apiKeySpec()),
      secret('openai-key', { stringData: { 'api-key': values.wrongKey } }),
      policy('bedrock', awsSpec({ credentialsFile: { secretRef: { name: 'aws-creds', namespace: 'shared' } } })),
      secret('aws-creds', { stringData: { aws_secret_access_key: values.awsSecret } }),
      policy('azure', azureSpec({ clientSecretRef: { name: 'azure-client-secret', namespace: 'shared' } })),
      secret('azure-client-secret', { namespace: 'shared', stringData: { clientSecret: values.azure } }),
      secret('ai-eg-bsp-openai', { stringData: { apiKey: values.rotated } }),
      policy('anthropic', { type: 'AnthropicAPIKey', anthropicAPIKey: { secretRef: { name: 'anthropic-key', namespace: 'shared' } } }),
      secret('anthropic-key', { namespace: 'shared', stringData: { apiKey: values.crossNs } }),
      secret('anthropic-key', { data: { key: base64(values.b64) } }),
      policy('oidc', awsOidcSpec({ oidc: oidc({ clientSecret: { name: 'oidc-client-secret' } }) })),
      secret('oidc-client-secret', { stringData: { secret: values.oidc } }),
      secret('numeric', { stringData: { apiKey: values.number } }),
      secret('numeric-data', { data: { apiKey: values.dataNumber } }),
    ];
    const findings = lint(manifests);
    // Every Secret above is the subject of a finding, so its value had a chance to leak.
    for (const name of ['openai-key', 'aws-creds', 'azure-client-secret', 'ai-eg-bsp-openai', 'anthropic-key', 'oidc-client-secret', 'numeric', 'numeric-data']) {
      expect(findings.some((f) => f.object.name === name || f.message.includes(`Secret/${name.startsWith('azure') ? 'shared' : NS}/${name} `))).toBe(true);
    }
    const text = findings.map(render).join('\n');
    for (const value of Object.values(values)) {
      expect(text).not.toContain(String(value));
      expect(text).not.toContain(base64(String(value)));
    }
  });
});
