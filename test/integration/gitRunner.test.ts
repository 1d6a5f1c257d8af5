import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { BlobSplitter } from '../../src/git/blobStream';
import { StagedStream, type StagedHandlers } from '../../src/git/changeStreams';
import { STAGED_DIFF_ARGV } from '../../src/git/stagedInput';
import type { ByteSink } from '../../src/git/gitFeed';
import { GitFailed, GitTimeout, runGit, SimpleGitCalls, streamGit, tryGit } from '../../src/git/gitRunner';
import { GitError } from '../../src/errors';
import { CLI, cleanEnv, TempRepo, tempDir } from '../helpers/repo';

// Every git process starts in src/git/gitRunner.ts. These run real git (no mocks) through its
// one-shot and streaming methods and check that both fail the same way and both pin the config.

/** A sink that keeps what it is handed, and whether it was told the output is complete. */
class Collect implements ByteSink {
  readonly chunks: Buffer[] = [];
  ended = false;
  push(chunk: Buffer): void {
    this.chunks.push(Buffer.from(chunk));
  }
  end(): void {
    this.ended = true;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** The reason a promise rejected (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Whether a process runs (a zombie waiting for its reaper counts as gone). */
function running(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (existsSync('/proc/self/stat')) {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An alias run through the shell: `git -c alias.NAME=!SCRIPT NAME`. */
function shellAlias(script: string): string[] {
  return ['-c', `alias.leakgate-test=!${script}`, 'leakgate-test'];
}

describe('the git runner', () => {
  let repo: TempRepo;
  const env = cleanEnv();

  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
  });
  afterEach(() => repo.cleanup());

  it("words a non-zero exit once, the same for one-shot and streamed runs: the task and git's first line", async () => {
    // git explains an unknown revision over three lines; the second and third are not the reason.
    const args = ['log', '--oneline', 'no-such-revision'];
    const expected =
      "git failed to list the test commits: ambiguous argument 'no-such-revision': unknown revision or path not in the working tree.";
    const oneShot = await rejection(runGit(repo.dir, args, 'list the test commits', { env }));
    const sink = new Collect();
    const streamed = await rejection(streamGit(repo.dir, args, sink, 'list the test commits', { env }).done);
    for (const error of [oneShot, streamed]) {
      expect(error).toBeInstanceOf(GitFailed);
      expect(error.message).toBe(expected);
    }
    expect((oneShot as GitFailed).reason).toMatch(/^ambiguous argument/);
    expect(sink.ended).toBe(false);
  });

  it('says "not inside a git repository" outside one', async () => {
    const outside = tempDir();
    try {
      const error = await rejection(
        runGit(outside, ['rev-parse', '--show-toplevel'], 'find the repository', {
          env: { ...env, GIT_CEILING_DIRECTORIES: dirname(outside) },
        }),
      );
      expect(error).toBeInstanceOf(GitFailed);
      expect(error.message).toBe('This is not inside a git repository.');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('tryGit: undefined when git answers with a failure, the output when it succeeds', async () => {
    expect(await tryGit(repo.dir, ['rev-parse', '--verify', '--quiet', 'no-such-ref^{commit}'], 'check a ref', { env })).toBeUndefined();
    expect((await tryGit(repo.dir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], 'check a ref', { env }))?.trim()).toBe(
      repo.head(),
    );
  });

  it('git missing from PATH: every flavour says so, and tryGit throws instead of answering "no"', async () => {
    const noGit = tempDir('leakgate-no-git-');
    const bare = { ...env, PATH: noGit };
    const expected = 'git was not found on PATH, so leakgate could not read the test files.';
    try {
      const errors = [
        await rejection(runGit(repo.dir, ['status'], 'read the test files', { env: bare })),
        await rejection(tryGit(repo.dir, ['status'], 'read the test files', { env: bare })),
        await rejection(
          streamGit(repo.dir, ['cat-file', '--batch'], new Collect(), 'read the test files', { env: bare, input: 'HEAD\n' }).done,
        ),
      ];
      for (const error of errors) {
        expect(error).toBeInstanceOf(GitError);
        expect(error).not.toBeInstanceOf(GitFailed);
        expect(error.message).toBe(expected);
      }
    } finally {
      rmSync(noGit, { recursive: true, force: true });
    }
  });

  it('a timeout kills git and everything it started, and says so', async () => {
    const pidFile = join(repo.dir, 'sleeper.pid');
    // git runs a shell, which starts a sleeper in the background: the whole group must go.
    const args = shellAlias(`sleep 30 & echo $! > '${pidFile}'; wait`);
    const started = Date.now();
    const error = await rejection(runGit(repo.dir, args, 'wait for the test', { env, timeoutMs: 1000 }));
    expect(error).toBeInstanceOf(GitTimeout);
    expect(error.message).toBe('git did not answer within 1 s when asked to wait for the test.');
    expect(Date.now() - started).toBeLessThan(10_000);
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    expect(sleeper).toBeGreaterThan(0);
    for (let waited = 0; running(sleeper) && waited < 3000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(running(sleeper)).toBe(false);
  });

  it('a streamed run times out the same way', async () => {
    const error = await rejection(
      streamGit(repo.dir, shellAlias('sleep 30'), new Collect(), 'wait for the test', { env, timeoutMs: 1000 }).done,
    );
    expect(error).toBeInstanceOf(GitTimeout);
    expect(error.message).toBe('git did not answer within 1 s when asked to wait for the test.');
  });

  it('streaming: output followed by a non-zero exit fails, and the sink is never told the output is complete', async () => {
    const sink = new Collect();
    const error = await rejection(streamGit(repo.dir, shellAlias('printf partial; exit 3'), sink, 'stream the test output', { env }).done);
    expect(error).toBeInstanceOf(GitFailed);
    expect(error.message).toBe('git failed to stream the test output: exit status 3');
    expect(sink.text()).toBe('partial');
    expect(sink.ended).toBe(false);
  });

  it('streaming: git killed by a signal mid-output fails, though it wrote nothing on stderr', async () => {
    const sink = new Collect();
    // The alias's shell is git's child: it kills git itself after the first bytes.
    const error = await rejection(
      streamGit(repo.dir, shellAlias('printf partial; kill -9 $PPID'), sink, 'stream the test output', { env }).done,
    );
    expect(error).toBeInstanceOf(GitFailed);
    expect(error.message).toBe('git failed to stream the test output: stopped by signal SIGKILL');
    expect(sink.ended).toBe(false);
  });

  it('streaming: output cut short of what was asked fails, though git exited 0', async () => {
    const head = repo.head()!;
    // Two objects expected, one asked of git: the second never comes.
    const splitter = new BlobSplitter([head, head], Infinity, () => undefined);
    const error = await rejection(
      streamGit(repo.dir, ['cat-file', '--batch'], splitter, 'read the test objects', { env, input: `${head}\n` }).done,
    );
    expect(error.message).toBe('git returned 1 of 2 files; leakgate cannot judge the rest.');
  });

  it('streaming with standard input kept open: requests written as they come are answered', async () => {
    const head = repo.head()!;
    const sink = new Collect();
    const feed = streamGit(repo.dir, ['cat-file', '--batch-check'], sink, 'check the test objects', { env, keepInputOpen: true });
    feed.write(`${head}\n`);
    feed.write('no-such-object\n');
    feed.endInput();
    await feed.done;
    expect(sink.text()).toMatch(new RegExp(`^${head} commit \\d+\nno-such-object missing\n$`));
    expect(sink.ended).toBe(true);
  });

  it("pins the config: a repository's colour, prefix and quoting settings reach no run, one-shot, streamed or simple-git", async () => {
    repo.git('config', 'color.ui', 'always');
    repo.git('config', 'diff.noprefix', 'true');
    repo.git('config', 'core.quotepath', 'true');
    repo.write('naïve.txt', 'café\n');
    repo.git('add', 'naïve.txt');
    // Without the pinned config these settings do reshape the diff: the test means something.
    const reshaped = spawnSync('git', ['-c', 'color.diff=always', 'diff', '--cached'], { cwd: repo.dir, env, encoding: 'utf8' }).stdout;
    expect(reshaped).toContain('\u001b[');
    expect(reshaped).not.toContain('a/');
    expect(reshaped).toContain('"na\\303\\257ve.txt"');

    const args = ['diff', '--cached'];
    const oneShot = await runGit(repo.dir, args, 'read the test diff', { env });
    const sink = new Collect();
    await streamGit(repo.dir, args, sink, 'read the test diff', { env }).done;
    const viaSimpleGit = await new SimpleGitCalls(repo.dir).run('read the test diff', (git) => git.raw(args));
    for (const output of [oneShot, sink.text(), viaSimpleGit]) {
      expect(output).toContain('diff --git a/naïve.txt b/naïve.txt\n');
      expect(output).not.toContain('\u001b');
      expect(output).toContain('+café\n');
    }
  });

  it('simple-git failures are worded as runGit words them', async () => {
    const error = await rejection(
      new SimpleGitCalls(repo.dir).run('list the test commits', (git) => git.raw(['log', '--oneline', 'no-such-revision'])),
    );
    expect(error).toBeInstanceOf(GitFailed);
    expect(error.message).toBe(
      "git failed to list the test commits: ambiguous argument 'no-such-revision': unknown revision or path not in the working tree.",
    );
  });
});

describe('the staged stream falls back from the piped diff by itself', () => {
  let repo: TempRepo;
  let piped: string;

  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    repo.write('a.txt', 'first\n');
    repo.write('b.txt', 'second\n');
    repo.git('add', 'a.txt', 'b.txt');
    piped = join(tempDir('leakgate-piped-'), 'stdin');
  });
  afterEach(() => {
    repo.cleanup();
    rmSync(dirname(piped), { recursive: true, force: true });
  });

  /** What the hook's shell pipes in: git's output, then its exit status. */
  function hookOutput(status: number): Buffer {
    const diff = spawnSync('git', [...STAGED_DIFF_ARGV], { cwd: repo.dir, env: cleanEnv() });
    expect(diff.status).toBe(0);
    return Buffer.concat([diff.stdout, Buffer.from(`\0LEAKGATE-GIT-EXIT=${status}\n`)]);
  }

  /** Runs a StagedStream reading `input` as the hook's pipe; returns what the handlers saw, in order. */
  async function runPiped(input: Buffer): Promise<string[]> {
    writeFileSync(piped, input);
    const fd = openSync(piped, 'r');
    const seen: string[] = [];
    const handlers: StagedHandlers = {
      entry: (entry) => seen.push(`entry ${entry.path} ${entry.chunks.map((chunk) => chunk.text).join('')}`),
      blob: (entry) => seen.push(`blob ${entry.path}`),
      restart: () => seen.push('restart'),
    };
    try {
      await new StagedStream(repo.dir, fd).run(1024 * 1024, handlers);
    } finally {
      closeSync(fd);
    }
    return seen;
  }

  it('a complete piped diff is used as it is: no restart', async () => {
    expect(await runPiped(hookOutput(0))).toEqual(['entry a.txt first', 'entry b.txt second']);
  });

  it("a failed git in the hook: what came through is discarded (restart), then git's own diff", async () => {
    // The first file's section arrived before the failing status.
    expect(await runPiped(hookOutput(128))).toEqual(['entry a.txt first', 'restart', 'entry a.txt first', 'entry b.txt second']);
  });

  it('a piped diff cut before its status: restart, then every file from git', async () => {
    expect(await runPiped(hookOutput(0).subarray(0, 40))).toEqual(['restart', 'entry a.txt first', 'entry b.txt second']);
  });
});

describe("the hooks' path", () => {
  it('never loads simple-git: the staged diff, HEAD and commit questions run without it; install-side calls load it', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write('a.txt', 'staged\n');
      repo.git('add', 'a.txt');
      // The compiled modules (dist/git), in a Node of their own: its require.cache shows what loaded.
      const script = `
        const { Repository } = require(${JSON.stringify(join(dirname(CLI), 'git', 'repository.js'))});
        const simpleGitLoaded = () => Object.keys(require.cache).some((file) => /[\\/]simple-git[\\/]/.test(file));
        (async () => {
          const repo = await Repository.open(process.cwd());
          const entries = [];
          await repo.startStaged(process.env).run(1 << 20, { entry: (entry) => entries.push(entry.path), blob: () => undefined, restart: () => undefined });
          const head = (await repo.revList(['-1', 'HEAD']))[0];
          const facts = { entries, hasHead: await repo.hasHead(), isCommit: await repo.isCommit(head), hookPath: simpleGitLoaded() };
          await repo.trackedFiles();
          console.log(JSON.stringify({ ...facts, install: simpleGitLoaded() }));
        })().catch((error) => { console.error(error); process.exit(3); });
      `;
      const run = spawnSync(process.execPath, ['-e', script], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({ entries: ['a.txt'], hasHead: true, isCommit: true, hookPath: false, install: true });
    } finally {
      repo.cleanup();
    }
  });
});
