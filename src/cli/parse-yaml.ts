import { availableParallelism } from 'os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import * as yamlLibrary from 'yaml';
import { KUBERNETES_ONLY_NUMBER } from '../values';
import { readBlockDocument, ScalarResolver } from './block-yaml';

/** One parsed document: the line its content starts on, and its value. */
export interface ParsedDocument {
  readonly line: number;
  readonly value: unknown;
}

/** The result of parsing a stretch of YAML: its documents, or the first error in it. */
export type ParseResult = { readonly docs: ParsedDocument[] } | { readonly error: { readonly line: number; readonly message: string } };

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
  const results: Array<ParseResult | undefined> = [];
  const declined: Piece[] = [];
  for (const piece of pieces) {
    const doc = readBlockDocument(piece.text, piece.lineOffset, scalars);
    results.push(doc && { docs: [doc] });
    if (!doc) declined.push(piece);
  }
  const parsed = parseWithLibrary(declined)[Symbol.iterator]();
  const docs: ParsedDocument[] = [];
  for (const result of results) {
    const r = result ?? parsed.next().value!;
    if ('error' in r) return r;
    for (const doc of r.docs) if (doc.value !== null && doc.value !== undefined) docs.push(doc);
  }
  return { docs };
}

/** Parses pieces with the yaml library, spread over worker threads when there is much text. */
function parseWithLibrary(pieces: readonly Piece[]): ParseResult[] {
  const threads = Math.min(availableParallelism(), 4); // this one and up to three workers
  let size = 0;
  for (const piece of pieces) size += piece.text.length;
  const parse = (piece: Piece) => parseYamlPiece(yamlLibrary, piece.text, piece.lineOffset, KUBERNETES_ONLY_NUMBER.source);
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
 * Parses one piece of a stream with the yaml library, aliases bounded. Self-contained (it is
 * also the body of the worker threads). Error messages name the problem only, never the source
 * text, which may hold a credential.
 */
function parseYamlPiece(yaml: any, text: string, lineOffset: number, numbers: string): ParseResult {
  const lineCounter = new yaml.LineCounter();
  const lineOf = (offset: number) => lineOffset + lineCounter.linePos(offset).line;
  const docs: ParsedDocument[] = [];
  for (const doc of yaml.parseAllDocuments(text, { ...yamlOptions(numbers), lineCounter })) {
    const error = doc.errors[0];
    if (error) return { error: { line: lineOf(error.pos[0]), message: `YAML syntax error: ${error.message.split(' at line ')[0]}` } };
    const line = lineOf(doc.contents?.range[0] ?? 0);
    try {
      docs.push({ line, value: doc.toJS({ maxAliasCount: 1000 }) });
    } catch (e) {
      const why = e instanceof ReferenceError ? 'an alias points to no anchor' : 'too many aliases';
      return { error: { line, message: `YAML cannot be resolved: ${why}` } };
    }
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
const { yamlPath, pieces, numbers, port, done } = workerData;
const yaml = require(yamlPath);
port.postMessage(pieces.map((piece) => parseYamlPiece(yaml, piece.text, piece.lineOffset, numbers)));
Atomics.store(done, 0, 1);
Atomics.notify(done, 0);
`;

/**
 * Parses the first run of pieces on this thread and each other run on a worker thread of its
 * own, and waits for all of them, synchronously. Returns one result per piece, in order.
 */
function runOnWorkers(runs: readonly Piece[][], parseHere: (piece: Piece) => ParseResult): ParseResult[] {
  const yamlPath = require.resolve('yaml');
  const jobs = runs.slice(1).map((pieces) => {
    const { port1, port2 } = new MessageChannel();
    const done = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { yamlPath, pieces, numbers: KUBERNETES_ONLY_NUMBER.source, port: port2, done },
      transferList: [port2],
    });
    worker.unref();
    return { port: port1, done, worker };
  });
  const first = runs[0].map(parseHere);
  return [
    ...first,
    ...jobs.flatMap(({ port, done, worker }) => {
      Atomics.wait(done, 0, 0);
      const message = receiveMessageOnPort(port)?.message as ParseResult[];
      port.close();
      void worker.terminate();
      return message;
    }),
  ];
}
