import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { LeakgateError, UsageError } from '../errors';
import { messages } from '../messages';
import type { Skipped } from '../io/scanTotals';
import type { FragmentSink, Source, SourceFacts } from './fragments';

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

/** A file to scan, not read yet: reading happens where it is scanned (maybe a worker thread). */
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
      throw new UsageError(messages.noSuchPath(given));
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
 * per file were a measurable part of the listing thread's time (bench/NOTES.md).
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
      // A folder that cannot be listed holds files nobody scanned: stop (exit 2), naming it.
      throw new LeakgateError(messages.cannotRead(folderShown, code ?? 'error'));
    }
  };
  open(directory, shown, rootRelative(options.root, directory));
  while (stack.length > 0) {
    const folder = stack[stack.length - 1]!;
    const entry = folder.entries[folder.next++];
    if (!entry) {
      stack.pop();
      continue;
    }
    if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const absolute = folder.prefix + entry.name;
    const display =
      folder.shown === '.' ? entry.name : folder.shown.endsWith('/') ? `${folder.shown}${entry.name}` : `${folder.shown}/${entry.name}`;
    const below = folder.inRoot === undefined ? undefined : folder.inRoot === '' ? entry.name : `${folder.inRoot}/${entry.name}`;
    if (entry.isDirectory()) open(absolute, display, below);
    else if (entry.isFile()) {
      const file = listed(absolute, display, options, below);
      if (file) yield file;
    }
  }
}

/** A file to scan, unless the allowlist skips its path (relative to the root, '/'-separated). */
function listed(
  absolute: string,
  shown: string,
  options: FileSourceOptions,
  path = relative(options.root, absolute).split(sep).join('/'),
): FileOnDisk | undefined {
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

/** Files on disk as a source: listed as the session takes them (a full worker pool slows the walk). */
export class FileSource implements Source {
  constructor(private readonly list: (isAllowed: (path: string) => boolean) => FileStream) {}

  async feed(sink: FragmentSink): Promise<SourceFacts> {
    const stream = this.list((path) => !sink.wants(path));
    for (const file of stream.files) await sink.put({ kind: 'file', file });
    for (const skipped of stream.skipped) sink.skip(skipped);
    return { inArrivalOrder: true };
  }
}
