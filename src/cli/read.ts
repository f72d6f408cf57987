import { readdirSync, readFileSync, realpathSync, statSync } from 'fs';
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
 * that do not exist or cannot be listed go to `unreadable`.
 *
 * Symbolic links are followed, but each folder is searched once and each file (and stdin) listed
 * once, by its real path, under the first path that reaches it: a link back up the tree does not
 * loop, and a file named twice is not read as two copies of its objects.
 */
export function expandPaths(paths: readonly string[], unreadable: string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const cannotRead = (path: string, e: unknown) => unreadable.push(cannotReadMessage(path, e));
  const visit = (path: string, explicit: boolean): void => {
    if (path === '-') {
      if (!seen.has(path)) files.push(path);
      seen.add(path);
      return;
    }
    let stat;
    let real;
    try {
      stat = statSync(path);
      real = realpathSync(path);
    } catch (e) {
      cannotRead(path, e);
      return;
    }
    if (!stat.isDirectory() && !(explicit || /\.ya?ml$/.test(path))) return;
    // Real paths of folders and files cannot collide: one path is one or the other.
    if (seen.has(real)) return;
    seen.add(real);
    if (!stat.isDirectory()) {
      files.push(path);
      return;
    }
    let entries;
    try {
      entries = readdirSync(path).sort();
    } catch (e) {
      cannotRead(path, e);
      return;
    }
    for (const entry of entries) visit(join(path, entry), false);
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
export function readManifests(paths: readonly string[], readStdin: () => string | Uint8Array): ReadResult {
  const docs: ManifestDocument[] = [];
  const positions = new Map<string, Position>();
  const unreadable: string[] = [];
  for (const file of expandPaths(paths, unreadable)) {
    const name = file === '-' ? '<stdin>' : file;
    let input: string | Uint8Array;
    try {
      input = file === '-' ? readStdin() : readFileSync(file);
    } catch (e) {
      unreadable.push(cannotReadMessage(name, e));
      continue;
    }
    const text = typeof input === 'string' ? input : decodeUtf8(input);
    if (typeof text !== 'string') {
      unreadable.push(`${name}:${text.line}: not valid UTF-8; Kubernetes reads manifests as UTF-8: save the file as UTF-8`);
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

/** Why a file or folder could not be read: the error code only. */
function cannotReadMessage(path: string, e: unknown): string {
  return `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8 bytes, as the Kubernetes API machinery reads them, a byte order mark left out; or,
 * for bytes that are not valid UTF-8, the line of the first invalid ones.
 */
function decodeUtf8(bytes: Uint8Array): string | { readonly line: number } {
  try {
    return UTF8.decode(bytes);
  } catch {
    // A newline byte is never part of a multi-byte character: each line decodes on its own.
    let line = 1;
    for (let start = 0; start < bytes.length; line++) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      try {
        UTF8.decode(bytes.subarray(start, end));
      } catch {
        return { line };
      }
      start = end + 1;
    }
    return { line: 1 };
  }
}

function isList(value: any): value is { items: unknown[] } {
  return typeof value === 'object' && value?.kind === 'List' && Array.isArray(value.items);
}
