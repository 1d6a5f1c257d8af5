import { messages } from '../../messages';

const t = messages.importing.toml;

/**
 * A strict TOML reader for the configs `leakgate import` translates (gitleaks). Unlike the tolerant
 * reader detection uses (detect/structure/toml.ts, which skips what it cannot read and yields only
 * string slots), this one builds the whole document (tables, arrays of tables, arrays, inline
 * tables, strings, numbers, booleans) and stops at the first mistake with its line: an import
 * that silently dropped half a rule would allow what the source tool blocked. Dates are refused
 * (no config of those tools uses one).
 */

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

/** A syntax error: the 1-based line and what was expected there. */
export class TomlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The document, and the line each table (a header, an element of an array of tables) starts on. */
export interface TomlDocument {
  root: TomlTable;
  lineOf: WeakMap<TomlTable, number>;
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

export function parseToml(text: string): TomlDocument {
  return new TomlParser(text).document();
}

class TomlParser {
  private pos = 0;
  private readonly root: TomlTable = {};
  private readonly lineOf = new WeakMap<TomlTable, number>();
  /** Tables opened by a header, or defined inline, or by dotted keys: closed to a second header. */
  private readonly defined = new WeakSet<TomlTable>();
  private readonly frozen = new WeakSet<TomlTable>();
  private readonly tableArrays = new WeakSet<TomlValue[]>();

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  document(): TomlDocument {
    let table = this.root;
    this.lineOf.set(this.root, 1);
    for (;;) {
      this.skipBlankLines();
      if (this.pos >= this.text.length) break;
      if (this.peek() === '[') table = this.header();
      else this.keyValue(table);
      this.endOfLine();
    }
    return { root: this.root, lineOf: this.lineOf };
  }

  private header(): TomlTable {
    const line = this.line();
    const isArray = this.text.startsWith('[[', this.pos);
    this.pos += isArray ? 2 : 1;
    this.spaces();
    const keys = this.key();
    this.spaces();
    if (!this.text.startsWith(isArray ? ']]' : ']', this.pos)) this.fail(t.headerClose(isArray ? ']]' : ']'));
    this.pos += isArray ? 2 : 1;
    const parent = this.walk(this.root, keys.slice(0, -1), true);
    const last = keys[keys.length - 1]!;
    const existing = parent[last];
    let table: TomlTable;
    if (isArray) {
      if (existing !== undefined && !(Array.isArray(existing) && this.tableArrays.has(existing))) this.fail(t.definedTwice(keys.join('.')));
      const array = (existing as TomlValue[] | undefined) ?? [];
      this.tableArrays.add(array);
      parent[last] = array;
      table = {};
      array.push(table);
    } else {
      if (existing !== undefined && (!isTable(existing) || this.defined.has(existing) || this.frozen.has(existing)))
        this.fail(t.definedTwice(keys.join('.')));
      table = (existing as TomlTable | undefined) ?? {};
      parent[last] = table;
    }
    this.defined.add(table);
    this.lineOf.set(table, line);
    return table;
  }

  /** The table at `keys` below `from`, created on the way; through an array of tables, its last element. */
  private walk(from: TomlTable, keys: string[], fromHeader: boolean): TomlTable {
    let table = from;
    for (const key of keys) {
      let next = table[key];
      if (next === undefined) {
        next = {};
        table[key] = next;
        if (!fromHeader) this.defined.add(next);
        this.lineOf.set(next, this.line());
      }
      if (Array.isArray(next) && this.tableArrays.has(next)) next = next[next.length - 1]!;
      if (!isTable(next) || this.frozen.has(next)) this.fail(t.notATable(key));
      table = next as TomlTable;
    }
    return table;
  }

  private keyValue(table: TomlTable): void {
    const keys = this.key();
    this.spaces();
    if (this.peek() !== '=') this.fail(t.equals);
    this.pos++;
    this.spaces();
    const target = this.walk(table, keys.slice(0, -1), false);
    const last = keys[keys.length - 1]!;
    if (last in target) this.fail(t.definedTwice(keys.join('.')));
    target[last] = this.value();
  }

  private key(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.spaces();
      const c = this.peek();
      if (c === '"') keys.push(this.basicString());
      else if (c === "'") keys.push(this.literalString());
      else {
        const start = this.pos;
        while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos]!)) this.pos++;
        if (this.pos === start) this.fail(t.key);
        keys.push(this.text.slice(start, this.pos));
      }
      this.spaces();
      if (this.peek() !== '.') return keys;
      this.pos++;
    }
  }

  private value(): TomlValue {
    const c = this.peek();
    if (c === '"') return this.text.startsWith('"""', this.pos) ? this.multilineBasic() : this.basicString();
    if (c === "'") return this.text.startsWith("'''", this.pos) ? this.multilineLiteral() : this.literalString();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const word =
      /^(?:true|false|[+-]?(?:inf|nan)|[+-]?[0-9][0-9_]*(?:\.[0-9_]+)?(?:[eE][+-]?[0-9_]+)?|0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+)(?=[\s,\]}#]|$)/.exec(
        this.text.slice(this.pos, this.pos + 64),
      );
    if (!word) this.fail(t.value);
    this.pos += word[0].length;
    const token = word[0];
    if (token === 'true' || token === 'false') return token === 'true';
    if (/inf$/.test(token)) return token.startsWith('-') ? -Infinity : Infinity;
    if (/nan$/.test(token)) return Number.NaN;
    const digits = token.replace(/_/g, '');
    return /^0[xob]/.test(digits) ? Number.parseInt(digits.slice(2), { x: 16, o: 8, b: 2 }[digits[1] as 'x' | 'o' | 'b']) : Number(digits);
  }

  private array(): TomlValue[] {
    this.pos++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlankLines();
      if (this.peek() === ']') break;
      items.push(this.value());
      this.skipBlankLines();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== ']') this.fail(t.arraySeparator);
    }
    this.pos++;
    return items;
  }

  private inlineTable(): TomlTable {
    this.pos++;
    const table: TomlTable = {};
    this.lineOf.set(table, this.line());
    this.spaces();
    if (this.peek() === '}') {
      this.pos++;
      this.frozen.add(table);
      return table;
    }
    for (;;) {
      this.keyValue(table);
      this.spaces();
      if (this.peek() === '}') break;
      if (this.peek() !== ',') this.fail(t.inlineSeparator);
      this.pos++;
      this.spaces();
    }
    this.pos++;
    this.frozen.add(table);
    return table;
  }

  private basicString(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') this.fail(t.unterminated);
      this.pos++;
      if (c === '"') return out;
      out += c === '\\' ? this.escape() : c;
    }
  }

  private multilineBasic(): string {
    this.pos += 3;
    if (this.peek() === '\n') this.pos++;
    else if (this.text.startsWith('\r\n', this.pos)) this.pos += 2;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) this.fail(t.unterminatedMultiline);
      if (this.text.startsWith('"""', this.pos)) {
        // Up to two quotes may end the content right before the closing three.
        let end = this.pos + 3;
        while (this.text[end] === '"' && end < this.pos + 5) end++;
        out += '"'.repeat(end - this.pos - 3);
        this.pos = end;
        return out;
      }
      const c = this.text[this.pos++]!;
      if (c !== '\\') out += c;
      else if (/^[ \t]*\r?\n/.test(this.text.slice(this.pos, this.pos + 64))) {
        while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
      } else out += this.escape();
    }
  }

  private literalString(): string {
    const start = ++this.pos;
    const end = this.text.indexOf("'", start);
    const newline = this.text.indexOf('\n', start);
    if (end === -1 || (newline !== -1 && newline < end)) this.fail(t.unterminated);
    this.pos = end + 1;
    return this.text.slice(start, end);
  }

  private multilineLiteral(): string {
    this.pos += 3;
    if (this.peek() === '\n') this.pos++;
    else if (this.text.startsWith('\r\n', this.pos)) this.pos += 2;
    const start = this.pos;
    let end = this.text.indexOf("'''", start);
    if (end === -1) this.fail(t.unterminatedMultiline);
    // Up to two quotes may end the content right before the closing three.
    const first = end;
    while (this.text[end + 3] === "'" && end < first + 2) end++;
    this.pos = end + 3;
    return this.text.slice(start, end);
  }

  private escape(): string {
    const c = this.text[this.pos++];
    if (c !== undefined && c in ESCAPES) return ESCAPES[c]!;
    if (c === 'u' || c === 'U') {
      const length = c === 'u' ? 4 : 8;
      const hex = this.text.slice(this.pos, this.pos + length);
      if (!new RegExp(`^[0-9A-Fa-f]{${length}}$`).test(hex)) this.fail(t.unicodeEscape);
      this.pos += length;
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) this.fail(t.unicodeEscape);
      return String.fromCodePoint(code);
    }
    return this.fail(t.escape(c ?? ''));
  }

  /** Spaces and tabs. */
  private spaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  /** Blanks, newlines and comments. */
  private skipBlankLines(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#') this.skipComment();
      else return;
    }
  }

  private skipComment(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end === -1 ? this.text.length : end;
  }

  /** Nothing but a comment may follow a key/value pair or a header on its line. */
  private endOfLine(): void {
    this.spaces();
    if (this.peek() === '#') this.skipComment();
    if (this.peek() === '\r') this.pos++;
    if (this.pos < this.text.length && this.peek() !== '\n') this.fail(t.endOfLine);
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private line(): number {
    let line = 1;
    for (let i = this.text.indexOf('\n'); i !== -1 && i < this.pos; i = this.text.indexOf('\n', i + 1)) line++;
    return line;
  }

  private fail(reason: string): never {
    throw new TomlSyntaxError(this.line(), reason);
  }
}

function isTable(value: TomlValue): value is TomlTable {
  return typeof value === 'object' && !Array.isArray(value);
}
