import { lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { UsageError } from '../errors';
import { formatBytes } from '../messages';
import { decodeContent } from './decode';
import type { SourceResult } from './types';

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

/**
 * Reads files and folders given on the command line. Reported paths are as given joined with the
 * path below them; rules and allowlists see them relative to the root. Symbolic links are not
 * followed (a link can point out of the repository).
 */
export function readPaths(paths: readonly string[], options: FileSourceOptions): SourceResult {
  const result: SourceResult = { files: [], skipped: [], bytes: 0 };
  for (const given of paths) {
    const absolute = join(options.cwd, given);
    let stats: Stats;
    try {
      stats = lstatSync(absolute);
    } catch {
      throw new UsageError(`${given}: no such file or directory.`);
    }
    if (stats.isDirectory()) walk(absolute, given, options, result);
    else readOne(absolute, given, stats, options, result);
  }
  return result;
}

function walk(directory: string, shown: string, options: FileSourceOptions, result: SourceResult): void {
  let entries: string[];
  try {
    entries = readdirSync(directory).sort();
  } catch (error) {
    result.skipped.push({ file: shown, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return;
  }
  for (const name of entries) {
    if (SKIPPED_DIRECTORIES.has(name)) continue;
    const absolute = join(directory, name);
    const display = shown === '.' ? name : joinDisplay(shown, name);
    let stats: Stats;
    try {
      stats = lstatSync(absolute);
    } catch {
      continue;
    }
    if (stats.isDirectory()) walk(absolute, display, options, result);
    else readOne(absolute, display, stats, options, result);
  }
}

function readOne(absolute: string, shown: string, stats: Stats, options: FileSourceOptions, result: SourceResult): void {
  if (stats.isSymbolicLink() || !stats.isFile()) return;
  const relativePath = relative(options.root, absolute).split(sep).join('/');
  if (options.isAllowed(relativePath)) return;
  if (stats.size > options.maxFileSize) {
    result.skipped.push({ file: shown, reason: `larger than maxFileSize (${formatBytes(stats.size)} > ${formatBytes(options.maxFileSize)})` });
    return;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    result.skipped.push({ file: shown, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return;
  }
  const decoded = decodeContent(bytes);
  if (decoded.kind === 'binary') {
    result.skipped.push({ file: shown, reason: 'binary' });
    result.files.push({ path: relativePath, chunks: [], displayPath: shown });
    return;
  }
  result.bytes += bytes.length;
  result.files.push({ path: relativePath, chunks: [{ startLine: 1, text: decoded.text }], displayPath: shown });
}

function joinDisplay(parent: string, name: string): string {
  return parent.endsWith('/') ? `${parent}${name}` : `${parent}/${name}`;
}

/** Files tracked by git, read from the work tree (the default of `leakgate scan` in a repository). */
export function readTracked(root: string, tracked: readonly string[], options: FileSourceOptions): SourceResult {
  const result: SourceResult = { files: [], skipped: [], bytes: 0 };
  for (const path of tracked) {
    const absolute = join(root, path);
    let stats: Stats;
    try {
      stats = lstatSync(absolute);
    } catch {
      continue; // deleted in the work tree: nothing to read
    }
    readOne(absolute, path, stats, options, result);
  }
  return result;
}
