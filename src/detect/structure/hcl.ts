import type { Emit } from './json';
import { codePointText, hexValue, isBlank, lineEnd, MAX_DEPTH } from './sink';

/**
 * HCL and Terraform (*.tf, *.tfvars, *.hcl): attributes `key = value`, blocks with labels
 * (`provider "mailjet" {` → ['provider', 'mailjet', …]; `resource "aws_db_instance" "main" {`),
 * objects `{ a = "b" }`, tuples, heredocs (`<<EOF`, `<<-EOF`), comments (#, //, /* *\/).
 * Interpolations (`${var.x}`, `%{ if … }`) stay in the value as text. An expression that is not a
 * literal (a reference, a function call) gives no slot of its own, but the string literals inside
 * it do, under the attribute's path: `coalesce(var.x, "…")` still shows its fallback.
 */
export function hclSlots(text: string, emit: Emit): void {
  new HclReader(text, emit).body([], 0, false);
}

class HclReader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly emit: Emit,
  ) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** Attributes and blocks until the closing brace (when `closed`) or the end of the text. */
  body(path: string[], depth: number, closed: boolean): void {
    const { text } = this;
    while (this.space(true) < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x7d) {
        this.pos++;
        if (closed) return;
        continue;
      }
      const name = this.name();
      if (name === undefined) {
        this.pos = Math.min(text.length, lineEnd(text, this.pos) + 1);
        continue;
      }
      this.space(false);
      const next = text.charCodeAt(this.pos);
      if ((next === 0x3d && text.charCodeAt(this.pos + 1) !== 0x3d) || next === 0x3a) {
        this.pos++;
        this.space(false);
        // A Terraform variable's default is the variable's value: `variable "mailjet_api_key" { default = … }`
        // reads as mailjet_api_key, the name a rule knows (not …_default).
        const isDefault = name === 'default' && path.length === 2 && path[0] === 'variable';
        this.expression(isDefault ? path : [...path, name], depth, false);
        continue;
      }
      const labels: string[] = [name];
      for (let label = this.name(); label !== undefined; label = this.name()) {
        labels.push(label);
        this.space(false);
      }
      if (text.charCodeAt(this.pos) === 0x7b) {
        this.pos++;
        if (depth < MAX_DEPTH) this.body([...path, ...labels], depth + 1, true);
        else this.skipBalanced();
      } else this.pos = Math.min(text.length, lineEnd(text, this.pos) + 1);
    }
  }

  /** An identifier or a quoted string (a block label or a key); undefined when there is none. */
  private name(): string | undefined {
    const { text } = this;
    const c = text.charCodeAt(this.pos);
    if (c === 0x22) return this.string().value;
    const start = this.pos;
    while (this.pos < text.length && isIdentifier(text.charCodeAt(this.pos))) this.pos++;
    return this.pos > start ? text.slice(start, this.pos) : undefined;
  }

  /** Skips blanks and comments (newlines too when `lines`); returns pos. */
  private space(lines: boolean): number {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0d || (lines && c === 0x0a)) this.pos++;
      else if (c === 0x23 || (c === 0x2f && text.charCodeAt(this.pos + 1) === 0x2f)) this.pos = lineEnd(text, this.pos);
      else if (c === 0x2f && text.charCodeAt(this.pos + 1) === 0x2a) {
        const close = text.indexOf('*/', this.pos + 2);
        this.pos = close === -1 ? text.length : close + 2;
      } else break;
    }
    return this.pos;
  }

  /**
   * The expression at pos, for `path`. Literals, objects and tuples are read as such; anything
   * else is skipped to its end (the line's end, or a separator when `inCollection`), reporting
   * the strings inside it.
   */
  private expression(path: string[], depth: number, inCollection: boolean): void {
    const { text } = this;
    const c = text.charCodeAt(this.pos);
    if (c === 0x22) {
      const string = this.string();
      this.emit(path, string.value, string.offset, string.rawLength);
      // A string followed by an operator is part of a larger expression: read the rest of it.
      if (this.continues(inCollection)) this.rest(path, inCollection);
      return;
    }
    if (c === 0x3c && text.charCodeAt(this.pos + 1) === 0x3c) this.heredoc(path);
    else if (c === 0x7b) this.object(path, depth);
    else if (c === 0x5b) this.tuple(path, depth);
    else this.word(path, inCollection);
  }

  /** A number or boolean is a slot; any other expression starting with a word is read through. */
  private word(path: string[], inCollection: boolean): void {
    const { text } = this;
    const start = this.pos;
    while (this.pos < text.length && isIdentifier(text.charCodeAt(this.pos))) this.pos++;
    const word = text.slice(start, this.pos);
    if (word && (/^-?[0-9][0-9.eE+-]*$/.test(word) || word === 'true' || word === 'false') && !this.continues(inCollection)) {
      this.emit(path, word, start, word.length);
      return;
    }
    this.rest(path, inCollection);
  }

  /** Whether more of the expression follows on this line (an operator, a call…). */
  private continues(inCollection: boolean): boolean {
    const { text } = this;
    const saved = this.pos;
    this.space(false);
    const c = text.charCodeAt(this.pos);
    this.pos = saved;
    return !(Number.isNaN(c) || c === 0x0a || c === 0x7d || (inCollection && (c === 0x2c || c === 0x5d)));
  }

  /** The rest of a complex expression: brackets balanced, strings reported, up to its end. */
  private rest(path: string[], inCollection: boolean): void {
    const { text } = this;
    let level = 0;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x22) {
        const string = this.string();
        this.emit(path, string.value, string.offset, string.rawLength);
        continue;
      }
      if (c === 0x23 || (c === 0x2f && (text.charCodeAt(this.pos + 1) === 0x2f || text.charCodeAt(this.pos + 1) === 0x2a))) {
        this.space(false);
        continue;
      }
      if (level === 0 && (c === 0x0a || c === 0x7d || (inCollection && (c === 0x2c || c === 0x5d)))) return;
      if (c === 0x28 || c === 0x5b || c === 0x7b) {
        if (++level > MAX_DEPTH) {
          this.skipLine();
          return;
        }
      } else if (c === 0x29 || c === 0x5d || c === 0x7d) level--;
      this.pos++;
    }
  }

  private skipLine(): void {
    this.pos = lineEnd(this.text, this.pos);
  }

  private object(path: string[], depth: number): void {
    const { text } = this;
    this.pos++;
    while (this.space(true) < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x7d) {
        this.pos++;
        return;
      }
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      const before = this.pos;
      let key: string | undefined;
      if (c === 0x28) {
        // A computed key `(var.x) = …`: its value has no name to give.
        this.rest(path, true);
      } else key = this.name();
      this.space(false);
      const next = text.charCodeAt(this.pos);
      if (key !== undefined && (next === 0x3d || next === 0x3a)) {
        this.pos++;
        this.space(false);
        if (depth < MAX_DEPTH) this.expression([...path, key], depth + 1, true);
        else this.rest(path, true);
      }
      if (this.pos === before) this.pos++;
    }
  }

  private tuple(path: string[], depth: number): void {
    const { text } = this;
    this.pos++;
    let index = 0;
    while (this.space(true) < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x5d) {
        this.pos++;
        return;
      }
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x7d) return;
      const before = this.pos;
      if (depth < MAX_DEPTH) this.expression([...path, String(index++)], depth + 1, true);
      else this.rest(path, true);
      if (this.pos === before) this.pos++;
    }
  }

  /** `<<EOF` or `<<-EOF` (whose lines lose their common indentation) up to the marker's line. */
  private heredoc(path: string[]): void {
    const { text } = this;
    let at = this.pos + 2;
    const indented = text.charCodeAt(at) === 0x2d;
    if (indented) at++;
    const markStart = at;
    while (at < text.length && isIdentifier(text.charCodeAt(at))) at++;
    const mark = text.slice(markStart, at);
    const first = lineEnd(text, at) + 1;
    if (!mark || first > text.length) {
      this.pos = Math.min(text.length, lineEnd(text, at));
      return;
    }
    const lines: [number, number][] = [];
    let line = first;
    let closed = false;
    while (line < text.length) {
      const end = lineEnd(text, line);
      const contentEnd = end > line && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
      let s = line;
      while (s < contentEnd && isBlank(text.charCodeAt(s))) s++;
      let e = contentEnd;
      while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
      if (e - s === mark.length && text.startsWith(mark, s)) {
        closed = true;
        this.pos = end;
        break;
      }
      lines.push([line, contentEnd]);
      line = end + 1;
    }
    if (!closed) this.pos = text.length;
    let strip = 0;
    if (indented) {
      strip = Number.MAX_SAFE_INTEGER;
      for (const [from, to] of lines) {
        let s = from;
        while (s < to && isBlank(text.charCodeAt(s))) s++;
        if (s < to) strip = Math.min(strip, s - from);
      }
      if (strip === Number.MAX_SAFE_INTEGER) strip = 0;
    }
    const parts = lines.map(([from, to]) => text.slice(Math.min(from + strip, to), to));
    const last = lines[lines.length - 1];
    const offset = first + strip;
    this.emit(path, parts.length ? `${parts.join('\n')}\n` : '', Math.min(offset, text.length), last ? Math.max(0, last[1] - offset) : 0);
  }

  /** A quoted template string; interpolations and directives are kept as written. */
  private string(): { value: string; offset: number; rawLength: number } {
    const { text } = this;
    const start = this.pos + 1;
    let at = start;
    let runStart = start;
    let parts: string[] | undefined;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x22 || c === 0x0a) break;
      if ((c === 0x24 || c === 0x25) && text.charCodeAt(at + 1) === 0x7b) {
        at = this.interpolationEnd(at + 2, 0);
        continue;
      }
      if (c !== 0x5c) {
        at++;
        continue;
      }
      parts ??= [];
      parts.push(text.slice(runStart, at));
      const escaped = text[at + 1] ?? '';
      at += 2;
      const simple =
        escaped === 'n'
          ? '\n'
          : escaped === 't'
            ? '\t'
            : escaped === 'r'
              ? '\r'
              : escaped === '"'
                ? '"'
                : escaped === '\\'
                  ? '\\'
                  : undefined;
      if (simple !== undefined) parts.push(simple);
      else if (escaped === 'u' || escaped === 'U') {
        const length = escaped === 'u' ? 4 : 8;
        const code = hexValue(text, at, length);
        if (Number.isNaN(code)) parts.push('\\', escaped);
        else {
          parts.push(codePointText(code));
          at += length;
        }
      } else parts.push('\\', escaped);
      runStart = at;
    }
    const end = Math.min(at, text.length);
    const rawEnd = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    this.pos = text.charCodeAt(end) === 0x22 ? end + 1 : end;
    if (!parts) return { value: text.slice(start, rawEnd), offset: start, rawLength: rawEnd - start };
    parts.push(text.slice(runStart, rawEnd));
    return { value: parts.join(''), offset: start, rawLength: rawEnd - start };
  }

  /** Past the `}` closing an interpolation opened before `from`; nested strings and braces skipped. */
  private interpolationEnd(from: number, nesting: number): number {
    const { text } = this;
    let level = 1;
    let at = from;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x0a) return at;
      if (c === 0x22 && nesting < MAX_DEPTH) {
        // A string inside the interpolation, which may hold interpolations of its own.
        at++;
        while (at < text.length && text.charCodeAt(at) !== 0x22 && text.charCodeAt(at) !== 0x0a) {
          if (text.charCodeAt(at) === 0x5c) at += 2;
          else if (text.charCodeAt(at) === 0x24 && text.charCodeAt(at + 1) === 0x7b) at = this.interpolationEnd(at + 2, nesting + 1);
          else at++;
        }
        if (text.charCodeAt(at) === 0x22) at++;
        continue;
      }
      if (c === 0x7b) level++;
      else if (c === 0x7d && --level === 0) return at + 1;
      at++;
    }
    return at;
  }

  /** A block too deep to report: skipped by counting braces. */
  private skipBalanced(): void {
    const { text } = this;
    let level = 1;
    while (this.pos < text.length && level > 0) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x22) {
        this.string();
        continue;
      }
      if (c === 0x7b) level++;
      else if (c === 0x7d) level--;
      this.pos++;
    }
  }
}

function isIdentifier(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x2a
  );
}
