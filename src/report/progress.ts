import { messages } from '../messages';

/** How often the line may change: at most 10 times a second, so the terminal is not the bottleneck. */
export const PROGRESS_INTERVAL_MS = 100;
/** Back to the start of the line and erase it: the line is redrawn in place, and gone at the end. */
const CLEAR_LINE = '\r\u001b[K';

/** What a scan tells its progress: each piece of text done, with the commit it belongs to ('' for none). */
export interface ScanProgress {
  advance(commit: string, bytes: number): void;
}

/**
 * One line on a terminal's stderr, redrawn in place: commits (or files) done out of the total when
 * it is known, MB/s, and the time left. `finish` erases it, so the report starts on a clean line.
 * Only ever built when stderr is a terminal (commands/progress.ts); the text is leakgate's own.
 */
export class ProgressLine implements ScanProgress {
  private readonly started: number;
  private readonly commits = new Set<string>();
  private files = 0;
  private bytes = 0;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly total: { commits?: number; files?: number },
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  advance(commit: string, bytes: number): void {
    this.files++;
    this.bytes += bytes;
    if (commit) this.commits.add(commit);
    const time = this.now();
    if (time - this.lastDrawn < PROGRESS_INTERVAL_MS) return;
    this.lastDrawn = time;
    this.drawn = true;
    this.write(`${CLEAR_LINE}${this.text(time)}`);
  }

  /** Erases the line (when one was drawn). */
  finish(): void {
    if (this.drawn) this.write(CLEAR_LINE);
    this.drawn = false;
  }

  /** The line as it reads at `time`. */
  text(time: number): string {
    const seconds = Math.max((time - this.started) / 1000, 0.001);
    const rate = this.bytes / 1e6 / seconds;
    const byCommits = this.total.commits !== undefined;
    const done = byCommits ? this.commits.size : this.files;
    const total = byCommits ? this.total.commits : this.total.files;
    // The first half second says too little of the pace to promise a time.
    const steady = seconds >= 0.5 && total !== undefined && done > 0 && done < total;
    const left = steady ? ((total - done) * seconds) / done : undefined;
    return messages.progressLine(done, total, byCommits ? 'commit' : 'file', rate, left);
  }
}
