import { messages } from '../messages';
import { runGit, tryGit } from './gitRunner';

const task = messages.git.task;

/** A file's stage-0 entry in the index: its mode and blob. */
export interface IndexEntry {
  mode: string;
  sha: string;
}

/** The index entry of one path, or undefined when the path is not in the index. */
export async function indexEntryOf(root: string, path: string): Promise<IndexEntry | undefined> {
  const output = await runGit(root, ['ls-files', '--stage', '-z', '--', `:(literal)${path}`], task.readIndexEntry);
  const entry = output.split('\0').find((line) => line.endsWith(`\t${path}`));
  const match = entry && /^(\d+) ([0-9a-f]+) (\d)\t/.exec(entry);
  return match && match[3] === '0' ? { mode: match[1]!, sha: match[2]! } : undefined;
}

/** Whether a path is in the index (tracked or staged). */
export async function isInIndex(root: string, path: string): Promise<boolean> {
  return (await runGit(root, ['ls-files', '-z', '--', `:(literal)${path}`], task.readIndexEntry)).length > 0;
}

/** Whether git ignores a path (a file not in the index). */
export async function isIgnored(root: string, path: string): Promise<boolean> {
  return (await tryGit(root, ['check-ignore', '-q', '--', path], task.checkIgnored)) !== undefined;
}

/**
 * The old-side line ranges (1-based, inclusive) where the work tree differs from the index for one
 * path: the lines an unstaged change touches.
 */
export async function unstagedLineRanges(root: string, path: string): Promise<[number, number][]> {
  const diff = await runGit(
    root,
    ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-U0', '--', `:(literal)${path}`],
    task.readUnstaged,
  );
  return parseOldRanges(diff);
}

/** `@@ -a,b +c,d @@` → [a, a+b-1] for each hunk that removes or changes lines. */
export function parseOldRanges(diff: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    if (count > 0) ranges.push([start, start + count - 1]);
  }
  return ranges;
}

/** Stores `text` as a blob and points the index entry of `path` at it, with its mode unchanged. */
export async function stageText(root: string, path: string, mode: string, text: string): Promise<void> {
  const sha = (await runGit(root, ['hash-object', '-w', '--no-filters', '--stdin'], task.writeBlob, { input: text })).trim();
  await runGit(root, ['update-index', '--cacheinfo', `${mode},${sha},${path}`], task.updateIndex);
}

/** `git add` of a few files named by leakgate itself. */
export async function stagePaths(root: string, paths: readonly string[]): Promise<void> {
  if (paths.length) await runGit(root, ['add', '--', ...paths.map((path) => `:(literal)${path}`)], task.stageFiles);
}
