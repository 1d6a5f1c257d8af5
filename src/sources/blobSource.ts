import { gitBlobs } from '../git/objectReader';
import type { Repository } from '../git/repository';
import type { FragmentSink, Source, SourceFacts } from './fragments';

/** A blob to scan and the path it sits at (the path decides how its text is read: .env, YAML…). */
export interface BlobAtPath {
  blob: string;
  path: string;
  size: number;
}

/** Blob bytes held at once: blobs are read in batches up to this, so many versions of a big file never sit in memory together. */
const BATCH_BYTES = 64 * 1024 * 1024;

/**
 * Whole blobs by id, each scanned as the file at its path. A finding must say which blob it came
 * from, and fragments carry no blob id: the blob id stands in the origin's commit slot, so each
 * finding comes back with `commit.sha` naming its blob. Blobs over maxFileSize are streamed and
 * scanned in windows, never held whole.
 */
export class BlobSource implements Source {
  constructor(
    private readonly repo: Repository,
    private readonly blobs: readonly BlobAtPath[],
  ) {}

  async feed(sink: FragmentSink): Promise<SourceFacts> {
    const reader = gitBlobs(this.repo.root);
    let batch: BlobAtPath[] = [];
    let batchBytes = 0;
    const flush = async () => {
      const held = await reader.read(
        batch.map(({ blob }) => blob),
        sink.maxFileSize,
      );
      for (const { blob, path } of batch) {
        const bytes = held.get(blob);
        if (bytes) await sink.put({ kind: 'content', origin: originOf(blob, path), bytes });
      }
      batch = [];
      batchBytes = 0;
    };
    for (const entry of this.blobs) {
      const { blob, path, size } = entry;
      if (size > sink.maxFileSize) {
        await sink.put({ kind: 'large', origin: originOf(blob, path), pour: (into) => reader.stream(blob, into, path) });
        continue;
      }
      if (batchBytes + size > BATCH_BYTES) await flush();
      batch.push(entry);
      batchBytes += size;
    }
    if (batch.length) await flush();
    return {};
  }
}

function originOf(blob: string, path: string): { path: string; commit: { sha: string; subject: string; author: string } } {
  return { path, commit: { sha: blob, subject: '', author: '' } };
}
