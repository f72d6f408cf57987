import { Construct } from 'constructs';
import { OidcOptions, renderOidc } from './oidc';
import { BackendSecurityPolicyBase, PolicyOptions } from './policy-base';
import { PolicyContext } from './policy-context';
import { SecretSource } from './secret-source';
import { isAwsRoleArn, isBlank } from './values';

/** Options for {@link AwsCredentials.fromOidc}. */
export interface AwsOidcOptions {
  /** The IAM role to assume with the OIDC token (`arn:aws:iam::<account>:role/<name>`). */
  readonly roleArn: string;
  /** The identity provider the gateway gets its token from. */
  readonly oidc: OidcOptions;
}

/** How the gateway gets AWS credentials for Bedrock. */
export class AwsCredentials {
  /**
   * The AWS SDK default credential chain of the data plane: EKS Pod Identity, IRSA, environment
   * variables, instance profile. No Secret. The recommended choice on EKS.
   */
  public static defaultChain(): AwsCredentials {
    return new AwsCredentials(() => ({}));
  }

  /**
   * An AWS credentials file (INI format, `[default]` profile) stored under the Secret key
   * `credentials` in the policy's namespace.
   *
   * @param source the credentials file
   * @param profile the profile to use. Envoy AI Gateway v1.1.0 reads only `default`.
   */
  public static fromCredentialsFile(source: SecretSource, profile?: string): AwsCredentials {
    // A profile other than `default` is legal but has no effect in v1.1.0: the validation
    // pass warns about it (AIGW023).
    return new AwsCredentials((context) => {
      const secretRef = context.secretRef(source, 'awsCredentialsFile', 'credentials');
      return { credentialsFile: { secretRef, profile } };
    });
  }

  /**
   * Exchange an OIDC token for temporary credentials of an IAM role (STS
   * AssumeRoleWithWebIdentity). For clusters outside EKS.
   *
   * @param options the role and the identity provider
   */
  public static fromOidc(options: AwsOidcOptions): AwsCredentials {
    return new AwsCredentials((context) => {
      if (!isAwsRoleArn(options.roleArn)) {
        context.problems.add({
          code: 'AIGW022',
          prop: 'credentials.roleArn',
          problem: isBlank(options.roleArn) ? 'is empty' : `'${options.roleArn}' is not an IAM role ARN`,
          fix: 'use arn:aws:iam::<12-digit account>:role/<role name>',
        });
      }
      return {
        oidcExchangeToken: {
          oidc: renderOidc(context, options.oidc, 'credentials.oidc'),
          awsRoleArn: options.roleArn,
        },
      };
    });
  }

  private constructor(private readonly render: (context: PolicyContext) => object) {}

  /** @internal */
  public _render(context: PolicyContext): object {
    return this.render(context);
  }
}

/** Props of {@link AwsBedrockAuth}. */
export interface AwsBedrockAuthProps extends PolicyOptions {
  /** The AWS region of the Bedrock endpoint, for example `us-east-1`. */
  readonly region: string;

  /**
   * Where the credentials come from.
   *
   * @default AwsCredentials.defaultChain()
   */
  readonly credentials?: AwsCredentials;
}

/** AWS credentials for Amazon Bedrock (policy type `AWSCredentials`). */
export class AwsBedrockAuth extends BackendSecurityPolicyBase {
  constructor(scope: Construct, id: string, props: AwsBedrockAuthProps) {
    super(scope, id, props);
    this._configure('AWSCredentials', true, (context) => {
      if (isBlank(props.region)) {
        context.problems.add({
          code: 'AIGW020',
          prop: 'region',
          problem: 'is empty',
          fix: 'set the AWS region of the Bedrock endpoint, for example us-east-1',
        });
      }
      const credentials = (props.credentials ?? AwsCredentials.defaultChain())._render(context);
      return { region: props.region, ...credentials };
    });
  }
}
