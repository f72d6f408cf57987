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
    expect(result).toEqual({ error: { line: broken * 9 + 6, message: 'YAML syntax error: a mapping has the same key twice; remove or rename one' } });
  });

  test('a `---` inside a block scalar at deeper indentation does not cut a document', () => {
    const doc = 'data:\n  script: |\n    ---\n    echo\n';
    const result = parseYamlStream(`${text}---\n${doc}`);
    if ('error' in result) throw new Error(result.error.message);
    expect((result.docs[documents].value as any).data.script).toBe('---\necho\n');
  });
});

describe('parseYamlStream errors', () => {
  const SECRET = 'QzSECRETqz';

  test.each([
    ['a tag without a suffix', `a: !${SECRET}!\n`, 3],
    ['an unknown tag handle', `a: !x!${SECRET}\n`, 3],
    ['text after a block scalar header', `a: |${SECRET}\n`, 3],
    ['a value on a block scalar header line', `a: | ${SECRET}\n`, 3],
    ['an invalid escape', `a: "C:\\U${SECRET}"\n`, 3],
    ['a duplicate key', `${SECRET}: 1\n${SECRET}: 2\n`, 4],
    // Where the closing character is missing: the end of the line, or of the document.
    ['an unclosed flow sequence', `a: [${SECRET}\n`, 4],
    ['an unclosed quote', `a: "${SECRET}\nb: c\n`, 5],
    ['a tab as indentation', `a:\n\t${SECRET}: b\n`, 4],
    ['an alias to no anchor', `a: *${SECRET}\n`, 3],
  ])('%s: the line of the error, and a message that quotes nothing', (_what, doc, line) => {
    const text = `kind: A\n---\n${doc}`;
    const result = parseYamlStream(text);
    if (!('error' in result)) throw new Error('no error');
    expect(result.error.line).toBe(line);
    expect(result.error.message).not.toMatch(/SECRET/);
    expect(result.error.message).toMatch(/^(YAML syntax error|YAML cannot be resolved): /);
  });

  test.each(['%YAML 1.2', '%YAML 1.0', '%YAML 2.0', '%YAML', '%YAML 1.1 extra'])('%s: refused at the directive line', (directive) => {
    const result = parseYamlStream(`a: 1\n...\n# the next document\n${directive}\n---\nb: yes\n`);
    expect(result).toEqual({ error: { line: 4, message: expect.stringMatching(/^a %YAML directive other than %YAML 1\.1; Kubernetes reads YAML 1\.1 only/) } });
  });

  test('%YAML 1.1 is read as YAML 1.1', () => {
    expect(parseYamlStream('%YAML 1.1\n---\nb: yes\n')).toEqual({ docs: [{ line: 3, value: { b: true } }] });
  });

  test('nesting too deep for the block reader and for the yaml library, in small and large streams, alike', () => {
    const deepBlock = `${Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n${' '.repeat(150)}v\n`;
    const deepFlow = `a: ${'['.repeat(1500)}${']'.repeat(1500)}\n`;
    const pad = bigStream(6000);
    const padLines = pad.split('\n').length - 1;
    const expected = (line: number) => ({ error: { line, message: expect.stringMatching(/^nested more than 100 levels deep/) } });
    expect(parseYamlStream(deepBlock)).toEqual(expected(101));
    expect(parseYamlStream(deepBlock.replace(/\n/g, '\r\n'))).toEqual(expected(101));
    expect(parseYamlStream(deepFlow)).toEqual(expected(1));
    expect(parseYamlStream(`${pad}---\n${deepFlow}`)).toEqual(expected(padLines + 2));
    expect(parseYamlStream(`${pad}---\n${deepBlock.replace(/\n/g, '\r\n')}`)).toEqual(expected(padLines + 102));
  });
});
