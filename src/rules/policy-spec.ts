import {
  AWS_DEFAULT_PROFILE,
  AWS_OIDC_MAX_POLICY_NAME,
  DEPRECATED_POLICY_API_VERSION,
  POLICY_API_VERSION,
  MAX_TARGETS,
  POLICY_MEMBERS,
  POLICY_TYPES,
  PolicyTypeName,
  TARGET_KINDS,
} from '../gateway-facts';
import { isAbsent, isAwsRoleArn, isHttpsUrl, isNamespaceName, isObjectName, looksLikeAwsRegion, looksLikeGcpRegion, quoted } from '../values';
import { Findings } from './report';
import { checkSpecShape, ShapeProblem } from './schema';
import { Resolved } from './types';

/** Checks one policy on its own: the CRD's rules, the controller's, and advisory ones. */
export function checkPolicy(policy: Resolved, out: Findings): void {
  const { manifest } = policy;
  const ref = policy;
  const add = (code: string, message: string, fix: string) => out.add(code, ref, message, fix);

  if (manifest.apiVersion === DEPRECATED_POLICY_API_VERSION) {
    add('AIGW006', `uses ${DEPRECATED_POLICY_API_VERSION}, which is deprecated`, `use ${POLICY_API_VERSION} (a superset: it adds credentialOverride and GCP application default credentials)`);
  }
  const name = manifest.metadata?.name;
  if (name === undefined || name === null) {
    add('AIGW080', 'metadata.name is missing', 'name the policy');
  } else if (typeof name === 'string' && !isObjectName(name)) {
    add('AIGW080', `policy name ${quoted(ref.name)} is not a valid Kubernetes object name`, 'use lower case letters, digits, "-" and "." only, at most 253 characters');
  }
  if (!isNamespaceName(ref.namespace)) {
    add('AIGW080', `namespace ${quoted(ref.namespace)} is not a valid namespace name`, 'use lower case letters, digits and "-" only, at most 63 characters');
  }

  const spec = manifest.spec;
  if (!isObject(spec)) {
    add('AIGW007', 'has no spec object', 'add a spec with a type and the matching credentials');
    return;
  }
  const version = versionOf(String(manifest.apiVersion));
  if (version !== 'v1alpha1' && version !== 'v1beta1') {
    add('AIGW008', `apiVersion ${manifest.apiVersion} is not served by the Envoy AI Gateway v1.1.0 CRD`, `use ${POLICY_API_VERSION}`);
  }
  const shapeProblems: ShapeProblem[] = [];
  checkSpecShape(spec, version, shapeProblems);
  for (const problem of shapeProblems) {
    add(
      problem.code,
      problem.code === 'AIGW008' ? `${problem.message} (${manifest.apiVersion})` : problem.message,
      problem.code === 'AIGW008' ? 'remove it, or fix its spelling (field names are case-sensitive: clientID, tenantID, projectID)' : 'write the value with the type the CRD defines',
    );
  }
  checkTargets(spec.targetRefs, add);

  const type = spec.type as PolicyTypeName;
  const facts = typeof type === 'string' ? POLICY_TYPES[type] : undefined;
  if (!facts || !Object.prototype.hasOwnProperty.call(POLICY_TYPES, type)) {
    add(
      'AIGW004',
      spec.type === undefined || spec.type === '' ? 'spec.type is missing' : `spec.type '${String(spec.type)}' is not a policy type`,
      `set spec.type to one of ${Object.keys(POLICY_TYPES).join(', ')}`,
    );
  } else {
    let others: string[] | undefined;
    for (let i = 0; i < POLICY_MEMBERS.length; i++) {
      const m = POLICY_MEMBERS[i];
      if (m !== facts.member && spec[m] !== undefined && spec[m] !== null) (others ??= []).push(m);
    }
    if (spec[facts.member] === undefined || spec[facts.member] === null) {
      add('AIGW005', `type is ${type} but spec.${facts.member} is missing`, `add spec.${facts.member}`);
    }
    if (others) {
      add('AIGW005', `type is ${type}, so only spec.${facts.member} may be set, but ${others.map((m) => `spec.${m}`).join(', ')} ${others.length > 1 ? 'are' : 'is'} set too`, `remove ${others.map((m) => `spec.${m}`).join(', ')}, or change the type`);
    }
    const member = isObject(spec[facts.member]) ? spec[facts.member] : undefined;
    if (member) {
      const staticCredential = checkMember(type, member, ref.name, add);
      if (type === 'GCPCredentials' && version === 'v1alpha1' && !member.credentialsFile && !member.workloadIdentityFederationConfig) {
        add('AIGW041', 'v1alpha1 needs exactly one of spec.gcpCredentials.credentialsFile and workloadIdentityFederationConfig', 'use aigateway.envoyproxy.io/v1beta1, which allows application default credentials');
      }
      checkOverride(spec.credentialOverride, staticCredential, add);
    }
  }
}

/** The version part of a policy apiVersion, without slicing the two the CRD serves. */
function versionOf(apiVersion: string): string {
  if (apiVersion === POLICY_API_VERSION) return 'v1beta1';
  if (apiVersion === DEPRECATED_POLICY_API_VERSION) return 'v1alpha1';
  return apiVersion.slice(apiVersion.indexOf('/') + 1);
}

type Add = (code: string, message: string, fix: string) => void;

function checkTargets(targetRefs: unknown, add: Add): void {
  if (targetRefs === undefined || targetRefs === null) return;
  if (!Array.isArray(targetRefs)) return; // reported by the shape check
  if (targetRefs.length > MAX_TARGETS) {
    add('AIGW002', `spec.targetRefs has ${targetRefs.length} entries, more than the ${MAX_TARGETS} allowed`, 'split the backends over several policies');
  }
  for (let i = 0; i < targetRefs.length; i++) {
    const t = targetRefs[i];
    const allowed = isObject(t) && isTargetKind(t.group, t.kind);
    if (!allowed) {
      add(
        'AIGW003',
        `spec.targetRefs[${i}] is ${isObject(t) ? `${t.group ?? '(no group)'}/${t.kind ?? '(no kind)'}` : 'not a mapping'}, not an AIServiceBackend or InferencePool`,
        'target aigateway.envoyproxy.io/AIServiceBackend or inference.networking.k8s.io/InferencePool',
      );
    } else if (!isObjectName(t.name)) {
      add('AIGW064', `spec.targetRefs[${i}].name ${quoted(String(t.name ?? ''))} is not a valid Kubernetes object name`, 'use the name of the AIServiceBackend or InferencePool');
    }
  }
}

function isTargetKind(group: unknown, kind: unknown): boolean {
  for (const k of TARGET_KINDS) if (k.group === group && k.kind === kind) return true;
  return false;
}

/** Checks the credentials member; returns whether it holds a static credential to fall back to. */
function checkMember(type: PolicyTypeName, member: any, policyName: string, add: Add): boolean {
  switch (type) {
    case 'APIKey':
    case 'AnthropicAPIKey':
    case 'AzureAPIKey':
      // The reference itself is checked with the Secrets (secrets.ts).
      requireSecretRef(member, `spec.${POLICY_TYPES[type].member}`, add);
      return true;
    case 'AWSCredentials':
      return checkAws(member, policyName, add);
    case 'AzureCredentials':
      return checkAzure(member, add);
    case 'GCPCredentials':
      return checkGcp(member, add);
  }
}

function checkAws(aws: any, policyName: string, add: Add): boolean {
  if (isAbsent(aws.region)) {
    add('AIGW020', 'spec.awsCredentials.region is missing or empty', 'set the AWS region of the Bedrock endpoint, for example us-east-1');
  } else if (typeof aws.region === 'string' && !looksLikeAwsRegion(aws.region)) {
    add('AIGW025', `spec.awsCredentials.region '${aws.region}' does not look like an AWS region`, 'use a region such as us-east-1 (AWS regions end in -<digit>)');
  }
  if (aws.credentialsFile && aws.oidcExchangeToken) {
    add('AIGW021', 'spec.awsCredentials sets both credentialsFile and oidcExchangeToken: the controller reads the file but rotates with OIDC', 'keep one of them');
  }
  if (isObject(aws.credentialsFile)) requireSecretRef(aws.credentialsFile, 'spec.awsCredentials.credentialsFile', add);
  const profile = aws.credentialsFile?.profile;
  if (profile !== undefined && profile !== AWS_DEFAULT_PROFILE) {
    add('AIGW023', `spec.awsCredentials.credentialsFile.profile '${profile}' has no effect: the v1.1.0 data plane reads only [default]`, 'put the credentials under [default] and drop profile');
  }
  const exchange = aws.oidcExchangeToken;
  if (isObject(exchange)) {
    if (isStringOrAbsent(exchange.awsRoleArn) && !isAwsRoleArn(exchange.awsRoleArn)) {
      add(
        'AIGW022',
        isAbsent(exchange.awsRoleArn)
          ? 'spec.awsCredentials.oidcExchangeToken.awsRoleArn is missing'
          : `spec.awsCredentials.oidcExchangeToken.awsRoleArn '${exchange.awsRoleArn}' is not an IAM role ARN`,
        'use arn:aws:iam::<12-digit account>:role/<role name>',
      );
    }
    checkOidc(exchange.oidc, 'spec.awsCredentials.oidcExchangeToken.oidc', add);
    if (policyName.length > AWS_OIDC_MAX_POLICY_NAME) {
      add('AIGW024', `the STS session name ai-gateway-${policyName} exceeds AWS's 64 characters`, `shorten the policy name to at most ${AWS_OIDC_MAX_POLICY_NAME} characters`);
    }
  }
  return true;
}

function checkAzure(azure: any, add: Add): boolean {
  if (isAbsent(azure.clientID)) add('AIGW030', 'spec.azureCredentials.clientID is missing or empty', 'set the Azure application (client) ID');
  if (isAbsent(azure.tenantID)) add('AIGW030', 'spec.azureCredentials.tenantID is missing or empty', 'set the Azure directory (tenant) ID');
  const secret = azure.clientSecretRef !== undefined && azure.clientSecretRef !== null;
  const exchange = azure.oidcExchangeToken !== undefined && azure.oidcExchangeToken !== null;
  if (secret === exchange) {
    add(
      'AIGW031',
      secret ? 'spec.azureCredentials sets both clientSecretRef and oidcExchangeToken' : 'spec.azureCredentials sets neither clientSecretRef nor oidcExchangeToken',
      'set exactly one of clientSecretRef and oidcExchangeToken',
    );
  }
  if (isObject(azure.oidcExchangeToken)) checkOidc(azure.oidcExchangeToken.oidc, 'spec.azureCredentials.oidcExchangeToken.oidc', add);
  return true;
}

function checkGcp(gcp: any, add: Add): boolean {
  if (isAbsent(gcp.projectName)) add('AIGW040', 'spec.gcpCredentials.projectName is missing or empty', 'set the GCP project ID');
  if (isAbsent(gcp.region)) {
    add('AIGW040', 'spec.gcpCredentials.region is missing or empty', 'set the Vertex AI region, for example us-central1');
  } else if (typeof gcp.region === 'string' && !looksLikeGcpRegion(gcp.region)) {
    add('AIGW025', `spec.gcpCredentials.region '${gcp.region}' does not look like a GCP region`, 'use a region such as us-central1, or global');
  }
  const wif = gcp.workloadIdentityFederationConfig;
  if (isObject(gcp.credentialsFile)) requireSecretRef(gcp.credentialsFile, 'spec.gcpCredentials.credentialsFile', add);
  if (gcp.credentialsFile && wif) {
    add('AIGW041', 'spec.gcpCredentials sets both credentialsFile and workloadIdentityFederationConfig', 'keep one of them');
  }
  if (isObject(wif)) {
    for (const field of ['projectID', 'workloadIdentityPoolName', 'workloadIdentityProviderName']) {
      if (isAbsent(wif[field])) {
        add('AIGW042', `spec.gcpCredentials.workloadIdentityFederationConfig.${field} is missing or empty`, `set ${field}`);
      }
    }
    if (!isObject(wif.oidcExchangeToken)) {
      add('AIGW042', 'spec.gcpCredentials.workloadIdentityFederationConfig.oidcExchangeToken is missing', 'configure the OIDC exchange');
    } else {
      checkOidc(wif.oidcExchangeToken.oidc, 'spec.gcpCredentials.workloadIdentityFederationConfig.oidcExchangeToken.oidc', add);
    }
    if (isObject(wif.serviceAccountImpersonation) && isAbsent(wif.serviceAccountImpersonation.serviceAccountName)) {
      add('AIGW042', 'spec.gcpCredentials.workloadIdentityFederationConfig.serviceAccountImpersonation.serviceAccountName is missing', 'set the service account e-mail, or drop serviceAccountImpersonation');
    }
  }
  return Boolean(gcp.credentialsFile || wif);
}

function requireSecretRef(holder: any, path: string, add: Add): void {
  if (holder.secretRef === undefined || holder.secretRef === null) {
    add('AIGW010', `${path}.secretRef is missing`, 'reference the Secret that holds the credential');
  }
}

function checkOidc(oidc: any, path: string, add: Add): void {
  if (!isObject(oidc)) {
    add('AIGW050', `${path} is missing`, 'configure the OIDC provider, clientID and clientSecret');
    return;
  }
  const issuer = oidc.provider?.issuer;
  if (isStringOrAbsent(issuer) && !isHttpsUrl(issuer)) {
    add(
      'AIGW050',
      isAbsent(issuer) ? `${path}.provider.issuer is missing` : `${path}.provider.issuer '${issuer}' is not an https URL`,
      'use the https issuer URL of the identity provider',
    );
  }
  if (typeof oidc.provider?.tokenEndpoint === 'string' && !isHttpsUrl(oidc.provider.tokenEndpoint)) {
    add('AIGW050', `${path}.provider.tokenEndpoint '${oidc.provider.tokenEndpoint}' is not an https URL`, 'use the https token endpoint, or drop it to discover it');
  }
  if (oidc.clientIDRef !== undefined) {
    add('AIGW051', `${path}.clientIDRef is set: the v1.1.0 controller cannot read it`, 'set clientID to the literal client ID instead');
  } else if (isAbsent(oidc.clientID)) {
    add('AIGW051', `${path}.clientID is missing`, 'set the OIDC client ID');
  }
  if (!isObject(oidc.clientSecret)) {
    add('AIGW052', `${path}.clientSecret is missing`, 'reference the Secret holding the client secret under key client-secret, with its namespace');
  } else if (oidc.clientSecret.namespace == null) {
    add('AIGW052', `${path}.clientSecret has no namespace: the controller refuses it`, 'set clientSecret.namespace');
  }
}

function checkOverride(override: any, staticCredential: boolean, add: Add): void {
  if (override === undefined || override === null) return;
  const sources = ['fromRequestHeaders', 'fromDynamicMetadata'].filter((s) => isObject(override[s]));
  if (sources.length !== 1) {
    add('AIGW071', `spec.credentialOverride sets ${sources.length ? 'both sources' : 'no source'}`, 'set exactly one of fromRequestHeaders and fromDynamicMetadata');
    return;
  }
  const source = override[sources[0]];
  if (sources[0] === 'fromDynamicMetadata' && isAbsent(source.namespace)) {
    add('AIGW071', 'spec.credentialOverride.fromDynamicMetadata.namespace is missing', 'name the dynamic metadata namespace your trusted filter writes to');
  }
  if (!staticCredential && source.fallbackToConfigured !== false) {
    add(
      'AIGW070',
      `spec.credentialOverride.${sources[0]} falls back to the configured credential (fallbackToConfigured defaults to true), but GCP application default credentials are not a static credential: the gateway skips this backend`,
      'set fallbackToConfigured: false, or configure credentialsFile or workloadIdentityFederationConfig',
    );
  }
}

/** A string or nothing: the values whose content the rules check (other types are AIGW007). */
function isStringOrAbsent(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
