import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanEnv, tempDir, type TempRepo } from './repo';

/** The unprivileged user that `.ci/run` creates when the suite runs as root. */
export const UNPRIVILEGED_USER = 'leakgate-ci';

/**
 * Runs the built CLI in `repo` as a user whom permissions bind: ourselves, or, when the suite
 * runs as root (where chmod 000 does not stop reading), UNPRIVILEGED_USER through `runuser`. Then
 * the repository is opened to that user first (files we can read become readable to all, so a
 * mode-000 file stays unreadable), and git's ownership check is switched off for that run only.
 * A root run without that user fails: a test of EACCES must never pass without checking it.
 */
export function runCliUnprivileged(repo: TempRepo, args: string[]): SpawnSyncReturns<string> {
  if (process.getuid?.() !== 0) return repo.leakgate(args);
  if (spawnSync('id', ['-u', UNPRIVILEGED_USER]).status !== 0) {
    throw new Error(
      `The tests run as root, where chmod 000 does not stop reading, so this test must run leakgate as the unprivileged user ${UNPRIVILEGED_USER}, which does not exist. .ci/run creates it (useradd --create-home ${UNPRIVILEGED_USER}); run the suite through .ci/run, or as a user who is not root.`,
    );
  }
  openToOthers(repo.dir);
  // The repository is root's: git refuses to work in it for another user unless told it is safe.
  // Said twice: in the environment (GIT_CONFIG_*), and in a HOME of its own for git run through
  // simple-git, which drops GIT_* variables. Nothing of the user's own home is touched.
  const home = tempDir('leakgate-unprivileged-home-');
  writeFileSync(join(home, '.gitconfig'), '[safe]\n\tdirectory = *\n');
  openToOthers(home);
  try {
    const env = cleanEnv({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' });
    delete env.XDG_CONFIG_HOME;
    return spawnSync('runuser', ['-u', UNPRIVILEGED_USER, '--', 'env', `HOME=${home}`, process.execPath, CLI, ...args], {
      cwd: repo.dir,
      env,
      encoding: 'utf8',
      input: '',
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Lets everyone read what its owner can read, and enter its folders; keeps what is unreadable so. */
function openToOthers(path: string): void {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return;
  if (stats.isDirectory()) {
    if ((stats.mode & 0o500) !== 0o500) return; // a folder closed on purpose stays closed
    chmodSync(path, stats.mode | 0o555);
    for (const name of readdirSync(path)) openToOthers(join(path, name));
  } else if (stats.mode & 0o400) {
    chmodSync(path, stats.mode | 0o444);
  }
}
