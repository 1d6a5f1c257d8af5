import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { GitError } from '../errors';
import { parseCommitRecord, type DiffEntry } from './diffParser';
import { NEUTRAL_CONFIG } from './runGit';
import { ADDED_LINES_DIFF_ARGS } from './repository';

/** The change one commit introduces. */
export interface CommitDiff {
  sha: string;
  entries: DiffEntry[];
}

const CONFIG_ARGS = NEUTRAL_CONFIG.flatMap((setting) => ['-c', setting]);

/**
 * Streams the change each commit introduces: against its first parent (root commits against the
 * empty tree), and for a merge only what it adds beyond all its parents (`--cc`: conflict
 * resolutions, not what the second parent brought). Commits are handed to `onCommit` in the
 * given order as soon as each is complete.
 *
 * This is the one place that spawns git directly instead of going through simple-git: simple-git
 * cannot write the commit list to git's standard input and buffers whole outputs, while a push or
 * a history scan can carry gigabytes of patches that must be read as a stream.
 */
export async function streamCommitDiffs(root: string, shas: readonly string[], onCommit: (diff: CommitDiff) => void): Promise<void> {
  if (shas.length === 0) return;
  const child = spawn(
    'git',
    [...CONFIG_ARGS, 'diff-tree', '--stdin', '--always', '--root', '-r', '--cc', ...ADDED_LINES_DIFF_ARGS.filter((arg) => !arg.startsWith('--diff-filter'))],
    { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
  child.stdin.on('error', () => undefined); // git may exit early; its status says why
  child.stdin.end(`${shas.join('\n')}\n`);

  const decoder = new StringDecoder('utf8');
  let buffer = '';
  let next = 0;
  let searchedUpTo = 0; // where the search for the next record's start may resume
  // Each record starts with its commit id and a NUL; patch text never holds a NUL, so the next
  // expected id followed by NUL marks the end of the current record.
  const drain = (final: boolean) => {
    for (;;) {
      if (next >= shas.length) return;
      const start = `${shas[next]}\0`;
      if (!buffer.startsWith(start)) {
        const at = buffer.indexOf(start);
        if (at === -1) return;
        buffer = buffer.slice(at);
      }
      const nextStart = next + 1 < shas.length ? `${shas[next + 1]}\0` : undefined;
      const following = nextStart ? buffer.indexOf(nextStart, Math.max(start.length, searchedUpTo - nextStart.length)) : -1;
      if (following === -1 && !final) {
        searchedUpTo = buffer.length;
        return;
      }
      searchedUpTo = 0;
      const record = following === -1 ? buffer.slice(start.length) : buffer.slice(start.length, following);
      buffer = following === -1 ? '' : buffer.slice(following);
      onCommit({ sha: shas[next], entries: parseCommitRecord(record) });
      next++;
    }
  };

  await new Promise<void>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new GitError(error.code === 'ENOENT' ? 'git was not found on PATH, so leakgate could not read the commits.' : `git could not be started: ${error.message}`)),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += decoder.write(chunk);
      try {
        drain(false);
      } catch (error) {
        child.kill();
        reject(error);
      }
    });
    child.on('close', (code) => {
      if (code !== 0) {
        const first = stderr.join('').split('\n').find((line) => line.trim()) ?? `exit code ${code}`;
        reject(new GitError(`git failed to read the commits: ${first.replace(/^(fatal|error): /, '')}`));
        return;
      }
      buffer += decoder.end();
      drain(true);
      if (next < shas.length) reject(new GitError(`git returned ${next} of ${shas.length} commits; leakgate cannot judge the rest.`));
      else resolve();
    });
  });
}
