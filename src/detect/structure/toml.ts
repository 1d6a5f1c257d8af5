import type { Emit } from './json';
import { codePointText, Finder, hexValue, isBlank, lineEnd, MAX_DEPTH } from './sink';

/**
 * TOML: `[table]`, `[a."b.c"]`, `[[array of tables]]` (each element numbered '0', '1', …),
 * dotted keys, basic and literal strings, their multi-line forms, arrays and inline tables over
 * several lines. A line that does not parse is skipped; the rest of the file still counts.
 */
export function tomlSlots(text: string, emit: Emit): void {
  new TomlReader(text, emit).run();
}

class TomlReader {
  private pos = 0;
  private table: string[] = [];
  /** Last index of each array of tables, by its resolved path. */
  private readonly arrays = new Map<string, number>();
  private readonly templateClose: Finder;

  constructor(
    private readonly text: string,
    private readonly emit: Emit,
  ) {
    this.templateClose = new Finder(text, '}}');
  }

  run(): void {
    const { text } = this;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    while (this.pos < text.length) {
      this.space(true);
      if (this.pos >= text.length) break;
      const lineStartedAt = this.pos;
      if (text.charCodeAt(this.pos) === 0x5b) this.header();
      else {
        const keys = this.key();
        this.space(false);
        if (keys && text.charCodeAt(this.pos) === 0x3d) {
          this.pos++;
          this.space(false);
          this.value([...this.table, ...keys], 0);
        }
      }
      // Whatever is left on the line (a comment, or junk after an error) is not read.
      const end = lineEnd(text, this.pos);
      this.pos = Math.max(end, lineStartedAt) + 1;
    }
  }

  /** Skips blanks and comments; newlines too when `lines`. */
  private space(lines: boolean): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0d || (lines && c === 0x0a)) this.pos++;
      else if (c === 0x23) this.pos = lineEnd(text, this.pos);
      else break;
    }
  }

  private header(): void {
    const { text } = this;
    const isArray = text.charCodeAt(this.pos + 1) === 0x5b;
    this.pos += isArray ? 2 : 1;
    this.space(false);
    const keys = this.key();
    if (!keys) return;
    const resolved: string[] = [];
    keys.forEach((key, index) => {
      resolved.push(key);
      const id = resolved.join('\0');
      if (isArray && index === keys.length - 1) {
        const next = (this.arrays.get(id) ?? -1) + 1;
        this.arrays.set(id, next);
        resolved.push(String(next));
      } else {
        const last = this.arrays.get(id);
        if (last !== undefined) resolved.push(String(last));
      }
    });
    this.table = resolved;
  }

  /** A dotted key (`a."b.c".d`); undefined when there is none at pos. */
  private key(): string[] | undefined {
    const { text } = this;
    const keys: string[] = [];
    for (;;) {
      this.space(false);
      const c = text.charCodeAt(this.pos);
      if (c === 0x22 || c === 0x27) keys.push(this.string(c).value);
      else {
        const start = this.pos;
        while (this.pos < text.length && isBareKey(text.charCodeAt(this.pos))) this.pos++;
        if (this.pos === start) return undefined;
        keys.push(text.slice(start, this.pos));
      }
      this.space(false);
      if (text.charCodeAt(this.pos) !== 0x2e) return keys;
      this.pos++;
    }
  }

  private value(path: string[], depth: number): void {
    const { text } = this;
    const c = text.charCodeAt(this.pos);
    if (c === 0x22 || c === 0x27) {
      const string = this.string(c);
      this.emit(path, string.value, string.offset, string.rawLength);
    } else if (c === 0x5b) this.array(path, depth);
    else if (c === 0x7b && text.charCodeAt(this.pos + 1) !== 0x7b) this.inlineTable(path, depth);
    else {
      const start = this.pos;
      let at = start;
      while (at < text.length) {
        const code = text.charCodeAt(at);
        if (
          code === 0x0a ||
          code === 0x2c ||
          code === 0x5d ||
          code === 0x7d ||
          (code === 0x23 && at > start && isBlank(text.charCodeAt(at - 1)))
        )
          break;
        if (code === 0x7b && text.charCodeAt(at + 1) === 0x7b) {
          const close = this.templateClose.from(at);
          at = close === -1 || close > lineEnd(text, at) ? at + 2 : close + 2;
        } else at++;
      }
      let end = at;
      while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
      this.pos = at;
      if (end > start) this.emit(path, text.slice(start, end), start, end - start);
    }
  }

  private array(path: string[], depth: number): void {
    const { text } = this;
    this.pos++;
    let index = 0;
    while (this.pos < text.length) {
      this.space(true);
      const c = text.charCodeAt(this.pos);
      if (c === 0x5d) {
        this.pos++;
        return;
      }
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x7d || c === 0x3d || Number.isNaN(c)) return;
      const before = this.pos;
      if (depth < MAX_DEPTH) this.value([...path, String(index++)], depth + 1);
      if (this.pos === before) this.pos++;
    }
  }

  private inlineTable(path: string[], depth: number): void {
    const { text } = this;
    this.pos++;
    while (this.pos < text.length) {
      this.space(true);
      const c = text.charCodeAt(this.pos);
      if (c === 0x7d) {
        this.pos++;
        return;
      }
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x5d || Number.isNaN(c)) return;
      const before = this.pos;
      const keys = this.key();
      this.space(false);
      if (keys && text.charCodeAt(this.pos) === 0x3d) {
        this.pos++;
        this.space(false);
        if (depth < MAX_DEPTH) this.value([...path, ...keys], depth + 1);
      }
      if (this.pos === before) this.pos++;
    }
  }

  /** A string of any of the four kinds at pos, quote `quote`; pos moves past its closing quote. */
  private string(quote: number): { value: string; offset: number; rawLength: number } {
    const { text } = this;
    const mark = quote === 0x22 ? '"""' : "'''";
    const multiLine = text.startsWith(mark, this.pos);
    let start = this.pos + (multiLine ? 3 : 1);
    let close: number;
    if (multiLine) {
      // A newline right after the opening quotes is not part of the string.
      if (text.charCodeAt(start) === 0x0a) start++;
      else if (text.charCodeAt(start) === 0x0d && text.charCodeAt(start + 1) === 0x0a) start += 2;
      close = quote === 0x22 ? this.closing(start, quote, true) : text.indexOf(mark, start);
      // Up to two quotes may sit just before the closing three.
      while (close !== -1 && text.charCodeAt(close + 3) === quote && close + 3 < text.length) close++;
      if (close === -1) this.pos = close = lineEnd(text, start);
      else this.pos = close + 3;
    } else {
      close = quote === 0x22 ? this.closing(start, quote, false) : text.indexOf("'", start);
      const end = lineEnd(text, start);
      if (close === -1 || close > end) this.pos = close = end;
      else this.pos = close + 1;
    }
    let rawEnd = close;
    if (rawEnd > start && text.charCodeAt(rawEnd - 1) === 0x0d && !multiLine) rawEnd--;
    const raw = text.slice(start, rawEnd);
    const value = quote === 0x22 ? decodeBasic(raw) : raw;
    return { value: multiLine ? value.replace(/\r\n/g, '\n') : value, offset: start, rawLength: rawEnd - start };
  }

  /** The closing quote of a basic string (escapes skipped), or -1. One-line strings stop at the line's end. */
  private closing(start: number, quote: number, multiLine: boolean): number {
    const { text } = this;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) i++;
      else if (c === 0x0a && !multiLine) return -1;
      else if (c === quote && (!multiLine || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) return i;
    }
    return -1;
  }
}

function isBareKey(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2d
  );
}

const BASIC_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };

/** A basic string's escapes; a backslash at a line's end drops the line break and the blanks after it. */
function decodeBasic(raw: string): string {
  if (!raw.includes('\\')) return raw;
  const parts: string[] = [];
  let runStart = 0;
  for (let i = raw.indexOf('\\'); i !== -1; i = raw.indexOf('\\', i)) {
    parts.push(raw.slice(runStart, i));
    const escaped = raw[i + 1] ?? '';
    i += 2;
    const simple = BASIC_ESCAPES[escaped];
    if (simple !== undefined) parts.push(simple);
    else if (escaped === 'u' || escaped === 'U' || escaped === 'x') {
      const length = escaped === 'u' ? 4 : escaped === 'U' ? 8 : 2;
      const code = hexValue(raw, i, length);
      if (Number.isNaN(code)) parts.push('\\', escaped);
      else {
        parts.push(codePointText(code));
        i += length;
      }
    } else if (escaped === ' ' || escaped === '\t' || escaped === '\r' || escaped === '\n') {
      let j = i - 1;
      while (j < raw.length && (raw[j] === ' ' || raw[j] === '\t' || raw[j] === '\r' || raw[j] === '\n')) j++;
      i = j;
    } else parts.push('\\', escaped);
    runStart = i;
  }
  parts.push(raw.slice(runStart));
  return parts.join('');
}
