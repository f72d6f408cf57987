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
 * one synchronous call. The findings are therefore kept while the tree is unchanged: same
 * constructs, same JSON patches, no library construct changed, and the same tick (so props of raw
 * objects mutated between two synths are read again after an `await`). An App with many Charts
 * pays for one rule run per synth, plus a walk of the tree per Chart. Warnings are printed when
 * the findings are computed, so once per change rather than once per Chart.
 */
class AppValidation implements IValidation {
  private cache?: { readonly key: string; readonly errors: string[] };

  constructor(private readonly root: IConstruct) {}

  public validate(): string[] {
    const objects: ApiObject[] = [];
    const key = walk(this.root, objects);
    if (this.cache?.key === key) return this.cache.errors;
    const findings = runRules(objects.map(manifestOf), { defaultNamespace: 'default' });
    const errors: string[] = [];
    for (const finding of findings) {
      if (finding.severity === 'error') errors.push(formatFinding(finding));
      else console.warn(`[cdk8s-aigw-auth] warning ${formatFinding(finding)}`);
    }
    this.cache = { key, errors };
    queueMicrotask(() => (this.cache = undefined));
    return errors;
  }
}

/** Collects the ApiObjects under `root` and returns a key that changes when the tree does. */
function walk(root: IConstruct, objects: ApiObject[]): string {
  let nodes = 0;
  let patches = 0;
  const visit = (construct: IConstruct) => {
    nodes++;
    if (ApiObject.isApiObject(construct)) {
      objects.push(construct);
      patches += patchCount(construct);
    }
    for (const child of construct.node.children) visit(child);
  };
  visit(root);
  return `${generation}/${nodes}/${patches}`;
}

function manifestOf(object: ApiObject): ManifestDocument {
  const entry = known.get(object);
  // JSON patches change what an object renders to: read those through toJson().
  if (entry && patchCount(object) === 0) return { location: entry.location, manifest: entry.manifest() };
  return { location: object.node.path, manifest: object.toJson() };
}

function patchCount(object: ApiObject): number {
  return (object as unknown as { patches?: unknown[] }).patches?.length ?? 0;
}

function formatFinding(finding: Finding): string {
  return `${finding.code} ${formatObject(finding.object)} (${finding.object.location}): ${finding.message}. Fix: ${finding.fix}.`;
}
