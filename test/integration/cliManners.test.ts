import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fakeGithubToken } from '../helpers/fakeSecrets';
import { hookedRepoWith, installedLeakgate, refusedCommit } from '../helpers/installedHook';
import { cleanEnv, runCli, TempRepo, tempDir } from '../helpers/repo';

// Issue 17, point 6: the small things a user hits first.

describe('the command line answers mistakes helpfully', () => {
  const dir = tempDir('leakgate-cli-');

  it('a bare `leakgate` prints the help on stderr and exits 2', () => {
    const run = runCli([], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: leakgate <command> [options]');
    expect(run.stderr).toContain('leakgate: leakgate needs a command');
    expect(runCli(['--help'], { cwd: dir }).status).toBe(0);
  });

  it('an unknown command, option or rule id: exit 2 and "did you mean"', () => {
    const command = runCli(['scna'], { cwd: dir });
    expect(command.status).toBe(2);
    expect(command.stderr).toContain('unknown command "scna". Did you mean "scan"?');
    const option = runCli(['scan', '--verbos'], { cwd: dir });
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("unknown option '--verbos'; did you mean --verbose?");
    const rule = runCli(['explain', 'github-pat-clasic'], { cwd: dir });
    expect(rule.status).toBe(2);
    expect(rule.stderr).toContain('did you mean github-pat-classic?');
    const far = runCli(['explain', 'no-such-thing-at-all'], { cwd: dir });
    expect(far.stderr).not.toContain('did you mean');
  });

  it('a mistyped rule id in rules.disable: the config error says which rule was meant', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write('.leakgate.json', JSON.stringify({ rules: { disable: ['slack-bot-tokn'] } }));
      const run = repo.leakgate(['scan']);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('rules.disable[0]: expected the id of a rule ("slack-bot-tokn" is none; did you mean slack-bot-token?');
    } finally {
      repo.cleanup();
    }
  });
});

describe('what scan and uninstall leave under .git', () => {
  beforeAll(() => {
    installedLeakgate();
  }, 180_000);

  it('a JSON or SARIF scan records nothing under .git; a text scan records the fingerprints for ignore --last', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write('config.py', `GITHUB_TOKEN = "${fakeGithubToken('manners')}"\n`);
      repo.commitAll('token');
      const record = join(repo.dir, '.git/leakgate/last-run.json');
      expect(repo.leakgate(['scan', '--format', 'json']).status).toBe(1);
      expect(repo.leakgate(['scan', '--format', 'sarif']).status).toBe(1);
      expect(existsSync(record)).toBe(false);
      expect(repo.leakgate(['scan']).status).toBe(1);
      expect(existsSync(record)).toBe(true);
    } finally {
      repo.cleanup();
    }
  });

  it('uninstall removes .git/leakgate/, the last blocked run included', () => {
    const repo = hookedRepoWith({ 'config.py': `GITHUB_TOKEN = "${fakeGithubToken('manners-hook')}"\n` });
    try {
      refusedCommit(repo, 'token');
      expect(existsSync(join(repo.dir, '.git/leakgate/last-run.json'))).toBe(true);
      const run = spawnSync(installedLeakgate(), ['uninstall'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('.git/leakgate/: removed');
      expect(existsSync(join(repo.dir, '.git/leakgate'))).toBe(false);
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
    } finally {
      repo.cleanup();
    }
  });
});
