import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Testing } from 'cdk8s';

/** Id of the Chart every test builds in; construct paths in messages start with it. */
export const CHART_ID = 'test';

/** A fresh App and a Chart in it (with `namespace` when given). */
export function newChart(namespace?: string): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, CHART_ID, namespace === undefined ? {} : { namespace });
  return { app, chart };
}

/** Every object of the Chart, rendered as `Testing.synth` gives them. */
export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** The one object of `kind` in the output (fails the test when there are none or several). */
export function onlyOfKind(objects: any[], kind: string): any {
  const found = objects.filter((o) => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

/** One problem expected in a construct error. */
export interface ExpectedProblem {
  /** Rule code, for example `AIGW020`. */
  readonly code: string;
  /** The prop the problem is reported against. */
  readonly prop: string;
  /** Text (or pattern) the problem description must contain. */
  readonly problem?: string | RegExp;
  /** Text (or pattern) the fix must contain. */
  readonly fix?: string | RegExp;
}

const PROBLEM_LINE = /^ {2}(AIGW\d{3}) (\S+): (.+)\. Fix: (.+)$/;

function matches(text: string, expected: string | RegExp | undefined): boolean {
  if (expected === undefined) return true;
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}

/** Runs `build` and returns the message of the error it throws (fails the test when it does not throw). */
export function thrownMessage(build: () => unknown): string {
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

/**
 * Asserts that `build` throws one error for the construct at `path` that lists exactly the
 * `expected` problems (in any order), each with its rule code, prop and a non-empty fix.
 * Returns the message.
 */
export function expectInvalid(build: () => unknown, path: string, expected: ExpectedProblem[]): string {
  const message = thrownMessage(build);
  const [header, ...lines] = message.split('\n');
  expect(header).toMatch(new RegExp(`^Invalid \\w+ at '${escapeRegExp(path)}':$`));
  const parsed = lines.map((line) => {
    const m = PROBLEM_LINE.exec(line);
    if (!m) throw new Error(`not a problem line: ${JSON.stringify(line)}\nin message:\n${message}`);
    return { code: m[1], prop: m[2], problem: m[3], fix: m[4] };
  });
  const unmatched = [...parsed];
  for (const want of expected) {
    const index = unmatched.findIndex(
      (got) => got.code === want.code && got.prop === want.prop && matches(got.problem, want.problem) && matches(got.fix, want.fix),
    );
    if (index < 0) throw new Error(`expected problem ${JSON.stringify(want)} not found in:\n${message}`);
    unmatched.splice(index, 1);
  }
  if (unmatched.length > 0) throw new Error(`unexpected problems ${JSON.stringify(unmatched)} in:\n${message}`);
  return message;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs `body` with the environment variables set (undefined: unset), then restores them. */
export function withEnv<T>(vars: Record<string, string | undefined>, body: () => T): T {
  const saved: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(vars)) {
    saved[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    return body();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Runs `body` with a fresh temporary directory, removed afterwards. */
export function withTempDir<T>(body: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'aigw-auth-test-'));
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes `content` to `name` in `dir` and returns the path. */
export function writeFile(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
