import { messages } from '../messages';
import { CONFIG_ARGS, STAGED_DIFF_ARGS } from './diffArgs';
import type { ByteSink } from './gitFeed';

// The staged diff, started by the hook's shell instead of by leakgate. Most of a hook's time is
// Node starting; a git that Node spawns itself costs more on top (loading child_process and its
// streams, then a fork and exec that block until git runs: bench/NOTES.md) and starts only once
// Node is up. The installed pre-commit hook therefore runs git beside Node and pipes
// the diff in, followed by git's exit status; by the time Node is ready, the diff is waiting.
//
// The hook names the exact command it ran in LEAKGATE_STAGED_DIFF. Anything else (a hook
// written by another version of leakgate) is not trusted: leakgate then runs git itself. So is
// a diff without a successful exit status at its end.

/** The variable through which the hook says which command produced its standard input. */
export const STAGED_DIFF_ENV = 'LEAKGATE_STAGED_DIFF';

/** git's arguments for what is staged: the same command StagedStream runs. */
export const STAGED_DIFF_ARGV: readonly string[] = [...CONFIG_ARGS, ...STAGED_DIFF_ARGS];

const TRAILER_PREFIX = '\0LEAKGATE-GIT-EXIT=';
/** The prefix, a status of up to three digits and a newline. */
const TRAILER_MAX = TRAILER_PREFIX.length + 4;

/** Whether standard input carries the staged diff from a hook that ran exactly our command. */
export function stagedDiffIsPiped(env: NodeJS.ProcessEnv): boolean {
  return env[STAGED_DIFF_ENV] === STAGED_DIFF_ARGV.join(' ');
}

/**
 * Shell text that pipes the staged diff into `command` (which runs `leakgate pre-commit`).
 * git's messages go nowhere: when it fails, leakgate runs it again and reports its error.
 */
export function pipeStagedDiff(command: string): string {
  const argv = STAGED_DIFF_ARGV.map(shellWord).join(' ');
  return (
    // `&& … ||`: under `sh -e` (husky) a failing git must not end the group before the status.
    `{ git ${argv} 2>/dev/null && leakgate_git=0 || leakgate_git=$?; printf '\\0LEAKGATE-GIT-EXIT=%s\\n' "$leakgate_git"; } |\n` +
    `  { ${STAGED_DIFF_ENV}=${shellWord(STAGED_DIFF_ARGV.join(' '))}; export ${STAGED_DIFF_ENV}; ${command}; }`
  );
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9._=/-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The piped diff cannot be trusted (git failed, or the stream was cut): ask git directly. */
export class PipedDiffUnusable extends Error {}

/**
 * Passes the piped diff on without its trailer. The last bytes are held back until the next
 * chunk shows they are not the end; at the end, a missing trailer or a non-zero status throws
 * PipedDiffUnusable. git's own output never ends like the trailer: its patch text holds no NUL,
 * and its NUL-terminated records are always followed by patch text.
 */
export class TrailerSink implements ByteSink {
  private held: Buffer = Buffer.alloc(0);

  constructor(private readonly inner: ByteSink) {}

  ready(): boolean {
    return this.inner.ready?.() ?? true;
  }

  push(chunk: Buffer): void {
    if (chunk.length >= TRAILER_MAX) {
      if (this.held.length > 0) this.inner.push(this.held);
      this.inner.push(chunk.subarray(0, chunk.length - TRAILER_MAX));
      this.held = Buffer.from(chunk.subarray(chunk.length - TRAILER_MAX));
      return;
    }
    const joined = Buffer.concat([this.held, chunk]);
    const keep = Math.min(TRAILER_MAX, joined.length);
    if (joined.length > keep) this.inner.push(joined.subarray(0, joined.length - keep));
    this.held = joined.subarray(joined.length - keep);
  }

  end(): void {
    const tail = this.held.toString('latin1');
    const at = tail.lastIndexOf(TRAILER_PREFIX);
    const status = at === -1 ? undefined : /^(\d{1,3})\n$/.exec(tail.slice(at + TRAILER_PREFIX.length))?.[1];
    if (status === undefined) throw new PipedDiffUnusable(messages.git.pipedWithoutStatus);
    if (status !== '0') throw new PipedDiffUnusable(messages.git.pipedGitFailed(status));
    if (at > 0) this.inner.push(this.held.subarray(0, at));
    this.inner.end();
  }
}
