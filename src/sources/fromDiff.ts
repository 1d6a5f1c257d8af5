import type { Chunk, CommitRef, FileChange } from '../detect/types';
import { isSubmodule, type DiffEntry } from '../git/diffParser';
import { MissingBlob } from '../git/objectReader';
import { GitError } from '../errors';
import { messages } from '../messages';
import { scannableText, type RunPlaces } from '../io/decode';

/** A file's added text as a patch gave it, and how many bytes that is. */
export interface PatchedFile {
  file: FileChange;
  bytes: number;
  entry: DiffEntry;
}

/**
 * Diff entries → files for the detector. Submodule pointers carry no text; files git calls binary
 * are read from git afterwards (textOfBinaryBlobs), except deletions, scanned by path alone.
 */
export function filesFromDiff(entries: readonly DiffEntry[], isAllowed: (path: string) => boolean, commit?: CommitRef): PatchedFile[] {
  const files: PatchedFile[] = [];
  for (const entry of entries) {
    if (isSubmodule(entry) || isAllowed(entry.path)) continue;
    if (entry.binary && !isNullBlob(entry.newBlob)) continue;
    files.push({ file: { path: entry.path, chunks: entry.chunks, ...(commit ? { commit } : {}) }, bytes: entry.addedBytes, entry });
  }
  return files;
}

/** The all-zero id git gives a side that does not exist (the new side of a deletion). */
export function isNullBlob(sha: string): boolean {
  return !sha || /^0+$/.test(sha);
}

/**
 * What a file git calls binary holds for the detector: its added text (and, for binary content,
 * where its runs sit in the raw bytes), or too big to hold (scan it in windows).
 */
export type BinaryEntryText = { chunks: Chunk[]; binary?: RunPlaces } | 'too-large';

/**
 * Files git calls binary: UTF-16 with a BOM, text a `.gitattributes` (`binary`, `-diff`) or
 * `core.bigFileThreshold` told git not to diff, and real binaries, whose printable runs can hold
 * a key (see TextRuns). Marking `*.env binary` must not hide a secret, so we read such
 * blobs and decode them ourselves. Their added lines are the lines of the new blob that the old
 * one does not have. A new blob over maxFileSize is not read here: the caller scans all of it in
 * windows. Keyed by new blob id; a blob git cannot give is an error naming the file.
 */
export async function textOfBinaryBlobs(
  entries: readonly DiffEntry[],
  maxFileSize: number,
  read: (shas: string[], maxBytes: number) => Promise<Map<string, Buffer>>,
): Promise<Map<string, BinaryEntryText>> {
  const binary = entries.filter((entry) => entry.binary && !isSubmodule(entry) && !isNullBlob(entry.newBlob));
  const texts = new Map<string, BinaryEntryText>();
  if (binary.length === 0) return texts;
  const olds = binary.map((entry) => entry.oldBlob).filter((sha) => !isNullBlob(sha));
  let blobs: Map<string, Buffer>;
  try {
    blobs = await read([...new Set([...binary.map((entry) => entry.newBlob), ...olds])], maxFileSize);
  } catch (error) {
    const holder =
      error instanceof MissingBlob ? binary.find((entry) => entry.newBlob === error.sha || entry.oldBlob === error.sha) : undefined;
    if (holder) throw new GitError(messages.blobMissing(holder.path, error instanceof MissingBlob ? error.sha : '', true));
    throw error;
  }
  for (const entry of binary) {
    const bytes = blobs.get(entry.newBlob);
    if (!bytes) {
      texts.set(entry.newBlob, 'too-large');
      continue;
    }
    const oldBytes = blobs.get(entry.oldBlob);
    const { text, binary: runs } = scannableText(bytes);
    texts.set(entry.newBlob, {
      chunks: addedChunks(oldBytes ? scannableText(oldBytes).text : '', text),
      ...(runs ? { binary: runs } : {}),
    });
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
