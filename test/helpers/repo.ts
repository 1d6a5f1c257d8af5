import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const CLI = join(__dirname, '..', '..', 'dist', 'leakgate.js');

/** An environment free of the caller's git state (a hook running the tests must not leak in). */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_') && key !== 'LEAKGATE' && key !== 'NO_COLOR' && key !== 'FORCE_COLOR') env[key] = value;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    ...extra,
  };
}

/** A temporary directory, removed by `cleanup`. */
export function tempDir(prefix = 'leakgate-test-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** A real git repository in a temporary directory. */
export class TempRepo {
  readonly dir: string;

  constructor(dir?: string, options: { init?: boolean } = {}) {
    this.dir = dir ?? tempDir();
    if (options.init !== false) {
      this.git('init', '-q', '-b', 'main');
      this.git('config', 'commit.gpgsign', 'false');
      this.git('config', 'core.autocrlf', 'false');
    }
  }

  /** A repository with one commit holding a README: HEAD exists, so hooks diff against it. */
  static withInitialCommit(readme = '# app\n'): TempRepo {
    const repo = new TempRepo();
    repo.write('README.md', readme);
    repo.commitAll('init');
    return repo;
  }

  /** A repository with one commit (a README) whose origin is `remote`, nothing pushed yet. */
  static withOrigin(remote: TempRepo): TempRepo {
    const repo = TempRepo.withInitialCommit();
    repo.git('remote', 'add', 'origin', remote.dir);
    return repo;
  }

  /** A repository with one commit (a README), pushed to `remote` as origin/main. */
  static pushingTo(remote: TempRepo): TempRepo {
    const repo = TempRepo.withOrigin(remote);
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: cleanEnv(), encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  }

  /** git, returning the whole result instead of throwing on failure. */
  gitResult(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
    return spawnSync('git', args, { cwd: this.dir, env: cleanEnv(env), encoding: 'utf8', input });
  }

  write(path: string, content: string | Buffer): string {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  }

  commitAll(message = 'commit'): void {
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', '--allow-empty', '-m', message);
  }

  head(): string | undefined {
    const result = this.gitResult(['rev-parse', '--verify', '-q', 'HEAD']);
    return result.status === 0 ? result.stdout.trim() : undefined;
  }

  /** A snapshot of what a hook must never change: HEAD, the index and the work tree status. */
  state(): { head: string | undefined; index: string; status: string; stash: string } {
    return {
      head: this.head(),
      index: this.git('ls-files', '-s'),
      status: this.git('status', '--porcelain=v1', '-z', '--untracked-files=all'),
      stash: this.git('stash', 'list'),
    };
  }

  /** Runs the built CLI in this repository. */
  leakgate(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {}): SpawnSyncReturns<string> {
    return runCli(args, { cwd: options.cwd ?? this.dir, input: options.input, env: options.env });
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function runCli(
  args: string[],
  options: { cwd: string; input?: string | Buffer | undefined; env?: NodeJS.ProcessEnv | undefined },
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    encoding: 'utf8',
    input: options.input ?? '',
  });
}

/**
 * Every path under a directory, .git included. Objects are left out (git itself writes loose
 * objects before a hook runs), and so is leakgate's own documented state under .git/leakgate/:
 * anything else new after a blocked run is a leftover.
 */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const rel = prefix ? `${prefix}/${name}` : name;
      if (rel === '.git/objects' || rel === 'objects') continue;
      if (rel === '.git/leakgate') {
        walk(join(dir, name), rel);
        continue;
      }
      if (rel === '.git/leakgate/last-run.json' || rel === '.git/leakgate/config.validated') continue;
      out.push(rel);
      const stats = lstatSync(join(dir, name));
      if (stats.isDirectory() && stats.mode & 0o400) walk(join(dir, name), rel);
    }
  };
  walk(root, '');
  return out;
}
