import { spawnSync } from 'node:child_process';
import { delimiter, dirname } from 'node:path';
import { fakeGithubToken } from '../helpers/fakeSecrets';
import { installedLeakgate, installHooks } from '../helpers/installedHook';
import { cleanEnv, TempRepo, tempDir } from '../helpers/repo';

/**
 * The fix steps of a blocked push, run literally: the commands are taken from the report as
 * printed and run with sh, one by one; the one thing a person does by hand (deleting the secret
 * from the file before it is staged again) is done where the steps say so. Then the push must go
 * through the same hooks, and the remote must hold the work without the secret.
 */
const token = fakeGithubToken('push-steps');
const withSecret = `const token = '${token}';\nmodule.exports = token;\n`;
const withoutSecret = 'const token = process.env.GITHUB_TOKEN;\nmodule.exports = token;\n';

function setup(): { repo: TempRepo; remote: TempRepo } {
  const remote = new TempRepo(tempDir('leakgate-remote-'), { init: false });
  remote.git('init', '-q', '--bare', '-b', 'main');
  const repo = TempRepo.pushingTo(remote);
  installHooks(repo);
  return { repo, remote };
}

/** The commands of the first finding's step 1, in order: the lines indented as commands. */
function stepCommands(report: string): string[] {
  const lines = `\n${report}`.split('\n');
  const start = lines.findIndex((line) => line.startsWith('  1. '));
  const end = lines.findIndex((line, index) => index > start && line.startsWith('  2. '));
  expect(start).toBeGreaterThan(-1);
  return lines.slice(start + 1, end).flatMap((line) => (/^ {7}\S/.test(line) ? [line.trim()] : []));
}

/** Runs each command with sh; before one that stages the files again, deletes the secrets as the steps say. */
function runSteps(
  repo: TempRepo,
  commands: readonly string[],
  edit?: { path: string; text: string } | { path: string; text: string }[],
): void {
  const edits = edit === undefined ? [] : Array.isArray(edit) ? edit : [edit];
  for (const command of commands) {
    if (command.startsWith('git add -- ')) {
      const staged = command.slice('git add -- '.length).split(' ');
      expect(staged.sort()).toEqual(edits.map((change) => change.path).sort());
      for (const change of edits) repo.write(change.path, change.text);
    }
    const run = spawnSync('sh', ['-c', command], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${command} failed (${run.status}):\n${run.stdout}${run.stderr}`);
  }
}

function blockedPush(repo: TempRepo, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const push = repo.gitResult(['push', ...args], undefined, env);
  expect(push.status).not.toBe(0);
  expect(push.stderr).toContain('leakgate blocked this push');
  expect(push.stderr).not.toContain(token);
  return push.stderr;
}

/** Every commit the remote has on `ref`, as text: the secret must be in none of them. */
function remoteHistory(remote: TempRepo, ref: string): string {
  return remote.git('log', '-p', '--format=%H %s', ref);
}

describe('push fix steps run as printed, then the push succeeds', () => {
  let env: ReturnType<typeof setup>;
  beforeAll(() => {
    installedLeakgate();
  }, 180_000);
  beforeEach(() => {
    env = setup();
  });
  afterEach(() => {
    env.repo.cleanup();
    env.remote.cleanup();
  });

  it('the last commit of the checked-out branch: amend', () => {
    const { repo, remote } = env;
    repo.write('src/token.js', withSecret);
    repo.commitAll('add token');
    // The hooks run a global install: named plain leakgate when that is the leakgate on PATH.
    const report = blockedPush(repo, ['origin', 'main'], { PATH: `${dirname(installedLeakgate())}${delimiter}${process.env.PATH}` });
    expect(report).toContain('or run: leakgate ignore --last');
    const commands = stepCommands(report);
    expect(commands).toEqual(['git add -- src/token.js', 'git commit --amend --no-edit', 'git push origin main']);
    runSteps(repo, commands, { path: 'src/token.js', text: withoutSecret });
    expect(remote.git('rev-parse', 'main')).toBe(repo.git('rev-parse', 'main'));
    expect(remoteHistory(remote, 'main')).not.toContain(token);
    expect(remoteHistory(remote, 'main')).toContain('add token');
  });

  it('a push of HEAD by refspec fixes the branch HEAD is on, not a detached copy of it', () => {
    const { repo, remote } = env;
    repo.write('src/token.js', withSecret);
    repo.commitAll('add token');
    const report = blockedPush(repo, ['origin', 'HEAD:main']);
    const commands = stepCommands(report);
    expect(commands.some((command) => command.includes('--detach'))).toBe(false);
    expect(commands.at(-1)).toBe('git push origin main');
    runSteps(repo, commands, { path: 'src/token.js', text: withoutSecret });
    expect(remote.git('rev-parse', 'main')).toBe(repo.git('rev-parse', 'main'));
    expect(repo.git('log', '-p', 'main')).not.toContain(token);
  });

  it('an older commit of a new branch the remote does not have, pushed from another branch', () => {
    const { repo, remote } = env;
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/token.js', withSecret);
    repo.commitAll('add token');
    repo.write('src/other.js', 'module.exports = 2;\n');
    repo.commitAll('more work');
    repo.git('checkout', '-q', 'main');
    const report = blockedPush(repo, ['origin', 'feature']);
    expect(report).not.toContain('origin/feature');
    expect(report).not.toMatch(/rebase -i [0-9a-f]+\^/);
    const commands = stepCommands(report);
    const base = repo.git('rev-parse', 'main').trim();
    const tip = repo.git('rev-parse', 'feature').trim();
    expect(commands).toEqual([
      'git switch feature',
      `git reset --soft ${base}`,
      'git add -- src/token.js',
      `git commit -C ${tip}`,
      'git push origin feature',
    ]);
    runSteps(repo, commands, { path: 'src/token.js', text: withoutSecret });
    expect(remoteHistory(remote, 'feature')).not.toContain(token);
    expect(remote.git('show', 'feature:src/other.js')).toBe('module.exports = 2;\n');
  });

  it('a secret added and removed inside the push: fold the commits, no edit', () => {
    const { repo, remote } = env;
    repo.write('src/token.js', withSecret);
    repo.commitAll('add token');
    repo.write('src/token.js', withoutSecret);
    repo.commitAll('read it from the environment');
    const report = blockedPush(repo, ['origin', 'main']);
    expect(report).toContain('added and removed again');
    const commands = stepCommands(report);
    expect(commands).not.toContain('git commit --amend --no-edit');
    expect(commands.some((command) => command.startsWith('git add'))).toBe(false);
    runSteps(repo, commands);
    expect(remoteHistory(remote, 'main')).not.toContain(token);
    expect(remote.git('show', 'main:src/token.js')).toBe(withoutSecret);
  });

  it('two secrets in one push, an older commit and the tip: one set of steps covers both files', () => {
    const { repo, remote } = env;
    repo.write('src/token.js', withSecret);
    repo.commitAll('add token');
    repo.write('src/second.js', `module.exports = '${fakeGithubToken('push-steps-2')}';\n`);
    repo.commitAll('add another');
    const report = blockedPush(repo, ['origin', 'main']);
    expect(report).toContain('2 secrets');
    const [firstSteps, secondSteps] = report.split('How to fix').slice(1).map(stepCommands);
    expect(firstSteps).toEqual(secondSteps);
    expect(firstSteps).toContain('git add -- src/token.js src/second.js');
    runSteps(repo, firstSteps!, [
      { path: 'src/token.js', text: withoutSecret },
      { path: 'src/second.js', text: 'module.exports = process.env.GITHUB_TOKEN;\n' },
    ]);
    expect(remoteHistory(remote, 'main')).not.toContain(token);
    expect(remoteHistory(remote, 'main')).not.toContain(fakeGithubToken('push-steps-2'));
  });

  it('a push by URL pushes to that URL, never to <url>/<branch>', () => {
    const { repo, remote } = env;
    repo.write('src/token.js', withSecret);
    repo.commitAll('add token');
    repo.write('README.md', '# app, more\n');
    repo.commitAll('later');
    const report = blockedPush(repo, [remote.dir, 'main']);
    expect(report).not.toContain(`${remote.dir}/`);
    // No leakgate on PATH: the report names the copy the hook ran.
    expect(report).toMatch(/or run: node \S+leakgate\.js'? ignore --last/);
    const commands = stepCommands(report);
    expect(commands.at(-1)).toBe(`git push ${remote.dir} main`);
    runSteps(repo, commands, { path: 'src/token.js', text: withoutSecret });
    expect(remoteHistory(remote, 'main')).not.toContain(token);
  });

  it('a remote with none of this history: the rewrite starts from the root', () => {
    const { repo } = env;
    const empty = new TempRepo(tempDir('leakgate-empty-remote-'), { init: false });
    try {
      empty.git('init', '-q', '--bare', '-b', 'main');
      repo.git('remote', 'add', 'fresh', empty.dir);
      repo.write('src/token.js', withSecret);
      repo.commitAll('add token');
      repo.write('src/other.js', 'module.exports = 2;\n');
      repo.commitAll('more');
      const commands = stepCommands(blockedPush(repo, ['fresh', 'main']));
      expect(commands[0]).toBe('git update-ref -d refs/heads/main');
      runSteps(repo, commands, { path: 'src/token.js', text: withoutSecret });
      expect(remoteHistory(empty, 'main')).not.toContain(token);
      expect(empty.git('rev-list', '--count', 'main').trim()).toBe('1');
    } finally {
      empty.cleanup();
    }
  });

  it('a remote branch the rewrite replaces is pushed with a lease on what the remote has', () => {
    const { repo, remote } = env;
    // The remote's main moved on without us: our push rewrites it (a force push), secret included.
    repo.write('shared.txt', 'one\n');
    repo.commitAll('shared');
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    const theirs = repo.git('rev-parse', 'main').trim();
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    repo.write('src/token.js', withSecret);
    repo.commitAll('add token');
    repo.write('src/other.js', 'module.exports = 2;\n');
    repo.commitAll('more');
    const commands = stepCommands(blockedPush(repo, ['--force', 'origin', 'main']));
    expect(commands.at(-1)).toBe(`git push --force-with-lease=refs/heads/main:${theirs} origin main`);
    runSteps(repo, commands, { path: 'src/token.js', text: withoutSecret });
    expect(remoteHistory(remote, 'main')).not.toContain(token);
    expect(remote.git('rev-parse', 'main')).toBe(repo.git('rev-parse', 'main'));
  });
});

describe('a secret already in history: purge steps after revoking', () => {
  it('scan --history names filter-repo with the exact path for a secrets file, a replace-text file for code', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write('config/prod.env', `GITHUB_TOKEN=${token}\n`);
      repo.write('src/token.js', withSecret);
      repo.commitAll('add token');
      const scan = repo.leakgate(['scan', '--history']);
      expect(scan.status).toBe(1);
      const out = scan.stdout + scan.stderr;
      expect(out).not.toContain(token);
      expect(out).toContain('revoke it first (step 3), since purging history does not un-leak it');
      const commands = out.split('\n').flatMap((line) => (/^ {7}git filter-repo/.test(line) ? [line.trim()] : []));
      expect(commands).toEqual([
        'git filter-repo --invert-paths --path config/prod.env',
        'git filter-repo --replace-text ../leakgate-replacements.txt',
      ]);
      expect(out).toContain('write one line `<the secret>==>REMOVED` to ../leakgate-replacements.txt');
    } finally {
      repo.cleanup();
    }
  });
});
