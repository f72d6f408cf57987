import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AnthropicApiKeyPolicy,
  ApiKeyPolicy,
  AwsBedrockAuth,
  AwsCredentials,
  AzureApiKeyPolicy,
  AzureCredentials,
  AzureOpenAIAuth,
  BackendSecurityPolicyBase,
  GcpCredentials,
  GcpVertexAuth,
  PolicyTarget,
  SecretSource,
} from '../src';
import { CHART_ID, expectInvalid, newChart, onlyOfKind, synth } from './support/construct-helpers';

const PATH = `${CHART_ID}/p`;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MEMBERS = ['apiKey', 'anthropicAPIKey', 'azureAPIKey', 'awsCredentials', 'azureCredentials', 'gcpCredentials'];

const existing = (name = 'k') => SecretSource.fromExistingSecret(name);
const backends = (count: number, prefix = 'b') => Array.from({ length: count }, (_, i) => PolicyTarget.aiServiceBackend(`${prefix}${i}`));

/** One policy of every type, each in a Chart of its own scope. */
const POLICY_TYPES: Array<[string, string, (scope: Construct, id: string) => BackendSecurityPolicyBase]> = [
  ['APIKey', 'apiKey', (s, id) => new ApiKeyPolicy(s, id, { apiKey: existing() })],
  ['AnthropicAPIKey', 'anthropicAPIKey', (s, id) => new AnthropicApiKeyPolicy(s, id, { apiKey: existing() })],
  ['AzureAPIKey', 'azureAPIKey', (s, id) => new AzureApiKeyPolicy(s, id, { apiKey: existing() })],
  ['AWSCredentials', 'awsCredentials', (s, id) => new AwsBedrockAuth(s, id, { region: 'us-east-1' })],
  [
    'AzureCredentials',
    'azureCredentials',
    (s, id) => new AzureOpenAIAuth(s, id, { clientId: 'c', tenantId: 't', credentials: AzureCredentials.fromClientSecret(existing()) }),
  ],
  ['GCPCredentials', 'gcpCredentials', (s, id) => new GcpVertexAuth(s, id, { projectName: 'proj', region: 'us-central1' })],
];

describe('rendering common to every policy type', () => {
  test.each(POLICY_TYPES)('%s: aigateway.envoyproxy.io/v1beta1, type set, only the member %s present', (type, member, build) => {
    const { chart } = newChart('ai');
    build(chart, 'p');
    const policy = onlyOfKind(synth(chart), 'BackendSecurityPolicy');
    expect(policy.apiVersion).toBe('aigateway.envoyproxy.io/v1beta1');
    expect(policy.spec.type).toBe(type);
    expect(MEMBERS.filter((m) => m in policy.spec)).toEqual([member]);
  });

  test('snapshot: metadata, labels, annotations and targets', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'openai', {
      metadata: {
        name: 'openai-apikey',
        labels: { 'app.kubernetes.io/part-of': 'llm-gateway' },
        annotations: { 'example.com/owner': 'platform' },
      },
      apiKey: SecretSource.fromLiteral('sk-example'),
      targets: [PolicyTarget.aiServiceBackend('openai'), PolicyTarget.inferencePool('vllm')],
    });
    expect(synth(chart)).toMatchSnapshot();
  });
});

describe('metadata and namespaces', () => {
  test('metadata.name, labels and annotations are written to the policy', () => {
    const { chart } = newChart('ai');
    const policy = new ApiKeyPolicy(chart, 'p', {
      metadata: { name: 'my-policy', labels: { team: 'ml' }, annotations: { note: 'hello' } },
      apiKey: existing(),
    });
    const rendered = onlyOfKind(synth(chart), 'BackendSecurityPolicy');
    expect(rendered.metadata).toEqual({ name: 'my-policy', namespace: 'ai', labels: { team: 'ml' }, annotations: { note: 'hello' } });
    expect(policy.name).toBe('my-policy');
  });

  test("the Chart's namespace applies when metadata has none", () => {
    const { chart } = newChart('chart-ns');
    const policy = new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromLiteral('v') });
    expect(policy.namespace).toBe('chart-ns');
    expect(synth(chart).map((o) => o.metadata.namespace)).toEqual(['chart-ns', 'chart-ns']);
  });

  test("metadata.namespace wins over the Chart's namespace, for the policy and its Secret", () => {
    const { chart } = newChart('chart-ns');
    const policy = new ApiKeyPolicy(chart, 'p', { metadata: { namespace: 'own-ns' }, apiKey: SecretSource.fromLiteral('v') });
    expect(policy.namespace).toBe('own-ns');
    expect(synth(chart).map((o) => o.metadata.namespace)).toEqual(['own-ns', 'own-ns']);
  });

  test('without metadata.namespace nor a Chart namespace the namespace is "default", written out', () => {
    const { chart } = newChart();
    const policy = new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromLiteral('v') });
    expect(policy.namespace).toBe('default');
    expect(synth(chart).map((o) => o.metadata.namespace)).toEqual(['default', 'default']);
  });

  test("a policy inside a plain Construct takes the enclosing Chart's namespace", () => {
    const { chart } = newChart('chart-ns');
    const policy = new ApiKeyPolicy(new Construct(chart, 'group'), 'p', { apiKey: existing() });
    expect(policy.namespace).toBe('chart-ns');
    expect(onlyOfKind(synth(chart), 'BackendSecurityPolicy').metadata.namespace).toBe('chart-ns');
  });

  test('a policy in a nested Chart takes the nearest Chart (documented: the Chart namespace, else "default")', () => {
    const { chart } = newChart('outer-ns');
    const withNs = new ApiKeyPolicy(new Chart(chart, 'inner', { namespace: 'inner-ns' }), 'p', { apiKey: existing() });
    const withoutNs = new ApiKeyPolicy(new Chart(chart, 'bare'), 'p', { apiKey: existing() });
    expect(withNs.namespace).toBe('inner-ns');
    expect(withoutNs.namespace).toBe('default');
  });

  test.each(['Team_A', 'UPPER', 'has.dot', '-lead', 'n'.repeat(64)])('a namespace that is not a DNS label (%j) is refused (AIGW080)', (namespace) => {
    const { chart } = newChart('ai');
    expectInvalid(() => new ApiKeyPolicy(chart, 'p', { metadata: { namespace }, apiKey: existing() }), PATH, [
      { code: 'AIGW080', prop: 'metadata.namespace', problem: 'is not a valid namespace name', fix: 'at most 63 characters' },
    ]);
  });

  test('an invalid Chart namespace is refused as well (AIGW080)', () => {
    const { chart } = newChart('Chart_NS');
    // Blamed on the Chart, where the user set it.
    expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: existing() }), PATH, [{ code: 'AIGW080', prop: 'chart.namespace', problem: "'Chart_NS' (the namespace of Chart 'test')" }]);
  });

  test('a namespace of exactly 63 characters is accepted', () => {
    const { chart } = newChart();
    const namespace = 'n'.repeat(63);
    expect(new ApiKeyPolicy(chart, 'p', { metadata: { namespace }, apiKey: existing() }).namespace).toBe(namespace);
  });

  test.each(['My_Policy', 'UPPER', 'trailing-', 'a..b', 'x'.repeat(254)])('a metadata.name that is not a DNS name (%j) is refused (AIGW080)', (name) => {
    const { chart } = newChart('ai');
    expectInvalid(() => new ApiKeyPolicy(chart, 'p', { metadata: { name }, apiKey: existing() }), PATH, [
      { code: 'AIGW080', prop: 'metadata.name', problem: 'is not a valid Kubernetes object name', fix: 'set metadata.name' },
    ]);
  });

  test('a bad name and a bad namespace are reported together', () => {
    const { chart } = newChart('ai');
    expectInvalid(() => new ApiKeyPolicy(chart, 'p', { metadata: { name: 'Bad', namespace: 'Bad' }, apiKey: existing() }), PATH, [
      { code: 'AIGW080', prop: 'metadata.name' },
      { code: 'AIGW080', prop: 'metadata.namespace' },
    ]);
  });
});

describe('generated names', () => {
  test('the name is generated from the construct path: lower case, a valid object name, stable', () => {
    const build = () => {
      const { chart } = newChart('ai');
      return new ApiKeyPolicy(new Construct(chart, 'Providers'), 'OpenAI', { apiKey: existing() });
    };
    const policy = build();
    expect(policy.name).toMatch(/^test-providers-openai-[0-9a-f]{8}$/);
    expect(policy.name).toMatch(DNS_SUBDOMAIN);
    expect(build().name).toBe(policy.name);
    expect(policy.apiObject.name).toBe(policy.name);
  });

  test('two policies with different ids get different names', () => {
    const { chart } = newChart('ai');
    const a = new ApiKeyPolicy(chart, 'a', { apiKey: existing() });
    const b = new ApiKeyPolicy(chart, 'b', { apiKey: existing() });
    expect(a.name).not.toBe(b.name);
    expect(synth(chart).map((o) => o.metadata.name)).toEqual([a.name, b.name]);
  });

  test('a construct id that yields an invalid name is refused, pointing at the id and metadata.name (AIGW080)', () => {
    const { chart } = newChart('ai');
    expectInvalid(() => new ApiKeyPolicy(chart, 'My_Policy', { apiKey: existing() }), `${CHART_ID}/My_Policy`, [
      { code: 'AIGW080', prop: 'id', problem: "'test-my_policy-", fix: 'set metadata.name' },
    ]);
  });
});

describe('addTarget and targets', () => {
  test('addTarget after construction adds to targetRefs, after the targets of the props', () => {
    const { chart } = newChart('ai');
    const policy = new ApiKeyPolicy(chart, 'p', { apiKey: existing(), targets: [PolicyTarget.aiServiceBackend('first')] });
    policy.addTarget(PolicyTarget.inferencePool('second'));
    expect(policy.targets.map((t) => t.name)).toEqual(['first', 'second']);
    expect(onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec.targetRefs.map((t: any) => t.name)).toEqual(['first', 'second']);
  });

  test('targets is a copy: changing it does not change the policy', () => {
    const { chart } = newChart('ai');
    const policy = new ApiKeyPolicy(chart, 'p', { apiKey: existing(), targets: [PolicyTarget.aiServiceBackend('only')] });
    policy.targets.push(PolicyTarget.aiServiceBackend('sneaky'));
    expect(policy.targets).toHaveLength(1);
    expect(onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec.targetRefs).toHaveLength(1);
  });

  test('a target listed twice in the props is refused (AIGW001)', () => {
    const { chart } = newChart('ai');
    expectInvalid(
      () => new ApiKeyPolicy(chart, 'p', { apiKey: existing(), targets: [PolicyTarget.inferencePool('pool'), PolicyTarget.inferencePool('pool')] }),
      PATH,
      [{ code: 'AIGW001', prop: 'targets', problem: "InferencePool 'pool' is listed twice", fix: 'list each backend once' }],
    );
  });

  test('addTarget of a target already there is refused (AIGW001) and changes nothing', () => {
    const { chart } = newChart('ai');
    const policy = new ApiKeyPolicy(chart, 'p', { apiKey: existing(), targets: [PolicyTarget.aiServiceBackend('x')] });
    expectInvalid(() => policy.addTarget(PolicyTarget.aiServiceBackend('x')), PATH, [{ code: 'AIGW001', prop: 'targets', problem: "AIServiceBackend 'x'" }]);
    expect(policy.targets).toHaveLength(1);
  });

  test('16 targets are accepted', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'p', { apiKey: existing(), targets: backends(16) });
    expect(onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec.targetRefs).toHaveLength(16);
  });

  test('17 targets in the props are refused (AIGW002)', () => {
    const { chart } = newChart('ai');
    expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: existing(), targets: backends(17) }), PATH, [
      { code: 'AIGW002', prop: 'targets', problem: 'at most 16 targets', fix: 'split the backends over several policies' },
    ]);
  });

  test('a 17th target through addTarget is refused (AIGW002) and the policy keeps 16', () => {
    const { chart } = newChart('ai');
    const policy = new ApiKeyPolicy(chart, 'p', { apiKey: existing(), targets: backends(16) });
    expectInvalid(() => policy.addTarget(PolicyTarget.inferencePool('one-more')), PATH, [{ code: 'AIGW002', prop: 'targets' }]);
    expect(onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec.targetRefs).toHaveLength(16);
  });

  test('several problems of one addTarget are reported in one error', () => {
    const { chart } = newChart('ai');
    const policy = new ApiKeyPolicy(chart, 'p', { apiKey: existing(), targets: backends(16) });
    expectInvalid(() => policy.addTarget(PolicyTarget.aiServiceBackend('b0')), PATH, [
      { code: 'AIGW001', prop: 'targets' },
      { code: 'AIGW002', prop: 'targets' },
    ]);
    expectInvalid(() => policy.addTarget(PolicyTarget.aiServiceBackend('Bad_Name')), PATH, [
      { code: 'AIGW064', prop: 'targets' },
      { code: 'AIGW002', prop: 'targets' },
    ]);
  });
});

describe('read access to the emitted objects', () => {
  test('apiObject and secret are the objects the Chart emits', () => {
    const { chart } = newChart('ai');
    const policy = new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromLiteral('v') });
    const emitted = chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
    expect(emitted).toHaveLength(2);
    expect(emitted[0]).toBe(policy.apiObject);
    expect(emitted[1]).toBe(policy.secret);
    expect(synth(chart)).toEqual([policy.apiObject.toJson(), policy.secret!.toJson()]);
    expect(policy.apiObject.kind).toBe('BackendSecurityPolicy');
    expect(policy.apiObject.apiVersion).toBe('aigateway.envoyproxy.io/v1beta1');
    expect(policy.secret!.kind).toBe('Secret');
    expect(policy.secret!.metadata.namespace).toBe('ai');
  });

  test('a change made through apiObject (escape hatch) shows in the output', () => {
    const { chart } = newChart('ai');
    const policy = new AwsBedrockAuth(chart, 'p', { region: 'us-east-1' });
    policy.apiObject.metadata.addLabel('patched', 'yes');
    policy.apiObject.addJsonPatch(JsonPatch.add('/spec/awsCredentials/region', 'eu-west-1'));
    const rendered = onlyOfKind(synth(chart), 'BackendSecurityPolicy');
    expect(rendered.metadata.labels).toEqual({ patched: 'yes' });
    expect(rendered.spec.awsCredentials.region).toBe('eu-west-1');
  });

  test('secret is undefined when no Secret is emitted', () => {
    const { chart } = newChart('ai');
    expect(new AwsBedrockAuth(chart, 'aws', { region: 'us-east-1' }).secret).toBeUndefined();
    expect(new GcpVertexAuth(chart, 'gcp', { projectName: 'proj', region: 'us-central1' }).secret).toBeUndefined();
    expect(new ApiKeyPolicy(chart, 'key', { apiKey: existing() }).secret).toBeUndefined();
    expect(synth(chart).filter((o) => o.kind === 'Secret')).toEqual([]);
  });
});

describe('names of emitted Secrets', () => {
  const suffixes: Array<[string, string, (chart: Chart, name: string) => BackendSecurityPolicyBase]> = [
    ['API key', 'apikey', (c, name) => new ApiKeyPolicy(c, 'p', { metadata: { name }, apiKey: SecretSource.fromLiteral('v') })],
    [
      'AWS credentials file',
      'aws-credentials',
      (c, name) => new AwsBedrockAuth(c, 'p', { metadata: { name }, region: 'us-east-1', credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromLiteral('v')) }),
    ],
    [
      'Azure client secret',
      'azure-client-secret',
      (c, name) => new AzureOpenAIAuth(c, 'p', { metadata: { name }, clientId: 'c', tenantId: 't', credentials: AzureCredentials.fromClientSecret(SecretSource.fromLiteral('v')) }),
    ],
    [
      'GCP service account key',
      'gcp-service-account-key',
      (c, name) => new GcpVertexAuth(c, 'p', {
        metadata: { name },
        projectName: 'proj',
        region: 'us-central1',
        credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromLiteral('{}')),
      }),
    ],
    [
      'OIDC client secret',
      'oidc-client-secret',
      (c, name) => new AzureOpenAIAuth(c, 'p', {
        metadata: { name },
        clientId: 'c',
        tenantId: 't',
        credentials: AzureCredentials.fromOidc({ issuer: 'https://idp.example.com', clientId: 'gw', clientSecret: SecretSource.fromLiteral('v') }),
      }),
    ],
  ];

  test.each(suffixes)('%s: <policy name>-%s', (_label, suffix, build) => {
    const { chart } = newChart('ai');
    build(chart, 'policy');
    expect(onlyOfKind(synth(chart), 'Secret').metadata.name).toBe(`policy-${suffix}`);
  });

  test.each(suffixes)('%s: a 253-character policy name gives a valid Secret name of at most 253 characters', (_label, suffix, build) => {
    const { chart } = newChart('ai');
    const policyName = 'p'.repeat(253);
    build(chart, policyName);
    const name: string = onlyOfKind(synth(chart), 'Secret').metadata.name;
    expect(name.length).toBeLessThanOrEqual(253);
    expect(name).toMatch(DNS_SUBDOMAIN);
    expect(name).toMatch(new RegExp(`^p+-[0-9a-f]{8}-${suffix}$`));
  });

  test('a name that just fits (246 + "-apikey" = 253 characters) is used as is', () => {
    const { chart } = newChart('ai');
    const policyName = 'a'.repeat(246);
    suffixes[0][2](chart, policyName);
    expect(onlyOfKind(synth(chart), 'Secret').metadata.name).toBe(`${policyName}-apikey`);
  });

  test('one character more (254) is shortened with a hash to exactly 253 characters', () => {
    const { chart } = newChart('ai');
    const policyName = 'a'.repeat(247);
    suffixes[0][2](chart, policyName);
    const name: string = onlyOfKind(synth(chart), 'Secret').metadata.name;
    expect(name).toHaveLength(253);
    expect(name).toMatch(/^a{237}-[0-9a-f]{8}-apikey$/);
  });

  test('shortened names stay unique and deterministic: long names that differ only at the end', () => {
    const secretNameFor = (policyName: string) => {
      const { chart } = newChart('ai');
      suffixes[0][2](chart, policyName);
      return onlyOfKind(synth(chart), 'Secret').metadata.name as string;
    };
    const base = 'x'.repeat(250);
    expect(secretNameFor(`${base}abc`)).not.toBe(secretNameFor(`${base}abd`));
    expect(secretNameFor(`${base}abc`)).toBe(secretNameFor(`${base}abc`));
  });

  test.each(['.', '-'])('the cut never leaves "%s" before the hash (the name stays a DNS name)', (separator) => {
    const { chart } = newChart('ai');
    // 253 - "apikey" - 8 hash characters - 2 dashes = 237: the kept prefix ends with the separator.
    const policyName = `${'a'.repeat(236)}${separator}${'b'.repeat(16)}`;
    suffixes[0][2](chart, policyName);
    const name: string = onlyOfKind(synth(chart), 'Secret').metadata.name;
    expect(name).toMatch(/^a{236}-[0-9a-f]{8}-apikey$/);
    expect(name).toMatch(DNS_SUBDOMAIN);
  });
});

describe('the rotated-credentials Secret name ai-eg-bsp-<policy name>', () => {
  test('an existing Secret with that name is refused (AIGW065)', () => {
    const { chart } = newChart('ai');
    expectInvalid(() => new ApiKeyPolicy(chart, 'p', { metadata: { name: 'openai' }, apiKey: existing('ai-eg-bsp-openai') }), PATH, [
      { code: 'AIGW065', prop: 'apiKey', problem: "'ai-eg-bsp-openai'", fix: 'name the Secret differently' },
    ]);
  });

  test('the guard follows a generated policy name too, and an OIDC client secret', () => {
    const { chart: probe } = newChart('ai');
    const generated = new AwsBedrockAuth(probe, 'p', { region: 'us-east-1' }).name;
    const { chart } = newChart('ai');
    expectInvalid(
      () =>
        new AwsBedrockAuth(chart, 'p', {
          region: 'us-east-1',
          credentials: AwsCredentials.fromOidc({
            roleArn: 'arn:aws:iam::123456789012:role/bedrock',
            oidc: { issuer: 'https://idp.example.com', clientId: 'gw', clientSecret: existing(`ai-eg-bsp-${generated}`) },
          }),
        }),
      PATH,
      [{ code: 'AIGW065', prop: 'credentials.oidc.clientSecret' }],
    );
  });

  test('the rotated name of another policy name is not this guard\'s business', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'p', { metadata: { name: 'openai' }, apiKey: existing('ai-eg-bsp-anthropic') });
    expect(onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec.apiKey.secretRef.name).toBe('ai-eg-bsp-anthropic');
  });
});

describe('deterministic output', () => {
  function buildApp() {
    const { app, chart } = newChart('ai');
    POLICY_TYPES.forEach(([type, , build]) => {
      const policy = build(chart, type);
      policy.addTarget(PolicyTarget.aiServiceBackend(`backend-${type.toLowerCase()}`));
    });
    new ApiKeyPolicy(chart, 'literal', { apiKey: SecretSource.fromLiteral('sk-1'), targets: [PolicyTarget.inferencePool('pool')] });
    return { app, chart };
  }

  test('synthesizing the same app twice gives identical output', () => {
    const { app, chart } = buildApp();
    const first = app.synthYaml();
    expect(app.synthYaml()).toBe(first);
    expect(synth(chart)).toEqual(synth(chart));
    expect(first).toContain('kind: BackendSecurityPolicy');
  });

  test('building the same app twice gives identical output', () => {
    expect(buildApp().app.synthYaml()).toBe(buildApp().app.synthYaml());
  });
});

describe('problems found in the constructor, the targets and the credentials are reported together', () => {
  // src/policy-base.ts throws for metadata problems in the constructor, then for each target in
  // addTarget, then for the credentials in _configure: a construct with problems in two phases
  // reports only the first phase.
  test('a bad namespace and an empty region in one error', () => {
    const { chart } = newChart('ai');
    expectInvalid(() => new AwsBedrockAuth(chart, 'p', { metadata: { namespace: 'Bad NS' }, region: '' }), PATH, [
      { code: 'AIGW080', prop: 'metadata.namespace' },
      { code: 'AIGW020', prop: 'region' },
    ]);
  });

  test('a duplicate target and an empty region in one error', () => {
    const { chart } = newChart('ai');
    expectInvalid(
      () => new AwsBedrockAuth(chart, 'p', { region: '', targets: [PolicyTarget.aiServiceBackend('a'), PolicyTarget.aiServiceBackend('a')] }),
      PATH,
      [
        { code: 'AIGW001', prop: 'targets' },
        { code: 'AIGW020', prop: 'region' },
      ],
    );
  });

  test('two bad targets in the props in one error', () => {
    const { chart } = newChart('ai');
    expectInvalid(
      () => new ApiKeyPolicy(chart, 'p', { apiKey: existing(), targets: [PolicyTarget.aiServiceBackend('Bad_One'), PolicyTarget.inferencePool('Bad_Two')] }),
      PATH,
      [
        { code: 'AIGW064', prop: 'targets', problem: 'Bad_One' },
        { code: 'AIGW064', prop: 'targets', problem: 'Bad_Two' },
      ],
    );
  });
});
