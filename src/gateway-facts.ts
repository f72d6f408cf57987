/**
 * What Envoy AI Gateway v1.1.0 does with a BackendSecurityPolicy, as data.
 *
 * Rendering (the constructs) and checking (the rules) both read these tables, so the key a
 * construct writes a credential under is by definition the key the rules expect.
 */

export const POLICY_GROUP = 'aigateway.envoyproxy.io';
export const POLICY_KIND = 'BackendSecurityPolicy';
export const POLICY_API_VERSION = `${POLICY_GROUP}/v1beta1`;
export const DEPRECATED_POLICY_API_VERSION = `${POLICY_GROUP}/v1alpha1`;

/** Targets the gateway accepts in `spec.targetRefs`, as `group/kind`. */
export const TARGET_KINDS: ReadonlyArray<{ readonly group: string; readonly kind: string }> = [
  { group: POLICY_GROUP, kind: 'AIServiceBackend' },
  { group: 'inference.networking.k8s.io', kind: 'InferencePool' },
];

/** The CRD caps `spec.targetRefs` at this many entries. */
export const MAX_TARGETS = 16;

/** One way a policy uses a Secret. */
export interface SecretUse {
  /** The key the controller reads from the Secret's data. */
  readonly key: string;
  /** What the credential is, in the user's words (for messages and comments). */
  readonly description: string;
  /**
   * Whether the controller reads `namespace` from the reference. When false it always reads the
   * policy's own namespace and silently ignores any other.
   */
  readonly namespaceHonoured: boolean;
  /** Whether the reference must name its namespace (the controller refuses it otherwise). */
  readonly namespaceRequired: boolean;
  /** Suffix of the name of a Secret the library emits for this use. */
  readonly nameSuffix: string;
}

export type SecretUseName = 'apiKey' | 'awsCredentialsFile' | 'azureClientSecret' | 'gcpServiceAccountKey' | 'oidcClientSecret';

export const SECRET_USES: Readonly<Record<SecretUseName, SecretUse>> = {
  apiKey: {
    key: 'apiKey',
    description: 'API key',
    namespaceHonoured: false,
    namespaceRequired: false,
    nameSuffix: 'apikey',
  },
  awsCredentialsFile: {
    key: 'credentials',
    description: 'AWS credentials file',
    namespaceHonoured: false,
    namespaceRequired: false,
    nameSuffix: 'aws-credentials',
  },
  azureClientSecret: {
    key: 'client-secret',
    description: 'Azure client secret',
    namespaceHonoured: true,
    namespaceRequired: false,
    nameSuffix: 'azure-client-secret',
  },
  gcpServiceAccountKey: {
    key: 'service_account.json',
    description: 'GCP service account key',
    namespaceHonoured: true,
    namespaceRequired: false,
    nameSuffix: 'gcp-service-account-key',
  },
  oidcClientSecret: {
    key: 'client-secret',
    description: 'OIDC client secret',
    namespaceHonoured: true,
    namespaceRequired: true,
    nameSuffix: 'oidc-client-secret',
  },
};

export type PolicyTypeName = 'APIKey' | 'AnthropicAPIKey' | 'AzureAPIKey' | 'AWSCredentials' | 'AzureCredentials' | 'GCPCredentials';

export interface PolicyTypeFacts {
  /** The one `spec` member that must be set for this type. */
  readonly member: string;
  /** For the API-key types, the header the gateway sends the key in. */
  readonly header?: string;
}

export const POLICY_TYPES: Readonly<Record<PolicyTypeName, PolicyTypeFacts>> = {
  APIKey: { member: 'apiKey', header: 'Authorization: Bearer' },
  AnthropicAPIKey: { member: 'anthropicAPIKey', header: 'x-api-key' },
  AzureAPIKey: { member: 'azureAPIKey', header: 'api-key' },
  AWSCredentials: { member: 'awsCredentials' },
  AzureCredentials: { member: 'azureCredentials' },
  GCPCredentials: { member: 'gcpCredentials' },
};

export const POLICY_TYPE_NAMES = Object.keys(POLICY_TYPES) as PolicyTypeName[];
export const POLICY_MEMBERS = POLICY_TYPE_NAMES.map((t) => POLICY_TYPES[t].member);

/** The controller writes rotated credentials to a Secret with this prefix and the policy's name. */
export const ROTATED_SECRET_PREFIX = 'ai-eg-bsp-';

/** AWS caps the STS session name `ai-gateway-<policy name>` at 64 characters. */
export const AWS_OIDC_MAX_POLICY_NAME = 53;

/** The only credentials-file profile the v1.1.0 data plane reads. */
export const AWS_DEFAULT_PROFILE = 'default';

/** A Secret reference found in a policy spec, with the use that decides its key and namespace. */
export interface SecretRefSite {
  /** Path of the reference in the manifest, for messages (`spec.awsCredentials.credentialsFile.secretRef`). */
  readonly path: string;
  readonly use: SecretUseName;
  /** The reference object as written (may be malformed). */
  readonly ref: unknown;
}

/**
 * Every place a policy spec (in Kubernetes field names) can reference a Secret. The renderers
 * write exactly these paths and the rules read exactly these paths.
 */
export function secretRefSites(spec: any): SecretRefSite[] {
  const sites: SecretRefSite[] = [];
  if (!spec || typeof spec !== 'object') return sites;
  addSite(sites, 'spec.apiKey.secretRef', 'apiKey', spec.apiKey?.secretRef);
  addSite(sites, 'spec.anthropicAPIKey.secretRef', 'apiKey', spec.anthropicAPIKey?.secretRef);
  addSite(sites, 'spec.azureAPIKey.secretRef', 'apiKey', spec.azureAPIKey?.secretRef);
  const aws = spec.awsCredentials;
  if (aws) {
    addSite(sites, 'spec.awsCredentials.credentialsFile.secretRef', 'awsCredentialsFile', aws.credentialsFile?.secretRef);
    addSite(sites, 'spec.awsCredentials.oidcExchangeToken.oidc.clientSecret', 'oidcClientSecret', aws.oidcExchangeToken?.oidc?.clientSecret);
  }
  const azure = spec.azureCredentials;
  if (azure) {
    addSite(sites, 'spec.azureCredentials.clientSecretRef', 'azureClientSecret', azure.clientSecretRef);
    addSite(sites, 'spec.azureCredentials.oidcExchangeToken.oidc.clientSecret', 'oidcClientSecret', azure.oidcExchangeToken?.oidc?.clientSecret);
  }
  const gcp = spec.gcpCredentials;
  if (gcp) {
    addSite(sites, 'spec.gcpCredentials.credentialsFile.secretRef', 'gcpServiceAccountKey', gcp.credentialsFile?.secretRef);
    addSite(
      sites,
      'spec.gcpCredentials.workloadIdentityFederationConfig.oidcExchangeToken.oidc.clientSecret',
      'oidcClientSecret',
      gcp.workloadIdentityFederationConfig?.oidcExchangeToken?.oidc?.clientSecret,
    );
  }
  return sites;
}

function addSite(sites: SecretRefSite[], path: string, use: SecretUseName, ref: unknown): void {
  if (ref !== undefined && ref !== null) sites.push({ path, use, ref });
}

/** Whether `secretName` is the Secret the controller writes the rotated credentials of policy `policyName` to. */
export function isRotatedSecretOf(secretName: unknown, policyName: string): boolean {
  return (
    typeof secretName === 'string' &&
    secretName.length === ROTATED_SECRET_PREFIX.length + policyName.length &&
    secretName.startsWith(ROTATED_SECRET_PREFIX) &&
    secretName.endsWith(policyName)
  );
}
