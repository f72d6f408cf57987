import { POLICY_SPEC_CASES } from './cases/policy-spec';
import { SECRET_CASES } from './cases/secrets';
import { TARGET_CASES } from './cases/targets';
import { RULES } from '../../src/rules';

const ALL_CASES = [...POLICY_SPEC_CASES, ...TARGET_CASES, ...SECRET_CASES];

describe('rule catalogue', () => {
  test.each(Object.keys(RULES))('%s has at least one triggering case with a passing variant', (code) => {
    const cases = ALL_CASES.filter((c) => c.code === code);
    expect(cases.map((c) => c.title)).not.toEqual([]);
    for (const c of cases) expect(c.passing.length).toBeGreaterThan(0);
  });

  test('every case is about a catalogued rule, with the severity the catalogue gives it', () => {
    for (const c of ALL_CASES) {
      expect({ title: c.title, code: c.code, known: c.code in RULES }).toEqual({ title: c.title, code: c.code, known: true });
      expect({ title: c.title, severity: RULES[c.code].severity }).toEqual({ title: c.title, severity: c.severity });
    }
  });

  test('codes are AIGW and three digits, and every rule has a title', () => {
    for (const [code, rule] of Object.entries(RULES)) {
      expect(code).toMatch(/^AIGW\d{3}$/);
      expect(rule.title.trim()).not.toBe('');
    }
  });
});
