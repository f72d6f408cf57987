import { Construct } from 'constructs';
import {
  AnthropicApiKeyPolicy,
  ApiKeyPolicy,
  ApiKeyPolicyProps,
  AzureApiKeyPolicy,
  BackendSecurityPolicyBase,
  CredentialOverride,
  PolicyTarget,
  SecretSource,
} from '../src';
import { CHART_ID, expectInvalid, newChart, onlyOfKind, synth } from './support/construct-helpers';

const PATH = `${CHART_ID}/p`;

type Build = (scope: Construct, id: string, props: ApiKeyPolicyProps) => BackendSecurityPolicyBase;

const TYPES: Array<[string, string, string, Build]> = [
  ['APIKey', 'apiKey', 'ApiKeyPolicy', (s, id, props) => new ApiKeyPolicy(s, id, props)],
  ['AnthropicAPIKey', 'anthropicAPIKey', 'AnthropicApiKeyPolicy', (s, id, props) => new AnthropicApiKeyPolicy(s, id, props)],
  ['AzureAPIKey', 'azureAPIKey', 'AzureApiKeyPolicy', (s, id, props) => new AzureApiKeyPolicy(s, id, props)],
];

describe.each(TYPES)('%s', (type, member, className, build) => {
  test('snapshot: literal key, emitted Secret', () => {
    const { chart } = newChart('llm');
    build(chart, 'provider', { apiKey: SecretSource.fromLiteral('sk-example'), targets: [PolicyTarget.aiServiceBackend('provider-backend')] });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('snapshot: existing Secret, nothing emitted', () => {
    const { chart } = newChart('llm');
    build(chart, 'provider', { apiKey: SecretSource.fromExistingSecret('provider-key'), targets: [PolicyTarget.aiServiceBackend('provider-backend')] });
    expect(synth(chart)).toMatchSnapshot();
  });

  test(`renders type ${type} with spec.${member}.secretRef to a Secret holding the key under "apiKey" in the policy namespace`, () => {
    const { chart } = newChart('llm');
    const policy = build(chart, 'p', { apiKey: SecretSource.fromLiteral('sk-example') });
    const objects = synth(chart);
    const rendered = onlyOfKind(objects, 'BackendSecurityPolicy');
    const secret = onlyOfKind(objects, 'Secret');
    expect(rendered.spec.type).toBe(type);
    expect(Object.keys(rendered.spec).sort()).toEqual([member, 'type'].sort());
    expect(rendered.spec[member]).toEqual({ secretRef: { name: secret.metadata.name, namespace: 'llm' } });
    expect(secret.metadata.namespace).toBe(rendered.metadata.namespace);
    expect(secret.stringData).toEqual({ apiKey: 'sk-example' });
    expect(policy.secret?.toJson()).toEqual(secret);
  });

  test('an existing Secret emits no Secret; the reference is in the policy namespace', () => {
    const { chart } = newChart('llm');
    const policy = build(chart, 'p', { apiKey: SecretSource.fromExistingSecret('provider-key') });
    const objects = synth(chart);
    expect(objects.map((o) => o.kind)).toEqual(['BackendSecurityPolicy']);
    expect(policy.secret).toBeUndefined();
    expect(objects[0].spec[member].secretRef).toEqual({ name: 'provider-key', namespace: 'llm' });
  });

  test('an existing Secret in another namespace is refused: the gateway reads the policy namespace only (AIGW063)', () => {
    const { chart } = newChart('llm');
    expectInvalid(() => build(chart, 'p', { apiKey: SecretSource.fromExistingSecret('provider-key', { namespace: 'vault' }) }), PATH, [
      { code: 'AIGW063', prop: 'apiKey', problem: "reads the API key Secret from the policy's namespace 'llm'", fix: "create the Secret in namespace 'llm'" },
    ]);
  });

  test('a blank literal is refused (AIGW061)', () => {
    const { chart } = newChart('llm');
    expectInvalid(() => build(chart, 'p', { apiKey: SecretSource.fromLiteral(' ') }), PATH, [
      { code: 'AIGW061', prop: 'apiKey', problem: 'API key', fix: 'non-empty credential' },
    ]);
  });

  test('a Secret name that is not a DNS name, in another namespace, with a blank override namespace: all in one error', () => {
    const { chart } = newChart('llm');
    expectInvalid(
      () =>
        build(chart, 'p', {
          apiKey: SecretSource.fromExistingSecret('Provider_Key', { namespace: 'vault' }),
          credentialOverride: CredentialOverride.fromDynamicMetadata({ namespace: '' }),
        }),
      PATH,
      [
        { code: 'AIGW064', prop: 'apiKey', problem: "'Provider_Key'" },
        { code: 'AIGW063', prop: 'apiKey' },
        { code: 'AIGW071', prop: 'credentialOverride' },
      ],
    );
  });

  test('the error names the construct class', () => {
    const { chart } = newChart('llm');
    const message = expectInvalid(() => build(chart, 'p', { apiKey: SecretSource.fromLiteral('') }), PATH, [{ code: 'AIGW061', prop: 'apiKey' }]);
    expect(message.split('\n')[0]).toBe(`Invalid ${className} at '${PATH}':`);
  });
});
