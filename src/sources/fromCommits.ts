import type { Detector } from '../detect/detector';
import type { CommitRef, Finding } from '../detect/types';
import type { BlobContent } from '../git/blobStream';
import { streamCommitChanges, type StagedHandlers } from '../git/changeStreams';
import { isSubmodule, type DiffEntry } from '../git/diffParser';
import { GitError } from '../errors';
import type { Skipped } from '../report/jsonReport';
import { oversizedReason } from './decode';
import { guarded } from '../runtime/watchdog';
import { judgeBytes } from './judge';
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

  constructor(
    private readonly detector: Detector,
    private readonly maxFileSize: number,
    private readonly readBlobs: ReadBlobs,
    private readonly commitOrder?: ReadonlyMap<string, number>,
  ) {}

  /** Entries that came as patches (their added lines). */
  add(entries: readonly DiffEntry[], commit?: CommitRef): void {
    const source = filesFromDiff(entries, this.maxFileSize, (path) => this.detector.isPathAllowed(path), commit);
    this.countBytes(source.bytes, commit);
    this.scan.files += source.files.length;
    this.scan.skipped.push(...source.skipped.map((entry) => (commit ? { ...entry, commit: commit.sha } : entry)));
    for (const file of source.files) this.scan.findings.push(...this.detector.scanFile(file));
    for (const entry of entries) if (entry.binary && !this.detector.isPathAllowed(entry.path)) this.binary.push({ ...(commit ? { commit } : {}), entry });
  }

  /** A file added whole, read as a blob: every line of it is added. */
  addBlob(entry: DiffEntry, content: BlobContent, commit?: CommitRef): void {
    if (isSubmodule(entry) || this.detector.isPathAllowed(entry.path)) return;
    if (content.kind === 'missing') throw new GitError(`git cannot read the content of ${entry.path} (object ${entry.newBlob.slice(0, 12)} is missing), so leakgate cannot judge it.`);
    const skip = (reason: string) => this.scan.skipped.push({ file: entry.path, reason, ...(commit ? { commit: commit.sha } : {}) });
    if (content.kind === 'too-large') {
      skip(oversizedReason(content.size, this.maxFileSize, content.head));
      return;
    }
    this.scan.files++;
    // Path-only rules (keystores, .p12) judge binary files too, by name.
    const { binary, findings } = judgeBytes(this.detector, { path: entry.path, ...(commit ? { commit } : {}) }, content.bytes);
    if (binary) skip('binary');
    else this.countBytes(content.bytes.length, commit);
    this.scan.findings.push(...findings);
  }

  /** Handlers for Repository.streamStaged. */
  stagedHandlers(): StagedHandlers {
    return { entry: (entry) => this.add([entry]), blob: (entry, content) => this.addBlob(entry, content) };
  }

  private countBytes(bytes: number, commit?: CommitRef): void {
    const key = commit?.sha ?? '';
    this.scan.bytesByCommit.set(key, (this.scan.bytesByCommit.get(key) ?? 0) + bytes);
  }

  async finish(): Promise<CommitScan> {
    for (let start = 0; start < this.binary.length; start += BLOB_BATCH) {
      const batch = this.binary.slice(start, start + BLOB_BATCH);
      const texts = await textOfBinaryBlobs(batch.map(({ entry }) => entry), this.maxFileSize, this.readBlobs);
      for (const { commit, entry } of batch) {
        const chunks = texts.get(entry.newBlob);
        if (!chunks) continue;
        this.scan.skipped = this.scan.skipped.filter((skipped) => !(skipped.file === entry.path && skipped.commit === commit?.sha && skipped.reason === 'binary'));
        this.scan.findings.push(...guarded(() => this.detector.scanFile({ path: entry.path, chunks, ...(commit ? { commit } : {}) })));
      }
    }
    // Patches and blobs arrive side by side: report in a fixed order (commit, then path).
    const commitIndex = (sha: string | undefined) => (sha === undefined ? 0 : (this.commitOrder?.get(sha) ?? 0));
    const byPlace = (a: { file: string; commit?: string }, b: { file: string; commit?: string }) => commitIndex(a.commit) - commitIndex(b.commit) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
    this.scan.findings.sort((a, b) => byPlace({ file: a.path, commit: a.commit?.sha }, { file: b.path, commit: b.commit?.sha }));
    this.scan.skipped.sort(byPlace);
    return this.scan;
  }
}

/**
 * Scans each commit's own change as it streams out of git, so memory holds one commit at a time
 * and findings are attributed to the commit that introduced them.
 */
export async function scanCommits(
  root: string,
  shas: readonly string[],
  detector: Detector,
  maxFileSize: number,
  readBlobs: ReadBlobs,
): Promise<CommitScan> {
  const scanner = new EntryScanner(detector, maxFileSize, readBlobs, new Map(shas.map((sha, index) => [sha, index])));
  const ref = (sha: string): CommitRef => ({ sha, subject: '', author: '' });
  await streamCommitChanges(root, shas, maxFileSize, {
    entries: (sha, entries) => scanner.add(entries, ref(sha)),
    blob: (sha, entry, content) => scanner.addBlob(entry, content, ref(sha)),
  });
  return scanner.finish();
}
