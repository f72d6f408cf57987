import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  AnthropicApiKeyPolicy,
  ApiKeyPolicy,
  AwsBedrockAuth,
  AwsCredentials,
  AzureApiKeyPolicy,
  AzureCredentials,
  AzureOpenAIAuth,
  BackendSecurityPolicyBase,
  CredentialOverride,
  GcpCredentials,
  GcpVertexAuth,
  OidcOptions,
  PolicyTarget,
  SecretSource,
} from '../src';
import { Finding, runRules } from '../src/rules';
import { isReadAsNumber } from '../src/values';

/*
 * Property tests: random valid configurations of every policy type, built with the library's
 * constructs, synthesize and pass the rule engine; single mutations of the synthesized manifests
 * are each caught with the code of the rule they break.
 *
 * The facts below (which key the gateway reads at which reference) are written out from
 * docs/upstream-rules.md on purpose, rather than imported from src/, so that a wrong table in
 * src/ cannot make these tests agree with it.
 */

// Each run builds and synthesizes a whole App (a few milliseconds): enough runs to cover every
// variant many times, few enough for the file to stay fast.
const NUM_RUNS = 150;
const MUTATION_RUNS = 60;
/** Per required field (seven fields). */
const REQUIRED_FIELD_RUNS = 40;

// ---------------------------------------------------------------------------------------------
// model of a configuration (plain data, so that fast-check prints counterexamples readably)

type SourceModel =
  | { readonly kind: 'literal'; readonly value: string; readonly secretName?: string }
  | { readonly kind: 'existing'; readonly name: string; readonly namespace: NamespaceChoice }
  | { readonly kind: 'external'; readonly storeName: string; readonly remoteKey: string; readonly secretName?: string }
  | { readonly kind: 'sealed'; readonly encrypted: string; readonly secretName?: string };

/** Where an existing Secret lives: not said, the policy's own namespace said explicitly, or another one. */
type NamespaceChoice = { readonly mode: 'omit' } | { readonly mode: 'own' } | { readonly mode: 'other'; readonly namespace: string };

interface OidcModel {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: SourceModel;
  readonly scopes?: string[];
  readonly tokenEndpoint?: string;
}

type CredentialsModel =
  | { readonly type: 'APIKey' | 'AnthropicAPIKey' | 'AzureAPIKey'; readonly apiKey: SourceModel }
  | { readonly type: 'AWSCredentials'; readonly region: string; readonly aws: AwsModel }
  | { readonly type: 'AzureCredentials'; readonly clientId: string; readonly tenantId: string; readonly azure: AzureModel }
  | { readonly type: 'GCPCredentials'; readonly projectName: string; readonly region: string; readonly gcp: GcpModel };

type AwsModel =
  | { readonly mode: 'implicit-default' }
  | { readonly mode: 'default-chain' }
  | { readonly mode: 'file'; readonly source: SourceModel; readonly profile?: 'default' }
  | { readonly mode: 'oidc'; readonly roleArn: string; readonly oidc: OidcModel };

type AzureModel = { readonly mode: 'secret'; readonly source: SourceModel } | { readonly mode: 'oidc'; readonly oidc: OidcModel };

type GcpModel =
  | { readonly mode: 'implicit-adc' }
  | { readonly mode: 'adc' }
  | { readonly mode: 'key'; readonly source: SourceModel }
  | {
    readonly mode: 'wif';
    readonly projectId: string;
    readonly poolName: string;
    readonly providerName: string;
    readonly oidc: OidcModel;
    readonly serviceAccountName?: string;
  };

type OverrideModel =
  | { readonly from: 'headers'; readonly header?: string; readonly fallbackToConfigured?: boolean }
  | { readonly from: 'metadata'; readonly namespace: string; readonly key?: string; readonly fallbackToConfigured?: boolean };

interface TargetModel {
  readonly kind: 'AIServiceBackend' | 'InferencePool';
  readonly name: string;
}

interface PolicyModel {
  readonly credentials: CredentialsModel;
  /** metadata.name; else generated from the construct path */
  readonly name?: string;
  /** metadata.namespace; else the Chart's */
  readonly namespace?: string;
  readonly targets: TargetModel[];
  readonly override?: OverrideModel;
}

interface AppModel {
  readonly chartNamespace?: string;
  readonly policies: PolicyModel[];
}

// ---------------------------------------------------------------------------------------------
// arbitraries

const AWS_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
  'ap-southeast-4', 'ap-south-1', 'ap-south-2', 'ap-east-1', 'me-south-1', 'me-central-1', 'af-south-1',
  'il-central-1', 'us-gov-west-1', 'us-gov-east-1', 'cn-north-1', 'cn-northwest-1',
];

const GCP_REGIONS = [
  'global', 'us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1', 'us-west1', 'us-west4',
  'northamerica-northeast1', 'southamerica-east1', 'europe-west1', 'europe-west2', 'europe-west3', 'europe-west4',
  'europe-west9', 'europe-north1', 'europe-central2', 'europe-southwest1', 'asia-northeast1', 'asia-northeast3',
  'asia-southeast1', 'asia-south1', 'australia-southeast1', 'me-west1', 'me-central1',
];

/** Strings such as `0o17` are refused (AIGW007): cdk8s writes them unquoted and Kubernetes reads numbers. */
const notNumberLike = (s: string) => !isReadAsNumber(s);

/** An RFC 1123 label of at most `max` characters. */
const dnsLabel = (max = 20, size?: fc.SizeForArbitrary) =>
  fc.stringMatching(new RegExp(`^[a-z0-9]([-a-z0-9]{0,${max - 2}}[a-z0-9])?$`), size === undefined ? {} : { size }).filter(notNumberLike);

/** An RFC 1123 subdomain (dots allowed); now and then a long one. */
const dnsSubdomain = (maxLabels = 3, maxLabel = 30) =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.array(dnsLabel(maxLabel), { minLength: 1, maxLength: maxLabels }) },
      { weight: 1, arbitrary: fc.array(dnsLabel(maxLabel, 'max'), { minLength: 1, maxLength: maxLabels, size: 'max' }) },
    )
    .map((labels) => labels.join('.'));

/** A namespace name (RFC 1123 label, at most 63 characters). */
const namespaceName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('default', 'ai', 'ai-gateway', 'envoy-ai-gateway-system', 'team-a', 'prod') },
  { weight: 2, arbitrary: dnsLabel(63) },
  { weight: 1, arbitrary: dnsLabel(63, 'max') },
);

const nonBlank = (max = 60) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);

/** The name of a Secret the app references but does not make. Ends in `-ext`, which emitted names never do. */
const existingSecretName = dnsSubdomain(2, 20).map((n) => `${n}-ext`).filter((n) => !n.startsWith('ai-eg-bsp-'));

/**
 * A source for a credential. `honoured`: whether the gateway reads the reference's namespace for
 * this use (otherwise an existing Secret must be in the policy's namespace).
 * `emitting`: only sources that make the Secret in the app (so its keys are known).
 */
function sourceArb(honoured: boolean, emitting = false): fc.Arbitrary<SourceModel> {
  // secretName is made unique per policy by the builder (suffix `-s<policy index>`).
  const secretName = fc.option(dnsLabel(20).filter((n) => !n.startsWith('ai-eg-bsp-')), { nil: undefined });
  const literal = fc.record({ kind: fc.constant('literal' as const), value: nonBlank(), secretName });
  const external = fc.record({
    kind: fc.constant('external' as const),
    storeName: dnsSubdomain(2, 20),
    remoteKey: fc.stringMatching(/^[A-Za-z0-9/_.-]{1,40}$/),
    secretName,
  });
  const sealed = fc.record({ kind: fc.constant('sealed' as const), encrypted: fc.base64String({ minLength: 4, maxLength: 80 }), secretName });
  const namespace: fc.Arbitrary<NamespaceChoice> = honoured
    ? fc.oneof(
      fc.constant({ mode: 'omit' as const }),
      fc.constant({ mode: 'own' as const }),
      fc.record({ mode: fc.constant('other' as const), namespace: namespaceName }),
    )
    : fc.constantFrom({ mode: 'omit' as const }, { mode: 'own' as const });
  const existing = fc.record({ kind: fc.constant('existing' as const), name: existingSecretName, namespace });
  return emitting
    ? fc.oneof({ weight: 3, arbitrary: literal }, external, sealed)
    : fc.oneof({ weight: 3, arbitrary: literal }, { weight: 3, arbitrary: existing }, external, sealed);
}

const httpsUrl = fc
  .tuple(dnsSubdomain(2, 15), fc.constantFrom('com', 'io', 'net', 'example'), fc.option(dnsLabel(12), { nil: undefined }))
  .map(([host, tld, path]) => `https://${host}.${tld}${path === undefined ? '' : `/${path}`}`);

function oidcArb(emitting = false): fc.Arbitrary<OidcModel> {
  return fc.record(
    {
      issuer: httpsUrl,
      clientId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/).filter(notNumberLike),
      clientSecret: sourceArb(true, emitting),
      scopes: fc.array(fc.stringMatching(/^[a-z][a-z0-9:._/-]{0,20}$/), { maxLength: 3 }),
      tokenEndpoint: httpsUrl.map((u) => `${u}/token`),
    },
    { requiredKeys: ['issuer', 'clientId', 'clientSecret'] },
  );
}

const roleArn = fc
  .tuple(fc.constantFrom('aws', 'aws-us-gov', 'aws-cn'), fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,64}$/))
  .map(([partition, account, role]) => `arn:${partition}:iam::${account}:role/${role}`);

const gcpProject = fc.stringMatching(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);

interface Shape {
  /** Only sources that emit the Secret. */
  readonly emitting?: boolean;
}

const apiKeyCredentials = (shape: Shape = {}): fc.Arbitrary<CredentialsModel> =>
  fc.record({ type: fc.constantFrom('APIKey' as const, 'AnthropicAPIKey' as const, 'AzureAPIKey' as const), apiKey: sourceArb(false, shape.emitting) });

const awsOidc = (shape: Shape = {}): fc.Arbitrary<AwsModel> =>
  fc.record({ mode: fc.constant('oidc' as const), roleArn, oidc: oidcArb(shape.emitting) });
const awsFile = (shape: Shape = {}): fc.Arbitrary<AwsModel> =>
  fc.record({ mode: fc.constant('file' as const), source: sourceArb(false, shape.emitting), profile: fc.constant('default' as const) }, { requiredKeys: ['mode', 'source'] });

const awsCredentials = (aws: fc.Arbitrary<AwsModel>): fc.Arbitrary<CredentialsModel> =>
  fc.record({ type: fc.constant('AWSCredentials' as const), region: fc.constantFrom(...AWS_REGIONS), aws });

const anyAws = (shape: Shape = {}) =>
  awsCredentials(
    shape.emitting
      ? fc.oneof(awsFile(shape), awsOidc(shape))
      : fc.oneof(fc.constant({ mode: 'implicit-default' as const }), fc.constant({ mode: 'default-chain' as const }), awsFile(), awsOidc()),
  );

const azureOidc = (shape: Shape = {}): fc.Arbitrary<AzureModel> => fc.record({ mode: fc.constant('oidc' as const), oidc: oidcArb(shape.emitting) });
const azureSecret = (shape: Shape = {}): fc.Arbitrary<AzureModel> =>
  fc.record({ mode: fc.constant('secret' as const), source: sourceArb(true, shape.emitting) });

const azureCredentials = (azure: fc.Arbitrary<AzureModel>): fc.Arbitrary<CredentialsModel> =>
  fc.record({ type: fc.constant('AzureCredentials' as const), clientId: fc.uuid(), tenantId: fc.uuid(), azure });

const anyAzure = (shape: Shape = {}) => azureCredentials(fc.oneof(azureSecret(shape), azureOidc(shape)));

const gcpWif = (shape: Shape = {}): fc.Arbitrary<GcpModel> =>
  fc.record(
    {
      mode: fc.constant('wif' as const),
      projectId: fc.stringMatching(/^[1-9]\d{5,11}$/),
      poolName: dnsLabel(32),
      providerName: dnsLabel(32),
      oidc: oidcArb(shape.emitting),
      serviceAccountName: fc.tuple(dnsLabel(20), gcpProject).map(([sa, project]) => `${sa}@${project}.iam.gserviceaccount.com`),
    },
    { requiredKeys: ['mode', 'projectId', 'poolName', 'providerName', 'oidc'] },
  );
const gcpKey = (shape: Shape = {}): fc.Arbitrary<GcpModel> => fc.record({ mode: fc.constant('key' as const), source: sourceArb(true, shape.emitting) });

const gcpCredentials = (gcp: fc.Arbitrary<GcpModel>): fc.Arbitrary<CredentialsModel> =>
  fc.record({ type: fc.constant('GCPCredentials' as const), projectName: gcpProject, region: fc.constantFrom(...GCP_REGIONS), gcp });

const anyGcp = (shape: Shape = {}) =>
  gcpCredentials(
    shape.emitting
      ? fc.oneof(gcpKey(shape), gcpWif(shape))
      : fc.oneof(fc.constant({ mode: 'implicit-adc' as const }), fc.constant({ mode: 'adc' as const }), gcpKey(), gcpWif()),
  );

/** Credentials of every type, every variant. */
const anyCredentials = (shape: Shape = {}): fc.Arbitrary<CredentialsModel> =>
  fc.oneof(apiKeyCredentials(shape), anyAws(shape), anyAzure(shape), anyGcp(shape));

/** Whether the credentials leave nothing to fall back to (GCP application default credentials). */
function noStaticCredential(credentials: CredentialsModel): boolean {
  return credentials.type === 'GCPCredentials' && (credentials.gcp.mode === 'adc' || credentials.gcp.mode === 'implicit-adc');
}

/** A credential override; `fallback` generates fallbackToConfigured (undefined: left out, which means true). */
function overrideArb(fallback: fc.Arbitrary<boolean | undefined>): fc.Arbitrary<OverrideModel> {
  const withFallback = <T extends object>(arb: fc.Arbitrary<T>) =>
    fc.tuple(arb, fallback).map(([o, f]) => (f === undefined ? o : { ...o, fallbackToConfigured: f }));
  return fc.oneof(
    withFallback(
      fc.record({ from: fc.constant('headers' as const), header: fc.constantFrom('x-api-key', 'x-user-credential', 'authorization') }, { requiredKeys: ['from'] }),
    ),
    withFallback(
      fc.record(
        { from: fc.constant('metadata' as const), namespace: fc.stringMatching(/^[a-z][a-z0-9_.]{0,30}$/), key: fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/) },
        { requiredKeys: ['from', 'namespace'] },
      ),
    ),
  );
}

const targetArb: fc.Arbitrary<TargetModel> = fc.record({
  kind: fc.constantFrom('AIServiceBackend' as const, 'InferencePool' as const),
  name: dnsSubdomain(2, 25),
});

/** 0..16 targets with unique names (unique across the app: the builder prefixes them per policy). */
const targetsArb = (minLength = 0) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.uniqueArray(targetArb, { minLength, maxLength: 16, selector: (t) => t.name }) },
    { weight: 1, arbitrary: fc.uniqueArray(targetArb, { minLength, maxLength: 16, selector: (t) => t.name, size: 'max' }) },
  );

/** Explicit policy names longer than 53 characters (with the builder's `-<index>` suffix). */
const longPolicyName = fc
  .array(dnsLabel(30, 'max'), { minLength: 2, maxLength: 4 })
  .map((labels) => labels.join('.'))
  .filter((name) => name.length > 52);

/** Explicit policy names close to the 253-character limit (emitted Secret names then need shortening). */
const veryLongPolicyName = fc
  .array(dnsLabel(63, 'max'), { minLength: 3, maxLength: 4, size: 'max' })
  .map((labels) => labels.join('.'))
  .filter((name) => name.length > 150 && name.length <= 250);

function policyArb(
  credentials: fc.Arbitrary<CredentialsModel>,
  options: { minTargets?: number; name?: fc.Arbitrary<string | undefined> } = {},
): fc.Arbitrary<PolicyModel> {
  return fc
    .record({
      credentials,
      name:
        options.name ??
        fc.option(fc.oneof({ weight: 6, arbitrary: dnsSubdomain(4, 30) }, { weight: 1, arbitrary: veryLongPolicyName }), { nil: undefined }),
      namespace: fc.option(namespaceName, { nil: undefined }),
      targets: targetsArb(options.minTargets ?? 0),
      withOverride: fc.boolean(),
      staticOverride: overrideArb(fc.constantFrom(undefined, true, false)),
      adcOverride: overrideArb(fc.constant(false)),
    })
    .map(({ credentials: c, name, namespace, targets, withOverride, staticOverride, adcOverride }) => {
      const override = withOverride ? (noStaticCredential(c) ? adcOverride : staticOverride) : undefined;
      return {
        credentials: c,
        targets,
        ...(name === undefined ? {} : { name }),
        ...(namespace === undefined ? {} : { namespace }),
        ...(override === undefined ? {} : { override }),
      };
    });
}

const anyPolicy = policyArb(anyCredentials());

/** An app with the `subject` policy at a random position among 0..2 other random policies. */
function appWith(subject: fc.Arbitrary<PolicyModel>): fc.Arbitrary<{ model: AppModel; subjectIndex: number }> {
  return fc
    .record({
      chartNamespace: fc.option(namespaceName, { nil: undefined }),
      subject,
      others: fc.array(anyPolicy, { maxLength: 2 }),
      position: fc.nat(),
    })
    .map(({ chartNamespace, subject: s, others, position }) => {
      const subjectIndex = position % (others.length + 1);
      const policies = [...others.slice(0, subjectIndex), s, ...others.slice(subjectIndex)];
      return { model: { ...(chartNamespace === undefined ? {} : { chartNamespace }), policies }, subjectIndex };
    });
}

const anyApp: fc.Arbitrary<AppModel> = fc
  .record({ chartNamespace: fc.option(namespaceName, { nil: undefined }), policies: fc.array(anyPolicy, { minLength: 1, maxLength: 4 }) })
  .map(({ chartNamespace, policies }) => ({ ...(chartNamespace === undefined ? {} : { chartNamespace }), policies }));

// ---------------------------------------------------------------------------------------------
// building the model with the library's constructs

let outdir: string;

interface Built {
  readonly chart: Chart;
  readonly policies: BackendSecurityPolicyBase[];
}

function build(model: AppModel): Built {
  const app = Testing.app({ outdir });
  const chart = new Chart(app, 'test', model.chartNamespace === undefined ? {} : { namespace: model.chartNamespace });
  const policies = model.policies.map((policy, index) => buildPolicy(chart, index, policy, model.chartNamespace));
  return { chart, policies };
}

function policyNamespace(policy: PolicyModel, chartNamespace: string | undefined): string {
  return policy.namespace ?? chartNamespace ?? 'default';
}

function buildPolicy(chart: Chart, index: number, policy: PolicyModel, chartNamespace: string | undefined): BackendSecurityPolicyBase {
  const namespace = policyNamespace(policy, chartNamespace);
  const source = (s: SourceModel): SecretSource => {
    const secretName = 'secretName' in s && s.secretName !== undefined ? { secretName: `${s.secretName}-s${index}` } : {};
    switch (s.kind) {
      case 'literal':
        return SecretSource.fromLiteral(s.value, secretName);
      case 'external':
        return SecretSource.fromExternalSecret({ storeName: s.storeName, remoteKey: s.remoteKey, ...secretName });
      case 'sealed':
        return SecretSource.fromSealedSecret(s.encrypted, secretName);
      case 'existing':
        if (s.namespace.mode === 'omit') return SecretSource.fromExistingSecret(s.name);
        return SecretSource.fromExistingSecret(s.name, { namespace: s.namespace.mode === 'own' ? namespace : s.namespace.namespace });
    }
  };
  const oidc = (o: OidcModel): OidcOptions => ({
    issuer: o.issuer,
    clientId: o.clientId,
    clientSecret: source(o.clientSecret),
    ...(o.scopes === undefined ? {} : { scopes: o.scopes }),
    ...(o.tokenEndpoint === undefined ? {} : { tokenEndpoint: o.tokenEndpoint }),
  });
  const metadata = {
    ...(policy.name === undefined ? {} : { name: `${policy.name}-${index}` }),
    ...(policy.namespace === undefined ? {} : { namespace: policy.namespace }),
  };
  const options = {
    ...(Object.keys(metadata).length ? { metadata } : {}),
    targets: policy.targets.map((t) =>
      t.kind === 'AIServiceBackend' ? PolicyTarget.aiServiceBackend(`t${index}-${t.name}`) : PolicyTarget.inferencePool(`t${index}-${t.name}`),
    ),
    ...(policy.override === undefined ? {} : { credentialOverride: buildOverride(policy.override) }),
  };
  const id = `p${index}`;
  const c = policy.credentials;
  switch (c.type) {
    case 'APIKey':
      return new ApiKeyPolicy(chart, id, { ...options, apiKey: source(c.apiKey) });
    case 'AnthropicAPIKey':
      return new AnthropicApiKeyPolicy(chart, id, { ...options, apiKey: source(c.apiKey) });
    case 'AzureAPIKey':
      return new AzureApiKeyPolicy(chart, id, { ...options, apiKey: source(c.apiKey) });
    case 'AWSCredentials': {
      const aws = c.aws;
      const credentials =
        aws.mode === 'implicit-default'
          ? undefined
          : aws.mode === 'default-chain'
            ? AwsCredentials.defaultChain()
            : aws.mode === 'file'
              ? AwsCredentials.fromCredentialsFile(source(aws.source), aws.profile)
              : AwsCredentials.fromOidc({ roleArn: aws.roleArn, oidc: oidc(aws.oidc) });
      return new AwsBedrockAuth(chart, id, { ...options, region: c.region, ...(credentials ? { credentials } : {}) });
    }
    case 'AzureCredentials': {
      const credentials = c.azure.mode === 'secret' ? AzureCredentials.fromClientSecret(source(c.azure.source)) : AzureCredentials.fromOidc(oidc(c.azure.oidc));
      return new AzureOpenAIAuth(chart, id, { ...options, clientId: c.clientId, tenantId: c.tenantId, credentials });
    }
    case 'GCPCredentials': {
      const gcp = c.gcp;
      const credentials =
        gcp.mode === 'implicit-adc'
          ? undefined
          : gcp.mode === 'adc'
            ? GcpCredentials.applicationDefault()
            : gcp.mode === 'key'
              ? GcpCredentials.fromServiceAccountKey(source(gcp.source))
              : GcpCredentials.fromWorkloadIdentityFederation({
                projectId: gcp.projectId,
                poolName: gcp.poolName,
                providerName: gcp.providerName,
                oidc: oidc(gcp.oidc),
                ...(gcp.serviceAccountName === undefined ? {} : { serviceAccountName: gcp.serviceAccountName }),
              });
      return new GcpVertexAuth(chart, id, { ...options, projectName: c.projectName, region: c.region, ...(credentials ? { credentials } : {}) });
    }
  }
}

function buildOverride(o: OverrideModel): CredentialOverride {
  if (o.from === 'headers') {
    return CredentialOverride.fromRequestHeaders({
      ...(o.header === undefined ? {} : { header: o.header }),
      ...(o.fallbackToConfigured === undefined ? {} : { fallbackToConfigured: o.fallbackToConfigured }),
    });
  }
  return CredentialOverride.fromDynamicMetadata({
    namespace: o.namespace,
    ...(o.key === undefined ? {} : { key: o.key }),
    ...(o.fallbackToConfigured === undefined ? {} : { fallbackToConfigured: o.fallbackToConfigured }),
  });
}

/** Every source of a policy model. */
function sourcesOf(policy: PolicyModel): SourceModel[] {
  const c = policy.credentials;
  switch (c.type) {
    case 'APIKey':
    case 'AnthropicAPIKey':
    case 'AzureAPIKey':
      return [c.apiKey];
    case 'AWSCredentials':
      return c.aws.mode === 'file' ? [c.aws.source] : c.aws.mode === 'oidc' ? [c.aws.oidc.clientSecret] : [];
    case 'AzureCredentials':
      return c.azure.mode === 'secret' ? [c.azure.source] : [c.azure.oidc.clientSecret];
    case 'GCPCredentials':
      return c.gcp.mode === 'key' ? [c.gcp.source] : c.gcp.mode === 'wif' ? [c.gcp.oidc.clientSecret] : [];
  }
}

// ---------------------------------------------------------------------------------------------
// reading manifests (facts from docs/upstream-rules.md)

const POLICY_MEMBER: Record<CredentialsModel['type'], string> = {
  APIKey: 'apiKey',
  AnthropicAPIKey: 'anthropicAPIKey',
  AzureAPIKey: 'azureAPIKey',
  AWSCredentials: 'awsCredentials',
  AzureCredentials: 'azureCredentials',
  GCPCredentials: 'gcpCredentials',
};

interface RefSite {
  /** The reference object ({name, namespace?}) inside the manifest (mutable). */
  readonly ref: any;
  /** The Secret key the gateway reads there. */
  readonly key: string;
  /** Whether the gateway reads the reference's namespace. */
  readonly namespaceHonoured: boolean;
}

/** Every Secret reference of a policy spec, with the key the gateway reads there. */
function refSites(spec: any): RefSite[] {
  const sites: RefSite[] = [];
  const add = (ref: any, key: string, namespaceHonoured: boolean) => {
    if (ref) sites.push({ ref, key, namespaceHonoured });
  };
  for (const member of ['apiKey', 'anthropicAPIKey', 'azureAPIKey']) add(spec[member]?.secretRef, 'apiKey', false);
  add(spec.awsCredentials?.credentialsFile?.secretRef, 'credentials', false);
  add(spec.awsCredentials?.oidcExchangeToken?.oidc?.clientSecret, 'client-secret', true);
  add(spec.azureCredentials?.clientSecretRef, 'client-secret', true);
  add(spec.azureCredentials?.oidcExchangeToken?.oidc?.clientSecret, 'client-secret', true);
  add(spec.gcpCredentials?.credentialsFile?.secretRef, 'service_account.json', true);
  add(spec.gcpCredentials?.workloadIdentityFederationConfig?.oidcExchangeToken?.oidc?.clientSecret, 'client-secret', true);
  return sites;
}

/** The OIDC block of a policy spec, if it has one. */
function oidcBlock(spec: any): any {
  return (
    spec.awsCredentials?.oidcExchangeToken?.oidc ??
    spec.azureCredentials?.oidcExchangeToken?.oidc ??
    spec.gcpCredentials?.workloadIdentityFederationConfig?.oidcExchangeToken?.oidc
  );
}

interface MadeSecret {
  readonly object: any;
  readonly namespace: string;
  readonly name: string;
  readonly keys: string[];
  /** Renames a key of the Secret this object makes. */
  readonly renameKey: (from: string, to: string) => void;
}

function renameIn(record: Record<string, unknown>, from: string, to: string) {
  record[to] = record[from];
  delete record[from];
}

/** The Secret an object makes (a v1 Secret, an ExternalSecret, a SealedSecret), if any. */
function madeSecret(o: any): MadeSecret | undefined {
  const namespace = o.metadata?.namespace ?? 'default';
  if (o.apiVersion === 'v1' && o.kind === 'Secret') {
    const data = o.stringData ?? o.data ?? {};
    return { object: o, namespace, name: o.metadata.name, keys: Object.keys(data), renameKey: (from, to) => renameIn(data, from, to) };
  }
  if (o.kind === 'ExternalSecret') {
    const entries: any[] = o.spec.data;
    return {
      object: o,
      namespace,
      name: o.spec.target?.name ?? o.metadata.name,
      keys: entries.map((e) => e.secretKey),
      renameKey: (from, to) => entries.filter((e) => e.secretKey === from).forEach((e) => (e.secretKey = to)),
    };
  }
  if (o.kind === 'SealedSecret') {
    const data = o.spec.encryptedData;
    return {
      object: o,
      namespace: o.spec.template?.metadata?.namespace ?? namespace,
      name: o.spec.template?.metadata?.name ?? o.metadata.name,
      keys: Object.keys(data),
      renameKey: (from, to) => renameIn(data, from, to),
    };
  }
  return undefined;
}

const isPolicy = (o: any) => o.kind === 'BackendSecurityPolicy';

function lint(manifests: any[]): Finding[] {
  return runRules(
    manifests.map((manifest, i) => ({ manifest, location: `#${i}` })),
    { defaultNamespace: 'default' },
  );
}

function errorCodes(findings: Finding[]): string[] {
  return [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.code))].sort();
}

/** Builds and synthesizes the model; returns a deep copy of the manifests (safe to mutate). */
function synthesize(model: AppModel): { built: Built; manifests: any[] } {
  const built = build(model);
  const manifests = JSON.parse(JSON.stringify(Testing.synth(built.chart)));
  return { built, manifests };
}

function subjectManifest(manifests: any[], policy: BackendSecurityPolicyBase): any {
  const found = manifests.filter((o) => isPolicy(o) && o.metadata.name === policy.name && o.metadata.namespace === policy.namespace);
  expect(found).toHaveLength(1);
  return found[0];
}

/** Asserts the manifests are clean, applies `mutate`, and returns the findings afterwards. */
function mutateAndLint(manifests: any[], mutate: () => void): Finding[] {
  expect(errorCodes(lint(manifests))).toEqual([]);
  mutate();
  return lint(manifests);
}

function onObject(findings: Finding[], code: string, name: string): boolean {
  return findings.some((f) => f.code === code && (f.object.name === name || f.message.includes(`/${name} `)));
}

// ---------------------------------------------------------------------------------------------

let warn: jest.SpyInstance;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'aigw-properties-'));
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  warn.mockRestore();
});

describe('random valid configurations', () => {
  test('synthesize, and the rule engine finds nothing but the warnings they call for', () => {
    fc.assert(
      fc.property(anyApp, (model) => {
        warn.mockClear();
        const { built, manifests } = synthesize(model);

        // Warnings a valid configuration may legitimately get: AIGW024 for an AWS OIDC policy whose
        // name is longer than 53 characters. Nothing else.
        const expectedWarnings = model.policies
          .map((p, i) => ({ p, construct: built.policies[i] }))
          .filter(({ p, construct }) => p.credentials.type === 'AWSCredentials' && p.credentials.aws.mode === 'oidc' && construct.name.length > 53)
          .map(({ construct }) => ({ code: 'AIGW024', name: construct.name }));
        const findings = lint(manifests);
        const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
        expect(findings.map((f) => ({ code: f.code, name: f.object.name })).sort(byName)).toEqual([...expectedWarnings].sort(byName));
        // The synth printed exactly those, once each.
        const printed = warn.mock.calls.map((args) => String(args[0]));
        expect(printed).toHaveLength(expectedWarnings.length);
        for (const w of expectedWarnings) expect(printed.filter((line) => line.includes(w.code) && line.includes(`/${w.name} `))).toHaveLength(1);

        // The manifests say what the model says.
        const policies = manifests.filter(isPolicy);
        expect(policies).toHaveLength(model.policies.length);
        model.policies.forEach((p, i) => {
          const m = subjectManifest(manifests, built.policies[i]);
          expect(m.apiVersion).toBe('aigateway.envoyproxy.io/v1beta1');
          expect(m.metadata.namespace).toBe(policyNamespace(p, model.chartNamespace));
          expect(m.spec.type).toBe(p.credentials.type);
          const members = Object.values(POLICY_MEMBER).filter((member) => m.spec[member] !== undefined);
          expect(members).toEqual([POLICY_MEMBER[p.credentials.type]]);
          expect((m.spec.targetRefs ?? []).map((t: any) => `${t.kind}/${t.name}`)).toEqual(p.targets.map((t) => `${t.kind}/t${i}-${t.name}`));
          expect(m.spec.credentialOverride === undefined).toBe(p.override === undefined);
        });

        // Each value source makes exactly one Secret, in the policy's namespace, under the key the
        // gateway reads at the reference that names it.
        const made = manifests.map(madeSecret).filter((s): s is MadeSecret => s !== undefined);
        const emitting = model.policies.flatMap(sourcesOf).filter((s) => s.kind !== 'existing');
        expect(made).toHaveLength(emitting.length);
        const sites = policies.flatMap((m) => refSites(m.spec).map((site) => ({ site, policyNamespace: m.metadata.namespace })));
        for (const secret of made) {
          const referencing = sites.filter(
            ({ site, policyNamespace: ns }) => site.ref.name === secret.name && (site.ref.namespace ?? ns) === secret.namespace,
          );
          expect(referencing).toHaveLength(1);
          expect(secret.keys).toEqual([referencing[0].site.key]);
        }
        // The controller needs the namespace of every OIDC client secret reference.
        for (const m of policies) {
          const oidc = oidcBlock(m.spec);
          if (oidc) expect(typeof oidc.clientSecret.namespace).toBe('string');
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('every policy type and credentials variant is generated', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(anyApp, (model) => {
        for (const p of model.policies) {
          const c = p.credentials;
          const variant = 'aws' in c ? c.aws.mode : 'azure' in c ? c.azure.mode : 'gcp' in c ? c.gcp.mode : '';
          seen.add(`${c.type}/${variant}`);
          for (const s of sourcesOf(p)) seen.add(`source/${s.kind}`);
          if (p.override) seen.add(`override/${p.override.from}`);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
    expect([...seen].sort()).toEqual(
      [
        'APIKey/', 'AnthropicAPIKey/', 'AzureAPIKey/',
        'AWSCredentials/implicit-default', 'AWSCredentials/default-chain', 'AWSCredentials/file', 'AWSCredentials/oidc',
        'AzureCredentials/secret', 'AzureCredentials/oidc',
        'GCPCredentials/implicit-adc', 'GCPCredentials/adc', 'GCPCredentials/key', 'GCPCredentials/wif',
        'source/literal', 'source/existing', 'source/external', 'source/sealed',
        'override/headers', 'override/metadata',
      ].sort(),
    );
  });

  test('an AWS OIDC policy named over 53 characters gets only the AIGW024 warning, printed once', () => {
    fc.assert(
      fc.property(appWith(policyArb(awsCredentials(awsOidc()), { name: longPolicyName })), ({ model, subjectIndex }) => {
        warn.mockClear();
        const { built, manifests } = synthesize(model);
        const subject = built.policies[subjectIndex];
        expect(subject.name.length).toBeGreaterThan(53);
        const mine = lint(manifests).filter((f) => f.object.name === subject.name);
        expect(mine.map((f) => `${f.severity} ${f.code}`)).toEqual(['warning AIGW024']);
        const printed = warn.mock.calls.map((args) => String(args[0])).filter((line) => line.includes(`/${subject.name} `));
        expect(printed).toHaveLength(1);
        expect(printed[0]).toContain('AIGW024');
      }),
      { numRuns: MUTATION_RUNS },
    );
  });
});

describe('single mutations are caught with the rule\'s code', () => {
  type Blanking = 'delete' | 'empty' | 'blank';
  const blanking = fc.constantFrom<Blanking>('delete', 'empty', 'blank');

  function blankOut(holder: any, field: string, how: Blanking) {
    expect(holder).toBeDefined();
    expect(holder[field]).toEqual(expect.any(String));
    if (how === 'delete') delete holder[field];
    else holder[field] = how === 'empty' ? '' : ' \t ';
  }

  const oidcCredentials = (shape: Shape = {}) =>
    fc.oneof(awsCredentials(awsOidc(shape)), azureCredentials(azureOidc(shape)), gcpCredentials(gcpWif(shape)));

  const REQUIRED: Array<{ field: string; code: string; credentials: fc.Arbitrary<CredentialsModel>; holder: (spec: any) => any }> = [
    { field: 'type', code: 'AIGW004', credentials: anyCredentials(), holder: (spec) => spec },
    { field: 'region', code: 'AIGW020', credentials: anyAws(), holder: (spec) => spec.awsCredentials },
    { field: 'region', code: 'AIGW040', credentials: anyGcp(), holder: (spec) => spec.gcpCredentials },
    { field: 'projectName', code: 'AIGW040', credentials: anyGcp(), holder: (spec) => spec.gcpCredentials },
    { field: 'clientID', code: 'AIGW030', credentials: anyAzure(), holder: (spec) => spec.azureCredentials },
    { field: 'tenantID', code: 'AIGW030', credentials: anyAzure(), holder: (spec) => spec.azureCredentials },
    { field: 'issuer', code: 'AIGW050', credentials: oidcCredentials(), holder: (spec) => oidcBlock(spec).provider },
  ];

  test.each(REQUIRED)('dropping $field is $code', ({ field, code, credentials, holder }) => {
    fc.assert(
      fc.property(appWith(policyArb(credentials)), blanking, ({ model, subjectIndex }, how) => {
        const { built, manifests } = synthesize(model);
        const subject = built.policies[subjectIndex];
        const findings = mutateAndLint(manifests, () => blankOut(holder(subjectManifest(manifests, subject).spec), field, how));
        expect(errorCodes(findings)).toEqual([code]);
        expect(onObject(findings, code, subject.name)).toBe(true);
      }),
      { numRuns: REQUIRED_FIELD_RUNS },
    );
  });

  const wrongKey = fc.oneof(
    fc.constantFrom('api-key', 'apikey', 'api_key', 'APIKEY', 'client_secret', 'clientSecret', 'credentials.ini', 'service-account.json', 'key', 'token'),
    fc.stringMatching(/^[-._a-zA-Z0-9]{1,24}$/),
  );

  test('a wrong key in the Secret a reference names is AIGW060', () => {
    fc.assert(
      fc.property(appWith(policyArb(anyCredentials({ emitting: true }))), wrongKey, ({ model, subjectIndex }, key) => {
        const { built, manifests } = synthesize(model);
        const subject = built.policies[subjectIndex];
        const [site] = refSites(subjectManifest(manifests, subject).spec);
        fc.pre(key !== site.key);
        const findings = mutateAndLint(manifests, () => {
          const secret = manifests
            .map(madeSecret)
            .find((s) => s && s.name === site.ref.name && s.namespace === (site.ref.namespace ?? subject.namespace));
          expect(secret).toBeDefined();
          expect(secret!.keys).toEqual([site.key]);
          secret!.renameKey(site.key, key);
        });
        expect(errorCodes(findings)).toEqual(['AIGW060']);
        expect(onObject(findings, 'AIGW060', subject.name)).toBe(true);
      }),
      { numRuns: MUTATION_RUNS },
    );
  });

  test('a target of one policy added to a second policy (or twice to the same) is AIGW001', () => {
    fc.assert(
      fc.property(appWith(policyArb(anyCredentials(), { minTargets: 1 })), fc.nat(), fc.constantFrom('new-policy', 'other-policy', 'same-policy'), ({ model, subjectIndex }, pick, how) => {
        const { built, manifests } = synthesize(model);
        const subject = built.policies[subjectIndex];
        const subjectM = subjectManifest(manifests, subject);
        const target = subjectM.spec.targetRefs[pick % subjectM.spec.targetRefs.length];
        const others = built.policies
          .filter((p) => p !== subject && p.namespace === subject.namespace)
          .map((p) => subjectManifest(manifests, p))
          .filter((m) => (m.spec.targetRefs ?? []).length < 16);
        const findings = mutateAndLint(manifests, () => {
          if (how === 'same-policy') {
            const refs = subjectM.spec.targetRefs;
            // Stay within 16 targets: overwrite another entry of a full list.
            if (refs.length < 16) refs.push({ ...target });
            else refs[(refs.indexOf(target) + 1) % refs.length] = { ...target };
          } else if (how === 'other-policy' && others.length) {
            const carrier = others[pick % others.length];
            carrier.spec.targetRefs = [...(carrier.spec.targetRefs ?? []), { ...target }];
          } else {
            const copy = JSON.parse(JSON.stringify(subjectM));
            copy.metadata.name = `${subject.name}-dup`;
            copy.spec.targetRefs = [{ ...target }];
            manifests.push(copy);
          }
        });
        expect(errorCodes(findings)).toEqual(['AIGW001']);
        expect(findings.some((f) => f.code === 'AIGW001' && f.message.includes(`${target.kind} ${subject.namespace}/${target.name}`))).toBe(true);
      }),
      { numRuns: MUTATION_RUNS },
    );
  });

  test('an API key (or AWS credentials file) reference moved to another namespace is AIGW063', () => {
    const subject = policyArb(fc.oneof(apiKeyCredentials(), awsCredentials(awsFile())));
    fc.assert(
      fc.property(appWith(subject), namespaceName, ({ model, subjectIndex }, otherNamespace) => {
        const { built, manifests } = synthesize(model);
        const policy = built.policies[subjectIndex];
        fc.pre(otherNamespace !== policy.namespace);
        const [site] = refSites(subjectManifest(manifests, policy).spec);
        expect(site.namespaceHonoured).toBe(false);
        const findings = mutateAndLint(manifests, () => {
          site.ref.namespace = otherNamespace;
        });
        expect(errorCodes(findings)).toEqual(['AIGW063']);
        expect(onObject(findings, 'AIGW063', policy.name)).toBe(true);
      }),
      { numRuns: MUTATION_RUNS },
    );
  });

  test('an http OIDC issuer is AIGW050', () => {
    fc.assert(
      fc.property(appWith(policyArb(oidcCredentials())), ({ model, subjectIndex }) => {
        const { built, manifests } = synthesize(model);
        const subject = built.policies[subjectIndex];
        const provider = oidcBlock(subjectManifest(manifests, subject).spec).provider;
        const findings = mutateAndLint(manifests, () => {
          expect(provider.issuer).toMatch(/^https:\/\//);
          provider.issuer = provider.issuer.replace(/^https:/, 'http:');
        });
        expect(errorCodes(findings)).toEqual(['AIGW050']);
        expect(onObject(findings, 'AIGW050', subject.name)).toBe(true);
      }),
      { numRuns: MUTATION_RUNS },
    );
  });
});
