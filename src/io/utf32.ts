/** UTF-32, little or big endian. */
export type Utf32 = 'utf-32le' | 'utf-32be';

const REPLACEMENT = 0xfffd;
const BOM = 0xfeff;

/** The code point (or any 32-bit value) of the UTF-32 unit at `at`. */
export function utf32Unit(bytes: Uint8Array, at: number, bigEndian: boolean): number {
  // Callers read whole units only: at + 3 is below length.
  return bigEndian
    ? ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
    : ((bytes[at + 3]! << 24) | (bytes[at + 2]! << 16) | (bytes[at + 1]! << 8) | bytes[at]!) >>> 0;
}

/**
 * UTF-32 → text, shaped like TextDecoder, which knows no UTF-32 (WHATWG dropped it). As
 * TextDecoder does for UTF-16: a leading BOM is dropped; a unit that is no Unicode scalar value
 * (a surrogate, or above U+10FFFF) becomes U+FFFD, and so do the bytes of a unit cut short at
 * the end; with `stream`, a unit split across pieces waits for the rest of its bytes.
 */
export class Utf32Decoder {
  private readonly bigEndian: boolean;
  /** The bytes of a unit split by a piece boundary (fewer than 4). */
  private rest: Uint8Array = new Uint8Array(0);
  /** Whether a unit was read: only the content's first unit can be a BOM. */
  private started = false;

  constructor(encoding: Utf32) {
    this.bigEndian = encoding === 'utf-32be';
  }

  decode(input: Uint8Array = new Uint8Array(0), options: { stream?: boolean } = {}): string {
    const bytes = this.rest.length > 0 ? Buffer.concat([this.rest, input]) : input;
    const whole = bytes.length - (bytes.length % 4);
    // Built as UTF-16LE and turned into a string in one call: no string is grown per character.
    // A unit of 4 bytes gives at most 2 UTF-16 code units (4 bytes), so `whole` bytes suffice.
    const out = Buffer.allocUnsafe(whole);
    let length = 0;
    const put = (unit: number) => {
      out[length++] = unit & 0xff;
      out[length++] = unit >>> 8;
    };
    for (let at = 0; at < whole; at += 4) {
      const code = utf32Unit(bytes, at, this.bigEndian);
      if (!this.started) {
        this.started = true;
        if (code === BOM) continue;
      }
      if (code < 0x10000) put(code >= 0xd800 && code <= 0xdfff ? REPLACEMENT : code);
      else if (code <= 0x10ffff) {
        put(0xd800 + ((code - 0x10000) >>> 10));
        put(0xdc00 + ((code - 0x10000) & 0x3ff));
      } else put(REPLACEMENT);
    }
    let text = out.toString('utf16le', 0, length);
    this.rest = Uint8Array.from(bytes.subarray(whole));
    if (!options.stream) {
      if (this.rest.length > 0) text += String.fromCharCode(REPLACEMENT);
      this.rest = new Uint8Array(0);
      this.started = false;
    }
    return text;
  }
}
