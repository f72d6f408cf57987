"""The app of examples/languages/app.ts, in Python. Both print byte-identical output.

    python examples/python/app.py [MODE]

MODE: (none) the small app; ``tour`` every other factory, option and getter;
``duplicate-target`` two policies on one backend: prints the synth error's message.
Run from the repository root: ``tour`` reads examples/languages/credentials.ini and the
environment variable AIGW_EXAMPLE_API_KEY.
"""
import sys

from cdk8s import ApiObject, ApiObjectMetadata, App, Chart, Duration

from cdk8s_aigw_auth import (
    AiGatewayValidation,
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
    SealingScope,
    SecretSource,
    SecretStoreKind,
)


def build_app(app: App) -> Chart:
    """One policy of each type: literal and existing Secrets, OIDC for AWS and GCP."""
    chart = Chart(app, "aigw", namespace="ai-gateway")

    ApiKeyPolicy(
        chart,
        "OpenAI",
        metadata=ApiObjectMetadata(name="openai"),
        targets=[PolicyTarget.ai_service_backend("openai")],
        api_key=SecretSource.from_literal("sk-example-openai", secret_name="openai-apikey"),
    )

    AnthropicApiKeyPolicy(
        chart,
        "Anthropic",
        metadata=ApiObjectMetadata(name="anthropic"),
        targets=[PolicyTarget.ai_service_backend("anthropic")],
        api_key=SecretSource.from_existing_secret("anthropic-apikey"),
    )

    AzureApiKeyPolicy(
        chart,
        "AzureKey",
        metadata=ApiObjectMetadata(name="azure-apikey"),
        targets=[PolicyTarget.ai_service_backend("azure-openai-key")],
        api_key=SecretSource.from_literal("azure-example-key"),
    )

    AwsBedrockAuth(
        chart,
        "Bedrock",
        metadata=ApiObjectMetadata(name="bedrock"),
        targets=[
            PolicyTarget.ai_service_backend("bedrock"),
            PolicyTarget.inference_pool("bedrock-pool"),
        ],
        region="us-east-1",
        credentials=AwsCredentials.from_oidc(
            role_arn="arn:aws:iam::123456789012:role/ai-gateway-bedrock",
            oidc=OidcOptions(
                issuer="https://idp.example.com",
                client_id="ai-gateway",
                client_secret=SecretSource.from_existing_secret("idp-client-secret"),
                scopes=["openid"],
            ),
        ),
    )

    AzureOpenAIAuth(
        chart,
        "AzureOpenAI",
        metadata=ApiObjectMetadata(name="azure-openai"),
        targets=[PolicyTarget.ai_service_backend("azure-openai")],
        client_id="00000000-0000-0000-0000-000000000001",
        tenant_id="00000000-0000-0000-0000-000000000002",
        credentials=AzureCredentials.from_client_secret(
            SecretSource.from_literal("azure-example-client-secret")
        ),
    )

    GcpVertexAuth(
        chart,
        "Vertex",
        metadata=ApiObjectMetadata(name="vertex"),
        targets=[PolicyTarget.ai_service_backend("vertex")],
        project_name="example-project",
        region="us-central1",
        credentials=GcpCredentials.from_workload_identity_federation(
            project_id="123456789012",
            pool_name="ai-gateway-pool",
            provider_name="ai-gateway-provider",
            oidc=OidcOptions(
                issuer="https://idp.example.com",
                client_id="ai-gateway",
                client_secret=SecretSource.from_existing_secret("idp-client-secret"),
            ),
        ),
    )

    return chart


def build_tour(app: App) -> list:
    """Every factory, option and getter the small app leaves out. Returns the policies built."""
    chart = Chart(app, "tour", namespace="tour")
    policies = []

    policies.append(ApiKeyPolicy(
        chart,
        "FromEnv",
        metadata=ApiObjectMetadata(
            name="from-env", labels={"team": "ml"}, annotations={"example.com/owner": "ml"}
        ),
        targets=[PolicyTarget.ai_service_backend("from-env")],
        api_key=SecretSource.from_env("AIGW_EXAMPLE_API_KEY", secret_name="from-env-key"),
        credential_override=CredentialOverride.from_request_headers(),
    ))

    policies.append(AnthropicApiKeyPolicy(
        chart,
        "External",
        metadata=ApiObjectMetadata(name="external"),
        targets=[PolicyTarget.inference_pool("external-pool")],
        api_key=SecretSource.from_external_secret(
            store_name="vault",
            remote_key="ai/anthropic",
            remote_property="apiKey",
            store_kind=SecretStoreKind.CLUSTER_SECRET_STORE,
            refresh_interval=Duration.minutes(30),
            secret_name="external-anthropic",
        ),
        credential_override=CredentialOverride.from_request_headers(
            header="x-tenant-key", fallback_to_configured=False
        ),
    ))

    policies.append(AzureApiKeyPolicy(
        chart,
        "Sealed",
        metadata=ApiObjectMetadata(name="sealed", namespace="tour-sealed"),
        api_key=SecretSource.from_sealed_secret(
            "AgBexampleSealedValue", scope=SealingScope.NAMESPACE_WIDE
        ),
    ))
    policies.append(ApiKeyPolicy(
        chart,
        "ExternalDefaults",
        api_key=SecretSource.from_external_secret(store_name="vault", remote_key="ai/openai"),
    ))
    policies.append(ApiKeyPolicy(
        chart, "SealedDefaults", api_key=SecretSource.from_sealed_secret("AgBexampleSealedValue")
    ))

    policies.append(AwsBedrockAuth(chart, "DefaultChain", region="us-west-2"))
    policies.append(AwsBedrockAuth(
        chart, "ExplicitDefaultChain", region="eu-west-1", credentials=AwsCredentials.default_chain()
    ))
    policies.append(AwsBedrockAuth(
        chart,
        "CredentialsFile",
        metadata=ApiObjectMetadata(name="credentials-file"),
        region="us-east-1",
        credentials=AwsCredentials.from_credentials_file(
            SecretSource.from_file("examples/languages/credentials.ini")
        ),
    ))
    policies.append(AwsBedrockAuth(
        chart,
        "CredentialsFileProfile",
        metadata=ApiObjectMetadata(name="credentials-file-profile"),
        region="us-east-1",
        credentials=AwsCredentials.from_credentials_file(
            SecretSource.from_existing_secret("aws-credentials"), "default"
        ),
    ))

    policies.append(AzureOpenAIAuth(
        chart,
        "AzureOidc",
        metadata=ApiObjectMetadata(name="azure-oidc"),
        client_id="client",
        tenant_id="tenant",
        # AzureCredentials.from_oidc takes the OIDC fields as keyword arguments directly.
        credentials=AzureCredentials.from_oidc(
            issuer="https://idp.example.com",
            client_id="ai-gateway",
            client_secret=SecretSource.from_existing_secret("idp-client-secret", namespace="identity"),
            scopes=["openid", "profile"],
            token_endpoint="https://idp.example.com/oauth2/token",
        ),
    ))

    policies.append(GcpVertexAuth(
        chart,
        "Adc",
        metadata=ApiObjectMetadata(name="adc"),
        project_name="example-project",
        region="global",
        credentials=GcpCredentials.application_default(),
        credential_override=CredentialOverride.from_dynamic_metadata(
            namespace="io.example.ext_authz", key="gcp-token", fallback_to_configured=False
        ),
    ))
    policies.append(GcpVertexAuth(
        chart, "DefaultAdc", project_name="example-project", region="europe-west4"
    ))
    policies.append(GcpVertexAuth(
        chart,
        "ServiceAccountKey",
        metadata=ApiObjectMetadata(name="service-account-key"),
        project_name="example-project",
        region="us-central1",
        credentials=GcpCredentials.from_service_account_key(
            SecretSource.from_literal('{"type":"service_account"}')
        ),
        credential_override=CredentialOverride.from_dynamic_metadata(namespace="io.example.ext_authz"),
    ))
    policies.append(GcpVertexAuth(
        chart,
        "Impersonation",
        metadata=ApiObjectMetadata(name="impersonation"),
        project_name="example-project",
        region="us-central1",
        credentials=GcpCredentials.from_workload_identity_federation(
            project_id="123456789012",
            pool_name="pool",
            provider_name="provider",
            service_account_name="vertex@example-project.iam.gserviceaccount.com",
            # A plain dict works for a struct too.
            oidc={
                "issuer": "https://idp.example.com",
                "client_id": "ai-gateway",
                "client_secret": SecretSource.from_literal(
                    "oidc-example-secret", secret_name="impersonation-oidc"
                ),
            },
        ),
    ))

    # Targets added after construction.
    late = policies[0]
    late.add_target(PolicyTarget.ai_service_backend("from-env-2"))
    policies[5].add_target(PolicyTarget.inference_pool("default-chain-pool"))

    # Raw objects are validated once the validation is enabled.
    raw = Chart(app, "raw", namespace="raw")
    AiGatewayValidation.enable(raw)
    ApiObject(
        raw,
        "Backend",
        api_version="aigateway.envoyproxy.io/v1beta1",
        kind="AIServiceBackend",
        metadata=ApiObjectMetadata(name="raw"),
    )

    return policies


def build_duplicate_target(app: App) -> None:
    """Two policies on one backend: the synth fails with AIGW001."""
    chart = Chart(app, "duplicate", namespace="ai-gateway")
    ApiKeyPolicy(
        chart,
        "First",
        metadata=ApiObjectMetadata(name="first"),
        targets=[PolicyTarget.ai_service_backend("openai")],
        api_key=SecretSource.from_existing_secret("first-apikey"),
    )
    ApiKeyPolicy(
        chart,
        "Second",
        metadata=ApiObjectMetadata(name="second"),
        targets=[PolicyTarget.ai_service_backend("openai")],
        api_key=SecretSource.from_existing_secret("second-apikey"),
    )


def describe(policy: BackendSecurityPolicyBase) -> str:
    """One line per policy, from the public getters."""
    targets = ",".join(f"{t.group}/{t.kind}/{t.name}" for t in policy.targets)
    secret = f"{policy.secret.kind}/{policy.secret.name}" if policy.secret else "-"
    return f"# {policy.api_object.kind} {policy.namespace}/{policy.name} targets=[{targets}] secret={secret}\n"


def main(mode: str) -> int:
    app = App()
    if mode == "":
        build_app(app)
    elif mode == "tour":
        override = CredentialOverride.from_request_headers(fallback_to_configured=False)
        sys.stdout.write(f"# fallbackToConfigured={str(override.fallback_to_configured).lower()}\n")
        for policy in build_tour(app):
            sys.stdout.write(describe(policy))
    elif mode == "duplicate-target":
        build_duplicate_target(app)
        try:
            app.synth_yaml()
        except Exception as e:  # jsii raises the JavaScript error as a RuntimeError
            print(f"[python] caught {type(e).__module__}.{type(e).__name__}", file=sys.stderr)
            sys.stdout.write(f"{e}\n")
            return 0
        print("expected the synth to fail", file=sys.stderr)
        return 1
    else:
        print(f"unknown mode '{mode}'", file=sys.stderr)
        return 2
    sys.stdout.write(app.synth_yaml())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
