import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { GitError } from '../errors';
import { NEUTRAL_CONFIG } from './runGit';

/** Where a git process's output goes, as it arrives. */
export interface ByteSink {
  push(chunk: Buffer): void;
  end(): void;
  /** False while the sink cannot take output yet (its consumer is not attached): it waits in the queue. */
  ready?(): boolean;
}

/** Like ByteSink, for consumers of text. */
export interface TextSink {
  push(text: string): void;
  end(): void;
}

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

const CONFIG_ARGS = NEUTRAL_CONFIG.flatMap((setting) => ['-c', setting]);
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

function startPump(root: string, args: readonly string[], sink: ByteSink, what: string, input: string | undefined): Pump | OpenPump {
  // No input: no pipe at all (writing nothing to one git never reads cost the hook an EPIPE error).
  const noInput = input === '';
  const child = spawn('git', [...CONFIG_ARGS, ...args], { cwd: root, stdio: [noInput ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  const stdout = child.stdout!;
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
  if (!noInput) {
    child.stdin!.on('error', () => undefined); // git may exit early; its status says why
    if (input !== undefined) child.stdin!.end(input);
  }

  const queue: Buffer[] = [];
  let queued = 0;
  let exitCode: number | null | undefined;
  let ended = false;
  let failed = false;
  let fail: (error: unknown) => void = () => undefined;

  const done = new Promise<void>((resolve, reject) => {
    fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      child.kill();
      reject(error);
    };
    const finish = () => {
      if (exitCode !== 0) {
        const first = stderr.join('').split('\n').find((line) => line.trim()) ?? `exit code ${exitCode}`;
        fail(new GitError(`git failed to ${what}: ${first.replace(/^(fatal|error): /, '')}`));
        return;
      }
      sink.end();
      resolve();
    };
    let scheduled = false;
    const work = () => {
      scheduled = false;
      if (failed) return;
      try {
        const started = Date.now();
        let blocked = false;
        while (queue.length > 0 && Date.now() - started < WORK_SLICE_MS) {
          if (sink.ready?.() === false) {
            blocked = true;
            break;
          }
          const chunk = queue.shift()!;
          queued -= chunk.length;
          sink.push(chunk);
        }
        if (queued < QUEUE_LOW && stdout.isPaused()) stdout.resume();
        if (blocked) setTimeout(schedule, 1);
        else if (queue.length > 0) schedule();
        else if (ended && exitCode !== undefined) finish();
      } catch (error) {
        fail(error);
      }
    };
    const schedule = () => {
      if (!scheduled) {
        scheduled = true;
        setImmediate(work);
      }
    };
    child.on('error', (error: NodeJS.ErrnoException) =>
      fail(new GitError(error.code === 'ENOENT' ? `git was not found on PATH, so leakgate could not ${what}.` : `git could not be started: ${error.message}`)),
    );
    stdout.on('data', (chunk: Buffer) => {
      queue.push(chunk);
      queued += chunk.length;
      if (queued > QUEUE_HIGH) stdout.pause();
      schedule();
    });
    // Done when git has exited and every byte it wrote has been read and judged.
    stdout.on('end', () => {
      ended = true;
      schedule();
    });
    child.on('exit', (code) => {
      exitCode = code;
      schedule();
    });
  });
  // Callers await `done` later, maybe after it failed: mark it handled now (awaiting still throws).
  done.catch(() => undefined);
  const stop = () => fail(new GitError(`stopped reading git's output (${what}).`));
  if (input !== undefined) return { done, stop };
  return { done, stop, write: (text: string) => void child.stdin!.write(text), endInput: () => void child.stdin!.end() };
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
