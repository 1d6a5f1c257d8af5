import { isAscii, isUtf8 } from 'node:buffer';
import { type Utf32, Utf32Decoder, utf32Unit } from './utf32';

/** How a file's bytes turned into text, or why they did not. */
export type Decoded = { kind: 'text'; text: string } | { kind: 'binary' };

/** The bytes the binary test looks at (git's own test looks at as many). */
export const SNIFF_BYTES = 8000;

/** How content is to be read, decided on its first SNIFF_BYTES. */
export type ContentEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | Utf32 | 'binary';

/**
 * How content is to be read, from its first SNIFF_BYTES. No NUL there: UTF-8, at once (the
 * common path costs one search for a zero byte). With a NUL (git would call it binary):
 * - a BOM: UTF-32 (FF FE 00 00, 00 00 FE FF: before UTF-16's FF FE, which it starts with), UTF-16;
 * - no BOM, the NUL pattern of UTF-32 or UTF-16 text (see looksLikeUnits);
 * - UTF-8 text with a few stray NULs (see hasStrayNuls);
 * - else binary, scanned by its runs of text (TextRuns).
 * A BOM alone is not enough: bytes FF FE can start any invalid-UTF-8 file; UTF-16 and UTF-32
 * text hold NULs (every ASCII character, every newline has one or three).
 */
export function encodingOf(head: Uint8Array): ContentEncoding {
  const sniffed = head.subarray(0, SNIFF_BYTES);
  if (!sniffed.includes(0)) return 'utf-8';
  const [b0, b1, b2, b3] = sniffed;
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0 && mostlyCodePoints(sniffed)) return 'utf-32le';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff && mostlyCodePoints(sniffed, true)) return 'utf-32be';
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (looksLikeUnits(sniffed, 4, false)) return 'utf-32le';
  if (looksLikeUnits(sniffed, 4, true)) return 'utf-32be';
  if (looksLikeUnits(sniffed, 2, false)) return 'utf-16le';
  if (looksLikeUnits(sniffed, 2, true)) return 'utf-16be';
  return hasStrayNuls(sniffed) ? 'utf-8' : 'binary';
}

/** 1 for the bytes ASCII text is made of: printable ASCII, tab, LF, CR. */
const ASCII_TEXT = new Uint8Array(256);
for (let byte = 0x20; byte <= 0x7e; byte++) ASCII_TEXT[byte] = 1;
for (const byte of [0x09, 0x0a, 0x0d]) ASCII_TEXT[byte] = 1;

/**
 * Whether `bytes` read as code units of `width` bytes look like UTF-16 (2) or UTF-32 (4) text
 * without a BOM: no unit is U+0000, and at least half are ASCII text (for UTF-16LE: most odd
 * bytes NUL, the even bytes before them printable). UTF-16 text read as UTF-32 has no ASCII
 * unit (two characters make each unit), so the two cannot be confused. Real binaries
 * fail at once: headers, tables and padding hold runs of NUL bytes, i.e. zero units (PNG, ZIP,
 * ELF, .class, SQLite), and in compressed or random bytes a unit is ASCII text in UTF-16 about
 * one time in 670. UTF-16 of mostly non-Latin text without a BOM is not recognised this way (it
 * is read as binary, by its runs of text); with a BOM it is. A trailing partial unit is ignored.
 */
function looksLikeUnits(bytes: Uint8Array, width: 2 | 4, bigEndian: boolean): boolean {
  const units = Math.floor(bytes.length / width);
  if (units === 0) return false;
  let ascii = 0;
  for (let at = 0; at + width <= bytes.length; at += width) {
    const unit =
      width === 4 ? utf32Unit(bytes, at, bigEndian) : bigEndian ? (bytes[at]! << 8) | bytes[at + 1]! : (bytes[at + 1]! << 8) | bytes[at]!;
    if (unit === 0) return false;
    if (unit < 0x80 && ASCII_TEXT[unit] === 1) ascii++;
  }
  return ascii * 2 >= units;
}

/**
 * Whether most whole UTF-32 units of `bytes` are code points (at most U+10FFFF): a UTF-32LE BOM is
 * believed only then, for FF FE 00 00 also starts UTF-16LE whose first character is U+0000, and
 * its text read as UTF-32 is units above U+10FFFF. A stray bad unit in UTF-32 is not enough to lose it.
 */
function mostlyCodePoints(bytes: Uint8Array, bigEndian = false): boolean {
  let beyond = 0;
  let units = 0;
  for (let at = 0; at + 4 <= bytes.length; at += 4, units++) if (utf32Unit(bytes, at, bigEndian) > 0x10ffff) beyond++;
  return beyond * 2 < units;
}

/** 1 for the bytes no text holds more than a few of: C0 controls (NUL included) but tab, LF, VT, FF, CR and ESC. */
const CONTROL = new Uint8Array(256);
for (let byte = 0; byte < 0x20; byte++) CONTROL[byte] = 1;
for (const byte of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]) CONTROL[byte] = 0;

/**
 * Whether `bytes` are UTF-8 text with a few stray NULs (one before an `.env` body, one in the
 * middle of a file): valid UTF-8, with at most one control byte in 32 (one is always allowed).
 * Real binaries fail: compressed data, machine code and most headers are not valid UTF-8 (PNG's
 * first byte 0x89, .class's CA FE, a PDF's binary-marker comment), and the rest is thick with
 * NULs (ELF, SQLite, tar). A character cut by the end of the sniffed bytes is no sign of binary.
 */
function hasStrayNuls(bytes: Uint8Array): boolean {
  let controls = 0;
  for (let at = 0; at < bytes.length; at++) controls += CONTROL[bytes[at]!]!;
  if (controls > Math.max(1, bytes.length >> 5)) return false;
  return isUtf8(withoutCutCharacter(bytes));
}

/** `bytes` without a UTF-8 sequence its end cuts short (it continues beyond them). */
function withoutCutCharacter(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return bytes;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? bytes.subarray(0, bytes.length - back) : bytes;
    }
  }
  return bytes;
}

/** A decoder for text content (each drops a BOM of its own encoding, as decodeContent does). */
function decoderFor(encoding: Exclude<ContentEncoding, 'binary'>): {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
} {
  return encoding === 'utf-32le' || encoding === 'utf-32be' ? new Utf32Decoder(encoding) : new TextDecoder(encoding);
}

/**
 * Bytes → text the way a reader expects: UTF-16 and UTF-32 decoded (see encodingOf), a BOM
 * dropped, invalid UTF-8 replaced rather than refused, stray NULs kept as characters; binary
 * content (see encodingOf) is not text. Findings in decoded text are placed at line:column of
 * that text (columns count characters, not bytes), as in any UTF-8 file; only binary content's
 * runs are placed back in the raw bytes (RunPlaces). The detector sees the decoded value, so a
 * report's redaction is the decoded value's.
 */
export function decodeContent(bytes: Uint8Array): Decoded {
  const encoding = encodingOf(bytes);
  if (encoding === 'binary') return { kind: 'binary' };
  if (encoding !== 'utf-8') return { kind: 'text', text: decoderFor(encoding).decode(bytes) };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
  // Most source is ASCII: then latin1 gives the same text far faster (a one-byte string, no decoding).
  return { kind: 'text', text: body.toString(isAscii(body) ? 'latin1' : 'utf8') };
}

/**
 * The shortest run of printable characters scanned in a binary file. Shorter runs are mostly noise
 * in the bytes of images and archives; every rule needs more than this (a keyword and a value).
 */
export const MIN_TEXT_RUN = 8;

const TAB = 0x09;
const NEWLINE = 0x0a;

/** 1 for the bytes a printable run is made of: ASCII 0x20–0x7e and tab. */
const PRINTABLE = new Uint8Array(256);
for (let byte = 0x20; byte <= 0x7e; byte++) PRINTABLE[byte] = 1;
PRINTABLE[TAB] = 1;

/** Where binary content's runs of text sit in its raw bytes (see TextRuns). */
export interface RunPlaces {
  /** line:column in the raw bytes (line = 1 + newline bytes before, column = bytes after the last one + 1) of line:column of the runs' text. */
  place(line: number, column: number): { line: number; column: number };
}

/**
 * The text inside binary content, as `strings` finds it: runs of at least MIN_TEXT_RUN printable
 * ASCII bytes, one run per line and nothing else, so the detector reads a fraction of the bytes
 * (1 M characters of an 11 MB executable); `place` maps a finding back to its line:column in the
 * raw bytes. Content may arrive in pieces; a run may span them.
 */
export class TextRuns implements RunPlaces {
  private line = 1;
  private column = 1;
  /** The bytes of a run not known to be long enough yet, and where it started. */
  private head: number[] = [];
  private headLine = 0;
  private headColumn = 0;
  /** Inside a run already long enough: its bytes go out as they come. */
  private emitting = false;
  private runs = 0;
  /** Raw line and column of each run still askable, the first being run number `base`. */
  private lines: number[] = [];
  private columns: number[] = [];
  private base = 1;

  /** The text of the runs in `bytes` (a run's first bytes come out once it is long enough). */
  push(bytes: Uint8Array): string {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const out: string[] = [];
    let { line, column, emitting } = this;
    let sliceStart = 0;
    for (let index = 0; index < buffer.length; index++) {
      const byte = buffer[index]!; // below length: the loop's condition
      if (PRINTABLE[byte] === 1) {
        if (!emitting) {
          if (this.head.length === 0) {
            this.headLine = line;
            this.headColumn = column;
          }
          this.head.push(byte);
          if (this.head.length === MIN_TEXT_RUN) {
            out.push((this.runs++ > 0 ? '\n' : '') + String.fromCharCode(...this.head));
            this.lines.push(this.headLine);
            this.columns.push(this.headColumn);
            this.head = [];
            emitting = true;
            sliceStart = index + 1;
          }
        }
        column++;
        continue;
      }
      if (emitting) {
        out.push(buffer.toString('latin1', sliceStart, index));
        emitting = false;
      } else if (this.head.length > 0) {
        this.head = [];
      }
      if (byte === NEWLINE) {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    if (emitting && sliceStart < buffer.length) out.push(buffer.toString('latin1', sliceStart));
    this.line = line;
    this.column = column;
    this.emitting = emitting;
    return out.join('');
  }

  place(runLine: number, column: number): { line: number; column: number } {
    const index = runLine - this.base;
    const line = this.lines[index];
    const start = this.columns[index];
    // Not a run this stream recorded (forgotten, or not yet seen): the run's own place stands.
    if (line === undefined || start === undefined) return { line: runLine, column };
    return { line, column: start + column - 1 };
  }

  /** Runs before this one (a line of the runs' text) will not be asked about again. */
  forgetBefore(runLine: number): void {
    const drop = runLine - this.base;
    if (drop < 4096) return; // dropped in batches: splicing costs a copy of the rest
    this.lines = this.lines.slice(drop);
    this.columns = this.columns.slice(drop);
    this.base = runLine;
  }
}

/** Binary content held whole, as the detector reads it: its runs of text (see TextRuns). */
export function binaryText(bytes: Uint8Array): { text: string; places: RunPlaces } {
  const runs = new TextRuns();
  return { text: runs.push(bytes), places: runs };
}

/** Bytes → the text to scan: decoded text, or the printable runs of binary content (see binaryText). */
export function scannableText(bytes: Uint8Array): { text: string; binary?: RunPlaces } {
  const decoded = decodeContent(bytes);
  if (decoded.kind === 'text') return { text: decoded.text };
  const { text, places } = binaryText(bytes);
  return { text, binary: places };
}

/**
 * Content that arrives in pieces (a file or blob too big to hold) → text, decided like
 * decodeContent on its first SNIFF_BYTES (encodingOf): UTF-16 or UTF-32 (a code unit split
 * across pieces waits for its other bytes), UTF-8 (BOM dropped, invalid bytes replaced), or the
 * runs of text in binary content (TextRuns).
 */
export class ContentDecoder {
  private head: Buffer[] = [];
  private headBytes = 0;
  private decode: ((bytes: Uint8Array) => string) | undefined;
  private finish: () => string = () => '';
  /** Set when the content turns out binary: scanned as its runs of text, placed by these. */
  runs: TextRuns | undefined;

  /** Text for the next piece (empty while the first bytes are still being gathered). */
  push(bytes: Uint8Array): string {
    if (this.decode) return this.decode(bytes);
    this.head.push(Buffer.from(bytes));
    this.headBytes += bytes.length;
    return this.headBytes >= SNIFF_BYTES ? this.start() : '';
  }

  /** The rest of the text, at the end of the content. */
  end(): string {
    const first = this.decode ? '' : this.start();
    return first + this.finish();
  }

  private start(): string {
    const head = Buffer.concat(this.head);
    this.head = [];
    const encoding = encodingOf(head);
    if (encoding === 'binary') {
      const runs = (this.runs = new TextRuns());
      this.decode = (bytes) => runs.push(bytes);
    } else {
      // Each decoder drops a BOM of its own encoding, as decodeContent does.
      const decoder = decoderFor(encoding);
      this.decode = (bytes) => decoder.decode(bytes, { stream: true });
      this.finish = () => decoder.decode();
    }
    return this.decode(head);
  }
}
