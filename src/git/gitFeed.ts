import { StringDecoder } from 'node:string_decoder';
import { GitError } from '../errors';
import { messages } from '../messages';
import { guarded } from '../runtime/watchdog';

// The queue between a producer of bytes (git's output, the hook's pipe) and the sink that judges
// them. gitRunner.ts starts git and feeds its output through here; feedDescriptor reads a pipe.

export type { ByteSink, TextSink } from '../io/sinks';
import type { ByteSink, TextSink } from '../io/sinks';

/** Decodes bytes to text for a TextSink (UTF-8; a character split across chunks is kept whole). */
export function decodedSink(sink: TextSink): ByteSink {
  const decoder = new StringDecoder('utf8');
  return {
    push: (chunk) => sink.push(decoder.write(chunk)),
    end: () => {
      sink.push(decoder.end());
      sink.end();
    },
  };
}

const WORK_SLICE_MS = 4;
const QUEUE_HIGH = 8 * 1024 * 1024;
const QUEUE_LOW = 2 * 1024 * 1024;

/** A running feed: `done` settles when its producer has finished and the sink has seen every byte. */
export interface Feed {
  done: Promise<void>;
  stop(): void;
}

/** A feed whose producer (git) keeps its standard input open: requests are written as they become known. */
export interface OpenFeed extends Feed {
  write(text: string): void;
  endInput(): void;
}

/** Where a feed's bytes come from: it can be asked to hold off while the queue is full. */
export interface FeedSource {
  pause(): void;
  resume(): void;
  /** Stops the source for good (the feed failed or was stopped). */
  abort(): void;
}

/**
 * The queue between a source and a sink. Chunks are queued as they arrive and judged a few at a
 * time between reads, so the producer keeps writing while we scan (judging inside the read
 * callback would stall git on a full pipe). The queue is bounded: past QUEUE_HIGH bytes the
 * source pauses until it drains.
 */
export class FeedQueue {
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private paused = false;
  private scheduled = false;
  private inputEnded = false;
  private failed = false;
  private resolveDone: () => void = () => undefined;
  private rejectDone: (error: unknown) => void = () => undefined;
  readonly done: Promise<void>;

  /** `problem` says, once all input has arrived, whether it is complete (undefined) or why not. */
  constructor(
    private readonly sink: ByteSink,
    private readonly source: FeedSource,
    private readonly problem: () => Error | undefined,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // Callers await `done` later, maybe after it failed: mark it handled now (awaiting still throws).
    this.done.catch(() => undefined);
  }

  push(chunk: Buffer): void {
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (this.queued > QUEUE_HIGH && !this.paused) {
      this.paused = true;
      this.source.pause();
    }
    this.schedule();
  }

  /** All input has arrived (and, for git, its exit status). */
  end(): void {
    this.inputEnded = true;
    this.schedule();
  }

  fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.source.abort();
    this.rejectDone(error);
  }

  private schedule(): void {
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.work());
    }
  }

  private work(): void {
    this.scheduled = false;
    if (this.failed) return;
    try {
      // The sink judges what it is handed: under a time budget, V8 may stop it mid-regex.
      const blocked = guarded(() => this.handOver());
      if (this.queued < QUEUE_LOW && this.paused) {
        this.paused = false;
        this.source.resume();
      }
      if (blocked) setTimeout(() => this.schedule(), 1);
      else if (this.queue.length > 0) this.schedule();
      else if (this.inputEnded) this.finish();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Hands queued chunks to the sink for one slice of time; true when the sink was not ready. */
  private handOver(): boolean {
    const started = Date.now();
    while (this.queue.length > 0 && Date.now() - started < WORK_SLICE_MS) {
      if (this.sink.ready?.() === false) return true;
      const chunk = this.queue.shift()!; // the loop's condition: the queue is not empty
      this.queued -= chunk.length;
      this.sink.push(chunk);
    }
    return false;
  }

  private finish(): void {
    const problem = this.problem();
    if (problem) {
      this.fail(problem);
      return;
    }
    guarded(() => this.sink.end()); // a splitter judges its last file when it ends
    this.resolveDone();
  }
}

// A pipe holds 64 KiB: a bigger buffer would mostly sit empty while queued.
const FD_CHUNK = 64 * 1024;

/**
 * Hands everything readable from a file descriptor (a pipe from the hook's shell) to `sink`, as
 * streamGit does with git's output. Reads run on libuv's thread pool, so timers keep firing while
 * the writer is slow. Stopping only stops reading: the descriptor stays open (closing it under a
 * pending read could hand its number to another file); the writer ends when this process does.
 */
export function feedDescriptor(fd: number, sink: ByteSink, what: string): Feed {
  const { read } = require('node:fs') as typeof import('node:fs');
  let paused = false;
  let reading = false;
  let aborted = false;
  let ended = false;
  const next = () => {
    if (paused || reading || aborted || ended) return;
    reading = true;
    const buffer = Buffer.allocUnsafe(FD_CHUNK);
    read(fd, buffer, 0, FD_CHUNK, null, (error, bytes) => {
      reading = false;
      if (aborted) return;
      if (error) {
        feed.fail(new GitError(messages.git.pipeUnreadable(what, error.code ?? error.message)));
        return;
      }
      if (bytes === 0) {
        ended = true;
        feed.end();
        return;
      }
      feed.push(buffer.subarray(0, bytes));
      next();
    });
  };
  const feed = new FeedQueue(
    sink,
    {
      pause: () => {
        paused = true;
      },
      resume: () => {
        paused = false;
        next();
      },
      abort: () => {
        aborted = true;
      },
    },
    () => undefined,
  );
  next();
  return { done: feed.done, stop: () => feed.fail(new GitError(messages.git.pipeStopped(what))) };
}

/** Waits for all feeds; the first failure stops the others (no git keeps running behind us). */
export async function allFeeds(feeds: readonly Feed[]): Promise<void> {
  try {
    await Promise.all(feeds.map((feed) => feed.done));
  } catch (error) {
    for (const feed of feeds) feed.stop();
    await Promise.allSettled(feeds.map((feed) => feed.done));
    throw error;
  }
}
