import { isEscaped } from './codeContext';
import { slotsOf } from './structure/slots';

/**
 * Text as the program reading it would see it, where the file hides it from the rules behind one
 * layer of encoding: JSON string escapes (`ghp\u005f…`, `https:\/\/…`), a JSON document inside a
 * JSON string, a Jupyter notebook's cells (each line of code a JSON string), percent-encoding
 * (`token=ghp%5F…`), and base64 where the line says so (`…_B64=`, `base64`, `Basic …`).
 *
 * Each layer starts only where the text shows its marker (the detector's keyword search finds
 * them in its one pass: DECODING_MARKERS) or, for notebooks, from the file name; each is bounded
 * in how much it decodes. Pure: text in, views out.
 */

/** One decoded stretch of a view and the encoded text it came from. */
export interface DecodedSegment {
  /** Where the decoded text starts in the view, and its length. */
  at: number;
  length: number;
  /** Where the encoded text starts in the file's text, and that text. */
  offset: number;
  raw: string;
  /**
   * Where each decoded character starts in `raw` (one more entry for the end), when the layer
   * decodes character by character: a value found in the decoded text maps back to exactly the
   * encoded characters it came from. Without it, the value is the whole stretch.
   */
  positions?: Int32Array;
}

export type DecodingLayer = 'json' | 'notebook' | 'url' | 'base64';

/** Decoded text to scan like a file, with the way back to the file's text. */
export interface DecodedView {
  layer: DecodingLayer;
  /** The name the view is scanned under: a notebook's cells read as Python, a JSON string holding a document as JSON. */
  path: string;
  text: string;
  segments: DecodedSegment[];
}

/** Substrings that mark where a layer may apply; the keyword search reports them with the rules' keywords (lower case). */
export const DECODING_MARKERS = ['\\u00', '\\/', '{\\"', '[{\\"', '%2', '%3', '%4', '%5', '%7', 'base64', 'b64', 'basic '];

const JSON_MARKERS = ['\\u00', '\\/', '{\\"', '[{\\"'];
const PERCENT_MARKERS = ['%2', '%3', '%4', '%5', '%7'];
const BASE64_MARKERS = ['base64', 'b64', 'basic '];

/** Longest encoded stretch decoded: a credential, or a small document holding one. */
const MAX_SEGMENT = 8192;
/** Most stretches decoded per layer and text: a text full of markers costs no more than this. */
const MAX_SEGMENTS = 400;
/** Shortest decoded value worth a look (the generic rule's minimum). */
const MIN_DECODED = 8;

/**
 * The views of a text. `markersAt(marker)` gives where a marker starts (ascending) when the caller
 * knows; otherwise the text is searched for it.
 */
export function decodedViews(path: string, text: string, markersAt?: (marker: string) => readonly number[] | undefined): DecodedView[] {
  // The caller's keyword search saw every marker the text holds: one it did not report is absent.
  const at = (marker: string) => (markersAt ? (markersAt(marker) ?? []) : occurrences(text, marker));
  const views: DecodedView[] = [];
  if (isNotebook(path)) views.push(...notebookViews(path, text));
  else views.push(...jsonStringViews(path, text, starts(JSON_MARKERS, at)));
  const url = percentView(path, text, starts(PERCENT_MARKERS, at));
  if (url) views.push(url);
  const base64 = base64View(path, text, starts(BASE64_MARKERS, at));
  if (base64) views.push(base64);
  return views;
}

export function isNotebook(path: string): boolean {
  return path.toLowerCase().endsWith('.ipynb');
}

/** The segment of a view that holds a view offset (the one before it, between two). */
export function segmentAt(view: DecodedView, offset: number): DecodedSegment | undefined {
  let found: DecodedSegment | undefined;
  for (const segment of view.segments) {
    if (segment.at > offset) break;
    found = segment;
  }
  return found;
}

/**
 * Where any of these markers starts, ascending. Gathered into a typed array, not spread into a
 * push: a text may hold hundreds of thousands of markers (`%20` in URL-encoded data), past the
 * number of arguments a call can take.
 */
function starts(markers: readonly string[], at: (marker: string) => readonly number[]): Int32Array {
  const lists = markers.map(at);
  const all = new Int32Array(lists.reduce((sum, list) => sum + list.length, 0));
  let filled = 0;
  for (const list of lists) {
    all.set(list, filled);
    filled += list.length;
  }
  return all.sort();
}

function occurrences(text: string, marker: string): number[] {
  const found: number[] = [];
  const lower = /[a-z]/.test(marker);
  const haystack = lower ? text.toLowerCase() : text;
  for (let at = haystack.indexOf(marker); at !== -1 && found.length < MAX_SEGMENTS; at = haystack.indexOf(marker, at + 1)) found.push(at);
  return found;
}

/** Collects decoded stretches into one view, one per line, skipping those already taken. */
class ViewBuilder {
  private readonly parts: string[] = [];
  private readonly segments: DecodedSegment[] = [];
  private readonly taken = new Set<number>();
  private length = 0;

  constructor(
    private readonly layer: DecodingLayer,
    private readonly path: string,
    private readonly separator = '\n',
  ) {}

  has(offset: number): boolean {
    return this.taken.has(offset);
  }

  get full(): boolean {
    return this.segments.length >= MAX_SEGMENTS;
  }

  add(decoded: string, offset: number, raw: string, positions?: Int32Array): void {
    this.taken.add(offset);
    if (this.parts.length > 0) {
      this.parts.push(this.separator);
      this.length += this.separator.length;
    }
    this.segments.push({ at: this.length, length: decoded.length, offset, raw, ...(positions ? { positions } : {}) });
    this.parts.push(decoded);
    this.length += decoded.length;
  }

  view(): DecodedView | undefined {
    return this.segments.length ? { layer: this.layer, path: this.path, text: this.parts.join(''), segments: this.segments } : undefined;
  }
}

/**
 * The JSON string literals around the markers, decoded. A literal that holds a JSON document
 * becomes a view of its own, read as JSON (its keys then name its values); the rest share one.
 */
function jsonStringViews(path: string, text: string, markers: Int32Array): DecodedView[] {
  const strings = new ViewBuilder('json', path);
  const documents: DecodedView[] = [];
  const seen = new Set<number>();
  for (const marker of markers) {
    const literal = enclosingLiteral(text, marker);
    if (!literal || seen.has(literal.open)) continue;
    seen.add(literal.open);
    const raw = text.slice(literal.open + 1, literal.close);
    const unescaped = jsonUnescaped(raw);
    if (!unescaped) continue; // not a JSON string (a regex, a Windows path…)
    const { decoded, positions } = unescaped;
    if (decoded === raw || decoded.length < MIN_DECODED) continue;
    if (/^\s*[[{]/.test(decoded) && documents.length < MAX_SEGMENTS) {
      documents.push({
        layer: 'json',
        path: `${path}.json`,
        text: decoded,
        segments: [{ at: 0, length: decoded.length, offset: literal.open + 1, raw, positions }],
      });
    } else if (!strings.full) {
      strings.add(decoded, literal.open + 1, raw, positions);
    }
  }
  const rest = strings.view();
  return rest ? [...documents, rest] : documents;
}

/** The double-quoted literal on one line around `at`: its quotes' offsets. */
function enclosingLiteral(text: string, at: number): { open: number; close: number } | undefined {
  let open = -1;
  for (let index = at; index >= 0 && at - index <= MAX_SEGMENT; index--) {
    const char = text[index];
    if (char === '\n') return undefined;
    if (char === '"' && !isEscaped(text, index)) {
      open = index;
      break;
    }
  }
  if (open === -1) return undefined;
  for (let index = Math.max(at, open + 1); index < text.length && index - open <= MAX_SEGMENT; index++) {
    const char = text[index];
    if (char === '\n') return undefined;
    if (char === '"' && !isEscaped(text, index)) return { open, close: index };
  }
  return undefined;
}

/** Characters that end a percent-encoded stretch (a URL, a query value, a form field). */
const NOT_IN_URL = /[\s"'`<>()[\]{},;|\\]/;

/** The percent-encoded stretches around the markers, decoded (`%5F` → `_`, `%40` → `@`). */
function percentView(path: string, text: string, markers: Int32Array): DecodedView | undefined {
  const builder = new ViewBuilder('url', path);
  let reached = -1;
  for (const marker of markers) {
    if (marker < reached || builder.full || !isHex(text[marker + 1]) || !isHex(text[marker + 2])) continue;
    let start = marker;
    while (start > 0 && marker - start < MAX_SEGMENT && !NOT_IN_URL.test(text[start - 1]!)) start--;
    let end = marker + 3;
    while (end < text.length && end - marker < MAX_SEGMENT && !NOT_IN_URL.test(text[end]!)) end++;
    reached = end;
    const raw = text.slice(start, end);
    const { decoded, positions } = percentDecoded(raw);
    if (decoded !== raw && decoded.length >= MIN_DECODED && !builder.has(start)) builder.add(decoded, start, raw, positions);
  }
  return builder.view();
}

function isHex(char: string | undefined): boolean {
  return char !== undefined && /^[0-9A-Fa-f]$/.test(char);
}

/** Percent-decoding that never throws: the bytes of every `%XX` as UTF-8 (invalid ones as U+FFFD), the rest as written. */
function percentDecoded(raw: string): { decoded: string; positions: Int32Array } {
  const out = new PositionedText(raw.length);
  for (let index = 0; index < raw.length; ) {
    if (raw[index] !== '%' || !isHex(raw[index + 1]) || !isHex(raw[index + 2])) {
      out.push(raw[index]!, index);
      index++;
      continue;
    }
    // A run of %XX: decoded as UTF-8 together, each character pointing at the first of its bytes.
    const start = index;
    const bytes: number[] = [];
    const byteAt: number[] = [];
    while (raw[index] === '%' && isHex(raw[index + 1]) && isHex(raw[index + 2])) {
      bytes.push(Number.parseInt(raw.slice(index + 1, index + 3), 16));
      byteAt.push(index);
      index += 3;
    }
    let byte = 0;
    for (const char of Buffer.from(bytes).toString('utf8')) {
      out.push(char, byteAt[byte] ?? start);
      byte += Math.max(1, Buffer.byteLength(char === '\ufffd' ? 'x' : char));
    }
  }
  return out.done(raw.length);
}

/** A decoded text built character by character, with where each character starts in the encoded one. */
class PositionedText {
  private readonly chars: string[] = [];
  private readonly at: number[] = [];

  constructor(private readonly hint: number) {}

  push(chars: string, rawIndex: number): void {
    for (const char of chars) {
      for (let unit = 0; unit < char.length; unit++) {
        this.chars.push(char[unit]!);
        this.at.push(rawIndex);
      }
    }
  }

  done(rawLength: number): { decoded: string; positions: Int32Array } {
    const positions = new Int32Array(Math.max(this.hint, this.at.length) + 1);
    positions.set(this.at);
    positions[this.at.length] = rawLength;
    return { decoded: this.chars.join(''), positions: positions.subarray(0, this.at.length + 1) };
  }
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A JSON string's content decoded, or undefined when it is not one (a bad escape, a raw quote). */
function jsonUnescaped(raw: string): { decoded: string; positions: Int32Array } | undefined {
  const out = new PositionedText(raw.length);
  for (let index = 0; index < raw.length; ) {
    const char = raw[index]!;
    if (char === '"') return undefined;
    if (char !== '\\') {
      out.push(char, index);
      index++;
      continue;
    }
    const kind = raw[index + 1];
    if (kind === 'u') {
      const hex = raw.slice(index + 2, index + 6);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return undefined;
      out.push(String.fromCharCode(Number.parseInt(hex, 16)), index);
      index += 6;
    } else {
      const plain = kind === undefined ? undefined : JSON_ESCAPES[kind];
      if (plain === undefined) return undefined;
      out.push(plain, index);
      index += 2;
    }
  }
  return out.done(raw.length);
}

/** A base64 (or base64url) run of at least 16 characters. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;

/** Runs of base64 on the line after a marker (`…_B64=`, `base64,`, `Basic `), decoded when the result is text. */
function base64View(path: string, text: string, markers: Int32Array): DecodedView | undefined {
  const builder = new ViewBuilder('base64', path);
  let reached = -1;
  for (const marker of markers) {
    if (marker < reached || builder.full) continue;
    const lineEnd = text.indexOf('\n', marker);
    const end = Math.min(lineEnd === -1 ? text.length : lineEnd, marker + MAX_SEGMENT);
    reached = end;
    const line = text.slice(marker, end);
    BASE64_RUN.lastIndex = 0;
    for (let run = BASE64_RUN.exec(line); run && !builder.full; run = BASE64_RUN.exec(line)) {
      const raw = run[0];
      const decoded = printableDecoding(raw);
      if (decoded && !builder.has(marker + run.index)) builder.add(decoded, marker + run.index, raw);
    }
  }
  return builder.view();
}

/** The text a base64 run encodes, or undefined when it encodes bytes (an image, a hash, a word that only looks like base64). */
function printableDecoding(raw: string): string | undefined {
  const body = raw.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  const bytes = Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length < MIN_DECODED) return undefined;
  // Printable ASCII and line breaks (a PEM block): anything else is bytes, not text.
  for (const byte of bytes) if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte > 0x7e) return undefined;
  return bytes.toString('latin1');
}

/** Where a notebook keeps lines of text: cell sources and the text of outputs. */
function notebookPart(path: readonly string[]): string | undefined {
  const [cells, cell, field, ...rest] = path;
  if (cells !== 'cells' || cell === undefined) return undefined;
  if (field === 'source' && rest.length === 1) return `${cell}.source`;
  if (field !== 'outputs' || rest.length < 3) return undefined;
  const [output, kind, ...tail] = rest;
  if (kind === 'text' && tail.length === 1) return `${cell}.${output}.text`;
  if (kind === 'data' && tail[0] === 'text/plain' && tail.length === 2) return `${cell}.${output}.data`;
  return undefined;
}

/**
 * A notebook's cells as the code they hold, one view per cell source and output text, each line
 * pointing back at the JSON string it was written as.
 */
function notebookViews(path: string, text: string): DecodedView[] {
  const parts = new Map<string, ViewBuilder>();
  for (const slot of slotsOf(path, text, 'json')) {
    const part = notebookPart(slot.path);
    if (!part) continue;
    let builder = parts.get(part);
    if (!builder) {
      builder = new ViewBuilder('notebook', `${path}.py`, '');
      parts.set(part, builder);
    }
    if (builder.full) continue;
    const raw = text.slice(slot.offset, slot.offset + slot.rawLength);
    const unescaped = jsonUnescaped(raw);
    builder.add(slot.value, slot.offset, raw, unescaped?.decoded === slot.value ? unescaped.positions : undefined);
  }
  return [...parts.values()].flatMap((builder) => builder.view() ?? []);
}
