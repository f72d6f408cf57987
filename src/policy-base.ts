import { createHash } from 'crypto';
import { ApiObject, ApiObjectMetadata, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { markChanged, registerAppValidation, registerManifest } from './app-validation';
import { CredentialOverride } from './credential-override';
import { PropProblems } from './errors';
import { MAX_TARGETS, PolicyTypeName, POLICY_TYPES, ROTATED_SECRET_PREFIX, SecretUseName, SECRET_USES } from './gateway-facts';
import { BackendSecurityPolicy, BackendSecurityPolicySpec, toJson_BackendSecurityPolicySpec } from './imports/backend-security-policy-aigateway.envoyproxy.io';
import { PolicyContext, SecretRef } from './policy-context';
import { SecretSource } from './secret-source';
import { PolicyTarget } from './target';
import { isBlank, isNamespaceName, isObjectName, isReadAsNumber } from './values';

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
 * A policy is itself the `aigateway.envoyproxy.io/v1beta1` ApiObject, with the Secret as its
 * child, rather than a Construct wrapping an ApiObject: cdk8s revisits every construct of the App
 * once per Chart during synth, and a wrapper per policy made an App of 10,000 policies in 100
 * Charts 1.5 times slower than the same raw ApiObjects (see bench/results.md).
 */
export abstract class BackendSecurityPolicyBase extends ApiObject {
  /** Namespace of the policy, its targets and the Secret it emits. */
  public readonly namespace: string;

  private readonly targetList: PolicyTarget[] = [];
  private secretObject?: ApiObject;
  private readonly credentialOverride?: CredentialOverride;
  /** The spec without targets, in Kubernetes field names, rendered once by `_configure`. */
  private credentialsSpec: Record<string, unknown> = {};
  /** Problems found by the constructor, reported by `_configure` with those of the credentials. */
  private readonly constructionProblems = new PropProblems();

  protected constructor(scope: Construct, id: string, options: PolicyOptions) {
    const namespace = options.metadata?.namespace ?? Chart.of(scope).namespace ?? 'default';
    // The spec is rendered when the policy is synthesized: targets may still be added.
    const spec = { render: (): unknown => undefined };
    super(scope, id, {
      ...BackendSecurityPolicy.GVK,
      // Undefined keys would override the name cdk8s generates: drop them.
      metadata: { ...definedOnly(options.metadata), namespace },
      spec: Lazy.any({ produce: () => spec.render() }),
    });
    spec.render = () => this.renderSpec();
    this.namespace = namespace;
    this.credentialOverride = options.credentialOverride;

    const problems = this.constructionProblems;
    problems.check(isNamespaceName(namespace), {
      code: 'AIGW080',
      prop: options.metadata?.namespace === undefined ? 'chart.namespace' : 'metadata.namespace',
      problem: `'${namespace}'${options.metadata?.namespace === undefined ? ` (the namespace of Chart '${Chart.of(this).node.path}')` : ''} is not a valid namespace name`,
      fix: 'use lower case letters, digits and "-" only, at most 63 characters',
    });
    problems.check(isObjectName(this.name), {
      code: 'AIGW080',
      prop: options.metadata?.name === undefined ? 'id' : 'metadata.name',
      problem: `policy name '${this.name}' is not a valid Kubernetes object name`,
      fix: 'set metadata.name to lower case letters, digits, "-" and "." only, at most 253 characters',
    });
    registerManifest(this, this.node.path, () => ({
      ...BackendSecurityPolicy.GVK,
      metadata: { name: this.name, namespace },
      spec: this.renderSpec(),
    }));
    for (const target of options.targets ?? []) this.pushTarget(target, problems);
    registerAppValidation(this);
  }

  /** The emitted BackendSecurityPolicy: the policy itself. */
  public get apiObject(): ApiObject {
    return this;
  }

  /** The backends this policy attaches to. */
  public get targets(): PolicyTarget[] {
    return [...this.targetList];
  }

  /**
   * The object the policy emits to hold its credential: a `v1` Secret for value sources.
   * Undefined when the credential comes from an existing Secret or needs none.
   */
  public get secret(): ApiObject | undefined {
    return this.secretObject;
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

  /** Adds a target, or records why it cannot be added. */
  private pushTarget(target: PolicyTarget, problems: PropProblems): void {
    const valid = isObjectName(target.name) && !isReadAsNumber(target.name);
    const duplicate = this.targetList.some((t) => sameTarget(t, target));
    const full = this.targetList.length >= MAX_TARGETS;
    problems.check(isObjectName(target.name), {
      code: 'AIGW064',
      prop: 'targets',
      problem: `target name '${target.name}' is not a valid Kubernetes object name`,
      fix: 'use the name of the AIServiceBackend or InferencePool',
    });
    problems.check(!isReadAsNumber(target.name), {
      code: 'AIGW007',
      prop: 'targets',
      problem: `'${target.name}' is written unquoted by cdk8s and read back as a number by Kubernetes`,
      fix: 'choose another value',
    });
    problems.check(!duplicate, {
      code: 'AIGW001',
      prop: 'targets',
      problem: `${target.kind} '${target.name}' is listed twice`,
      fix: 'list each backend once',
    });
    problems.check(!full, {
      code: 'AIGW002',
      prop: 'targets',
      problem: `a policy may have at most ${MAX_TARGETS} targets`,
      fix: 'split the backends over several policies',
    });
    if (valid && !duplicate && !full) this.targetList.push(target);
  }

  /**
   * Sets the policy type and renders its credentials. Called once by each subclass constructor.
   *
   * @param staticCredential whether the policy has a credential to fall back to when an
   *   override is absent (false only for GCP application default credentials)
   * @internal
   */
  protected _configure(type: PolicyTypeName, staticCredential: boolean, render: (context: PolicyContext) => object): void {
    const credentialOverride = this.credentialOverride;
    const problems = this.constructionProblems;
    const context: PolicyContext = {
      problems,
      secretRef: (source, use, prop) => this.bindSecret(source, use, prop, problems),
    };
    const spec: Record<string, unknown> = { type, [generatedMemberName(POLICY_TYPES[type].member)]: render(context) };
    if (credentialOverride) {
      problems.check(!credentialOverride._readsMetadata || !isBlank(credentialOverride._metadataNamespace), {
        code: 'AIGW071',
        prop: 'credentialOverride',
        problem: 'the dynamic metadata namespace is empty',
        fix: 'name the metadata namespace your trusted filter writes to',
      });
      problems.check(staticCredential || !credentialOverride.fallbackToConfigured, {
        code: 'AIGW070',
        prop: 'credentialOverride',
        problem: 'falls back to the configured credential, but this policy has no static credential to fall back to',
        fix: 'set fallbackToConfigured: false, or configure a static credential',
      });
      spec.credentialOverride = credentialOverride._render();
    }
    // The generated converter maps the typed fields to the CRD's names (clientId -> clientID).
    this.credentialsSpec = toJson_BackendSecurityPolicySpec(spec as unknown as BackendSecurityPolicySpec) ?? {};
    const strings: Array<[string, string]> = [['metadata.name', this.name], ['namespace', this.namespace]];
    collectStrings(this.credentialsSpec, 'spec', strings);
    for (const [path, value] of strings) {
      problems.check(!isReadAsNumber(value), {
        code: 'AIGW007',
        prop: path,
        problem: `'${value}' is written unquoted by cdk8s and read back as a number by Kubernetes`,
        fix: 'choose another value',
      });
    }
    problems.throwIfAny(this, this.constructor.name);
  }

  private renderSpec(): Record<string, unknown> {
    if (!this.targetList.length) return this.credentialsSpec;
    return { ...this.credentialsSpec, targetRefs: this.targetList.map(renderTarget) };
  }

  private bindSecret(source: SecretSource, use: SecretUseName, prop: string, problems: PropProblems): SecretRef {
    const binding = source._bind({
      scope: this,
      use,
      prop,
      namespace: this.namespace,
      defaultName: secretName(this.name, use),
      problems,
    });
    problems.check(binding.namespace !== this.namespace || binding.name !== `${ROTATED_SECRET_PREFIX}${this.name}`, {
      code: 'AIGW065',
      prop,
      problem: `Secret '${binding.name}' is the name the gateway writes rotated credentials to`,
      fix: 'name the Secret differently',
    });
    if (binding.object) this.secretObject = binding.object;
    return { name: binding.name, namespace: binding.namespace };
  }
}

/** Every string under `value`, with its path. */
function collectStrings(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => collectStrings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collectStrings(v, `${path}.${k}`, out);
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function renderTarget(target: PolicyTarget) {
  return { group: target.group, kind: target.kind, name: target.name };
}

function sameTarget(a: PolicyTarget, b: PolicyTarget): boolean {
  return a.group === b.group && a.kind === b.kind && a.name === b.name;
}

/** The generated types spell `apiKey`-style members in camel case (`anthropicApiKey`). */
function generatedMemberName(member: string): string {
  return member.replace(/API/g, 'Api');
}

/** Name of a Secret emitted for a policy: `<policy>-<use>`, shortened with a hash past 253 characters. */
function secretName(policyName: string, use: SecretUseName): string {
  const suffix = SECRET_USES[use].nameSuffix;
  const name = `${policyName}-${suffix}`;
  if (name.length <= 253) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${policyName.slice(0, 253 - suffix.length - hash.length - 2).replace(/[-.]+$/, '')}-${hash}-${suffix}`;
}
