import { createHash } from 'crypto';
import { ApiObject, ApiObjectMetadata, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructDocument, markChanged, registerAppValidation } from './app-validation';
import { CredentialOverride } from './credential-override';
import { PropProblems } from './errors';
import { MAX_TARGETS, POLICY_API_VERSION, POLICY_KIND, PolicyTypeName, POLICY_TYPES, isRotatedSecretOf, SecretUseName, SECRET_USES } from './gateway-facts';
import { PolicyContext, SecretRef } from './policy-context';
import { SecretSource } from './secret-source';
import { PolicyTarget } from './target';
import { formatPath, isBlank, isNamespaceName, isObjectName, isReadAsNumber, quoted } from './values';

/** Props every BackendSecurityPolicy construct accepts. */
export interface PolicyOptions {
  /**
   * Name, namespace, labels and annotations of the policy. The namespace also applies to the
   * Secret the policy emits.
   *
   * @default - a name generated from the construct path; the Chart's namespace, else `default`
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * The backends this policy authenticates to. At most 16; each backend may have only one policy.
   *
   * @default - none; add them later with `addTarget`
   */
  readonly targets?: PolicyTarget[];

  /**
   * Per-request credentials that take precedence over the configured one.
   *
   * @default - the configured credential is always used
   */
  readonly credentialOverride?: CredentialOverride;
}

/**
 * Base of every BackendSecurityPolicy construct: metadata, targets, credential override, and
 * the Secret the policy emits.
 *
 * A policy is itself the `aigateway.envoyproxy.io/v1beta1` ApiObject; the Secret it emits is
 * its child.
 */
export abstract class BackendSecurityPolicyBase extends ApiObject {
  // Not a Construct wrapping an ApiObject: cdk8s revisits every construct of the App once per
  // Chart during synth, and a wrapper per policy made an App of 10,000 policies in 100 Charts 1.5
  // times slower than the same raw ApiObjects (see bench/results.md). For the same reason the
  // spec is a plain object, rendered once and completed in place by `addTarget`, and nothing is
  // computed for a message unless there is a problem to report.

  /**
   * Everything the policy holds beyond the ApiObject, in one object. The six policy classes give
   * their instances six shapes, which makes every store to a field of the policy itself a slow
   * (megamorphic) one in V8; the fields of this object are stored and read at one shape.
   */
  private readonly state: PolicyState;

  protected constructor(scope: Construct, id: string, options: PolicyOptions) {
    const metadata = options.metadata;
    const namespace = metadata?.namespace ?? Chart.of(scope).namespace ?? 'default';
    const spec = {};
    super(scope, id, {
      apiVersion: POLICY_API_VERSION,
      kind: POLICY_KIND,
      metadata: withNamespace(metadata, namespace),
      spec,
    });
    const problems = new PropProblems();
    this.state = { namespace, spec, targets: [], secret: undefined, credentialOverride: options.credentialOverride, problems };

    if (!isNamespaceName(namespace)) {
      const chartNamespace = metadata?.namespace === undefined;
      problems.add({
        code: 'AIGW080',
        prop: chartNamespace ? 'chart.namespace' : 'metadata.namespace',
        problem: `${quoted(namespace)}${chartNamespace ? ` (the namespace of Chart '${Chart.of(this).node.path}')` : ''} is not a valid namespace name`,
        fix: 'use lower case letters, digits and "-" only, at most 63 characters',
      });
    }
    if (!isObjectName(this.name)) {
      problems.add({
        code: 'AIGW080',
        prop: metadata?.name === undefined ? 'id' : 'metadata.name',
        problem: `policy name ${quoted(this.name)} is not a valid Kubernetes object name`,
        fix: 'set metadata.name to lower case letters, digits, "-" and "." only, at most 253 characters',
      });
    }
    const targets = options.targets;
    if (targets) for (let i = 0; i < targets.length; i++) this.pushTarget(targets[i], problems);
    registerAppValidation(this);
    markChanged();
  }

  /** Namespace of the policy, its targets and the Secret it emits. */
  public get namespace(): string {
    return this.state.namespace;
  }

  /** The emitted BackendSecurityPolicy: the policy itself. */
  public get apiObject(): ApiObject {
    return this;
  }

  /** The backends this policy attaches to. */
  public get targets(): PolicyTarget[] {
    return [...this.state.targets];
  }

  /**
   * The object the policy emits to hold its credential: a `v1` Secret for value sources.
   * Undefined when the credential comes from an existing Secret or needs none.
   */
  public get secret(): ApiObject | undefined {
    return this.state.secret;
  }

  /**
   * Attach this policy to one more backend.
   *
   * @param target the AIServiceBackend or InferencePool, in the policy's namespace
   */
  public addTarget(target: PolicyTarget): void {
    const problems = new PropProblems();
    this.pushTarget(target, problems);
    problems.throwIfAny(this, this.constructor.name);
    markChanged();
  }

  /**
   * What the validation reads for this policy.
   *
   * @internal
   */
  public _emittedDocument(): ConstructDocument {
    const { namespace, spec } = this.state;
    return new ConstructDocument({ apiVersion: this.apiVersion, kind: this.kind, metadata: { name: this.name, namespace }, spec }, this);
  }

  /** Adds a target, or records why it cannot be added. */
  private pushTarget(target: PolicyTarget, problems: PropProblems): void {
    const { targets, spec } = this.state;
    const problemsBefore = problems.count;
    if (!isObjectName(target.name)) {
      problems.add({
        code: 'AIGW064',
        prop: 'targets',
        problem: `target name ${quoted(target.name)} is not a valid Kubernetes object name`,
        fix: 'use the name of the AIServiceBackend or InferencePool',
      });
    } else if (isReadAsNumber(target.name)) {
      problems.add({
        code: 'AIGW007',
        prop: 'targets',
        problem: `${quoted(target.name)} is written unquoted by cdk8s and read back as a number by Kubernetes`,
        fix: 'choose another value',
      });
    }
    if (hasTarget(targets, target)) {
      problems.add({
        code: 'AIGW001',
        prop: 'targets',
        problem: `${target.kind} ${quoted(target.name)} is listed twice`,
        fix: 'list each backend once',
      });
    }
    if (targets.length >= MAX_TARGETS) {
      problems.add({
        code: 'AIGW002',
        prop: 'targets',
        problem: `a policy may have at most ${MAX_TARGETS} targets`,
        fix: 'split the backends over several policies',
      });
    }
    if (problems.count > problemsBefore) return;
    const ref = { group: target.group, kind: target.kind, name: target.name };
    if (targets.length) {
      targets.push(target);
      (spec.targetRefs as unknown[]).push(ref);
    } else {
      // Most policies have one target, and a first push onto an empty array reserves 17 slots.
      this.state.targets = [target];
      spec.targetRefs = [ref];
    }
  }

  /**
   * Sets the policy type and renders its credentials. Called once by each subclass constructor.
   *
   * @param staticCredential whether the policy has a credential to fall back to when an
   *   override is absent (false only for GCP application default credentials)
   * @param render the credentials member of the spec, in Kubernetes field names
   * @internal
   */
  protected _configure(type: PolicyTypeName, staticCredential: boolean, render: (context: PolicyContext) => object): void {
    const state = this.state;
    const { credentialOverride, namespace } = state;
    const problems = state.problems ?? new PropProblems();
    state.problems = state.credentialOverride = undefined;
    const context: PolicyContext = {
      problems,
      secretRef: (source, use, prop) => this.bindSecret(source, use, prop, problems),
    };
    const spec = state.spec;
    const member = POLICY_TYPES[type].member;
    spec.type = type;
    spec[member] = finish(render(context), ['spec', member], problems);
    if (credentialOverride) {
      if (credentialOverride._readsMetadata && isBlank(credentialOverride._metadataNamespace)) {
        problems.add({
          code: 'AIGW071',
          prop: 'credentialOverride',
          problem: 'the dynamic metadata namespace is empty',
          fix: 'name the metadata namespace your trusted filter writes to',
        });
      }
      if (!staticCredential && credentialOverride.fallbackToConfigured) {
        problems.add({
          code: 'AIGW070',
          prop: 'credentialOverride',
          problem: 'falls back to the configured credential, but this policy has no static credential to fall back to',
          fix: 'set fallbackToConfigured: false, or configure a static credential',
        });
      }
      spec.credentialOverride = finish(credentialOverride._render(), ['spec', 'credentialOverride'], problems);
    }
    checkNotNumber(this.name, ['metadata', 'name'], problems);
    checkNotNumber(namespace, ['namespace'], problems);
    problems.throwIfAny(this, this.constructor.name);
  }

  private bindSecret(source: SecretSource, use: SecretUseName, prop: string, problems: PropProblems): SecretRef {
    const binding = source._bind({
      scope: this,
      use,
      prop,
      namespace: this.state.namespace,
      defaultName: secretName(this.name, use),
      problems,
    });
    if (binding.namespace === this.state.namespace && isRotatedSecretOf(binding.name, this.name)) {
      problems.add({
        code: 'AIGW065',
        prop,
        problem: `Secret ${quoted(binding.name)} is the name the gateway writes rotated credentials to`,
        fix: 'name the Secret differently',
      });
    }
    if (binding.object) this.state.secret = binding.object;
    return { name: binding.name, namespace: binding.namespace };
  }
}

/** See {@link BackendSecurityPolicyBase.state}. */
interface PolicyState {
  readonly namespace: string;
  /** The manifest's spec, in Kubernetes field names: the credentials, then `targetRefs`. */
  readonly spec: Record<string, unknown>;
  /** The accepted targets, in the order of `spec.targetRefs`. */
  targets: PolicyTarget[];
  /** The Secret (or ExternalSecret, SealedSecret) the policy emits, if any. */
  secret: ApiObject | undefined;
  /** Until `_configure` renders it. */
  credentialOverride: CredentialOverride | undefined;
  /** Problems found by the constructor, reported by `_configure` with those of the credentials. */
  problems: PropProblems | undefined;
}

function hasTarget(targets: readonly PolicyTarget[], target: PolicyTarget): boolean {
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    if (t.group === target.group && t.kind === target.kind && t.name === target.name) return true;
  }
  return false;
}

/**
 * A copy of a rendered value without its undefined fields, as cdk8s writes it and the validation
 * reads it. Every string is checked on the way (AIGW007); `path` is where `value` is.
 */
function finish(value: unknown, path: Array<string | number>, problems: PropProblems): unknown {
  if (typeof value === 'string') {
    checkNotNumber(value, path, problems);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      items.push(finish(value[i], path, problems));
      path.pop();
    }
    return items;
  }
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    path.push(key);
    copy[key] = finish(item, path, problems);
    path.pop();
  }
  return copy;
}

/** Strings such as `0o17` are written unquoted by cdk8s and read back as numbers by Kubernetes. */
function checkNotNumber(value: string, path: ReadonlyArray<string | number>, problems: PropProblems): void {
  if (!isReadAsNumber(value)) return;
  problems.add({
    code: 'AIGW007',
    prop: formatPath(path),
    problem: `${quoted(value)} is written unquoted by cdk8s and read back as a number by Kubernetes`,
    fix: 'choose another value',
  });
}

/** The policy's metadata with its namespace, without undefined fields: they would override the name cdk8s generates. */
function withNamespace(metadata: ApiObjectMetadata | undefined, namespace: string): ApiObjectMetadata {
  if (!metadata) return { namespace };
  const copy: Record<string, unknown> = {};
  for (const key in metadata) {
    const value = (metadata as Record<string, unknown>)[key];
    if (value !== undefined) copy[key] = value;
  }
  copy.namespace = namespace;
  return copy;
}

/** Name of a Secret emitted for a policy: `<policy>-<use>`, shortened with a hash past 253 characters. */
function secretName(policyName: string, use: SecretUseName): string {
  const suffix = SECRET_USES[use].nameSuffix;
  const name = `${policyName}-${suffix}`;
  if (name.length <= 253) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${policyName.slice(0, 253 - suffix.length - hash.length - 2).replace(/[-.]+$/, '')}-${hash}-${suffix}`;
}
