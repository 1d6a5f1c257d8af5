import type * as ChildProcess from 'node:child_process';
import type * as SimpleGitModule from 'simple-git';
import { GitError } from '../errors';
import { messages } from '../messages';
import { terminalSafe } from '../report/terminalSafe';
import { CONFIG_ARGS, NEUTRAL_CONFIG } from './diffArgs';
import { FeedQueue, type ByteSink, type Feed, type OpenFeed } from './gitFeed';

// The one place git processes start. Every run gets the same pinned config (CONFIG_ARGS: a
// user's config cannot reshape the output), the same environment handling, an exit-status check
// and one wording for its failure: a GitError naming the task and the first line git gave as its
// reason, never git's whole stderr (it can quote file content).
//
// Two ways to run: one-shot (runGit, tryGit: the output as a string) and streaming (streamGit:
// the output into a ByteSink as git writes it, since a push or a history can carry gigabytes).
// simple-git serves only the install-side calls whose API it makes clearer (SimpleGitCalls); it
// is loaded on first use and never on a hook's path, where loading it costs a good part of the
// hook's budget (bench/NOTES.md).

/** child_process (with net and streams) is loaded only when a process must run: it is a hook's time (bench/NOTES.md). */
export const childProcess = (): typeof ChildProcess => require('node:child_process') as typeof ChildProcess;

/** git ran and answered with a failure: a non-zero exit status, or killed by a signal. */
export class GitFailed extends GitError {
  /** The reason alone (git's first line, or the status), for a caller that words its own sentence. */
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** A git run that took longer than its timeout; the caller decides what that means. */
export class GitTimeout extends GitError {}

/** What a git run may add to its arguments. */
export interface GitRunOptions {
  /** The whole environment git runs with (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /**
   * Past this, git and everything it started (ssh, a credential helper) are killed. With a
   * deadline, git leads its own process group, without a controlling terminal, so nothing it
   * starts can open /dev/tty to ask a question; killing git alone would leave an ssh holding our
   * pipes open.
   */
  timeoutMs?: number;
}

/** A one-shot run's options. */
export interface OneShotOptions extends GitRunOptions {
  /** Written to git's standard input. */
  input?: string;
}

/** A streamed run's options: input written at once, or (`keepInputOpen`) as requests become known. */
export interface StreamOptions extends GitRunOptions {
  input?: string;
  keepInputOpen?: boolean;
}

/**
 * Runs one git command and returns its output; any failure is a GitError worded once (GitFailed
 * when git answered with one, GitTimeout past `timeoutMs`). `what` completes "leakgate could not …".
 */
export function runGit(cwd: string, args: readonly string[], what: string, options: OneShotOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error: GitError | undefined, output?: string) => {
      if (settled) return;
      settled = true;
      git.settle();
      if (error) reject(error);
      else resolve(output ?? '');
    };
    const git = startGit(cwd, args, what, options.env ?? process.env, options.input !== undefined, options.timeoutMs, (error) =>
      settle(error),
    );
    const stdout: Buffer[] = [];
    const stderr = new StderrHead();
    git.child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    git.child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    if (options.input !== undefined) git.child.stdin!.end(options.input);
    git.child.on('error', (error) => settle(startFailure(error, what)));
    git.child.on('close', (code, signal) =>
      settle(code === 0 ? undefined : exitFailure(what, stderr.text(), code, signal), Buffer.concat(stdout).toString('utf8')),
    );
  });
}

/**
 * Like runGit, but git answering with a failure yields undefined (for questions such as "is
 * there a HEAD?"). git missing, failing to start or not answering in time is still an error:
 * "no" would be a wrong answer.
 */
export async function tryGit(
  cwd: string,
  args: readonly string[],
  what: string = messages.git.task.runGit,
  options: OneShotOptions = {},
): Promise<string | undefined> {
  try {
    return await runGit(cwd, args, what, options);
  } catch (error) {
    if (error instanceof GitFailed) return undefined;
    throw error;
  }
}

/**
 * Runs git and hands its output to `sink` as it arrives, through a FeedQueue (bounded, judged
 * between reads: see gitFeed.ts). `done` rejects when git exits with a failure, is stopped, or
 * when the sink finds the output cut short (its `end` throws). Streams never go through
 * simple-git: it cannot write to git's standard input as a stream and buffers whole outputs.
 */
export function streamGit(
  cwd: string,
  args: readonly string[],
  sink: ByteSink,
  what: string,
  options: StreamOptions & { keepInputOpen: true },
): OpenFeed;
export function streamGit(cwd: string, args: readonly string[], sink: ByteSink, what: string, options?: StreamOptions): Feed;
export function streamGit(
  cwd: string,
  args: readonly string[],
  sink: ByteSink,
  what: string,
  options: StreamOptions = {},
): Feed | OpenFeed {
  const keepOpen = options.keepInputOpen === true;
  // No input: no pipe at all (writing nothing to one git never reads cost the hook an EPIPE error).
  const stdin = keepOpen || (options.input !== undefined && options.input !== '');
  const git = startGit(cwd, args, what, streamingGitEnv(options.env ?? process.env), stdin, options.timeoutMs, (error) => feed.fail(error));
  const stdout = git.child.stdout!;
  const stderr = new StderrHead();
  git.child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
  if (stdin && !keepOpen) git.child.stdin!.end(options.input);

  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let ended = false;
  const feed = new FeedQueue(sink, { pause: () => stdout.pause(), resume: () => stdout.resume(), abort: () => git.kill('SIGTERM') }, () =>
    exit?.code === 0 ? undefined : exitFailure(what, stderr.text(), exit?.code ?? null, exit?.signal ?? null),
  );
  feed.done.then(git.settle, git.settle);
  // Done when git has exited and every byte it wrote has been read and judged.
  const endIfDone = () => {
    if (ended && exit) feed.end();
  };
  git.child.on('error', (error) => feed.fail(startFailure(error, what)));
  stdout.on('data', (chunk: Buffer) => feed.push(chunk));
  stdout.on('end', () => {
    ended = true;
    endIfDone();
  });
  git.child.on('exit', (code, signal) => {
    exit = { code, signal };
    endIfDone();
  });
  const stop = () => feed.fail(new GitError(messages.git.stopped(what)));
  if (!keepOpen) return { done: feed.done, stop };
  const input = git.child.stdin!;
  return { done: feed.done, stop, write: (text: string) => void input.write(text), endInput: () => void input.end() };
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

/** The environment a streaming git runs with: `env` plus the malloc settings it does not set itself. */
export function streamingGitEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const missing = Object.entries(GIT_MALLOC_SETTINGS).filter(([name]) => env[name] === undefined);
  return missing.length === 0 ? env : { ...env, ...Object.fromEntries(missing) };
}

/** A started git, with the means to kill it (its whole group when it has a deadline). */
interface StartedGit {
  child: ChildProcess.ChildProcess;
  kill(signal: NodeJS.Signals): void;
  /** The run is over: no more deadline, no more exit hook. */
  settle(): void;
}

function startGit(
  cwd: string,
  args: readonly string[],
  what: string,
  env: NodeJS.ProcessEnv,
  stdin: boolean,
  timeoutMs: number | undefined,
  onTimeout: (error: GitTimeout) => void,
): StartedGit {
  // Only a run with a deadline needs its own group (and gives up Ctrl-C from the terminal for
  // it). Windows has no process groups to kill: there, git alone is killed.
  const detached = timeoutMs !== undefined && process.platform !== 'win32';
  const child = childProcess().spawn('git', [...CONFIG_ARGS, ...args], {
    cwd,
    env,
    detached,
    windowsHide: true,
    stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  if (stdin) child.stdin!.on('error', () => undefined); // git may exit early; its status says why
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (detached && child.pid !== undefined) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // already gone
    }
  };
  const killGroup = () => kill('SIGKILL');
  // Our own exit (a signal, the budget) must not leave the group running behind us.
  if (detached) process.on('exit', killGroup);
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          killGroup();
          // Not waiting for the pipes to close: a process that left the group (an ssh master) may
          // hold them open for good.
          child.stdout?.destroy();
          child.stderr?.destroy();
          onTimeout(new GitTimeout(messages.git.timedOut(what, Math.round(timeoutMs / 1000))));
        }, timeoutMs);
  const settle = () => {
    if (timer) clearTimeout(timer);
    if (detached) process.removeListener('exit', killGroup);
  };
  return { child, kill, settle };
}

/** Enough of git's stderr to find its reason; the rest (a warning per file, say) is not held. */
const STDERR_KEPT = 64 * 1024;

/** The start of git's stderr. */
class StderrHead {
  private readonly chunks: Buffer[] = [];
  private kept = 0;

  push(chunk: Buffer): void {
    if (this.kept >= STDERR_KEPT) return;
    this.chunks.push(chunk);
    this.kept += chunk.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** A reason is one line, not a page: a longer first line is cut here. */
const REASON_MAX = 300;

/**
 * The one wording of a git that answered with a failure: the task, then the first line that says
 * what failed (not a warning, which ssh prints before the cause), or else the exit status.
 */
export function exitFailure(what: string, stderr: string, code: number | null, signal: NodeJS.Signals | string | null): GitFailed {
  const lines = stderr.split('\n').filter((line) => line.trim());
  const line = lines.find((candidate) => !/^warning:/i.test(candidate)) ?? lines[0];
  const reason =
    line === undefined
      ? signal
        ? messages.git.killedBy(signal)
        : messages.git.exitStatus(code)
      : terminalSafe(line.trim().replace(/^(fatal|error): /, '')).slice(0, REASON_MAX);
  if (/not a git repository/i.test(reason)) return new GitFailed(messages.git.notARepository, reason);
  return new GitFailed(messages.git.failed(what, reason), reason);
}

/** git could not be started at all: missing from PATH, or not executable. */
function startFailure(error: NodeJS.ErrnoException, what: string): GitError {
  return new GitError(error.code === 'ENOENT' ? messages.git.missing(what) : messages.git.notStarted(what, error.code ?? error.message));
}

/**
 * simple-git for install-side calls (tracked files, git directories, config values), built here
 * with the same pinned config and the same error wording as every other git run. Loaded on
 * first use: never on a hook's path.
 */
export class SimpleGitCalls {
  private git: SimpleGitModule.SimpleGit | undefined;

  constructor(private readonly root: string) {}

  /** Runs `task`; a failure becomes the same GitError (GitFailed when git answered) as runGit's. */
  async run<T>(what: string, task: (git: SimpleGitModule.SimpleGit) => Promise<T>): Promise<T> {
    try {
      return await task(this.instance());
    } catch (error) {
      throw simpleGitFailure(error, what);
    }
  }

  private instance(): SimpleGitModule.SimpleGit {
    if (!this.git) {
      const { simpleGit } = require('simple-git') as typeof SimpleGitModule;
      // Reading and unsetting core.hooksPath is install's job; simple-git guards that key by
      // default. Every argument here is ours, never user input, so the guard has nothing to protect.
      // simple-git calls a run failed only when git exits non-zero AND wrote to stderr: a git
      // killed by a signal, or failing silently, would hand back a partial output as success.
      this.git = simpleGit({
        baseDir: this.root,
        config: NEUTRAL_CONFIG,
        trimmed: false,
        unsafe: { allowUnsafeHooksPath: true },
        errors: failedUnlessExitZero,
      });
    }
    return this.git;
  }
}

/** simple-git's error test: any exit status but 0 is a failure, whatever git wrote (or did not). */
function failedUnlessExitZero(
  error: Buffer | Error | undefined,
  result: { exitCode: number | null; stdErr: Buffer[] },
): Buffer | Error | undefined {
  if (error) return error;
  if (result.exitCode === 0) return undefined;
  const stderr = Buffer.concat(result.stdErr).toString('utf8').trim();
  const stopped = result.exitCode === null || result.exitCode < 0;
  return Buffer.from(stderr || (stopped ? messages.git.killedBy() : messages.git.exitStatus(result.exitCode)));
}

/** A simple-git failure in runGit's words; a git that could not start shows as `spawn git E…` in its text. */
function simpleGitFailure(error: unknown, what: string): GitError {
  if (error instanceof GitError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const code = /spawn git (E[A-Z]+)/.exec(text)?.[1];
  if (code !== undefined) return startFailure(Object.assign(new Error(text), { code }), what);
  return exitFailure(what, text, null, null);
}
