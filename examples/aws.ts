/**
 * Amazon Bedrock with static credentials: an AWS credentials file kept in a Secret.
 *
 * Reproduces the BackendSecurityPolicy of Envoy AI Gateway's examples/basic/aws.yaml. On EKS,
 * prefer the default credential chain (see aws-irsa.ts and aws-pod-identity.ts): no long-lived
 * key to store or rotate.
 */
import { App, Chart } from 'cdk8s';
import { AwsBedrockAuth, AwsCredentials, PolicyTarget, SecretSource } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'aws', { namespace: 'default' });
  new AwsBedrockAuth(chart, 'Bedrock', {
    metadata: { name: 'envoy-ai-gateway-basic-aws-credentials' },
    // Both backends (the AWSBedrock and the AWSAnthropic schema) call the same Bedrock endpoint,
    // so one policy covers both; a backend may have only one policy.
    targets: [
      PolicyTarget.aiServiceBackend('envoy-ai-gateway-basic-aws'),
      PolicyTarget.aiServiceBackend('envoy-ai-gateway-basic-aws-bedrock-anthropic'),
    ],
    region: 'us-east-1',
    // Upstream's placeholder file; the gateway reads only its [default] profile. A literal ends
    // up in the synthesized YAML: real apps use SecretSource.fromFile, fromEnv or fromExistingSecret.
    credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromLiteral([
      '[default]',
      'aws_access_key_id = AWS_ACCESS_KEY_ID',
      'aws_secret_access_key = AWS_SECRET_ACCESS_KEY',
      '',
    ].join('\n'), { secretName: 'envoy-ai-gateway-basic-aws-credentials' })),
  });
  return chart;
}

// Run directly, the example prints its manifests (for `kubectl apply -f -`).
if (require.main === module) {
  const app = new App();
  build(app);
  process.stdout.write(app.synthYaml());
}
