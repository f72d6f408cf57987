import { availableParallelism } from 'os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import * as yamlLibrary from 'yaml';
import { KUBERNETES_ONLY_NUMBER } from '../values';

/** One parsed document: the line its content starts on, and its value. */
export interface ParsedDocument {
  readonly line: number;
  readonly value: unknown;
}

/** The result of parsing a stretch of YAML: its documents, or the first error in it. */
export type ParseResult = { readonly docs: ParsedDocument[] } | { readonly error: { readonly line: number; readonly message: string } };

/** Below this size a file is parsed on the calling thread: starting workers costs more. */
const PARALLEL_THRESHOLD = 1024 * 1024;

/**
 * Parses a YAML stream. Large streams are cut at document markers and the pieces parsed on
 * worker threads (YAML forbids `---` at the start of a line inside any scalar, so the cut is
 * exact, and anchors never cross documents). The call stays synchronous.
 */
export function parseYamlStream(text: string): ParseResult {
  const threads = Math.min(availableParallelism(), 4); // this one and up to three workers
  const pieces = text.length < PARALLEL_THRESHOLD || threads < 2 || /^%/m.test(text) ? [] : cutAtDocumentMarkers(text, threads);
  if (pieces.length < 2) return parseYamlPiece(yamlLibrary, text, 0, KUBERNETES_ONLY_NUMBER.source);
  const results = runOnWorkers(pieces, (piece) => parseYamlPiece(yamlLibrary, piece.text, piece.lineOffset, KUBERNETES_ONLY_NUMBER.source));
  const docs: ParsedDocument[] = [];
  for (const result of results) {
    if ('error' in result) return result;
    docs.push(...result.docs);
  }
  return { docs };
}

/**
 * Parses one piece of a stream whose first line is `lineOffset + 1`. Self-contained (it is also
 * the body of the worker threads): YAML 1.1 as the Kubernetes API machinery reads it, duplicate
 * keys refused, aliases bounded, and the plain scalars Kubernetes reads as numbers (`numbers`,
 * a regular expression) read as numbers too. Error messages name the problem only, never the
 * source text, which may hold a credential.
 */
function parseYamlPiece(yaml: any, text: string, lineOffset: number, numbers: string): ParseResult {
  const kubernetesNumber = {
    tag: 'tag:yaml.org,2002:int',
    default: true,
    test: new RegExp(numbers),
    resolve: (source: string) => Number(source.replace(/_/g, '')),
  };
  const lineCounter = new yaml.LineCounter();
  const lineOf = (offset: number) => lineOffset + lineCounter.linePos(offset).line;
  const docs: ParsedDocument[] = [];
  const options = { lineCounter, version: '1.1', prettyErrors: false, uniqueKeys: true, customTags: (tags: unknown[]) => [...tags, kubernetesNumber] };
  for (const doc of yaml.parseAllDocuments(text, options)) {
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

interface Piece {
  readonly text: string;
  readonly lineOffset: number;
}

/** Cuts `text` into about `count` pieces, each starting at a `---` document marker. */
function cutAtDocumentMarkers(text: string, count: number): Piece[] {
  const pieces: Piece[] = [];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let lineOffset = 0;
  for (let i = 1; i < count; i++) {
    marker.lastIndex = Math.max(start + 1, Math.floor((text.length * i) / count));
    const found = marker.exec(text);
    if (!found) break;
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

const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const parseYamlPiece = ${parseYamlPiece.toString()};
const { yamlPath, text, lineOffset, numbers, port, done } = workerData;
port.postMessage(parseYamlPiece(require(yamlPath), text, lineOffset, numbers));
Atomics.store(done, 0, 1);
Atomics.notify(done, 0);
`;

/**
 * Parses the first piece on this thread and each other piece on a worker thread of its own, and
 * waits for all of them, synchronously.
 */
function runOnWorkers(pieces: readonly Piece[], parseHere: (piece: Piece) => ParseResult): ParseResult[] {
  const yamlPath = require.resolve('yaml');
  const jobs = pieces.slice(1).map((piece) => {
    const { port1, port2 } = new MessageChannel();
    const done = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { yamlPath, text: piece.text, lineOffset: piece.lineOffset, numbers: KUBERNETES_ONLY_NUMBER.source, port: port2, done },
      transferList: [port2],
    });
    worker.unref();
    return { port: port1, done, worker };
  });
  const first = parseHere(pieces[0]);
  return [first, ...jobs.map(({ port, done, worker }) => {
    Atomics.wait(done, 0, 0);
    const message = receiveMessageOnPort(port)?.message as ParseResult;
    port.close();
    void worker.terminate();
    return message;
  })];
}
