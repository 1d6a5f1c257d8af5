import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fakeGithubToken } from '../helpers/fakeSecrets';
import { installedLeakgate } from '../helpers/installedHook';
import { cleanEnv, TempRepo, tempDir } from '../helpers/repo';

// The pre-commit framework (https://pre-commit.com) running leakgate from .pre-commit-hooks.yaml,
// as a Python team would: a .pre-commit-config.yaml pointing at this repository by local path,
// `pre-commit install` for the three hook types, then real commits and pushes. The framework
// clones the repository at a commit, so the test commits a copy of this work tree (uncommitted
// edits included) and points the config at it. The framework builds the hooks' node environment
// itself (npm install, npm pack, npm install -g), which reaches the npm registry or npm's cache.

const root = join(__dirname, '..', '..');
const SETUP_TIMEOUT = 600_000;
const token = fakeGithubToken('pre-commit-framework');

/** A git repository holding this work tree's files (tracked and new, not ignored), committed. */
function snapshotOfWorkTree(): { repo: TempRepo; rev: string } {
  const repo = new TempRepo();
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  for (const path of listed.split('\0')) {
    if (!path || path === 'node_modules' || !existsSync(join(root, path)) || !lstatSync(join(root, path)).isFile()) continue;
    mkdirSync(dirname(join(repo.dir, path)), { recursive: true });
    copyFileSync(join(root, path), join(repo.dir, path));
  }
  repo.commitAll('leakgate as it stands');
  return { repo, rev: repo.git('rev-parse', 'HEAD').trim() };
}

describe('the pre-commit framework runs leakgate from .pre-commit-hooks.yaml', () => {
  let hookRepo: TempRepo;
  let project: TempRepo;
  let remote: TempRepo;
  let cache: string;
  let env: NodeJS.ProcessEnv;
  let installOutput: string;

  const git = (args: string[]): SpawnSyncReturns<string> =>
    spawnSync('git', args, { cwd: project.dir, env, encoding: 'utf8', timeout: SETUP_TIMEOUT });

  beforeAll(() => {
    const snapshot = snapshotOfWorkTree();
    hookRepo = snapshot.repo;
    cache = tempDir('leakgate-pre-commit-home-');
    // npm's cache first (the packages are there after npm ci); the registry for anything missing.
    env = cleanEnv({ PRE_COMMIT_HOME: cache, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' });
    remote = new TempRepo(undefined, { init: false });
    remote.git('init', '-q', '--bare', '-b', 'main');
    project = new TempRepo();
    project.write('app.py', 'import os\n\nTOKEN = os.environ["GITHUB_TOKEN"]\n');
    project.write(
      '.pre-commit-config.yaml',
      [
        'repos:',
        `  - repo: ${hookRepo.dir}`,
        `    rev: ${snapshot.rev}`,
        '    hooks:',
        '      - id: leakgate',
        '      - id: leakgate-push',
        '      - id: leakgate-commit-msg',
        '',
      ].join('\n'),
    );
    project.git('remote', 'add', 'origin', remote.dir);
    const installed = spawnSync(
      'pre-commit',
      ['install', '--hook-type', 'pre-commit', '--hook-type', 'pre-push', '--hook-type', 'commit-msg', '--install-hooks'],
      { cwd: project.dir, env, encoding: 'utf8', timeout: SETUP_TIMEOUT },
    );
    installOutput = installed.stdout + installed.stderr;
    if (installed.status !== 0) throw new Error(`pre-commit install failed:\n${installOutput}`);
  }, SETUP_TIMEOUT);

  afterAll(() => {
    for (const repo of [project, remote, hookRepo]) repo?.cleanup();
    if (cache) rmSync(cache, { recursive: true, force: true });
  });

  it('installs the three hook types, each a hook of the framework', () => {
    for (const hook of ['pre-commit', 'pre-push', 'commit-msg']) {
      expect(installOutput).toContain(`pre-commit installed at .git/hooks/${hook}`);
    }
  });

  it('a clean commit passes, its message judged too', () => {
    project.git('add', '-A');
    const commit = git(['commit', '-m', 'Read the token from the environment']);
    expect(commit.stdout + commit.stderr).toMatch(/leakgate \(secrets in the staged changes\)\.+Passed/);
    expect(commit.stdout + commit.stderr).toMatch(/leakgate \(secrets in the commit message\)\.+Passed/);
    expect(commit.status).toBe(0);
  });

  it('the first push of the branch (the framework names no range for a root commit) passes when clean', () => {
    const push = git(['push', 'origin', 'main']);
    expect(push.stdout + push.stderr).toMatch(/leakgate \(secrets in the pushed commits\)\.+Passed/);
    expect(push.status).toBe(0);
    expect(remote.git('rev-parse', 'main').trim()).toBe(project.head());
  });

  it("a commit carrying a key is refused with leakgate's report, and nothing is committed", () => {
    project.write('settings.py', `GITHUB_TOKEN = "${token}"\n`);
    project.git('add', '-A');
    const before = project.state();
    const commit = git(['commit', '-m', 'Add settings']);
    const output = commit.stdout + commit.stderr;
    expect(commit.status).not.toBe(0);
    expect(output).toMatch(/leakgate \(secrets in the staged changes\)\.+Failed/);
    expect(output).toContain('settings.py:1:');
    expect(output).toContain('[github-pat-classic]');
    expect(output).toContain('os.environ["GITHUB_TOKEN"]');
    expect(output).toContain('git commit --no-verify');
    expect(output).not.toContain(token);
    expect(project.state()).toEqual(before);
  });

  it('a commit message carrying a key is refused', () => {
    project.git('restore', '--staged', 'settings.py');
    project.write('notes.txt', 'rotate the keys\n');
    project.git('add', 'notes.txt');
    const head = project.head();
    const commit = git(['commit', '-m', `Deploy with ${token}`]);
    expect(commit.status).not.toBe(0);
    expect(commit.stdout + commit.stderr).toMatch(/leakgate \(secrets in the commit message\)\.+Failed/);
    expect(commit.stdout + commit.stderr).toContain('in the commit message');
    expect(commit.stdout + commit.stderr).not.toContain(token);
    expect(project.head()).toBe(head);
  });

  it('a push carrying a key (committed past the hooks) is refused, and the remote does not get it', () => {
    project.git('add', '-A');
    project.git('commit', '-q', '--no-verify', '-m', 'Add settings');
    const remoteBefore = remote.git('rev-parse', 'main').trim();
    const push = git(['push', 'origin', 'main']);
    const output = push.stdout + push.stderr;
    expect(push.status).not.toBe(0);
    expect(output).toMatch(/leakgate \(secrets in the pushed commits\)\.+Failed/);
    expect(output).toContain('settings.py:1:');
    expect(output).toContain('[github-pat-classic]');
    expect(output).toContain('git push --no-verify');
    expect(output).not.toContain(token);
    expect(remote.git('rev-parse', 'main').trim()).toBe(remoteBefore);
  });
});

describe('the pre-commit framework with the `repo: local` hooks leakgate install prints', () => {
  it(
    'those lines, leakgate pinned through additional_dependencies (here: the packed tarball), refuse a key',
    () => {
      const project = TempRepo.withInitialCommit();
      const cache = tempDir('leakgate-pre-commit-home-');
      const env = cleanEnv({
        PRE_COMMIT_HOME: cache,
        npm_config_prefer_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
      });
      try {
        project.write('.pre-commit-config.yaml', 'repos: []\n');
        const advice = spawnSync(installedLeakgate(), ['install'], { cwd: project.dir, env, encoding: 'utf8' });
        expect(advice.status).toBe(0);
        const lines = advice.stdout.split('\n');
        const config = lines
          .slice(
            lines.indexOf('repos:'),
            lines.findIndex((line) => line.startsWith('then run:')),
          )
          .join('\n');
        const pinned = `"leakgate@${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}"`;
        expect(config).toContain(pinned);
        project.write('.pre-commit-config.yaml', config.split(pinned).join(JSON.stringify(process.env.LEAKGATE_TARBALL!)));
        const installed = spawnSync(
          'pre-commit',
          ['install', '--hook-type', 'pre-commit', '--hook-type', 'commit-msg', '--install-hooks'],
          {
            cwd: project.dir,
            env,
            encoding: 'utf8',
            timeout: SETUP_TIMEOUT,
          },
        );
        expect(installed.stdout + installed.stderr).toContain('pre-commit installed at .git/hooks/commit-msg');
        expect(installed.status).toBe(0);
        project.write('settings.py', `GITHUB_TOKEN = "${token}"\n`);
        project.git('add', '-A');
        const head = project.head();
        const commit = spawnSync('git', ['commit', '-m', 'Add settings'], { cwd: project.dir, env, encoding: 'utf8' });
        expect(commit.status).not.toBe(0);
        expect(commit.stdout + commit.stderr).toMatch(/leakgate pre-commit\.+Failed/);
        expect(commit.stdout + commit.stderr).toContain('[github-pat-classic]');
        expect(commit.stdout + commit.stderr).not.toContain(token);
        expect(project.head()).toBe(head);
      } finally {
        project.cleanup();
        rmSync(cache, { recursive: true, force: true });
      }
    },
    SETUP_TIMEOUT,
  );
});
