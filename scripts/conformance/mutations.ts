/**
 * Single-rule mutations of valid manifests: each breaks one thing, either one the API server
 * checks (the CRD schema, its CEL rules, object metadata) or one only the gateway notices.
 */
import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { PlanOptions, PolicyType } from './apps';

/** A small deterministic random source (Park-Miller), seeded by fast-check. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = (Math.abs(Math.trunc(seed)) % 2147483646) + 1;
  }
  public next(): number {
    this.state = (this.state * 48271) % 2147483647;
    return (this.state - 1) / 2147483646;
  }
  public int(n: number): number {
    return Math.floor(this.next() * n);
  }
  public pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** A JSON schema node of the CRD (only what the mutations read). */
export interface Schema {
  readonly type?: string;
  readonly properties?: Record<string, Schema>;
  readonly items?: Schema;
  readonly required?: string[];
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** The v1beta1 schema of BackendSecurityPolicy, from the CRD the oracle uses. */
export function loadPolicySchema(crdFile: string): Schema {
  const crd = parse(readFileSync(crdFile, 'utf8'));
  const version = crd.spec.versions.find((v: any) => v.name === 'v1beta1');
  return version.schema.openAPIV3Schema;
}

type Path = ReadonlyArray<string | number>;

interface Site {
  readonly path: Path;
  readonly value: unknown;
  readonly schema: Schema;
  /** Whether the parent object lists this field as required. */
  readonly required: boolean;
}

/** Every field present in `value` that the schema describes, depth first. */
function sites(value: unknown, schema: Schema, path: Path = [], required = false): Site[] {
  const out: Site[] = [{ path, value, schema, required }];
  if (Array.isArray(value) && schema.items) {
    value.forEach((v, i) => out.push(...sites(v, schema.items!, [...path, i])));
  } else if (isObject(value) && schema.properties) {
    for (const [k, v] of Object.entries(value)) {
      const child = schema.properties[k];
      if (child) out.push(...sites(v, child, [...path, k], (schema.required ?? []).includes(k)));
    }
  }
  return out;
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parentOf(root: any, path: Path): any {
  let cursor = root;
  for (const key of path.slice(0, -1)) cursor = cursor[key];
  return cursor;
}

function setAt(root: any, path: Path, value: unknown): void {
  parentOf(root, path)[path[path.length - 1]] = value;
}

function deleteAt(root: any, path: Path): void {
  const parent = parentOf(root, path);
  const key = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key];
}

function wrongValue(schema: Schema, rng: Rng): unknown {
  switch (schema.type) {
    case 'string':
      return rng.pick([42, true, ['x'], { value: 'x' }, 1.5]);
    case 'boolean':
      return rng.pick(['true', 'no', 1, ['true']]);
    case 'integer':
      return rng.pick(['1', true, 1.5]);
    case 'array':
      return rng.pick(['x', { item: 'x' }, 3]);
    default:
      return rng.pick(['x', ['x'], 7, false]);
  }
}

// ---------------------------------------------------------------------------------------------

/** What a mutation gets: every document of the case (a copy it may change) and a random source. */
export interface MutationInput {
  readonly docs: any[];
  readonly rng: Rng;
  readonly schema: Schema;
}

export interface Mutation {
  readonly name: string;
  /** What it does, for docs/conformance.md. */
  readonly description: string;
  /** How many cases to generate. */
  readonly count: number;
  /** What the valid app it starts from must hold. */
  readonly plan?: PlanOptions;
  /** Mutates the documents; false when the case offers nothing to mutate (another is drawn). */
  readonly apply: (input: MutationInput) => boolean;
}

const MEMBERS: Record<PolicyType, string> = {
  APIKey: 'apiKey',
  AnthropicAPIKey: 'anthropicAPIKey',
  AzureAPIKey: 'azureAPIKey',
  AWSCredentials: 'awsCredentials',
  AzureCredentials: 'azureCredentials',
  GCPCredentials: 'gcpCredentials',
};

/** A minimal valid member of each type (for "a second member" mutations). */
const MINIMAL_MEMBERS: Record<string, unknown> = {
  apiKey: { secretRef: { name: 'other-key' } },
  anthropicAPIKey: { secretRef: { name: 'other-key' } },
  azureAPIKey: { secretRef: { name: 'other-key' } },
  awsCredentials: { region: 'us-east-1' },
  azureCredentials: { clientID: 'c', tenantID: 't', clientSecretRef: { name: 'other-secret' } },
  gcpCredentials: { projectName: 'p', region: 'us-central1' },
};

const policies = (docs: any[]) => docs.filter((d) => d?.kind === 'BackendSecurityPolicy');
const pickPolicy = ({ docs, rng }: MutationInput) => {
  const list = policies(docs);
  return list.length ? rng.pick(list) : undefined;
};
const memberOf = (p: any): string => MEMBERS[p.spec.type as PolicyType];

/** Every Secret reference in a policy spec, with its parent object and key. */
function secretRefs(p: any): Array<{ readonly holder: any; readonly key: string; readonly use: 'apiKey' | 'awsCredentialsFile' | 'honoured' }> {
  const s = p.spec;
  const out: Array<{ holder: any; key: string; use: 'apiKey' | 'awsCredentialsFile' | 'honoured' }> = [];
  for (const m of ['apiKey', 'anthropicAPIKey', 'azureAPIKey']) if (s[m]?.secretRef) out.push({ holder: s[m], key: 'secretRef', use: 'apiKey' });
  if (s.awsCredentials?.credentialsFile?.secretRef) out.push({ holder: s.awsCredentials.credentialsFile, key: 'secretRef', use: 'awsCredentialsFile' });
  for (const oidc of oidcBlocks(p)) out.push({ holder: oidc, key: 'clientSecret', use: 'honoured' });
  if (s.azureCredentials?.clientSecretRef) out.push({ holder: s.azureCredentials, key: 'clientSecretRef', use: 'honoured' });
  if (s.gcpCredentials?.credentialsFile?.secretRef) out.push({ holder: s.gcpCredentials.credentialsFile, key: 'secretRef', use: 'honoured' });
  return out;
}

function oidcBlocks(p: any): any[] {
  const s = p.spec;
  return [
    s.awsCredentials?.oidcExchangeToken?.oidc,
    s.azureCredentials?.oidcExchangeToken?.oidc,
    s.gcpCredentials?.workloadIdentityFederationConfig?.oidcExchangeToken?.oidc,
  ].filter(Boolean);
}

/** The v1 Secret a policy's reference points to, when the case holds it. */
function referencedSecret(docs: any[], p: any, ref: any): any {
  const ns = ref.namespace ?? p.metadata.namespace;
  return docs.find((d) => d.kind === 'Secret' && d.metadata?.name === ref.name && (d.metadata?.namespace ?? 'default') === ns);
}

function secretsOf(input: MutationInput): Array<{ policy: any; ref: any; secret: any }> {
  const out = [];
  for (const policy of policies(input.docs)) {
    for (const { holder, key } of secretRefs(policy)) {
      const secret = referencedSecret(input.docs, policy, holder[key]);
      if (secret) out.push({ policy, ref: holder[key], secret });
    }
  }
  return out;
}

const BAD_OBJECT_NAMES = ['Bad_Name', 'UPPER', '-leading', 'trailing-', 'a..b', 'a b', 'a/b', `${'x'.repeat(254)}`, 'name_with_underscore'];
const BAD_NAMESPACES = ['Bad_NS', 'UPPER', 'dotted.namespace', `${'n'.repeat(64)}`, '-x', 'x-'];

/** Mutations the API server should catch: lint must reject every one. */
const SEEN: Mutation[] = [
  {
    name: 'drop-type',
    description: 'remove spec.type',
    count: 40,
    apply: (i) => {
      const p = pickPolicy(i);
      delete p.spec.type;
      return true;
    },
  },
  {
    name: 'unknown-type',
    description: 'spec.type not one of the six types (typo, wrong case, padded, inherited property name)',
    count: 40,
    apply: (i) => {
      pickPolicy(i).spec.type = i.rng.pick(['UnknownType', 'apikey', 'APIKEY', 'ApiKey', 'AWS', 'OIDC', 'AWSCredential', ' APIKey', 'APIKey ', 'constructor', 'toString', '']);
      return true;
    },
  },
  {
    name: 'drop-member',
    description: 'remove the credentials member the type needs (spec.apiKey for APIKey...)',
    count: 40,
    apply: (i) => {
      const p = pickPolicy(i);
      delete p.spec[memberOf(p)];
      return true;
    },
  },
  {
    name: 'extra-member',
    description: 'add a second credentials member (spec.awsCredentials to an APIKey policy...)',
    count: 50,
    apply: (i) => {
      const p = pickPolicy(i);
      const other = i.rng.pick(Object.keys(MINIMAL_MEMBERS).filter((m) => m !== memberOf(p)));
      p.spec[other] = structuredClone(MINIMAL_MEMBERS[other]);
      return true;
    },
  },
  {
    name: 'wrong-type',
    description: 'give one field of spec (any depth) a value of the wrong JSON type',
    count: 120,
    apply: (i) => {
      const p = pickPolicy(i);
      const candidates = sites(p.spec, i.schema.properties!.spec, ['spec']);
      const site = i.rng.pick(candidates);
      setAt(p, site.path, wrongValue(site.schema, i.rng));
      return true;
    },
  },
  {
    name: 'drop-required',
    description: 'remove one field the CRD marks required (region, secretRef.name, issuer, targetRefs[].kind...)',
    count: 100,
    apply: (i) => {
      const p = pickPolicy(i);
      const candidates = sites(p.spec, i.schema.properties!.spec, ['spec']).filter((s) => s.required);
      if (!candidates.length) return false;
      deleteAt(p, i.rng.pick(candidates).path);
      return true;
    },
  },
  {
    name: 'empty-string',
    description: 'set one string the CRD requires to be non-empty (minLength 1) to ""',
    count: 100,
    apply: (i) => {
      const p = pickPolicy(i);
      const candidates = sites(p.spec, i.schema.properties!.spec, ['spec']).filter((s) => typeof s.value === 'string' && (s.schema.minLength ?? 0) > 0);
      if (!candidates.length) return false;
      setAt(p, i.rng.pick(candidates).path, '');
      return true;
    },
  },
  {
    name: 'whitespace-string',
    description: 'set one string the CRD requires to be non-empty (minLength 1) to whitespace only',
    count: 60,
    apply: (i) => {
      const p = pickPolicy(i);
      const candidates = sites(p.spec, i.schema.properties!.spec, ['spec']).filter((s) => typeof s.value === 'string' && (s.schema.minLength ?? 0) > 0);
      if (!candidates.length) return false;
      setAt(p, i.rng.pick(candidates).path, i.rng.pick([' ', '  ', '\t']));
      return true;
    },
  },
  {
    name: 'too-long',
    description: 'a name longer than the CRD allows (targetRefs[].name, secret reference name over 253, namespace over 63)',
    count: 40,
    apply: (i) => {
      const p = pickPolicy(i);
      const candidates = sites(p.spec, i.schema.properties!.spec, ['spec']).filter((s) => typeof s.value === 'string' && s.schema.maxLength !== undefined && s.schema.maxLength < 1000);
      if (!candidates.length) return false;
      const site = i.rng.pick(candidates);
      setAt(p, site.path, `${'a'.repeat(site.schema.maxLength! + 1)}`);
      return true;
    },
  },
  {
    name: 'bad-target-kind',
    description: 'a target of another kind (Service, Backend, AIGatewayRoute, wrong case, the kinds swapped between groups)',
    count: 40,
    plan: { minTargets: 1 },
    apply: (i) => {
      const t = i.rng.pick(pickPolicy(i).spec.targetRefs as any[]);
      t.kind = i.rng.pick(['Service', 'Backend', 'AIGatewayRoute', 'aiservicebackend', 'InferencePools', t.kind === 'AIServiceBackend' ? 'InferencePool' : 'AIServiceBackend', 'Bad Kind']);
      return true;
    },
  },
  {
    name: 'bad-target-group',
    description: 'a target in another group (core, gateway.envoyproxy.io, the alpha inference.networking.x-k8s.io...)',
    count: 40,
    plan: { minTargets: 1 },
    apply: (i) => {
      const t = i.rng.pick(pickPolicy(i).spec.targetRefs as any[]);
      const other = t.group === 'aigateway.envoyproxy.io' ? 'inference.networking.k8s.io' : 'aigateway.envoyproxy.io';
      t.group = i.rng.pick(['', 'gateway.envoyproxy.io', 'inference.networking.x-k8s.io', 'aigateway.envoyproxy.io.', 'AIGateway.envoyproxy.io', 'core', other]);
      return true;
    },
  },
  {
    name: 'too-many-targets',
    description: '17 to 24 distinct targets (the CRD allows 16)',
    count: 40,
    apply: (i) => {
      const p = pickPolicy(i);
      const n = 17 + i.rng.int(8);
      p.spec.targetRefs = Array.from({ length: n }, (_, k) =>
        k % 3 === 2
          ? { group: 'inference.networking.k8s.io', kind: 'InferencePool', name: `pool-${k}` }
          : { group: 'aigateway.envoyproxy.io', kind: 'AIServiceBackend', name: `backend-${k}` });
      return true;
    },
  },
  {
    name: 'empty-client-id',
    description: 'Azure clientID or tenantID, or an OIDC clientID, set to ""',
    count: 40,
    plan: { types: ['AzureCredentials', 'AWSCredentials', 'GCPCredentials'] },
    apply: (i) => {
      const p = pickPolicy(i);
      const holders: Array<[any, string]> = oidcBlocks(p).map((o) => [o, 'clientID']);
      if (p.spec.azureCredentials) holders.push([p.spec.azureCredentials, 'clientID'], [p.spec.azureCredentials, 'tenantID']);
      if (!holders.length) return false;
      const [holder, key] = i.rng.pick(holders);
      holder[key] = '';
      return true;
    },
  },
  {
    name: 'both-azure-sources',
    description: 'Azure credentials with both clientSecretRef and oidcExchangeToken',
    count: 40,
    plan: { types: ['AzureCredentials'] },
    apply: (i) => {
      const azure = pickPolicy(i).spec.azureCredentials;
      if (azure.clientSecretRef) {
        azure.oidcExchangeToken = { oidc: { provider: { issuer: 'https://idp.example.com' }, clientID: 'c', clientSecret: { name: 'oidc', namespace: 'default' } } };
      } else {
        azure.clientSecretRef = { name: 'azure-client-secret' };
      }
      return true;
    },
  },
  {
    name: 'no-azure-source',
    description: 'Azure credentials with neither clientSecretRef nor oidcExchangeToken',
    count: 30,
    plan: { types: ['AzureCredentials'] },
    apply: (i) => {
      const azure = pickPolicy(i).spec.azureCredentials;
      delete azure.clientSecretRef;
      delete azure.oidcExchangeToken;
      return true;
    },
  },
  {
    name: 'both-gcp-sources',
    description: 'GCP credentials with both credentialsFile and workloadIdentityFederationConfig',
    count: 30,
    plan: { types: ['GCPCredentials'] },
    apply: (i) => {
      const gcp = pickPolicy(i).spec.gcpCredentials;
      gcp.credentialsFile ??= { secretRef: { name: 'gcp-key' } };
      gcp.workloadIdentityFederationConfig ??= {
        projectID: '123456',
        workloadIdentityPoolName: 'pool',
        workloadIdentityProviderName: 'provider',
        oidcExchangeToken: { oidc: { provider: { issuer: 'https://idp.example.com' }, clientID: 'c', clientSecret: { name: 'oidc', namespace: 'default' } } },
      };
      return true;
    },
  },
  {
    name: 'override-sources',
    description: 'spec.credentialOverride with no source, or both',
    count: 30,
    apply: (i) => {
      const p = pickPolicy(i);
      p.spec.credentialOverride = i.rng.pick([{}, { fromRequestHeaders: {}, fromDynamicMetadata: { namespace: 'envoy.filters.http.ext_authz' } }]);
      return true;
    },
  },
  {
    name: 'bad-policy-name',
    description: 'metadata.name not a DNS subdomain (upper case, underscore, leading dash, over 253 characters)',
    count: 30,
    apply: (i) => {
      pickPolicy(i).metadata.name = i.rng.pick(BAD_OBJECT_NAMES);
      return true;
    },
  },
  {
    name: 'bad-namespace',
    description: 'metadata.namespace not a DNS label',
    count: 30,
    apply: (i) => {
      pickPolicy(i).metadata.namespace = i.rng.pick(BAD_NAMESPACES);
      return true;
    },
  },
  {
    name: 'bad-secret-ref-namespace',
    description: 'a Secret reference whose namespace is not a DNS label',
    count: 30,
    apply: (i) => {
      const refs = secretRefs(pickPolicy(i));
      if (!refs.length) return false;
      const { holder, key } = i.rng.pick(refs);
      holder[key].namespace = i.rng.pick(BAD_NAMESPACES);
      return true;
    },
  },
  {
    name: 'unknown-field',
    description: 'a field the CRD does not define, at any depth of spec (clientId for clientID, targetRef, a typo)',
    count: 60,
    apply: (i) => {
      const p = pickPolicy(i);
      const objects = sites(p.spec, i.schema.properties!.spec, ['spec']).filter((s) => isObject(s.value));
      const site = i.rng.pick(objects);
      const last = site.path[site.path.length - 1];
      const field = i.rng.pick(last === 'azureCredentials' ? ['clientId', 'tenantId'] : last === 'spec' ? ['targetRef', 'credentialsOverride', 'bogus'] : ['bogus', 'Name', 'secretref']);
      (site.value as any)[field] = 'x';
      return true;
    },
  },
  {
    name: 'spec-not-object',
    description: 'spec a string, a list or a number',
    count: 20,
    apply: (i) => {
      pickPolicy(i).spec = i.rng.pick(['x', ['x'], 7]);
      return true;
    },
  },
  {
    name: 'drop-spec',
    description: 'no spec at all, or spec: null (the CRD does not require spec)',
    count: 10,
    apply: (i) => {
      const p = pickPolicy(i);
      if (i.rng.int(2) === 0) delete p.spec;
      else p.spec = null;
      return true;
    },
  },
  {
    name: 'secret-value-not-string',
    description: 'a value of the emitted v1 Secret that YAML reads as a number, boolean, list or map',
    count: 30,
    apply: (i) => {
      const secrets = secretsOf(i).filter((s) => isObject(s.secret.stringData));
      if (!secrets.length) return false;
      const { secret } = i.rng.pick(secrets);
      const key = Object.keys(secret.stringData)[0];
      secret.stringData[key] = i.rng.pick([true, 42, 0o775, 1.5, ['x'], { x: 'y' }]);
      return true;
    },
  },
  {
    name: 'secret-data-not-base64',
    description: 'the emitted v1 Secret with its value moved to data but not base64-encoded',
    count: 30,
    apply: (i) => {
      const secrets = secretsOf(i).filter((s) => isObject(s.secret.stringData));
      if (!secrets.length) return false;
      const { secret } = i.rng.pick(secrets);
      const [key] = Object.keys(secret.stringData);
      secret.data = { [key]: i.rng.pick(['not base64!', 'c2stYWJj?', '%%%%']) };
      delete secret.stringData;
      return true;
    },
  },
];

/** Mutations only the gateway notices: the API server accepts them, lint rejects them. */
const UNSEEN: Mutation[] = [
  {
    name: 'duplicate-target',
    description: 'the same backend twice in one policy, or in two policies (AIGW001)',
    count: 40,
    plan: { minTargets: 1 },
    apply: (i) => {
      const p = pickPolicy(i);
      const t = i.rng.pick(p.spec.targetRefs as any[]);
      if (i.rng.int(2) === 0 && p.spec.targetRefs.length < 16) {
        p.spec.targetRefs.push({ ...t });
      } else {
        const copy = structuredClone(p);
        copy.metadata.name = `${String(p.metadata.name).slice(0, 200)}-copy`;
        copy.spec.targetRefs = [{ ...t }];
        i.docs.push(copy);
      }
      return true;
    },
  },
  {
    name: 'secret-key-missing',
    description: 'the emitted Secret holds the credential under another key (AIGW060)',
    count: 30,
    apply: (i) => {
      const secrets = secretsOf(i).filter((s) => isObject(s.secret.stringData));
      if (!secrets.length) return false;
      const { secret } = i.rng.pick(secrets);
      const [key] = Object.keys(secret.stringData);
      secret.stringData = { [i.rng.pick(['api-key', 'apikey', 'token', 'client_secret', 'credentials.json'].filter((k) => k !== key))]: secret.stringData[key] };
      return true;
    },
  },
  {
    name: 'secret-value-blank',
    description: 'the emitted Secret holds an empty or whitespace credential (AIGW061)',
    count: 30,
    apply: (i) => {
      const secrets = secretsOf(i).filter((s) => isObject(s.secret.stringData));
      if (!secrets.length) return false;
      const { secret } = i.rng.pick(secrets);
      const [key] = Object.keys(secret.stringData);
      if (i.rng.int(2) === 0) {
        secret.stringData[key] = i.rng.pick(['', ' ', '\n', '\t ']);
      } else {
        secret.data = { [key]: i.rng.pick(['', 'IA==', 'Cg==']) };
        delete secret.stringData;
      }
      return true;
    },
  },
  {
    name: 'secret-namespace-ignored',
    description: 'an API key or AWS credentials file reference naming another namespace (AIGW063)',
    count: 30,
    plan: { types: ['APIKey', 'AnthropicAPIKey', 'AzureAPIKey', 'AWSCredentials'] },
    apply: (i) => {
      const p = pickPolicy(i);
      const refs = secretRefs(p).filter((r) => r.use !== 'honoured');
      if (!refs.length) return false;
      const { holder, key } = i.rng.pick(refs);
      holder[key].namespace = p.metadata.namespace === 'other' ? 'elsewhere' : 'other';
      return true;
    },
  },
  {
    name: 'bad-secret-name',
    description: 'a Secret reference whose name is not a valid object name but within 253 characters (AIGW064)',
    count: 30,
    apply: (i) => {
      const refs = secretRefs(pickPolicy(i));
      if (!refs.length) return false;
      const { holder, key } = i.rng.pick(refs);
      holder[key].name = i.rng.pick(BAD_OBJECT_NAMES.filter((n) => n.length <= 253));
      return true;
    },
  },
  {
    name: 'bad-target-name',
    description: 'a target name that is not a valid object name but within 253 characters (AIGW064)',
    count: 30,
    plan: { minTargets: 1 },
    apply: (i) => {
      i.rng.pick(pickPolicy(i).spec.targetRefs as any[]).name = i.rng.pick(BAD_OBJECT_NAMES.filter((n) => n.length <= 253));
      return true;
    },
  },
  {
    name: 'rotated-secret-name',
    description: 'a Secret reference to ai-eg-bsp-<policy name>, the Secret the controller writes (AIGW065)',
    count: 20,
    apply: (i) => {
      const p = pickPolicy(i);
      const refs = secretRefs(p);
      if (!refs.length || String(p.metadata.name).length > 243) return false;
      const { holder, key } = i.rng.pick(refs);
      holder[key].name = `ai-eg-bsp-${p.metadata.name}`;
      return true;
    },
  },
  {
    name: 'oidc-secret-no-namespace',
    description: 'an OIDC clientSecret reference without namespace (AIGW052)',
    count: 30,
    plan: { types: ['AWSCredentials', 'AzureCredentials', 'GCPCredentials'] },
    apply: (i) => {
      const blocks = oidcBlocks(pickPolicy(i));
      if (!blocks.length) return false;
      delete i.rng.pick(blocks).clientSecret.namespace;
      return true;
    },
  },
  {
    name: 'issuer-not-https',
    description: 'an OIDC issuer or token endpoint that is not an https URL (AIGW050)',
    count: 30,
    plan: { types: ['AWSCredentials', 'AzureCredentials', 'GCPCredentials'] },
    apply: (i) => {
      const blocks = oidcBlocks(pickPolicy(i));
      if (!blocks.length) return false;
      const provider = i.rng.pick(blocks).provider;
      provider[i.rng.pick(['issuer', 'tokenEndpoint'])] = i.rng.pick(['http://idp.example.com', 'idp.example.com', 'https://', 'ftp://idp', 'https:/x']);
      return true;
    },
  },
  {
    name: 'client-id-ref',
    description: 'an OIDC clientIDRef instead of clientID, which v1.1.0 cannot read (AIGW051)',
    count: 20,
    plan: { types: ['AWSCredentials', 'AzureCredentials', 'GCPCredentials'] },
    apply: (i) => {
      const blocks = oidcBlocks(pickPolicy(i));
      if (!blocks.length) return false;
      const oidc = i.rng.pick(blocks);
      delete oidc.clientID;
      oidc.clientIDRef = { name: 'oidc-client-id' };
      return true;
    },
  },
  {
    name: 'bad-role-arn',
    description: 'an awsRoleArn that is not an IAM role ARN (AIGW022)',
    count: 30,
    plan: { types: ['AWSCredentials'] },
    apply: (i) => {
      const exchange = pickPolicy(i).spec.awsCredentials.oidcExchangeToken;
      if (!exchange) return false;
      exchange.awsRoleArn = i.rng.pick(['arn:aws:iam::123:role/x', 'arn:aws:iam::123456789012:user/x', 'my-role', 'arn:aws:s3:::bucket', ' ']);
      return true;
    },
  },
  {
    name: 'aws-file-and-oidc',
    description: 'AWS credentials with both credentialsFile and oidcExchangeToken (AIGW021)',
    count: 20,
    plan: { types: ['AWSCredentials'] },
    apply: (i) => {
      const aws = pickPolicy(i).spec.awsCredentials;
      aws.credentialsFile ??= { secretRef: { name: 'aws-credentials' } };
      aws.oidcExchangeToken ??= {
        awsRoleArn: 'arn:aws:iam::123456789012:role/bedrock',
        oidc: { provider: { issuer: 'https://idp.example.com' }, clientID: 'c', clientSecret: { name: 'oidc', namespace: 'default' } },
      };
      return true;
    },
  },
  {
    name: 'gcp-adc-fallback',
    description: 'GCP application default credentials with a credential override that falls back (AIGW070)',
    count: 20,
    plan: { types: ['GCPCredentials'] },
    apply: (i) => {
      const p = pickPolicy(i);
      delete p.spec.gcpCredentials.credentialsFile;
      delete p.spec.gcpCredentials.workloadIdentityFederationConfig;
      p.spec.credentialOverride = i.rng.pick([{ fromRequestHeaders: {} }, { fromDynamicMetadata: { namespace: 'envoy.filters.http.ext_authz', fallbackToConfigured: true } }]);
      return true;
    },
  },
  {
    name: 'warning-only',
    description: 'what lint only warns about: a credentials-file profile, an odd region, a long AWS OIDC policy name (AIGW023/024/025)',
    count: 30,
    plan: { types: ['AWSCredentials', 'GCPCredentials'] },
    apply: (i) => {
      const p = pickPolicy(i);
      const aws = p.spec.awsCredentials;
      const choices: Array<() => void> = [() => ((aws ?? p.spec.gcpCredentials).region = aws ? 'us-central1' : 'us-east-1')];
      if (aws?.credentialsFile) choices.push(() => (aws.credentialsFile.profile = 'production'));
      if (aws?.oidcExchangeToken) choices.push(() => (p.metadata.name = `a-policy-name-longer-than-fifty-three-characters-${'x'.repeat(10)}`));
      i.rng.pick(choices)();
      return true;
    },
  },
  {
    name: 'deprecated-version',
    description: 'the same policy as aigateway.envoyproxy.io/v1alpha1 (AIGW006 warning; the v1alpha1 schema differs)',
    count: 40,
    apply: (i) => {
      pickPolicy(i).apiVersion = 'aigateway.envoyproxy.io/v1alpha1';
      return true;
    },
  },
];

export const MUTATIONS: readonly Mutation[] = [...SEEN, ...UNSEEN];
