import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { FileChange } from '../detect/types';
import { UsageError } from '../errors';
import { formatBytes } from '../messages';
import type { Skipped } from '../report/jsonReport';
import { decodeContent } from './decode';

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);
const SNIFF_BYTES = 8000;

/** Options for reading files from disk. */
export interface FileSourceOptions {
  maxFileSize: number;
  /** Allowlist check on the path relative to the repository (or scan) root. */
  isAllowed: (relativePath: string) => boolean;
  /** Root the allowlist globs and path rules are relative to. */
  root: string;
  cwd: string;
}

/**
 * Files read one at a time as the consumer iterates (a scan holds one file in memory, and can
 * stop between files); `skipped` and `bytes` fill in as it goes.
 */
export interface FileStream {
  files: Iterable<FileChange>;
  skipped: Skipped[];
  bytes: number;
}

/**
 * Files and folders given on the command line. Reported paths are as given joined with the path
 * below them; rules and allowlists see them relative to the root. Symbolic links are not
 * followed (a link can point out of the repository). A missing path is an error before any read.
 */
export function streamPaths(paths: readonly string[], options: FileSourceOptions): FileStream {
  const targets = paths.map((given) => {
    const absolute = join(options.cwd, given);
    try {
      return { given, absolute, directory: lstatSync(absolute).isDirectory() };
    } catch {
      throw new UsageError(`${given}: no such file or directory.`);
    }
  });
  const stream: FileStream = { files: [], skipped: [], bytes: 0 };
  stream.files = (function* () {
    for (const { given, absolute, directory } of targets) {
      if (directory) yield* walk(absolute, given, options, stream);
      else yield* readOne(absolute, given, options, stream, lstatSync(absolute).isSymbolicLink());
    }
  })();
  return stream;
}

/** Files tracked by git, read from the work tree (the default of `leakgate scan` in a repository). */
export function streamTracked(root: string, tracked: readonly string[], options: FileSourceOptions): FileStream {
  const stream: FileStream = { files: [], skipped: [], bytes: 0 };
  stream.files = (function* () {
    for (const path of tracked) {
      const absolute = join(root, path);
      let symlink: boolean;
      try {
        symlink = lstatSync(absolute).isSymbolicLink();
      } catch {
        continue; // deleted in the work tree: nothing to read
      }
      yield* readOne(absolute, path, options, stream, symlink);
    }
  })();
  return stream;
}

function* walk(directory: string, shown: string, options: FileSourceOptions, stream: FileStream): Generator<FileChange> {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    stream.skipped.push({ file: shown, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return;
  }
  for (const entry of entries) {
    if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const absolute = join(directory, entry.name);
    const display = shown === '.' ? entry.name : shown.endsWith('/') ? `${shown}${entry.name}` : `${shown}/${entry.name}`;
    if (entry.isDirectory()) yield* walk(absolute, display, options, stream);
    else if (entry.isFile()) yield* readOne(absolute, display, options, stream, false);
  }
}

function* readOne(absolute: string, shown: string, options: FileSourceOptions, stream: FileStream, symlink: boolean): Generator<FileChange> {
  if (symlink) return;
  const relativePath = relative(options.root, absolute).split(sep).join('/');
  if (options.isAllowed(relativePath)) return;
  let bytes: Buffer;
  try {
    const tooLarge = largeFileSize(absolute, options.maxFileSize);
    if (tooLarge !== undefined) {
      stream.skipped.push(
        tooLarge.binary
          ? { file: shown, reason: 'binary' }
          : { file: shown, reason: `larger than maxFileSize (${formatBytes(tooLarge.size)} > ${formatBytes(options.maxFileSize)})` },
      );
      return;
    }
    bytes = readFileSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return; // not a regular file (a submodule, a socket)
    stream.skipped.push({ file: shown, reason: `unreadable (${code ?? 'error'})` });
    return;
  }
  const decoded = decodeContent(bytes);
  if (decoded.kind === 'binary') {
    stream.skipped.push({ file: shown, reason: 'binary' });
    yield { path: relativePath, chunks: [], displayPath: shown };
    return;
  }
  stream.bytes += bytes.length;
  yield { path: relativePath, chunks: [{ startLine: 1, text: decoded.text }], displayPath: shown };
}

/** For a file over the limit: its size, and whether it is binary anyway (then it is no warning). */
function largeFileSize(absolute: string, maxFileSize: number): { size: number; binary: boolean } | undefined {
  const descriptor = openSync(absolute, 'r');
  try {
    const size = fstatSync(descriptor).size;
    if (size <= maxFileSize) return undefined;
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    readSync(descriptor, head, 0, head.length, 0);
    return { size, binary: decodeContent(head).kind === 'binary' };
  } finally {
    closeSync(descriptor);
  }
}
