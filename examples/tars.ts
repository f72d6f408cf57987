/**
 * Tetrate Agent Router Service (TARS): OpenAI-compatible, so a plain `APIKey` policy.
 *
 * Reproduces the BackendSecurityPolicy of Envoy AI Gateway's examples/basic/tars.yaml.
 */
import { App, Chart } from 'cdk8s';
import { ApiKeyPolicy, PolicyTarget, SecretSource } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'tars', { namespace: 'default' });
  new ApiKeyPolicy(chart, 'Tars', {
    metadata: { name: 'envoy-ai-gateway-basic-tars-apikey' },
    targets: [PolicyTarget.aiServiceBackend('envoy-ai-gateway-basic-tars')],
    // Upstream's placeholder. A literal ends up in the synthesized YAML: real apps use
    // SecretSource.fromEnv, fromFile or fromExistingSecret.
    apiKey: SecretSource.fromLiteral('TARS_API_KEY', { secretName: 'envoy-ai-gateway-basic-tars-apikey' }),
  });
  return chart;
}

// Run directly, the example prints its manifests (for `kubectl apply -f -`).
if (require.main === module) {
  const app = new App();
  build(app);
  process.stdout.write(app.synthYaml());
}
