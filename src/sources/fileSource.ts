import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { LeakgateError, UsageError } from '../errors';
import { messages } from '../messages';
import type { Skipped } from '../report/jsonReport';
import type { ByteSink } from '../git/pump';

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

/** Options for reading files from disk. */
export interface FileSourceOptions {
  maxFileSize: number;
  /** Allowlist check on the path relative to the repository (or scan) root. */
  isAllowed: (relativePath: string) => boolean;
  /** Root the allowlist globs and path rules are relative to. */
  root: string;
  cwd: string;
}

/** A file to scan, not read yet: reading happens where it is judged (maybe a worker thread). */
export interface FileOnDisk {
  absolute: string;
  /** Relative to the root: what rules and allowlists see. */
  path: string;
  /** As the user named it: what the report shows. */
  displayPath: string;
}

/**
 * Files listed one at a time as the consumer iterates (a scan can stop between files). `skipped`
 * stays for the report's shape: a folder that cannot be listed stops the scan instead.
 */
export interface FileStream {
  files: Iterable<FileOnDisk>;
  skipped: Skipped[];
}

/**
 * Files and folders given on the command line. Reported paths are as given joined with the path
 * below them; rules and allowlists see them relative to the root. Symbolic links are not
 * followed (a link can point out of the repository). A missing path is an error before any read.
 */
export function streamPaths(paths: readonly string[], options: FileSourceOptions): FileStream {
  const targets = paths.map((given) => {
    const absolute = resolve(options.cwd, given);
    try {
      return { given, absolute, directory: lstatSync(absolute).isDirectory() };
    } catch {
      throw new UsageError(`${given}: no such file or directory.`);
    }
  });
  const stream: FileStream = { files: [], skipped: [] };
  stream.files = (function* () {
    for (const { given, absolute, directory } of targets) {
      if (directory) yield* walk(absolute, given, options);
      else {
        const file = listed(absolute, given, options);
        if (file) yield file;
      }
    }
  })();
  return stream;
}

/** Files tracked by git, read from the work tree (the default of `leakgate scan` in a repository). */
export function streamTracked(root: string, tracked: readonly string[], options: FileSourceOptions): FileStream {
  const stream: FileStream = { files: [], skipped: [] };
  stream.files = (function* () {
    for (const path of tracked) {
      const file = listed(join(root, path), path, options);
      if (file) yield file;
    }
  })();
  return stream;
}

/** A folder being listed: its sorted entries and where the walk is in them. */
interface OpenFolder {
  entries: Dirent[];
  next: number;
  prefix: string;
  shown: string;
  inRoot: string | undefined;
}

/**
 * Every file below a folder, depth first in name order, in one generator with its own stack: a
 * generator per folder passed every file up through each level (yield*).
 *
 * `inRoot` is a folder's path relative to the root ('' for the root itself, '/'-separated), or
 * undefined outside it. Paths below it are built by appending names: path.relative and path.join
 * per file had cost the listing thread ~60 ms of a 13,000-file scan (profiled).
 */
function* walk(directory: string, shown: string, options: FileSourceOptions): Generator<FileOnDisk> {
  const stack: OpenFolder[] = [];
  const open = (folder: string, folderShown: string, inRoot: string | undefined) => {
    try {
      const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      stack.push({ entries, next: 0, prefix: folder.endsWith(sep) ? folder : folder + sep, shown: folderShown, inRoot });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return; // deleted since it was listed
      // A folder that cannot be listed holds files nobody judged: stop (exit 2), naming it.
      throw new LeakgateError(messages.cannotRead(folderShown, code ?? 'error'));
    }
  };
  open(directory, shown, rootRelative(options.root, directory));
  while (stack.length > 0) {
    const folder = stack[stack.length - 1];
    if (folder.next === folder.entries.length) {
      stack.pop();
      continue;
    }
    const entry = folder.entries[folder.next++];
    if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const absolute = folder.prefix + entry.name;
    const display = folder.shown === '.' ? entry.name : folder.shown.endsWith('/') ? `${folder.shown}${entry.name}` : `${folder.shown}/${entry.name}`;
    const below = folder.inRoot === undefined ? undefined : folder.inRoot === '' ? entry.name : `${folder.inRoot}/${entry.name}`;
    if (entry.isDirectory()) open(absolute, display, below);
    else if (entry.isFile()) {
      const file = listed(absolute, display, options, below);
      if (file) yield file;
    }
  }
}

/** A file to scan, unless the allowlist skips its path (relative to the root, '/'-separated). */
function listed(absolute: string, shown: string, options: FileSourceOptions, path = relative(options.root, absolute).split(sep).join('/')): FileOnDisk | undefined {
  return options.isAllowed(path) ? undefined : { absolute, path, displayPath: shown };
}

/**
 * A folder's path relative to the root, '/'-separated, or undefined when it is not inside the
 * root: appending names to '..' would be wrong for a walk that comes down into the root.
 */
function rootRelative(root: string, folder: string): string | undefined {
  const path = relative(root, folder);
  if (path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

/**
 * Reading one file for a scan: its bytes, a file too big to hold (read it with readLargeFile), a
 * reason to skip it (reported), or nothing to read.
 */
export type ReadOutcome = { kind: 'read'; bytes: Buffer } | { kind: 'too-large'; size: number } | { kind: 'skipped'; reason: string } | { kind: 'none' };

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

/** A file that cannot be read: nothing to judge (a link, a folder, gone since listed) or a reason. */
function unreadable(error: unknown): { kind: 'skipped'; reason: string } | { kind: 'none' } {
  const code = (error as NodeJS.ErrnoException).code;
  // A symbolic link (not followed), a folder or socket, a named pipe (a positioned read fails:
  // ESPIPE, or a non-blocking one finds nothing: EAGAIN), or a file deleted since it was listed:
  // no file content to judge.
  if (code === 'ELOOP' || code === 'EISDIR' || code === 'ENOENT' || code === 'SYMLINK' || code === 'ESPIPE' || code === 'EAGAIN') return { kind: 'none' };
  return { kind: 'skipped', reason: `unreadable (${code ?? 'error'})` };
}

/**
 * Bytes read per piece of a file too big to hold: as much as a pipe from git carries. Decoding
 * bigger pieces made strings V8 keeps outside its heap, which it collected late: a 50 MB file
 * read in 1 MiB pieces peaked far higher (see the commit message).
 */
const LARGE_PIECE_BYTES = 64 * 1024;

/**
 * Streams a file too big to hold into `sink`, a piece at a time (same rules as readScanFile: no
 * link followed). Errors from the sink (a line too long to judge) are the caller's.
 */
export function readLargeFile(absolute: string, sink: ByteSink): { kind: 'read'; bytes: number } | { kind: 'skipped'; reason: string } | { kind: 'none' } {
  let descriptor: number;
  try {
    if (NO_FOLLOW === undefined && lstatSync(absolute).isSymbolicLink()) throw Object.assign(new Error('symbolic link'), { code: 'SYMLINK' });
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
  if (NO_FOLLOW === undefined && lstatSync(absolute).isSymbolicLink()) throw Object.assign(new Error('symbolic link'), { code: 'SYMLINK' });
  const descriptor = openSync(absolute, constants.O_RDONLY | (NO_FOLLOW ?? 0) | NO_BLOCK);
  try {
    const first = readSync(descriptor, reused, 0, reused.length, 0);
    if (first < reused.length) return first > maxFileSize ? { kind: 'too-large', size: first } : { kind: 'read', bytes: reused.subarray(0, first) };
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
