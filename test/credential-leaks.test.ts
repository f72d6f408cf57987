import { Chart, Testing } from 'cdk8s';
import { ApiKeyPolicy, PolicyTarget, SecretSource } from '../src';
import { runRules } from '../src/rules';
import { looksLikeCredential } from '../src/values';

// Credentials passed where a name was expected (a common slip: fromEnv(process.env.KEY)).
const KEYS = ['gsk_9fKq2LmZ8xTa7WbR3nYp4Hc6Vd1Se5Jg0Ui8Ok2Qr7Tw', 'sk-proj-Abc123SECRETVALUE', 'AKIAIOSFODNN7EXAMPLE', '3f2a9c0e1b7d4a6f8e2c5b9d0a1f3e7c'];

function errorOf(build: () => unknown): string {
  try {
    build();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected an error');
}

describe('a credential passed as a name is never echoed', () => {
  test.each(KEYS)('%s looks like a credential', (key) => expect(looksLikeCredential(key)).toBe(true));
  test.each(['OPENAI_API_KEY', 'openai-apikey-2024-prod-east-1', 'secrets/azure-openai.key', 'envoy-ai-gateway-basic-openai-apikey'])(
    '%s does not',
    (name) => expect(looksLikeCredential(name)).toBe(false),
  );

  const policy = (apiKey: SecretSource) => () => new ApiKeyPolicy(new Chart(Testing.app(), 'c'), 'p', { apiKey });

  test.each(KEYS)('fromEnv(%s)', (key) => {
    const message = errorOf(policy(SecretSource.fromEnv(key)));
    expect(message).toMatch(/AIGW06[1]|AIGW090/);
    expect(message).not.toContain(key);
  });

  test.each(KEYS)('fromFile(%s)', (key) => {
    const message = errorOf(policy(SecretSource.fromFile(key)));
    expect(message).toContain('AIGW091');
    expect(message).not.toContain(key);
  });

  // A valid Secret name may look random (a hash suffix), so it is not refused; an invalid one is,
  // without echoing it.
  test.each(KEYS.filter((key) => /[A-Z_]/.test(key)))('fromExistingSecret(%s) is refused, without the value', (key) => {
    const message = errorOf(policy(SecretSource.fromExistingSecret(key)));
    expect(message).toContain('AIGW064');
    expect(message).not.toContain(key);
  });

  test('an ordinary unset variable is named, with the fix', () => {
    delete process.env.AIGW_LEAK_TEST_UNSET;
    expect(errorOf(policy(SecretSource.fromEnv('AIGW_LEAK_TEST_UNSET')))).toContain(
      "environment variable 'AIGW_LEAK_TEST_UNSET' (unset or blank) is empty. Fix: set AIGW_LEAK_TEST_UNSET in the environment of the synth",
    );
  });
});

describe('a credential in a place meant for a name is never echoed', () => {
  const invalidKeys = KEYS.filter((key) => /[A-Z_]/.test(key));
  const chart = () => new Chart(Testing.app(), 'c');
  const apiKey = SecretSource.fromLiteral('sk-the-real-value');

  test.each(invalidKeys)('a target named %s', (key) => {
    const message = errorOf(() => new ApiKeyPolicy(chart(), 'p', { apiKey, targets: [PolicyTarget.aiServiceBackend(key)] }));
    expect(message).toContain('AIGW064');
    expect(message).not.toContain(key);
  });

  test.each(invalidKeys)('a policy named %s', (key) => {
    const message = errorOf(() => new ApiKeyPolicy(chart(), 'p', { apiKey, metadata: { name: key } }));
    expect(message).toContain('AIGW080');
    expect(message).not.toContain(key);
  });

  test.each(invalidKeys)('a store named %s', (key) => {
    const message = errorOf(() => new ApiKeyPolicy(chart(), 'p', { apiKey: SecretSource.fromExternalSecret({ storeName: key, remoteKey: 'k' }) }));
    expect(message).toContain('AIGW064');
    expect(message).not.toContain(key);
  });

  // Unquoted flow YAML such as `{apiKey:sk-...}` is one key holding the value, not a key and a value.
  test.each(KEYS)('a Secret key that holds %s, and the findings about it', (key) => {
    const findings = runRules(
      [
        { location: 'a.yaml:1', manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ai' }, stringData: { [`apiKey:${key}`]: null } } },
        { location: 'a.yaml:9', manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'd', namespace: 'ai' }, data: { [key]: '%%' } } },
        {
          location: 'b.yaml:1',
          manifest: {
            apiVersion: 'aigateway.envoyproxy.io/v1beta1',
            kind: 'BackendSecurityPolicy',
            metadata: { name: 'p', namespace: 'ai' },
            spec: { type: 'APIKey', apiKey: { secretRef: { name: 's' } } },
          },
        },
      ],
      { defaultNamespace: 'default' },
    );
    expect(findings.map((f) => f.code).sort()).toEqual(['AIGW060', 'AIGW062', 'AIGW066']);
    for (const f of findings) expect(`${f.message} ${f.fix}`).not.toContain(key);
  });
});
