import type { Emit } from './json';
import { codePointText, Finder, hexValue, isBlank, lineEnd, MAX_DEPTH, skipSpaces, trimEnd } from './sink';

/** An open block container: the column its entries start at, and the key path that leads to it. */
interface Frame {
  indent: number;
  path: string[];
  seq: boolean;
  count: number;
}

interface Scalar {
  value: string;
  offset: number;
  rawLength: number;
}

/**
 * YAML read line by line with a stack of open containers, the way a person reads indentation,
 * rather than by a full YAML parser that gives up on the first template or tab. Covers block
 * mappings and sequences, plain, quoted and block scalars, flow collections, comments, documents
 * (`endDocument` is called at the end of each), and steps over anchors, aliases, tags and Helm or
 * Jinja template lines (`{{- if … }}`, `{% … %}`). docker-compose `environment` lists
 * (`- KEY=value`) are reported as if written `KEY: value`.
 */
export function yamlSlots(text: string, emit: Emit, endDocument: () => void): void {
  new YamlReader(text, emit, endDocument).run();
}

class YamlReader {
  /** Start of the next line to read. */
  private pos = 0;
  /** Start of the line being read, for columns. */
  private lineStart = 0;
  private frames: Frame[] = [];
  /** A key with nothing after it: what follows, indented deeper, is its content. */
  private pending: { path: string[]; indent: number } | undefined;
  /** Lines indented deeper than this belong to a container past MAX_DEPTH: skipped. */
  private skipDeeper = -1;
  private flowPos = 0;
  private flowStop = false;
  private readonly templateClose: Finder;

  constructor(
    private readonly text: string,
    private readonly emit: Emit,
    private readonly endDocument: () => void,
  ) {
    this.templateClose = new Finder(text, '}}');
  }

  run(): void {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    while (this.pos < this.text.length) this.line();
    this.endDocument();
  }

  private line(): void {
    const { text } = this;
    const start = this.pos;
    const end = lineEnd(text, start);
    this.lineStart = start;
    this.pos = end + 1;
    const at = skipSpaces(text, start, end);
    const contentEnd = trimEnd(text, at, end);
    if (at === contentEnd) return;
    const code = text.charCodeAt(at);
    if (code === 0x23) return;
    const indent = at - start;
    if (indent === 0 && (this.marker(at, contentEnd, 0x2d) || this.marker(at, contentEnd, 0x2e))) {
      this.endDocument();
      this.frames = [];
      this.pending = undefined;
      this.skipDeeper = -1;
      return;
    }
    if (indent === 0 && code === 0x25) return;
    if (code === 0x7b && isTemplateOpen(text.charCodeAt(at + 1))) return;
    if (this.skipDeeper >= 0) {
      if (indent > this.skipDeeper) return;
      this.skipDeeper = -1;
    }
    const dash = this.isDash(at, contentEnd);
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      if (indent > pending.indent && !dash && !this.keyOf(at, contentEnd)) {
        const scalar = this.value(at, contentEnd, pending.path, pending.indent);
        if (scalar) this.emit(pending.path, scalar.value, scalar.offset, scalar.rawLength);
        return;
      }
      if (
        (indent > pending.indent || (indent === pending.indent && dash)) &&
        !this.push({ indent, path: pending.path, seq: dash, count: 0 })
      ) {
        this.skipDeeper = pending.indent;
        return;
      }
    }
    let top = this.frames[this.frames.length - 1];
    let popped: Frame | undefined;
    while (top && (top.indent > indent || (top.indent === indent && top.seq && !dash))) {
      popped = this.frames.pop();
      top = this.frames[this.frames.length - 1];
    }
    // A line indented between two levels (broken indentation) is taken as the deeper one's.
    if (popped && top && top.indent < indent && popped.seq === dash) {
      popped.indent = indent;
      this.frames.push(popped);
      top = popped;
    }
    if (!top) {
      top = { indent, path: [], seq: dash, count: 0 };
      this.frames.push(top);
    }
    this.node(at, contentEnd, top);
  }

  /** `---` or `...` alone (or followed by a space) at the start of a line. */
  private marker(at: number, end: number, code: number): boolean {
    const { text } = this;
    return (
      end - at >= 3 &&
      text.charCodeAt(at) === code &&
      text.charCodeAt(at + 1) === code &&
      text.charCodeAt(at + 2) === code &&
      (end === at + 3 || isBlank(text.charCodeAt(at + 3)))
    );
  }

  private isDash(at: number, end: number): boolean {
    return this.text.charCodeAt(at) === 0x2d && (at + 1 === end || isBlank(this.text.charCodeAt(at + 1)));
  }

  private push(frame: Frame): boolean {
    if (this.frames.length >= MAX_DEPTH) return false;
    this.frames.push(frame);
    return true;
  }

  /** A sequence item or a mapping entry starting at `at`, inside `frame`. */
  private node(at: number, end: number, frame: Frame): void {
    const { text } = this;
    if (this.isDash(at, end)) {
      const itemPath = [...frame.path, String(frame.count++)];
      const after = skipSpaces(text, at + 1, end);
      if (after >= end || text.charCodeAt(after) === 0x23) {
        this.pending = { path: itemPath, indent: at - this.lineStart };
        return;
      }
      const nestedDash = this.isDash(after, end);
      const key = nestedDash ? undefined : this.keyOf(after, end);
      if (nestedDash || key) {
        const inner: Frame = { indent: after - this.lineStart, path: itemPath, seq: nestedDash, count: 0 };
        if (!this.push(inner)) {
          this.skipDeeper = at - this.lineStart;
          return;
        }
        this.node(after, end, inner);
        return;
      }
      const scalar = this.value(after, end, itemPath, at - this.lineStart);
      if (scalar) this.item(frame.path, itemPath, scalar);
      return;
    }
    const key = this.keyOf(at, end);
    if (key) {
      const path = [...frame.path, key.key];
      const scalar = this.value(skipSpaces(text, key.valueStart, end), end, path, at - this.lineStart);
      if (scalar) this.emit(path, scalar.value, scalar.offset, scalar.rawLength);
      return;
    }
    const code = text.charCodeAt(at);
    // A document written as JSON, or a flow collection on its own line.
    if (code === 0x5b || (code === 0x7b && !isTemplateOpen(text.charCodeAt(at + 1)))) this.flow(at, frame.path, at - this.lineStart - 1);
  }

  /** A sequence item's scalar; in a compose `environment` list, `KEY=value` becomes key KEY. */
  private item(seqPath: string[], itemPath: string[], scalar: Scalar): void {
    const last = seqPath[seqPath.length - 1];
    const equals = scalar.value.indexOf('=');
    if (
      (last === 'environment' || (last === 'args' && seqPath[seqPath.length - 2] === 'build')) &&
      equals > 0 &&
      !/\s/.test(scalar.value.slice(0, equals))
    ) {
      const asWritten = this.text.startsWith(scalar.value, scalar.offset) && scalar.rawLength === scalar.value.length;
      this.emit(
        [...seqPath, scalar.value.slice(0, equals)],
        scalar.value.slice(equals + 1),
        asWritten ? scalar.offset + equals + 1 : scalar.offset,
        asWritten ? scalar.rawLength - equals - 1 : scalar.rawLength,
      );
      return;
    }
    this.emit(itemPath, scalar.value, scalar.offset, scalar.rawLength);
  }

  /** The key of a `key: value` line starting at `at` and where its value starts; else undefined. */
  private keyOf(at: number, end: number): { key: string; valueStart: number } | undefined {
    const { text } = this;
    const code = text.charCodeAt(at);
    if (code === 0x22 || code === 0x27) {
      const close = this.quoteEnd(at + 1, code, end);
      if (close >= end) return undefined;
      const colon = skipSpaces(text, close + 1, end);
      if (text.charCodeAt(colon) !== 0x3a || (colon + 1 < end && !isBlank(text.charCodeAt(colon + 1)))) return undefined;
      const key = code === 0x22 ? decodeDouble(text, at + 1, close) : decodeSingle(text, at + 1, close);
      return { key, valueStart: colon + 1 };
    }
    if (code === 0x3f || code === 0x5b || (code === 0x7b && !isTemplateOpen(text.charCodeAt(at + 1)))) return undefined;
    for (let i = at; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x3a && (i + 1 === end || isBlank(text.charCodeAt(i + 1)))) {
        const keyEnd = trimEnd(text, at, i);
        return keyEnd > at ? { key: text.slice(at, keyEnd), valueStart: i + 1 } : undefined;
      }
      if (c === 0x23 && i > at && isBlank(text.charCodeAt(i - 1))) return undefined;
    }
    return undefined;
  }

  /** The closing quote of a one-line quoted scalar started before `from`, or `end`. */
  private quoteEnd(from: number, quote: number, end: number): number {
    const { text } = this;
    for (let i = from; i < end; i++) {
      const c = text.charCodeAt(i);
      if (quote === 0x22 && c === 0x5c) i++;
      else if (c === quote) {
        if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
        else return i;
      }
    }
    return end;
  }

  /**
   * The value after a key or a dash. Returns the scalar, or undefined for an empty value (then
   * `pending`), an alias or a flow collection (whose scalars are emitted as they are read).
   * `owner` is the column of the key or dash: continuation lines must be indented deeper.
   */
  private value(start: number, end: number, path: string[], owner: number): Scalar | undefined {
    const { text } = this;
    let at = start;
    for (let code = text.charCodeAt(at); at < end && (code === 0x26 || code === 0x21); code = text.charCodeAt(at)) {
      while (at < end && !isBlank(text.charCodeAt(at))) at++;
      at = skipSpaces(text, at, end);
    }
    const code = text.charCodeAt(at);
    if (at >= end || code === 0x23) {
      this.pending = { path, indent: owner };
      return undefined;
    }
    if (code === 0x2a) return undefined;
    if (code === 0x7c || code === 0x3e) return this.block(at, end, owner);
    if (code === 0x22 || code === 0x27) return this.quoted(at, code, owner);
    if (code === 0x5b || (code === 0x7b && !isTemplateOpen(text.charCodeAt(at + 1)))) {
      this.flow(at, path, owner);
      return undefined;
    }
    return this.plain(at, end, owner);
  }

  /** A plain scalar, folded over the more-indented lines that continue it. */
  private plain(start: number, end: number, owner: number): Scalar {
    const { text } = this;
    let valueEnd = commentStart(text, start, end);
    const parts = [text.slice(start, valueEnd)];
    let blankLines = 0;
    for (let next = this.pos; next < text.length; ) {
      const nextEnd = lineEnd(text, next);
      const at = skipSpaces(text, next, nextEnd);
      const contentEnd = trimEnd(text, at, nextEnd);
      if (at === contentEnd) {
        blankLines++;
        next = nextEnd + 1;
        continue;
      }
      const code = text.charCodeAt(at);
      if (at - next <= owner || code === 0x23 || (code === 0x7b && isTemplateOpen(text.charCodeAt(at + 1))) || this.keyOf(at, contentEnd))
        break;
      const segmentEnd = commentStart(text, at, contentEnd);
      parts.push(blankLines ? '\n'.repeat(blankLines) : ' ', text.slice(at, segmentEnd));
      blankLines = 0;
      valueEnd = segmentEnd;
      next = nextEnd + 1;
      this.pos = next;
      if (segmentEnd < contentEnd) break;
    }
    return { value: parts.length === 1 ? (parts[0] ?? '') : parts.join(''), offset: start, rawLength: valueEnd - start };
  }

  /** A single- or double-quoted scalar, which may run over several lines. */
  private quoted(open: number, quote: number, owner: number): Scalar {
    const { text } = this;
    const start = open + 1;
    let close = -1;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c && quote === 0x22) i++;
      else if (c === quote) {
        if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
        else {
          close = i;
          break;
        }
      } else if (c === 0x0a) {
        // A line indented no deeper than the key cannot be inside the quotes: the quote was left open.
        const nextEnd = lineEnd(text, i + 1);
        const at = skipSpaces(text, i + 1, nextEnd);
        if (trimEnd(text, at, nextEnd) > at && at - (i + 1) <= owner) break;
      }
    }
    if (close === -1) close = trimEnd(text, start, lineEnd(text, start));
    else this.pos = Math.max(this.pos, lineEnd(text, close) + 1);
    const value = quote === 0x22 ? decodeDouble(text, start, close) : decodeSingle(text, start, close);
    return { value, offset: start, rawLength: close - start };
  }

  /** A literal (|) or folded (>) block scalar; its header starts at `header`. */
  private block(header: number, end: number, owner: number): Scalar {
    const { text } = this;
    const folded = text.charCodeAt(header) === 0x3e;
    let chomp = 0;
    let contentIndent = -1;
    for (let i = header + 1; i < end && !isBlank(text.charCodeAt(i)); i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2d) chomp = -1;
      else if (c === 0x2b) chomp = 1;
      else if (c >= 0x31 && c <= 0x39) contentIndent = Math.max(owner, 0) + c - 0x30;
    }
    // Offsets of each line's content ([from, to]); -1 marks an empty line.
    const lines: number[] = [];
    while (this.pos < text.length) {
      const from = this.pos;
      const to = lineEnd(text, from);
      let at = from;
      while (at < to && text.charCodeAt(at) === 0x20) at++;
      if (trimEnd(text, at, to) === at) {
        lines.push(-1, -1);
        this.pos = to + 1;
        continue;
      }
      const indent = at - from;
      if (contentIndent < 0) {
        if (indent <= owner) break;
        contentIndent = indent;
      }
      if (indent < contentIndent) break;
      lines.push(from + contentIndent, to > from && text.charCodeAt(to - 1) === 0x0d ? to - 1 : to);
      this.pos = to + 1;
    }
    let last = lines.length - 2;
    while (last >= 0 && lines[last] === -1) last -= 2;
    let first = 0;
    while (first <= last && lines[first] === -1) first += 2;
    if (last < 0) return { value: '', offset: header, rawLength: 0 };
    const parts: string[] = [];
    let previous: 'none' | 'normal' | 'more' = 'none';
    let breaks = 0;
    for (let i = 0; i <= last; i += 2) {
      const from = lines[i] ?? -1;
      const to = lines[i + 1] ?? -1;
      if (from === -1) {
        breaks++;
        continue;
      }
      const more = text.charCodeAt(from) === 0x20 || text.charCodeAt(from) === 0x09;
      if (previous !== 'none') {
        const fold = folded && previous === 'normal' && !more;
        parts.push(fold ? (breaks ? '\n'.repeat(breaks) : ' ') : '\n'.repeat(breaks + 1));
      } else if (breaks) parts.push('\n'.repeat(breaks));
      parts.push(text.slice(from, to));
      previous = more ? 'more' : 'normal';
      breaks = 0;
    }
    if (chomp === 0) parts.push('\n');
    else if (chomp === 1) parts.push('\n'.repeat(1 + (lines.length - last - 2) / 2));
    const offset = lines[first] ?? header;
    return { value: parts.join(''), offset, rawLength: (lines[last + 1] ?? offset) - offset };
  }

  /** A flow collection ({…} or […]) at `start`, possibly over several lines. */
  private flow(start: number, path: string[], owner: number): void {
    this.flowPos = start;
    this.flowStop = false;
    this.flowValue(path.slice(), this.frames.length, owner);
    this.pos = Math.max(this.pos, this.flowPos >= this.text.length ? this.text.length : lineEnd(this.text, this.flowPos) + 1);
  }

  private flowSpace(owner: number): void {
    const { text } = this;
    let at = this.flowPos;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x20 || c === 0x09 || c === 0x0d) at++;
      else if (c === 0x0a) {
        const nextEnd = lineEnd(text, at + 1);
        const content = skipSpaces(text, at + 1, nextEnd);
        const first = text.charCodeAt(content);
        if (
          trimEnd(text, content, nextEnd) > content &&
          content - (at + 1) <= owner &&
          first !== 0x5d &&
          first !== 0x7d &&
          first !== 0x23
        ) {
          // A line back at the key's indentation: the collection was never closed.
          this.flowStop = true;
          this.flowPos = at;
          return;
        }
        at = content;
      } else if (c === 0x23 && (at === 0 || isBlank(text.charCodeAt(at - 1)) || text.charCodeAt(at - 1) === 0x0a)) at = lineEnd(text, at);
      else break;
    }
    this.flowPos = at;
  }

  private flowValue(path: string[], depth: number, owner: number): void {
    const { text } = this;
    this.flowSpace(owner);
    if (this.flowStop || this.flowPos >= text.length) return;
    let code = text.charCodeAt(this.flowPos);
    while (code === 0x26 || code === 0x21) {
      while (this.flowPos < text.length && !isFlowStop(text.charCodeAt(this.flowPos)) && !isBlank(text.charCodeAt(this.flowPos)))
        this.flowPos++;
      this.flowSpace(owner);
      code = text.charCodeAt(this.flowPos);
    }
    if (code === 0x7b && !isTemplateOpen(text.charCodeAt(this.flowPos + 1))) this.flowCollection(path, depth, owner, true);
    else if (code === 0x5b) this.flowCollection(path, depth, owner, false);
    else {
      const scalar = this.flowScalar(owner);
      if (scalar && code !== 0x2a) this.emit(path, scalar.value, scalar.offset, scalar.rawLength);
    }
  }

  private flowCollection(path: string[], depth: number, owner: number, mapping: boolean): void {
    const { text } = this;
    const close = mapping ? 0x7d : 0x5d;
    this.flowPos++;
    let index = 0;
    while (!this.flowStop) {
      this.flowSpace(owner);
      if (this.flowStop || this.flowPos >= text.length) return;
      const code = text.charCodeAt(this.flowPos);
      if (code === close) {
        this.flowPos++;
        return;
      }
      if (code === 0x7d || code === 0x5d) return;
      if (code === 0x2c || code === 0x3a) {
        this.flowPos++;
        continue;
      }
      const before = this.flowPos;
      if (!mapping) {
        if (depth < MAX_DEPTH) this.flowValue([...path, String(index++)], depth + 1, owner);
        else this.flowScalar(owner);
      } else {
        const key = this.flowScalar(owner);
        this.flowSpace(owner);
        if (key && !this.flowStop && text.charCodeAt(this.flowPos) === 0x3a) {
          this.flowPos++;
          this.flowSpace(owner);
          const next = text.charCodeAt(this.flowPos);
          if (next !== 0x2c && next !== 0x7d && depth < MAX_DEPTH) this.flowValue([...path, key.value], depth + 1, owner);
        }
      }
      if (this.flowPos === before) this.flowPos++;
    }
  }

  /** A scalar inside a flow collection: quoted, a `{{ … }}` template, or plain up to an indicator. */
  private flowScalar(owner: number): Scalar | undefined {
    const { text } = this;
    const start = this.flowPos;
    const code = text.charCodeAt(start);
    if (code === 0x22 || code === 0x27) {
      const saved = this.pos;
      const scalar = this.quoted(start, code, owner);
      this.pos = saved;
      this.flowPos = Math.min(text.length, scalar.offset + scalar.rawLength + 1);
      return scalar;
    }
    let at = start;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x7b && isTemplateOpen(text.charCodeAt(at + 1))) {
        const closeAt = this.templateClose.from(at + 2);
        at = closeAt === -1 || closeAt > lineEnd(text, at) ? at + 2 : closeAt + 2;
        continue;
      }
      if (isFlowStop(c) || c === 0x0a) break;
      if (
        c === 0x3a &&
        (at + 1 >= text.length ||
          isBlank(text.charCodeAt(at + 1)) ||
          isFlowStop(text.charCodeAt(at + 1)) ||
          text.charCodeAt(at + 1) === 0x0a)
      )
        break;
      if (c === 0x23 && at > start && isBlank(text.charCodeAt(at - 1))) break;
      at++;
    }
    const end = trimEnd(text, start, at);
    this.flowPos = at;
    return end > start ? { value: text.slice(start, end), offset: start, rawLength: end - start } : undefined;
  }
}

/** `{{`, `{%` or `{#` (after a `{`): a Go, Helm or Jinja template. */
function isTemplateOpen(code: number): boolean {
  return code === 0x7b || code === 0x25 || code === 0x23;
}

function isFlowStop(code: number): boolean {
  return code === 0x2c || code === 0x5b || code === 0x5d || code === 0x7b || code === 0x7d;
}

/** Where a plain scalar on [start, end) stops: at ` #`, trimmed. */
function commentStart(text: string, start: number, end: number): number {
  for (let at = start + 1; at < end; at++) {
    if (text.charCodeAt(at) === 0x23 && isBlank(text.charCodeAt(at - 1))) return trimEnd(text, start, at);
  }
  return trimEnd(text, start, end);
}

/** Line breaks inside quotes fold: one becomes a space, each further empty line a newline. */
function fold(text: string, at: number, parts: string[]): number {
  let breaks = 0;
  let next = at;
  while (next < text.length && text.charCodeAt(next) === 0x0a) {
    breaks++;
    next++;
    while (next < text.length && isBlank(text.charCodeAt(next))) next++;
  }
  parts.push(breaks > 1 ? '\n'.repeat(breaks - 1) : ' ');
  return next;
}

/** Trims blanks before a folded line break from the last part. */
function trimLastPart(parts: string[]): void {
  const last = parts.length - 1;
  const part = parts[last];
  if (part === undefined) return;
  let end = part.length;
  while (end > 0 && isBlank(part.charCodeAt(end - 1))) end--;
  if (end < part.length) parts[last] = part.slice(0, end);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

/** A double-quoted scalar's text between its quotes, escapes and line folding applied. */
export function decodeDouble(text: string, start: number, end: number): string {
  let runStart = start;
  let parts: string[] | undefined;
  for (let i = start; i < end; ) {
    const c = text.charCodeAt(i);
    if (c !== 0x5c && c !== 0x0a) {
      i++;
      continue;
    }
    parts ??= [];
    parts.push(text.slice(runStart, i));
    if (c === 0x0a) {
      trimLastPart(parts);
      i = fold(text, i, parts);
    } else {
      const escaped = text[i + 1] ?? '';
      i += 2;
      const simple = SIMPLE_ESCAPES[escaped];
      if (simple !== undefined) parts.push(simple);
      else if (escaped === '\n' || escaped === '\r') {
        if (escaped === '\r' && text.charCodeAt(i) === 0x0a) i++;
        while (i < end && isBlank(text.charCodeAt(i))) i++;
      } else {
        const length = escaped === 'x' ? 2 : escaped === 'u' ? 4 : escaped === 'U' ? 8 : 0;
        const code = length ? hexValue(text, i, length) : Number.NaN;
        if (Number.isNaN(code)) parts.push('\\', escaped);
        else {
          parts.push(codePointText(code));
          i += length;
        }
      }
    }
    runStart = i;
  }
  if (!parts) return text.slice(start, end);
  parts.push(text.slice(runStart, end));
  return parts.join('');
}

/** A single-quoted scalar's text between its quotes: '' is a quote, line breaks fold. */
function decodeSingle(text: string, start: number, end: number): string {
  let runStart = start;
  let parts: string[] | undefined;
  for (let i = start; i < end; ) {
    const c = text.charCodeAt(i);
    if (c === 0x27 && text.charCodeAt(i + 1) === 0x27) {
      parts ??= [];
      parts.push(text.slice(runStart, i + 1));
      i += 2;
      runStart = i;
    } else if (c === 0x0a) {
      parts ??= [];
      parts.push(text.slice(runStart, i));
      trimLastPart(parts);
      i = fold(text, i, parts);
      runStart = i;
    } else i++;
  }
  if (!parts) return text.slice(start, end);
  parts.push(text.slice(runStart, end));
  return parts.join('');
}
