import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { EXAMPLES } from '../examples';

/**
 * Each app in examples/ must reproduce the BackendSecurityPolicies of the upstream manifest of
 * the same name (test/fixtures/upstream-examples/, Envoy AI Gateway v1.1.0, unchanged).
 *
 * The comparison is semantic: what the gateway does with the policy must be the same, so Secret
 * references are compared through the Secret they point to, not by name (the library names the
 * Secrets it emits itself).
 */

const FIXTURES = join(__dirname, 'fixtures', 'upstream-examples');

type Manifest = Record<string, any>;

/** The keys under which a policy spec references a Secret, at any depth. */
const SECRET_REF_KEYS = ['secretRef', 'clientSecretRef', 'clientSecret'];

interface SecretRefSite {
  /** Where in the spec, for example `apiKey.secretRef`. */
  readonly path: string;
  readonly name: string;
  /** The namespace the gateway reads the Secret from. */
  readonly namespace: string;
}

function loadUpstream(name: string): Manifest[] {
  const manifests: Manifest[] = [];
  for (const doc of parseAllDocuments(readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8'))) {
    if (doc.errors.length > 0) throw new Error(`${name}.yaml: ${doc.errors[0].message}`);
    const value = doc.toJS();
    // Documents that hold only comments parse to null.
    if (value !== null && value !== undefined) manifests.push(value);
  }
  return manifests;
}

function namespaceOf(manifest: Manifest): string {
  return manifest.metadata?.namespace ?? 'default';
}

function policiesIn(manifests: Manifest[]): Manifest[] {
  return manifests.filter((m) => m.kind === 'BackendSecurityPolicy');
}

function identity(manifest: Manifest): string {
  return `${manifest.apiVersion} ${manifest.kind} ${namespaceOf(manifest)}/${manifest.metadata?.name}`;
}

function findSecret(manifests: Manifest[], namespace: string, name: string): Manifest | undefined {
  return manifests.find((m) => m.apiVersion === 'v1' && m.kind === 'Secret' && m.metadata?.name === name && namespaceOf(m) === namespace);
}

function secretKeys(secret: Manifest): string[] {
  return [...Object.keys(secret.stringData ?? {}), ...Object.keys(secret.data ?? {})].sort();
}

/** The Secret's values, `data` decoded, so that `stringData` and `data` compare equal. */
function secretValues(secret: Manifest): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) values[key] = Buffer.from(String(value), 'base64').toString('utf8');
  return { ...values, ...secret.stringData };
}

/** Every Secret reference in a policy, with the namespace the gateway reads it from. */
function secretRefs(policy: Manifest): SecretRefSite[] {
  const sites: SecretRefSite[] = [];
  const walk = (value: unknown, path: string) => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (SECRET_REF_KEYS.includes(key) && child && typeof child === 'object' && 'name' in child) {
        const ref = child as { name: string; namespace?: string };
        sites.push({ path: childPath, name: ref.name, namespace: ref.namespace ?? namespaceOf(policy) });
      } else {
        walk(child, childPath);
      }
    }
  };
  walk(policy.spec, '');
  return sites;
}

/**
 * The policy's spec with each Secret reference replaced by what it points to: the data keys of
 * the Secret when the manifests define it, else its name.
 *
 * A reference namespace equal to the policy's own is dropped: with no namespace the gateway
 * reads the Secret from the policy's namespace, so the two mean the same. Not for an OIDC
 * `clientSecret`, whose namespace the controller requires ("oidc client secret namespace is
 * nil"): there, absent and present differ.
 */
function normalisedSpec(policy: Manifest, manifests: Manifest[]): unknown {
  const policyNamespace = namespaceOf(policy);
  const normaliseRef = (key: string, ref: Manifest) => {
    const { name, namespace, ...rest } = ref;
    const secret = findSecret(manifests, namespace ?? policyNamespace, name);
    const keepNamespace = namespace !== undefined && (namespace !== policyNamespace || key === 'clientSecret');
    return {
      ...rest,
      ...(keepNamespace ? { namespace } : {}),
      secret: secret ? { keys: secretKeys(secret) } : { notInManifests: name },
    };
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) =>
        SECRET_REF_KEYS.includes(key) && child && typeof child === 'object' && 'name' in child
          ? [key, normaliseRef(key, child as Manifest)]
          : [key, walk(child)],
      ),
    );
  };
  return walk(policy.spec);
}

test('there is one example per upstream example with a BackendSecurityPolicy', () => {
  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
  expect(EXAMPLES.map((e) => e.name).sort()).toEqual(fixtures.sort());
});

describe.each(EXAMPLES)('example $name', ({ name, build }) => {
  const upstream = loadUpstream(name);
  const synth = () => {
    const chart = build(Testing.app());
    expect(chart.node.id).toBe(name);
    return Testing.synth(chart);
  };

  test('emits the same BackendSecurityPolicies as upstream', () => {
    const ours = synth();
    const theirPolicies = policiesIn(upstream);
    expect(theirPolicies.length).toBeGreaterThan(0);
    expect(policiesIn(ours).map(identity).sort()).toEqual(theirPolicies.map(identity).sort());

    for (const theirs of theirPolicies) {
      const policy = policiesIn(ours).find((p) => identity(p) === identity(theirs))!;
      expect({ policy: identity(policy), spec: normalisedSpec(policy, ours) })
        .toStrictEqual({ policy: identity(theirs), spec: normalisedSpec(theirs, upstream) });
    }
  });

  test('emits, for each Secret upstream defines, one with the same keys (and placeholders)', () => {
    const ours = synth();
    const referenced = new Set<Manifest>();

    for (const theirs of policiesIn(upstream)) {
      const policy = policiesIn(ours).find((p) => identity(p) === identity(theirs))!;
      expect(policy).toBeDefined();
      const ourRefs = secretRefs(policy);
      for (const ref of secretRefs(theirs)) {
        const theirSecret = findSecret(upstream, ref.namespace, ref.name);
        if (!theirSecret) continue; // a Secret upstream expects to exist already
        const ourRef = ourRefs.find((r) => r.path === ref.path);
        const ourSecret = ourRef && findSecret(ours, ourRef.namespace, ourRef.name);
        expect({ ref: ref.path, emitted: ourSecret !== undefined }).toEqual({ ref: ref.path, emitted: true });
        referenced.add(ourSecret!);
        expect({ ref: ref.path, keys: secretKeys(ourSecret!) }).toEqual({ ref: ref.path, keys: secretKeys(theirSecret) });
        expect({ ref: ref.path, values: secretValues(ourSecret!) }).toEqual({ ref: ref.path, values: secretValues(theirSecret) });
      }
    }

    // Nothing else: no Secret upstream does without.
    const extra = ours.filter((m) => m.kind !== 'BackendSecurityPolicy' && !referenced.has(m)).map(identity);
    expect(extra).toEqual([]);
  });
});
