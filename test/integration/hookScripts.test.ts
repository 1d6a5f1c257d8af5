import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TempRepo } from '../helpers/repo';

/**
 * The hooks `leakgate install` writes, as written (placeholders filled in), pass shellcheck as
 * POSIX sh: they run on every commit of every repository leakgate is installed in, under
 * whatever /bin/sh that machine has. `.ci/run` installs shellcheck (Debian's package).
 */

const HOOKS = ['pre-commit', 'pre-push', 'commit-msg'];

function shellcheck(file: string): { status: number | null; output: string } {
  const run = spawnSync('shellcheck', ['--shell=sh', '--severity=info', file], { encoding: 'utf8' });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('shellcheck is not installed: .ci/run installs it (apt-get install shellcheck); install it to run this test.');
  }
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('installed hooks pass shellcheck', () => {
  it('plain git hooks (a repository without package.json)', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      expect(repo.leakgate(['install']).status).toBe(0);
      for (const hook of [...HOOKS, 'leakgate-run.sh'])
        expect({ hook, ...shellcheck(join(repo.dir, '.git', 'hooks', hook)) }).toEqual({ hook, status: 0, output: '' });
    } finally {
      repo.cleanup();
    }
  });

  it('husky hooks (a repository with package.json), with a hook that was there before chained', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write('package.json', `${JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2)}\n`);
      repo.write('.husky/pre-commit', 'npm test\n');
      // A hook husky switches off: the block then chains it (leakgate_chain=1).
      repo.write('.git/hooks/pre-push', '#!/bin/sh\nexit 0\n');
      chmodSync(join(repo.dir, '.git/hooks/pre-push'), 0o755);
      expect(repo.leakgate(['install']).status).toBe(0);
      for (const hook of HOOKS) expect({ hook, ...shellcheck(join(repo.dir, '.husky', hook)) }).toEqual({ hook, status: 0, output: '' });
    } finally {
      repo.cleanup();
    }
  });

  it("the package's hooks/*.sh: the runner and the templates install fills in", () => {
    const dir = join(__dirname, '..', '..', 'hooks');
    const files = readdirSync(dir).filter((name) => name.endsWith('.sh'));
    expect(files).toContain('run.sh');
    for (const file of files) expect({ file, ...shellcheck(join(dir, file)) }).toEqual({ file, status: 0, output: '' });
  });
});
