import { POLICY_GROUP, POLICY_KIND } from '../gateway-facts';
import { NamespacedMap } from './namespaced-map';
import { checkPolicy, isObject } from './policy-spec';
import { Findings } from './report';
import { checkSecrets, SecretView, viewExternalSecret, viewSealedSecret, viewSecret } from './secrets';
import { checkDuplicateTargets } from './targets';
import { describe, Finding, ManifestDocument, ObjectRef, Resolved, RuleOptions } from './types';

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
  for (const doc of docs) {
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
  const byName = new NamespacedMap<Resolved>();
  for (const policy of policies) {
    checkPolicy(policy, out);
    const first = byName.get(policy.ref.namespace, policy.ref.name);
    if (first) {
      out.add(
        'AIGW009',
        policy.ref,
        `${describe(policy.ref)} and ${describe(first.ref)} are the same object: whichever is applied last wins`,
        'give each policy its own name',
      );
    } else {
      byName.set(policy.ref.namespace, policy.ref.name, policy);
    }
  }
  checkDuplicateTargets(policies, out);
  checkSecrets(policies, secrets, out);
  return out.list;
}

function resolve(doc: ManifestDocument, options: RuleOptions): Resolved {
  const m = doc.manifest as any;
  const metadata = isObject(m.metadata) ? m.metadata : {};
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : options.defaultNamespace;
  const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
  return { doc, manifest: m, ref: new DocumentRef(String(m.kind), namespace, name, doc) };
}

/** An object's identity; its location is read from the document only when a finding needs it. */
class DocumentRef implements ObjectRef {
  constructor(
    public readonly kind: string,
    public readonly namespace: string,
    public readonly name: string,
    private readonly doc: ManifestDocument,
  ) {}

  public get location(): string {
    return this.doc.location;
  }
}
