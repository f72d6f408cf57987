import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { main } from '../src/cli/main';
import { Finding, RULES, runRules } from '../src/rules';

/**
 * Upstream's CRD validation fixtures (test/fixtures/crdcel, see NOTICE there), each linted on its
 * own, against the verdicts recorded in EXPECTED-LINT.tsv (lint) and EXPECTED.tsv (API server).
 */

const DIR = join(__dirname, 'fixtures', 'crdcel');

interface Table {
  readonly header: string[];
  readonly rows: Map<string, string[]>;
}

function readTsv(name: string): Table {
  const [header, ...lines] = readFileSync(join(DIR, name), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const columns = header.split('\t');
  const rows = new Map<string, string[]>();
  for (const line of lines) {
    const cells = line.split('\t');
    while (cells.length < columns.length) cells.push('');
    if (rows.has(cells[0])) throw new Error(`${name}: ${cells[0]} listed twice`);
    rows.set(cells[0], cells);
  }
  return { header: columns, rows };
}

const api = readTsv('EXPECTED.tsv');
const lintTable = readTsv('EXPECTED-LINT.tsv');
const column = (table: Table, prefix: string) => {
  const i = table.header.findIndex((h) => h.startsWith(prefix));
  if (i < 0) throw new Error(`no column ${prefix} in ${table.header.join(', ')}`);
  return i;
};
const VERDICT = 1;
const MUST_CONTAIN = column(lintTable, 'must contain');
const MUST_NOT_CONTAIN = column(lintTable, 'must not contain');
const WHY = lintTable.header.length - 1;
const API_MESSAGE = api.header.length - 1;

/** The rule that stands for each message the API server gives. */
const API_MESSAGES: ReadonlyArray<{ readonly pattern: RegExp; readonly code: string }> = [
  { pattern: /^spec\.type: Unsupported value/, code: 'AIGW004' },
  { pattern: /^When type is \w+, only \w+ field should be set$/, code: 'AIGW005' },
  { pattern: /^spec\.azureCredentials\.(clientID|tenantID) in body should be at least 1 chars long$/, code: 'AIGW030' },
  { pattern: /^Exactly one of clientSecretRef or oidcExchangeToken must be specified$/, code: 'AIGW031' },
  { pattern: /^targetRefs must reference AIServiceBackend or InferencePool resources$/, code: 'AIGW003' },
];

/** The rule that stands for each reason EXPECTED-LINT.tsv gives where lint is stricter than the API server. */
const LINT_REASONS: ReadonlyArray<{ readonly pattern: RegExp; readonly code: string; readonly message: RegExp }> = [
  { pattern: /(the )?OIDC clientSecret has no namespace( \(the controller refuses it\))?/, code: 'AIGW052', message: /oidc\.clientSecret has no namespace/ },
  { pattern: /(the )?(OIDC )?issuer is not an https URL/, code: 'AIGW050', message: /oidc\.provider\.issuer '[^']*' is not an https URL/ },
  { pattern: /awsRoleArn is not an ARN/, code: 'AIGW022', message: /awsRoleArn '[^']*' is not an IAM role ARN/ },
  {
    pattern: /(the )?referenced Secret name is not a valid Kubernetes name(, so that Secret cannot exist)?/,
    code: 'AIGW064',
    message: /[Ss]ecret[\w.]*\.name '[^']*' is not a valid Kubernetes object name/,
  },
];

/** Splits a reason column into the rules it names; throws on any part it cannot account for. */
function reasonsOf(why: string): Array<(typeof LINT_REASONS)[number]> {
  let rest = why;
  const found = [];
  for (const reason of LINT_REASONS) {
    if (reason.pattern.test(rest)) {
      found.push(reason);
      rest = rest.replace(reason.pattern, '');
    }
  }
  if (!/^[\s,;]*(and[\s,;]*)*$/.test(rest)) throw new Error(`reason not mapped to a rule: ${JSON.stringify(rest)} (in ${JSON.stringify(why)})`);
  return found;
}

type Io = Parameters<typeof main>[1];

function lintFile(path: string, format: 'text' | 'json'): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io = {
    out: { write: (s: string) => ((out += s), true) },
    err: { write: (s: string) => ((err += s), true) },
    stdin: () => {
      throw new Error('stdin not expected');
    },
  };
  const status = main(['lint', '--format', format, path], io as unknown as Io);
  return { status, out, err };
}

/** The fixture parsed independently of the CLI (YAML 1.1, as the API machinery reads it), then linted. */
function runRulesOn(name: string): Finding[] {
  const text = readFileSync(join(DIR, name), 'utf8');
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: true });
  for (const doc of docs) expect(doc.errors).toEqual([]);
  const manifests = docs.map((d) => d.toJS()).filter((m) => m !== null && m !== undefined);
  return runRules(
    manifests.map((manifest, i) => ({ manifest, location: `${name}#${i}` })),
    { defaultNamespace: 'default' },
  );
}

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('upstream CRD validation fixtures', () => {
  test('the fixtures, EXPECTED.tsv and EXPECTED-LINT.tsv list the same files', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    expect([...lintTable.rows.keys()].sort()).toEqual(fixtures);
    expect([...api.rows.keys()].sort()).toEqual(fixtures);
    for (const table of [api, lintTable]) {
      for (const row of table.rows.values()) expect(['accept', 'reject']).toContain(row[VERDICT]);
    }
  });

  describe.each(fixtures)('%s', (name) => {
    const path = join(DIR, name);
    const expected = lintTable.rows.get(name)!;
    const apiRow = api.rows.get(name)!;
    const verdict = expected?.[VERDICT];

    test(`lint gives the verdict of EXPECTED-LINT.tsv (${verdict})`, () => {
      const text = lintFile(path, 'text');
      expect(text.err).toMatch(/^cdk8s-aigw-auth: checked 1 objects \(1 BackendSecurityPolicies\): \d+ errors, \d+ warnings\n$/);
      const errorLines = text.out.split('\n').filter((l) => / error AIGW\d{3} /.test(l));
      if (verdict === 'reject') {
        expect(text.status).toBe(1);
        expect(errorLines.length).toBeGreaterThan(0);
      } else {
        expect(verdict).toBe('accept');
        expect({ status: text.status, errors: errorLines }).toEqual({ status: 0, errors: [] });
      }
      const json = lintFile(path, 'json');
      expect(json.status).toBe(text.status);
      const findings: Array<{ file: string; line: number; severity: string }> = JSON.parse(json.out);
      expect(findings.filter((f) => f.severity === 'error').length).toBe(errorLines.length);
      // Each fixture is one document, after upstream's license header.
      const startLine = readFileSync(path, 'utf8').split('\n').findIndex((l) => l.startsWith('apiVersion:')) + 1;
      for (const f of findings) expect(`${f.file}:${f.line}`).toBe(`${path}:${startLine}`);
      if (expected[MUST_CONTAIN]) expect(text.out).toContain(expected[MUST_CONTAIN]);
      if (expected[MUST_NOT_CONTAIN]) expect(text.out).not.toContain(expected[MUST_NOT_CONTAIN]);
    });

    test('runRules on the parsed documents agrees with the CLI', () => {
      const errors = runRulesOn(name).filter((f) => f.severity === 'error');
      expect(errors.length > 0 ? 'reject' : 'accept').toBe(verdict);
    });

    if (apiRow[VERDICT] === 'reject') {
      test('lint reports the rule behind the API server message', () => {
        const message = apiRow[API_MESSAGE];
        const mapped = API_MESSAGES.find((m) => m.pattern.test(message));
        expect({ message, mapped: mapped !== undefined }).toEqual({ message, mapped: true });
        const errors = runRulesOn(name).filter((f) => f.severity === 'error');
        expect(errors.map((f) => f.code)).toContain(mapped!.code);
        expect(RULES[mapped!.code].apiServerSees).not.toBe('never');
      });
    }

    if (apiRow[VERDICT] === 'accept' && verdict === 'reject') {
      test('lint, stricter than the API server, names the reasons EXPECTED-LINT.tsv gives, and only rules the API server does not apply', () => {
        const why = expected[WHY];
        expect(why.trim()).not.toBe('');
        const reasons = reasonsOf(why);
        expect(reasons.length).toBeGreaterThan(0);
        const errors = runRulesOn(name).filter((f) => f.severity === 'error');
        for (const reason of reasons) {
          const hits = errors.filter((f) => f.code === reason.code);
          expect({ code: reason.code, found: hits.map((f) => f.message) }).toEqual({
            code: reason.code,
            found: expect.arrayContaining([expect.stringMatching(reason.message)]),
          });
        }
        // Every error is one of the reasons given: lint rejects for nothing the table does not explain.
        expect([...new Set(errors.map((f) => f.code))].sort()).toEqual([...new Set(reasons.map((r) => r.code))].sort());
        for (const f of errors) expect({ code: f.code, apiServerSees: RULES[f.code].apiServerSees }).toEqual({ code: f.code, apiServerSees: expect.not.stringMatching(/^always$/) });
      });
    }
  });
});
