import { formatPath } from '../values';

/**
 * The shape of a BackendSecurityPolicy spec in the v1.1.0 CRDs: every field and its JSON type,
 * down to the OIDC provider (whose Envoy Gateway backend settings are not checked). Unknown
 * fields and wrong types are what `kubectl apply` refuses; lint refuses them the same way.
 */

export type FieldType = 'string' | 'boolean' | 'object' | 'array' | Shape | ListOf;

export interface Shape {
  readonly [field: string]: FieldType;
}

/** A list whose items have the given type. */
export class ListOf {
  constructor(public readonly item: FieldType) {}
}

const SECRET_REF: Shape = { group: 'string', kind: 'string', name: 'string', namespace: 'string' };

const OIDC: Shape = {
  clientID: 'string',
  clientIDRef: SECRET_REF,
  clientSecret: SECRET_REF,
  cookieConfig: { sameSite: 'string' },
  cookieDomain: 'string',
  cookieNames: { accessToken: 'string', idToken: 'string' },
  csrfTokenTTL: 'string',
  defaultRefreshTokenTTL: 'string',
  defaultTokenTTL: 'string',
  denyRedirect: { headers: new ListOf({ name: 'string', type: 'string', value: 'string' }) },
  disableTokenEncryption: 'boolean',
  forwardAccessToken: 'boolean',
  forwardIDToken: { header: 'string' },
  logoutPath: 'string',
  passThroughAuthHeader: 'boolean',
  provider: {
    authorizationEndpoint: 'string',
    backendRef: 'object',
    backendRefs: 'array',
    backendSettings: 'object',
    endSessionEndpoint: 'string',
    issuer: 'string',
    tokenEndpoint: 'string',
  },
  redirectURL: 'string',
  refreshToken: 'boolean',
  resources: new ListOf('string'),
  scopes: new ListOf('string'),
};

const API_KEY: Shape = { secretRef: SECRET_REF };

const V1ALPHA1_SPEC: Shape = {
  type: 'string',
  targetRefs: new ListOf({ group: 'string', kind: 'string', name: 'string' }),
  apiKey: API_KEY,
  anthropicAPIKey: API_KEY,
  azureAPIKey: API_KEY,
  awsCredentials: {
    region: 'string',
    credentialsFile: { secretRef: SECRET_REF, profile: 'string' },
    oidcExchangeToken: { oidc: OIDC, awsRoleArn: 'string', grantType: 'string', aud: 'string' },
  },
  azureCredentials: {
    clientID: 'string',
    tenantID: 'string',
    clientSecretRef: SECRET_REF,
    oidcExchangeToken: { oidc: OIDC, grantType: 'string', aud: 'string' },
  },
  gcpCredentials: {
    projectName: 'string',
    region: 'string',
    credentialsFile: { secretRef: SECRET_REF },
    workloadIdentityFederationConfig: {
      projectID: 'string',
      workloadIdentityPoolName: 'string',
      workloadIdentityProviderName: 'string',
      oidcExchangeToken: { oidc: OIDC, grantType: 'string', aud: 'string' },
      serviceAccountImpersonation: { serviceAccountName: 'string' },
    },
  },
};

/** v1beta1 adds `credentialOverride`. */
const V1BETA1_SPEC: Shape = {
  ...V1ALPHA1_SPEC,
  credentialOverride: {
    fromRequestHeaders: { header: 'string', fallbackToConfigured: 'boolean' },
    fromDynamicMetadata: { namespace: 'string', key: 'string', fallbackToConfigured: 'boolean' },
  },
};

export interface ShapeProblem {
  readonly code: 'AIGW007' | 'AIGW008';
  readonly path: string;
  readonly message: string;
}

/**
 * A field type as the walk reads it. Every shape compiles to nodes of this one class, with its
 * fields in a Map, so the walk reads all of them at one object shape however many shapes the
 * CRD has.
 */
class FieldNode {
  public readonly fields?: ReadonlyMap<string, FieldNode>;
  public readonly item?: FieldNode;
  public readonly expected: string;

  constructor(type: FieldType, compiled: Map<Shape, FieldNode>) {
    if (typeof type === 'string') {
      this.expected = type;
    } else if (type instanceof ListOf) {
      this.expected = 'array';
      this.item = compile(type.item, compiled);
    } else {
      this.expected = 'object';
      compiled.set(type, this);
      this.fields = new Map(Object.keys(type).map((field) => [field, compile(type[field], compiled)]));
    }
  }
}

/** Compiles `type`, once per shape object (SECRET_REF and OIDC appear in several places). */
function compile(type: FieldType, compiled: Map<Shape, FieldNode>): FieldNode {
  return (typeof type === 'object' && !(type instanceof ListOf) && compiled.get(type)) || new FieldNode(type, compiled);
}

const COMPILED = new Map<Shape, FieldNode>();
const V1ALPHA1_NODE = compile(V1ALPHA1_SPEC, COMPILED);
const V1BETA1_NODE = compile(V1BETA1_SPEC, COMPILED);

/** Reports unknown fields and values of the wrong JSON type in the spec of a policy of `version`. */
export function checkSpecShape(spec: unknown, version: string, out: ShapeProblem[]): void {
  walk(spec, version === 'v1alpha1' ? V1ALPHA1_NODE : V1BETA1_NODE, ['spec'], out);
}

/** `path` holds the field names and list indexes down to `value`; it is joined only for a problem. */
function walk(value: unknown, type: FieldNode, path: Array<string | number>, out: ShapeProblem[]): void {
  if (value === null || value === undefined) return;
  const actual = typeof value !== 'object' ? typeof value : Array.isArray(value) ? 'array' : 'object';
  if (actual !== type.expected) {
    const at = formatPath(path);
    out.push({ code: 'AIGW007', path: at, message: `${at} is ${article(actual)}, not ${article(type.expected)}` });
    return;
  }
  if (type.item) {
    const items = value as unknown[];
    for (let i = 0; i < items.length; i++) {
      path.push(i);
      walk(items[i], type.item, path, out);
      path.pop();
    }
  } else if (type.fields) {
    for (const field in value as object) {
      path.push(field);
      const fieldType = type.fields.get(field);
      if (fieldType === undefined) {
        const at = formatPath(path);
        out.push({ code: 'AIGW008', path: at, message: `${at} is not a field of the CRD` });
      } else {
        walk((value as Record<string, unknown>)[field], fieldType, path, out);
      }
      path.pop();
    }
  }
}

/** The JSON type of a value, as messages name it: `a string`, `a number`, `a mapping`, `a list`. */
export function describeType(value: unknown): string {
  return article(Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);
}

function article(type: string): string {
  const word = type === 'object' ? 'mapping' : type === 'array' ? 'list' : type;
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}
