import { apiKeySpec, describeInput, describeRuleCases, lint, NS, policy, render, target } from '../support/rule-helpers';
import { TARGET_CASES } from './cases/targets';

const withTargets = (name: string, targetRefs: unknown[], namespace: string = NS) => policy(name, apiKeySpec({ targetRefs }), { namespace });

describe('target rules', () => {
  describeRuleCases(TARGET_CASES);

  test('a backend targeted by two policies is reported once, on the first policy in input order', () => {
    const first = lint([withTargets('z-last-by-name', [target('openai')]), withTargets('a-first-by-name', [target('openai')])]);
    expect(first.map((f) => `${f.code} ${f.object.name}`)).toEqual(['AIGW001 z-last-by-name']);
  });

  test('each duplicated backend gets its own finding', () => {
    const findings = lint([
      withTargets('a', [target('openai'), target('anthropic')]),
      withTargets('b', [target('openai'), target('anthropic'), target('cohere')]),
    ]);
    const dup = findings.filter((f) => f.code === 'AIGW001');
    expect(dup).toHaveLength(2);
    expect(dup.map((f) => f.message).join('\n')).toContain('AIServiceBackend ai/openai');
    expect(dup.map((f) => f.message).join('\n')).toContain('AIServiceBackend ai/anthropic');
    expect(dup.map((f) => f.message).join('\n')).not.toContain('cohere');
  });

  test('an InferencePool targeted by two policies and an AIServiceBackend of the same name by a third: both problems', () => {
    const findings = lint([
      withTargets('pool-a', [target('llama', 'InferencePool')]),
      withTargets('pool-b', [target('llama', 'InferencePool')]),
      withTargets('backend', [target('llama')]),
    ]);
    const messages = findings.filter((f) => f.code === 'AIGW001').map((f) => f.message);
    expect(messages).toHaveLength(2);
    expect(messages.some((m) => m.includes(describeInput('BackendSecurityPolicy', NS, 'pool-a', 0)) && m.includes(describeInput('BackendSecurityPolicy', NS, 'pool-b', 1)))).toBe(true);
    expect(messages.some((m) => m.includes(describeInput('BackendSecurityPolicy', NS, 'backend', 2)))).toBe(true);
  });

  test('exactly 16 targets in each of two policies, all different: no finding', () => {
    const targets = (prefix: string) => Array.from({ length: 16 }, (_, i) => target(`${prefix}-${i}`));
    expect(lint([withTargets('a', targets('a')), withTargets('b', targets('b'))]).map(render)).toEqual([]);
  });

  // Gap: the name-clash message names the AIServiceBackend and both policies, but not the
  // InferencePool it clashes with, nor which policy targets which.
  test('the AIServiceBackend/InferencePool name-clash message names the InferencePool too', () => {
    const findings = lint([withTargets('pool-policy', [target('llama', 'InferencePool')]), withTargets('backend-policy', [target('llama')])]);
    const clash = findings.filter((f) => f.code === 'AIGW001');
    expect(clash).toHaveLength(1);
    expect(clash[0].message).toContain('InferencePool');
  });
});
