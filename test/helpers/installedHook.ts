import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, TempRepo } from './repo';

/**
 * The `leakgate` bin of the packed tarball installed as a global package, installed once per test
 * run and shared by test files (each jest worker may race to install it: the first rename wins).
 */
export function installedLeakgate(): string {
  const packDir = process.env.LEAKGATE_PACK_DIR!;
  const prefix = join(packDir, 'global');
  const bin = join(prefix, 'bin', 'leakgate');
  if (existsSync(bin)) return bin;
  const staging = mkdtempSync(join(packDir, 'staging-'));
  execFileSync(
    'npm',
    [
      'install',
      '--global',
      '--prefix',
      staging,
      process.env.LEAKGATE_TARBALL!,
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
    ],
    {
      cwd: staging,
      env: cleanEnv(),
      stdio: 'pipe',
    },
  );
  try {
    renameSync(staging, prefix);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another worker installed it first
  }
  return bin;
}

/** Runs `leakgate install` from the installed package in `repo`: the hooks users really get. */
export function installHooks(repo: TempRepo): void {
  execFileSync(installedLeakgate(), ['install'], { cwd: repo.dir, env: cleanEnv(), stdio: 'pipe' });
}

/** A repository with a first commit, the hooks `leakgate install` writes, and these files written (not staged). */
export function hookedRepoWith(files: Record<string, string>): TempRepo {
  const repo = TempRepo.withInitialCommit();
  installHooks(repo);
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  return repo;
}

/** Stages everything and commits through the hooks, which must refuse it and leave HEAD alone: git's stderr. */
export function refusedCommit(repo: TempRepo, message: string): string {
  repo.git('add', '-A');
  const head = repo.head();
  const commit = repo.gitResult(['commit', '-q', '-m', message]);
  expect(commit.status).toBe(1);
  expect(repo.head()).toBe(head);
  return commit.stderr;
}
