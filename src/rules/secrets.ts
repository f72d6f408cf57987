import { ROTATED_SECRET_PREFIX, secretRefSites, SECRET_USES } from '../gateway-facts';
import { isBlank, isNamespaceName, isObjectName, quoted } from '../values';
import { NamespacedMap } from './namespaced-map';
import { isObject } from './policy-spec';
import { Findings } from './report';
import { describe, Resolved } from './types';

/** What the rules know of a Secret in the input, whatever object produces it. */
export interface SecretView {
  /** The object that is or makes the Secret (a Secret, an ExternalSecret, a SealedSecret). */
  readonly source: Resolved;
  /** Namespace and name of the Secret it makes. */
  readonly namespace: string;
  readonly name: string;
  /** Keys the Secret will hold; undefined when they cannot be known from the manifest. */
  readonly keys?: ReadonlyMap<string, SecretValue>;
}

/** What is known of one value, without keeping the value itself. */
export type SecretValue = 'present' | 'blank' | 'not-a-string' | 'not-base64' | 'unknown';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Reads the keys of a v1 Secret (`data` is base64, `stringData` plain). */
export function viewSecret(secret: Resolved): SecretView {
  const keys = new Map<string, SecretValue>();
  readValues(secret.manifest.data, true, keys);
  readValues(secret.manifest.stringData, false, keys);
  return { source: secret, namespace: secret.ref.namespace, name: secret.ref.name, keys };
}

function readValues(values: unknown, base64: boolean, keys: Map<string, SecretValue>): void {
  if (!isObject(values)) return;
  for (const key of Object.keys(values)) {
    const value = values[key];
    if (typeof value !== 'string') keys.set(key, 'not-a-string');
    else if (base64 && !BASE64.test(value)) keys.set(key, 'not-base64');
    else keys.set(key, isBlank(base64 ? Buffer.from(value, 'base64').toString('utf8') : value) ? 'blank' : 'present');
  }
}

/**
 * Reads the Secret an External Secrets Operator ExternalSecret makes: named `spec.target.name`
 * (else the ExternalSecret's name), with the keys of `spec.data` and of the target template.
 * `dataFrom` brings keys that only the vault knows, so then no key check is possible.
 */
export function viewExternalSecret(external: Resolved): SecretView {
  const spec = isObject(external.manifest.spec) ? external.manifest.spec : {};
  const target = isObject(spec.target) ? spec.target : {};
  const name = typeof target.name === 'string' ? target.name : external.ref.name;
  const view = { source: external, namespace: external.ref.namespace, name };
  const template = isObject(target.template) ? target.template : {};
  // dataFrom and templateFrom bring keys that only the vault or another object knows.
  if (nonEmpty(spec.dataFrom) || nonEmpty(template.templateFrom)) return view;
  const templateData = isObject(template.data) ? template.data : undefined;
  if (templateData && template.mergePolicy !== 'Merge') {
    return { ...view, keys: new Map(Object.keys(templateData).map((k) => [k, 'unknown'])) };
  }
  const keys = new Map<string, SecretValue>();
  for (const entry of Array.isArray(spec.data) ? spec.data : []) {
    if (typeof entry?.secretKey === 'string') keys.set(entry.secretKey, 'unknown');
  }
  for (const key of Object.keys(templateData ?? {})) keys.set(key, 'unknown');
  return { ...view, keys };
}

/** Reads the Secret a Bitnami SealedSecret unseals into: one of the same name and namespace. */
export function viewSealedSecret(sealed: Resolved): SecretView {
  const spec = isObject(sealed.manifest.spec) ? sealed.manifest.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  // The controller names the Secret after the SealedSecret, whatever the template says.
  const name = sealed.ref.name;
  const keys = new Map<string, SecretValue>();
  for (const [key, value] of Object.entries(isObject(spec.encryptedData) ? spec.encryptedData : {})) {
    keys.set(key, typeof value !== 'string' ? 'not-a-string' : isBlank(value) ? 'blank' : 'present');
  }
  for (const key of Object.keys(isObject(template.data) ? template.data : {})) keys.set(key, 'unknown');
  return { source: sealed, namespace: sealed.ref.namespace, name, keys };
}

/** Checks every Secret reference of every policy against the Secrets in the same input. */
export function checkSecrets(policies: readonly Resolved[], secrets: readonly SecretView[], out: Findings): void {
  const index = new NamespacedMap<SecretView>();
  for (const secret of secrets) {
    const first = index.get(secret.namespace, secret.name);
    if (first) {
      out.add(
        'AIGW067',
        secret.source.ref,
        `${describeSecret(secret)} and ${describeSecret(first)} both make Secret ${secret.namespace}/${secret.name}: whichever is applied last wins`,
        'give each Secret its own name (secretName), or reference one Secret from both policies',
      );
    } else {
      index.set(secret.namespace, secret.name, secret);
    }
    for (const [key, value] of secret.keys ?? []) {
      if (value === 'not-base64') {
        out.add('AIGW066', secret.source.ref, `data.${key} is not base64`, 'encode the value in base64, or move it to stringData');
      }
      if (value === 'not-a-string') {
        out.add(
          'AIGW062',
          secret.source.ref,
          `the value of key '${key}' is not a string (Kubernetes reads unquoted yes, on, 0775, 0o17, 10:30 as other types)`,
          'quote the value',
        );
      }
    }
  }

  for (const policy of policies) {
    const policyNs = policy.ref.namespace;
    const rotated = `${ROTATED_SECRET_PREFIX}${policy.ref.name}`;
    const clash = index.get(policyNs, rotated);
    if (clash) {
      out.add(
        'AIGW065',
        clash.source.ref,
        `the gateway writes the rotated credentials of ${describe(policy.ref)} to Secret ${policyNs}/${rotated}, which ${describeSecret(clash)} also makes`,
        'rename this Secret',
      );
    }

    for (const site of secretRefSites(policy.manifest.spec)) {
      const use = SECRET_USES[site.use];
      const where = `spec.${site.path}`;
      const ref = site.ref as any;
      if (!isObject(ref) || isBlank(ref.name)) {
        out.add('AIGW010', policy.ref, `${where} has no name`, `name the Secret that holds the ${use.description} under key '${use.key}'`);
        continue;
      }
      if (!isObjectName(ref.name)) {
        out.add('AIGW064', policy.ref, `${where}.name ${quoted(String(ref.name))} is not a valid Kubernetes object name, so no such Secret can exist`, 'use lower case letters, digits, "-" and "." only');
      }
      if (ref.namespace != null && !isNamespaceName(ref.namespace)) {
        out.add('AIGW064', policy.ref, `${where}.namespace '${ref.namespace}' is not a valid namespace name`, 'use the namespace the Secret lives in');
      }
      if (!use.namespaceHonoured && ref.namespace != null && ref.namespace !== policyNs) {
        out.add(
          'AIGW063',
          policy.ref,
          `${where} names namespace '${ref.namespace}', but the gateway reads the ${use.description} from the policy's namespace '${policyNs}' and ignores it`,
          `create the Secret in '${policyNs}' and drop ${where}.namespace`,
        );
      }
      if (ref.name === rotated) {
        out.add('AIGW065', policy.ref, `${where} references ${rotated}, the Secret the gateway writes rotated credentials to`, 'reference the Secret that holds the credential');
      }
      const namespace = use.namespaceHonoured && ref.namespace != null ? ref.namespace : policyNs;
      const secret = index.get(namespace, ref.name);
      if (!secret?.keys) continue;
      const value = secret.keys.get(use.key);
      if (value === undefined) {
        const keys = [...secret.keys.keys()];
        out.add(
          'AIGW060',
          policy.ref,
          `${where} points to ${describeSecret(secret)}, which has ${keys.length ? `key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')}` : 'no keys'} but not '${use.key}', the key the gateway reads for the ${use.description}`,
          `store the ${use.description} under key '${use.key}'`,
        );
      } else if (value === 'blank') {
        out.add(
          'AIGW061',
          policy.ref,
          `${where} points to ${describeSecret(secret)}, whose '${use.key}' is empty or whitespace`,
          `put the ${use.description} in the Secret`,
        );
      }
    }
  }
}

function describeSecret(secret: SecretView): string {
  const source = describe(secret.source.ref);
  return secret.source.ref.kind === 'Secret' ? source : `Secret ${secret.namespace}/${secret.name} made by ${source}`;
}

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
