import type * as ChildProcess from 'node:child_process';
import { GitError } from '../errors';
import { BlobSplitter } from './blobStream';
import { CONFIG_ARGS, NEUTRAL_CONFIG } from './diffArgs';
import { pumpGit, type ByteSink } from './pump';

export { NEUTRAL_CONFIG };

/** child_process (with net and streams) is loaded only when git must run: it is a hook's time (bench/NOTES.md). */
export const childProcess = (): typeof ChildProcess => require('node:child_process') as typeof ChildProcess;

/**
 * Runs one git command and returns its output. The hooks' hot path uses this instead of
 * simple-git: loading it costs a good part of a pre-commit hook's budget (bench/NOTES.md), while
 * these calls need nothing but the output.
 */
export function runGit(cwd: string, args: readonly string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    childProcess().execFile('git', [...CONFIG_ARGS, ...args], { cwd, encoding: 'utf8', maxBuffer: 2 ** 31 - 1 }, (error, stdout, stderr) => {
      if (error) reject(toGitError(error, stderr, what));
      else resolve(stdout);
    });
  });
}

/**
 * Like runGit, but git answering with a failure yields undefined (for questions such as "is
 * there a HEAD?"). git missing altogether is still an error: "no" would be a wrong answer.
 */
export function tryGit(cwd: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    childProcess().execFile('git', [...CONFIG_ARGS, ...args], { cwd, encoding: 'utf8', maxBuffer: 2 ** 31 - 1 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(toGitError(error, stderr, 'run'));
      else resolve(error ? undefined : stdout);
    });
  });
}

/** One clear sentence for a git failure; never git's whole stderr (it can quote file content). */
export function toGitError(error: unknown, stderr: string, what: string): GitError {
  const code = (error as NodeJS.ErrnoException).code;
  const message = `${stderr || ''}\n${error instanceof Error ? error.message : String(error)}`;
  if (code === 'ENOENT' || /spawn git ENOENT/.test(message)) return new GitError(`git was not found on PATH, so leakgate could not ${what}.`);
  if (/not a git repository/i.test(message)) return new GitError('This is not inside a git repository.');
  const firstLine = (stderr || '').split('\n').find((line) => line.trim()) ?? (error instanceof Error ? error.message.split('\n')[0] : 'unknown error');
  return new GitError(`git failed to ${what}: ${firstLine.replace(/^(fatal|error): /, '')}`);
}

/** git could not give a blob's content: `cat-file` reports a corrupt object as missing. */
export class MissingBlob extends GitError {
  constructor(readonly sha: string) {
    super(`git cannot read object ${sha.slice(0, 12)} (missing or corrupt), so leakgate cannot judge the file that holds it.`);
  }
}

/**
 * Reads blobs through one `git cat-file --batch`, at most `maxBytes` each: bigger ones are left
 * out of the map (and never held: the caller reads those in windows). Used for the few files git
 * calls binary. Fails closed: git's exit status is checked (pumpGit), output cut short is an error
 * (BlobSplitter.end), and so is an object git reports missing, which is also how `cat-file` reports
 * a corrupt one, with exit status 0.
 */
export async function readBlobs(cwd: string, shas: readonly string[], maxBytes: number): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  if (shas.length === 0) return blobs;
  const splitter = new BlobSplitter(shas, maxBytes, (sha, content) => {
    if (content.kind === 'missing') throw new MissingBlob(sha);
    // A view into a pipe chunk or a buffer of its own: either way nothing reuses it.
    if (content.kind === 'blob') blobs.set(sha, content.bytes);
  });
  await pumpGit(cwd, ['cat-file', '--batch'], `${shas.join('\n')}\n`, splitter, 'read the files git calls binary').done;
  return blobs;
}

/** Where a scan of git's changes gets blob contents. */
export interface BlobReader {
  /** Blob contents by id; those over `maxBytes` are left out (see readBlobs). */
  read(shas: string[], maxBytes: number): Promise<Map<string, Buffer>>;
  /** One blob's bytes into `sink` as git writes them, however big; `what` names it in an error. */
  stream(sha: string, sink: ByteSink, what: string): Promise<void>;
}

/** Blob contents from the repository at `root`. */
export function gitBlobs(root: string): BlobReader {
  return {
    read: (shas, maxBytes) => readBlobs(root, shas, maxBytes),
    stream: (sha, sink, what) => pumpGit(root, ['cat-file', 'blob', sha], undefined, sink, what).done,
  };
}

/** What runGitBounded may add to a plain runGit. */
export interface BoundedRun {
  /** The whole environment git runs with (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Written to git's standard input. */
  input?: string;
  /** Past this, git and everything it started (ssh, a credential helper) are killed. */
  timeoutMs?: number;
}

/** A git run that took longer than its timeout; the caller decides what that means. */
export class GitTimeout extends GitError {}

/**
 * Like runGit, with input, an environment and a deadline. With a deadline, git runs as the leader
 * of its own process group, without a controlling terminal, so nothing it starts can open /dev/tty
 * to ask a question, and at the deadline the whole group is killed: killing git alone would leave an ssh
 * holding our pipes open. The exit status is checked like runGit's.
 */
export function runGitBounded(cwd: string, args: readonly string[], what: string, options: BoundedRun = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    // Only a run with a deadline needs its own group (and gives up Ctrl-C from the terminal for
    // it). Windows has no process groups to kill: there, git alone is killed.
    const detached = options.timeoutMs !== undefined && process.platform !== 'win32';
    const child = childProcess().spawn('git', [...CONFIG_ARGS, ...args], {
      cwd,
      env: options.env ?? process.env,
      detached,
      windowsHide: true,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const killGroup = () => {
      try {
        if (!detached) child.kill('SIGKILL');
        else if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    // Our own exit (a signal, the budget) must not leave the group running behind us.
    process.on('exit', killGroup);
    let settled = false;
    const settle = () => {
      settled = true;
      if (timer) clearTimeout(timer);
      process.removeListener('exit', killGroup);
    };
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      killGroup();
      // Not waiting for the pipes to close: a process that left the group (an ssh master) may
      // hold them open for good.
      child.stdout!.destroy();
      child.stderr!.destroy();
      settle();
      reject(new GitTimeout(`git did not answer within ${Math.round(options.timeoutMs! / 1000)} s when asked to ${what}.`));
    }, options.timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    if (options.input !== undefined) {
      child.stdin!.on('error', () => undefined); // git may exit early; its status says why
      child.stdin!.end(options.input);
    }
    child.on('error', (error) => {
      if (settled) return;
      settle();
      reject(toGitError(error, '', what));
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      settle();
      if (code === 0) resolve(Buffer.concat(stdout).toString('utf8'));
      else {
        // The first line that says what failed, not a warning ssh printed before it.
        const text = Buffer.concat(stderr).toString('utf8');
        const cause = text.split('\n').find((line) => line.trim() && !/^warning:/i.test(line));
        reject(toGitError(new Error(`git exited with ${signal ?? `code ${code}`}`), cause?.trim() ?? text, what));
      }
    });
  });
}
