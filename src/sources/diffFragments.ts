import type { CommitRef } from '../detect/types';
import type { BlobContent } from '../git/blobStream';
import { isSubmodule, type DiffEntry } from '../git/diffParser';
import type { BlobReader } from '../git/objectReader';
import { GitError } from '../errors';
import { messages } from '../messages';
import { filesFromDiff, isNullBlob, textOfBinaryBlobs } from './fromDiff';
import type { FragmentSink } from './fragments';

/** Binary entries are re-read in batches of this many, so memory stays bounded. */
const BLOB_BATCH = 64;

/**
 * Diff entries (of the index or of commits) → fragments, as git streams them: patches as text,
 * files added whole as content. Files git calls binary are read afterwards in batches (their
 * added lines are those the old blob lacks, see textOfBinaryBlobs), and content too big to hold
 * is poured from git into windows. Nothing is skipped.
 */
export class DiffFragments {
  private binary: { commit?: CommitRef; entry: DiffEntry }[] = [];
  private large: { commit?: CommitRef; entry: DiffEntry }[] = [];

  constructor(
    private readonly sink: FragmentSink,
    private readonly blobs: BlobReader,
  ) {}

  /** Entries that came as patches (their added lines). */
  entries(entries: readonly DiffEntry[], commit?: CommitRef): void {
    for (const { file, bytes } of filesFromDiff(entries, (path) => !this.sink.wants(path), commit))
      void this.sink.put({ kind: 'text', file, bytes });
    for (const entry of entries) {
      if (entry.binary && !isNullBlob(entry.newBlob) && !isSubmodule(entry) && this.sink.wants(entry.path))
        this.binary.push({ ...(commit ? { commit } : {}), entry });
    }
  }

  /** A file added whole, read as a blob: every line of it is added. */
  blob(entry: DiffEntry, content: BlobContent, commit?: CommitRef): void {
    if (isSubmodule(entry) || !this.sink.wants(entry.path)) return;
    if (content.kind === 'missing') throw new GitError(messages.blobMissing(entry.path, entry.newBlob, false));
    if (content.kind === 'too-large') this.large.push({ ...(commit ? { commit } : {}), entry });
    // Binary content is scanned by its printable runs, and by name (path-only rules: keystores, .p12).
    else void this.sink.put({ kind: 'content', origin: { path: entry.path, ...(commit ? { commit } : {}) }, bytes: content.bytes });
  }

  /** Drops what was queued: the stream starts over. */
  restart(): void {
    this.binary = [];
    this.large = [];
  }

  /** Reads the binary entries and pours the large ones; resolves when every fragment is delivered. */
  async finish(): Promise<void> {
    for (let start = 0; start < this.binary.length; start += BLOB_BATCH) {
      const batch = this.binary.slice(start, start + BLOB_BATCH);
      const texts = await textOfBinaryBlobs(
        batch.map(({ entry }) => entry),
        this.sink.maxFileSize,
        this.blobs.read,
      );
      for (const { commit, entry } of batch) {
        const text = texts.get(entry.newBlob) ?? { chunks: [] };
        // Too big to hold both versions: which lines are added cannot be told, so all of it is scanned.
        if (text === 'too-large') this.large.push({ ...(commit ? { commit } : {}), entry });
        else {
          const file = { path: entry.path, chunks: text.chunks, ...(commit ? { commit } : {}) };
          await this.sink.put({ kind: 'text', file, bytes: 0, ...(text.binary ? { runs: text.binary } : {}) });
        }
      }
    }
    for (const { commit, entry } of this.large) {
      const origin = { path: entry.path, ...(commit ? { commit } : {}) };
      await this.sink.put({ kind: 'large', origin, pour: (sink) => this.blobs.stream(entry.newBlob, sink, `read ${entry.path}`) });
    }
  }
}
