import { isDeepStrictEqual } from 'util';
import { Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import * as yaml from 'yaml';
import { MAX_DEPTH, readBlockDocument } from '../src/cli/block-yaml';
import { parseYamlStream, scalarResolver } from '../src/cli/parse-yaml';
import { KUBERNETES_ONLY_NUMBER } from '../src/values';

/*
 * The block reader must read every document it accepts exactly as the yaml library does (value,
 * key order and line), and decline every document the yaml library rejects. The reference here is
 * the yaml library with the options lint uses: YAML 1.1, unique keys, Kubernetes-only numbers.
 */

const kubernetesNumber: yaml.ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  test: KUBERNETES_ONLY_NUMBER,
  resolve: (source: string) => Number(source.replace(/_/g, '')),
};
const OPTIONS = { version: '1.1', uniqueKeys: true, customTags: (tags: yaml.Tags) => [...tags, kubernetesNumber] } as const;

type Reference = { readonly error: true } | { readonly docs: Array<{ readonly line: number; readonly value: unknown }> };

/** The yaml library's reading of a stream: its non-empty documents, or that it has an error. */
function reference(text: string): Reference {
  const lineCounter = new yaml.LineCounter();
  const docs: Array<{ line: number; value: unknown }> = [];
  for (const doc of yaml.parseAllDocuments(text, { ...OPTIONS, lineCounter })) {
    if (doc.errors.length) return { error: true };
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch {
      return { error: true };
    }
    if (value !== null && value !== undefined) docs.push({ line: lineCounter.linePos(doc.contents?.range[0] ?? 0).line, value });
  }
  return { docs };
}

/** Equal values with keys in the same order (isDeepStrictEqual ignores key order). */
function sameValue(a: unknown, b: unknown): boolean {
  if (!isDeepStrictEqual(a, b)) return false;
  if (a === null || typeof a !== 'object' || a instanceof Date) return true;
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return ka.join('\0') === kb.join('\0') && ka.every((k) => sameValue((a as any)[k], (b as any)[k]));
}

/**
 * The block reader's verdict on one document: declined, too deep (and so for the yaml library
 * too, at the same line), or the same reading as the yaml library.
 */
function checkDocument(text: string): 'declined' | 'too deep' | 'accepted' {
  const read = readBlockDocument(text, 0, scalarResolver());
  if (!read) return 'declined';
  if ('tooDeep' in read) {
    // With CRLF line ends the block reader declines the document: the yaml library reads it.
    expect(parseYamlStream(text.replace(/\n/g, '\r\n'))).toEqual({ error: { line: read.tooDeep.line, message: expect.stringMatching(/^nested more than/) } });
    return 'too deep';
  }
  const ref = reference(text);
  if ('error' in ref) throw new Error(`accepted a document the yaml library rejects:\n${text}`);
  const expected = ref.docs[0] ?? { line: read.line, value: null };
  if (ref.docs.length > 1 || !sameValue(read.value, expected.value) || read.line !== expected.line) {
    throw new Error(`read differently:\n${text}\nblock reader: ${JSON.stringify(read)}\nyaml library: ${JSON.stringify(ref.docs)}`);
  }
  return 'accepted';
}

// ---------------------------------------------------------------------------------------------
// generators

/** Strings that mean something else to YAML 1.1, or to a naive reader. */
const TRICKY = [
  'yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False', '~', 'null', 'NULL', '', ' ', ' lead', 'trail ',
  '0o17', '0X1F', '0x1f', '012', '1_000', '1:20', '1:20.5', '1e3', '1e3_0', '+1', '-1', '.5', '.inf', '-.Inf', '.nan',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '- a', '-a', '-', 'a: b', 'a:', 'a:b', 'a #b', 'a#b', '#a', "it's",
  '"q"', "'q'", 'back\\slash', 'multi\nline', 'tab\there', 'cr\r', 'é', '😀', '\u2028', '\ufeff', '\u0085', '\u00a0',
  '{}', '[]', '{a}', '[a]', '*a', '&a', '!tag', '|', '>', '%', '@', '`', '?', '? a', ':', ': a', '---', '...', '<<',
  '=', 'a\u0000b', 'x'.repeat(1100), '__proto__', 'constructor', 'a b', 'https://example.com/a?b=c#d',
  'arn:aws:iam::123456789012:role/r',
];

const scalar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z][a-z0-9.-]{0,20}$/) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
);
const key = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._/-]{0,15}$/) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
  map: fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
  list: fc.array(tie('tree'), { maxLength: 4 }),
}));
/** Mostly the values manifests hold, so that the reader's accepting path is well exercised too. */
const plainKey = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._/-]{1,15}$/);
const { plainTree } = fc.letrec((tie) => ({
  plainTree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.stringMatching(/^[\w./:@=+-][\w ./:@=+,'"-]{0,24}$/), fc.integer(), fc.boolean(), fc.constantFrom(...TRICKY)),
    tie('map'),
    tie('list'),
  ),
  map: fc.dictionary(plainKey, tie('plainTree'), { maxKeys: 5 }),
  list: fc.array(tie('plainTree'), { maxLength: 4 }),
}));
const document = fc.oneof(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 6 }), fc.dictionary(plainKey, plainTree, { minKeys: 1, maxKeys: 6 }));

/** The ways tools write YAML: cdk8s, the yaml library in several styles, kubectl's compact lists. */
const WRITERS: Array<[string, (value: unknown) => string]> = [
  ['cdk8s', (v) => Yaml.stringify(v)],
  ['yaml 1.1', (v) => yaml.stringify(v, { version: '1.1' })],
  ['yaml 1.2', (v) => yaml.stringify(v)],
  ['compact lists', (v) => yaml.stringify(v, { indentSeq: false })],
  ['indent 4, no folding', (v) => yaml.stringify(v, { indent: 4, lineWidth: 0 })],
  ['single quotes', (v) => yaml.stringify(v, { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' })],
  ['double quotes', (v) => yaml.stringify(v, { defaultStringType: 'QUOTE_DOUBLE' })],
  ['flow', (v) => yaml.stringify(v, { collectionStyle: 'flow' })],
];

/** Blank lines, comment lines and trailing comments, at random lines. */
const decorations = fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '# note', '   # indented note', ' # trailing', '#x')), { maxLength: 4 });

function decorate(text: string, marks: ReadonlyArray<[number, string]>): string {
  const lines = text.split('\n');
  for (const [at, mark] of marks) {
    const i = at % lines.length;
    if (mark.startsWith(' # ')) lines[i] = lines[i] + mark;
    else lines.splice(i, 0, mark);
  }
  return lines.join('\n');
}

const edit = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'insert', 'duplicate line', 'drop line', 'indent', 'outdent'),
  char: fc.constantFrom(' ', '-', ':', '#', "'", '"', '\n', '\t', '{', '[', '&', '*', '!', '|', '>', 'a', '1', '\\'),
});

function applyEdit(text: string, e: { at: number; op: string; char: string }): string {
  const lines = text.split('\n');
  const i = e.at % lines.length;
  switch (e.op) {
    case 'delete': return text.slice(0, e.at % text.length) + text.slice((e.at % text.length) + 1);
    case 'insert': return text.slice(0, e.at % text.length) + e.char + text.slice(e.at % text.length);
    case 'duplicate line': lines.splice(i, 0, lines[i]); break;
    case 'drop line': lines.splice(i, 1); break;
    case 'indent': lines[i] = ` ${lines[i]}`; break;
    default: lines[i] = lines[i].replace(/^ {1,2}/, '');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

describe('block reader', () => {
  test.each(WRITERS)('reads what %s writes exactly as the yaml library does, or declines it', (_name, write) => {
    fc.assert(
      fc.property(document, decorations, fc.boolean(), (value, marks, marker) => {
        checkDocument((marker ? '---\n' : '') + decorate(write(value), marks));
      }),
      { numRuns: 300 },
    );
  });

  test('reads every edited document as the yaml library does, or declines it', () => {
    fc.assert(
      fc.property(document, fc.constantFrom(...WRITERS), fc.array(edit, { minLength: 1, maxLength: 3 }), (value, [, write], edits) => {
        checkDocument(edits.reduce(applyEdit, write(value)));
      }),
      { numRuns: 1500 },
    );
  });

  // Without this, a reader that declines everything would pass the tests above.
  test('accepts the manifests cdk8s and kubectl write', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/);
    const manifest = fc.record({
      apiVersion: fc.constantFrom('v1', 'aigateway.envoyproxy.io/v1beta1'),
      kind: fc.constantFrom('Secret', 'BackendSecurityPolicy'),
      metadata: fc.record({ name, namespace: name, labels: fc.dictionary(fc.stringMatching(/^app\.kubernetes\.io\/[a-z][a-z0-9.-]{0,20}$/), name, { maxKeys: 3 }) }),
      spec: fc.record({
        type: fc.constantFrom('APIKey', 'AWSCredentials'),
        targetRefs: fc.array(fc.record({ group: fc.constant('aigateway.envoyproxy.io'), kind: fc.constant('AIServiceBackend'), name }), { maxLength: 3 }),
        awsCredentials: fc.record({ region: fc.constantFrom('us-east-1', 'eu-west-1'), port: fc.nat(65535), enabled: fc.boolean() }),
      }),
      stringData: fc.dictionary(fc.constantFrom('apiKey', 'credentials', 'client-secret'), fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\n\\\t\r]/.test(s)), { maxKeys: 2 }),
    });
    const writers = [WRITERS[0], WRITERS[3]];
    fc.assert(
      fc.property(manifest, fc.constantFrom(...writers), fc.boolean(), (value, [, write], marker) => {
        expect(checkDocument((marker ? '---\n' : '') + write(value))).toBe('accepted');
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    ['YAML 1.1 booleans and nulls', 'a: yes\nb: Off\nc: ~\nd:\ne: null\n', { a: true, b: false, c: null, d: null, e: null }],
    ['YAML 1.1 and Kubernetes numbers', 'a: 012\nb: 1:20\nc: 0o17\nd: 1_000\ne: "012"\n', { a: 10, b: 80, c: 15, d: 1000, e: '012' }],
    ['quoted keys and values', '"yes": \'it\'\'s\'\n\'a b\': "c # d"\n', { 'yes': "it's", 'a b': 'c # d' }],
    ['comments, blank lines and compact lists', 'a: # note\n\n- x # one\n-   - z\n# end\nb: {}\nc: []\n', { a: ['x', ['z']], b: {}, c: [] }],
    ['escapes', 'a: "\\"q\\" \\\\ \\n\\t \\x41\\u00e9\\U0001F600"\n', { a: '"q" \\ \n\t A\u00e9\u{1F600}' }],
    ['a list of mappings', 'items:\n  - name: a\n    value: 1\n  -\n    name: b\n', { items: [{ name: 'a', value: 1 }, { name: 'b' }] }],
  ])('reads %s', (_what, text, expected) => {
    expect(checkDocument(text)).toBe('accepted');
    expect(readBlockDocument(text, 0, scalarResolver())).toEqual({ line: 1, value: expected });
  });

  test.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a flow mapping', 'a: {b: c}\n'],
    ['an unknown escape', 'a: "\\q"\n'],
    ['a code point past Unicode', 'a: "\\U00110000"\n'],
    ['a tab', 'a:\tb\n'],
    ['a carriage return', 'a: b\r\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a key the schema reads as a boolean', 'on: push\n'],
    ['a __proto__ key', '__proto__: x\n'],
    ['uneven indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a nested mapping on one line', 'a: b: c\n'],
    ['text after the document marker', '--- a: b\n'],
    ['a scalar document', 'just text\n'],
  ])('declines %s', (_what, text) => {
    expect(readBlockDocument(text, 0, scalarResolver())).toBeUndefined();
  });

  test('reads a long double-quoted value with many escapes', () => {
    const text = `a: "${'\\t'.repeat(1_000_000)}x\\"\\\\"\n`;
    expect(checkDocument(text)).toBe('accepted');
    expect(readBlockDocument(text, 0, scalarResolver())).toEqual({ line: 1, value: { a: `${'\t'.repeat(1_000_000)}x"\\` } });
  });

  /** Mappings nested `depth` deep, one key a line; in the deepest, a list of `[]` and `{}` (at depth + 2). */
  const nested = (depth: number) => {
    const lines: string[] = [];
    for (let i = 0; i < depth - 1; i++) lines.push(`${' '.repeat(i)}k${i}:`);
    lines.push(`${' '.repeat(depth - 1)}v: x`, `${' '.repeat(depth - 1)}w:`, `${' '.repeat(depth - 1)}- []`, `${' '.repeat(depth - 1)}- {}`);
    return `${lines.join('\n')}\n`;
  };

  test(`reads collections nested ${MAX_DEPTH} deep`, () => {
    expect(checkDocument(nested(MAX_DEPTH - 2))).toBe('accepted');
    expect(checkDocument(`${'- '.repeat(MAX_DEPTH)}a\n`)).toBe('accepted');
    expect(checkDocument(`${'- '.repeat(MAX_DEPTH - 1)}[]\n`)).toBe('accepted');
  });

  test.each([
    ['mappings', nested(MAX_DEPTH + 1), MAX_DEPTH + 1],
    ['a list under the deepest mapping', nested(MAX_DEPTH), MAX_DEPTH + 2],
    ['empty collections in a list', nested(MAX_DEPTH - 1), MAX_DEPTH + 1],
    ['lists on one line', `${'- '.repeat(MAX_DEPTH + 1)}a\n`, 1],
    ['an empty list', `${'- '.repeat(MAX_DEPTH)}[]\n`, 1],
    ['thousands of lists on one line', `${'- '.repeat(4000)}a\n`, 1],
    ['thousands of mappings', nested(3000), MAX_DEPTH + 1],
  ])(`reports %s nested deeper than ${MAX_DEPTH}, at the line of the first too deep, as the yaml library does`, (_what, text, line) => {
    expect(checkDocument(text)).toBe('too deep');
    expect(readBlockDocument(text, 0, scalarResolver())).toEqual({ tooDeep: { line } });
  });

  test('line numbers count from the line offset, past the marker and leading comments', () => {
    expect(readBlockDocument('---\n# c\n\nkind: Secret\n', 41, scalarResolver())).toEqual({ line: 45, value: { kind: 'Secret' } });
  });
});

describe('parseYamlStream with declined documents among accepted ones', () => {
  test('gives the documents, values and lines of the yaml library, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(document, fc.constantFrom(...WRITERS)), { minLength: 1, maxLength: 6 }), (docs) => {
        const text = docs.map(([value, [, write]]) => `---\n${write(value)}`).join('');
        const ref = reference(text);
        const got = parseYamlStream(text);
        if ('error' in ref) {
          expect(got).toHaveProperty('error');
        } else {
          if ('error' in got) throw new Error(`unexpected error ${got.error.message}`);
          expect(got.docs.map((d) => d.line)).toEqual(ref.docs.map((d) => d.line));
          expect(got.docs.every((d, i) => sameValue(d.value, ref.docs[i].value))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
