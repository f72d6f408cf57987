/**
 * A reader for the plain block style of YAML that cdk8s, kubectl, Helm and most generators write:
 * block mappings and sequences, one-line plain and quoted scalars, `{}` and `[]`, blank lines and
 * comments. It reads such a document many times faster than a general YAML parser, which builds
 * a syntax tree of every token first.
 *
 * It never guesses. A document that uses anything else (anchors, aliases, tags, block or
 * multi-line scalars, flow collections, escapes, tabs, complex keys, a duplicate key, uneven
 * indentation, a character outside the plain printable set) is declined with `undefined`, and the
 * caller reads it with the `yaml` library. Plain scalars that are not plain strings (numbers,
 * booleans, nulls, timestamps) are resolved by the `yaml` library too, with the caller's options.
 * So a document reads exactly as the `yaml` library reads it, and every syntax error is found and
 * reported by the `yaml` library.
 *
 * The one thing it reports itself is nesting deeper than {@link MAX_DEPTH} collections, which it
 * reads no further (the caller holds the `yaml` library to the same limit).
 */

/**
 * The deepest a collection may be nested (the top-level collection of a document is at depth 1).
 * Kubernetes manifests come nowhere near it; parsers that recurse overflow their stack at a few
 * thousand levels, and the `yaml` library at under a thousand.
 */
export const MAX_DEPTH = 100;

/** How plain scalars that may not be strings are resolved. */
export interface ScalarResolver {
  /** Matches every plain scalar that some tag of the schema other than `str` claims. */
  readonly notPlainString: { test(source: string): boolean };
  /**
   * The value of a plain scalar written as a mapping value, or `undefined` when it does not
   * resolve cleanly (the document is then declined).
   */
  resolve(source: string): { readonly value: unknown } | undefined;
}

/** A document read by {@link readBlockDocument}: its value and the line its content starts on. */
export interface BlockDocument {
  /** 1-based line of the first content line, counting from the start of the text. */
  readonly line: number;
  /** The document's value; `null` for a document without content. */
  readonly value: unknown;
}

/** A document nested deeper than {@link MAX_DEPTH}: the line of its first collection past the limit. */
export interface TooDeep {
  readonly tooDeep: { readonly line: number };
}

/** Printable characters only: no tab, no carriage return, no control or line-separator characters. */
const PLAIN_TEXT = /^[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;
const PLAIN_KEY = /^([A-Za-z0-9_$/.][A-Za-z0-9_$/.+~-]*):(?: +|$)/;
const DOUBLE_QUOTED_KEY = /^"([^"\\]*)":(?: +|$)/;
const SINGLE_QUOTED_KEY = /^'((?:[^']|'')*)':(?: +|$)/;
/** Characters a plain scalar may not start with (YAML indicators); `-`, `?` and `:` only before a space. */
const INDICATORS = new Set([',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`']);
const INDICATORS_BEFORE_SPACE = new Set(['-', '?', ':']);
/** Longest implicit key YAML allows. */
const MAX_KEY_LENGTH = 1024;

/** Thrown inside the reader when the document is beyond the subset. */
const DECLINE = Symbol('decline');

/** Thrown inside the reader at the first collection nested deeper than {@link MAX_DEPTH}. */
class NestedTooDeep {
  constructor(public readonly line: number) {}
}

/** One line of content: its indentation and the text after it, trailing spaces removed. */
interface Line {
  indent: number;
  text: string;
  readonly number: number;
}

/**
 * Reads one YAML document (the text from one `---` marker to the next, or the text before the
 * first marker), whose first line is line `lineOffset + 1` of its file. Returns `undefined` if the
 * document uses anything beyond the plain block subset, and {@link TooDeep} if it is nested deeper
 * than {@link MAX_DEPTH} (in the part read up to there).
 */
export function readBlockDocument(text: string, lineOffset: number, scalars: ScalarResolver): BlockDocument | TooDeep | undefined {
  const lines = contentLines(text, lineOffset);
  if (!lines) return undefined;
  if (lines.length === 0) return { line: lineOffset + 1, value: null };
  try {
    const reader = new Reader(lines, scalars);
    const value = reader.node(0, 1);
    if (reader.line) return undefined; // a line less indented than the first
    return { line: lines[0].number, value };
  } catch (e) {
    if (e === DECLINE) return undefined;
    if (e instanceof NestedTooDeep) return { tooDeep: { line: e.line } };
    throw e;
  }
}

/** The lines that hold content, without blank lines and comment lines; `undefined` to decline. */
function contentLines(text: string, lineOffset: number): Line[] | undefined {
  const raw = text.split('\n');
  const lines: Line[] = [];
  for (let i = 0; i < raw.length; i++) {
    let source = raw[i];
    if (i === 0 && source.startsWith('---')) {
      // The document marker: nothing may follow it on its line here.
      if (source.slice(3).trim() !== '') return undefined;
      continue;
    }
    if (!PLAIN_TEXT.test(source)) return undefined;
    const indent = spacesAt(source, 0);
    if (indent === source.length || source.charCodeAt(indent) === 0x23 /* # */) continue;
    let end = source.length;
    while (source.charCodeAt(end - 1) === 0x20) end--;
    source = source.slice(indent, end);
    lines.push({ indent, text: source, number: lineOffset + i + 1 });
  }
  return lines;
}

function isSequenceItem(text: string): boolean {
  return text.charCodeAt(0) === 0x2d /* - */ && (text.length === 1 || text.charCodeAt(1) === 0x20);
}

/** Counts the spaces at `from`. */
function spacesAt(text: string, from: number): number {
  let n = 0;
  while (text.charCodeAt(from + n) === 0x20) n++;
  return n;
}

class Reader {
  private next = 0;

  constructor(
    private readonly lines: Line[],
    private readonly scalars: ScalarResolver,
  ) {}

  /** The line being read, if any is left. */
  public get line(): Line | undefined {
    return this.lines[this.next];
  }

  /**
   * A block collection whose lines are indented by at least `minIndent`, at nesting depth `depth`;
   * null if there is none.
   */
  public node(minIndent: number, depth: number): unknown {
    const line = this.line;
    if (!line || line.indent < minIndent) return null;
    return isSequenceItem(line.text) ? this.sequence(line.indent, depth) : this.mapping(line.indent, depth);
  }

  private sequence(indent: number, depth: number): unknown[] {
    enter(depth, this.line!.number);
    const items: unknown[] = [];
    for (let line = this.line; line && line.indent === indent && isSequenceItem(line.text); line = this.line) {
      const spaces = spacesAt(line.text, 1);
      const rest = line.text.slice(1 + spaces);
      if (rest === '' || rest.charCodeAt(0) === 0x23 /* # */) {
        this.next++;
        items.push(this.node(indent + 1, depth + 1));
      } else if (isSequenceItem(rest) || this.keyOf(rest)) {
        // `- key: value` or `- - item`: a collection starting on the item's own line, at the
        // column of its first character.
        line.indent += 1 + spaces;
        line.text = rest;
        items.push(this.node(line.indent, depth + 1));
      } else {
        items.push(this.scalar(rest, depth + 1, line.number));
        this.next++;
      }
      this.expectEnd(indent);
    }
    return items;
  }

  private mapping(indent: number, depth: number): Record<string, unknown> {
    enter(depth, this.line!.number);
    const map: Record<string, unknown> = {};
    for (let line = this.line; line && line.indent === indent; line = this.line) {
      const key = this.keyOf(line.text);
      if (!key || Object.prototype.hasOwnProperty.call(map, key.name)) throw DECLINE;
      const rest = line.text.slice(key.length);
      this.next++;
      if (rest === '' || rest.charCodeAt(0) === 0x23 /* # */) {
        const next = this.line;
        if (next && next.indent === indent && isSequenceItem(next.text)) map[key.name] = this.sequence(indent, depth + 1);
        else map[key.name] = this.node(indent + 1, depth + 1);
      } else {
        map[key.name] = this.scalar(rest, depth + 1, line.number);
      }
      this.expectEnd(indent);
    }
    return map;
  }

  /** After an entry of a collection at `indent`, the next line must not be indented further. */
  private expectEnd(indent: number): void {
    const line = this.line;
    if (line && line.indent > indent) throw DECLINE;
  }

  /** The key of a `key: ...` line and the length of `key: `, or undefined if the line is not one. */
  private keyOf(text: string): { readonly name: string; readonly length: number } | undefined {
    let match = PLAIN_KEY.exec(text);
    let name: string;
    if (match) {
      name = match[1];
      if (this.scalars.notPlainString.test(name)) throw DECLINE;
    } else if ((match = DOUBLE_QUOTED_KEY.exec(text) ?? SINGLE_QUOTED_KEY.exec(text))) {
      name = text.charCodeAt(0) === 0x27 /* ' */ ? match[1].replace(/''/g, "'") : match[1];
    } else {
      return undefined;
    }
    // `__proto__` would set the prototype of a plain object; the yaml library defines it instead.
    if (match[0].length > MAX_KEY_LENGTH || name === '__proto__') throw DECLINE;
    return { name, length: match[0].length };
  }

  /**
   * A one-line scalar (or `{}`, `[]`, collections at nesting depth `depth`), with an optional
   * trailing comment, on line `lineNumber`.
   */
  private scalar(text: string, depth: number, lineNumber: number): unknown {
    const first = text[0];
    if (first === '"') {
      const { value, end } = doubleQuoted(text);
      return endOfLine(text, end, value);
    }
    if (first === "'") {
      let end = text.indexOf("'", 1);
      while (end >= 0 && text.charCodeAt(end + 1) === 0x27) end = text.indexOf("'", end + 2);
      if (end < 0) throw DECLINE;
      return endOfLine(text, end + 1, text.slice(1, end).replace(/''/g, "'"));
    }
    if (text.startsWith('{}') || text.startsWith('[]')) {
      const value = endOfLine(text, 2, first === '{' ? {} : []);
      enter(depth, lineNumber);
      return value;
    }
    if (INDICATORS.has(first) || (INDICATORS_BEFORE_SPACE.has(first) && (text.length === 1 || text[1] === ' '))) throw DECLINE;
    const comment = text.indexOf(' #');
    let end = comment < 0 ? text.length : comment;
    while (text.charCodeAt(end - 1) === 0x20) end--;
    const source = end === text.length ? text : text.slice(0, end);
    // `a: b: c` is an error, and `a: b:` a nested mapping: leave both to the yaml library.
    if (source.includes(': ') || source.endsWith(':')) throw DECLINE;
    if (!this.scalars.notPlainString.test(source)) return source;
    const resolved = this.scalars.resolve(source);
    if (!resolved) throw DECLINE;
    return resolved.value;
  }
}

/** Checks that a collection at nesting depth `depth`, starting on line `lineNumber`, is within the limit. */
function enter(depth: number, lineNumber: number): void {
  if (depth > MAX_DEPTH) throw new NestedTooDeep(lineNumber);
}

/** YAML's escapes in double-quoted scalars, but for `\x`, `\u` and `\U` (and line folding, declined). */
const ESCAPES = new Map([
  ['0', '\0'], ['a', '\x07'], ['b', '\b'], ['e', '\x1b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t'], ['v', '\v'],
  ['N', '\u0085'], ['_', '\u00a0'], ['L', '\u2028'], ['P', '\u2029'], [' ', ' '], ['"', '"'], ['/', '/'], ['\\', '\\'],
]);
const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * A one-line double-quoted scalar at the start of `text`: its value, and where it ends. One pass:
 * the next quote is looked for again only once the escapes have passed it.
 */
function doubleQuoted(text: string): { readonly value: string; readonly end: number } {
  const parts: string[] = [];
  let from = 1;
  let quote = -1;
  for (;;) {
    if (quote < from) quote = text.indexOf('"', from);
    if (quote < 0) throw DECLINE;
    const escape = text.indexOf('\\', from);
    if (escape < 0 || quote < escape) {
      parts.push(text.slice(from, quote));
      return { value: parts.join(''), end: quote + 1 };
    }
    parts.push(text.slice(from, escape));
    const code = text[escape + 1];
    const length = HEX_ESCAPE_LENGTH[code];
    const escaped = ESCAPES.get(code);
    if (escaped !== undefined) {
      parts.push(escaped);
      from = escape + 2;
    } else if (length) {
      const hex = text.slice(escape + 2, escape + 2 + length);
      const point = /^[0-9a-fA-F]+$/.test(hex) && hex.length === length ? parseInt(hex, 16) : NaN;
      if (!(point <= 0x10ffff)) throw DECLINE;
      parts.push(String.fromCodePoint(point));
      from = escape + 2 + length;
    } else {
      throw DECLINE;
    }
  }
}

/** `value`, if nothing but spaces and a comment follow `from` in `text`. */
function endOfLine<T>(text: string, from: number, value: T): T {
  if (from < text.length) {
    const spaces = spacesAt(text, from);
    if (spaces === 0 || (from + spaces < text.length && text.charCodeAt(from + spaces) !== 0x23)) throw DECLINE;
  }
  return value;
}
