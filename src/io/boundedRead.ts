import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import type { SkipReason } from './scanTotals';
import type { ByteSink } from './sinks';
import { messages } from '../messages';

// Bounded reads of files on disk: never a symbolic link followed, never a named pipe waited on,
// never more held than the caller's limit (bigger files are streamed in pieces).

/**
 * Reading one file for a scan: its bytes, a file too big to hold (read it with readLargeFile), a
 * reason to skip it (reported), or nothing to read.
 */
export type ReadOutcome =
  | { kind: 'read'; bytes: Buffer }
  | { kind: 'too-large'; size: number }
  | { kind: 'skipped'; reason: SkipReason }
  | { kind: 'none' };

/**
 * Reads a file for scanning, without following a symbolic link (it may point out of the
 * repository). The bytes are valid only until the next call: decoding copies them.
 */
export function readScanFile(absolute: string, maxFileSize: number): ReadOutcome {
  try {
    return readFileBounded(absolute, maxFileSize);
  } catch (error) {
    return unreadable(error);
  }
}

/** A file that cannot be read: nothing to scan (a link, a folder, gone since listed) or a reason. */
function unreadable(error: unknown): { kind: 'skipped'; reason: SkipReason } | { kind: 'none' } {
  const code = (error as NodeJS.ErrnoException).code;
  // A symbolic link (not followed), a folder or socket, a named pipe (a positioned read fails:
  // ESPIPE, or a non-blocking one finds nothing: EAGAIN), or a file deleted since it was listed:
  // no file content to scan.
  if (code === 'ELOOP' || code === 'EISDIR' || code === 'ENOENT' || code === 'SYMLINK' || code === 'ESPIPE' || code === 'EAGAIN')
    return { kind: 'none' };
  return { kind: 'skipped', reason: { kind: 'unreadable', code: code ?? 'error' } };
}

/**
 * Bytes read per piece of a file too big to hold: as much as a pipe from git carries. Decoding
 * bigger pieces made strings V8 keeps outside its heap, which it collected late: a 50 MB file
 * read in 1 MiB pieces peaked far higher (see the commit message).
 */
const LARGE_PIECE_BYTES = 64 * 1024;

/**
 * Streams a file too big to hold into `sink`, a piece at a time (same rules as readScanFile: no
 * link followed). Errors from the sink (a line too long to scan) are the caller's.
 */
export function readLargeFile(
  absolute: string,
  sink: ByteSink,
): { kind: 'read'; bytes: number } | { kind: 'skipped'; reason: SkipReason } | { kind: 'none' } {
  let descriptor: number;
  try {
    if (NO_FOLLOW === undefined && lstatSync(absolute).isSymbolicLink())
      throw Object.assign(new Error(messages.symbolicLink), { code: 'SYMLINK' });
    descriptor = openSync(absolute, constants.O_RDONLY | (NO_FOLLOW ?? 0) | NO_BLOCK);
  } catch (error) {
    return unreadable(error);
  }
  try {
    const piece = Buffer.allocUnsafe(LARGE_PIECE_BYTES);
    let total = 0;
    for (;;) {
      let count: number;
      try {
        count = readSync(descriptor, piece, 0, piece.length, total);
      } catch (error) {
        return unreadable(error);
      }
      if (count === 0) break;
      total += count;
      sink.push(piece.subarray(0, count));
    }
    sink.end();
    return { kind: 'read', bytes: total };
  } finally {
    closeSync(descriptor);
  }
}

type ReadResult = { kind: 'read'; bytes: Buffer } | { kind: 'too-large'; size: number };

/**
 * Most files fit in one read into a buffer that is reused from file to file: one open, one read,
 * one close, where readFileSync (and a size check before it) cost twice the system calls and a
 * fresh allocation per file.
 */
const REUSED_BUFFER_BYTES = 1024 * 1024;
let reused: Buffer | undefined;

/** O_NOFOLLOW where the platform has it (open fails with ELOOP on a link); elsewhere an lstat first. */
const NO_FOLLOW = constants.O_NOFOLLOW;
/** Non-blocking: a named pipe where a file was expected must not wait for a writer (no effect on files). */
const NO_BLOCK = constants.O_NONBLOCK ?? 0;

function readFileBounded(absolute: string, maxFileSize: number): ReadResult {
  reused ??= Buffer.allocUnsafe(REUSED_BUFFER_BYTES);
  if (NO_FOLLOW === undefined && lstatSync(absolute).isSymbolicLink())
    throw Object.assign(new Error(messages.symbolicLink), { code: 'SYMLINK' });
  const descriptor = openSync(absolute, constants.O_RDONLY | (NO_FOLLOW ?? 0) | NO_BLOCK);
  try {
    const first = readSync(descriptor, reused, 0, reused.length, 0);
    if (first < reused.length)
      return first > maxFileSize ? { kind: 'too-large', size: first } : { kind: 'read', bytes: reused.subarray(0, first) };
    // At least a buffer full: the size decides whether it is read at all.
    const size = fstatSync(descriptor).size;
    if (size > maxFileSize) return { kind: 'too-large', size };
    const whole = Buffer.allocUnsafe(size);
    reused.copy(whole, 0, 0, first);
    let length = first;
    for (let count = 1; length < size && count > 0; length += count) count = readSync(descriptor, whole, length, size - length, length);
    return { kind: 'read', bytes: whole.subarray(0, length) };
  } finally {
    closeSync(descriptor);
  }
}
