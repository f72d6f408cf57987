import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, Include, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import {
  AiGatewayValidation,
  AnthropicApiKeyPolicy,
  ApiKeyPolicy,
  AwsBedrockAuth,
  AwsCredentials,
  AzureApiKeyPolicy,
  AzureCredentials,
  AzureOpenAIAuth,
  GcpCredentials,
  GcpVertexAuth,
  PolicyTarget,
  SecretSource,
} from '../src';
import * as rules from '../src/rules';

/*
 * The App-wide synth-time validation (src/app-validation.ts): what it sees, how it reports, and
 * that it survives the cdk8s pitfalls (docs/cdk8s-pitfalls.md 1-3, 8).
 */

const GROUP = 'aigateway.envoyproxy.io';
const WARNING_PREFIX = '[cdk8s-aigw-auth] warning';

// ---------------------------------------------------------------------------------------------
// helpers

const tempDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aigw-app-validation-'));
  tempDirs.push(dir);
  return dir;
}

/** An App writing to a fresh directory under the OS temp dir. */
function newApp(): { app: App; outdir: string } {
  const outdir = tempDir();
  return { app: new App({ outdir }), outdir };
}

function backendRef(name: string) {
  return { group: GROUP, kind: 'AIServiceBackend', name };
}

interface RawPolicyOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly apiVersion?: string;
  readonly spec: Record<string, unknown>;
}

/** A BackendSecurityPolicy written as a raw ApiObject (no library construct involved). */
function rawPolicy(scope: Construct, id: string, options: RawPolicyOptions): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: options.apiVersion ?? `${GROUP}/v1beta1`,
    kind: 'BackendSecurityPolicy',
    metadata: { name: options.name, ...(options.namespace === undefined ? {} : { namespace: options.namespace }) },
    spec: options.spec,
  });
}

/** A raw APIKey policy referencing Secret `secret`, targeting the AIServiceBackends `targets`. */
function rawApiKeyPolicy(scope: Construct, id: string, name: string, targets: string[], extra: Partial<RawPolicyOptions> = {}): ApiObject {
  return rawPolicy(scope, id, {
    name,
    spec: { type: 'APIKey', apiKey: { secretRef: { name: `${name}-key` } }, targetRefs: targets.map(backendRef) },
    ...extra,
  });
}

interface RawSecretOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly stringData?: Record<string, unknown>;
  readonly data?: Record<string, string>;
}

function rawSecret(scope: Construct, id: string, options: RawSecretOptions): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: options.name, ...(options.namespace === undefined ? {} : { namespace: options.namespace }) },
    ...(options.stringData === undefined ? {} : { stringData: options.stringData }),
    ...(options.data === undefined ? {} : { data: options.data }),
  });
}

const HEADER = 'Validation failed with the following errors:';
const ERROR_LINE = /^\[([^\]]*)\] (AIGW\d{3}) (\S+) \(([^)]*)\): (.*)\. Fix: (.*)\.$/;

interface ReportedError {
  /** Path of the construct whose validation reported it ('' is the App). */
  readonly scope: string;
  readonly code: string;
  /** kind/namespace/name */
  readonly object: string;
  /** Where the object is: a construct path. */
  readonly location: string;
  readonly message: string;
  readonly line: string;
}

/** Runs `build`, which must throw the cdk8s validation error; returns the message and its parsed lines. */
function validationFailure(build: () => unknown): { message: string; errors: ReportedError[] } {
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  const [header, ...lines] = message.split('\n');
  expect(header).toBe(HEADER);
  const errors = lines.map((raw) => {
    const line = raw.replace(/^ {2}/, '');
    const m = ERROR_LINE.exec(line);
    if (!m) throw new Error(`not a validation error line: ${JSON.stringify(raw)}\nin:\n${message}`);
    return { scope: m[1], code: m[2], object: m[3], location: m[4], message: m[5], line };
  });
  return { message, errors };
}

/** The documents of a multi-document YAML string. */
function parseYaml(text: string): any[] {
  return parseAllDocuments(text).map((doc) => doc.toJSON());
}

function codes(errors: ReportedError[]): string[] {
  return errors.map((e) => e.code).sort();
}

let warn: jest.SpyInstance;

/** Warnings this library printed since the test started. */
function printedWarnings(): string[] {
  return warn.mock.calls.map((args) => args.map(String).join(' ')).filter((text) => text.startsWith(WARNING_PREFIX));
}

/** Lets queued microtasks and immediates run: what a real `await` between two synths does. */
function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  warn.mockRestore();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const existingKey = (name = 'openai-key') => SecretSource.fromExistingSecret(name);

// ---------------------------------------------------------------------------------------------

describe('two policies on one backend in two Charts', () => {
  function twoChartsOneBackend(namespaceA: string, namespaceB: string) {
    const { app, outdir } = newApp();
    const a = new Chart(app, 'chart-a', { namespace: namespaceA });
    const b = new Chart(app, 'chart-b', { namespace: namespaceB });
    new ApiKeyPolicy(a, 'openai', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('shared')] });
    new AnthropicApiKeyPolicy(b, 'anthropic', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('shared')] });
    return { app, outdir };
  }

  test('same namespace: app.synth() fails with one AIGW001 error naming both construct paths, and writes nothing', () => {
    const { app, outdir } = twoChartsOneBackend('ai', 'ai');
    const { errors } = validationFailure(() => app.synth());
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error.code).toBe('AIGW001');
    expect(error.line).toContain('chart-a/openai');
    expect(error.line).toContain('chart-b/anthropic');
    expect(error.message).toContain('AIServiceBackend ai/shared');
    expect(readdirSync(outdir)).toEqual([]);
  });

  test('same namespace: app.synthYaml() fails with the same single error', () => {
    const { app } = twoChartsOneBackend('ai', 'ai');
    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW001']);
    expect(errors[0].line).toMatch(/chart-a\/openai.*chart-b\/anthropic|chart-b\/anthropic.*chart-a\/openai/);
  });

  test('two namespaces: both synthesize, with both policies in the output', () => {
    const { app, outdir } = twoChartsOneBackend('team-a', 'team-b');
    const yaml = app.synthYaml();
    const policies = parseYaml(yaml).filter((o: any) => o?.kind === 'BackendSecurityPolicy');
    expect(policies.map((p: any) => p.metadata.namespace).sort()).toEqual(['team-a', 'team-b']);
    app.synth();
    expect(readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort()).toEqual(['chart-a.k8s.yaml', 'chart-b.k8s.yaml']);
    expect(printedWarnings()).toEqual([]);
  });
});

describe('what the validation sees', () => {
  test('raw ApiObject policies, v1alpha1 and v1beta1: a shared backend is an error, v1alpha1 a warning', () => {
    const { app } = newApp();
    const chart = new Chart(app, 'raw', { namespace: 'ai' });
    rawApiKeyPolicy(chart, 'old', 'old-policy', ['llm'], { apiVersion: `${GROUP}/v1alpha1` });
    rawApiKeyPolicy(chart, 'new', 'new-policy', ['llm']);
    rawPolicy(chart, 'library-less', { name: 'p3', spec: { type: 'APIKey', apiKey: { secretRef: { name: 'k' } } } });
    new ApiKeyPolicy(chart, 'lib', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('other')] });

    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW001']);
    expect(errors[0].line).toContain('BackendSecurityPolicy/ai/old-policy (raw/old)');
    expect(errors[0].line).toContain('BackendSecurityPolicy/ai/new-policy (raw/new)');
    const warnings = printedWarnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('AIGW006');
    expect(warnings[0]).toContain('BackendSecurityPolicy/ai/old-policy');
  });

  test('a raw Secret referenced by a raw policy is read: a wrong key is AIGW060', () => {
    const { app } = newApp();
    const chart = new Chart(app, 'raw', { namespace: 'ai' });
    AiGatewayValidation.enable(chart); // no library policy in this App
    rawApiKeyPolicy(chart, 'policy', 'openai', ['gpt']);
    rawSecret(chart, 'secret', { name: 'openai-key', stringData: { 'api-key': 'sk-raw' } });
    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW060']);
    expect(errors[0].line).toContain('Secret/ai/openai-key (raw/secret)');
    expect(errors[0].message).toContain("'api-key'");
    expect(errors[0].message).toContain("'apiKey'");
  });

  test('objects from Include are seen: an included policy collides with a library policy, an included Secret is checked', () => {
    const dir = tempDir();
    const file = join(dir, 'legacy.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: aigateway.envoyproxy.io/v1beta1',
        'kind: BackendSecurityPolicy',
        'metadata:',
        '  name: legacy',
        '  namespace: ai',
        'spec:',
        '  type: APIKey',
        '  apiKey:',
        '    secretRef:',
        '      name: legacy-key',
        '  targetRefs:',
        '    - group: aigateway.envoyproxy.io',
        '      kind: AIServiceBackend',
        '      name: shared',
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: legacy-key',
        '  namespace: ai',
        'stringData:',
        '  key: sk-included',
        '',
      ].join('\n'),
    );
    const { app } = newApp();
    const chart = new Chart(app, 'main', { namespace: 'ai' });
    new Include(chart, 'legacy', { url: file });
    new ApiKeyPolicy(chart, 'openai', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('shared')] });

    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW001', 'AIGW060']);
    const duplicate = errors.find((e) => e.code === 'AIGW001')!;
    expect(duplicate.line).toContain('main/openai');
    expect(duplicate.line).toContain('main/legacy/');
    const key = errors.find((e) => e.code === 'AIGW060')!;
    expect(key.object).toBe('BackendSecurityPolicy/ai/legacy');
    expect(key.location).toMatch(/^main\/legacy\//);
  });

  test('objects in nested Constructs are seen (not only direct children of a Chart)', () => {
    const { app } = newApp();
    const chart = new Chart(app, 'main', { namespace: 'ai' });
    const team = new Construct(new Construct(chart, 'platform'), 'team');
    new ApiKeyPolicy(team, 'openai', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('shared')] });
    rawApiKeyPolicy(new Construct(chart, 'legacy'), 'policy', 'legacy', ['shared'], { namespace: 'ai' });
    expect(chart.apiObjects).toEqual([]); // pitfall 2: nothing is a direct child

    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW001']);
    expect(errors[0].line).toContain('main/platform/team/openai');
    expect(errors[0].line).toContain('main/legacy/policy');
  });

  test('a JSON patch on a library policy is read: what is rendered is what is checked', () => {
    const { app } = newApp();
    const chart = new Chart(app, 'main', { namespace: 'ai' });
    const policy = new AwsBedrockAuth(chart, 'bedrock', { region: 'us-east-1' });
    policy.apiObject.addJsonPatch(JsonPatch.remove('/spec/awsCredentials/region'));
    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW020']);
    expect(errors[0].object).toBe(`BackendSecurityPolicy/ai/${policy.name}`);
  });

  describe('nested Charts (pitfall 3)', () => {
    /** A parent Chart in 'ai' with a nested Chart that names no namespace. */
    function nested() {
      const { app } = newApp();
      const parent = new Chart(app, 'parent', { namespace: 'ai' });
      const child = new Chart(parent, 'child');
      return { app, parent, child };
    }

    test('an object in a nested Chart without namespace gets none, not the parent Chart\'s', () => {
      const { app, child } = nested();
      const raw = rawApiKeyPolicy(child, 'raw', 'raw', ['shared']);
      const policy = new ApiKeyPolicy(child, 'lib', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('other')] });
      expect(raw.metadata.namespace).toBeUndefined();
      const rendered = parseYaml(app.synthYaml());
      expect(rendered.find((o: any) => o.metadata.name === 'raw').metadata.namespace).toBeUndefined();
      // The library writes the namespace it assumes rather than leaving it to kubectl's context.
      expect(policy.namespace).toBe('default');
      expect(rendered.find((o: any) => o.metadata.name === policy.name).metadata.namespace).toBe('default');
    });

    test('so it does not collide with a policy of the parent Chart\'s namespace on the same backend name', () => {
      const { app, parent, child } = nested();
      rawApiKeyPolicy(child, 'raw', 'raw', ['shared']);
      new ApiKeyPolicy(parent, 'lib', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('shared')] });
      expect(() => app.synthYaml()).not.toThrow();
    });

    test('but it does collide with a policy in the default namespace', () => {
      const { app, child } = nested();
      rawApiKeyPolicy(child, 'raw', 'raw', ['shared']);
      const other = new Chart(app, 'other', { namespace: 'default' });
      new ApiKeyPolicy(other, 'lib', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('shared')] });
      const { errors } = validationFailure(() => app.synthYaml());
      expect(codes(errors)).toEqual(['AIGW001']);
      expect(errors[0].message).toContain('AIServiceBackend default/shared');
      expect(errors[0].line).toContain('parent/child/raw');
      expect(errors[0].line).toContain('other/lib');
    });

    test('a library policy in a namespace-less nested Chart shares the default namespace with a raw one', () => {
      const { app, child } = nested();
      new ApiKeyPolicy(new Construct(child, 'deep'), 'lib', { apiKey: existingKey(), targets: [PolicyTarget.inferencePool('pool')] });
      rawPolicy(child, 'raw', {
        name: 'raw',
        spec: { type: 'APIKey', apiKey: { secretRef: { name: 'k' } }, targetRefs: [{ group: 'inference.networking.k8s.io', kind: 'InferencePool', name: 'pool' }] },
      });
      const { errors } = validationFailure(() => app.synthYaml());
      expect(codes(errors)).toEqual(['AIGW001']);
      expect(errors[0].message).toContain('InferencePool default/pool');
    });

    test('a nested Chart with its own namespace puts its objects there', () => {
      const { app, parent } = nested();
      const team = new Chart(parent, 'team', { namespace: 'team' });
      rawApiKeyPolicy(team, 'raw', 'raw', ['shared']);
      new ApiKeyPolicy(team, 'lib', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('shared')] });
      const { errors } = validationFailure(() => app.synthYaml());
      expect(codes(errors)).toEqual(['AIGW001']);
      expect(errors[0].message).toContain('AIServiceBackend team/shared');
    });
  });
});

describe('raw Secrets against library policies', () => {
  test('a raw Secret with the wrong key for fromExistingSecret is AIGW060', () => {
    const { app } = newApp();
    const secrets = new Chart(app, 'secrets', { namespace: 'ai' });
    const policies = new Chart(app, 'policies', { namespace: 'ai' });
    rawSecret(secrets, 'openai', { name: 'openai-key', stringData: { 'api-key': 'sk-wrong-key' } });
    new ApiKeyPolicy(policies, 'openai', { apiKey: SecretSource.fromExistingSecret('openai-key') });
    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW060']);
    expect(errors[0].location).toBe('policies/openai');
    expect(errors[0].line).toContain('Secret/ai/openai-key (secrets/openai)');
  });

  test('the same Secret with the right key (in data, base64) passes', () => {
    const { app } = newApp();
    const chart = new Chart(app, 'main', { namespace: 'ai' });
    rawSecret(chart, 'secret', { name: 'openai-key', data: { apiKey: Buffer.from('sk-right').toString('base64') } });
    new ApiKeyPolicy(chart, 'openai', { apiKey: SecretSource.fromExistingSecret('openai-key') });
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('a Secret in another namespace is looked up where the gateway reads it (Azure client secret)', () => {
    const { app } = newApp();
    const chart = new Chart(app, 'main', { namespace: 'ai' });
    rawSecret(chart, 'vault', { name: 'entra', namespace: 'vault', stringData: { clientSecret: 'wrong-key' } });
    rawSecret(chart, 'decoy', { name: 'entra', namespace: 'ai', stringData: { 'client-secret': 'decoy' } });
    new AzureOpenAIAuth(chart, 'azure', {
      clientId: '00000000-0000-0000-0000-000000000001',
      tenantId: '00000000-0000-0000-0000-000000000002',
      credentials: AzureCredentials.fromClientSecret(SecretSource.fromExistingSecret('entra', { namespace: 'vault' })),
    });
    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW060']);
    expect(errors[0].line).toContain('Secret/vault/entra');
    expect(errors[0].message).toContain("'client-secret'");
  });

  test('an unreferenced Secret with any keys is no error', () => {
    const { app } = newApp();
    const chart = new Chart(app, 'main', { namespace: 'ai' });
    rawSecret(chart, 'other', { name: 'unrelated', stringData: { whatever: 'x' } });
    new ApiKeyPolicy(chart, 'openai', { apiKey: SecretSource.fromExistingSecret('openai-key') });
    expect(() => app.synthYaml()).not.toThrow();
  });
});

describe('reporting', () => {
  test('all errors of a synth come together in one thrown error, each once', () => {
    const { app } = newApp();
    const a = new Chart(app, 'a', { namespace: 'ai' });
    const b = new Chart(app, 'b', { namespace: 'ai' });
    const c = new Chart(app, 'c', { namespace: 'ml' });
    const d = new Chart(app, 'd', { namespace: 'ml' });
    // a + b: two policies on one backend
    new ApiKeyPolicy(a, 'openai', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('gpt')] });
    new AzureApiKeyPolicy(b, 'azure', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('gpt')] });
    // c: a raw AWS policy without region
    rawPolicy(c, 'bedrock', { name: 'bedrock', spec: { type: 'AWSCredentials', awsCredentials: {} } });
    // c: a raw Azure policy without tenantID
    rawPolicy(c, 'entra', {
      name: 'entra',
      spec: { type: 'AzureCredentials', azureCredentials: { clientID: 'c', clientSecretRef: { name: 'entra-secret' } } },
    });
    // d: a library policy whose existing Secret has the wrong key
    rawSecret(d, 'key', { name: 'anthropic-key', stringData: { token: 'sk-ant' } });
    new AnthropicApiKeyPolicy(d, 'anthropic', { apiKey: existingKey('anthropic-key') });

    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW001', 'AIGW020', 'AIGW030', 'AIGW060']);
    expect(new Set(errors.map((e) => e.line)).size).toBe(errors.length);
    expect(errors.every((e) => e.scope === '')).toBe(true); // reported by the App-wide validation only
    expect(errors.find((e) => e.code === 'AIGW020')!.location).toBe('c/bedrock');
    expect(errors.find((e) => e.code === 'AIGW030')!.message).toContain('tenantID');
    expect(errors.find((e) => e.code === 'AIGW060')!.location).toBe('d/anthropic');

    // app.synth() reports the same set
    expect(codes(validationFailure(() => app.synth()).errors)).toEqual(codes(errors));
  });

  describe('warnings', () => {
    function appWithBadRegion(charts = 5) {
      const { app, outdir } = newApp();
      const list = Array.from({ length: charts }, (_, i) => new Chart(app, `chart-${i}`, { namespace: 'ai' }));
      new AwsBedrockAuth(list[0], 'bedrock', { region: 'us-east1' });
      return { app, outdir, charts: list };
    }

    test('a warning (AWS region us-east1) is printed but does not fail the synth', () => {
      const { app, outdir } = appWithBadRegion();
      expect(() => app.synth()).not.toThrow();
      expect(readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml'))).toHaveLength(5);
      const warnings = printedWarnings();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('AIGW025');
      expect(warnings[0]).toContain("'us-east1'");
      expect(warnings[0]).toContain('(chart-0/bedrock)');
    });

    test('printed once per synth, not once per Chart (synth, synthYaml, Testing.synth)', async () => {
      const { app, charts } = appWithBadRegion(6);
      app.synthYaml();
      expect(printedWarnings()).toHaveLength(1);
      await nextTick();
      app.synth();
      expect(printedWarnings()).toHaveLength(2);
      await nextTick();
      Testing.synth(charts[3]);
      expect(printedWarnings()).toHaveLength(3);
    });

    // Within one synchronous run the findings of an unchanged tree are reused, so a warning is
    // printed once per change of the tree, not once per synth.
    test('printed once for back-to-back synths of an unchanged tree, and again after a change', () => {
      const { app } = appWithBadRegion(3);
      app.synthYaml();
      app.synthYaml();
      expect(printedWarnings()).toHaveLength(1);
      new Chart(app, 'later', { namespace: 'other' });
      app.synthYaml();
      expect(printedWarnings()).toHaveLength(2);
    });

    test('the rules run once per synth however many Charts there are', async () => {
      const spy = jest.spyOn(rules, 'runRules');
      try {
        const { app } = appWithBadRegion(10);
        app.synthYaml();
        expect(spy).toHaveBeenCalledTimes(1);
        await nextTick();
        app.synth();
        expect(spy).toHaveBeenCalledTimes(2);
      } finally {
        spy.mockRestore();
      }
    });
  });
});

describe('registration and purity', () => {
  function manyPolicies(app: App) {
    const charts = [0, 1, 2].map((i) => new Chart(app, `c${i}`, { namespace: `ns-${i}` }));
    new ApiKeyPolicy(charts[0], 'openai', { apiKey: SecretSource.fromLiteral('sk-one'), targets: [PolicyTarget.aiServiceBackend('gpt')] });
    new AnthropicApiKeyPolicy(charts[0], 'anthropic', { apiKey: existingKey() });
    new AzureApiKeyPolicy(charts[1], 'azure-key', { apiKey: SecretSource.fromLiteral('az-key') });
    new AwsBedrockAuth(charts[1], 'bedrock', { region: 'eu-west-1', credentials: AwsCredentials.defaultChain() });
    new AzureOpenAIAuth(charts[2], 'entra', {
      clientId: 'client',
      tenantId: 'tenant',
      credentials: AzureCredentials.fromClientSecret(SecretSource.fromLiteral('entra-secret')),
    });
    new GcpVertexAuth(new Construct(charts[2], 'nested'), 'vertex', {
      projectName: 'my-project',
      region: 'us-central1',
      credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromLiteral('{"type":"service_account"}')),
    });
    return charts;
  }

  test('the validation is registered once per App however many policies there are', () => {
    const { app } = newApp();
    const add = jest.spyOn(app.node, 'addValidation');
    manyPolicies(app);
    AiGatewayValidation.enable(app);
    AiGatewayValidation.enable(app.node.children[0] as Construct);
    expect(add).toHaveBeenCalledTimes(1);
    expect((app.node as any)._validations).toHaveLength(1);
    // No construct other than the App carries a validation.
    const others = app.node.findAll().filter((c) => c !== app && ((c.node as any)._validations?.length ?? 0) > 0);
    expect(others).toEqual([]);
  });

  test('each App gets its own validation', () => {
    const first = newApp().app;
    const second = newApp().app;
    const spies = [jest.spyOn(first.node, 'addValidation'), jest.spyOn(second.node, 'addValidation')];
    manyPolicies(first);
    manyPolicies(second);
    expect(spies.map((s) => s.mock.calls.length)).toEqual([1, 1]);
  });

  test('synthesizing twice gives identical output and leaves the tree as it was', async () => {
    const { app, outdir } = newApp();
    manyPolicies(app);
    const constructs = app.node.findAll().length;
    const first = app.synthYaml();
    const second = app.synthYaml(); // same tick
    await nextTick();
    const third = app.synthYaml(); // validation recomputed
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(app.node.findAll().length).toBe(constructs);

    app.synth();
    const files = readdirSync(outdir).sort();
    const contents = files.map((f) => readFileSync(join(outdir, f), 'utf8'));
    await nextTick();
    app.synth();
    expect(readdirSync(outdir).sort()).toEqual(files);
    expect(files.map((f) => readFileSync(join(outdir, f), 'utf8'))).toEqual(contents);
    expect(app.node.findAll().length).toBe(constructs);
    expect(printedWarnings()).toEqual([]);
  });

  test('a failing synth leaves the tree as it was too', () => {
    const { app } = newApp();
    const [c0] = manyPolicies(app);
    new ApiKeyPolicy(c0, 'dup', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('gpt')] });
    const constructs = app.node.findAll().length;
    const a = validationFailure(() => app.synthYaml()).message;
    const b = validationFailure(() => app.synthYaml()).message;
    expect(b).toBe(a);
    expect(app.node.findAll().length).toBe(constructs);
  });
});

describe('changes after a synth are seen by the next synth', () => {
  function oneGoodApp() {
    const { app } = newApp();
    const a = new Chart(app, 'a', { namespace: 'ai' });
    const b = new Chart(app, 'b', { namespace: 'ai' });
    const first = new ApiKeyPolicy(a, 'first', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('x')] });
    const second = new ApiKeyPolicy(b, 'second', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('y')] });
    expect(() => app.synthYaml()).not.toThrow();
    return { app, a, b, first, second };
  }

  test('addTarget making a duplicate, after awaiting', async () => {
    const { app, second } = oneGoodApp();
    await nextTick();
    second.addTarget(PolicyTarget.aiServiceBackend('x'));
    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW001']);
  });

  test('addTarget making a duplicate, synchronously right after the synth', () => {
    const { app, second } = oneGoodApp();
    second.addTarget(PolicyTarget.aiServiceBackend('x'));
    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW001']);
    expect(errors[0].line).toContain('a/first');
    expect(errors[0].line).toContain('b/second');
  });

  test('a new policy, synchronously right after the synth', () => {
    const { app, b } = oneGoodApp();
    new AzureApiKeyPolicy(b, 'third', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('y')] });
    const { errors } = validationFailure(() => app.synth());
    expect(codes(errors)).toEqual(['AIGW001']);
    expect(errors[0].line).toContain('b/third');
  });

  test('a JSON patch that fixes a raw object is read through toJson (with a library change in the same tick)', () => {
    const { app } = newApp();
    const chart = new Chart(app, 'c', { namespace: 'ai' });
    new ApiKeyPolicy(chart, 'p', { apiKey: existingKey(), targets: [PolicyTarget.aiServiceBackend('x')] });
    const dup = rawApiKeyPolicy(chart, 'raw', 'raw', ['x'], { namespace: 'ai' });
    validationFailure(() => app.synthYaml());
    dup.addJsonPatch(JsonPatch.replace('/spec/targetRefs', []));
    new ApiKeyPolicy(chart, 'touch', { apiKey: existingKey() }); // a library change in the same tick
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('a raw ApiObject added after awaiting is seen', async () => {
    const { app, b } = oneGoodApp();
    await nextTick();
    rawApiKeyPolicy(b, 'raw', 'raw', ['x']);
    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW001']);
    expect(errors[0].line).toContain('b/raw');
  });

  test('a raw ApiObject added synchronously right after the synth is seen', () => {
    const { app, b } = oneGoodApp();
    rawApiKeyPolicy(b, 'raw', 'raw', ['x']);
    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW001']);
  });
});

describe('AiGatewayValidation.enable', () => {
  function rawOnlyApp() {
    const { app } = newApp();
    const chart = new Chart(app, 'raw', { namespace: 'ai' });
    rawApiKeyPolicy(chart, 'one', 'one', ['shared']);
    rawApiKeyPolicy(new Construct(chart, 'nested'), 'two', 'two', ['shared']);
    rawPolicy(chart, 'bedrock', { name: 'bedrock', spec: { type: 'AWSCredentials', awsCredentials: { region: '' } } });
    return { app, chart };
  }

  test('without it an App of raw objects is not validated', () => {
    const { app } = rawOnlyApp();
    expect(() => app.synthYaml()).not.toThrow();
    expect(() => app.synth()).not.toThrow();
    expect((app.node as any)._validations ?? []).toHaveLength(0);
    expect(printedWarnings()).toEqual([]);
  });

  test('with it the raw objects are validated', () => {
    const { app, chart } = rawOnlyApp();
    AiGatewayValidation.enable(chart);
    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW001', 'AIGW020']);
    expect(errors.find((e) => e.code === 'AIGW001')!.line).toContain('raw/nested/two');
  });

  test('it works for an App of Include-d YAML only, and twice is the same as once', () => {
    const dir = tempDir();
    const file = join(dir, 'only.yaml');
    writeFileSync(
      file,
      'apiVersion: aigateway.envoyproxy.io/v1beta1\nkind: BackendSecurityPolicy\nmetadata:\n  name: gcp\n  namespace: ai\nspec:\n  type: GCPCredentials\n  gcpCredentials:\n    region: us-central1\n',
    );
    const { app } = newApp();
    new Include(new Chart(app, 'c'), 'inc', { url: file });
    expect(() => app.synthYaml()).not.toThrow();
    AiGatewayValidation.enable(app);
    AiGatewayValidation.enable(app);
    expect((app.node as any)._validations).toHaveLength(1);
    const { errors } = validationFailure(() => app.synthYaml());
    expect(codes(errors)).toEqual(['AIGW040']);
    expect(errors[0].message).toContain('projectName');
  });
});

describe('no error message contains a secret value', () => {
  const SECRETS = {
    literalApiKey: 'sk-live-LITERAL-0123456789abcdef',
    literalAzure: 'azure-LITERAL-client-secret-9f8e7d',
    literalAws: '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    rawStringData: 'sk-RAW-stringdata-55aa66bb77cc',
    rawData: 'sk-RAW-base64-data-11223344',
    included: 'sk-INCLUDED-yaml-value-998877',
    oidc: 'oidc-LITERAL-client-secret-4242',
  };

  function leaks(text: string): string[] {
    const found: string[] = [];
    for (const [label, value] of Object.entries(SECRETS)) {
      const needles = [value, Buffer.from(value).toString('base64'), ...value.split('\n').filter((l) => l.length > 12)];
      if (needles.some((n) => text.includes(n))) found.push(label);
    }
    return found;
  }

  test('errors and warnings about policies and Secrets name keys and objects, never values', () => {
    const dir = tempDir();
    const file = join(dir, 'inc.yaml');
    writeFileSync(
      file,
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: included\n  namespace: ai\nstringData:\n  wrong: ${SECRETS.included}\n  apiKey: on\n`,
    );
    const { app } = newApp();
    const a = new Chart(app, 'a', { namespace: 'ai' });
    const b = new Chart(app, 'b', { namespace: 'ai' });
    new Include(a, 'inc', { url: file });
    new ApiKeyPolicy(a, 'literal', { apiKey: SecretSource.fromLiteral(SECRETS.literalApiKey), targets: [PolicyTarget.aiServiceBackend('x')] });
    new AzureApiKeyPolicy(b, 'dup', { apiKey: SecretSource.fromExistingSecret('raw-string'), targets: [PolicyTarget.aiServiceBackend('x')] });
    new AzureOpenAIAuth(b, 'azure', {
      clientId: 'c',
      tenantId: 't',
      credentials: AzureCredentials.fromClientSecret(SecretSource.fromLiteral(SECRETS.literalAzure)),
      targets: [PolicyTarget.aiServiceBackend('x')],
    });
    new AwsBedrockAuth(b, 'aws', {
      region: 'us-east1',
      credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromLiteral(SECRETS.literalAws)),
      targets: [PolicyTarget.aiServiceBackend('x')],
    });
    new AwsBedrockAuth(b, 'aws-oidc', {
      region: 'us-west-2',
      credentials: AwsCredentials.fromOidc({
        roleArn: 'arn:aws:iam::123456789012:role/bedrock',
        oidc: { issuer: 'https://idp.example.com', clientId: 'cid', clientSecret: SecretSource.fromLiteral(SECRETS.oidc) },
      }),
      targets: [PolicyTarget.aiServiceBackend('x')],
    });
    rawSecret(b, 'raw-string', { name: 'raw-string', stringData: { 'api-key': SECRETS.rawStringData } });
    rawSecret(b, 'raw-data', { name: 'raw-data', data: { token: Buffer.from(SECRETS.rawData).toString('base64') } });
    rawApiKeyPolicy(b, 'raw-a', 'raw-a', ['y'], { spec: { type: 'APIKey', apiKey: { secretRef: { name: 'raw-data' } }, targetRefs: [backendRef('y')] } });
    rawApiKeyPolicy(b, 'raw-b', 'raw-b', ['z'], { spec: { type: 'APIKey', apiKey: { secretRef: { name: 'included' } }, targetRefs: [backendRef('z')] } });

    const { message, errors } = validationFailure(() => app.synthYaml());
    // The setup really produced findings about each Secret involved.
    expect(new Set(codes(errors))).toEqual(new Set(['AIGW001', 'AIGW060', 'AIGW062']));
    const wrongKey = errors.filter((e) => e.code === 'AIGW060');
    expect(wrongKey.map((e) => e.location).sort()).toEqual(['b/dup', 'b/raw-a']);
    const notAString = errors.find((e) => e.code === 'AIGW062')!;
    expect(notAString.object).toBe('Secret/ai/included');
    expect(notAString.message).toContain("'apiKey'");
    expect(leaks(message)).toEqual([]);
    expect(printedWarnings().some((w) => w.includes('AIGW025'))).toBe(true);
    expect(leaks(printedWarnings().join('\n'))).toEqual([]);
  });

  test('a failing JSON patch on an emitted Secret does not print the Secret (pitfall 8)', () => {
    const { app } = newApp();
    const chart = new Chart(app, 'c', { namespace: 'ai' });
    const policy = new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromLiteral(SECRETS.literalApiKey) });
    policy.secret!.addJsonPatch(JsonPatch.remove('/no/such/path'));
    let message = '';
    try {
      app.synthYaml();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toBe('');
    expect(leaks(message)).toEqual([]);
  });
});
