import type { DetectorRecipe } from '../config/detectorFor';
import type { Detector } from '../detect/detector';
import type { FileOnDisk } from '../sources/fileSource';
import { scanFileOnDisk, type FileVerdict } from '../sources/scanContent';
import { poolSize, ScanPool } from './scanPool';

/** Below this many bytes a run stays on the main thread: starting workers would cost more. */
const POOL_AFTER_BYTES = 1024 * 1024;
/** Files handed to workers and not scanned yet, at most: the listing waits (only paths are held). */
const BACKLOG_HIGH = 3072;
const BACKLOG_LOW = 1024;

/**
 * Reads and scans the files of a work-tree scan: on the main thread while the run is small, then
 * also in worker threads that read the files themselves (see ScanPool, poolSize). `done` may run
 * later; `finish()` waits for every file.
 *
 * Only work-tree scans use workers. Staged and history scans are fed by git, which needs the
 * second core itself: measured on two cores, a pool made them slower (bench/NOTES.md, "Workers").
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
