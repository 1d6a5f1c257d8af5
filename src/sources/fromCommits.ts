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
 * Judges diff entries as they come (one file or one commit at a time), then the files git called
 * binary that are text after all (see textOfBinaryBlobs), read in batches so memory stays bounded.
 */
export class EntryScanner {
  readonly scan: CommitScan = { findings: [], skipped: [], bytesByCommit: new Map(), files: 0 };
  private readonly binary: { commit?: CommitRef; entry: DiffEntry }[] = [];

  constructor(private readonly detector: Detector, private readonly maxFileSize: number, private readonly readBlobs: ReadBlobs) {}

  add(entries: readonly DiffEntry[], commit?: CommitRef): void {
    const source = filesFromDiff(entries, this.maxFileSize, (path) => this.detector.isPathAllowed(path), commit);
    if (commit) this.scan.bytesByCommit.set(commit.sha, (this.scan.bytesByCommit.get(commit.sha) ?? 0) + source.bytes);
    else this.scan.bytesByCommit.set('', (this.scan.bytesByCommit.get('') ?? 0) + source.bytes);
    this.scan.files += source.files.length;
    this.scan.skipped.push(...source.skipped.map((entry) => (commit ? { ...entry, commit: commit.sha } : entry)));
    for (const file of source.files) this.scan.findings.push(...this.detector.scanFile(file));
    for (const entry of entries) if (entry.binary && !this.detector.isPathAllowed(entry.path)) this.binary.push({ ...(commit ? { commit } : {}), entry });
  }

  async finish(): Promise<CommitScan> {
    for (let start = 0; start < this.binary.length; start += BLOB_BATCH) {
      const batch = this.binary.slice(start, start + BLOB_BATCH);
      const texts = await textOfBinaryBlobs(batch.map(({ entry }) => entry), this.maxFileSize, this.readBlobs);
      for (const { commit, entry } of batch) {
        const chunks = texts.get(entry.newBlob);
        if (!chunks) continue;
        this.scan.skipped = this.scan.skipped.filter((skipped) => !(skipped.file === entry.path && skipped.commit === commit?.sha && skipped.reason === 'binary'));
        this.scan.findings.push(...this.detector.scanFile({ path: entry.path, chunks, ...(commit ? { commit } : {}) }));
      }
    }
    return this.scan;
  }
}

/**
 * Scans each commit's own change as it streams out of git, so memory holds one commit at a time
 * and findings are attributed to the commit that introduced them.
 */
export async function scanCommits(root: string, shas: readonly string[], detector: Detector, maxFileSize: number, readBlobs: ReadBlobs): Promise<CommitScan> {
  const scanner = new EntryScanner(detector, maxFileSize, readBlobs);
  await streamCommitDiffs(root, shas, ({ sha, entries }) => scanner.add(entries, { sha, subject: '', author: '' }));
  return scanner.finish();
}
