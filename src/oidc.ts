import { PolicyContext } from './policy-context';
import { SecretSource } from './secret-source';
import { isBlank, isHttpsUrl } from './values';

/**
 * An OIDC client-credentials exchange: the gateway gets a token from the identity provider and
 * trades it for cloud credentials (AWS STS, Azure Entra ID, GCP STS).
 */
export interface OidcOptions {
  /** Issuer URL of the identity provider; must be an https URL the gateway can reach. */
  readonly issuer: string;

  /** The OIDC client ID. */
  readonly clientId: string;

  /**
   * The OIDC client secret. Written under the key `client-secret`; the reference always names
   * its namespace, as the controller requires.
   */
  readonly clientSecret: SecretSource;

  /**
   * Scopes to request.
   *
   * @default - none
   */
  readonly scopes?: string[];

  /**
   * Token endpoint, when it cannot be discovered from the issuer.
   *
   * @default - discovered from the issuer
   */
  readonly tokenEndpoint?: string;
}

/** Checks and renders the `oidc` block, in the CRD's field names. */
export function renderOidc(context: PolicyContext, oidc: OidcOptions, prop: string) {
  const { problems } = context;
  if (!isHttpsUrl(oidc.issuer)) {
    problems.add({
      code: 'AIGW050',
      prop: `${prop}.issuer`,
      problem: isBlank(oidc.issuer) ? 'is empty' : `'${oidc.issuer}' is not an https URL`,
      fix: 'use the https issuer URL of the identity provider, for example https://idp.example.com',
    });
  }
  if (oidc.tokenEndpoint !== undefined && !isHttpsUrl(oidc.tokenEndpoint)) {
    problems.add({
      code: 'AIGW050',
      prop: `${prop}.tokenEndpoint`,
      problem: `'${oidc.tokenEndpoint}' is not an https URL`,
      fix: 'use the https token endpoint of the identity provider, or leave it out to discover it',
    });
  }
  if (isBlank(oidc.clientId)) {
    problems.add({
      code: 'AIGW051',
      prop: `${prop}.clientId`,
      problem: 'is empty',
      fix: 'set the OIDC client ID',
    });
  }
  const clientSecret = context.secretRef(oidc.clientSecret, 'oidcClientSecret', `${prop}.clientSecret`);
  return {
    provider: { issuer: oidc.issuer, tokenEndpoint: oidc.tokenEndpoint },
    clientID: oidc.clientId,
    clientSecret: { name: clientSecret.name, namespace: clientSecret.namespace },
    scopes: oidc.scopes,
  };
}
