import { ApiObject, Chart } from 'cdk8s';
import { IConstruct, IValidation } from 'constructs';
import { Finding, formatObject, ManifestDocument, runRules } from './rules';

const REGISTERED = Symbol.for('cdk8s-aigw-auth.app-validation');

/** An ApiObject the library built: the validation reads its manifest instead of rendering it. */
export interface EmittingObject {
  /**
   * The object's manifest as it renders it while nobody has patched it, located at the construct
   * findings about it should name (the policy, for the Secret it emits).
   *
   * @internal
   */
  _emittedDocument(): ManifestDocument;
}

/** Bumped whenever a library construct changes the tree, so cached findings are recomputed. */
let generation = 0;

/** Tells the validation that a library construct was added or changed (a target was added). */
export function markChanged(): void {
  generation++;
}

/**
 * Registers the App-wide validation on the root of the tree, once. Creating any policy
 * construct calls this; `AiGatewayValidation.enable` does it for apps with raw objects only.
 */
export function registerAppValidation(scope: IConstruct): void {
  // Walked up by hand: `node.root` builds the list of every scope first.
  let root = scope as IConstruct & { [REGISTERED]?: boolean };
  while (root.node.scope) root = root.node.scope;
  if (root[REGISTERED]) return;
  root[REGISTERED] = true;
  root.node.addValidation(new AppValidation(root));
}

/**
 * Collects every ApiObject of the App (every Chart, nested Constructs, raw objects and `Include`s),
 * runs the rules, prints warnings and returns errors.
 *
 * cdk8s validates the whole App once per synth and again for every Chart it renders, all within
 * one synchronous call, so the findings are kept while the tree is unchanged. Checking that must
 * cost far less than a walk of the tree, or an App of 100 Charts would pay for 101 walks: the key
 * counts the children of the root and of every Chart, the library's own changes (new policies,
 * targets) and the tick. So a synth sees objects added to or removed from any Chart since the last
 * one; changes deeper down (inside a nested plain Construct, or a JSON patch) are seen from the
 * next tick on, as they are after any `await`. Warnings are printed when the findings are
 * computed: once per change, not once per Chart.
 */
class AppValidation implements IValidation {
  private cache?: { readonly key: string; readonly scopes: IConstruct[]; readonly errors: string[] };

  constructor(private readonly root: IConstruct) {}

  public validate(): string[] {
    if (this.cache && this.cache.key === treeKey(this.cache.scopes)) return this.cache.errors;
    const scopes: IConstruct[] = [this.root];
    const documents: ManifestDocument[] = [];
    collect(this.root, scopes, documents);
    const errors: string[] = [];
    for (const finding of runRules(documents, { defaultNamespace: 'default' })) {
      if (finding.severity === 'error') errors.push(formatFinding(finding));
      else console.warn(`[cdk8s-aigw-auth] warning ${formatFinding(finding)}`);
    }
    this.cache = { key: treeKey(scopes), scopes, errors };
    queueMicrotask(() => (this.cache = undefined));
    return errors;
  }
}

/** Walks the tree in the order cdk8s does (pre-order), collecting Charts and the manifests of ApiObjects. */
function collect(scope: IConstruct, charts: IConstruct[], documents: ManifestDocument[]): void {
  const children = childMap(scope);
  for (const id in children) {
    const child = children[id];
    if (Chart.isChart(child)) charts.push(child);
    else if (ApiObject.isApiObject(child)) documents.push(documentOf(child));
    collect(child, charts, documents);
  }
}

/**
 * The children of a construct by id, in the order of `node.children`. `node.children` copies
 * constructs' child map on every call, for each of the App's leaves too: read the map itself when
 * it is there.
 */
function childMap(scope: IConstruct): Readonly<Record<string, IConstruct>> {
  const map = (scope.node as unknown as { _children?: Record<string, IConstruct> })._children;
  if (map && typeof map === 'object') return map;
  const copy: Record<string, IConstruct> = {};
  for (const child of scope.node.children) copy[child.node.id] = child;
  return copy;
}

/**
 * Changes when a library construct changes, or when a child is added to or removed from the root
 * or a Chart (a new Chart is a new child of one of them).
 */
function treeKey(scopes: readonly IConstruct[]): string {
  let children = 0;
  for (const scope of scopes) children += childCount(scope);
  return `${generation}/${children}`;
}

function childCount(scope: IConstruct): number {
  return Object.keys(childMap(scope)).length;
}

/** The manifest of an object and where it is, its construct path read only for a finding. */
export class ConstructDocument implements ManifestDocument {
  constructor(
    public readonly manifest: unknown,
    private readonly construct: IConstruct,
  ) {}

  public get location(): string {
    return this.construct.node.path;
  }
}

function documentOf(object: ApiObject): ManifestDocument {
  const emitting = object as Partial<EmittingObject>;
  // JSON patches change what an object renders to: read those through toJson().
  if (emitting._emittedDocument && patchCount(object) === 0) return emitting._emittedDocument();
  return new ConstructDocument(object.toJson(), object);
}

function patchCount(object: ApiObject): number {
  return (object as unknown as { patches?: unknown[] }).patches?.length ?? 0;
}

function formatFinding(finding: Finding): string {
  return `${finding.code} ${formatObject(finding.object)} (${finding.object.location}): ${finding.message}. Fix: ${finding.fix}.`;
}
