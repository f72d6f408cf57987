import * as fc from 'fast-check';
import { isNamespaceName, looksLikeAwsRegion, looksLikeGcpRegion } from '../src/values';

// The definitions, written out here independently of src/values.ts.
const DNS_LABEL = (v: string) => v.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v);
const AWS_REGION = (v: string) => /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/.test(v);
const GCP_REGION = (v: string) => /^([a-z]+-[a-z]+\d{1,2}|global)$/.test(v);

/** Strings near the patterns, repeated and interleaved, as the values of an App's objects are. */
const nearby = fc.oneof(
  fc.constantFrom('default', 'bench', 'team-a', 'us-east-1', 'us-central1', 'global', 'us-east1', 'Team-A', '-a', 'a-', ''),
  fc.stringMatching(/^[a-z0-9-]{0,8}$/),
  fc.stringMatching(/^[a-z]{2}-[a-z]{1,6}-?[0-9]{1,3}$/),
);

describe('the checks that remember the last value they accepted', () => {
  test.each([
    ['isNamespaceName', isNamespaceName, DNS_LABEL],
    ['looksLikeAwsRegion', looksLikeAwsRegion, AWS_REGION],
    ['looksLikeGcpRegion', looksLikeGcpRegion, GCP_REGION],
  ] as const)('%s gives the pattern\'s answer for every value of a sequence', (_, check, definition) => {
    fc.assert(
      fc.property(fc.array(nearby, { maxLength: 30 }), (values) => {
        for (const value of values) expect([value, check(value)]).toEqual([value, definition(value)]);
      }),
      { numRuns: 300 },
    );
  });

  test('a value refused after an accepted one is still refused, and the accepted one still accepted', () => {
    expect(isNamespaceName('team-a')).toBe(true);
    expect(isNamespaceName('Team-A')).toBe(false);
    expect(isNamespaceName('team-a')).toBe(true);
    expect(isNamespaceName('x'.repeat(64))).toBe(false);
    expect(isNamespaceName(42)).toBe(false);
  });
});
