import { Construct } from 'constructs';
import { OidcOptions, renderOidc } from './oidc';
import { BackendSecurityPolicyBase, PolicyOptions } from './policy-base';
import { PolicyContext } from './policy-context';
import { SecretSource } from './secret-source';
import { isBlank } from './values';

/** How the gateway authenticates to Microsoft Entra ID for Azure OpenAI. */
export class AzureCredentials {
  /**
   * A client secret of the app registration, stored under the Secret key `client-secret`.
   *
   * @param source the client secret
   */
  public static fromClientSecret(source: SecretSource): AzureCredentials {
    return new AzureCredentials((context) => ({
      clientSecretRef: context.secretRef(source, 'azureClientSecret', 'credentials'),
    }));
  }

  /**
   * Exchange an OIDC token from another identity provider (federated credentials).
   *
   * @param oidc the identity provider
   */
  public static fromOidc(oidc: OidcOptions): AzureCredentials {
    return new AzureCredentials((context) => ({
      oidcExchangeToken: { oidc: renderOidc(context, oidc, 'credentials') },
    }));
  }

  private constructor(private readonly render: (context: PolicyContext) => object) {}

  /** @internal */
  public _render(context: PolicyContext): object {
    return this.render(context);
  }
}

/** Props of {@link AzureOpenAIAuth}. */
export interface AzureOpenAIAuthProps extends PolicyOptions {
  /** The application (client) ID of the app registration. */
  readonly clientId: string;
  /** The directory (tenant) ID. */
  readonly tenantId: string;
  /** The client secret or the OIDC exchange. */
  readonly credentials: AzureCredentials;
}

/** Microsoft Entra ID credentials for Azure OpenAI (policy type `AzureCredentials`). */
export class AzureOpenAIAuth extends BackendSecurityPolicyBase {
  constructor(scope: Construct, id: string, props: AzureOpenAIAuthProps) {
    super(scope, id, props);
    this._configure('AzureCredentials', true, (context) => {
      if (isBlank(props.clientId)) {
        context.problems.add({ code: 'AIGW030', prop: 'clientId', problem: 'is empty', fix: 'set the Azure application (client) ID' });
      }
      if (isBlank(props.tenantId)) {
        context.problems.add({ code: 'AIGW030', prop: 'tenantId', problem: 'is empty', fix: 'set the Azure directory (tenant) ID' });
      }
      return { clientID: props.clientId, tenantID: props.tenantId, ...props.credentials._render(context) };
    });
  }
}
