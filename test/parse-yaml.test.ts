import { parseYamlStream } from '../src/cli/parse-yaml';

/** A stream large enough to be parsed on worker threads. */
function bigStream(documents: number, broken?: number): string {
  const docs: string[] = [];
  for (let i = 0; i < documents; i++) {
    const body = i === broken ? 'metadata:\n  name: a\n  name: b\n' : `metadata:\n  name: doc-${i}\n  labels: {index: "${i}"}\n`;
    docs.push(`---\napiVersion: v1\nkind: ConfigMap\n${body}data:\n  text: |\n    ${'x'.repeat(200)}\n`);
  }
  return docs.join('');
}

describe('parseYamlStream', () => {
  const documents = 6000;
  const text = bigStream(documents);

  test('the stream is above the size parsed on worker threads', () => {
    expect(text.length).toBeGreaterThan(1024 * 1024);
  });

  test('a large stream gives every document, in order, with the line its content starts on', () => {
    const result = parseYamlStream(text);
    if ('error' in result) throw new Error(result.error.message);
    expect(result.docs).toHaveLength(documents);
    result.docs.forEach((doc, i) => {
      expect((doc.value as any).metadata.name).toBe(`doc-${i}`);
      // Each document is 9 lines; its content starts on the line after its `---`.
      expect(doc.line).toBe(i * 9 + 2);
    });
  });

  test('the same documents and lines as parsing the stream in one piece', () => {
    const small = bigStream(3);
    const whole = parseYamlStream(small);
    const big = parseYamlStream(text);
    if ('error' in whole || 'error' in big) throw new Error('unexpected error');
    expect(big.docs.slice(0, 3)).toEqual(whole.docs);
  });

  test('a syntax error late in a large stream names its own line', () => {
    const broken = documents - 10;
    const result = parseYamlStream(bigStream(documents, broken));
    // Line 1 of the document is its `---`; the duplicate `name` key is line 6.
    expect(result).toEqual({ error: { line: broken * 9 + 6, message: expect.stringMatching(/^YAML syntax error: Map keys must be unique/) } });
  });

  test('a `---` inside a block scalar at deeper indentation does not cut a document', () => {
    const doc = 'data:\n  script: |\n    ---\n    echo\n';
    const result = parseYamlStream(`${text}---\n${doc}`);
    if ('error' in result) throw new Error(result.error.message);
    expect((result.docs[documents].value as any).data.script).toBe('---\necho\n');
  });
});
