import { Finding, formatObject, runRules, Severity } from '../../src/rules';

/** Namespace the rule tests put their objects in, unless a case says otherwise. */
export const NS = 'ai';

export const POLICY_V1BETA1 = 'aigateway.envoyproxy.io/v1beta1';
export const POLICY_V1ALPHA1 = 'aigateway.envoyproxy.io/v1alpha1';

export interface ObjectOptions {
  /** Namespace of the object; `null` leaves metadata.namespace out. Default {@link NS}. */
  readonly namespace?: string | null;
}

export interface PolicyOptions extends ObjectOptions {
  readonly apiVersion?: string;
}

/** A BackendSecurityPolicy manifest. */
export function policy(name: string, spec: unknown, options: PolicyOptions = {}): Record<string, unknown> {
  return {
    apiVersion: options.apiVersion ?? POLICY_V1BETA1,
    kind: 'BackendSecurityPolicy',
    metadata: metadata(name, options),
    spec,
  };
}

export interface SecretOptions extends ObjectOptions {
  readonly stringData?: Record<string, unknown>;
  readonly data?: Record<string, unknown>;
}

/** A v1 Secret manifest. */
export function secret(name: string, options: SecretOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { apiVersion: 'v1', kind: 'Secret', metadata: metadata(name, options), type: 'Opaque' };
  if (options.data !== undefined) out.data = options.data;
  if (options.stringData !== undefined) out.stringData = options.stringData;
  return out;
}

function metadata(name: string, options: ObjectOptions): Record<string, unknown> {
  const namespace = options.namespace === undefined ? NS : options.namespace;
  return namespace === null ? { name } : { name, namespace };
}

export const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A targetRef to an AIServiceBackend (default) or an InferencePool. */
export function target(name: string, kind: 'AIServiceBackend' | 'InferencePool' = 'AIServiceBackend'): Record<string, string> {
  return { group: kind === 'InferencePool' ? 'inference.networking.k8s.io' : 'aigateway.envoyproxy.io', kind, name };
}

/** A complete, valid OIDC block (the controller's stricter rules included); `over` replaces fields. */
export function oidc(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    provider: { issuer: 'https://idp.example.com/realms/ai' },
    clientID: 'gateway-client',
    clientSecret: { name: 'oidc-client-secret', namespace: NS },
    ...over,
  };
}

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/ai-gateway-bedrock';

export const apiKeySpec = (over: Record<string, unknown> = {}) => ({ type: 'APIKey', apiKey: { secretRef: { name: 'openai-key' } }, ...over });

export const awsSpec = (aws: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  type: 'AWSCredentials',
  awsCredentials: { region: 'us-east-1', ...aws },
  ...over,
});

export const awsOidcSpec = (exchange: Record<string, unknown> = {}) =>
  awsSpec({ oidcExchangeToken: { awsRoleArn: ROLE_ARN, oidc: oidc(), ...exchange } });

export const azureSpec = (azure: Record<string, unknown>) => ({
  type: 'AzureCredentials',
  azureCredentials: { clientID: '00000000-0000-0000-0000-00000000c1d0', tenantID: '00000000-0000-0000-0000-0000000000e1', ...azure },
});

export const gcpSpec = (gcp: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  type: 'GCPCredentials',
  gcpCredentials: { projectName: 'my-project', region: 'us-central1', ...gcp },
  ...over,
});

export const wif = (over: Record<string, unknown> = {}) => ({
  projectID: '123456789012',
  workloadIdentityPoolName: 'ai-pool',
  workloadIdentityProviderName: 'ai-provider',
  oidcExchangeToken: { oidc: oidc() },
  ...over,
});

/** Where the i-th manifest of a test input "is": the construct path or file:line of a real run. */
export const locationOf = (index: number) => `input-${index}.yaml:1`;

/** Runs every rule over the manifests, as the CLI and the App validation do. */
export function lint(manifests: readonly unknown[], defaultNamespace = 'default'): Finding[] {
  return runRules(
    manifests.map((manifest, i) => ({ manifest, location: locationOf(i) })),
    { defaultNamespace },
  );
}

/** A finding as the CLI prints it, without the file:line. */
export function render(f: Finding): string {
  return `${f.severity} ${f.code} ${formatObject(f.object)}: ${f.message}. Fix: ${f.fix}.`;
}

/** How a finding names another object: `kind/namespace/name (location)`. */
export function describeInput(kind: string, namespace: string, name: string, index: number): string {
  return `${kind}/${namespace}/${name} (${locationOf(index)})`;
}

/** One rule triggered by an input, and a close variant of that input that passes. */
export interface RuleCase {
  /** The situation, in words. */
  readonly title: string;
  readonly code: string;
  readonly severity: Severity;
  /** Manifests that trigger the rule. */
  readonly failing: readonly unknown[];
  /** `kind/namespace/name` of the object the finding is reported on. */
  readonly on: string;
  /**
   * Text each finding's message must contain. For a rule across objects, every other object
   * involved, as `kind/namespace/name (location)` (see {@link describeInput}).
   */
  readonly mentions?: ReadonlyArray<string | RegExp>;
  /** Text each finding's fix must contain. */
  readonly fixMentions?: readonly string[];
  /** How many findings of `code` (default 1). */
  readonly count?: number;
  /** Codes the failing input may also raise (default none). */
  readonly alsoRaises?: readonly string[];
  /** A close variant that must not raise `code`. */
  readonly passing: readonly unknown[];
  /** Codes the passing variant still raises (default none: it is clean). */
  readonly passingRaises?: readonly string[];
  /** The namespace of objects that name none (default `default`). */
  readonly defaultNamespace?: string;
}

const codesOf = (findings: readonly Finding[]) => [...new Set(findings.map((f) => f.code))].sort();

/** Two tests per case: the input triggers the rule as described; the close variant does not. */
export function describeRuleCases(cases: readonly RuleCase[]): void {
  describe.each(cases.map((c) => [`${c.code} ${c.title}`, c] as const))('%s', (_title, c) => {
    test('triggers it', () => {
      const findings = lint(c.failing, c.defaultNamespace);
      const hits = findings.filter((f) => f.code === c.code);
      expect({ count: hits.length, findings: findings.map(render) }).toMatchObject({ count: c.count ?? 1 });
      for (const f of hits) {
        expect(f.severity).toBe(c.severity);
        expect(formatObject(f.object)).toBe(c.on);
        expect(render(f)).toContain(`${c.code} ${c.on}: `);
        expect(f.message.trim()).not.toBe('');
        expect(f.fix.trim()).not.toBe('');
        for (const m of c.mentions ?? []) {
          if (typeof m === 'string') expect(f.message).toContain(m);
          else expect(f.message).toMatch(m);
        }
        for (const m of c.fixMentions ?? []) expect(f.fix).toContain(m);
      }
      expect(codesOf(findings)).toEqual([...new Set([c.code, ...(c.alsoRaises ?? [])])].sort());
    });

    test('the close variant passes', () => {
      const findings = lint(c.passing, c.defaultNamespace);
      expect(findings.filter((f) => f.code === c.code).map(render)).toEqual([]);
      expect(codesOf(findings)).toEqual([...(c.passingRaises ?? [])].sort());
    });
  });
}
