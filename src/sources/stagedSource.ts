import type { BlobContent } from '../git/blobStream';
import type { StagedStream } from '../git/changeStreams';
import type { DiffEntry } from '../git/diffParser';
import { gitBlobs } from '../git/objectReader';
import type { Repository } from '../git/repository';
import { DiffFragments } from './diffFragments';
import type { FragmentSink, Source, SourceFacts } from './fragments';

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
    this.stream = repo.startStaged(env);
  }

  /** Stops git: the scan failed, or the caller did before feeding (a config error). */
  stop(): void {
    this.stream.stop();
  }

  async feed(sink: FragmentSink): Promise<SourceFacts> {
    const diff = new DiffFragments(sink, gitBlobs(this.repo.root));
    await this.stream.run(sink.maxFileSize, {
      entry: (entry: DiffEntry) => diff.entries([entry]),
      blob: (entry: DiffEntry, content: BlobContent) => diff.blob(entry, content),
      // The hook's piped diff was unusable and git is asked again (see StagedStream).
      restart: () => {
        sink.restart();
        diff.restart();
      },
    });
    await diff.finish();
    return { staged: { hasHead: await this.repo.hasHead(), fromWorkTree: committingFromWorkTree(this.env) } };
  }
}

/** git points hooks at a temporary index for `commit -a` / `commit <path>`; the real one is `index`. */
function committingFromWorkTree(env: NodeJS.ProcessEnv): boolean {
  const indexFile = env.GIT_INDEX_FILE;
  return indexFile !== undefined && !/(^|[\\/])index$/.test(indexFile);
}
