import { POLICY_GROUP, POLICY_KIND } from '../gateway-facts';
import { NamespacedMap } from './namespaced-map';
import { checkPolicy, isObject } from './policy-spec';
import { Findings } from './report';
import { describeType } from './schema';
import { checkSecrets, SecretView, viewExternalSecret, viewSealedSecret, viewSecret } from './secrets';
import { checkDuplicateTargets } from './targets';
import { describe, Finding, ManifestDocument, Resolved, RuleOptions } from './types';

export * from './types';
export { RULES } from './catalog';

const POLICY_GROUP_PREFIX = `${POLICY_GROUP}/`;

/**
 * Runs every rule over a set of manifests (an App's objects, or all the YAML a lint run read).
 * Secrets count whatever makes them: a v1 Secret, an ExternalSecret or a SealedSecret.
 * Objects of other kinds pass through. Linear in the number of objects.
 */
export function runRules(docs: readonly ManifestDocument[], options: RuleOptions): Finding[] {
  const policies: Resolved[] = [];
  const secrets: SecretView[] = [];
  // Indexed loops here and in the rules: each synth runs them once, mostly before V8 optimizes
  // them, and an unoptimized for-of allocates a result object per step.
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    const m = doc.manifest as any;
    if (!isObject(m)) continue;
    if (m.kind === POLICY_KIND && typeof m.apiVersion === 'string' && m.apiVersion.startsWith(POLICY_GROUP_PREFIX)) {
      policies.push(resolve(doc, options));
    } else if (m.kind === 'Secret' && m.apiVersion === 'v1') {
      secrets.push(viewSecret(resolve(doc, options)));
    } else if (m.kind === 'ExternalSecret' && String(m.apiVersion).startsWith('external-secrets.io/')) {
      secrets.push(viewExternalSecret(resolve(doc, options)));
    } else if (m.kind === 'SealedSecret' && String(m.apiVersion).startsWith('bitnami.com/')) {
      secrets.push(viewSealedSecret(resolve(doc, options)));
    }
  }
  const out = new Findings();
  for (let i = 0; i < policies.length; i++) checkMetadataTypes(policies[i], 'AIGW080', out);
  for (let i = 0; i < secrets.length; i++) checkMetadataTypes(secrets[i].source, 'AIGW064', out);
  const byName = new NamespacedMap<Resolved>();
  for (let i = 0; i < policies.length; i++) {
    const policy = policies[i];
    checkPolicy(policy, out);
    const first = byName.setIfAbsent(policy.namespace, policy.name, policy);
    if (first) {
      out.add(
        'AIGW009',
        policy,
        `${describe(policy)} and ${describe(first)} are the same object: whichever is applied last wins`,
        'give each policy its own name',
      );
    }
  }
  checkDuplicateTargets(policies, out);
  checkSecrets(policies, secrets, out);
  return out.list;
}

/**
 * A name or namespace that is not a string: the API server refuses the object, and the rules,
 * which cannot tell where it lives, read it as unnamed or in the default namespace.
 */
function checkMetadataTypes(object: Resolved, code: string, out: Findings): void {
  const metadata = object.manifest.metadata;
  if (!isObject(metadata)) return;
  for (const field of METADATA_STRINGS) {
    const value = metadata[field];
    if (value === undefined || value === null || typeof value === 'string') continue;
    out.add(
      code,
      object,
      `metadata.${field} is ${describeType(value)}, not a string (Kubernetes reads unquoted yes, on, 0775, 0o17 as other types)`,
      'quote the value',
    );
  }
}

const METADATA_STRINGS = ['name', 'namespace'] as const;

function resolve(doc: ManifestDocument, options: RuleOptions): Resolved {
  const m = doc.manifest as any;
  const metadata = isObject(m.metadata) ? m.metadata : undefined;
  const namespace = typeof metadata?.namespace === 'string' ? metadata.namespace : options.defaultNamespace;
  const name = typeof metadata?.name === 'string' ? metadata.name : '(unnamed)';
  return new ResolvedDocument(doc, m, String(m.kind), namespace, name);
}

/** A manifest and its identity; its location is read from the document only when a finding needs it. */
class ResolvedDocument implements Resolved {
  constructor(
    public readonly doc: ManifestDocument,
    public readonly manifest: any,
    public readonly kind: string,
    public readonly namespace: string,
    public readonly name: string,
  ) {}

  public get location(): string {
    return this.doc.location;
  }
}
