import type { CommitRef, FileChange } from '../detect/types';
import { isSubmodule, type DiffEntry } from '../git/diffParser';
import { formatBytes } from '../messages';
import type { Skipped } from '../report/jsonReport';
import { decodeContent } from './decode';
import type { SourceResult } from './types';

/**
 * Diff entries → files for the detector. Submodule pointers carry no text; binary files and
 * files over the size limit are listed as skipped, never dropped silently.
 */
export function filesFromDiff(
  entries: readonly DiffEntry[],
  maxFileSize: number,
  isAllowed: (path: string) => boolean,
  commit?: CommitRef,
  binaryText: ReadonlyMap<string, string> = new Map(),
): SourceResult {
  const files: FileChange[] = [];
  const skipped: Skipped[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (isSubmodule(entry) || isAllowed(entry.path)) continue;
    const decoded = entry.binary ? binaryText.get(entry.newBlob) : undefined;
    if (decoded !== undefined) {
      // Text git took for binary (UTF-16 with a BOM): the whole staged file is judged.
      bytes += decoded.length;
      files.push({ path: entry.path, chunks: [{ startLine: 1, text: decoded }], ...(commit ? { commit } : {}) });
      continue;
    }
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

/** Staged blobs git calls binary that decode as text (UTF-16 with a BOM), by blob id. */
export async function textOfBinaryBlobs(
  entries: readonly DiffEntry[],
  maxFileSize: number,
  read: (shas: string[], maxBytes: number) => Promise<Map<string, Buffer>>,
): Promise<Map<string, string>> {
  const candidates = entries.filter((entry) => entry.binary && !isSubmodule(entry)).map((entry) => entry.newBlob);
  const texts = new Map<string, string>();
  if (candidates.length === 0) return texts;
  for (const [sha, bytes] of await read(candidates, maxFileSize)) {
    const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    if (!utf16) continue;
    const decoded = decodeContent(bytes);
    if (decoded.kind === 'text') texts.set(sha, decoded.text);
  }
  return texts;
}
