/**
 * Anthropic: its API reads the key from the `x-api-key` header, hence the dedicated
 * `AnthropicAPIKey` type rather than `APIKey` (which sends `Authorization: Bearer`).
 *
 * Reproduces the BackendSecurityPolicy of Envoy AI Gateway's examples/basic/anthropic.yaml.
 */
import { App, Chart } from 'cdk8s';
import { AnthropicApiKeyPolicy, PolicyTarget, SecretSource } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'anthropic', { namespace: 'default' });
  new AnthropicApiKeyPolicy(chart, 'Anthropic', {
    metadata: { name: 'envoy-ai-gateway-basic-anthropic-apikey' },
    targets: [PolicyTarget.aiServiceBackend('envoy-ai-gateway-basic-anthropic')],
    // Upstream's placeholder. A literal ends up in the synthesized YAML: real apps use
    // SecretSource.fromEnv, fromFile or fromExistingSecret.
    apiKey: SecretSource.fromLiteral('ANTHROPIC_API_KEY', { secretName: 'envoy-ai-gateway-basic-anthropic-apikey' }),
  });
  return chart;
}

// Run directly, the example prints its manifests (for `kubectl apply -f -`).
if (require.main === module) {
  const app = new App();
  build(app);
  process.stdout.write(app.synthYaml());
}
