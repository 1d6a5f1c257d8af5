import type { Detector } from '../detect/detector';
import type { CommitRef, FileChange, Finding } from '../detect/types';
import type { BlobContent } from '../git/blobStream';
import { streamCommitChanges, type StagedFileHandlers } from '../git/changeStreams';
import { isSubmodule, type DiffEntry } from '../git/diffParser';
import { GitError } from '../errors';
import type { Skipped } from '../io/scanTotals';
import { gitBlobs, type BlobReader } from '../git/objectReader';
import { placeInBytes } from './placeInBytes';
import { judgeBytes, WindowedContent } from './judge';
import { filesFromDiff, isNullBlob, textOfBinaryBlobs } from './fromDiff';
import { guarded } from '../runtime/watchdog';
import { TextWindows, WindowedFindings, windowSize } from './windows';

/** What scanning a list of commits produced. */
export interface CommitScan {
  findings: Finding[];
  skipped: Skipped[];
  bytesByCommit: Map<string, number>;
  files: number;
}

type ReadBlobs = BlobReader['read'];

/** Binary entries are re-read in batches of this many, so memory stays bounded. */
const BLOB_BATCH = 64;

/**
 * Judges diff entries as they come (one file or one commit at a time), then the files git called
 * binary (see textOfBinaryBlobs), read in batches so memory stays bounded, then the files too big
 * to hold, streamed from git and judged in windows (see windows.ts). Nothing is skipped.
 */
export class EntryScanner {
  readonly scan: CommitScan = { findings: [], skipped: [], bytesByCommit: new Map(), files: 0 };
  private readonly binary: { commit?: CommitRef; entry: DiffEntry }[] = [];
  private readonly large: { commit?: CommitRef; entry: DiffEntry }[] = [];

  constructor(
    private readonly detector: Detector,
    private readonly maxFileSize: number,
    private readonly blobs: BlobReader,
    private readonly commitOrder?: ReadonlyMap<string, number>,
  ) {}

  /** Entries that came as patches (their added lines); a patch over maxFileSize is judged in windows. */
  add(entries: readonly DiffEntry[], commit?: CommitRef): void {
    for (const { file, bytes } of filesFromDiff(entries, (path) => this.detector.isPathAllowed(path), commit)) {
      this.countBytes(bytes, commit);
      this.scan.files++;
      this.scan.findings.push(...(bytes > this.maxFileSize ? this.windowedChunks(file) : this.detector.scanFile(file)));
    }
    for (const entry of entries) {
      if (entry.binary && !isNullBlob(entry.newBlob) && !isSubmodule(entry) && !this.detector.isPathAllowed(entry.path)) this.binary.push({ ...(commit ? { commit } : {}), entry });
    }
  }

  /** A file added whole, read as a blob: every line of it is added. */
  addBlob(entry: DiffEntry, content: BlobContent, commit?: CommitRef): void {
    if (isSubmodule(entry) || this.detector.isPathAllowed(entry.path)) return;
    if (content.kind === 'missing') throw new GitError(`git cannot read the content of ${entry.path} (object ${entry.newBlob.slice(0, 12)} is missing), so leakgate cannot judge it.`);
    if (content.kind === 'too-large') {
      this.large.push({ ...(commit ? { commit } : {}), entry });
      return;
    }
    this.scan.files++;
    // Binary content is judged by its printable runs, and by name (path-only rules: keystores, .p12).
    const { findings } = judgeBytes(this.detector, { path: entry.path, ...(commit ? { commit } : {}) }, content.bytes);
    this.countBytes(content.bytes.length, commit);
    this.scan.findings.push(...findings);
  }

  /** Handlers for Repository.streamStaged. */
  stagedHandlers(): StagedFileHandlers {
    return { entry: (entry) => this.add([entry]), blob: (entry, content) => this.addBlob(entry, content) };
  }

  private countBytes(bytes: number, commit?: CommitRef): void {
    const key = commit?.sha ?? '';
    this.scan.bytesByCommit.set(key, (this.scan.bytesByCommit.get(key) ?? 0) + bytes);
  }

  /** A patch with more added text than maxFileSize: each run of added lines in windows. */
  private windowedChunks(file: FileChange): Finding[] {
    const collected = new WindowedFindings(this.detector, file);
    for (const chunk of file.chunks) {
      const windows = new TextWindows(collected, windowSize(this.maxFileSize), file.path, chunk.startLine);
      windows.push(chunk.text);
      windows.end();
    }
    return collected.findings;
  }

  async finish(): Promise<CommitScan> {
    for (let start = 0; start < this.binary.length; start += BLOB_BATCH) {
      const batch = this.binary.slice(start, start + BLOB_BATCH);
      const texts = await textOfBinaryBlobs(batch.map(({ entry }) => entry), this.maxFileSize, this.blobs.read);
      for (const { commit, entry } of batch) {
        const text = texts.get(entry.newBlob) ?? { chunks: [] };
        if (text === 'too-large') {
          // Its added lines cannot be told without holding both versions: all of it is judged.
          this.large.push({ ...(commit ? { commit } : {}), entry });
          continue;
        }
        this.scan.files++;
        const findings = guarded(() => this.detector.scanFile({ path: entry.path, chunks: text.chunks, ...(commit ? { commit } : {}) }));
        if (text.binary) placeInBytes(this.detector, findings, text.binary);
        this.scan.findings.push(...findings);
      }
    }
    for (const { commit, entry } of this.large) {
      const sink = new WindowedContent(this.detector, { path: entry.path, ...(commit ? { commit } : {}) }, this.maxFileSize);
      let bytes = 0;
      await this.blobs.stream(entry.newBlob, { push: (chunk) => { bytes += chunk.length; sink.push(chunk); }, end: () => sink.end() }, `read ${entry.path}`);
      this.scan.files++;
      this.countBytes(bytes, commit);
      this.scan.findings.push(...sink.findings());
    }
    // Patches and blobs arrive side by side: report in a fixed order (commit, then path).
    const commitIndex = (sha: string | undefined) => (sha === undefined ? 0 : (this.commitOrder?.get(sha) ?? 0));
    const byPlace = (a: { file: string; commit?: string | undefined }, b: { file: string; commit?: string | undefined }) => commitIndex(a.commit) - commitIndex(b.commit) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
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
  const blobs = { read: readBlobs, stream: gitBlobs(root).stream };
  const scanner = new EntryScanner(detector, maxFileSize, blobs, new Map(shas.map((sha, index) => [sha, index])));
  const ref = (sha: string): CommitRef => ({ sha, subject: '', author: '' });
  await streamCommitChanges(root, shas, maxFileSize, {
    entries: (sha, entries) => scanner.add(entries, ref(sha)),
    blob: (sha, entry, content) => scanner.addBlob(entry, content, ref(sha)),
  });
  return scanner.finish();
}
