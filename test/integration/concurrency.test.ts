import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { CLI, cleanEnv, TempRepo, tempDir } from '../helpers/repo';

function runAsync(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cleanEnv() });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('concurrency and signals', () => {
  it('two hooks at once in two worktrees of one repository keep their own last-run record', async () => {
    const repo = new TempRepo();
    const other = join(tempDir('leakgate-wt-'), 'second tree');
    try {
      repo.write('README.md', '# x\n');
      repo.commitAll('init');
      repo.git('worktree', 'add', '-q', '-b', 'second', other);
      const first = fakeMailjetPair('tree-one').secretKey;
      const second = fakeMailjetPair('tree-two').secretKey;
      repo.write('one.env', `MJ_APIKEY_PRIVATE=${first}\n`);
      repo.git('add', 'one.env');
      const worktree = new TempRepo(other, { init: false });
      worktree.write('two.env', `MJ_APIKEY_PRIVATE=${second}\n`);
      worktree.git('add', 'two.env');

      const runs = await Promise.all([0, 1, 2].flatMap(() => [runAsync(['pre-commit'], repo.dir), runAsync(['pre-commit'], other)]));
      expect(runs.map((run) => run.code)).toEqual([1, 1, 1, 1, 1, 1]);

      const mainRecord = JSON.parse(readFileSync(join(repo.dir, '.git/leakgate/last-run.json'), 'utf8'));
      const gitDir = worktree.git('rev-parse', '--absolute-git-dir').trim();
      const otherRecord = JSON.parse(readFileSync(join(gitDir, 'leakgate/last-run.json'), 'utf8'));
      expect(mainRecord.fingerprints).toEqual([expect.stringMatching(/^one\.env:mailjet-secret-key:/)]);
      expect(otherRecord.fingerprints).toEqual([expect.stringMatching(/^two\.env:mailjet-secret-key:/)]);
      expect(readdirSync(join(repo.dir, '.git/leakgate')).filter((name) => name.endsWith('.tmp'))).toEqual([]);

      expect(worktree.leakgate(['ignore', '--last', '--all']).status).toBe(0);
      expect(worktree.leakgate(['pre-commit']).status).toBe(0);
      expect(repo.leakgate(['pre-commit']).status).toBe(1);
    } finally {
      repo.cleanup();
    }
  });

  it('Ctrl-C during a scan ends it at once (the default action of SIGINT) and leaves nothing behind', async () => {
    const repo = new TempRepo();
    try {
      // Distinct files (identical ones would be read once, as one blob) and enough of them to be
      // still scanning when the signal comes.
      const line = (file: number) => `const x${file} = "${'a1b2c3d4'.repeat(8)}"; // token = something\n`;
      for (let file = 0; file < 40; file++) repo.write(`big/file${file}.js`, line(file).repeat(20000));
      repo.commitAll('big');
      const before = repo.state();
      const child = spawn(process.execPath, [CLI, 'scan', '--history'], { cwd: repo.dir, env: cleanEnv() });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise((resolve) => setTimeout(resolve, 400));
      child.kill('SIGINT');
      const sent = Date.now();
      const ended = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
      expect(ended).toBe('SIGINT');
      expect(Date.now() - sent).toBeLessThan(1000);
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(repo.state()).toEqual(before);
      const state = join(repo.dir, '.git/leakgate');
      expect(existsSync(state) ? readdirSync(state).filter((name) => name.endsWith('.tmp')) : []).toEqual([]);
    } finally {
      repo.cleanup();
    }
  });
});
