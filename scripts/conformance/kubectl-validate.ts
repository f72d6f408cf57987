/**
 * Runs kubectl-validate over directories of manifests and reads its per-file, per-document
 * verdicts (`-o json`: `{ "<path>": [Status, ...] }`, one Status per YAML document).
 */
import { spawn } from 'child_process';
import { readdirSync } from 'fs';
import { basename, join } from 'path';

/** The Kubernetes version kubectl-validate takes the built-in schemas (v1 Secret...) from. */
export const KUBERNETES_SCHEMA_VERSION = '1.30';

/** What kubectl-validate said about one document. */
export interface DocumentVerdict {
  readonly status: 'Success' | 'Failure';
  readonly message: string;
  /** kubectl-validate has no schema for the document's apiVersion/kind (a kind of another project). */
  readonly noSchema: boolean;
}

/** Verdicts per file, by file name (without the directory). */
export type Verdicts = Map<string, DocumentVerdict[]>;

const NO_SCHEMA = [/failed to locate OpenAPI spec for GV/, /kind \S+ not found in \S+ groupversion/];

interface Status {
  readonly status?: string;
  readonly message?: string;
  readonly details?: { readonly causes?: ReadonlyArray<{ readonly message?: string; readonly field?: string }> };
}

function verdict(status: Status): DocumentVerdict {
  const causes = (status.details?.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).filter(Boolean);
  const message = [status.message ?? '', ...causes].filter(Boolean).join(' | ');
  const failed = status.status !== 'Success';
  return { status: failed ? 'Failure' : 'Success', message, noSchema: failed && NO_SCHEMA.some((r) => r.test(message)) };
}

/** The environment kubectl-validate runs in: offline, no cluster, less garbage collection. */
function environment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Never consult a cluster: without a kubeconfig kubectl-validate falls back to its built-in
  // schemas of --version.
  env.KUBECONFIG = '/dev/null';
  delete env.KUBERNETES_SERVICE_HOST;
  delete env.KUBERNETES_SERVICE_PORT;
  // Each document builds a validator for the (large) CRD schema, mostly garbage: collecting only
  // near 1 GiB of heap per process cuts the CPU time by half.
  env.GOGC = 'off';
  env.GOMEMLIMIT = '1GiB';
  return env;
}

/** Runs one kubectl-validate over `dir` (every *.yaml in it). */
function runOne(binary: string, crdDir: string, dir: string): Promise<Verdicts> {
  const args = ['--version', KUBERNETES_SCHEMA_VERSION, '--local-crds', crdDir, '-o', 'json', dir];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env: environment(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8').trim();
      // Exit status 1 with "validation failed" means some document failed; the JSON still lists all.
      let parsed: Record<string, Status[]>;
      try {
        parsed = JSON.parse(stdout);
      } catch {
        reject(new Error(`kubectl-validate ${args.join(' ')} exited ${code} without JSON output: ${stderr || stdout}`));
        return;
      }
      if (code !== 0 && stderr !== 'Error: validation failed') {
        reject(new Error(`kubectl-validate ${args.join(' ')} exited ${code}: ${stderr}`));
        return;
      }
      const verdicts: Verdicts = new Map();
      for (const [path, statuses] of Object.entries(parsed)) verdicts.set(basename(path), statuses.map(verdict));
      resolve(verdicts);
    });
  });
}

/**
 * Validates every file of every directory, one kubectl-validate per directory, all directories
 * at once (make as many directories as there are cores). Fails when a file has no verdict.
 */
export async function validateDirectories(binary: string, crdDir: string, dirs: readonly string[]): Promise<Verdicts> {
  const results = await Promise.all(dirs.map((dir) => runOne(binary, crdDir, dir)));
  const all: Verdicts = new Map();
  for (const [i, verdicts] of results.entries()) {
    for (const file of readdirSync(dirs[i])) {
      const v = verdicts.get(file);
      if (!v) throw new Error(`kubectl-validate gave no verdict for ${join(dirs[i], file)}`);
      all.set(file, v);
    }
  }
  return all;
}

/** Whether the API server would refuse the file: a document failed for a reason other than a missing schema. */
export function isRejected(verdicts: readonly DocumentVerdict[]): boolean {
  return verdicts.some((v) => v.status === 'Failure' && !v.noSchema);
}
