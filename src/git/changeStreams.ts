import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { GitError } from '../errors';
import { messages } from '../messages';
import { BlobStream, type BlobContent } from './blobStream';
import { CHANGED_LINES_DIFF_ARGS, COMBINED_DIFF_ARGS, RAW_ONLY_ARGS, STAGED_DIFF_ARGS } from './diffArgs';
import { isSubmodule, type DiffEntry } from './diffParser';
import { RecordSplitter, StagedSplitter } from './diffStreamSplitters';
import { allFeeds, decodedSink, feedDescriptor, type Feed } from './gitFeed';
import { streamGit } from './gitRunner';
import { PipedDiffUnusable, TrailerSink } from './stagedInput';
import { WorkTreeBlobs } from './workTreeBlobs';
import { guarded } from '../runtime/watchdog';

// How changes reach the detector. A file added whole (most of a big commit, most of a history)
// is read as a blob through `git cat-file --batch`: git only inflates it, and nothing has to strip
// a `+` from every line. Files that existed before come as `-U0` patches of their added lines.
// The two streams run side by side, so git works on one core while we judge on the other.

/** Receives what is staged: patched files with their added lines, and added files whole. */
export interface StagedHandlers {
  entry(entry: DiffEntry): void;
  blob(entry: DiffEntry, content: BlobContent): void;
  /**
   * Forget everything received so far: the diff the hook piped in turned out unusable (its git
   * failed, or the stream was cut), and the same change now comes again from leakgate's own git.
   */
  restart(): void;
}

/** Handlers for a read that has no pipe to fall back from, so it never restarts. */
export type StagedFileHandlers = Omit<StagedHandlers, 'restart'>;

/** Above this many added files a staged change is read as blobs; below, one patch stream is quicker to start. */
const BLOB_MODE_FILES = 64;

/**
 * The index against HEAD (the empty tree on a first commit), streamed. Reading starts at once, so
 * git works while the caller builds its detector; `run` attaches the handlers.
 *
 * With `pipedFrom`, the change is read from the descriptor the pre-commit hook piped git's diff
 * into (stagedInput.ts). When that proves unusable, `run` falls back by itself: the handlers are
 * told to restart, and the change is read again from leakgate's own `git diff --cached`, whose
 * error (if it fails too) is the one reported.
 */
export class StagedStream {
  private readonly first: StagedPass;
  private fallback: StagedPass | undefined;
  private stopped = false;

  constructor(
    private readonly root: string,
    pipedFrom?: number,
  ) {
    this.first = new StagedPass(root, pipedFrom);
  }

  /** Streams every staged file to `handlers`; settles when all are judged. */
  async run(maxBytes: number, handlers: StagedHandlers): Promise<void> {
    try {
      await this.first.run(maxBytes, handlers);
    } catch (error) {
      if (!(error instanceof PipedDiffUnusable) || this.stopped) throw error;
      handlers.restart();
      this.fallback = new StagedPass(this.root);
      await this.fallback.run(maxBytes, handlers);
    }
  }

  /** Stops reading (the caller failed before running, or gave up). */
  stop(): void {
    this.stopped = true;
    this.first.stop();
    this.fallback?.stop();
  }
}

/**
 * One read of the staged change, from git or from the hook's pipe. One `git diff --cached` with
 * patches of every file serves a typical commit with a single process. Its raw records come
 * first: when they name many added files, that stream is stopped and the added files are read as
 * blobs beside a patch stream of the other files.
 */
class StagedPass {
  private handlers: StagedFileHandlers | undefined;
  private maxBytes = Infinity;
  private readonly first: Feed;
  private switched: Promise<void> | undefined;
  private stopped = false;

  /** `pipedFrom`: a descriptor carrying the same diff from the hook (see stagedInput.ts). */
  constructor(
    private readonly root: string,
    pipedFrom?: number,
  ) {
    const splitter = new StagedSplitter(
      (entry) => {
        // The sink is ready only once handlers are attached (see `ready` below).
        if (!this.switched) this.handlers!.entry(entry);
      },
      (entries) => this.onRecords(entries),
    );
    const sink = { ...decodedSink(splitter), ready: () => this.handlers !== undefined };
    this.first =
      pipedFrom === undefined
        ? streamGit(root, STAGED_DIFF_ARGS, sink, messages.git.task.readStaged)
        : feedDescriptor(pipedFrom, new TrailerSink(sink), messages.git.task.readPipedStaged);
  }

  async run(maxBytes: number, handlers: StagedFileHandlers): Promise<void> {
    this.maxBytes = maxBytes;
    this.handlers = handlers;
    try {
      await this.first.done;
    } catch (error) {
      if (!this.switched) throw error;
    }
    await this.switched;
  }

  stop(): void {
    this.stopped = true;
    this.first.stop();
  }

  /**
   * An added file over maxBytes in the work tree (likely staged as big): its patch would be held
   * whole, while as a blob it is streamed and judged in windows. Only a hint for choosing the
   * mode (a file changed since `git add` is judged right either way); one lstat per added file.
   */
  private bigInWorkTree(entry: DiffEntry): boolean {
    try {
      return lstatSync(join(this.root, entry.path)).size > this.maxBytes;
    } catch {
      return false;
    }
  }

  private onRecords(entries: readonly DiffEntry[]): void {
    const added = entries.filter((entry) => entry.status === 'A' && !isSubmodule(entry));
    if (this.stopped || (added.length <= BLOB_MODE_FILES && !added.some((entry) => this.bigInWorkTree(entry)))) return;
    // Records reach the splitter only through the sink, which is ready once handlers are attached.
    const handlers = this.handlers!;
    this.switched = (async () => {
      const feeds: Feed[] = [];
      if (added.length < entries.length) {
        feeds.push(
          streamGit(
            this.root,
            ['diff', '--cached', ...CHANGED_LINES_DIFF_ARGS],
            decodedSink(new StagedSplitter(handlers.entry)),
            messages.git.task.readStaged,
          ),
        );
      }
      const blobs = new BlobStream<DiffEntry>(this.root, this.maxBytes, handlers.blob);
      try {
        await readAddedFiles(added, new WorkTreeBlobs(this.root, this.maxBytes), blobs, handlers);
      } finally {
        const blobFeed = blobs.close();
        if (blobFeed) feeds.push(blobFeed);
      }
      await allFeeds(feeds);
    })();
    this.switched.catch(() => undefined); // `run` awaits it (and rethrows); this only marks it handled
    this.first.stop();
  }
}

/** Between slices of reading, the event loop turns: git's output keeps flowing meanwhile. */
const READ_SLICE_MS = 8;

/**
 * Added files from the work tree where it holds exactly the staged bytes (see WorkTreeBlobs),
 * judged as they are read; the others are asked of `git cat-file`.
 */
async function readAddedFiles(
  added: readonly DiffEntry[],
  workTree: WorkTreeBlobs,
  blobs: BlobStream<DiffEntry>,
  handlers: StagedFileHandlers,
): Promise<void> {
  let next = 0;
  // One slice of reading and judging at a time, under the time budget's watchdog.
  const slice = () => {
    const sliceStart = Date.now();
    while (next < added.length && Date.now() - sliceStart <= READ_SLICE_MS) {
      const entry = added[next++]!; // the loop's condition: next is below added.length
      const bytes = workTree.read(entry);
      if (bytes) handlers.blob(entry, { kind: 'blob', bytes });
      else blobs.request(entry.newBlob, entry);
    }
  };
  for (;;) {
    guarded(slice);
    if (next >= added.length) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Receives each commit's own change: patched entries per commit, and files it added whole. */
export interface CommitHandlers {
  entries(sha: string, entries: DiffEntry[]): void;
  blob(sha: string, entry: DiffEntry, content: BlobContent): void;
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
export async function streamCommitChanges(
  root: string,
  shas: readonly string[],
  maxBytes: number,
  handlers: CommitHandlers,
): Promise<void> {
  if (shas.length === 0) return;
  const input = `${shas.join('\n')}\n`;
  const blobs = new BlobStream<{ sha: string; entry: DiffEntry }>(root, maxBytes, ({ sha, entry }, content) =>
    handlers.blob(sha, entry, content),
  );
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
  const raw = streamGit(
    root,
    ['diff-tree', '--stdin', '--always', '--root', '-r', '--cc', ...RAW_ONLY_ARGS],
    decodedSink(rawSplitter),
    messages.git.task.readCommits,
    { input },
  );
  const patches = streamGit(
    root,
    ['diff-tree', '--stdin', '--always', '--root', '-r', ...CHANGED_LINES_DIFF_ARGS],
    decodedSink(patchSplitter),
    messages.git.task.readCommits,
    { input },
  );
  try {
    await raw.done;
  } catch (error) {
    patches.stop();
    blobs.close()?.stop();
    throw error;
  }
  const feeds = [patches];
  const blobFeed = blobs.close();
  if (blobFeed) feeds.push(blobFeed);
  if (merges.length > 0) {
    const mergeSplitter = new RecordSplitter(merges, ({ sha, entries }) => handlers.entries(sha, entries));
    feeds.push(
      streamGit(
        root,
        ['diff-tree', '--stdin', '--always', '-r', '--cc', ...COMBINED_DIFF_ARGS],
        decodedSink(mergeSplitter),
        messages.git.task.readMerges,
        { input: `${merges.join('\n')}\n` },
      ),
    );
  }
  await allFeeds(feeds);
  for (const splitter of [rawSplitter, patchSplitter]) {
    if (splitter.done < shas.length) throw new GitError(messages.git.partialCommits(splitter.done, shas.length));
  }
}
