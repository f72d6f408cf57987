import { readFileSync } from 'fs';
import { ApiObject } from 'cdk8s';
import { registerManifest } from './app-validation';
import { SECRET_USES } from './gateway-facts';
import { SecretBinding, SecretRequest } from './policy-context';
import { isBlank, isNamespaceName, isObjectName } from './values';

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

/**
 * Where a credential comes from.
 *
 * Value sources (`fromLiteral`, `fromEnv`, `fromFile`) make the policy emit a Secret holding the
 * value under the key the gateway reads for that use (`apiKey`, `credentials`, `client-secret`,
 * `service_account.json`). `fromExistingSecret` only references a Secret managed elsewhere.
 */
export class SecretSource {
  /**
   * A value written in the app. It ends up in the synthesized YAML: prefer `fromEnv`, `fromFile`
   * or `fromExistingSecret` for real credentials.
   *
   * @param value the credential
   */
  public static fromLiteral(value: string): SecretSource {
    return new SecretSource((request) => emitSecret(request, checkValue(request, value, 'the literal value')));
  }

  /**
   * The value of an environment variable, read when the policy is constructed (at synth time).
   * An unset or blank variable is an error that names the variable.
   *
   * @param variableName name of the environment variable, for example `OPENAI_API_KEY`
   */
  public static fromEnv(variableName: string): SecretSource {
    return new SecretSource((request) => {
      if (isBlank(variableName)) {
        request.problems.add({
          code: 'AIGW090',
          prop: request.prop,
          problem: 'SecretSource.fromEnv was given a blank variable name',
          fix: 'pass the name of the environment variable that holds the credential',
        });
        return emitSecret(request, '');
      }
      const value = process.env[variableName];
      return emitSecret(request, checkValue(request, value, `environment variable ${variableName} (unset or blank)`));
    });
  }

  /**
   * The contents of a file, read when the policy is constructed (at synth time). For an AWS
   * credentials file this is the INI file itself; for GCP the service account JSON key.
   *
   * @param path path of the file, relative to the working directory of the synth
   */
  public static fromFile(path: string): SecretSource {
    return new SecretSource((request) => {
      let value: string | undefined;
      try {
        value = readFileSync(path, 'utf8');
      } catch (e) {
        request.problems.add({
          code: 'AIGW091',
          prop: request.prop,
          problem: `cannot read file '${path}' (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
          fix: 'check the path; it is resolved against the directory the synth runs in',
        });
        return emitSecret(request, '');
      }
      return emitSecret(request, checkValue(request, value, `file '${path}' (empty)`));
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
      request.problems.check(isObjectName(name), {
        code: 'AIGW064',
        prop: request.prop,
        problem: `Secret name '${name}' is not a valid Kubernetes object name`,
        fix: 'use lower case letters, digits, "-" and "." only, at most 253 characters',
      });
      const namespace = options.namespace ?? request.namespace;
      request.problems.check(isNamespaceName(namespace), {
        code: 'AIGW064',
        prop: request.prop,
        problem: `namespace '${namespace}' is not a valid namespace name`,
        fix: 'use lower case letters, digits and "-" only, at most 63 characters',
      });
      request.problems.check(use.namespaceHonoured || namespace === request.namespace, {
        code: 'AIGW063',
        prop: request.prop,
        problem: `the gateway reads the ${use.description} Secret from the policy's namespace '${request.namespace}' and ignores namespace '${namespace}'`,
        fix: `create the Secret in namespace '${request.namespace}' and drop the namespace option`,
      });
      return { name, namespace };
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
function checkValue(request: SecretRequest, value: string | undefined, what: string): string {
  if (value === undefined || isBlank(value)) {
    request.problems.add({
      code: 'AIGW061',
      prop: request.prop,
      problem: `the ${SECRET_USES[request.use].description} from ${what} is empty`,
      fix: 'provide a non-empty credential',
    });
    return '';
  }
  return value;
}

function emitSecret(request: SecretRequest, value: string): SecretBinding {
  const manifest = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: request.defaultName, namespace: request.namespace },
    type: 'Opaque',
    stringData: { [SECRET_USES[request.use].key]: value },
  };
  const object = new ApiObject(request.scope, 'Secret', manifest);
  registerManifest(object, request.scope.node.path, () => manifest);
  return { name: request.defaultName, namespace: request.namespace, object };
}
