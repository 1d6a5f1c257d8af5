import { isAscii } from 'node:buffer';

/** How a file's bytes turned into text, or why they did not. */
export type Decoded = { kind: 'text'; text: string } | { kind: 'binary' };

/** The bytes the binary test looks at (git's own test looks at as many). */
export const SNIFF_BYTES = 8000;

/** How content is to be read, decided on its first SNIFF_BYTES. */
export type ContentEncoding = 'utf-16le' | 'utf-16be' | 'utf-8' | 'binary';

/**
 * UTF-16 with a BOM, else binary when a NUL sits in the first SNIFF_BYTES (git's own test), else
 * UTF-8. A BOM alone is not enough: bytes FF FE can start any invalid-UTF-8 file; UTF-16 text
 * holds NULs (every ASCII character, every newline has one).
 */
export function encodingOf(head: Uint8Array): ContentEncoding {
  const hasNul = head.subarray(0, SNIFF_BYTES).includes(0);
  if (!hasNul) return 'utf-8';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'binary';
}

/**
 * Bytes → text the way a reader expects: UTF-16 with a BOM is decoded, a UTF-8 BOM dropped,
 * invalid UTF-8 replaced rather than refused; binary content (see encodingOf) is not text.
 */
export function decodeContent(bytes: Uint8Array): Decoded {
  const encoding = encodingOf(bytes);
  if (encoding === 'binary') return { kind: 'binary' };
  if (encoding !== 'utf-8') return { kind: 'text', text: new TextDecoder(encoding).decode(bytes.subarray(2)) };
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
 * decodeContent on its first SNIFF_BYTES: UTF-16 with a BOM, UTF-8 (BOM dropped, invalid bytes
 * replaced), or the runs of text in binary content (TextRuns).
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
      // TextDecoder drops a BOM of its own encoding, as decodeContent does.
      const decoder = new TextDecoder(encoding);
      this.decode = (bytes) => decoder.decode(bytes, { stream: true });
      this.finish = () => decoder.decode();
    }
    return this.decode(head);
  }
}
