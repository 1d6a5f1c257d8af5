import { isAscii } from 'node:buffer';
import { formatBytes } from '../messages';

/** How a file's bytes turned into text, or why they did not. */
export type Decoded = { kind: 'text'; text: string } | { kind: 'binary' };

/** The bytes the binary test looks at (git's own test looks at as many). */
export const SNIFF_BYTES = 8000;

/**
 * Why a file over maxFileSize is skipped: quietly as binary when its first bytes are (then it is
 * no warning), else "larger than maxFileSize", which the hooks turn into a warning naming it.
 */
export function oversizedReason(size: number, maxFileSize: number, head?: Uint8Array): string {
  if (head && decodeContent(head.subarray(0, SNIFF_BYTES)).kind === 'binary') return 'binary';
  return `larger than maxFileSize (${formatBytes(size)} > ${formatBytes(maxFileSize)})`;
}

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
