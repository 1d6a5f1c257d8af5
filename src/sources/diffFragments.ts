import type { Chunk, CommitRef, FileChange } from '../detect/types';
import { scannableText } from '../io/decode';
import type { BlobContent } from '../git/blobStream';
import { isSubmodule, type DiffEntry } from '../git/diffParser';
import type { BlobReader } from '../git/objectReader';
import { GitError } from '../errors';
import { messages } from '../messages';
import { filesFromDiff, isNullBlob, textOfBinaryBlobs } from './fromDiff';
import type { FragmentSink } from './fragments';

/** Binary entries are re-read in batches of this many, so memory stays bounded. */
const BLOB_BATCH = 64;
/** A modified config file bigger than this is read by its added lines only. */
const WHOLE_MAX_BYTES = 512 * 1024;

/** The line numbers the chunks cover. */
function addedLines(chunks: readonly Chunk[]): Set<number> {
  const lines = new Set<number>();
  for (const chunk of chunks) {
    const count = chunk.text.split('\n').length;
    for (let line = chunk.startLine; line < chunk.startLine + count; line++) lines.add(line);
  }
  return lines;
}

/**
 * Diff entries (of the index or of commits) → fragments, as git streams them: patches as text,
 * files added whole as content. Files git calls binary are read afterwards in batches (their
 * added lines are those the old blob lacks, see textOfBinaryBlobs), and content too big to hold
 * is poured from git into windows. Nothing is skipped.
 */
export class DiffFragments {
  private binary: { commit?: CommitRef; entry: DiffEntry }[] = [];
  private large: { commit?: CommitRef; entry: DiffEntry }[] = [];
  private whole: { file: FileChange; bytes: number; newBlob: string }[] = [];

  constructor(
    private readonly sink: FragmentSink,
    private readonly blobs: BlobReader,
  ) {}

  /** Entries that came as patches (their added lines); a config file whose added lines want their parent keys, read whole later. */
  entries(entries: readonly DiffEntry[], commit?: CommitRef): void {
    for (const { file, bytes, entry } of filesFromDiff(entries, (path) => !this.sink.wants(path), commit)) {
      if (!isNullBlob(entry.oldBlob) && !isNullBlob(entry.newBlob) && this.sink.readsWhole?.(file.path, file.chunks)) {
        this.whole.push({ file, bytes, newBlob: entry.newBlob });
      } else void this.sink.put({ kind: 'text', file, bytes });
    }
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
    this.whole = [];
  }

  /**
   * Config files whose added lines are read in the whole new file, findings kept to those lines.
   * One that is too big or not text after all is scanned by its added lines, as any patch.
   */
  private async finishWhole(): Promise<void> {
    for (let start = 0; start < this.whole.length; start += BLOB_BATCH) {
      const batch = this.whole.slice(start, start + BLOB_BATCH);
      const blobs = await this.blobs.read(
        batch.map(({ newBlob }) => newBlob),
        Math.min(this.sink.maxFileSize, WHOLE_MAX_BYTES),
      );
      for (const { file, bytes, newBlob } of batch) {
        const content = blobs.get(newBlob);
        const decoded = content && scannableText(content);
        if (!decoded || decoded.binary) {
          await this.sink.put({ kind: 'text', file, bytes });
          continue;
        }
        const whole: FileChange = { ...file, chunks: [{ startLine: 1, text: decoded.text }], onlyLines: addedLines(file.chunks) };
        await this.sink.put({ kind: 'text', file: whole, bytes });
      }
    }
  }

  /** Reads the binary entries and pours the large ones; resolves when every fragment is delivered. */
  async finish(): Promise<void> {
    await this.finishWhole();
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
