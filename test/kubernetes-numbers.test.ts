import { Chart, Testing } from 'cdk8s';
import { ApiKeyPolicy, CredentialOverride, PolicyTarget, SecretSource } from '../src';
import { main } from '../src/cli/main';
import { isReadAsNumber } from '../src/values';

// cdk8s writes YAML 1.1 and leaves these strings unquoted; Kubernetes reads them as numbers.
const NUMBER_LIKE = ['0o17', '0O17', '+0o7', '-0o7', '0o_7', '0X1F', '0B1', '1e3_0'];

describe('strings Kubernetes would read back as numbers', () => {
  test.each(NUMBER_LIKE)('%s is recognised', (value) => expect(isReadAsNumber(value)).toBe(true));
  test.each(['0x1f', '123', '1e3', 'sk-0o17', 'openai'])('%s is not (cdk8s quotes it, or it is no number)', (value) => {
    expect(isReadAsNumber(value)).toBe(false);
  });

  test.each(NUMBER_LIKE)('a Secret value %s is written base64-encoded under data', (value) => {
    const chart = new Chart(Testing.app(), 'c');
    new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromLiteral(value) });
    const secret = Testing.synth(chart).find((o) => o.kind === 'Secret');
    expect(secret.stringData).toBeUndefined();
    expect(Buffer.from(secret.data.apiKey, 'base64').toString()).toBe(value);
  });

  test('an ordinary Secret value stays in stringData', () => {
    const chart = new Chart(Testing.app(), 'c');
    new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromLiteral('sk-123') });
    expect(Testing.synth(chart).find((o) => o.kind === 'Secret').stringData).toEqual({ apiKey: 'sk-123' });
  });

  test('a policy field that would be read as a number is refused at construction (AIGW007)', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(
      () =>
        new ApiKeyPolicy(chart, 'p', {
          targets: [PolicyTarget.aiServiceBackend('0o17')],
          apiKey: SecretSource.fromExistingSecret('key'),
          credentialOverride: CredentialOverride.fromDynamicMetadata({ namespace: '0X1F' }),
        }),
    ).toThrow(/AIGW007 targets: '0o17'[\s\S]*AIGW007 spec\.credentialOverride\.fromDynamicMetadata\.namespace: '0X1F'/);
  });

  test('also for a target added after construction', () => {
    const policy = new ApiKeyPolicy(new Chart(Testing.app(), 'c'), 'p', { apiKey: SecretSource.fromExistingSecret('key') });
    expect(() => policy.addTarget(PolicyTarget.inferencePool('0o17'))).toThrow(/AIGW007 targets: '0o17'/);
    expect(policy.targets).toEqual([]);
  });

  test('lint reads them as numbers, as Kubernetes does', () => {
    const out: string[] = [];
    const io = { out: { write: (s: string) => out.push(s) }, err: { write: () => true }, stdin: () => 'apiVersion: v1\nkind: Secret\nmetadata: {name: k}\nstringData:\n  apiKey: 0o17\n' };
    expect(main(['lint', '-'], io as any)).toBe(1);
    expect(out.join('')).toContain("AIGW062 Secret/default/k: the value of key 'apiKey' is not a string");
  });
});
