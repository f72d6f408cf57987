import { isRotatedSecretOf, ROTATED_SECRET_PREFIX, secretRefSites, SECRET_USES } from '../gateway-facts';
import { isAbsent, isBlank, isNamespaceName, isObjectName, looksLikeCredential, quoted } from '../values';
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
  readonly keys?: SecretKeys;
}

/** What is known of one value, without keeping the value itself. */
export type SecretValue = 'present' | 'blank' | 'not-a-string' | 'not-base64' | 'unknown';

/** The keys a Secret will hold, and what is known of the value under each. */
export interface SecretKeys {
  /** What is known of the value under `key`; undefined when the Secret will not hold it. */
  get(key: string): SecretValue | undefined;
  /** Calls `visit` with every key, in the order the manifest lists them, and what is known of its value. */
  forEach(visit: (value: SecretValue, key: string) => void): void;
}

function keyNames(keys: SecretKeys): string[] {
  const names: string[] = [];
  keys.forEach((_, key) => names.push(key));
  return names;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Reads the keys of a v1 Secret (`data` is base64, `stringData` plain). */
export function viewSecret(secret: Resolved): SecretView {
  const { data, stringData } = secret.manifest;
  const keys = new ManifestKeys(isObject(data) ? data : undefined, isObject(stringData) ? stringData : undefined);
  return { source: secret, namespace: secret.namespace, name: secret.name, keys };
}

/**
 * The keys of a v1 Secret, read from its manifest when asked rather than copied for every Secret
 * of the input. A key in both `stringData` and `data` takes the `stringData` value, as on the API
 * server.
 */
class ManifestKeys implements SecretKeys {
  constructor(
    private readonly data: Record<string, unknown> | undefined,
    private readonly stringData: Record<string, unknown> | undefined,
  ) {}

  public get(key: string): SecretValue | undefined {
    if (this.stringData && hasOwn(this.stringData, key)) return valueOf(this.stringData[key], false);
    if (this.data && hasOwn(this.data, key)) return valueOf(this.data[key], true);
    return undefined;
  }

  public forEach(visit: (value: SecretValue, key: string) => void): void {
    const { data, stringData } = this;
    if (data) {
      for (const key in data) {
        if (stringData && hasOwn(stringData, key)) visit(valueOf(stringData[key], false), key);
        else visit(valueOf(data[key], true), key);
      }
    }
    if (stringData) {
      for (const key in stringData) if (!data || !hasOwn(data, key)) visit(valueOf(stringData[key], false), key);
    }
  }
}

/** Keys known up front, with what is known of each value. */
class KnownKeys implements SecretKeys {
  constructor(private readonly values: ReadonlyMap<string, SecretValue>) {}

  public get(key: string): SecretValue | undefined {
    return this.values.get(key);
  }

  public forEach(visit: (value: SecretValue, key: string) => void): void {
    this.values.forEach(visit);
  }
}

function valueOf(value: unknown, base64: boolean): SecretValue {
  if (typeof value !== 'string') return 'not-a-string';
  if (base64 && !BASE64.test(value)) return 'not-base64';
  return isBlank(base64 ? Buffer.from(value, 'base64').toString('utf8') : value) ? 'blank' : 'present';
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * Reads the Secret an External Secrets Operator ExternalSecret makes: named `spec.target.name`
 * (else the ExternalSecret's name), with the keys of `spec.data` and of the target template.
 * `dataFrom` brings keys that only the vault knows, so then no key check is possible.
 */
export function viewExternalSecret(external: Resolved): SecretView {
  const spec = isObject(external.manifest.spec) ? external.manifest.spec : {};
  const target = isObject(spec.target) ? spec.target : {};
  const name = typeof target.name === 'string' ? target.name : external.name;
  const view = { source: external, namespace: external.namespace, name };
  const template = isObject(target.template) ? target.template : {};
  // dataFrom and templateFrom bring keys that only the vault or another object knows.
  if (nonEmpty(spec.dataFrom) || nonEmpty(template.templateFrom)) return view;
  const templateData = isObject(template.data) ? template.data : undefined;
  if (templateData && template.mergePolicy !== 'Merge') {
    return { ...view, keys: new KnownKeys(new Map(Object.keys(templateData).map((k) => [k, 'unknown']))) };
  }
  const keys = new Map<string, SecretValue>();
  for (const entry of Array.isArray(spec.data) ? spec.data : []) {
    if (typeof entry?.secretKey === 'string') keys.set(entry.secretKey, 'unknown');
  }
  for (const key of Object.keys(templateData ?? {})) keys.set(key, 'unknown');
  return { ...view, keys: new KnownKeys(keys) };
}

/** Reads the Secret a Bitnami SealedSecret unseals into: one of the same name and namespace. */
export function viewSealedSecret(sealed: Resolved): SecretView {
  const spec = isObject(sealed.manifest.spec) ? sealed.manifest.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  // The controller names the Secret after the SealedSecret, whatever the template says.
  const name = sealed.name;
  const keys = new Map<string, SecretValue>();
  for (const [key, value] of Object.entries(isObject(spec.encryptedData) ? spec.encryptedData : {})) {
    keys.set(key, valueOf(value, false));
  }
  for (const key of Object.keys(isObject(template.data) ? template.data : {})) keys.set(key, 'unknown');
  return { source: sealed, namespace: sealed.namespace, name, keys: new KnownKeys(keys) };
}

/** Checks every Secret reference of every policy against the Secrets in the same input. */
export function checkSecrets(policies: readonly Resolved[], secrets: readonly SecretView[], out: Findings): void {
  const index = new NamespacedMap<SecretView>();
  /** Secrets named like the controller's rotated-credential Secrets, by namespace and policy name. */
  const rotatedSecrets = new NamespacedMap<SecretView>();
  for (let s = 0; s < secrets.length; s++) {
    const secret = secrets[s];
    const first = index.setIfAbsent(secret.namespace, secret.name, secret);
    if (first) {
      out.add(
        'AIGW067',
        secret.source,
        `${describeSecret(secret)} and ${describeSecret(first)} both make Secret ${secret.namespace}/${secret.name}: whichever is applied last wins`,
        'give each Secret its own name (secretName), or reference one Secret from both policies',
      );
    } else if (secret.name.startsWith(ROTATED_SECRET_PREFIX)) {
      rotatedSecrets.setIfAbsent(secret.namespace, secret.name.slice(ROTATED_SECRET_PREFIX.length), secret);
    }
    secret.keys?.forEach((value, key) => {
      if (value === 'not-base64') {
        out.add('AIGW066', secret.source, `data.${looksLikeCredential(key) ? '(a key that looks like a credential)' : key} is not base64`, 'encode the value in base64, or move it to stringData');
      }
      if (value === 'not-a-string') {
        out.add(
          'AIGW062',
          secret.source,
          `the value of key ${quoted(key)} is not a string (Kubernetes reads unquoted yes, on, 0775, 0o17, 10:30 as other types)`,
          'quote the value',
        );
      }
    });
  }

  for (let p = 0; p < policies.length; p++) {
    const policy = policies[p];
    const policyNs = policy.namespace;
    const clash = rotatedSecrets.get(policyNs, policy.name);
    if (clash) {
      out.add(
        'AIGW065',
        clash.source,
        `the gateway writes the rotated credentials of ${describe(policy)} to Secret ${policyNs}/${clash.name}, which ${describeSecret(clash)} also makes`,
        'rename this Secret',
      );
    }

    const sites = secretRefSites(policy.manifest.spec);
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i];
      const use = SECRET_USES[site.use];
      const where = site.path;
      const ref = site.ref as any;
      // A reference or name of the wrong type is the shape check's (AIGW007).
      if (!isObject(ref)) continue;
      if (isAbsent(ref.name)) {
        out.add('AIGW010', policy, `${where} has no name`, `name the Secret that holds the ${use.description} under key '${use.key}'`);
        continue;
      }
      const namespaceOfRef = typeof ref.namespace === 'string' ? ref.namespace : undefined;
      if (typeof ref.name !== 'string' || (ref.namespace != null && namespaceOfRef === undefined)) continue;
      if (!isObjectName(ref.name)) {
        out.add('AIGW064', policy, `${where}.name ${quoted(ref.name)} is not a valid Kubernetes object name, so no such Secret can exist`, 'use lower case letters, digits, "-" and "." only');
      }
      if (namespaceOfRef !== undefined && !isNamespaceName(namespaceOfRef)) {
        out.add('AIGW064', policy, `${where}.namespace ${quoted(namespaceOfRef)} is not a valid namespace name`, 'use the namespace the Secret lives in');
      }
      if (!use.namespaceHonoured && namespaceOfRef !== undefined && namespaceOfRef !== policyNs) {
        out.add(
          'AIGW063',
          policy,
          `${where} names namespace '${ref.namespace}', but the gateway reads the ${use.description} from the policy's namespace '${policyNs}' and ignores it`,
          `create the Secret in '${policyNs}' and drop ${where}.namespace`,
        );
      }
      if (isRotatedSecretOf(ref.name, policy.name)) {
        out.add('AIGW065', policy, `${where} references ${quoted(ref.name)}, the Secret the gateway writes rotated credentials to`, 'reference the Secret that holds the credential');
      }
      const namespace = use.namespaceHonoured && namespaceOfRef !== undefined ? namespaceOfRef : policyNs;
      const secret = index.get(namespace, ref.name);
      if (!secret?.keys) continue;
      const value = secret.keys.get(use.key);
      if (value === undefined) {
        const keys = keyNames(secret.keys);
        out.add(
          'AIGW060',
          policy,
          `${where} points to ${describeSecret(secret)}, which has ${keys.length ? `key${keys.length > 1 ? 's' : ''} ${keys.map(quoted).join(', ')}` : 'no keys'} but not '${use.key}', the key the gateway reads for the ${use.description}`,
          `store the ${use.description} under key '${use.key}'`,
        );
      } else if (value === 'blank') {
        out.add(
          'AIGW061',
          policy,
          `${where} points to ${describeSecret(secret)}, whose '${use.key}' is empty or whitespace`,
          `put the ${use.description} in the Secret`,
        );
      }
    }
  }
}

function describeSecret(secret: SecretView): string {
  const source = describe(secret.source);
  return secret.source.kind === 'Secret' ? source : `Secret ${secret.namespace}/${secret.name} made by ${source}`;
}

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
