import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { ManifestDocument } from '../rules';
import { parseYamlStream } from './parse-yaml';

/** Input the CLI cannot use: reported with exit code 2. */
export class InputError extends Error {}

/** Where a document starts. */
export interface Position {
  readonly file: string;
  readonly line: number;
}

export interface ReadResult {
  readonly docs: ManifestDocument[];
  /** Position of each document, by its `location`. */
  readonly positions: Map<string, Position>;
}

/** Expands folders (recursively, `*.yaml`/`*.yml`, sorted) and keeps files and `-` as given. */
export function expandPaths(paths: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (path: string, explicit: boolean) => {
    if (path === '-') return files.push(path);
    let stat;
    try {
      stat = statSync(path);
    } catch (e) {
      throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
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
 * `kind: List` documents are unpacked.
 */
export function readManifests(files: readonly string[], readStdin: () => string): ReadResult {
  const docs: ManifestDocument[] = [];
  const positions = new Map<string, Position>();
  for (const file of files) {
    const name = file === '-' ? '<stdin>' : file;
    let text: string;
    try {
      text = file === '-' ? readStdin() : readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`${name}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const parsed = parseYamlStream(text);
    if ('error' in parsed) throw new InputError(`${name}:${parsed.error.line}: ${parsed.error.message}`);
    for (const { line, value } of parsed.docs) {
      if (value === null || value === undefined) continue;
      const location = `${name}:${line}`;
      positions.set(location, { file: name, line });
      for (const manifest of isList(value) ? value.items : [value]) docs.push({ location, manifest });
    }
  }
  return { docs, positions };
}

function isList(value: any): value is { items: unknown[] } {
  return typeof value === 'object' && value?.kind === 'List' && Array.isArray(value.items);
}
