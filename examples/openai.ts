/**
 * OpenAI: an API key the gateway sends as `Authorization: Bearer <key>`.
 *
 * Reproduces the BackendSecurityPolicy of Envoy AI Gateway's examples/basic/openai.yaml; the
 * route, AIServiceBackend, Backend and BackendTLSPolicy stay as upstream writes them.
 */
import { App, Chart } from 'cdk8s';
import { ApiKeyPolicy, PolicyTarget, SecretSource } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'openai', { namespace: 'default' });
  new ApiKeyPolicy(chart, 'OpenAI', {
    metadata: { name: 'envoy-ai-gateway-basic-openai-apikey' },
    targets: [PolicyTarget.aiServiceBackend('envoy-ai-gateway-basic-openai')],
    // Upstream's placeholder. A literal ends up in the synthesized YAML: real apps use
    // SecretSource.fromEnv, fromFile or fromExistingSecret.
    apiKey: SecretSource.fromLiteral('OPENAI_API_KEY', { secretName: 'envoy-ai-gateway-basic-openai-apikey' }),
  });
  return chart;
}

// Run directly, the example prints its manifests (for `kubectl apply -f -`).
if (require.main === module) {
  const app = new App();
  build(app);
  process.stdout.write(app.synthYaml());
}
