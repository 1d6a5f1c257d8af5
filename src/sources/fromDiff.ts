import type { Chunk, CommitRef, FileChange } from '../detect/types';
import { isSubmodule, type DiffEntry } from '../git/diffParser';
import type { Skipped } from '../report/jsonReport';
import { decodeContent, oversizedReason } from './decode';
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
): SourceResult {
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
      skipped.push({ file: entry.path, reason: oversizedReason(entry.addedBytes, maxFileSize) });
      continue;
    }
    bytes += entry.addedBytes;
    files.push({ path: entry.path, chunks: entry.chunks, ...(commit ? { commit } : {}) });
  }
  return { files, skipped, bytes };
}

/**
 * Files git calls binary that are text after all: UTF-16 with a BOM, or text a `.gitattributes`
 * (`binary`, `-diff`) told git not to diff. Marking `*.env binary` must not hide a secret, so we
 * read such blobs and apply our own test (a NUL in the first 8000 bytes). Their added lines are
 * the lines of the new blob that the old one does not have. Keyed by new blob id.
 */
export async function textOfBinaryBlobs(
  entries: readonly DiffEntry[],
  maxFileSize: number,
  read: (shas: string[], maxBytes: number) => Promise<Map<string, Buffer>>,
): Promise<Map<string, Chunk[]>> {
  const binary = entries.filter((entry) => entry.binary && !isSubmodule(entry));
  const texts = new Map<string, Chunk[]>();
  if (binary.length === 0) return texts;
  const olds = binary.map((entry) => entry.oldBlob).filter((sha) => sha && !/^0+$/.test(sha));
  const blobs = await read([...new Set([...binary.map((entry) => entry.newBlob), ...olds])], maxFileSize);
  for (const entry of binary) {
    const bytes = blobs.get(entry.newBlob);
    if (!bytes) continue;
    const decoded = decodeContent(bytes);
    if (decoded.kind !== 'text') continue;
    const oldBytes = blobs.get(entry.oldBlob);
    const old = oldBytes ? decodeContent(oldBytes) : undefined;
    texts.set(entry.newBlob, addedChunks(old?.kind === 'text' ? old.text : '', decoded.text));
  }
  return texts;
}

/** Lines of `after` that `before` does not have (as a multiset), grouped into consecutive chunks. */
export function addedChunks(before: string, after: string): Chunk[] {
  const remaining = new Map<string, number>();
  for (const line of before.split('\n')) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const chunks: Chunk[] = [];
  let current: { startLine: number; lines: string[] } | undefined;
  after.split('\n').forEach((line, index) => {
    const left = remaining.get(line) ?? 0;
    if (left > 0) {
      remaining.set(line, left - 1);
      if (current) chunks.push({ startLine: current.startLine, text: current.lines.join('\n') });
      current = undefined;
      return;
    }
    current ??= { startLine: index + 1, lines: [] };
    current.lines.push(line);
  });
  if (current) chunks.push({ startLine: current.startLine, text: current.lines.join('\n') });
  return chunks.filter((chunk) => chunk.text.length > 0);
}
