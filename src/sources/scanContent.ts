import type { Detector } from '../detect/detector';
import type { CommitRef, Finding } from '../detect/types';
import type { ByteSink } from '../git/gitFeed';
import { LeakgateError } from '../errors';
import { messages } from '../messages';
import type { SkipReason } from '../io/scanTotals';
import { ContentDecoder, scannableText } from '../io/decode';
import { placeInBytes } from './placeInBytes';
import { readLargeFile, readScanFile } from '../io/boundedRead';
import type { FileOnDisk } from './fileSource';
import { TextWindows, WindowedFindings, windowSize } from './windows';

// Turning a file's bytes into findings, wherever that happens: on the main thread (staged and
// history scans, small work-tree scans) or in a worker of the pool (big work-tree scans).

/** A file to scan: where it is, and its bytes (decoded where it is scanned). */
export interface FileToScan {
  path: string;
  displayPath?: string;
  commit?: CommitRef;
}

/** What scanning one file's bytes gave. */
export interface ContentScan {
  /** Scanned as the runs of text in binary content (see TextRuns). */
  binary: boolean;
  findings: Finding[];
}

/** What became of a file read where it was scanned: scanned (with its size), skipped, or nothing to read. */
export type FileVerdict =
  | { kind: 'scanned'; content: ContentScan; bytes: number }
  | { kind: 'skipped'; reason: SkipReason }
  | { kind: 'none' };

/**
 * Reads and scans a file on disk: the same on the main thread and in a worker. A file over
 * maxFileSize is read and scanned in windows (see windows.ts), never held whole.
 */
export function scanFileOnDisk(detector: Detector, file: FileOnDisk, maxFileSize: number): FileVerdict {
  const read = readScanFile(file.absolute, maxFileSize);
  const where = { path: file.path, displayPath: file.displayPath };
  if (read.kind === 'too-large') {
    const sink = new WindowedContent(detector, where, maxFileSize, file.displayPath);
    const outcome = readLargeFile(file.absolute, sink);
    if (outcome.kind === 'skipped') throw cannotRead(file, outcome.reason);
    if (outcome.kind !== 'read') return outcome;
    return { kind: 'scanned', content: { binary: sink.binary, findings: sink.findings() }, bytes: outcome.bytes };
  }
  if (read.kind === 'skipped') throw cannotRead(file, read.reason);
  if (read.kind !== 'read') return read;
  return { kind: 'scanned', content: scanBytes(detector, where, read.bytes), bytes: read.bytes.length };
}

/** A file that cannot be read is not scanned: the scan stops (exit 2) naming it, never passes it. */
function cannotRead(file: FileOnDisk, reason: SkipReason): LeakgateError {
  return new LeakgateError(messages.cannotRead(file.displayPath, reason.code));
}

/** Decodes and scans one file's bytes: the same on the main thread and in a worker. */
export function scanBytes(detector: Detector, file: FileToScan, bytes: Uint8Array): ContentScan {
  const { text, binary } = scannableText(bytes);
  const where = {
    path: file.path,
    ...(file.displayPath !== undefined ? { displayPath: file.displayPath } : {}),
    ...(file.commit ? { commit: file.commit } : {}),
  };
  const findings = detector.scanFile({ ...where, chunks: text.length ? [{ startLine: 1, text }] : [] });
  if (binary) placeInBytes(detector, findings, binary);
  return { binary: binary !== undefined, findings };
}

/**
 * Content too big to hold, scanned in windows as its bytes arrive (from a file or from git):
 * decoded like any file (ContentDecoder), then cut into windows (see windowSize).
 */
export class WindowedContent implements ByteSink {
  private readonly decoder = new ContentDecoder();
  private readonly collected: WindowedFindings;
  private readonly windows: TextWindows;

  constructor(detector: Detector, file: FileToScan, maxFileSize: number, shownAs = file.path) {
    this.collected = new WindowedFindings(detector, file, () => this.decoder.runs);
    this.windows = new TextWindows(this.collected, windowSize(maxFileSize), shownAs);
  }

  get binary(): boolean {
    return this.decoder.runs !== undefined;
  }

  push(bytes: Buffer): void {
    this.windows.push(this.decoder.push(bytes));
  }

  end(): void {
    this.windows.push(this.decoder.end());
    this.windows.end();
  }

  findings(): Finding[] {
    return this.collected.findings;
  }
}
