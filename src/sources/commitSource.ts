import type { CommitRef, Finding } from '../detect/types';
import { streamCommitChanges } from '../git/changeStreams';
import type { Repository } from '../git/repository';
import { gitBlobs } from '../git/objectReader';
import { DiffFragments } from './diffFragments';
import type { FragmentSink, Source, SourceFacts } from './fragments';
import { commitMessages, tagMessages, type TagToRead } from './fromMessages';

/** Which annotated tags' messages a commit source reads beside the commits. */
export interface TagSelection {
  tags: () => Promise<readonly TagToRead[]>;
  /** From what a tag finally points at, whether its message is scanned (default: all). */
  keep?: (target: string) => boolean;
}

/**
 * Commits, oldest first (a push's or a history range's): each commit's own change as it streams
 * out of git, so memory holds one commit at a time and a finding belongs to the commit that
 * brought it; their messages and the selected tags' messages, read beside the changes; and the
 * config widenings found for them, delivered last.
 */
export class CommitSource implements Source {
  constructor(
    private readonly repo: Repository,
    private readonly commits: readonly string[],
    private readonly tags: TagSelection,
    private readonly widenings: Promise<Finding[]> = Promise.resolve([]),
  ) {}

  async feed(sink: FragmentSink): Promise<SourceFacts> {
    const { root } = this.repo;
    const refs = new Map<string, CommitRef>();
    // Subjects and authors come with the messages (read in parallel); until then a bare id.
    const refOf = (sha: string): CommitRef => ({ sha, subject: '', author: '' });
    const diff = new DiffFragments(sink, { read: (shas, max) => this.repo.readBlobs(shas, max), stream: gitBlobs(root).stream });
    const changes = streamCommitChanges(root, this.commits, sink.maxFileSize, {
      entries: (sha, entries) => diff.entries(entries, refOf(sha)),
      blob: (sha, entry, content) => diff.blob(entry, content, refOf(sha)),
    }).then(() => diff.finish());
    const tagged = this.tags.tags().then((tags) => tagMessages(root, tags, sink, this.tags.keep));
    await Promise.all([changes, commitMessages(root, this.commits, sink, refs), tagged]);
    await sink.put({ kind: 'verdict', findings: await this.widenings });
    return { commits: this.commits, commitRefs: refs };
  }
}
