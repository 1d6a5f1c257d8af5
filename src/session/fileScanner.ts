import type { DetectorRecipe } from '../config/detectorFor';
import type { Detector } from '../detect/detector';
import type { FileOnDisk } from '../sources/fileSource';
import { scanBytes, scanFileOnDisk, type FileToScan, type FileVerdict } from '../sources/scanContent';
import { poolSize, ScanPool } from './scanPool';

/** Below this many bytes a run stays on the main thread: starting workers would cost more. */
const POOL_AFTER_BYTES = 1024 * 1024;
/** Files handed to workers and not scanned yet, at most: the listing waits (only paths are held). */
const BACKLOG_HIGH = 3072;
const BACKLOG_LOW = 1024;
/** Batches of content a worker holds at most: beyond, the main thread scans what git delivers. */
const CONTENT_IN_FLIGHT = 2;

/**
 * Scans files on disk (a work-tree scan) and content read from git (a history's added files): on
 * the main thread while the run is small, then also in worker threads (see ScanPool, poolSize).
 * `done` may run later; `finish()` waits for every file.
 *
 * Hooks keep every scan on the main thread, under the watchdog (the session decides). A history
 * scan's git processes leave most of the second core idle now that judging a file costs more than
 * git's part of reading it (bench/NOTES.md, "Workers").
 */
export class FileScanner {
  private pool: ScanPool | undefined;
  private seen = 0;

  constructor(
    private readonly detector: Detector,
    private readonly recipe: DetectorRecipe,
  ) {}

  /** Reads and scans a file on disk: here while the run is small or the workers are full, else by a worker that reads it itself. */
  scanFile(file: FileOnDisk, maxFileSize: number, done: (verdict: FileVerdict) => void): void {
    // The main thread scans too, whenever the workers are full: on two cores one worker and
    // this thread beat two workers beside a thread that only lists (see poolSize).
    if (this.pool && !this.pool.saturated) {
      this.pool.submit(file, maxFileSize, done);
      return;
    }
    const verdict = scanFileOnDisk(this.detector, file, maxFileSize);
    if (verdict.kind === 'scanned') this.seen += verdict.bytes;
    this.startPoolIfWorthIt();
    done(verdict);
  }

  /** Scans bytes as the file at `origin`: here, or by a worker when the pool runs and has room. */
  scanContent(origin: FileToScan, bytes: Uint8Array, done: (verdict: FileVerdict) => void): void {
    if (this.pool?.hasRoomFor(CONTENT_IN_FLIGHT)) {
      this.pool.submitContent(origin, bytes, done);
      return;
    }
    const verdict: FileVerdict = { kind: 'scanned', content: scanBytes(this.detector, origin, bytes), bytes: bytes.length };
    this.seen += bytes.length;
    this.startPoolIfWorthIt();
    done(verdict);
  }

  private startPoolIfWorthIt(): void {
    if (!this.pool && this.seen > POOL_AFTER_BYTES) {
      const size = poolSize();
      if (size > 0) this.pool = new ScanPool(this.recipe, size);
    }
  }

  /** False while the workers have as much as they should hold: the reader waits (see whenReady). */
  ready(): boolean {
    return !this.pool || this.pool.backlog < BACKLOG_HIGH;
  }

  /** Resolves when the workers' backlog is low again. */
  async whenReady(): Promise<void> {
    if (this.pool && this.pool.backlog >= BACKLOG_HIGH) await this.pool.below(BACKLOG_LOW);
  }

  async finish(): Promise<void> {
    await this.pool?.close(this.detector);
  }
}
