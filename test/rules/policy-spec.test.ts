import { apiKeySpec, awsOidcSpec, describeRuleCases, gcpSpec, lint, NS, policy, POLICY_V1ALPHA1, render } from '../support/rule-helpers';
import { POLICY_SPEC_CASES } from './cases/policy-spec';

describe('policy spec rules', () => {
  describeRuleCases(POLICY_SPEC_CASES);

  test('a v1alpha1 policy gets the same checks as a v1beta1 one, plus the deprecation warning', () => {
    const findings = lint([policy('p', { type: 'APIKey' }, { apiVersion: POLICY_V1ALPHA1 })]);
    expect(findings.map((f) => `${f.code} ${f.severity}`).sort()).toEqual(['AIGW005 error', 'AIGW006 warning']);
  });

  test('objects that are not BackendSecurityPolicies of aigateway.envoyproxy.io pass through', () => {
    const findings = lint([
      { apiVersion: 'example.com/v1', kind: 'BackendSecurityPolicy', metadata: { name: 'BAD_NAME' }, spec: { type: 'Nope' } },
      { apiVersion: 'aigateway.envoyproxy.io/v1beta1', kind: 'AIServiceBackend', metadata: { name: 'openai', namespace: NS }, spec: {} },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Not_A_Name' }, data: { apiKey: 1 } },
      'a bare string',
      42,
      null,
      [policy('in-a-list', { type: 'Nope' })],
    ]);
    expect(findings.map(render)).toEqual([]);
  });

  test('every finding of a policy is reported on that policy, with its effective namespace', () => {
    const findings = lint(
      [policy('aws-oidc', awsOidcSpec({ awsRoleArn: 'nope' }), { namespace: null }), policy('gcp', gcpSpec({ region: '' }), { namespace: 'ml' })],
      'team-a',
    );
    expect(findings.map((f) => `${f.code} ${f.object.kind}/${f.object.namespace}/${f.object.name} ${f.object.location}`).sort()).toEqual([
      'AIGW022 BackendSecurityPolicy/team-a/aws-oidc input-0.yaml:1',
      'AIGW040 BackendSecurityPolicy/ml/gcp input-1.yaml:1',
    ]);
  });

  test('real AWS regions do not warn', () => {
    const regions = ['us-east-1', 'us-west-2', 'eu-central-2', 'ap-southeast-7', 'il-central-1', 'mx-central-1', 'us-gov-west-1', 'cn-northwest-1', 'us-isob-east-1'];
    const findings = lint(regions.map((region, i) => policy(`p${i}`, { type: 'AWSCredentials', awsCredentials: { region } })));
    expect(findings.map(render)).toEqual([]);
  });

  test('real GCP regions (and global) do not warn', () => {
    const regions = ['global', 'us-central1', 'us-east5', 'europe-west12', 'northamerica-northeast1', 'asia-northeast3', 'me-central2', 'africa-south1'];
    const findings = lint(regions.map((region, i) => policy(`p${i}`, gcpSpec({ region }))));
    expect(findings.map(render)).toEqual([]);
  });

  test('a GCP region given to AWS and an AWS region given to GCP both warn', () => {
    const findings = lint([policy('aws', { type: 'AWSCredentials', awsCredentials: { region: 'europe-west4' } }), policy('gcp', gcpSpec({ region: 'eu-west-1' }))]);
    expect(findings.map((f) => `${f.code} ${f.severity} ${f.object.name}`).sort()).toEqual(['AIGW025 warning aws', 'AIGW025 warning gcp']);
  });

  test('a clean policy of each type has no findings', () => {
    const findings = lint([
      policy('openai', apiKeySpec()),
      policy('anthropic', { type: 'AnthropicAPIKey', anthropicAPIKey: { secretRef: { name: 'anthropic-key' } } }),
      policy('azure-key', { type: 'AzureAPIKey', azureAPIKey: { secretRef: { name: 'azure-key' } } }),
      policy('bedrock', awsOidcSpec()),
      policy('bedrock-irsa', { type: 'AWSCredentials', awsCredentials: { region: 'eu-central-1' } }),
      policy('vertex-adc', gcpSpec({ region: 'global' })),
    ]);
    expect(findings.map(render)).toEqual([]);
  });
});
