#!/usr/bin/env node
import { readFileSync } from 'fs';
import { Finding, formatObject, runRules } from '../rules';
import { Position, readManifests } from './read';

const USAGE = `Usage: cdk8s-aigw-auth lint [--format text|json] [--namespace NS] PATH...

Checks Envoy AI Gateway BackendSecurityPolicies and their Secrets in YAML files.
PATH is a file, a folder (searched recursively for *.yaml and *.yml) or - for stdin.
Objects without a namespace are in NS (default: default).

Findings go to stdout, one per line (or a JSON array); unreadable inputs and a summary to stderr.
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 unreadable input or bad usage.`;

interface LintArgs {
  readonly paths: string[];
  readonly format: 'text' | 'json';
  readonly namespace: string;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): LintArgs | 'help' {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return 'help';
  if (command !== 'lint') throw new UsageError(command === undefined ? 'no command given' : `unknown command '${command}'`);
  const paths: string[] = [];
  let format: 'text' | 'json' = 'text';
  let namespace = 'default';
  // `--option=value` is the same as `--option value`.
  const words = rest.flatMap((a) => (/^--[a-z]+=/.test(a) ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  for (let i = 0; i < words.length; i++) {
    const arg = words[i];
    const value = () => {
      const v = words[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--help' || arg === '-h') {return 'help';} else if (arg === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, not '${v}'`);
      format = v;
    } else if (arg === '--namespace' || arg === '-n') {namespace = value();} else if (arg.startsWith('-') && arg !== '-') {throw new UsageError(`unknown option '${arg}'`);} else {paths.push(arg);}
  }
  if (!paths.length) throw new UsageError('no PATH given');
  return { paths, format, namespace };
}

function readStdin(): string | Uint8Array {
  return readFileSync(0);
}

/** Runs the CLI; returns the exit status. `io.stdin` gives stdin as bytes (checked to be UTF-8) or as text. */
export function main(argv: readonly string[], io = { out: process.stdout, err: process.stderr, stdin: readStdin }): number {
  let args: LintArgs | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err.write(`cdk8s-aigw-auth: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  const read = readManifests(args.paths, io.stdin);
  for (const problem of read.unreadable) io.err.write(`cdk8s-aigw-auth: ${problem}\n`);
  const findings = runRules(read.docs, { defaultNamespace: args.namespace });
  const at = (f: Finding): Position => read.positions.get(f.object.location) ?? { file: f.object.location, line: 0 };
  if (args.format === 'json') {
    const json = findings.map((f) => ({
      ...at(f),
      severity: f.severity,
      code: f.code,
      kind: f.object.kind,
      namespace: f.object.namespace,
      name: f.object.name,
      message: f.message,
      fix: f.fix,
    }));
    io.out.write(`${JSON.stringify(json, undefined, 2)}\n`);
  } else {
    for (const f of findings) {
      const { file, line } = at(f);
      io.out.write(`${file}:${line} ${f.severity} ${f.code} ${formatObject(f.object)}: ${f.message}. Fix: ${f.fix}.\n`);
    }
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const policies = read.docs.filter((d) => (d.manifest as { kind?: unknown })?.kind === 'BackendSecurityPolicy').length;
  io.err.write(
    `cdk8s-aigw-auth: checked ${read.docs.length} objects (${policies} BackendSecurityPolicies): ` +
      `${errors} errors, ${findings.length - errors} warnings${read.unreadable.length ? `, ${read.unreadable.length} unreadable inputs` : ''}\n`,
  );
  if (read.unreadable.length) return 2;
  return errors ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
