/**
 * `npm run bench`: synth and validation cost at scale, against the same manifests built as raw
 * cdk8s ApiObjects. Each case runs in its own child process; the median of several repetitions
 * is reported. Writes bench/results.json, bench/results.md and bench/results.svg, and exits
 * non-zero when a target is missed.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { renderSvg } from './plot';

interface Run {
  readonly policies: number;
  readonly charts?: number;
  readonly rawMs: number;
  readonly libraryMs: number;
  readonly validateMs: number;
  readonly lintMs: number;
  readonly rawRssMb: number;
  readonly libraryRssMb: number;
}

const SIZES = [1_000, 5_000, 10_000, 50_000];
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 7);

function worker(args: string[]): any {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'worker.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, 'tsconfig.json') },
    maxBuffer: 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians of one case; `rawSixClassesMs` only when the six-class baseline was measured too. */
type Measured = Run & { readonly rawSixClassesMs?: number };

function measure(policies: number, charts: number, dir: string, sixClasses = false): Measured {
  const results: Record<string, any[]> = { 'raw': [], 'library': [], 'raw-six-classes': [], 'lint': [] };
  const yamlFile = join(dir, `library-${policies}-${charts}.yaml`);
  const modes = sixClasses ? ['raw', 'library', 'raw-six-classes'] : ['raw', 'library'];
  for (let r = 0; r < REPETITIONS; r++) {
    // Rotate the order so that no side always runs on a warmer (or busier) machine.
    for (let m = 0; m < modes.length; m++) {
      const mode = modes[(r + m) % modes.length];
      results[mode].push(worker([mode, String(policies), String(charts), ...(mode === 'library' ? [yamlFile] : [])]));
    }
    results.lint.push(worker(['lint', yamlFile]));
  }
  const { raw, library, lint } = results;
  if (raw[0].bytes !== library[0].bytes) {
    throw new Error(`raw and library YAML differ in size (${raw[0].bytes} vs ${library[0].bytes} bytes): the workloads are not the same`);
  }
  if (lint.some((l) => l.status !== 0)) throw new Error('lint found errors in the library output');
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    policies,
    ...(charts > 1 ? { charts } : {}),
    rawMs: round(median(raw.map((x) => x.ms))),
    libraryMs: round(median(library.map((x) => x.ms))),
    validateMs: round(median(library.map((x) => x.validateMs))),
    lintMs: round(median(lint.map((x) => x.ms))),
    rawRssMb: round(median(raw.map((x) => x.rssMb))),
    libraryRssMb: round(median(library.map((x) => x.rssMb))),
    ...(sixClasses ? { rawSixClassesMs: round(median(results['raw-six-classes'].map((x) => x.ms))) } : {}),
  };
}

/** The 100-Chart raw baseline, built once from one class and once from six. */
interface ClassCost {
  readonly policies: number;
  readonly charts: number;
  readonly rawMs: number;
  readonly rawSixClassesMs: number;
}

interface Target {
  readonly name: string;
  readonly value: string;
  readonly ok: boolean;
}

function checkTargets(runs: Run[]): Target[] {
  const at = (n: number) => runs.find((r) => r.policies === n && !r.charts)!;
  const charted = runs.find((r) => r.charts)!;
  const ten = at(10_000);
  const ratio = (a: number, b: number) => a / b;
  const fmt = (x: number) => `${x.toFixed(2)}x`;
  return [
    { name: 'library time at 10,000 <= 1.15x raw', value: fmt(ratio(ten.libraryMs, ten.rawMs)), ok: ten.libraryMs <= 1.15 * ten.rawMs },
    { name: 'validation <= 10% of library time at 10,000', value: `${((100 * ten.validateMs) / ten.libraryMs).toFixed(1)}%`, ok: ten.validateMs <= 0.1 * ten.libraryMs },
    { name: 'library peak RSS at 10,000 <= 1.2x raw', value: fmt(ratio(ten.libraryRssMb, ten.rawRssMb)), ok: ten.libraryRssMb <= 1.2 * ten.rawRssMb },
    { name: 'library time at 50,000 <= 11x at 5,000', value: fmt(ratio(at(50_000).libraryMs, at(5_000).libraryMs)), ok: at(50_000).libraryMs <= 11 * at(5_000).libraryMs },
    { name: '100 Charts: library time <= 1.15x raw', value: fmt(ratio(charted.libraryMs, charted.rawMs)), ok: charted.libraryMs <= 1.15 * charted.rawMs },
    { name: 'lint of the 10,000-policy YAML <= raw synth', value: fmt(ratio(ten.lintMs, ten.rawMs)), ok: ten.lintMs <= ten.rawMs },
  ];
}

function requireTimes() {
  const times = (module: string) => median(Array.from({ length: 5 }, () => worker(['require', module]).ms));
  return { cdk8sMs: Math.round(times('cdk8s')), packageMs: Math.round(times(join(__dirname, '..', 'lib'))) };
}

function markdown(runs: Run[], targets: Target[], require: { cdk8sMs: number; packageMs: number }, classes: ClassCost): string {
  const rows = runs.map(
    (r) =>
      `| ${r.policies.toLocaleString('en-US')} | ${r.charts ?? 1} | ${r.rawMs} | ${r.libraryMs} | ${(r.libraryMs / r.rawMs).toFixed(2)} | ${r.validateMs} | ${r.lintMs} | ${r.rawRssMb} | ${r.libraryRssMb} |`,
  );
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\`: median of ${REPETITIONS} runs, each in its own process. Every policy has one target and`,
    'one literal Secret (so N policies are 2N objects), the six policy types in turn. "raw" builds the same manifests',
    'as `cdk8s.ApiObject`s; "library" uses the constructs, with the App-wide validation on. Times include building the',
    'tree and `App.synthYaml()`; "validate" is the time spent in the validation during that synth; "lint" runs',
    '`cdk8s-aigw-auth lint` over the library\'s YAML.',
    '',
    '| policies | charts | raw ms | library ms | library / raw | validate ms | lint ms | raw RSS MB | library RSS MB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Cold \`require\`: cdk8s ${require.cdk8sMs} ms, cdk8s-aigw-auth ${require.packageMs} ms (which loads cdk8s too).`,
    '',
    `The same raw manifests in ${classes.charts} Charts, with each policy type built from its own empty \`ApiObject\``,
    `subclass (as many construct classes as the library has, and no library code): ${classes.rawSixClassesMs} ms, ${(classes.rawSixClassesMs / classes.rawMs).toFixed(2)}x`,
    'the one-class raw baseline.',
    '',
    '| target | measured | met |',
    '| --- | ---: | :---: |',
    ...targets.map((t) => `| ${t.name} | ${t.value} | ${t.ok ? 'yes' : '**no**'} |`),
    '',
    '![time against policies](results.svg)',
    '',
  ].join('\n');
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'aigw-bench-'));
  try {
    const runs: Run[] = [];
    for (const n of SIZES) {
      runs.push(measure(n, 1, dir));
      console.log(JSON.stringify(runs[runs.length - 1]));
    }
    const { rawSixClassesMs, ...charted } = measure(10_000, 100, dir, true);
    runs.push(charted);
    console.log(JSON.stringify({ ...charted, rawSixClassesMs }));
    const classes = { policies: 10_000, charts: 100, rawMs: charted.rawMs, rawSixClassesMs: rawSixClassesMs! };
    const require = requireTimes();
    const targets = checkTargets(runs);
    writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify({ runs, require, classes }, undefined, 2)}\n`);
    writeFileSync(join(__dirname, 'results.md'), markdown(runs, targets, require, classes));
    writeFileSync(join(__dirname, 'results.svg'), renderSvg(runs.filter((r) => !r.charts)));
    for (const t of targets) console.log(`${t.ok ? 'met   ' : 'MISSED'} ${t.name}: ${t.value}`);
    if (targets.some((t) => !t.ok)) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
