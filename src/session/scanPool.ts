import type { Worker as WorkerThread } from 'node:worker_threads';
import { detectorFor, type DetectorRecipe } from '../config/detectorFor';
import type { Detector } from '../detect/detector';
import { LeakgateError } from '../errors';
import { messages } from '../messages';
import type { FileOnDisk } from '../sources/fileSource';
import { scanFileOnDisk, type FileVerdict } from '../sources/scanContent';

/**
 * Files travel in batches (one message per file cost more than scanning a small one), as paths:
 * the worker reads them itself (the main thread would be the bottleneck reading for two).
 */
interface Batch {
  id: number;
  files: FileOnDisk[];
  maxFileSize: number;
  /**
   * Who scans each file: 0 unclaimed, then WORKER or MAIN, set once by whichever gets there
   * first (shared memory: the main thread takes back files a worker has not started).
   */
  claims: Int32Array;
}

const WORKER = 1;
const MAIN = 2;

/** `null`: a file the main thread took back. */
type Reply = { id: number; verdicts: (FileVerdict | null)[] } | { id: number; error: string };

const BATCH_FILES = 24;
/**
 * Batches a worker holds at once: enough that it does not run dry while the main thread scans a
 * big file itself, few enough that it is not left with a long tail once the listing ends.
 */
const IN_FLIGHT = 6;

const WORKER_FLAG = '--leakgate-scan-worker';

/** Set once by the bin: the file a worker runs (the bundle itself). */
let workerEntry: string | undefined;
export function setScanWorkerEntry(file: string): void {
  workerEntry = file;
}

// worker_threads and os are loaded only when a pool starts (or in a worker): a small commit never
// needs them, and loading them cost the hook a few milliseconds.
const threads = () => require('node:worker_threads') as typeof import('node:worker_threads');
const cores = () => (require('node:os') as typeof import('node:os')).availableParallelism();

/**
 * How many workers a big work-tree scan gets: one per core but one (at most 4), because the main
 * thread scans too whenever the workers hold all they should (FileScanner). On two cores, one
 * worker beside the scanning main thread beat both the main thread alone and two workers beside a
 * thread that only listed files (bench/NOTES.md, "Workers"): each worker builds its own detector
 * and warms up every regex again. LEAKGATE_WORKERS=N sets the count (0: every scan on the main
 * thread).
 */
export function poolSize(): number {
  if (workerEntry === undefined) return 0;
  const asked = process.env.LEAKGATE_WORKERS;
  if (asked !== undefined && /^\d+$/.test(asked)) return Math.min(Number(asked), 16);
  const available = cores();
  return Math.min(available - 1, 4);
}

/**
 * Worker threads that read, decode and scan files of a work-tree scan beside the main thread,
 * which lists them and scans some itself (see saturated). Only paths cross over: copying text to workers cost
 * more than the second core gave back (measured), and reading every file on the main thread for
 * two workers made it the bottleneck (profiled). Results come back in any order, tagged by id.
 */
export class ScanPool {
  /** `pending`: batches sent to the worker and not answered yet. */
  private readonly workers: { worker: WorkerThread; pending: number }[] = [];
  private readonly queue: { batch: Batch; done: ((verdict: FileVerdict) => void)[] }[] = [];
  private readonly callbacks = new Map<number, { batch: Batch; done: ((verdict: FileVerdict) => void)[]; worker: number }>();
  private nextId = 0;
  private pendingFiles = 0;
  private failure: Error | undefined;
  private waiters: (() => void)[] = [];
  private batch: { files: FileOnDisk[]; done: ((verdict: FileVerdict) => void)[]; maxFileSize: number } = {
    files: [],
    done: [],
    maxFileSize: 0,
  };

  constructor(recipe: DetectorRecipe, size: number) {
    for (let index = 0; index < size; index++) {
      const worker = new (threads().Worker)(workerEntry!, { argv: [WORKER_FLAG], workerData: { recipe } });
      worker.on('message', (reply: Reply) => this.receive(reply));
      worker.on('error', (error: Error) => this.fail(error));
      worker.on('exit', (code: number) => {
        if (this.callbacks.size > 0) this.fail(new LeakgateError(messages.scanWorkerStopped(code)));
      });
      this.workers.push({ worker, pending: 0 });
    }
  }

  /** True while every worker holds all it should and batches wait: the caller had better scan the next file itself. */
  get saturated(): boolean {
    return this.queue.length > 0;
  }

  /** Files handed out (or batched) and not scanned yet. */
  get backlog(): number {
    return this.pendingFiles;
  }

  /** A file for a worker to read and scan. */
  submit(file: FileOnDisk, maxFileSize: number, done: (verdict: FileVerdict) => void): void {
    if (this.failure) throw this.failure;
    this.batch.files.push(file);
    this.batch.done.push(done);
    this.batch.maxFileSize = maxFileSize;
    this.pendingFiles++;
    if (this.batch.files.length >= BATCH_FILES) this.flush();
  }

  /** Queues the batch being filled. */
  flush(): void {
    if (this.batch.files.length === 0) return;
    const { files, done, maxFileSize } = this.batch;
    this.batch = { files: [], done: [], maxFileSize };
    this.queue.push({
      batch: { id: this.nextId++, files, maxFileSize, claims: new Int32Array(new SharedArrayBuffer(4 * files.length)) },
      done,
    });
    this.dispatch();
  }

  /**
   * Batches wait in the queue and go to whichever worker has fewer than IN_FLIGHT: a worker that
   * drew a few huge files does not get more while the other one idles.
   */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let target = -1;
      let least = IN_FLIGHT;
      this.workers.forEach(({ pending }, index) => {
        if (pending < least) {
          least = pending;
          target = index;
        }
      });
      const chosen = this.workers[target];
      if (!chosen) return;
      const { batch, done } = this.queue.shift()!;
      chosen.pending++;
      this.callbacks.set(batch.id, { batch, done, worker: target });
      chosen.worker.postMessage(batch);
    }
  }

  /** Resolves once at most `files` are waiting for a verdict (or the pool failed). */
  async below(files: number): Promise<void> {
    if (this.pendingFiles > files) this.flush();
    while (this.pendingFiles > files && !this.failure) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  /**
   * Waits for every result, then stops the workers. Meanwhile this thread scans the files the
   * workers have not started, newest first (they work oldest first): without this, a worker
   * still holding IN_FLIGHT batches when the listing ended kept this thread waiting a good part of
   * the scan's end (bench/NOTES.md, "Workers"), the more so when two big files share a batch.
   */
  async close(detector: Detector): Promise<void> {
    try {
      this.flush();
      const unsent = this.queue.splice(0);
      const sent = [...this.callbacks.values()].sort((a, b) => a.batch.id - b.batch.id);
      for (const { batch, done } of [...sent, ...unsent].reverse()) {
        for (let index = batch.files.length - 1; index >= 0 && !this.failure; index--) {
          if (Atomics.compareExchange(batch.claims, index, 0, MAIN) !== 0) continue;
          this.pendingFiles--;
          try {
            // claims, files and callbacks are parallel arrays of the batch's length
            done[index]!(scanFileOnDisk(detector, batch.files[index]!, batch.maxFileSize));
          } catch (error) {
            this.fail(error as Error);
          }
        }
      }
      await this.below(0);
    } finally {
      await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
    }
  }

  private receive(reply: Reply): void {
    const callback = this.callbacks.get(reply.id);
    if (!callback) return;
    this.callbacks.delete(reply.id);
    this.workers[callback.worker]!.pending--;
    this.dispatch();
    if ('error' in reply) {
      this.pendingFiles -= callback.done.length;
      this.fail(new LeakgateError(reply.error));
    } else {
      try {
        reply.verdicts.forEach((verdict, index) => {
          if (verdict === null) return;
          this.pendingFiles--;
          callback.done[index]!(verdict);
        });
      } catch (error) {
        this.fail(error as Error);
      }
    }
    this.wake();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** True in a thread started by ScanPool (its argv carries the flag: no module to load to know). */
export function isScanWorker(): boolean {
  return process.argv.includes(WORKER_FLAG) && !threads().isMainThread;
}

/** The worker's loop: build the same detector as the main thread, then scan what comes. */
export function runScanWorker(): void {
  const { parentPort, workerData } = threads();
  const { recipe } = workerData as { recipe: DetectorRecipe };
  const port = parentPort!;
  let detector: Detector | undefined;
  let setupError: Error | undefined;
  try {
    detector = detectorFor(recipe.root, recipe).detector;
  } catch (error) {
    setupError = error as Error;
  }
  port.on('message', (batch: Batch) => {
    try {
      if (!detector) throw setupError;
      // Each file is claimed just before it is read: the main thread may have taken it back.
      const verdicts = batch.files.map((file, index) =>
        Atomics.compareExchange(batch.claims, index, 0, WORKER) === 0 ? scanFileOnDisk(detector!, file, batch.maxFileSize) : null,
      );
      port.postMessage({ id: batch.id, verdicts } satisfies Reply);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ id: batch.id, error: message } satisfies Reply);
    }
  });
}
