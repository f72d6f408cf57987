import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { ManifestDocument } from '../rules';
import { parseYamlStream } from './parse-yaml';


/** Where a document starts. */
export interface Position {
  readonly file: string;
  readonly line: number;
}

export interface ReadResult {
  readonly docs: ManifestDocument[];
  /** Position of each document, by its `location`. */
  readonly positions: Map<string, Position>;
  /** Files that could not be read or parsed, one message each (`file:line: problem`). */
  readonly unreadable: string[];
}

/**
 * Expands folders (recursively, `*.yaml`/`*.yml`, sorted) and keeps files and `-` as given. Paths
 * that do not exist go to `unreadable`.
 */
export function expandPaths(paths: readonly string[], unreadable: string[]): string[] {
  const files: string[] = [];
  const visit = (path: string, explicit: boolean) => {
    if (path === '-') return files.push(path);
    let stat;
    try {
      stat = statSync(path);
    } catch (e) {
      return unreadable.push(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry), false);
    } else if (explicit || /\.ya?ml$/.test(path)) {
      files.push(path);
    }
    return undefined;
  };
  for (const path of paths) visit(path, true);
  return files;
}

/**
 * Reads every YAML document of the given files, with syntax errors on: a duplicate key, bad
 * indentation or a stray document is an error naming the file and line, never a silent guess.
 * Parsed as YAML 1.1, as the Kubernetes API machinery reads it, so `yes` is a boolean here too.
 * `kind: List` documents are unpacked. A file that cannot be read or parsed is reported and
 * skipped; the others are still read.
 */
export function readManifests(paths: readonly string[], readStdin: () => string): ReadResult {
  const docs: ManifestDocument[] = [];
  const positions = new Map<string, Position>();
  const unreadable: string[] = [];
  for (const file of expandPaths(paths, unreadable)) {
    const name = file === '-' ? '<stdin>' : file;
    let text: string;
    try {
      text = file === '-' ? readStdin() : readFileSync(file, 'utf8');
    } catch (e) {
      unreadable.push(`${name}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    const parsed = parseYamlStream(text);
    if ('error' in parsed) {
      unreadable.push(`${name}:${parsed.error.line}: ${parsed.error.message}`);
      continue;
    }
    for (const { line, value } of parsed.docs) {
      if (value === null || value === undefined) continue;
      const location = `${name}:${line}`;
      positions.set(location, { file: name, line });
      for (const manifest of isList(value) ? value.items : [value]) docs.push({ location, manifest });
    }
  }
  return { docs, positions, unreadable };
}

function isList(value: any): value is { items: unknown[] } {
  return typeof value === 'object' && value?.kind === 'List' && Array.isArray(value.items);
}
