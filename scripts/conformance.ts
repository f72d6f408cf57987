/**
 * Agreement with the Kubernetes API server, with kubectl-validate as the oracle.
 *
 *   npm run conformance        (scripts/conformance.sh installs kubectl-validate, then runs this)
 *
 * Cases: every YAML fixture in test/fixtures/, every example app, hand-written valid apps, and
 * apps generated with fast-check (fixed seed) plus single-rule mutations of them. Each case is
 * one file; kubectl-validate checks all files of a directory in one run (one directory per core),
 * and `cdk8s-aigw-auth lint` checks each file on its own.
 *
 * Rules: the API server must accept every app the library synthesizes. Whatever the API server
 * rejects, lint must reject. Lint may reject what the API server accepts only when each of its
 * errors is a rule the catalog marks `apiServerSees: 'never'` or `'partly'`. Anything else fails the run.
 * Writes docs/conformance.md (byte for byte the same on every run with the same inputs).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join, relative } from 'path';
import * as fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { EXAMPLES } from '../examples';
import { appPlan, AppPlan, removeSourceFiles, synthApp, synthPlan } from './conformance/apps';
import { DocumentVerdict, isRejected, KUBERNETES_SCHEMA_VERSION, validateDirectories } from './conformance/kubectl-validate';
import { loadPolicySchema, MUTATIONS, Rng } from './conformance/mutations';
import { NAMED_APPS } from './conformance/named-apps';
import { Report } from './conformance/report';
import { main as cli } from '../src/cli/main';
import { RULES } from '../src/rules/catalog';

const ROOT = join(__dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const CRDS = join(FIXTURES, 'crds');
const DOC = join(ROOT, 'docs', 'conformance.md');

/** The fast-check seed: the same seed, the same cases, the same docs/conformance.md. */
export const SEED = 20260821;
/** How many valid apps to generate (mutations add their own counts, see mutations.ts). */
const GENERATED_VALID = 600;

export type Source = 'fixture' | 'example' | 'named app' | 'generated valid' | 'generated mutation';

export interface Case {
  readonly id: string;
  readonly source: Source;
  /** Fixture path, example or app name, or mutation name. */
  readonly label: string;
  readonly yaml: string;
  readonly mutation?: string;
}

export interface LintVerdict {
  readonly exitCode: number;
  /** Codes of the error findings, sorted, unique; `INPUT` for unreadable input. */
  readonly errors: string[];
  readonly warnings: string[];
  readonly text: string;
}

export type Outcome = 'agree-accept' | 'agree-reject' | 'expected' | 'unexpected';

export interface Result {
  readonly case: Case;
  readonly api: readonly DocumentVerdict[];
  readonly apiRejects: boolean;
  readonly lint: LintVerdict;
  readonly outcome: Outcome;
  /** Why the case fails the run, if it does. */
  readonly problem?: string;
}

function log(message: string): void {
  process.stdout.write(`conformance: ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Cases

function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (path === CRDS) continue; // the oracle's schemas, not test data
    if (statSync(path).isDirectory()) out.push(...fixtureFiles(path));
    else if (/\.ya?ml$/.test(entry)) out.push(path);
  }
  return out;
}

function toYaml(docs: unknown[]): string {
  return docs.map((d) => stringify(d, { version: '1.1', lineWidth: 0 })).join('---\n');
}

function parseYaml(text: string): any[] {
  return parseAllDocuments(text, { version: '1.1' })
    .map((d) => d.toJS())
    .filter((d) => d !== null && d !== undefined);
}

interface Failure {
  readonly what: string;
  readonly detail: string;
}

function buildCases(failures: Failure[]): { cases: Case[]; skipped: Map<string, number> } {
  const cases: Case[] = [];
  const pad = (n: number, w = 4) => String(n).padStart(w, '0');

  fixtureFiles(FIXTURES).forEach((file, i) => {
    cases.push({ id: `fixture-${pad(i)}`, source: 'fixture', label: relative(ROOT, file), yaml: readFileSync(file, 'utf8') });
  });

  EXAMPLES.forEach(({ name, build }, i) => {
    cases.push({ id: `example-${pad(i)}`, source: 'example', label: name, yaml: synthApp(build) });
  });

  NAMED_APPS.forEach(([name, plan], i) => {
    try {
      cases.push({ id: `named-${pad(i)}`, source: 'named app', label: name, yaml: synthPlan(plan, `named-${i}`) });
    } catch (e) {
      failures.push({ what: `the library refuses the valid test app ${name}`, detail: (e as Error).message });
    }
  });

  const valid = fc.sample(appPlan(), { seed: SEED, numRuns: GENERATED_VALID });
  valid.forEach((plan, i) => {
    try {
      cases.push({ id: `valid-${pad(i)}`, source: 'generated valid', label: 'generated', yaml: synthPlan(plan, `valid-${i}`) });
    } catch (e) {
      failures.push({ what: `the library refuses a generated valid app (valid-${pad(i)})`, detail: `${(e as Error).message}\nplan: ${JSON.stringify(plan)}` });
    }
  });

  // Mutations: draw more valid apps than needed; a draw the mutation cannot apply to is skipped.
  const schema = loadPolicySchema(join(CRDS, 'aigateway.envoyproxy.io_backendsecuritypolicies.yaml'));
  const skipped = new Map<string, number>();
  let n = 0;
  MUTATIONS.forEach((mutation, m) => {
    // One policy per app unless the mutation says otherwise: the others would only cost time.
    const draws = fc.sample(fc.tuple(appPlan({ maxPolicies: 1, ...mutation.plan }), fc.integer()), {
      seed: SEED + 1 + m,
      numRuns: mutation.count * 8,
    });
    let made = 0;
    for (const [plan, seed] of draws) {
      if (made === mutation.count) break;
      let docs: any[];
      try {
        docs = parseYaml(synthPlan(plan as AppPlan, `mutation-${m}-${made}`));
      } catch {
        skipped.set(mutation.name, (skipped.get(mutation.name) ?? 0) + 1);
        continue;
      }
      if (!mutation.apply({ docs, rng: new Rng(seed), schema })) {
        skipped.set(mutation.name, (skipped.get(mutation.name) ?? 0) + 1);
        continue;
      }
      cases.push({ id: `mutation-${pad(n++)}`, source: 'generated mutation', label: mutation.name, mutation: mutation.name, yaml: toYaml(docs) });
      made++;
    }
    if (made < mutation.count) failures.push({ what: `mutation ${mutation.name}: only ${made} of ${mutation.count} cases could be made`, detail: '' });
  });
  return { cases, skipped };
}

// ---------------------------------------------------------------------------------------------
// Lint

function lint(file: string): LintVerdict {
  let out = '';
  let err = '';
  const io = {
    out: { write: (s: string) => ((out += s), true) },
    err: { write: (s: string) => ((err += s), true) },
    stdin: () => '',
  } as unknown as Parameters<typeof cli>[1];
  const exitCode = cli(['lint', '--format', 'json', file], io);
  if (exitCode === 2) return { exitCode, errors: ['INPUT'], warnings: [], text: err.trim() };
  const findings = JSON.parse(out) as Array<{ severity: string; code: string; message: string; name: string }>;
  const codes = (severity: string) => [...new Set(findings.filter((f) => f.severity === severity).map((f) => f.code))].sort();
  return {
    exitCode,
    errors: codes('error'),
    warnings: codes('warning'),
    text: findings.map((f) => `${f.severity} ${f.code} ${f.name}: ${f.message}`).join('\n'),
  };
}

// ---------------------------------------------------------------------------------------------

function classify(c: Case, api: readonly DocumentVerdict[], lintVerdict: LintVerdict): Result {
  const apiRejects = isRejected(api);
  const lintRejects = lintVerdict.exitCode !== 0;
  const mustBeValid = c.source === 'example' || c.source === 'named app' || c.source === 'generated valid';
  const noSchema = api.filter((v) => v.noSchema);
  let outcome: Outcome;
  let problem: string | undefined;
  if (apiRejects === lintRejects) {
    outcome = apiRejects ? 'agree-reject' : 'agree-accept';
  } else if (apiRejects) {
    outcome = 'unexpected';
    problem = 'the API server rejects it, lint accepts it';
  } else {
    const seen = lintVerdict.errors.filter((code) => RULES[code]?.apiServerSees === 'always');
    outcome = seen.length ? 'unexpected' : 'expected';
    if (seen.length) problem = `lint rejects it with ${seen.join(', ')} (apiServerSees: always), the API server accepts it`;
  }
  if (mustBeValid && apiRejects) problem = 'LIBRARY BUG: the API server rejects what the library synthesized';
  else if (mustBeValid && lintRejects) problem = 'lint rejects what the library synthesized';
  else if (c.source !== 'fixture' && noSchema.length) problem = `kubectl-validate has no schema for: ${noSchema.map((v) => v.message).join('; ')}`;
  return { case: c, api, apiRejects, lint: lintVerdict, outcome, problem };
}

/** kubectl-validate against upstream's own envtest verdicts for the crdcel fixtures (EXPECTED.tsv). */
function checkOracle(results: readonly Result[]): { checked: number; mismatches: string[] } {
  const tsv = join(FIXTURES, 'crdcel', 'EXPECTED.tsv');
  let text: string;
  try {
    text = readFileSync(tsv, 'utf8');
  } catch {
    return { checked: 0, mismatches: [] };
  }
  const mismatches: string[] = [];
  let checked = 0;
  for (const line of text.split('\n').slice(1)) {
    const [file, verdict] = line.split('\t');
    if (!file || !verdict) continue;
    const result = results.find((r) => r.case.source === 'fixture' && r.case.label === join('test', 'fixtures', 'crdcel', file));
    if (!result) continue;
    checked++;
    if ((verdict === 'reject') !== result.apiRejects) mismatches.push(`${file}: upstream says ${verdict}, kubectl-validate ${result.apiRejects ? 'rejects' : 'accepts'}`);
  }
  return { checked, mismatches };
}

async function run(): Promise<number> {
  const binary = process.env.KUBECTL_VALIDATE;
  const version = process.env.KUBECTL_VALIDATE_VERSION;
  if (!binary || !version) {
    process.stderr.write('conformance: run through scripts/conformance.sh (it sets KUBECTL_VALIDATE and KUBECTL_VALIDATE_VERSION)\n');
    return 2;
  }
  const started = Date.now();
  const failures: Failure[] = [];
  const { cases, skipped } = buildCases(failures);
  removeSourceFiles();
  log(`${cases.length} cases built in ${((Date.now() - started) / 1000).toFixed(1)}s`);

  const work = mkdtempSync(join(tmpdir(), 'aigw-conformance-'));
  const shards = Math.max(1, Math.min(cpus().length, 4));
  const dirs = Array.from({ length: shards }, (_, i) => join(work, `shard-${i}`));
  for (const dir of dirs) mkdirSync(dir);
  const fileOf = new Map<string, string>();
  cases.forEach((c, i) => {
    const file = join(dirs[i % shards], `${c.id}.yaml`);
    writeFileSync(file, c.yaml);
    fileOf.set(c.id, file);
  });

  const validating = Date.now();
  const verdicts = await validateDirectories(binary, CRDS, dirs);
  log(`kubectl-validate ${version} checked ${cases.length} files in ${shards} runs in ${((Date.now() - validating) / 1000).toFixed(1)}s`);

  const linting = Date.now();
  const results = cases.map((c) => classify(c, verdicts.get(`${c.id}.yaml`)!, lint(fileOf.get(c.id)!)));
  log(`lint checked ${cases.length} files in ${((Date.now() - linting) / 1000).toFixed(1)}s`);

  const oracle = checkOracle(results);
  for (const m of oracle.mismatches) failures.push({ what: 'kubectl-validate disagrees with upstream envtest verdict', detail: m });

  const report = new Report(results, {
    kubectlValidateVersion: version,
    kubernetesVersion: KUBERNETES_SCHEMA_VERSION,
    seed: SEED,
    mutations: MUTATIONS,
    skipped,
    oracle,
    failures,
  });
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  writeFileSync(DOC, report.markdown());
  log(`wrote ${relative(ROOT, DOC)}`);

  const bad = results.filter((r) => r.problem);
  for (const r of bad) {
    process.stdout.write(`\n--- ${r.case.id} (${r.case.source}: ${r.case.label}): ${r.problem}\n`);
    process.stdout.write(`file: ${fileOf.get(r.case.id)}\n`);
    process.stdout.write(`kubectl-validate: ${r.api.filter((v) => v.status === 'Failure').map((v) => v.message).join('\n  ') || 'accepts'}\n`);
    process.stdout.write(`lint (exit ${r.lint.exitCode}): ${r.lint.text || 'no findings'}\n`);
    process.stdout.write(`${r.case.yaml.split('\n').slice(0, 80).join('\n')}\n`);
  }
  for (const f of failures) process.stdout.write(`\n--- ${f.what}\n${f.detail}\n`);

  const summary = report.summary();
  log(summary);
  if (bad.length || failures.length) {
    log(`FAILED: ${bad.length} case(s) and ${failures.length} other failure(s); case files kept in ${work}`);
    return 1;
  }
  rmSync(work, { recursive: true, force: true });
  log(`OK in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return 0;
}

if (require.main === module) {
  run().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`conformance: ${(e as Error).stack ?? e}\n`);
      process.exit(2);
    },
  );
}
