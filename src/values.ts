/**
 * Predicates on the scalar values a policy holds. Constructs use them to refuse bad props at
 * construction and the rules use them on any manifest, so both agree on what is well formed.
 */

/**
 * A test by `pattern` that remembers the last string it accepted. Namespaces and regions repeat
 * across the objects of an App, and are checked for each object at construction and again by the
 * validation: comparing with the last one is cheaper than running the pattern again.
 */
function acceptsRepeated(pattern: RegExp): (value: string) => boolean {
  let last: string | undefined;
  return (value) => {
    if (value === last) return true;
    if (!pattern.test(value)) return false;
    last = value;
    return true;
  };
}

const isDnsLabel = acceptsRepeated(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const AWS_ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const isAwsRegion = acceptsRepeated(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/);
const isGcpRegion = acceptsRepeated(/^([a-z]+-[a-z]+\d{1,2}|global)$/);

/**
 * Plain scalars that the Kubernetes YAML reader (sigs.k8s.io/yaml) takes for numbers although a
 * YAML 1.1 writer such as cdk8s's leaves them unquoted: 0o17, 0B1, 0X1F, +0o7, 1e3_0.
 */
export const KUBERNETES_ONLY_NUMBER = /^[-+]?(0[oO][0-7_]+|0B[01_]+|0X[0-9a-fA-F_]+|[0-9][0-9_]*(\.[0-9_]*)?[eE][-+]?[0-9]+_[0-9_]*)$/;

/** A string that Kubernetes would read back as a number from synthesized YAML. */
export function isReadAsNumber(value: string): boolean {
  // Every such string starts with a digit or a sign: most values are decided without the regex.
  const first = value.charCodeAt(0);
  const maybeNumber = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d;
  return maybeNumber && KUBERNETES_ONLY_NUMBER.test(value);
}

/** True for a string that holds nothing but whitespace (or nothing at all). */
export function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim().length === 0;
}

/**
 * Unset, or a blank string: what "missing or empty" checks report. Unlike {@link isBlank}, a value
 * of another type is not absent (the rules report it as a wrong type, AIGW007).
 */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && isBlank(value));
}

/** A Kubernetes object name (RFC 1123 DNS subdomain): Secrets, policies. */
export function isObjectName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && DNS_SUBDOMAIN.test(value);
}

/** A Kubernetes namespace name (RFC 1123 DNS label). */
export function isNamespaceName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && isDnsLabel(value);
}

/** An OIDC issuer the controller can discover: an absolute https URL. */
export function isHttpsUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** An IAM role ARN, the only kind of ARN STS AssumeRoleWithWebIdentity accepts. */
export function isAwsRoleArn(value: unknown): boolean {
  return typeof value === 'string' && AWS_ROLE_ARN.test(value);
}

/** Looks like an AWS region (`us-east-1`, `us-gov-west-1`), not a GCP one (`us-east1`). */
export function looksLikeAwsRegion(value: unknown): boolean {
  return typeof value === 'string' && isAwsRegion(value);
}

/** Looks like a GCP region (`us-central1`, `europe-west4`) or `global`. */
export function looksLikeGcpRegion(value: unknown): boolean {
  return typeof value === 'string' && isGcpRegion(value);
}

/**
 * True for a string that may be a credential passed where a name was expected (an API key given
 * to `fromEnv` or `fromExistingSecret`): a run of 16 or more letters and digits that mixes both,
 * as keys, tokens and hex digests do and names, paths and variables rarely do.
 */
export function looksLikeCredential(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return value.split(/[^A-Za-z0-9]+/).some((run) => run.length >= 16 && /[0-9]/.test(run) && /[A-Za-z]/.test(run));
}

/** A user-given name quoted for a message, unless it may be a credential. */
export function quoted(value: string): string {
  return looksLikeCredential(value) ? '(value not shown: it looks like a credential)' : `'${value}'`;
}

/** A field path as messages write it (`spec.targetRefs[0].name`), from its names and indexes. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}
