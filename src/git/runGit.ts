import type * as ChildProcess from 'node:child_process';
import { GitError } from '../errors';
import { BlobSplitter } from './blobStream';
import { CONFIG_ARGS, NEUTRAL_CONFIG } from './diffArgs';
import { pumpGit, type ByteSink } from './pump';

export { NEUTRAL_CONFIG };

/** child_process (with net and streams) costs a hook about 8 ms to load: only when git must run. */
export const childProcess = (): typeof ChildProcess => require('node:child_process') as typeof ChildProcess;

/**
 * Runs one git command and returns its output. The hooks' hot path uses this instead of
 * simple-git: loading simple-git costs ~17 ms, a third of the whole budget of a pre-commit hook
 * (measured in bench/), while these calls need nothing but the output.
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
