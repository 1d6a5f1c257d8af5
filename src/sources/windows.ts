import { lineStarts } from '../detect/lines';
import type { Detector } from '../detect/detector';
import type { Finding } from '../detect/types';
import { LeakgateError } from '../errors';
import { formatBytes, messages } from '../messages';
import type { TextRuns } from '../io/decode';
import { placeInBytes } from './placeInBytes';
import type { FileToScan } from './scanContent';

// Text too big to hold whole (a file or blob over maxFileSize, a patch with more added text) is
// scanned in windows: each window at most `size` characters, starting at a line start, and
// overlapping the one before by at least OVERLAP characters. A rule's match is found whole in
// some window when it is at most REACH long, and each finding is kept by exactly one window (the
// one that owns where its secret starts), so nothing straddling a window edge is lost or
// reported twice, and line:column are those of the whole text.

/**
 * The longest match the windows are guaranteed to see whole, context included. Rules match
 * tokens, keys and assignments; the longest are PEM private keys (about 3.3 KB for RSA-4096,
 * 13 KB for RSA-16384). Most catalogue regexes have an unbounded quantifier (`[^'"]+`, `{20,}`),
 * so no exact per-rule bound exists: this is a generous fixed one. A longer match straddling an
 * edge may be missed; one that fits inside a window is still found.
 */
export const REACH = 64 * 1024;
/** How much consecutive windows share: a match up to REACH long lies whole in the window that owns its secret. */
export const OVERLAP = 2 * REACH;
/** The smallest window, whatever maxFileSize says: four overlaps, so each window moves on by most of itself. */
export const MIN_WINDOW = 4 * OVERLAP;
/**
 * The biggest window. Each window is one flat string that V8 frees only at its next full
 * collection: windows of 10 MiB (the default maxFileSize) let a 50 MB file's scan peak at 154 MB
 * RSS, windows of 4 MiB at about 120 MB (see the commit message).
 */
export const MAX_WINDOW = 4 * 1024 * 1024;

/** Characters one window holds: maxFileSize, within [MIN_WINDOW, MAX_WINDOW]. */
export function windowSize(maxFileSize: number): number {
  return Math.min(Math.max(maxFileSize, MIN_WINDOW), MAX_WINDOW);
}

/** A line longer than a window can hold: scanning it in windows could cut a secret in two. */
export class LineTooLong extends LeakgateError {}

/**
 * Collects one file's findings from its windows: keeps a finding only in the window that owns
 * where its first secret starts, and never reports a secret twice (a pair can meet one of its
 * halves again, alone, in the next window).
 */
export class WindowedFindings {
  readonly findings: Finding[] = [];
  private readonly reported = new Set<string>();

  /** `runs`: set once the content turns out binary; findings are then placed in its raw bytes. */
  constructor(
    private readonly detector: Detector,
    private readonly file: FileToScan,
    private readonly runs: () => TextRuns | undefined = () => undefined,
  ) {}

  /**
   * Scans one window: `text` starting at line `startLine` (column 1), owning secrets that start
   * at offsets in [ownFrom, ownTo) of it.
   */
  scan(text: string, startLine: number, ownFrom: number, ownTo: number): void {
    const { path, displayPath, commit } = this.file;
    const found = this.detector.scanFile({
      path,
      ...(displayPath !== undefined ? { displayPath } : {}),
      ...(commit ? { commit } : {}),
      chunks: [{ startLine, text }],
    });
    const runs = this.runs();
    runs?.forgetBefore(startLine);
    if (found.length === 0) return;
    const starts = lineStarts(text);
    for (const finding of found) {
      const first = finding.spans[0]!; // a finding has at least one span
      const index = first.line - startLine;
      const start = starts[index];
      // Findings by path alone (line 1 of the file, outside later windows) belong to every window.
      if (start !== undefined) {
        const offset = start + first.column - 1;
        if (offset < ownFrom || offset >= ownTo) continue;
      }
      const keys = finding.spans.map((span) => `${span.ruleId}:${span.line}:${span.column}`);
      if (keys.some((key) => this.reported.has(key))) continue;
      for (const key of keys) this.reported.add(key);
      this.findings.push(finding);
      if (runs) placeInBytes(this.detector, [finding], runs);
    }
  }
}

/**
 * Cuts text that arrives in pieces into windows for a WindowedFindings. Holds at most one window
 * (plus the piece being added) at a time.
 */
export class TextWindows {
  private pieces: string[] = [];
  private held = 0;
  private first = true;

  constructor(
    private readonly sink: WindowedFindings,
    private readonly size: number,
    private readonly what: string,
    private line = 1,
  ) {}

  push(text: string): void {
    if (text.length === 0) return;
    this.pieces.push(text);
    this.held += text.length;
    while (this.held >= this.size) this.cut();
  }

  /** Scans what is left: the last window owns everything to the end. */
  end(): void {
    const text = this.pieces.join('');
    this.pieces = [];
    this.held = 0;
    if (text.length > 0 || this.first) this.sink.scan(text, this.line, this.first ? 0 : REACH, Infinity);
  }

  private cut(): void {
    const all = this.pieces.join('');
    const text = all.slice(0, this.size);
    // The next window starts at the last line start that leaves OVERLAP characters of this one.
    const next = text.lastIndexOf('\n', this.size - OVERLAP - 1) + 1;
    if (next === 0) throw new LineTooLong(messages.lineTooLong(this.what, formatBytes(this.size - OVERLAP)));
    this.sink.scan(text, this.line, this.first ? 0 : REACH, next + REACH);
    this.first = false;
    for (let at = text.indexOf('\n'); at !== -1 && at < next; at = text.indexOf('\n', at + 1)) this.line++;
    const rest = all.slice(next);
    this.pieces = [rest];
    this.held = rest.length;
  }
}
