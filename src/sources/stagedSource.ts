import type { BlobContent } from '../git/blobStream';
import type { StagedStream } from '../git/changeStreams';
import type { DiffEntry } from '../git/diffParser';
import type { Repository } from '../git/repository';
import { gitBlobs } from '../git/runGit';
import { PipedDiffUnusable, stagedDiffIsPiped } from '../git/stagedInput';
import { DiffFragments } from './diffFragments';
import type { FragmentSink, Source, SourceFacts } from './fragments';

const STDIN = 0;

/**
 * What is staged: the index against HEAD. git starts at once (or already did, in the hook that
 * pipes its diff in), so it works while the caller builds the detector; `feed` then delivers
 * each file as git writes it: a 50 MB commit is never one 50 MB string.
 */
export class StagedSource implements Source {
  private readonly stream: StagedStream;

  constructor(
    private readonly repo: Repository,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.stream = repo.startStaged(stagedDiffIsPiped(env) ? STDIN : undefined);
  }

  /** Stops git: the caller failed before feeding (a config error). */
  stop(): void {
    this.stream.stop();
  }

  async feed(sink: FragmentSink): Promise<SourceFacts> {
    const diff = new DiffFragments(sink, gitBlobs(this.repo.root));
    const handlers = { entry: (entry: DiffEntry) => diff.entries([entry]), blob: (entry: DiffEntry, content: BlobContent) => diff.blob(entry, content) };
    try {
      await this.stream.run(sink.maxFileSize, handlers);
    } catch (error) {
      if (!(error instanceof PipedDiffUnusable)) throw error;
      // The hook's git failed or its output was cut: everything again from our own git, whose
      // error (if it fails too) is the one to report.
      sink.restart();
      diff.restart();
      await this.repo.startStaged().run(sink.maxFileSize, handlers);
    }
    await diff.finish();
    return { staged: { hasHead: await this.repo.hasHead(), fromWorkTree: committingFromWorkTree(this.env) } };
  }
}

/** git points hooks at a temporary index for `commit -a` / `commit <path>`; the real one is `index`. */
function committingFromWorkTree(env: NodeJS.ProcessEnv): boolean {
  const indexFile = env.GIT_INDEX_FILE;
  return indexFile !== undefined && !/(^|[\\/])index$/.test(indexFile);
}
