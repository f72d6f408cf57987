import { Severity } from './types';

/** Every rule, by stable code. README and docs/conformance.md list this table. */
export interface RuleInfo {
  readonly severity: Severity;
  readonly title: string;
  /**
   * Whether a Kubernetes API server with the v1.1.0 CRDs also rejects what this rule rejects:
   * always, never (only the gateway fails, later), or for some cases (an empty value is refused by
   * the CRD, a whitespace-only one is not).
   */
  readonly apiServerSees: 'always' | 'never' | 'partly';
}

export const RULES: Readonly<Record<string, RuleInfo>> = {
  AIGW001: { severity: 'error', apiServerSees: 'never', title: 'a backend is targeted by more than one policy, or twice by one' },
  AIGW002: { severity: 'error', apiServerSees: 'always', title: 'more than 16 targets' },
  AIGW003: { severity: 'error', apiServerSees: 'always', title: 'a target that is not an AIServiceBackend or InferencePool' },
  AIGW004: { severity: 'error', apiServerSees: 'always', title: 'type missing or unknown' },
  AIGW005: { severity: 'error', apiServerSees: 'always', title: 'the member for the type is missing, or another member is set' },
  AIGW006: { severity: 'warning', apiServerSees: 'never', title: 'deprecated apiVersion v1alpha1' },
  AIGW007: { severity: 'error', apiServerSees: 'partly', title: 'malformed policy: no spec, or a field of the wrong type' },
  AIGW008: { severity: 'error', apiServerSees: 'always', title: 'a field the CRD does not define (misspelt, or not in this apiVersion)' },
  AIGW009: { severity: 'error', apiServerSees: 'never', title: 'two policies with the same namespace and name' },
  AIGW010: { severity: 'error', apiServerSees: 'partly', title: 'a Secret reference without a name' },
  AIGW020: { severity: 'error', apiServerSees: 'partly', title: 'AWS region missing' },
  AIGW021: { severity: 'error', apiServerSees: 'never', title: 'AWS credentials file and OIDC exchange both set' },
  AIGW022: { severity: 'error', apiServerSees: 'partly', title: 'AWS role ARN missing or not an IAM role ARN' },
  AIGW023: { severity: 'warning', apiServerSees: 'never', title: 'AWS credentials-file profile other than default has no effect' },
  AIGW024: { severity: 'warning', apiServerSees: 'never', title: 'AWS OIDC policy name longer than 53 characters' },
  AIGW025: { severity: 'warning', apiServerSees: 'never', title: 'a region that does not look like one' },
  AIGW030: { severity: 'error', apiServerSees: 'partly', title: 'Azure clientID or tenantID missing' },
  AIGW031: { severity: 'error', apiServerSees: 'always', title: 'Azure needs exactly one of clientSecretRef and oidcExchangeToken' },
  AIGW040: { severity: 'error', apiServerSees: 'partly', title: 'GCP projectName or region missing' },
  AIGW041: { severity: 'error', apiServerSees: 'always', title: 'GCP credentialsFile and workloadIdentityFederationConfig both set' },
  AIGW042: { severity: 'error', apiServerSees: 'partly', title: 'GCP workload identity federation field missing' },
  AIGW050: { severity: 'error', apiServerSees: 'partly', title: 'OIDC issuer missing or not an https URL' },
  AIGW051: { severity: 'error', apiServerSees: 'partly', title: 'OIDC clientID missing, or clientIDRef used' },
  AIGW052: { severity: 'error', apiServerSees: 'partly', title: 'OIDC clientSecret missing or without namespace' },
  AIGW060: { severity: 'error', apiServerSees: 'never', title: 'a referenced Secret lacks the key the gateway reads' },
  AIGW061: { severity: 'error', apiServerSees: 'never', title: 'an empty credential' },
  AIGW062: { severity: 'error', apiServerSees: 'partly', title: 'a Secret value that is not a string' },
  AIGW063: { severity: 'error', apiServerSees: 'never', title: 'a Secret reference to a namespace the gateway ignores' },
  AIGW064: { severity: 'error', apiServerSees: 'partly', title: 'a name that is not a valid Kubernetes name' },
  AIGW065: { severity: 'error', apiServerSees: 'never', title: 'a Secret named ai-eg-bsp-<policy name>' },
  AIGW066: { severity: 'error', apiServerSees: 'always', title: 'Secret data that is not base64' },
  AIGW067: { severity: 'error', apiServerSees: 'never', title: 'two objects make the same Secret' },
  AIGW070: { severity: 'error', apiServerSees: 'never', title: 'credential override falls back, but there is no static credential' },
  AIGW071: { severity: 'error', apiServerSees: 'partly', title: 'credential override needs exactly one source' },
  AIGW080: { severity: 'error', apiServerSees: 'always', title: 'policy name or namespace not a valid Kubernetes name' },
};
