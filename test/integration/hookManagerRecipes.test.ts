import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeGithubToken } from '../helpers/fakeSecrets';
import { cleanEnv, TempRepo } from '../helpers/repo';

// The README's recipes with the real tools, each in a JavaScript project that installs leakgate
// (the packed tarball) and the tool from the npm registry, pinned: lefthook and simple-git-hooks
// configured with exactly the lines `leakgate install` prints for them, and leakgate beside
// lint-staged in one husky pre-commit hook. Then real commits and pushes.

const tarball = process.env.LEAKGATE_TARBALL!;
const SETUP_TIMEOUT = 300_000;
const token = fakeGithubToken('hook-manager-recipes');
const TOOLS = { lefthook: 'lefthook@2.2.2', simpleGitHooks: 'simple-git-hooks@2.14.0', lintStaged: 'lint-staged@17.6.3' };

function npm(project: TempRepo, args: string[]): void {
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: project.dir,
    env: cleanEnv(),
    stdio: 'pipe',
    timeout: SETUP_TIMEOUT,
  });
}

/** A JavaScript project with a first commit, a bare origin, and these dev dependencies installed. */
function projectWith(packages: string[], manifest: object = {}): { project: TempRepo; remote: TempRepo } {
  const remote = new TempRepo(undefined, { init: false });
  remote.git('init', '-q', '--bare', '-b', 'main');
  const project = new TempRepo();
  project.write('.gitignore', 'node_modules/\n');
  project.write('package.json', `${JSON.stringify({ name: 'app', version: '1.0.0', private: true, ...manifest }, null, 2)}\n`);
  npm(project, ['install', '--save-dev', tarball, ...packages]);
  project.commitAll('init');
  project.git('remote', 'add', 'origin', remote.dir);
  return { project, remote };
}

/** The config lines `leakgate install` prints for the manager it found (between the intro and "then run"). */
function adviceOf(project: TempRepo): string {
  const run = spawnSync(join(project.dir, 'node_modules', '.bin', 'leakgate'), ['install'], {
    cwd: project.dir,
    env: cleanEnv(),
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  const lines = run.stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Run leakgate from'));
  const end = lines.findIndex((line) => line.startsWith('then run:'));
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return `${lines
    .slice(start + 1, end)
    .join('\n')
    .trim()}\n`;
}

/** Through whatever hooks the project has: a staged key, a key in a message and a pushed key are refused; clean work passes. */
function expectHooksGuard(project: TempRepo, remote: TempRepo): void {
  project.write('notes.txt', 'clean\n');
  project.git('add', '-A');
  const clean = project.gitResult(['commit', '-q', '-m', 'Clean notes']);
  expect({ status: clean.status, output: clean.stdout + clean.stderr }).toEqual({
    status: 0,
    output: expect.not.stringContaining('leakgate:'),
  });
  expect(project.gitResult(['push', '-q', 'origin', 'main']).status).toBe(0);

  project.write('settings.js', `module.exports = { token: '${token}' };\n`);
  project.git('add', '-A');
  const head = project.head();
  const staged = project.gitResult(['commit', '-q', '-m', 'Add settings']);
  expect(staged.status).not.toBe(0);
  expect(staged.stdout + staged.stderr).toContain('settings.js:1:');
  expect(staged.stdout + staged.stderr).toContain('[github-pat-classic]');
  expect(staged.stdout + staged.stderr).not.toContain(token);
  expect(project.head()).toBe(head);

  project.git('restore', '--staged', 'settings.js');
  project.write('notes.txt', 'clean, again\n');
  project.git('add', 'notes.txt');
  const message = project.gitResult(['commit', '-q', '-m', `Deploy with ${token}`]);
  expect(message.status).not.toBe(0);
  expect(message.stdout + message.stderr).toContain('in the commit message');
  expect(project.head()).toBe(head);

  project.git('add', '-A');
  project.git('commit', '-q', '--no-verify', '-m', 'Add settings');
  const pushed = project.gitResult(['push', '-q', 'origin', 'main']);
  expect(pushed.status).not.toBe(0);
  expect(pushed.stdout + pushed.stderr).toContain('[github-pat-classic]');
  expect(pushed.stdout + pushed.stderr).toContain('git push --no-verify');
  expect(remote.git('rev-parse', 'main').trim()).toBe(head);
}

describe('hook manager recipes with the real tools', () => {
  it(
    'lefthook: the lines leakgate install prints, in lefthook.yml, after `lefthook install`',
    () => {
      const { project, remote } = projectWith([TOOLS.lefthook]);
      try {
        project.write('lefthook.yml', 'colors: false\n');
        const advice = adviceOf(project);
        writeFileSync(join(project.dir, 'lefthook.yml'), `colors: false\n${advice}`);
        execFileSync(join(project.dir, 'node_modules', '.bin', 'lefthook'), ['install', '--force'], {
          cwd: project.dir,
          env: cleanEnv(),
          stdio: 'pipe',
        });
        project.git('add', 'lefthook.yml');
        project.git('commit', '-q', '--no-verify', '-m', 'lefthook runs leakgate');
        expect(readFileSync(join(project.dir, '.git', 'hooks', 'pre-push'), 'utf8')).toContain('lefthook');
        expectHooksGuard(project, remote);
      } finally {
        project.cleanup();
        remote.cleanup();
      }
    },
    SETUP_TIMEOUT,
  );

  it(
    'simple-git-hooks: the lines leakgate install prints, in package.json, after `simple-git-hooks`',
    () => {
      const { project, remote } = projectWith([TOOLS.simpleGitHooks], { 'simple-git-hooks': {} });
      try {
        const advice = adviceOf(project);
        const manifest = JSON.parse(readFileSync(join(project.dir, 'package.json'), 'utf8'));
        manifest['simple-git-hooks'] = JSON.parse(`{${advice}}`)['simple-git-hooks'];
        writeFileSync(join(project.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
        execFileSync(join(project.dir, 'node_modules', '.bin', 'simple-git-hooks'), [], {
          cwd: project.dir,
          env: cleanEnv(),
          stdio: 'pipe',
        });
        project.git('add', 'package.json');
        project.git('commit', '-q', '--no-verify', '-m', 'simple-git-hooks runs leakgate');
        expect(readFileSync(join(project.dir, '.git', 'hooks', 'commit-msg'), 'utf8')).toContain('leakgate commit-msg');
        expectHooksGuard(project, remote);
      } finally {
        project.cleanup();
        remote.cleanup();
      }
    },
    SETUP_TIMEOUT,
  );

  it(
    'husky with lint-staged: leakgate install puts its block first in the one pre-commit hook; lint-staged runs after a clean check only',
    () => {
      const { project, remote } = projectWith([TOOLS.lintStaged, 'husky@9'], {
        'lint-staged': { '*': 'node mark.js' },
      });
      try {
        project.write(
          'mark.js',
          "require('node:fs').appendFileSync('.git/lint-staged.log', process.argv.slice(2).map((file) => require('node:path').basename(file)).join(',') + '\\n');\n",
        );
        project.write('.husky/pre-commit', 'npx lint-staged\n');
        project.git('add', '-A');
        project.git('commit', '-q', '--no-verify', '-m', 'lint-staged in husky');
        const installed = spawnSync(join(project.dir, 'node_modules', '.bin', 'leakgate'), ['install'], {
          cwd: project.dir,
          env: cleanEnv(),
          encoding: 'utf8',
        });
        expect(installed.status).toBe(0);
        const hook = readFileSync(join(project.dir, '.husky', 'pre-commit'), 'utf8');
        expect(hook.indexOf('# >>> leakgate >>>')).toBe(0);
        expect(hook.trimEnd().endsWith('npx lint-staged')).toBe(true);
        project.git('add', '-A');
        project.git('commit', '-q', '--no-verify', '-m', 'leakgate in husky');

        const log = join(project.dir, '.git', 'lint-staged.log');
        expectHooksGuard(project, remote);
        // lint-staged ran after leakgate passed the staged changes (the clean commit, and the one
        // its commit-msg hook then refused), never for the staged key (settings.js).
        expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('notes.txt\nnotes.txt\n');
      } finally {
        project.cleanup();
        remote.cleanup();
      }
    },
    SETUP_TIMEOUT,
  );
});
