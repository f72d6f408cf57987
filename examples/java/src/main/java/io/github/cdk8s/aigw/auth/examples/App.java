package io.github.cdk8s.aigw.auth.examples;

import io.github.cdk8s.aigw.auth.AiGatewayValidation;
import io.github.cdk8s.aigw.auth.AnthropicApiKeyPolicy;
import io.github.cdk8s.aigw.auth.ApiKeyPolicy;
import io.github.cdk8s.aigw.auth.ApiKeyPolicyProps;
import io.github.cdk8s.aigw.auth.AwsBedrockAuth;
import io.github.cdk8s.aigw.auth.AwsBedrockAuthProps;
import io.github.cdk8s.aigw.auth.AwsCredentials;
import io.github.cdk8s.aigw.auth.AwsOidcOptions;
import io.github.cdk8s.aigw.auth.AzureApiKeyPolicy;
import io.github.cdk8s.aigw.auth.AzureCredentials;
import io.github.cdk8s.aigw.auth.AzureOpenAIAuth;
import io.github.cdk8s.aigw.auth.AzureOpenAIAuthProps;
import io.github.cdk8s.aigw.auth.BackendSecurityPolicyBase;
import io.github.cdk8s.aigw.auth.CredentialOverride;
import io.github.cdk8s.aigw.auth.DynamicMetadataOverrideOptions;
import io.github.cdk8s.aigw.auth.ExistingSecretOptions;
import io.github.cdk8s.aigw.auth.ExternalSecretOptions;
import io.github.cdk8s.aigw.auth.GcpCredentials;
import io.github.cdk8s.aigw.auth.GcpVertexAuth;
import io.github.cdk8s.aigw.auth.GcpVertexAuthProps;
import io.github.cdk8s.aigw.auth.OidcOptions;
import io.github.cdk8s.aigw.auth.PolicyTarget;
import io.github.cdk8s.aigw.auth.RequestHeaderOverrideOptions;
import io.github.cdk8s.aigw.auth.SealedSecretOptions;
import io.github.cdk8s.aigw.auth.SealingScope;
import io.github.cdk8s.aigw.auth.SecretOptions;
import io.github.cdk8s.aigw.auth.SecretSource;
import io.github.cdk8s.aigw.auth.SecretStoreKind;
import io.github.cdk8s.aigw.auth.WorkloadIdentityFederationOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cdk8s.ApiObject;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.ApiObjectProps;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.Duration;

/**
 * The app of examples/languages/app.ts, in Java. Both print byte-identical output.
 *
 * <p>Arguments: (none) the small app; {@code tour} every other factory, option and getter;
 * {@code duplicate-target} two policies on one backend: prints the synth error's message. Run from
 * the repository root: {@code tour} reads examples/languages/credentials.ini and the environment
 * variable AIGW_EXAMPLE_API_KEY.
 */
public final class App {
  private App() {}

  private static ApiObjectMetadata named(final String name) {
    return ApiObjectMetadata.builder().name(name).build();
  }

  /** One policy of each type: literal and existing Secrets, OIDC for AWS and GCP. */
  static Chart buildApp(final org.cdk8s.App app) {
    Chart chart = new Chart(app, "aigw", ChartProps.builder().namespace("ai-gateway").build());

    new ApiKeyPolicy(chart, "OpenAI", ApiKeyPolicyProps.builder()
        .metadata(named("openai"))
        .targets(List.of(PolicyTarget.aiServiceBackend("openai")))
        .apiKey(SecretSource.fromLiteral("sk-example-openai",
            SecretOptions.builder().secretName("openai-apikey").build()))
        .build());

    new AnthropicApiKeyPolicy(chart, "Anthropic", ApiKeyPolicyProps.builder()
        .metadata(named("anthropic"))
        .targets(List.of(PolicyTarget.aiServiceBackend("anthropic")))
        .apiKey(SecretSource.fromExistingSecret("anthropic-apikey"))
        .build());

    new AzureApiKeyPolicy(chart, "AzureKey", ApiKeyPolicyProps.builder()
        .metadata(named("azure-apikey"))
        .targets(List.of(PolicyTarget.aiServiceBackend("azure-openai-key")))
        .apiKey(SecretSource.fromLiteral("azure-example-key"))
        .build());

    new AwsBedrockAuth(chart, "Bedrock", AwsBedrockAuthProps.builder()
        .metadata(named("bedrock"))
        .targets(List.of(PolicyTarget.aiServiceBackend("bedrock"), PolicyTarget.inferencePool("bedrock-pool")))
        .region("us-east-1")
        .credentials(AwsCredentials.fromOidc(AwsOidcOptions.builder()
            .roleArn("arn:aws:iam::123456789012:role/ai-gateway-bedrock")
            .oidc(OidcOptions.builder()
                .issuer("https://idp.example.com")
                .clientId("ai-gateway")
                .clientSecret(SecretSource.fromExistingSecret("idp-client-secret"))
                .scopes(List.of("openid"))
                .build())
            .build()))
        .build());

    new AzureOpenAIAuth(chart, "AzureOpenAI", AzureOpenAIAuthProps.builder()
        .metadata(named("azure-openai"))
        .targets(List.of(PolicyTarget.aiServiceBackend("azure-openai")))
        .clientId("00000000-0000-0000-0000-000000000001")
        .tenantId("00000000-0000-0000-0000-000000000002")
        .credentials(AzureCredentials.fromClientSecret(SecretSource.fromLiteral("azure-example-client-secret")))
        .build());

    new GcpVertexAuth(chart, "Vertex", GcpVertexAuthProps.builder()
        .metadata(named("vertex"))
        .targets(List.of(PolicyTarget.aiServiceBackend("vertex")))
        .projectName("example-project")
        .region("us-central1")
        .credentials(GcpCredentials.fromWorkloadIdentityFederation(WorkloadIdentityFederationOptions.builder()
            .projectId("123456789012")
            .poolName("ai-gateway-pool")
            .providerName("ai-gateway-provider")
            .oidc(OidcOptions.builder()
                .issuer("https://idp.example.com")
                .clientId("ai-gateway")
                .clientSecret(SecretSource.fromExistingSecret("idp-client-secret"))
                .build())
            .build()))
        .build());

    return chart;
  }

  /** Every factory, option and getter the small app leaves out. Returns the policies built. */
  static List<BackendSecurityPolicyBase> buildTour(final org.cdk8s.App app) {
    Chart chart = new Chart(app, "tour", ChartProps.builder().namespace("tour").build());
    List<BackendSecurityPolicyBase> policies = new ArrayList<>();

    // The construct's own builder, next to the props builder.
    policies.add(ApiKeyPolicy.Builder.create(chart, "FromEnv")
        .metadata(ApiObjectMetadata.builder()
            .name("from-env")
            .labels(Map.of("team", "ml"))
            .annotations(Map.of("example.com/owner", "ml"))
            .build())
        .targets(List.of(PolicyTarget.aiServiceBackend("from-env")))
        .apiKey(SecretSource.fromEnv("AIGW_EXAMPLE_API_KEY", SecretOptions.builder().secretName("from-env-key").build()))
        .credentialOverride(CredentialOverride.fromRequestHeaders())
        .build());

    policies.add(new AnthropicApiKeyPolicy(chart, "External", ApiKeyPolicyProps.builder()
        .metadata(named("external"))
        .targets(List.of(PolicyTarget.inferencePool("external-pool")))
        .apiKey(SecretSource.fromExternalSecret(ExternalSecretOptions.builder()
            .storeName("vault")
            .remoteKey("ai/anthropic")
            .remoteProperty("apiKey")
            .storeKind(SecretStoreKind.CLUSTER_SECRET_STORE)
            .refreshInterval(Duration.minutes(30))
            .secretName("external-anthropic")
            .build()))
        .credentialOverride(CredentialOverride.fromRequestHeaders(RequestHeaderOverrideOptions.builder()
            .header("x-tenant-key")
            .fallbackToConfigured(false)
            .build()))
        .build()));

    policies.add(new AzureApiKeyPolicy(chart, "Sealed", ApiKeyPolicyProps.builder()
        .metadata(ApiObjectMetadata.builder().name("sealed").namespace("tour-sealed").build())
        .apiKey(SecretSource.fromSealedSecret("AgBexampleSealedValue",
            SealedSecretOptions.builder().scope(SealingScope.NAMESPACE_WIDE).build()))
        .build()));
    policies.add(new ApiKeyPolicy(chart, "ExternalDefaults", ApiKeyPolicyProps.builder()
        .apiKey(SecretSource.fromExternalSecret(ExternalSecretOptions.builder()
            .storeName("vault")
            .remoteKey("ai/openai")
            .build()))
        .build()));
    policies.add(new ApiKeyPolicy(chart, "SealedDefaults", ApiKeyPolicyProps.builder()
        .apiKey(SecretSource.fromSealedSecret("AgBexampleSealedValue"))
        .build()));

    policies.add(new AwsBedrockAuth(chart, "DefaultChain", AwsBedrockAuthProps.builder().region("us-west-2").build()));
    policies.add(new AwsBedrockAuth(chart, "ExplicitDefaultChain", AwsBedrockAuthProps.builder()
        .region("eu-west-1")
        .credentials(AwsCredentials.defaultChain())
        .build()));
    policies.add(new AwsBedrockAuth(chart, "CredentialsFile", AwsBedrockAuthProps.builder()
        .metadata(named("credentials-file"))
        .region("us-east-1")
        .credentials(AwsCredentials.fromCredentialsFile(SecretSource.fromFile("examples/languages/credentials.ini")))
        .build()));
    policies.add(new AwsBedrockAuth(chart, "CredentialsFileProfile", AwsBedrockAuthProps.builder()
        .metadata(named("credentials-file-profile"))
        .region("us-east-1")
        .credentials(AwsCredentials.fromCredentialsFile(SecretSource.fromExistingSecret("aws-credentials"), "default"))
        .build()));

    policies.add(new AzureOpenAIAuth(chart, "AzureOidc", AzureOpenAIAuthProps.builder()
        .metadata(named("azure-oidc"))
        .clientId("client")
        .tenantId("tenant")
        .credentials(AzureCredentials.fromOidc(OidcOptions.builder()
            .issuer("https://idp.example.com")
            .clientId("ai-gateway")
            .clientSecret(SecretSource.fromExistingSecret("idp-client-secret",
                ExistingSecretOptions.builder().namespace("identity").build()))
            .scopes(List.of("openid", "profile"))
            .tokenEndpoint("https://idp.example.com/oauth2/token")
            .build()))
        .build()));

    policies.add(new GcpVertexAuth(chart, "Adc", GcpVertexAuthProps.builder()
        .metadata(named("adc"))
        .projectName("example-project")
        .region("global")
        .credentials(GcpCredentials.applicationDefault())
        .credentialOverride(CredentialOverride.fromDynamicMetadata(DynamicMetadataOverrideOptions.builder()
            .namespace("io.example.ext_authz")
            .key("gcp-token")
            .fallbackToConfigured(false)
            .build()))
        .build()));
    policies.add(new GcpVertexAuth(chart, "DefaultAdc", GcpVertexAuthProps.builder()
        .projectName("example-project")
        .region("europe-west4")
        .build()));
    policies.add(new GcpVertexAuth(chart, "ServiceAccountKey", GcpVertexAuthProps.builder()
        .metadata(named("service-account-key"))
        .projectName("example-project")
        .region("us-central1")
        .credentials(GcpCredentials.fromServiceAccountKey(SecretSource.fromLiteral("{\"type\":\"service_account\"}")))
        .credentialOverride(CredentialOverride.fromDynamicMetadata(DynamicMetadataOverrideOptions.builder()
            .namespace("io.example.ext_authz")
            .build()))
        .build()));
    policies.add(new GcpVertexAuth(chart, "Impersonation", GcpVertexAuthProps.builder()
        .metadata(named("impersonation"))
        .projectName("example-project")
        .region("us-central1")
        .credentials(GcpCredentials.fromWorkloadIdentityFederation(WorkloadIdentityFederationOptions.builder()
            .projectId("123456789012")
            .poolName("pool")
            .providerName("provider")
            .serviceAccountName("vertex@example-project.iam.gserviceaccount.com")
            .oidc(OidcOptions.builder()
                .issuer("https://idp.example.com")
                .clientId("ai-gateway")
                .clientSecret(SecretSource.fromLiteral("oidc-example-secret",
                    SecretOptions.builder().secretName("impersonation-oidc").build()))
                .build())
            .build()))
        .build()));

    // Targets added after construction.
    BackendSecurityPolicyBase late = policies.get(0);
    late.addTarget(PolicyTarget.aiServiceBackend("from-env-2"));
    policies.get(5).addTarget(PolicyTarget.inferencePool("default-chain-pool"));

    // Raw objects are validated once the validation is enabled.
    Chart raw = new Chart(app, "raw", ChartProps.builder().namespace("raw").build());
    AiGatewayValidation.enable(raw);
    new ApiObject(raw, "Backend", ApiObjectProps.builder()
        .apiVersion("aigateway.envoyproxy.io/v1beta1")
        .kind("AIServiceBackend")
        .metadata(named("raw"))
        .build());

    return policies;
  }

  /** Two policies on one backend: the synth fails with AIGW001. */
  static void buildDuplicateTarget(final org.cdk8s.App app) {
    Chart chart = new Chart(app, "duplicate", ChartProps.builder().namespace("ai-gateway").build());
    new ApiKeyPolicy(chart, "First", ApiKeyPolicyProps.builder()
        .metadata(named("first"))
        .targets(List.of(PolicyTarget.aiServiceBackend("openai")))
        .apiKey(SecretSource.fromExistingSecret("first-apikey"))
        .build());
    new ApiKeyPolicy(chart, "Second", ApiKeyPolicyProps.builder()
        .metadata(named("second"))
        .targets(List.of(PolicyTarget.aiServiceBackend("openai")))
        .apiKey(SecretSource.fromExistingSecret("second-apikey"))
        .build());
  }

  /** One line per policy, from the public getters. */
  static String describe(final BackendSecurityPolicyBase policy) {
    String targets = policy.getTargets().stream()
        .map(t -> t.getGroup() + "/" + t.getKind() + "/" + t.getName())
        .collect(Collectors.joining(","));
    ApiObject secret = policy.getSecret();
    String secretText = secret != null ? secret.getKind() + "/" + secret.getName() : "-";
    return "# " + policy.getApiObject().getKind() + " " + policy.getNamespace() + "/" + policy.getName()
        + " targets=[" + targets + "] secret=" + secretText + "\n";
  }

  static int run(final String mode, final PrintStream out) {
    org.cdk8s.App app = new org.cdk8s.App();
    switch (mode) {
      case "":
        buildApp(app);
        break;
      case "tour":
        CredentialOverride override = CredentialOverride.fromRequestHeaders(
            RequestHeaderOverrideOptions.builder().fallbackToConfigured(false).build());
        out.print("# fallbackToConfigured=" + override.getFallbackToConfigured() + "\n");
        for (BackendSecurityPolicyBase policy : buildTour(app)) {
          out.print(describe(policy));
        }
        break;
      case "duplicate-target":
        buildDuplicateTarget(app);
        try {
          app.synthYaml();
        } catch (RuntimeException e) {
          System.err.println("[java] caught " + e.getClass().getName());
          out.print(e.getMessage() + "\n");
          return 0;
        }
        System.err.println("expected the synth to fail");
        return 1;
      default:
        System.err.println("unknown mode '" + mode + "'");
        return 2;
    }
    out.print(app.synthYaml());
    return 0;
  }

  public static void main(final String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    int code = run(args.length > 0 ? args[0] : "", out);
    out.flush();
    System.exit(code);
  }
}
