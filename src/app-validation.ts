import { ApiObject } from 'cdk8s';
import { IConstruct, IValidation } from 'constructs';
import { Finding, formatObject, ManifestDocument, runRules } from './rules';

const REGISTERED = Symbol.for('cdk8s-aigw-auth.app-validation');

/**
 * Manifests the library built itself, keyed by their ApiObject: the validation reads these
 * instead of rendering the object a second time.
 */
const known = new WeakMap<ApiObject, { readonly location: string; readonly manifest: () => unknown }>();

/** Bumped whenever a library construct changes the tree, so cached findings are recomputed. */
let generation = 0;

/** Records the manifest of an object the library emits, and where its construct is. */
export function registerManifest(object: ApiObject, location: string, manifest: () => unknown): void {
  known.set(object, { location, manifest });
  generation++;
}

/** Tells the validation that a library construct changed (for example, a target was added). */
export function markChanged(): void {
  generation++;
}

/**
 * Registers the App-wide validation on the root of the tree, once. Creating any policy
 * construct calls this; `AiGatewayValidation.enable` does it for apps with raw objects only.
 */
export function registerAppValidation(scope: IConstruct): void {
  const root = scope.node.root as IConstruct & { [REGISTERED]?: boolean };
  if (root[REGISTERED]) return;
  root[REGISTERED] = true;
  root.node.addValidation(new AppValidation(root));
}

/**
 * Collects every ApiObject of the App (every Chart, nested Constructs, raw objects and `Include`s),
 * runs the rules, prints warnings and returns errors.
 *
 * cdk8s validates the whole App once per synth and again for every Chart it renders, all within
 * one synchronous call. The findings are therefore computed once and reused until the tree changes
 * or the current tick ends, so an App with many Charts pays for one validation per synth.
 */
class AppValidation implements IValidation {
  private cache?: { readonly generation: number; readonly errors: string[] };

  constructor(private readonly root: IConstruct) {}

  public validate(): string[] {
    if (this.cache && this.cache.generation === generation) return this.cache.errors;
    const findings = runRules(collectManifests(this.root), { defaultNamespace: 'default' });
    const errors: string[] = [];
    for (const finding of findings) {
      if (finding.severity === 'error') errors.push(formatFinding(finding));
      else console.warn(`[cdk8s-aigw-auth] warning ${formatFinding(finding)}`);
    }
    this.cache = { generation, errors };
    queueMicrotask(() => (this.cache = undefined));
    return errors;
  }
}

function collectManifests(root: IConstruct): ManifestDocument[] {
  const docs: ManifestDocument[] = [];
  for (const construct of root.node.findAll()) {
    if (!ApiObject.isApiObject(construct)) continue;
    const entry = known.get(construct);
    // JSON patches change what an object renders to: read those through toJson().
    if (entry && !hasPatches(construct)) docs.push({ location: entry.location, manifest: entry.manifest() });
    else docs.push({ location: construct.node.path, manifest: construct.toJson() });
  }
  return docs;
}

function hasPatches(object: ApiObject): boolean {
  return ((object as unknown as { patches?: unknown[] }).patches?.length ?? 0) > 0;
}

function formatFinding(finding: Finding): string {
  return `${finding.code} ${formatObject(finding.object)} (${finding.object.location}): ${finding.message}. Fix: ${finding.fix}.`;
}
