import type { Detector } from '../detect/detector';
import type { CommitRef, Finding } from '../detect/types';
import { decodeContent } from './decode';
import { readScanFile, type FileOnDisk } from './fileSource';

// Turning a file's bytes into findings, wherever that happens: on the main thread (staged and
// history scans, small work-tree scans) or in a worker of the pool (big work-tree scans).

/** A file to judge: where it is, and its bytes (decoded where it is judged). */
export interface FileToJudge {
  path: string;
  displayPath?: string;
  commit?: CommitRef;
}

/** What judging one file's bytes gave. */
export interface Judgement {
  binary: boolean;
  findings: Finding[];
}

/** What became of a file read where it was judged: judged (with its size), skipped, or nothing to read. */
export type FileVerdict = { kind: 'judged'; judgement: Judgement; bytes: number } | { kind: 'skipped'; reason: string } | { kind: 'none' };

/** Reads and judges a file on disk: the same on the main thread and in a worker. */
export function judgeFileOnDisk(detector: Detector, file: FileOnDisk, maxFileSize: number): FileVerdict {
  const read = readScanFile(file.absolute, maxFileSize);
  if (read.kind !== 'read') return read;
  return { kind: 'judged', judgement: judgeBytes(detector, { path: file.path, displayPath: file.displayPath }, read.bytes), bytes: read.bytes.length };
}

/** Decodes and scans one file's bytes: the same on the main thread and in a worker. */
export function judgeBytes(detector: Detector, file: FileToJudge, bytes: Uint8Array): Judgement {
  const decoded = decodeContent(bytes);
  const where = { path: file.path, ...(file.displayPath !== undefined ? { displayPath: file.displayPath } : {}), ...(file.commit ? { commit: file.commit } : {}) };
  if (decoded.kind === 'binary') return { binary: true, findings: detector.scanFile({ ...where, chunks: [] }) };
  return { binary: false, findings: detector.scanFile({ ...where, chunks: [{ startLine: 1, text: decoded.text }] }) };
}
