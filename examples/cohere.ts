/**
 * Cohere: its API takes the key as a bearer token, so it is a plain `APIKey` policy, like any
 * OpenAI-compatible provider.
 *
 * Reproduces the BackendSecurityPolicy of Envoy AI Gateway's examples/basic/cohere.yaml.
 */
import { App, Chart } from 'cdk8s';
import { ApiKeyPolicy, PolicyTarget, SecretSource } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'cohere', { namespace: 'default' });
  new ApiKeyPolicy(chart, 'Cohere', {
    metadata: { name: 'envoy-ai-gateway-basic-cohere-apikey' },
    targets: [PolicyTarget.aiServiceBackend('envoy-ai-gateway-basic-cohere')],
    // Upstream's placeholder. A literal ends up in the synthesized YAML: real apps use
    // SecretSource.fromEnv, fromFile or fromExistingSecret.
    apiKey: SecretSource.fromLiteral('COHERE_API_KEY', { secretName: 'envoy-ai-gateway-basic-cohere-apikey' }),
  });
  return chart;
}

// Run directly, the example prints its manifests (for `kubectl apply -f -`).
if (require.main === module) {
  const app = new App();
  build(app);
  process.stdout.write(app.synthYaml());
}
