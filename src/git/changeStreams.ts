import { GitError } from '../errors';
import { BlobStream, type BlobContent } from './blobStream';
import { RecordSplitter, StagedSplitter } from './commitDiffs';
import { CHANGED_LINES_DIFF_ARGS, COMBINED_DIFF_ARGS, RAW_ONLY_ARGS } from './diffArgs';
import { isSubmodule, parseRawRecords, type DiffEntry } from './diffParser';
import { allPumps, decodedSink, pumpGit, type Pump } from './pump';
import { runGit } from './runGit';

// How changes reach the detector. A file added whole (most of a big commit, most of a history)
// is read as a blob through `git cat-file --batch`: git only inflates it, and nothing has to strip
// a `+` from every line. Files that existed before come as `-U0` patches of their added lines.
// The two streams run side by side, so git works on one core while we judge on the other.

/** Receives what is staged: patched files with their added lines, and added files whole. */
export interface StagedHandlers {
  entry(entry: DiffEntry): void;
  blob(entry: DiffEntry, content: BlobContent): void;
  /** False while blobs should wait (the judges are busy). */
  ready?(): boolean;
}

/** The index against HEAD (the empty tree on a first commit), streamed. */
export async function streamStagedChanges(root: string, maxBytes: number, handlers: StagedHandlers): Promise<void> {
  const raw = await runGit(root, ['diff', '--cached', ...RAW_ONLY_ARGS], 'read the staged changes');
  const { entries } = parseRawRecords(raw);
  const blobs = new BlobStream<DiffEntry>(root, maxBytes, handlers.blob, handlers.ready);
  let patched = false;
  for (const entry of entries) {
    if (entry.status !== 'A') patched = true;
    else if (!isSubmodule(entry)) blobs.request(entry.newBlob, entry);
  }
  const pumps: Pump[] = [];
  if (patched) pumps.push(pumpGit(root, ['diff', '--cached', ...CHANGED_LINES_DIFF_ARGS], undefined, decodedSink(new StagedSplitter(handlers.entry)), 'read the staged changes'));
  const blobPump = blobs.close();
  if (blobPump) pumps.push(blobPump);
  await allPumps(pumps);
}

/** Receives each commit's own change: patched entries per commit, and files it added whole. */
export interface CommitHandlers {
  entries(sha: string, entries: DiffEntry[]): void;
  blob(sha: string, entry: DiffEntry, content: BlobContent): void;
  /** False while blobs should wait (the judges are busy). */
  ready?(): boolean;
}

/**
 * The change each commit introduces: against its first parent (root commits against the empty
 * tree), and for a merge only what it adds beyond all its parents (`--cc`: conflict resolutions,
 * not what the second parent brought).
 *
 * Three git processes: the raw records of every commit (which files were added, and which commits
 * are merges with something of their own), the patches of changed files for every commit (a merge
 * prints nothing there), and `cat-file` for the added files as the raw records name them. The
 * merges' combined patches are read last; merges are few.
 */
export async function streamCommitChanges(root: string, shas: readonly string[], maxBytes: number, handlers: CommitHandlers): Promise<void> {
  if (shas.length === 0) return;
  const input = `${shas.join('\n')}\n`;
  const blobs = new BlobStream<{ sha: string; entry: DiffEntry }>(root, maxBytes, ({ sha, entry }, content) => handlers.blob(sha, entry, content), handlers.ready);
  const merges: string[] = [];
  const rawSplitter = new RecordSplitter(shas, ({ sha, entries }) => {
    if (entries.some((entry) => entry.combined)) {
      merges.push(sha);
      return;
    }
    for (const entry of entries) if (entry.status === 'A' && !isSubmodule(entry)) blobs.request(entry.newBlob, { sha, entry });
  });
  const patchSplitter = new RecordSplitter(shas, ({ sha, entries }) => {
    if (entries.length > 0) handlers.entries(sha, entries);
  });
  const raw = pumpGit(root, ['diff-tree', '--stdin', '--always', '--root', '-r', '--cc', ...RAW_ONLY_ARGS], input, decodedSink(rawSplitter), 'read the commits');
  const patches = pumpGit(root, ['diff-tree', '--stdin', '--always', '--root', '-r', ...CHANGED_LINES_DIFF_ARGS], input, decodedSink(patchSplitter), 'read the commits');
  try {
    await raw.done;
  } catch (error) {
    patches.stop();
    blobs.close()?.stop();
    throw error;
  }
  const pumps = [patches];
  const blobPump = blobs.close();
  if (blobPump) pumps.push(blobPump);
  if (merges.length > 0) {
    const mergeSplitter = new RecordSplitter(merges, ({ sha, entries }) => handlers.entries(sha, entries));
    pumps.push(pumpGit(root, ['diff-tree', '--stdin', '--always', '-r', '--cc', ...COMBINED_DIFF_ARGS], `${merges.join('\n')}\n`, decodedSink(mergeSplitter), 'read the merges'));
  }
  await allPumps(pumps);
  for (const splitter of [rawSplitter, patchSplitter]) {
    if (splitter.done < shas.length) throw new GitError(`git returned ${splitter.done} of ${shas.length} commits; leakgate cannot judge the rest.`);
  }
}
