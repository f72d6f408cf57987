import { Construct } from 'constructs';
import { OidcOptions, renderOidc } from './oidc';
import { BackendSecurityPolicyBase, PolicyOptions } from './policy-base';
import { PolicyContext } from './policy-context';
import { SecretSource } from './secret-source';
import { isBlank } from './values';

/** Options for {@link GcpCredentials.fromWorkloadIdentityFederation}. */
export interface WorkloadIdentityFederationOptions {
  /** The GCP project number that holds the workload identity pool. */
  readonly projectId: string;
  /** The workload identity pool. */
  readonly poolName: string;
  /** The provider in that pool. */
  readonly providerName: string;
  /** The identity provider whose token is exchanged. */
  readonly oidc: OidcOptions;
  /**
   * A service account to impersonate with the federated token.
   *
   * @default - the federated identity is used directly
   */
  readonly serviceAccountName?: string;
}

/** How the gateway gets Google credentials for Vertex AI. */
export class GcpCredentials {
  /**
   * Application Default Credentials of the data plane (for example GKE Workload Identity). No
   * Secret. With a credential override, set `fallbackToConfigured: false`: there is nothing to
   * fall back to.
   */
  public static applicationDefault(): GcpCredentials {
    return new GcpCredentials(false, () => ({}));
  }

  /**
   * A service account JSON key, stored under the Secret key `service_account.json`.
   *
   * @param source the JSON key
   */
  public static fromServiceAccountKey(source: SecretSource): GcpCredentials {
    return new GcpCredentials(true, (context) => ({
      credentialsFile: { secretRef: context.secretRef(source, 'gcpServiceAccountKey', 'credentials') },
    }));
  }

  /**
   * Exchange an OIDC token through Workload Identity Federation.
   *
   * @param options the pool, provider and identity provider
   */
  public static fromWorkloadIdentityFederation(options: WorkloadIdentityFederationOptions): GcpCredentials {
    return new GcpCredentials(true, (context) => {
      for (const [prop, value] of [
        ['projectId', options.projectId],
        ['poolName', options.poolName],
        ['providerName', options.providerName],
      ]) {
        if (isBlank(value)) {
          context.problems.add({
            code: 'AIGW042',
            prop: `credentials.${prop}`,
            problem: 'is empty',
            fix: `set the workload identity federation ${prop}`,
          });
        }
      }
      if (options.serviceAccountName !== undefined && isBlank(options.serviceAccountName)) {
        context.problems.add({
          code: 'AIGW042',
          prop: 'credentials.serviceAccountName',
          problem: 'is empty',
          fix: 'set the e-mail of the service account to impersonate, or leave it out',
        });
      }
      return {
        workloadIdentityFederationConfig: {
          projectID: options.projectId,
          workloadIdentityPoolName: options.poolName,
          workloadIdentityProviderName: options.providerName,
          oidcExchangeToken: { oidc: renderOidc(context, options.oidc, 'credentials.oidc') },
          serviceAccountImpersonation:
            options.serviceAccountName === undefined ? undefined : { serviceAccountName: options.serviceAccountName },
        },
      };
    });
  }

  private constructor(
    /** @internal */ public readonly _static: boolean,
    private readonly render: (context: PolicyContext) => object,
  ) {}

  /** @internal */
  public _render(context: PolicyContext): object {
    return this.render(context);
  }
}

/** Props of {@link GcpVertexAuth}. */
export interface GcpVertexAuthProps extends PolicyOptions {
  /** The GCP project ID (the string, not the number). */
  readonly projectName: string;
  /** The Vertex AI region, for example `us-central1`, or `global`. */
  readonly region: string;
  /**
   * Where the credentials come from.
   *
   * @default GcpCredentials.applicationDefault()
   */
  readonly credentials?: GcpCredentials;
}

/** Google credentials for Vertex AI (policy type `GCPCredentials`). */
export class GcpVertexAuth extends BackendSecurityPolicyBase {
  constructor(scope: Construct, id: string, props: GcpVertexAuthProps) {
    super(scope, id, props);
    const credentials = props.credentials ?? GcpCredentials.applicationDefault();
    this._configure('GCPCredentials', credentials._static, (context) => {
      if (isBlank(props.projectName)) {
        context.problems.add({ code: 'AIGW040', prop: 'projectName', problem: 'is empty', fix: 'set the GCP project ID' });
      }
      if (isBlank(props.region)) {
        context.problems.add({ code: 'AIGW040', prop: 'region', problem: 'is empty', fix: 'set the Vertex AI region, for example us-central1' });
      }
      return { projectName: props.projectName, region: props.region, ...credentials._render(context) };
    });
  }
}
