import type { Detector } from '../detect/detector';
import type { CommitRef, Finding } from '../detect/types';
import { streamCommitDiffs } from '../git/commitDiffs';
import type { DiffEntry } from '../git/diffParser';
import type { Skipped } from '../report/jsonReport';
import { filesFromDiff, textOfBinaryBlobs } from './fromDiff';

/** What scanning a list of commits produced. */
export interface CommitScan {
  findings: Finding[];
  skipped: Skipped[];
  bytesByCommit: Map<string, number>;
  files: number;
}

type ReadBlobs = (shas: string[], maxBytes: number) => Promise<Map<string, Buffer>>;

/** Binary entries are re-read in batches of this many, so memory stays bounded. */
const BLOB_BATCH = 64;

/**
 * Scans each commit's own change as it streams out of git, so memory holds one commit at a time
 * and findings are attributed to the commit that introduced them. Files git called binary are
 * read afterwards and judged if they are text after all (see textOfBinaryBlobs).
 */
export async function scanCommits(root: string, shas: readonly string[], detector: Detector, maxFileSize: number, readBlobs: ReadBlobs): Promise<CommitScan> {
  const scan: CommitScan = { findings: [], skipped: [], bytesByCommit: new Map(), files: 0 };
  const binary: { commit: CommitRef; entry: DiffEntry }[] = [];
  await streamCommitDiffs(root, shas, ({ sha, entries }) => {
    const commit = { sha, subject: '', author: '' };
    const source = filesFromDiff(entries, maxFileSize, (path) => detector.isPathAllowed(path), commit);
    scan.bytesByCommit.set(sha, source.bytes);
    scan.files += source.files.length;
    scan.skipped.push(...source.skipped.map((entry) => ({ ...entry, commit: sha })));
    for (const file of source.files) scan.findings.push(...detector.scanFile(file));
    for (const entry of entries) if (entry.binary && !detector.isPathAllowed(entry.path)) binary.push({ commit, entry });
  });
  for (let start = 0; start < binary.length; start += BLOB_BATCH) {
    const batch = binary.slice(start, start + BLOB_BATCH);
    const texts = await textOfBinaryBlobs(batch.map(({ entry }) => entry), maxFileSize, readBlobs);
    for (const { commit, entry } of batch) {
      const chunks = texts.get(entry.newBlob);
      if (!chunks) continue;
      scan.skipped = scan.skipped.filter((skipped) => !(skipped.file === entry.path && skipped.commit === commit.sha && skipped.reason === 'binary'));
      scan.findings.push(...detector.scanFile({ path: entry.path, chunks, commit }));
    }
  }
  return scan;
}
