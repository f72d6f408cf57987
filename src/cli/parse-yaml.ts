import { availableParallelism } from 'os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import * as yamlLibrary from 'yaml';
import { KUBERNETES_ONLY_NUMBER } from '../values';
import { MAX_DEPTH, readBlockDocument, ScalarResolver } from './block-yaml';

/** One parsed document: the line its content starts on, and its value. */
export interface ParsedDocument {
  readonly line: number;
  readonly value: unknown;
}

/** The result of parsing a stretch of YAML: its documents, or the first error in it. */
export type ParseResult = { readonly docs: ParsedDocument[] } | { readonly error: { readonly line: number; readonly message: string } };

/**
 * The result of parsing one piece: its documents, or the first error in it, as a code (one of the
 * `yaml` library's error codes, or one of {@link READ_ERRORS}). Only codes cross from the parsers
 * to the messages, so no message can carry the text of the document.
 */
type PieceResult = { readonly docs: ParsedDocument[] } | { readonly error: { readonly line: number; readonly code: string } };

const NESTED_TOO_DEEPLY = `nested more than ${MAX_DEPTH} levels deep; Kubernetes manifests are not (check the tool that wrote it)`;

/** What is wrong, and the fix, for the errors found after the `yaml` library's own checks. */
const READ_ERRORS: Record<string, string> = {
  NESTED_TOO_DEEPLY,
  YAML_VERSION: 'a %YAML directive other than %YAML 1.1; Kubernetes reads YAML 1.1 only: remove the directive',
  ALIAS_UNDEFINED: 'YAML cannot be resolved: an alias points to no anchor; define the anchor (&name) before the alias (*name)',
  ALIAS_COUNT: 'YAML cannot be resolved: too many aliases; write the repeated values out',
  ALIAS_CYCLE: 'YAML cannot be resolved: an alias is inside the value it refers to, which Kubernetes refuses; remove the alias',
  UNRESOLVABLE: 'YAML cannot be resolved; check its anchors and aliases',
};

/**
 * What is wrong, and the fix, for each error code of the `yaml` library (`YAMLError.code`). The
 * library's own messages quote the source text, so they are never shown.
 */
const YAML_ERRORS: Record<string, string> = {
  ALIAS_PROPS: 'an alias (*name) has an anchor or a tag; remove them from the alias',
  BAD_ALIAS: 'an anchor or alias name is empty or ends in ":"; rename it',
  BAD_COLLECTION_TYPE: 'a tag is for another kind of collection; remove the tag',
  BAD_DIRECTIVE: 'a malformed % directive; remove it',
  BAD_DQ_ESCAPE: 'a double-quoted string has an invalid escape sequence; write a backslash as \\\\, or use single quotes',
  BAD_INDENT: 'bad indentation; indent the entries of each mapping and list to the same column, deeper than their parent',
  BAD_PROP_ORDER: 'an anchor or tag comes before a "-", "?" or ":" indicator; move it after the indicator',
  BAD_SCALAR_START: 'a plain value starts with a reserved character (@ or `); quote the value',
  BLOCK_AS_IMPLICIT_KEY: 'a mapping nested on one line (as in "a: b: c"), or a list as a key; put each key on a line of its own, or quote the value',
  BLOCK_IN_FLOW: 'a block value inside a flow collection ([...] or {...}); write it in flow style, or the collection in block style',
  DUPLICATE_KEY: 'a mapping has the same key twice; remove or rename one',
  IMPOSSIBLE: 'not valid YAML; check the structure around this line',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters; shorten it, or write it as an explicit "? " key',
  MISSING_CHAR: 'a character is missing (such as a closing quote or bracket, a "," between flow items, a space after ":", or a "-" before a list item); check the quoting and punctuation',
  MULTILINE_IMPLICIT_KEY: 'a key runs over more than one line (often a missing ":" or an unclosed quote); put each key and its ":" on one line',
  MULTIPLE_ANCHORS: 'a value has more than one anchor; keep one',
  MULTIPLE_DOCS: 'more than one document where one is expected; remove the extra "---"',
  MULTIPLE_TAGS: 'a value has more than one tag; keep one',
  NON_STRING_KEY: 'a key that is not a string; quote the key',
  RESOURCE_EXHAUSTION: NESTED_TOO_DEEPLY,
  TAB_AS_INDENT: 'a tab used as indentation; indent with spaces',
  TAG_RESOLVE_FAILED: 'a tag (!...) that is not valid or does not fit its value; remove the tag, or quote the value if it is text',
  UNEXPECTED_TOKEN: 'unexpected text (such as text after a block scalar indicator | or > on its line, or after a closing quote or bracket); check the line, and quote the value if it is text',
};

/** The message for an error code: ours, or a fixed description of the `yaml` library's. */
function describeError(code: string): string {
  if (Object.prototype.hasOwnProperty.call(READ_ERRORS, code)) return READ_ERRORS[code];
  if (Object.prototype.hasOwnProperty.call(YAML_ERRORS, code)) return `YAML syntax error: ${YAML_ERRORS[code]}`;
  return `not valid YAML (${/^[A-Z0-9_]{1,40}$/.test(code) ? code : 'unknown error'})`;
}

/** Below this much text for the yaml library, it runs on the calling thread: starting workers costs more. */
const PARALLEL_THRESHOLD = 1024 * 1024;

/** A stretch of a stream whose first line is line `lineOffset + 1`. */
interface Piece {
  readonly text: string;
  readonly lineOffset: number;
}

/**
 * Parses a YAML stream. Empty documents are left out.
 *
 * The stream is cut at its document markers (YAML forbids `---` at the start of a line inside
 * any scalar, so the cut is exact, and anchors never cross documents). Each document in the
 * plain block style most tools write is read by the block reader; the others by the `yaml`
 * library, on worker threads when there is much of it. The call stays synchronous.
 */
export function parseYamlStream(text: string): ParseResult {
  // Directives apply to the documents after them: such a stream is read in one piece.
  const pieces = /^%/m.test(text) ? [{ text, lineOffset: 0 }] : cutAtDocumentMarkers(text);
  const scalars = scalarResolver();
  const results: Array<PieceResult | undefined> = [];
  const declined: Piece[] = [];
  for (const piece of pieces) {
    const result = readWithBlockReader(piece, scalars);
    results.push(result);
    if (!result) declined.push(piece);
  }
  const parsed = parseWithLibrary(declined)[Symbol.iterator]();
  const docs: ParsedDocument[] = [];
  for (const result of results) {
    const r = result ?? parsed.next().value!;
    if ('error' in r) return { error: { line: r.error.line, message: describeError(r.error.code) } };
    for (const doc of r.docs) if (doc.value !== null && doc.value !== undefined) docs.push(doc);
  }
  return { docs };
}

/** A piece read by the block reader, or `undefined` if it declines the piece. */
function readWithBlockReader(piece: Piece, scalars: ScalarResolver): PieceResult | undefined {
  try {
    const doc = readBlockDocument(piece.text, piece.lineOffset, scalars);
    if (doc && 'tooDeep' in doc) return { error: { line: doc.tooDeep.line, code: 'NESTED_TOO_DEEPLY' } };
    return doc && { docs: [doc] };
  } catch (e) {
    // The reader holds nesting to MAX_DEPTH; a stack overflow is reported the same way all the same.
    if (e instanceof RangeError) return { error: { line: piece.lineOffset + 1, code: 'NESTED_TOO_DEEPLY' } };
    throw e;
  }
}

/** Parses pieces with the yaml library, spread over worker threads when there is much text. */
function parseWithLibrary(pieces: readonly Piece[]): PieceResult[] {
  const threads = Math.min(availableParallelism(), 4); // this one and up to three workers
  let size = 0;
  for (const piece of pieces) size += piece.text.length;
  const parse = (piece: Piece) => parseYamlPiece(yamlLibrary, piece.text, piece.lineOffset, KUBERNETES_ONLY_NUMBER.source, MAX_DEPTH);
  if (size < PARALLEL_THRESHOLD || threads < 2 || pieces.length < 2) return pieces.map(parse);
  return runOnWorkers(splitBySize(pieces, size, threads), parse);
}

/**
 * The options the yaml library reads with: YAML 1.1, as the Kubernetes API machinery reads it,
 * duplicate keys refused, and the plain scalars Kubernetes reads as numbers (`numbers`, a regular
 * expression) read as numbers too. Self-contained: it also runs on the worker threads.
 */
function yamlOptions(numbers: string): yamlLibrary.ParseOptions & yamlLibrary.DocumentOptions & yamlLibrary.SchemaOptions {
  const kubernetesNumber: yamlLibrary.ScalarTag = {
    tag: 'tag:yaml.org,2002:int',
    default: true,
    test: new RegExp(numbers),
    resolve: (source: string) => Number(source.replace(/_/g, '')),
  };
  return { version: '1.1', prettyErrors: false, uniqueKeys: true, customTags: (tags) => [...tags, kubernetesNumber] };
}

/**
 * Parses one piece of a stream with the yaml library, aliases bounded and nesting held to
 * `maxDepth` collections. Self-contained (it is also the body of the worker threads). Errors are
 * codes and lines only, never the library's messages, which quote the source text.
 *
 * The library's parser turns the text into a syntax tree without recursing; composing and
 * converting it to values recurse. So each document's syntax tree is checked before it is
 * composed: it is refused if it nests collections deeper than `maxDepth` (then nothing deeper than
 * that is ever composed), or if a `%YAML` directive asks for a version other than 1.1, which the
 * Go YAML reader of Kubernetes refuses. A document with aliases can still nest deeper once they
 * are resolved, or contain itself: its value is checked too.
 */
function parseYamlPiece(yaml: any, text: string, lineOffset: number, numbers: string, maxDepth: number): PieceResult {
  const lineCounter = new yaml.LineCounter();
  const lineOf = (offset: number) => lineOffset + lineCounter.linePos(offset).line;
  const fail = (line: number, code: string): PieceResult => ({ error: { line, code } });
  const docs: ParsedDocument[] = [];
  /** For each document token given to the composer and not yet composed: whether it has aliases. */
  const withAliases: boolean[] = [];
  /** The line of the document being read, for errors that come without a position. */
  let line = lineOffset + 1;

  /**
   * Walks the syntax tree of a document: the offset of the first collection in it nested deeper
   * than `maxDepth` (-1 if none; the top-level collection is at depth 1), and whether it has an
   * alias. A pair in a flow sequence (`[a: b]`) is a mapping of its own, as the library reads it.
   */
  const walkSyntax = (document: any): { readonly tooDeep: number; readonly aliases: boolean } => {
    let tooDeep = -1;
    let aliases = false;
    const walk = (token: any, depth: number): void => {
      if (!token || tooDeep >= 0) return;
      if (token.type === 'alias') aliases = true;
      if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') return;
      if (depth > maxDepth) {
        tooDeep = token.offset;
        return;
      }
      const flowSequence = token.type === 'flow-collection' && token.start?.source === '[';
      for (const item of token.items) {
        const pair = flowSequence && (item.sep || item.start.some((t: any) => t.type === 'explicit-key-ind'));
        if (pair && depth + 1 > maxDepth && tooDeep < 0) tooDeep = item.key?.offset ?? item.sep?.[0]?.offset ?? token.offset;
        walk(item.key, pair ? depth + 2 : depth + 1);
        walk(item.value, pair ? depth + 2 : depth + 1);
      }
    };
    walk(document.value, 1);
    return { tooDeep, aliases };
  };

  /**
   * How a value resolved through aliases nests: 'cycle' if it contains itself, 'deep' if it has a
   * collection deeper than `maxDepth`. Shared values are walked once.
   */
  const valueNesting = (value: unknown): 'cycle' | 'deep' | undefined => {
    const WALKING = -1;
    const heights = new Map<object, number>();
    const height = (v: unknown, depth: number): number | 'cycle' | 'deep' => {
      if (typeof v !== 'object' || v === null || v instanceof Date) return 0;
      const known = heights.get(v);
      if (known === WALKING) return 'cycle';
      if (known !== undefined) return depth + known - 1 > maxDepth ? 'deep' : known;
      if (depth > maxDepth) return 'deep';
      heights.set(v, WALKING);
      const children = v instanceof Map ? [...v.keys(), ...v.values()] : v instanceof Set ? [...v] : Object.values(v);
      let below = 0;
      for (const child of children) {
        const h = height(child, depth + 1);
        if (typeof h === 'string') return h;
        below = Math.max(below, h);
      }
      heights.set(v, below + 1);
      return below + 1;
    };
    const h = height(value, 1);
    return typeof h === 'string' ? h : undefined;
  };

  /** Adds a composed document to `docs`; its error, if it has one. */
  const take = (doc: any): PieceResult | undefined => {
    const aliases = withAliases.shift();
    line = lineOf(doc.contents?.range[0] ?? 0);
    const error = doc.errors[0];
    if (error) return fail(error.pos ? lineOf(error.pos[0]) : line, String(error.code));
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      if (e instanceof RangeError) return fail(line, 'NESTED_TOO_DEEPLY');
      const message = e instanceof Error ? e.message : '';
      if (message.startsWith('Unresolved alias')) return fail(line, 'ALIAS_UNDEFINED');
      if (message.startsWith('Excessive alias count')) return fail(line, 'ALIAS_COUNT');
      return fail(line, 'UNRESOLVABLE');
    }
    const nesting = aliases ? valueNesting(value) : undefined;
    if (nesting) return fail(line, nesting === 'cycle' ? 'ALIAS_CYCLE' : 'NESTED_TOO_DEEPLY');
    docs.push({ line, value });
    return undefined;
  };

  try {
    const composer = new yaml.Composer(yamlOptions(numbers));
    const problemIn = (token: any): PieceResult | undefined => {
      if (token.type === 'directive') {
        const [name, version, ...rest] = String(token.source).trim().split(/[ \t]+/);
        if (name === '%YAML' && (version !== '1.1' || rest.length > 0)) return fail(lineOf(token.offset), 'YAML_VERSION');
      } else if (token.type === 'document') {
        line = lineOf(token.offset);
        const { tooDeep, aliases } = walkSyntax(token);
        if (tooDeep >= 0) return fail(lineOf(tooDeep), 'NESTED_TOO_DEEPLY');
        withAliases.push(aliases);
      }
      return undefined;
    };
    for (const token of new yaml.Parser(lineCounter.addNewLine).parse(text)) {
      const problem = problemIn(token);
      // The documents before the problem come first, with their own errors.
      for (const doc of problem ? composer.end() : composer.next(token)) {
        const error = take(doc);
        if (error) return error;
      }
      if (problem) return problem;
    }
    for (const doc of composer.end()) {
      const error = take(doc);
      if (error) return error;
    }
  } catch (e) {
    // Composing recurses: should it still overflow the stack, that is nesting too.
    if (e instanceof RangeError) return fail(line, 'NESTED_TOO_DEEPLY');
    throw e;
  }
  return { docs };
}

let resolver: ScalarResolver | undefined;

/**
 * How the block reader resolves plain scalars, from the same schema the yaml library reads with:
 * a scalar no tag claims is a string; any other is handed to the yaml library in a one-line
 * mapping, which reads it in the same context as the block reader found it.
 */
export function scalarResolver(): ScalarResolver {
  if (resolver) return resolver;
  const options = yamlOptions(KUBERNETES_ONLY_NUMBER.source);
  const tests = new yamlLibrary.Document(null, options).schema.tags.flatMap((tag) => ('test' in tag && tag.test ? [tag.test] : []));
  const notPlainString = tests.every((t) => t.flags === '') ? new RegExp(tests.map((t) => `(?:${t.source})`).join('|')) : { test: (s: string) => tests.some((t) => t.test(s)) };
  const cache = new Map<string, { value: unknown }>();
  const made: ScalarResolver = {
    notPlainString,
    resolve(source) {
      const cached = cache.get(source);
      if (cached) return cached;
      const doc = yamlLibrary.parseDocument(`k: ${source}\n`, options);
      if (doc.errors.length || doc.warnings.length) return undefined;
      const resolved = { value: (doc.toJS() as { k: unknown }).k };
      // Timestamps resolve to Date objects: each document gets its own.
      if (typeof resolved.value !== 'object' || resolved.value === null) cache.set(source, resolved);
      return resolved;
    },
  };
  return (resolver = made);
}

/** Cuts `text` at every `---` document marker; each piece but the first starts with its marker. */
function cutAtDocumentMarkers(text: string): Piece[] {
  const pieces: Piece[] = [];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let lineOffset = 0;
  for (let found = marker.exec(text); found; found = marker.exec(text)) {
    if (found.index === 0) continue;
    pieces.push({ text: text.slice(start, found.index), lineOffset });
    lineOffset += countNewlines(text, start, found.index);
    start = found.index;
  }
  pieces.push({ text: text.slice(start), lineOffset });
  return pieces;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Splits `pieces`, in order, into `count` runs of about the same size. */
function splitBySize(pieces: readonly Piece[], size: number, count: number): Piece[][] {
  const runs: Piece[][] = [[]];
  let done = 0;
  for (const piece of pieces) {
    if (done >= (size * runs.length) / count && runs.length < count) runs.push([]);
    runs[runs.length - 1].push(piece);
    done += piece.text.length;
  }
  return runs.filter((run) => run.length);
}

const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const yamlOptions = ${yamlOptions.toString()};
const parseYamlPiece = ${parseYamlPiece.toString()};
const { yamlPath, pieces, numbers, maxDepth, port, done } = workerData;
try {
  const yaml = require(yamlPath);
  port.postMessage(pieces.map((piece) => parseYamlPiece(yaml, piece.text, piece.lineOffset, numbers, maxDepth)));
} catch {
  // No message: the calling thread parses these pieces itself.
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
`;

/**
 * Parses the first run of pieces on this thread and each other run on a worker thread of its
 * own, and waits for all of them, synchronously. Returns one result per piece, in order. A run
 * whose worker fails is parsed on this thread.
 */
function runOnWorkers(runs: readonly Piece[][], parseHere: (piece: Piece) => PieceResult): PieceResult[] {
  const yamlPath = require.resolve('yaml');
  const jobs = runs.slice(1).map((pieces) => {
    const { port1, port2 } = new MessageChannel();
    const done = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { yamlPath, pieces, numbers: KUBERNETES_ONLY_NUMBER.source, maxDepth: MAX_DEPTH, port: port2, done },
      transferList: [port2],
    });
    worker.unref();
    return { port: port1, done, worker, pieces };
  });
  const first = runs[0].map(parseHere);
  return [
    ...first,
    ...jobs.flatMap(({ port, done, worker, pieces }) => {
      Atomics.wait(done, 0, 0);
      const message = receiveMessageOnPort(port)?.message as PieceResult[] | undefined;
      port.close();
      void worker.terminate();
      return message ?? pieces.map(parseHere);
    }),
  ];
}
