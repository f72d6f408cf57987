/** The rule engine's vocabulary. Rules read plain manifests and know nothing of cdk8s or files. */

export type Severity = 'error' | 'warning';

/** One manifest and where it came from: `file:line` for YAML, the construct path in an App. */
export interface ManifestDocument {
  readonly manifest: unknown;
  readonly location: string;
}

/** An object a finding is about. */
export interface ObjectRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly location: string;
}

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  /** The object the finding is reported on. */
  readonly object: ObjectRef;
  /** What is wrong, naming every object involved. Never contains a secret value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

export interface RuleOptions {
  /** Namespace of objects that name none. */
  readonly defaultNamespace: string;
}

/** A manifest with its effective namespace resolved: the object findings about it are reported on. */
export interface Resolved extends ObjectRef {
  readonly doc: ManifestDocument;
  readonly manifest: any;
}

/** `kind/namespace/name`, the way findings name objects. */
export function formatObject(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** An object with where it is: `kind/namespace/name (file:line or construct path)`. */
export function describe(ref: ObjectRef): string {
  return `${formatObject(ref)} (${ref.location})`;
}
