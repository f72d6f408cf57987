/**
 * Azure OpenAI with a Microsoft Entra ID app registration: the gateway trades the client secret
 * for access tokens and refreshes them itself. For a static Azure OpenAI key instead, use
 * AzureApiKeyPolicy (header `api-key`).
 *
 * Reproduces the BackendSecurityPolicy of Envoy AI Gateway's examples/basic/azure_openai.yaml.
 */
import { App, Chart } from 'cdk8s';
import { AzureCredentials, AzureOpenAIAuth, PolicyTarget, SecretSource } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'azure_openai', { namespace: 'default' });
  new AzureOpenAIAuth(chart, 'AzureOpenAI', {
    metadata: { name: 'envoy-ai-gateway-basic-azure-credentials' },
    targets: [PolicyTarget.aiServiceBackend('envoy-ai-gateway-basic-azure')],
    // Upstream's placeholders for the app registration's IDs (not secrets).
    clientId: 'AZURE_CLIENT_ID',
    tenantId: 'AZURE_TENANT_ID',
    // Upstream's placeholder. A literal ends up in the synthesized YAML: real apps use
    // SecretSource.fromEnv, fromFile or fromExistingSecret.
    credentials: AzureCredentials.fromClientSecret(SecretSource.fromLiteral('AZURE_CLIENT_SECRET', { secretName: 'envoy-ai-gateway-basic-azure-client-secret' })),
  });
  return chart;
}

// Run directly, the example prints its manifests (for `kubectl apply -f -`).
if (require.main === module) {
  const app = new App();
  build(app);
  process.stdout.write(app.synthYaml());
}
