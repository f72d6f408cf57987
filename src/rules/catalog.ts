import { Severity } from './types';

/** Every rule, by stable code. README and docs/conformance.md list this table. */
export interface RuleInfo {
  readonly severity: Severity;
  readonly title: string;
  /** Whether a Kubernetes API server with the v1.1.0 CRDs also rejects what this rule rejects. */
  readonly apiServerSees: boolean;
}

export const RULES: Readonly<Record<string, RuleInfo>> = {
  AIGW001: { severity: 'error', apiServerSees: false, title: 'a backend is targeted by more than one policy, or twice by one' },
  AIGW002: { severity: 'error', apiServerSees: true, title: 'more than 16 targets' },
  AIGW003: { severity: 'error', apiServerSees: true, title: 'a target that is not an AIServiceBackend or InferencePool' },
  AIGW004: { severity: 'error', apiServerSees: true, title: 'type missing or unknown' },
  AIGW005: { severity: 'error', apiServerSees: true, title: 'the member for the type is missing, or another member is set' },
  AIGW006: { severity: 'warning', apiServerSees: false, title: 'deprecated apiVersion v1alpha1' },
  AIGW007: { severity: 'error', apiServerSees: true, title: 'malformed policy: not an object, or a field of the wrong type' },
  AIGW010: { severity: 'error', apiServerSees: true, title: 'a Secret reference without a name' },
  AIGW020: { severity: 'error', apiServerSees: true, title: 'AWS region missing' },
  AIGW021: { severity: 'error', apiServerSees: false, title: 'AWS credentials file and OIDC exchange both set' },
  AIGW022: { severity: 'error', apiServerSees: false, title: 'AWS role ARN missing or not an IAM role ARN' },
  AIGW023: { severity: 'warning', apiServerSees: false, title: 'AWS credentials-file profile other than default has no effect' },
  AIGW024: { severity: 'warning', apiServerSees: false, title: 'AWS OIDC policy name longer than 53 characters' },
  AIGW025: { severity: 'warning', apiServerSees: false, title: 'a region that does not look like one' },
  AIGW030: { severity: 'error', apiServerSees: true, title: 'Azure clientID or tenantID missing' },
  AIGW031: { severity: 'error', apiServerSees: true, title: 'Azure needs exactly one of clientSecretRef and oidcExchangeToken' },
  AIGW040: { severity: 'error', apiServerSees: true, title: 'GCP projectName or region missing' },
  AIGW041: { severity: 'error', apiServerSees: true, title: 'GCP credentialsFile and workloadIdentityFederationConfig both set' },
  AIGW042: { severity: 'error', apiServerSees: true, title: 'GCP workload identity federation field missing' },
  AIGW050: { severity: 'error', apiServerSees: false, title: 'OIDC issuer missing or not an https URL' },
  AIGW051: { severity: 'error', apiServerSees: false, title: 'OIDC clientID missing, or clientIDRef used' },
  AIGW052: { severity: 'error', apiServerSees: false, title: 'OIDC clientSecret missing or without namespace' },
  AIGW060: { severity: 'error', apiServerSees: false, title: 'a referenced Secret lacks the key the gateway reads' },
  AIGW061: { severity: 'error', apiServerSees: false, title: 'an empty credential' },
  AIGW062: { severity: 'error', apiServerSees: false, title: 'a Secret value that is not a string' },
  AIGW063: { severity: 'error', apiServerSees: false, title: 'a Secret reference to a namespace the gateway ignores' },
  AIGW064: { severity: 'error', apiServerSees: false, title: 'a name that is not a valid Kubernetes name' },
  AIGW065: { severity: 'error', apiServerSees: false, title: 'a Secret named ai-eg-bsp-<policy name>' },
  AIGW070: { severity: 'error', apiServerSees: false, title: 'credential override falls back, but there is no static credential' },
  AIGW071: { severity: 'error', apiServerSees: true, title: 'credential override needs exactly one source' },
  AIGW080: { severity: 'error', apiServerSees: true, title: 'policy name or namespace not a valid Kubernetes name' },
};
