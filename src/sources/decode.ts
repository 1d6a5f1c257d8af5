import { isAscii } from 'node:buffer';

/** How a file's bytes turned into text, or why they did not. */
export type Decoded = { kind: 'text'; text: string } | { kind: 'binary' };

/** The bytes the binary test looks at (git's own test looks at as many). */
export const SNIFF_BYTES = 8000;

/**
 * Bytes → text the way a reader expects: UTF-16 with a BOM is decoded, a UTF-8 BOM dropped,
 * invalid UTF-8 replaced rather than refused; a NUL in the first 8000 bytes means binary (git's
 * own test).
 */
export function decodeContent(bytes: Uint8Array): Decoded {
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  // A BOM alone is not enough: bytes FF FE can start any invalid-UTF-8 file. UTF-16 text holds
  // NULs (every ASCII character, every newline has one).
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe && sniff.includes(0)) {
    return { kind: 'text', text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff && sniff.includes(0)) {
    return { kind: 'text', text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  }
  if (sniff.includes(0)) return { kind: 'binary' };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
  // Most source is ASCII: then latin1 gives the same text far faster (a one-byte string, no decoding).
  return { kind: 'text', text: body.toString(isAscii(body) ? 'latin1' : 'utf8') };
}

/**
 * The shortest run of printable characters judged in a binary file. Shorter runs are mostly noise
 * in the bytes of images and archives; every rule needs more than this (a keyword and a value).
 */
export const MIN_TEXT_RUN = 8;

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;

function isPrintable(byte: number): boolean {
  return (byte >= 0x20 && byte <= 0x7e) || byte === TAB;
}

/**
 * The text inside binary content, as `strings` finds it: runs of at least MIN_TEXT_RUN printable
 * ASCII characters are kept where they are; every other byte reads as a space and a newline byte
 * stays a line break. One character per byte, so a finding's line is 1 + the newline bytes before
 * it and its column the byte offset from the last one, 1-based: a key appended after a NUL, or
 * embedded in a blob, is found at its place in the raw bytes.
 *
 * `carry` lets content arrive in pieces: the bytes of a run that might continue in the next piece
 * are held back and returned with it.
 */
export class PrintableRuns {
  private held: Uint8Array = new Uint8Array(0);
  /** Whether the text returned so far ends inside a run already long enough to keep. */
  private inLongRun = false;

  /** The text of `bytes` (and of what was held back), minus a short run that may continue. */
  push(bytes: Uint8Array): string {
    const input = this.held.length ? Buffer.concat([this.held, bytes]) : bytes;
    let tail = input.length;
    while (tail > 0 && isPrintable(input[tail - 1])) tail--;
    const wholeRun = tail === 0;
    // A trailing run shorter than MIN_TEXT_RUN may still grow: keep it for the next piece.
    const keepFrom = input.length - tail < MIN_TEXT_RUN && !(wholeRun && this.inLongRun) ? tail : input.length;
    this.held = Buffer.from(input.subarray(keepFrom)); // a copy: the caller may reuse its buffer
    const text = printableText(input.subarray(0, keepFrom), this.inLongRun);
    if (keepFrom > 0) this.inLongRun = keepFrom === input.length ? (wholeRun && this.inLongRun) || input.length - tail >= MIN_TEXT_RUN : false;
    return text;
  }

  /** The rest, at the end of the content. */
  end(): string {
    const rest = printableText(this.held, this.inLongRun);
    this.held = new Uint8Array(0);
    return rest;
  }
}

/**
 * The printable runs of binary bytes as text (see PrintableRuns), for content held whole.
 * `continuesRun`: the bytes continue a run already long enough to keep.
 */
export function printableText(bytes: Uint8Array, continuesRun = false): string {
  const out = Buffer.allocUnsafe(bytes.length);
  let runStart = 0;
  let keepShort = continuesRun;
  for (let index = 0; index <= bytes.length; index++) {
    const byte = index < bytes.length ? bytes[index] : -1;
    if (byte !== -1 && isPrintable(byte)) continue;
    // A run ends at `index`: copied when long enough, blanked otherwise.
    if (index - runStart >= MIN_TEXT_RUN || keepShort) out.set(bytes.subarray(runStart, index), runStart);
    else out.fill(SPACE, runStart, index);
    keepShort = false;
    if (byte !== -1) out[index] = byte === NEWLINE ? NEWLINE : SPACE;
    runStart = index + 1;
  }
  return out.toString('latin1');
}

/** Bytes → the text to judge: decoded text, or the printable runs of binary content. */
export function judgeableText(bytes: Uint8Array): { text: string; binary: boolean } {
  const decoded = decodeContent(bytes);
  return decoded.kind === 'text' ? { text: decoded.text, binary: false } : { text: printableText(bytes), binary: true };
}

/**
 * Content that arrives in pieces (a file or blob too big to hold) → text, decided like
 * decodeContent on its first SNIFF_BYTES: UTF-16 with a BOM, UTF-8 (BOM dropped, invalid bytes
 * replaced), or the printable runs of binary content.
 */
export class ContentDecoder {
  private head: Buffer[] = [];
  private headBytes = 0;
  private decode: ((bytes: Uint8Array) => string) | undefined;
  private finish: () => string = () => '';
  /** Whether the content turned out binary (judged as its printable runs). */
  binary = false;

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
    const sniff = head.subarray(0, SNIFF_BYTES);
    const bom = (a: number, b: number) => head.length >= 2 && head[0] === a && head[1] === b && sniff.includes(0);
    const encoding = bom(0xff, 0xfe) ? 'utf-16le' : bom(0xfe, 0xff) ? 'utf-16be' : sniff.includes(0) ? 'binary' : 'utf-8';
    if (encoding === 'binary') {
      this.binary = true;
      const runs = new PrintableRuns();
      this.decode = (bytes) => runs.push(bytes);
      this.finish = () => runs.end();
    } else {
      // TextDecoder drops a BOM of its own encoding, as decodeContent does.
      const decoder = new TextDecoder(encoding);
      this.decode = (bytes) => decoder.decode(bytes, { stream: true });
      this.finish = () => decoder.decode();
    }
    return this.decode(head);
  }
}
