import { StringDecoder } from 'node:string_decoder';
import { GitError } from '../errors';
import { CONFIG_ARGS } from './diffArgs';
import { childProcess } from './runGit';
import { guarded } from '../runtime/watchdog';

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

/** A running pumpGit: `done` settles when git has exited and the sink has seen every byte. */
export interface Pump {
  done: Promise<void>;
  stop(): void;
}

/**
 * Runs git and hands its output to `sink`. Chunks are queued as they arrive and judged a few at a
 * time between reads, so git keeps writing while we scan (judging inside the read callback would
 * stall it on a full pipe). The queue is bounded: past QUEUE_HIGH bytes reading pauses until it
 * drains.
 *
 * This spawns git directly instead of going through simple-git: simple-git cannot write to git's
 * standard input as a stream and buffers whole outputs, while a push or a history scan can carry
 * gigabytes that must be read as a stream.
 */
export function pumpGit(root: string, args: readonly string[], input: string | undefined, sink: ByteSink, what: string): Pump {
  return startPump(root, args, sink, what, input ?? '');
}

/** A pump whose standard input stays open: requests are written as they become known. */
export interface OpenPump extends Pump {
  write(text: string): void;
  endInput(): void;
}

export function openPump(root: string, args: readonly string[], sink: ByteSink, what: string): OpenPump {
  return startPump(root, args, sink, what, undefined) as OpenPump;
}

/** Where a feed's bytes come from: it can be asked to hold off while the queue is full. */
interface Source {
  pause(): void;
  resume(): void;
  /** Stops the source for good (the pump failed or was stopped). */
  abort(): void;
}

/**
 * The queue between a source and a sink: bytes are handed over a few chunks at a time on the
 * event loop (never inside the read callback), and the source pauses while the queue is full.
 */
class Feed {
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
    private readonly source: Source,
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
      const chunk = this.queue.shift()!;
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

/**
 * glibc's malloc settings for a git that streams a lot (a history's blobs and patches): keep freed
 * memory instead of handing it back to the kernel after every large blob: memory touched anew
 * costs a page fault per 4 KiB, dear on the VMs we measured (bench/NOTES.md, "Page faults").
 * Other C libraries ignore the variables; a user's own settings win.
 */
const GIT_MALLOC_SETTINGS: Readonly<Record<string, string>> = {
  MALLOC_TRIM_THRESHOLD_: String(512 * 1024 * 1024),
  MALLOC_MMAP_THRESHOLD_: String(32 * 1024 * 1024),
  MALLOC_TOP_PAD_: String(64 * 1024 * 1024),
};

export function streamingGitEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const missing = Object.entries(GIT_MALLOC_SETTINGS).filter(([name]) => env[name] === undefined);
  return missing.length === 0 ? env : { ...env, ...Object.fromEntries(missing) };
}

function startPump(root: string, args: readonly string[], sink: ByteSink, what: string, input: string | undefined): Pump | OpenPump {
  // No input: no pipe at all (writing nothing to one git never reads cost the hook an EPIPE error).
  const noInput = input === '';
  const child = childProcess().spawn('git', [...CONFIG_ARGS, ...args], { cwd: root, stdio: [noInput ? 'ignore' : 'pipe', 'pipe', 'pipe'], env: streamingGitEnv(process.env) });
  const stdout = child.stdout!;
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
  if (!noInput) {
    child.stdin!.on('error', () => undefined); // git may exit early; its status says why
    if (input !== undefined) child.stdin!.end(input);
  }

  let exitCode: number | null | undefined;
  let ended = false;
  const feed = new Feed(
    sink,
    { pause: () => stdout.pause(), resume: () => stdout.resume(), abort: () => child.kill() },
    () => {
      if (exitCode === 0) return undefined;
      const first = stderr.join('').split('\n').find((line) => line.trim()) ?? `exit code ${exitCode}`;
      return new GitError(`git failed to ${what}: ${first.replace(/^(fatal|error): /, '')}`);
    },
  );
  // Done when git has exited and every byte it wrote has been read and judged.
  const endIfDone = () => {
    if (ended && exitCode !== undefined) feed.end();
  };
  child.on('error', (error: NodeJS.ErrnoException) =>
    feed.fail(new GitError(error.code === 'ENOENT' ? `git was not found on PATH, so leakgate could not ${what}.` : `git could not be started: ${error.message}`)),
  );
  stdout.on('data', (chunk: Buffer) => feed.push(chunk));
  stdout.on('end', () => {
    ended = true;
    endIfDone();
  });
  child.on('exit', (code) => {
    exitCode = code;
    endIfDone();
  });
  const stop = () => feed.fail(new GitError(`stopped reading git's output (${what}).`));
  if (input !== undefined) return { done: feed.done, stop };
  return { done: feed.done, stop, write: (text: string) => void child.stdin!.write(text), endInput: () => void child.stdin!.end() };
}

// A pipe holds 64 KiB: a bigger buffer would mostly sit empty while queued.
const FD_CHUNK = 64 * 1024;

/**
 * Hands everything readable from a file descriptor (a pipe from the hook's shell) to `sink`, as
 * pumpGit does with git's output. Reads run on libuv's thread pool, so timers keep firing while
 * the writer is slow. Stopping only stops reading: the descriptor stays open (closing it under a
 * pending read could hand its number to another file); the writer ends when this process does.
 */
export function pumpDescriptor(fd: number, sink: ByteSink, what: string): Pump {
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
        feed.fail(new GitError(`could not ${what}: ${error.code ?? error.message}`));
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
  const feed = new Feed(
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
  return { done: feed.done, stop: () => feed.fail(new GitError(`stopped reading (${what}).`)) };
}

/** Waits for all pumps; the first failure stops the others (no git keeps running behind us). */
export async function allPumps(pumps: readonly Pump[]): Promise<void> {
  try {
    await Promise.all(pumps.map((pump) => pump.done));
  } catch (error) {
    for (const pump of pumps) pump.stop();
    await Promise.allSettled(pumps.map((pump) => pump.done));
    throw error;
  }
}
