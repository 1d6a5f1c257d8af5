import type { TimeBudget } from '../commands/budget';
import type { DetectorRecipe } from '../commands/detectorFor';
import type { Detector } from '../detect/detector';
import type { FileOnDisk } from './fileSource';
import { judgeBytes, judgeFileOnDisk, poolAvailable, ScanPool, type FileToJudge, type FileVerdict, type Judgement } from './scanPool';

/** Below this many bytes a run stays on the main thread: starting workers would cost more. */
const POOL_AFTER_BYTES = 6 * 1024 * 1024;
/** Bytes handed to workers and not judged yet, at most: memory stays bounded. */
const BACKLOG_HIGH = 24 * 1024 * 1024;
const BACKLOG_LOW = 8 * 1024 * 1024;

/**
 * Judges whole files from their bytes: on the main thread while the run is small (a typical
 * commit), in worker threads once it is big enough to pay for them (see ScanPool). `done` may run
 * later; `finish()` waits for every file.
 */
export class FileJudge {
  private pool: ScanPool | undefined;
  private seen = 0;

  constructor(private readonly detector: Detector, private readonly recipe?: DetectorRecipe, private readonly budget?: TimeBudget) {}

  judge(file: FileToJudge, bytes: Uint8Array, done: (judgement: Judgement) => void): void {
    this.seen += bytes.length;
    this.startPoolIfWorthIt();
    if (this.pool) this.pool.submit(file, bytes, done);
    else done(judgeBytes(this.detector, file, bytes));
  }

  /** Reads and judges a file on disk: here while the run is small, else by a worker that reads it itself. */
  judgeFile(file: FileOnDisk, maxFileSize: number, done: (verdict: FileVerdict) => void): void {
    if (this.pool) {
      this.pool.submitOnDisk(file, maxFileSize, done);
      return;
    }
    const verdict = judgeFileOnDisk(this.detector, file, maxFileSize);
    if (verdict.kind === 'judged') this.seen += verdict.bytes;
    this.startPoolIfWorthIt();
    done(verdict);
  }

  private startPoolIfWorthIt(): void {
    if (!this.pool && this.recipe && this.seen > POOL_AFTER_BYTES && poolAvailable()) {
      this.pool = new ScanPool(this.recipe, this.budget ? { startedAt: this.budget.startedAt } : undefined);
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
    await this.pool?.close();
  }
}
