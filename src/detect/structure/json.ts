import { Finder, hexValue, isBlank, lineEnd, MAX_DEPTH } from './sink';

/** Where a parser reports a value: its key path, its decoded text, its offset and written length. */
export type Emit = (path: readonly string[], value: string, offset: number, rawLength: number) => void;

/**
 * JSON read the way editors and config loaders read it, not the way a strict parser refuses it:
 * comments (`//`, `/* *\/`), trailing commas, single quotes and bare keys (JSON5), templates in
 * value position (`{{ … }}`), several documents one after the other (JSON Lines). A file cut in the
 * middle yields the values before the cut.
 */
export function jsonSlots(text: string, emit: Emit): void {
  new JsonReader(text, emit).run();
}

class JsonReader {
  private pos = 0;
  private readonly path: string[] = [];
  private readonly templateClose: Finder;
  private readonly braceClose: Finder;

  constructor(
    private readonly text: string,
    private readonly emit: Emit,
  ) {
    this.templateClose = new Finder(text, '}}');
    this.braceClose = new Finder(text, '}');
  }

  run(): void {
    const { text } = this;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    while (this.skipSpace() < text.length) {
      const before = this.pos;
      this.value(0);
      // Stray closers or separators between documents: step over them rather than stall.
      if (this.pos === before) this.pos++;
    }
  }

  /** Skips whitespace and comments; returns the new position. */
  private skipSpace(): number {
    const { text } = this;
    let at = this.pos;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff) at++;
      else if (code === 0x2f && text.charCodeAt(at + 1) === 0x2f) {
        const end = text.indexOf('\n', at);
        at = end === -1 ? text.length : end + 1;
      } else if (code === 0x2f && text.charCodeAt(at + 1) === 0x2a) {
        const end = text.indexOf('*/', at + 2);
        at = end === -1 ? text.length : end + 2;
      } else break;
    }
    this.pos = at;
    return at;
  }

  private value(depth: number): void {
    const { text } = this;
    const code = text.charCodeAt(this.pos);
    if (code === 0x7b && text.charCodeAt(this.pos + 1) !== 0x7b) this.object(depth);
    else if (code === 0x5b) this.array(depth);
    else if (code === 0x22 || code === 0x27) {
      const start = this.pos + 1;
      const value = this.string();
      this.emit(this.path, value, start, this.stringEnd - start);
    } else this.bare();
  }

  private object(depth: number): void {
    if (depth >= MAX_DEPTH) {
      this.skipNested();
      return;
    }
    const { text, path } = this;
    this.pos++;
    while (this.skipSpace() < text.length) {
      const code = text.charCodeAt(this.pos);
      if (code === 0x7d) {
        this.pos++;
        return;
      }
      if (code === 0x2c) {
        this.pos++;
        continue;
      }
      if (code === 0x5d) return;
      let key: string;
      if (code === 0x22 || code === 0x27) key = this.string();
      else if (code === 0x7b && text.charCodeAt(this.pos + 1) === 0x7b) {
        this.template();
        continue;
      } else {
        const start = this.pos;
        let end = start;
        while (end < text.length && !isBareKeyStop(text.charCodeAt(end))) end++;
        if (end === start) {
          this.pos++;
          continue;
        }
        key = text.slice(start, end);
        this.pos = end;
      }
      this.skipSpace();
      if (text.charCodeAt(this.pos) !== 0x3a) continue;
      this.pos++;
      if (this.skipSpace() >= text.length) return;
      const next = text.charCodeAt(this.pos);
      if (next === 0x2c || next === 0x7d) continue;
      path.push(key);
      this.value(depth + 1);
      path.pop();
    }
  }

  private array(depth: number): void {
    if (depth >= MAX_DEPTH) {
      this.skipNested();
      return;
    }
    const { text, path } = this;
    this.pos++;
    let index = 0;
    while (this.skipSpace() < text.length) {
      const code = text.charCodeAt(this.pos);
      if (code === 0x5d) {
        this.pos++;
        return;
      }
      if (code === 0x2c) {
        this.pos++;
        continue;
      }
      if (code === 0x7d) return;
      const before = this.pos;
      path.push(String(index++));
      this.value(depth + 1);
      path.pop();
      if (this.pos === before) this.pos++;
    }
  }

  /** Where the last string read ended (its closing quote, or where it was cut). */
  private stringEnd = 0;

  /** A quoted string at pos, escapes decoded; a string left open ends at its line's end. */
  private string(): string {
    const { text } = this;
    const quote = text.charCodeAt(this.pos);
    const start = this.pos + 1;
    let at = start;
    let runStart = start;
    let parts: string[] | undefined;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === quote || code === 0x0a) break;
      if (code !== 0x5c) {
        at++;
        continue;
      }
      parts ??= [];
      parts.push(text.slice(runStart, at));
      const escaped = text.charCodeAt(at + 1);
      at += 2;
      switch (escaped) {
        case 0x6e:
          parts.push('\n');
          break;
        case 0x74:
          parts.push('\t');
          break;
        case 0x72:
          parts.push('\r');
          break;
        case 0x62:
          parts.push('\b');
          break;
        case 0x66:
          parts.push('\f');
          break;
        case 0x0a:
          break;
        case 0x75: {
          const unit = hexValue(text, at, 4);
          if (Number.isNaN(unit)) parts.push('\\u');
          else {
            parts.push(String.fromCharCode(unit));
            at += 4;
          }
          break;
        }
        default:
          if (Number.isNaN(escaped)) at--;
          else parts.push(String.fromCharCode(escaped));
      }
      runStart = at;
    }
    const end = Math.min(at, text.length);
    this.stringEnd = end > start && text.charCodeAt(end - 1) === 0x0d && text.charCodeAt(end) === 0x0a ? end - 1 : end;
    this.pos = text.charCodeAt(at) === quote ? at + 1 : at;
    if (!parts) return text.slice(start, this.stringEnd);
    parts.push(text.slice(runStart, this.stringEnd));
    return parts.join('');
  }

  /** A number, true/false/null, or anything unquoted a template left there; up to a separator. */
  private bare(): void {
    const { text } = this;
    const start = this.pos;
    let at = start;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === 0x2c || code === 0x7d || code === 0x5d || code === 0x0a) break;
      if (code === 0x2f && (text.charCodeAt(at + 1) === 0x2f || text.charCodeAt(at + 1) === 0x2a)) break;
      const templated = code === 0x7b ? at + 1 : code === 0x24 && text.charCodeAt(at + 1) === 0x7b ? at + 2 : -1;
      if (templated !== -1 && text.charCodeAt(templated) === 0x7b) {
        // `{{ … }}` and `${{ … }}` hold braces of their own: one unit each.
        const close = this.templateClose.from(at + 2);
        at = close === -1 || close > lineEnd(text, at) ? at + 2 : close + 2;
        continue;
      }
      if (code === 0x24 && text.charCodeAt(at + 1) === 0x7b) {
        const close = this.braceClose.from(at + 2);
        at = close === -1 || close > lineEnd(text, at) ? at + 2 : close + 1;
        continue;
      }
      at++;
    }
    let end = at;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    this.pos = at;
    if (end > start) this.emit(this.path, text.slice(start, end), start, end - start);
  }

  /** `{{ … }}` where a key should be (a templated JSON file): skipped whole. */
  private template(): void {
    const close = this.text.indexOf('}}', this.pos + 2);
    this.pos = close === -1 ? this.text.length : close + 2;
  }

  /** A container too deep to report: skipped by counting brackets outside strings. */
  private skipNested(): void {
    const { text } = this;
    let level = 0;
    while (this.pos < text.length) {
      const code = text.charCodeAt(this.pos);
      if (code === 0x22 || code === 0x27) {
        this.string();
        continue;
      }
      this.pos++;
      if (code === 0x7b || code === 0x5b) level++;
      else if ((code === 0x7d || code === 0x5d) && --level === 0) return;
    }
  }
}

/** A bare (JSON5) key ends at a colon, a space or a structural character. */
function isBareKeyStop(code: number): boolean {
  return (
    code === 0x3a ||
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x2c ||
    code === 0x7b ||
    code === 0x7d ||
    code === 0x5b ||
    code === 0x5d ||
    code === 0x22 ||
    code === 0x27
  );
}
