import type { CommitRef, FileChange } from '../detect/types';
import { isSubmodule, type DiffEntry } from '../git/diffParser';
import { formatBytes } from '../messages';
import type { Skipped } from '../report/jsonReport';
import type { SourceResult } from './types';

/**
 * Diff entries → files for the detector. Submodule pointers carry no text; binary files and
 * files over the size limit are listed as skipped, never dropped silently.
 */
export function filesFromDiff(entries: readonly DiffEntry[], maxFileSize: number, isAllowed: (path: string) => boolean, commit?: CommitRef): SourceResult {
  const files: FileChange[] = [];
  const skipped: Skipped[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (isSubmodule(entry) || isAllowed(entry.path)) continue;
    if (entry.binary) {
      skipped.push({ file: entry.path, reason: 'binary' });
      // Path-only rules (keystores, .p12) still judge binary files by name.
      files.push({ path: entry.path, chunks: [], ...(commit ? { commit } : {}) });
      continue;
    }
    if (entry.addedBytes > maxFileSize) {
      skipped.push({ file: entry.path, reason: `larger than maxFileSize (${formatBytes(entry.addedBytes)} > ${formatBytes(maxFileSize)})` });
      continue;
    }
    bytes += entry.addedBytes;
    files.push({ path: entry.path, chunks: entry.chunks, ...(commit ? { commit } : {}) });
  }
  return { files, skipped, bytes };
}
