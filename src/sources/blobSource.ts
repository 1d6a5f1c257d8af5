import { gitBlobs } from '../git/objectReader';
import type { Repository } from '../git/repository';
import type { FragmentSink, Source, SourceFacts } from './fragments';

/** A blob to scan and the path it sits at (the path decides how its text is read: .env, YAML…). */
export interface BlobAtPath {
  blob: string;
  path: string;
}

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
    const held = await reader.read(
      this.blobs.map(({ blob }) => blob),
      sink.maxFileSize,
    );
    for (const { blob, path } of this.blobs) {
      const origin = { path, commit: { sha: blob, subject: '', author: '' } };
      const bytes = held.get(blob);
      if (bytes) await sink.put({ kind: 'content', origin, bytes });
      else await sink.put({ kind: 'large', origin, pour: (into) => reader.stream(blob, into, path) });
    }
    return {};
  }
}
