import type { Detector } from '../detect/detector';
import type { Finding } from '../detect/types';
import { streamCommitDiffs } from '../git/commitDiffs';
import type { Skipped } from '../report/jsonReport';
import { filesFromDiff } from './fromDiff';

/** What scanning a list of commits produced. */
export interface CommitScan {
  findings: Finding[];
  skipped: Skipped[];
  bytesByCommit: Map<string, number>;
  files: number;
}

/**
 * Scans each commit's own change as it streams out of git, so memory holds one commit at a time
 * and findings are attributed to the commit that introduced them.
 */
export async function scanCommits(root: string, shas: readonly string[], detector: Detector, maxFileSize: number): Promise<CommitScan> {
  const scan: CommitScan = { findings: [], skipped: [], bytesByCommit: new Map(), files: 0 };
  await streamCommitDiffs(root, shas, ({ sha, entries }) => {
    const commit = { sha, subject: '', author: '' };
    const source = filesFromDiff(entries, maxFileSize, (path) => detector.isPathAllowed(path), commit);
    scan.bytesByCommit.set(sha, source.bytes);
    scan.files += source.files.length;
    scan.skipped.push(...source.skipped.map((entry) => ({ ...entry, commit: sha })));
    for (const file of source.files) scan.findings.push(...detector.scanFile(file));
  });
  return scan;
}
