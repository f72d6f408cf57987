import { readFileSync } from 'fs';
import { ApiObject, ApiObjectProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructDocument } from './app-validation';
import { SECRET_USES } from './gateway-facts';
import { SecretBinding, SecretRequest } from './policy-context';
import { isBlank, isNamespaceName, isObjectName, isReadAsNumber, looksLikeCredential, quoted } from './values';

/** Options for {@link SecretSource.fromExistingSecret}. */
export interface ExistingSecretOptions {
  /**
   * Namespace of the existing Secret. Only Azure client secrets, GCP service account keys and
   * OIDC client secrets may live in another namespace: for API keys and AWS credentials files
   * the gateway always reads the policy's own namespace, and naming another one is an error.
   *
   * @default - the policy's namespace
   */
  readonly namespace?: string;
}

const ENV_VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Options of the sources that emit the Secret. */
export interface SecretOptions {
  /**
   * Name of the Secret (or of the ExternalSecret/SealedSecret that makes it).
   *
   * @default `<policy name>-<use>`, for example `openai-apikey`
   */
  readonly secretName?: string;
}

/** Kind of the External Secrets Operator store an ExternalSecret reads from. */
export enum SecretStoreKind {
  /** A `SecretStore` in the policy's namespace. */
  SECRET_STORE = 'SecretStore',
  /** A cluster-wide `ClusterSecretStore`. */
  CLUSTER_SECRET_STORE = 'ClusterSecretStore',
}

/** Options for {@link SecretSource.fromExternalSecret}. */
export interface ExternalSecretOptions extends SecretOptions {
  /** Name of the SecretStore or ClusterSecretStore that reads the vault. */
  readonly storeName: string;

  /** Key of the credential in the vault (for example the AWS Secrets Manager secret name). */
  readonly remoteKey: string;

  /**
   * Property inside the remote secret, when it holds JSON with several values.
   *
   * @default - the whole remote value
   */
  readonly remoteProperty?: string;

  /**
   * Kind of the store.
   *
   * @default SecretStoreKind.SECRET_STORE
   */
  readonly storeKind?: SecretStoreKind;

  /**
   * How often the operator refreshes the Secret from the vault.
   *
   * @default - the operator's default (one hour)
   */
  readonly refreshInterval?: Duration;
}

/** Which Secrets a sealed value may be unsealed into (`kubeseal --scope`). */
export enum SealingScope {
  /** Only a Secret with this exact name and namespace (the kubeseal default). */
  STRICT = 'strict',
  /** Any Secret name in the policy's namespace. */
  NAMESPACE_WIDE = 'namespace-wide',
  /** Any Secret name in any namespace. */
  CLUSTER_WIDE = 'cluster-wide',
}

/** Options for {@link SecretSource.fromSealedSecret}. */
export interface SealedSecretOptions extends SecretOptions {
  /**
   * The scope the value was sealed with.
   *
   * @default SealingScope.STRICT
   */
  readonly scope?: SealingScope;
}

/**
 * Where a credential comes from.
 *
 * Value sources (`fromLiteral`, `fromEnv`, `fromFile`) make the policy emit a Secret holding the
 * value under the key the gateway reads for that use (`apiKey`, `credentials`, `client-secret`,
 * `service_account.json`): the value ends up in the synthesized YAML. `fromExistingSecret` only
 * references a Secret managed elsewhere; `fromExternalSecret` and `fromSealedSecret` emit an
 * object that makes the Secret in the cluster, so the credential never enters git.
 */
export class SecretSource {
  /**
   * A value written in the app. It ends up in the synthesized YAML: prefer `fromEnv`, `fromFile`
   * or `fromExistingSecret` for real credentials.
   *
   * @param value the credential
   * @param options name of the emitted Secret
   */
  public static fromLiteral(value: string, options: SecretOptions = {}): SecretSource {
    return new SecretSource((request) => emitSecret(request, options, checkValue(request, value, 'the literal value')));
  }

  /**
   * The value of an environment variable, read when the policy is constructed (at synth time).
   * An unset or blank variable is an error that names the variable.
   *
   * @param variableName name of the environment variable, for example `OPENAI_API_KEY`
   * @param options name of the emitted Secret
   */
  public static fromEnv(variableName: string, options: SecretOptions = {}): SecretSource {
    return new SecretSource((request) => {
      if (!ENV_VARIABLE_NAME.test(variableName)) {
        // Not echoed: a common slip is to pass the value (process.env.X) instead of the name.
        request.problems.add({
          code: 'AIGW090',
          prop: request.prop,
          problem: 'SecretSource.fromEnv was given something that is not an environment variable name',
          fix: "pass the variable's name, for example fromEnv('OPENAI_API_KEY'), not its value",
        });
        return emitSecret(request, options, '');
      }
      const value = process.env[variableName];
      const fix = looksLikeCredential(variableName) ? undefined : `set ${variableName} in the environment of the synth`;
      return emitSecret(request, options, checkValue(request, value, `environment variable ${quoted(variableName)} (unset or blank)`, fix));
    });
  }

  /**
   * The contents of a file, read when the policy is constructed (at synth time). For an AWS
   * credentials file this is the INI file itself; for GCP the service account JSON key.
   *
   * @param path path of the file, relative to the working directory of the synth
   * @param options name of the emitted Secret
   */
  public static fromFile(path: string, options: SecretOptions = {}): SecretSource {
    return new SecretSource((request) => {
      let value: string | undefined;
      try {
        value = readFileSync(path, 'utf8');
      } catch (e) {
        request.problems.add({
          code: 'AIGW091',
          prop: request.prop,
          problem: `cannot read file ${quoted(path)} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
          fix: 'check the path; it is resolved against the directory the synth runs in',
        });
        return emitSecret(request, options, '');
      }
      return emitSecret(request, options, checkValue(request, value, `file ${quoted(path)} (empty)`));
    });
  }

  /**
   * A Secret that already exists in the cluster (created by hand, by another tool or another
   * chart). Nothing is emitted; the Secret must hold the credential under the key the gateway
   * reads for this use.
   *
   * @param name name of the Secret
   * @param options where the Secret lives
   */
  public static fromExistingSecret(name: string, options: ExistingSecretOptions = {}): SecretSource {
    return new SecretSource((request) => {
      const use = SECRET_USES[request.use];
      if (!isObjectName(name)) {
        request.problems.add({
          code: 'AIGW064',
          prop: request.prop,
          problem: `Secret name ${quoted(name)} is not a valid Kubernetes object name`,
          fix: 'use lower case letters, digits, "-" and "." only, at most 253 characters',
        });
      }
      const namespace = options.namespace ?? request.namespace;
      if (options.namespace !== undefined && !isNamespaceName(namespace)) {
        request.problems.add({
          code: 'AIGW064',
          prop: request.prop,
          problem: `namespace ${quoted(namespace)} is not a valid namespace name`,
          fix: 'use lower case letters, digits and "-" only, at most 63 characters',
        });
      }
      if (!use.namespaceHonoured && namespace !== request.namespace && isNamespaceName(namespace)) {
        request.problems.add({
          code: 'AIGW063',
          prop: request.prop,
          problem: `the gateway reads the ${use.description} Secret from the policy's namespace '${request.namespace}' and ignores namespace '${namespace}'`,
          fix: `create the Secret in namespace '${request.namespace}' and drop the namespace option`,
        });
      }
      return { name, namespace };
    });
  }

  /**
   * A Secret materialized by the External Secrets Operator from a vault (AWS Secrets Manager,
   * HashiCorp Vault, GCP Secret Manager, Azure Key Vault...). Emits an `external-secrets.io/v1`
   * ExternalSecret whose target Secret has the name the policy references and one entry, under
   * the key the gateway reads for this use. No plain Secret is emitted.
   *
   * @param options the store and the remote key
   */
  public static fromExternalSecret(options: ExternalSecretOptions): SecretSource {
    return new SecretSource((request) => {
      if (!isObjectName(options.storeName)) {
        request.problems.add({
          code: 'AIGW064',
          prop: `${request.prop}.storeName`,
          problem: `${quoted(options.storeName)} is not a valid store name`,
          fix: 'use the name of the SecretStore or ClusterSecretStore',
        });
      }
      if (isBlank(options.remoteKey)) {
        request.problems.add({
          code: 'AIGW061',
          prop: `${request.prop}.remoteKey`,
          problem: 'is empty',
          fix: 'set the key of the credential in the vault',
        });
      }
      const name = options.secretName ?? request.defaultName;
      return emitObject(request, {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name, namespace: request.namespace },
        spec: {
          refreshInterval: options.refreshInterval && `${options.refreshInterval.toSeconds()}s`,
          secretStoreRef: { name: options.storeName, kind: options.storeKind ?? SecretStoreKind.SECRET_STORE },
          target: { name, creationPolicy: 'Owner' },
          data: [
            {
              secretKey: SECRET_USES[request.use].key,
              remoteRef: { key: options.remoteKey, property: options.remoteProperty },
            },
          ],
        },
      });
    });
  }

  /**
   * A value encrypted with `kubeseal` for the Sealed Secrets controller. Emits a
   * `bitnami.com/v1alpha1` SealedSecret that unseals into the Secret the policy references, with
   * the value under the key the gateway reads for this use.
   *
   * With the default strict scope, seal the value for the Secret's name and namespace:
   * `<policy name>-<use>` (for example `openai-apikey`) in the policy's namespace.
   *
   * @param encryptedValue the output of `kubeseal --raw`
   * @param options the scope the value was sealed with, and the Secret's name
   */
  public static fromSealedSecret(encryptedValue: string, options: SealedSecretOptions = {}): SecretSource {
    return new SecretSource((request) => {
      if (isBlank(encryptedValue)) {
        request.problems.add({
          code: 'AIGW061',
          prop: request.prop,
          problem: 'the sealed value is empty',
          fix: 'pass the output of kubeseal --raw',
        });
      }
      const name = options.secretName ?? request.defaultName;
      const scope = options.scope ?? SealingScope.STRICT;
      return emitObject(request, {
        apiVersion: 'bitnami.com/v1alpha1',
        kind: 'SealedSecret',
        metadata: {
          name,
          namespace: request.namespace,
          annotations: scope === SealingScope.STRICT ? undefined : { [`sealedsecrets.bitnami.com/${scope}`]: 'true' },
        },
        spec: {
          encryptedData: { [SECRET_USES[request.use].key]: encryptedValue },
          template: { metadata: { name, namespace: request.namespace }, type: 'Opaque' },
        },
      });
    });
  }

  private constructor(private readonly materialize: (request: SecretRequest) => SecretBinding) {}

  /**
   * Emits what this source needs under the policy and returns the reference to write.
   *
   * @internal
   */
  public _bind(request: SecretRequest): SecretBinding {
    return this.materialize(request);
  }
}

/** Records a problem for a missing or blank value; never echoes the value itself. */
function checkValue(request: SecretRequest, value: string | undefined, what: string, fix = 'provide a non-empty credential'): string {
  if (value === undefined || isBlank(value)) {
    request.problems.add({
      code: 'AIGW061',
      prop: request.prop,
      problem: `the ${SECRET_USES[request.use].description} from ${what} is empty`,
      fix,
    });
    return '';
  }
  return value;
}

function emitSecret(request: SecretRequest, options: SecretOptions, value: string): SecretBinding {
  const values: Record<string, string> = {};
  const metadata = { name: options.secretName ?? request.defaultName, namespace: request.namespace };
  // cdk8s writes strings such as 0o17 or 0X1F unquoted, and the Kubernetes YAML reader takes
  // them for numbers: such values go base64-encoded under `data`, which is always a string.
  const base64 = isReadAsNumber(value);
  values[SECRET_USES[request.use].key] = base64 ? Buffer.from(value).toString('base64') : value;
  const manifest = base64
    ? { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', data: values }
    : { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', stringData: values };
  return emitObject(request, manifest);
}

/** Emits the object that makes the policy's Secret. */
function emitObject(
  request: SecretRequest,
  manifest: ApiObjectProps & { readonly metadata: { readonly name: string } },
): SecretBinding {
  const name = manifest.metadata.name;
  if (!isObjectName(name)) {
    request.problems.add({
      code: 'AIGW064',
      prop: `${request.prop}.secretName`,
      problem: `${quoted(name)} is not a valid Kubernetes object name`,
      fix: 'use lower case letters, digits, "-" and "." only, at most 253 characters',
    });
  }
  return { name, namespace: request.namespace, object: new EmittedObject(request.scope, manifest) };
}

/** An object a SecretSource emits under its policy; the validation reads `manifest` as is. */
class EmittedObject extends ApiObject {
  constructor(
    private readonly owner: Construct,
    private readonly manifest: ApiObjectProps,
  ) {
    super(owner, manifest.kind, manifest);
  }

  /** @internal */
  public _emittedDocument(): ConstructDocument {
    return new ConstructDocument(this.manifest, this.owner);
  }
}
