import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { main } from '../src/cli/main';

/*
 * What lint reads: files, folders and stdin, as bytes, and YAML that Kubernetes would refuse
 * (other YAML versions, invalid UTF-8, nesting no manifest has). Unreadable input is exit 2 and
 * a message naming file and line, never the text of the document.
 */

type Io = Parameters<typeof main>[1];

interface Run {
  readonly status: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI with captured stdout/stderr; stdin is text or bytes. */
function run(argv: readonly string[], stdin: string | Uint8Array = ''): Run {
  let out = '';
  let err = '';
  const io = {
    out: { write: (s: string) => ((out += s), true) },
    err: { write: (s: string) => ((err += s), true) },
    stdin: () => stdin,
  };
  const status = main(argv, io as unknown as Io);
  return { status, out, err };
}

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'aigw-auth-lint-input-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function write(relative: string, content: string | Uint8Array): string {
  const path = join(tmp, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const secretYaml = (name: string, entries: Record<string, string>) =>
  ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, '  namespace: ai', 'stringData:', ...Object.entries(entries).map(([k, v]) => `  ${k}: ${v}`), ''].join('\n');

/** Line 7 of {@link secretYaml}: its first stringData entry. */
const FIRST_ENTRY_LINE = 7;

const codes = (r: Run) => [...r.out.matchAll(/ (AIGW\d{3}) /g)].map((m) => m[1]);

describe('parse errors never echo the document', () => {
  test.each([
    ['a tag without a suffix', 'password', '!Hunter2Pass!', ['Hunter2Pass']],
    ['an unresolvable tag handle', 'apiKey', '!x!QzSECRETqz', ['QzSECRETqz']],
    ['text after a block scalar indicator', 'apiKey', '|sk-SECRET123', ['sk-SECRET123']],
    ['a value on the line of a block scalar indicator', 'password', '| hunter2-S3cret', ['hunter2-S3cret']],
    ['an invalid escape in a double-quoted string', 'password', '"C:\\Users\\svc\\Pa55word"', ['Users', 'Pa55word', '\\svc']],
  ])('%s: exit 2, file and line of the error, no secret text', (_what, key, value, secrets) => {
    const file = write('secret.yaml', secretYaml('s', { [key]: value }));
    const r = run(['lint', file]);
    expect(r.status).toBe(2);
    expect(r.err).toContain(`${file}:${FIRST_ENTRY_LINE}: YAML syntax error: `);
    for (const secret of secrets) {
      expect(r.out).not.toContain(secret);
      expect(r.err).not.toContain(secret);
    }
  });

  test('the line is the line of the error, not of the document', () => {
    const text = `kind: ConfigMap\n---\n${secretYaml('s', { a: 'x', b: '"\\q"' })}`;
    const r = run(['lint', write('late.yaml', text)]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(new RegExp(`late\\.yaml:${2 + FIRST_ENTRY_LINE + 1}: YAML syntax error: a double-quoted string has an invalid escape`));
  });
});

describe('nesting', () => {
  const limit = /:(\d+): nested more than 100 levels deep; Kubernetes manifests are not/;

  test('4000 levels of `- ` on one line: exit 2 and a message, not a crash', () => {
    const file = write('deep.yaml', `${'- '.repeat(4000)}a\n`);
    const r = run(['lint', file]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(new RegExp(`${file}:1: nested more than 100 levels deep`));
  });

  const mappings = (depth: number, eol: string) => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap'];
    for (let i = 0; i < depth - 1; i++) lines.push(`${' '.repeat(i)}k:`);
    lines.push(`${' '.repeat(depth - 1)}v: x`);
    return lines.join(eol) + eol;
  };

  test.each([100, 101, 1000])('%i levels read the same with LF and CRLF line ends', (depth) => {
    const lf = run(['lint', write('lf.yaml', mappings(depth, '\n'))]);
    const crlf = run(['lint', write('crlf.yaml', mappings(depth, '\r\n'))]);
    expect(crlf.status).toBe(lf.status);
    expect(crlf.err.replace('crlf.yaml', 'lf.yaml')).toBe(lf.err);
    if (depth <= 100) {
      expect(lf.status).toBe(0);
    } else {
      expect(lf.status).toBe(2);
      // The mapping at depth 101 starts on the line of its first key, after apiVersion and kind.
      expect(limit.exec(lf.err)?.[1]).toBe(String(2 + 101));
    }
  });

  test('a deep flow collection is unreadable in a small file and in a file large enough for worker threads', () => {
    const deep = `a: ${'['.repeat(1500)}${']'.repeat(1500)}\n`;
    const padding: string[] = [];
    for (let i = 0; padding.join('').length < 1.2 * 1024 * 1024; i++) {
      padding.push(`---\nkind: ConfigMap\nmetadata: {name: cm-${i}}\ndata:\n  text: |\n    ${'x'.repeat(200)}\n`);
    }
    const small = run(['lint', write('small.yaml', deep)]);
    const big = run(['lint', write('big.yaml', `${padding.join('')}---\n${deep}`)]);
    expect(small.status).toBe(2);
    expect(small.err).toMatch(/small\.yaml:1: nested more than 100 levels deep/);
    expect(big.status).toBe(2);
    expect(big.err).toMatch(new RegExp(`big\\.yaml:${padding.join('').split('\n').length + 1}: nested more than 100 levels deep`));
  });

  test('aliases that nest a value in itself are unreadable', () => {
    const r = run(['lint', write('cycle.yaml', 'kind: ConfigMap\ndata: &d\n  self: *d\n')]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/cycle\.yaml:1: /);
  });

  test('aliases that nest values deeper than the limit are unreadable', () => {
    // Each line nests 50 lists deep at most; through the aliases, c is 110 lists deep.
    const lists = (depth: number, inner: string) => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
    const text = `a: &a ${lists(50, 'x')}\nb: &b ${lists(50, '*a')}\nc: ${lists(10, '*b')}\n`;
    const r = run(['lint', write('aliases.yaml', text)]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/aliases\.yaml:1: nested more than 100 levels deep/);
  });
});

describe('folders and symbolic links', () => {
  test('a link to its own folder: each file is read once', () => {
    write('d/s.yaml', secretYaml('s', { apiKey: 'sk-test' }));
    symlinkSync('.', join(tmp, 'd', 'self'));
    const r = run(['lint', join(tmp, 'd')]);
    expect(r.err).not.toContain('ELOOP');
    expect(codes(r)).not.toContain('AIGW067');
    expect(r.err).toContain('checked 1 objects');
  });

  test('two links back up the tree: each file is read once, quickly', () => {
    write('d/s.yaml', secretYaml('s', { apiKey: 'sk-test' }));
    write('d/sub/t.yaml', secretYaml('t', { apiKey: 'sk-test' }));
    symlinkSync('.', join(tmp, 'd', 'self'));
    symlinkSync('..', join(tmp, 'd', 'sub', 'up'));
    const r = run(['lint', join(tmp, 'd')]);
    expect(codes(r)).not.toContain('AIGW067');
    expect(r.err).toContain('checked 2 objects');
  });

  test('the first path that reaches a file names it', () => {
    const file = write('d/s.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: ai\nstringData:\n  apiKey: yes\n');
    symlinkSync(file, join(tmp, 'd', 'z-link.yaml'));
    const r = run(['lint', join(tmp, 'd')]);
    expect(codes(r)).toEqual(['AIGW062']);
    expect(r.out).toContain(`${file}:1 `);
  });

  test('a file given twice is read once', () => {
    const file = write('a.yaml', secretYaml('s', { apiKey: 'sk-test' }));
    const r = run(['lint', file, file, join(tmp, '.', 'a.yaml'), tmp]);
    expect(r.status).toBe(0);
    expect(codes(r)).toEqual([]);
    expect(r.err).toContain('checked 1 objects');
  });

  test('a link to itself is unreadable', () => {
    symlinkSync('loop.yaml', join(tmp, 'loop.yaml'));
    const r = run(['lint', join(tmp, 'loop.yaml')]);
    expect(r.status).toBe(2);
    expect(r.err).toContain('loop.yaml: cannot read (ELOOP)');
  });
});

describe('YAML version', () => {
  const doc = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: ai\nstringData:\n  apiKey: yes\n';

  test.each(['%YAML 1.2', '%YAML 1.0', '%YAML 2.0', '%YAML 1.2 # comment'])('%s: exit 2, naming the directive line', (directive) => {
    const text = `kind: ConfigMap\n...\n${directive}\n---\n${doc}`;
    const r = run(['lint', write('v.yaml', text)]);
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/v\.yaml:3: a %YAML directive other than %YAML 1\.1; Kubernetes reads YAML 1\.1 only/);
  });

  test('%YAML 1.1 is read as YAML 1.1', () => {
    const r = run(['lint', write('v.yaml', `%YAML 1.1\n---\n${doc}`)]);
    expect(r.status).toBe(1);
    expect(codes(r)).toEqual(['AIGW062']);
  });
});

describe('encoding', () => {
  const valid = Buffer.from(secretYaml('s', { apiKey: 'sk-t\u00e9st' }), 'utf8');
  // Invalid bytes in the value on line 7, and on a line of their own (line 8).
  const invalid = Buffer.concat([Buffer.from(secretYaml('s', { apiKey: 'sk-' }).trimEnd()), Buffer.from([0xff, 0xfe, 0x41, 0x0a])]);
  const broken = Buffer.concat([valid, Buffer.from('  other: x'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);

  test('invalid UTF-8 in a file: exit 2, the file and line, no content', () => {
    const file = write('bad.yaml', broken);
    const r = run(['lint', file]);
    expect(r.status).toBe(2);
    expect(r.err).toContain(`${file}:8: not valid UTF-8`);
    expect(r.err).not.toContain('other');
    const other = run(['lint', write('bad2.yaml', invalid)]);
    expect(other.status).toBe(2);
    expect(other.err).toContain('bad2.yaml:7: not valid UTF-8');
  });

  test('valid UTF-8 with and without a byte order mark is read', () => {
    const plain = run(['lint', write('plain.yaml', valid)]);
    const bom = run(['lint', write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), valid]))]);
    expect(plain).toEqual({ status: 0, out: '', err: expect.stringContaining('checked 1 objects') });
    expect(bom).toEqual(plain);
  });

  test('stdin as bytes: invalid UTF-8 is unreadable, valid is read', () => {
    const bad = run(['lint', '-'], broken);
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('<stdin>:8: not valid UTF-8');
    expect(run(['lint', '-'], valid).status).toBe(0);
    expect(run(['lint', '-'], valid.toString('utf8')).status).toBe(0);
  });
});
