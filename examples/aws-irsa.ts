/**
 * Amazon Bedrock on EKS with IAM Roles for Service Accounts (IRSA): no Secret at all.
 *
 * The policy only names the region; the AWS SDK in the data plane finds the role through its
 * default credential chain. The IAM side (the ServiceAccount annotated with
 * eks.amazonaws.com/role-arn, and the EnvoyProxy and Gateway that use it) is not a
 * BackendSecurityPolicy concern and stays as in Envoy AI Gateway's examples/basic/aws-irsa.yaml,
 * whose BackendSecurityPolicy this reproduces.
 */
import { App, Chart } from 'cdk8s';
import { AwsBedrockAuth, AwsCredentials, PolicyTarget } from '../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'aws-irsa', { namespace: 'default' });
  new AwsBedrockAuth(chart, 'Bedrock', {
    metadata: { name: 'envoy-ai-gateway-basic-aws' },
    targets: [PolicyTarget.aiServiceBackend('envoy-ai-gateway-basic-aws')],
    region: 'us-east-1',
    // The default; spelled out because it is the point of this example.
    credentials: AwsCredentials.defaultChain(),
  });
  return chart;
}

// Run directly, the example prints its manifests (for `kubectl apply -f -`).
if (require.main === module) {
  const app = new App();
  build(app);
  process.stdout.write(app.synthYaml());
}
