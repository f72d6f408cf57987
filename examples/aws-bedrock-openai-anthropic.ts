/**
 * Claude on Amazon Bedrock behind an AWSAnthropic backend, called with OpenAI-format requests.
 * Authentication does not depend on the request format: it is the same AWS policy as aws.ts.
 *
 * Reproduces the BackendSecurityPolicy of Envoy AI Gateway's
 * examples/basic/aws-bedrock-openai-anthropic.yaml.
 */
import { App, Chart } from 'cdk8s';
import { AwsBedrockAuth, AwsCredentials, PolicyTarget, SecretSource } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'aws-bedrock-openai-anthropic', { namespace: 'default' });
  new AwsBedrockAuth(chart, 'Bedrock', {
    metadata: { name: 'envoy-ai-gateway-aws-bedrock-credentials' },
    targets: [PolicyTarget.aiServiceBackend('envoy-ai-gateway-aws-bedrock-claude-openai')],
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
