import { Chart, Testing } from 'cdk8s';
import { ApiKeyPolicy, SecretSource } from '../src';
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
