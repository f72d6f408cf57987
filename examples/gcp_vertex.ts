/**
 * Google Vertex AI (Gemini and Claude) with a service account key.
 *
 * Reproduces the BackendSecurityPolicy of Envoy AI Gateway's examples/basic/gcp_vertex.yaml. On
 * GKE with Workload Identity, leave `credentials` out (Application Default Credentials): no key
 * to store or rotate.
 */
import { App, Chart } from 'cdk8s';
import { GcpCredentials, GcpVertexAuth, PolicyTarget, SecretSource } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'gcp_vertex', { namespace: 'default' });
  new GcpVertexAuth(chart, 'Vertex', {
    metadata: { name: 'envoy-ai-gateway-basic-gcp-credentials' },
    targets: [
      PolicyTarget.aiServiceBackend('envoy-ai-gateway-basic-gcp'),
      PolicyTarget.aiServiceBackend('envoy-ai-gateway-basic-gcp-anthropic'),
    ],
    // Upstream's placeholders. Both are required even with a key: the gateway builds the Vertex
    // AI request path from them.
    projectName: 'GCP_PROJECT_NAME',
    region: 'GCP_REGION',
    // Upstream's placeholder for the service account JSON key. A literal ends up in the
    // synthesized YAML: real apps use SecretSource.fromFile, fromEnv or fromExistingSecret.
    credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromLiteral('{}', { secretName: 'envoy-ai-gateway-basic-gcp-service-account-key-file' })),
  });
  return chart;
}

// Run directly, the example prints its manifests (for `kubectl apply -f -`).
if (require.main === module) {
  const app = new App();
  build(app);
  process.stdout.write(app.synthYaml());
}
