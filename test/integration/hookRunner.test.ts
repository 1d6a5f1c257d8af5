import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { pipeStagedDiff, STAGED_DIFF_ARGV } from '../../src/git/stagedInput';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { cleanEnv, TempRepo, tempDir } from '../helpers/repo';

/**
 * The runner every installed hook comes to (hooks/run.sh), run the way git runs the hooks: the
 * hook file by its path, at the top of the work tree, with git's arguments and input. A stub
 * leakgate (LEAKGATE_BIN) records what it was given; the chained hook records what it got.
 */

const PACKAGE = join(__dirname, '..', '..');
const RUNNER = join(PACKAGE, 'hooks', 'run.sh');
const REFS = `refs/heads/main ${'1'.repeat(40)} refs/heads/main ${'0'.repeat(40)}\n`;
const PUSH_ARGS = ['origin', 'https://example.invalid/app.git'];

/** An executable script at `file` that records its arguments, input and LEAKGATE_STAGED_DIFF in `file.*`. */
function recorder(file: string, exit = 0): string {
  writeFileSync(
    file,
    `#!/bin/sh\n: > '${file}.args'\nfor arg in "$@"; do printf '%s\\n' "$arg" >> '${file}.args'; done\ncat > '${file}.stdin'\nprintf '%s' "\${LEAKGATE_STAGED_DIFF:-}" > '${file}.env'\nexit ${exit}\n`,
    { mode: 0o755 },
  );
  return file;
}

function recorded(file: string): { args: string[]; stdin: string; env: string } | undefined {
  if (!existsSync(`${file}.args`)) return undefined;
  const args = readFileSync(`${file}.args`, 'utf8').split('\n').slice(0, -1);
  return { args, stdin: readFileSync(`${file}.stdin`, 'utf8'), env: readFileSync(`${file}.env`, 'utf8') };
}

/** PATH without any folder that holds a leakgate (npx puts this checkout's node_modules/.bin there). */
function pathWithoutLeakgate(): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !existsSync(join(dir, 'leakgate')))
    .join(delimiter);
}

describe('the plain hooks: a one-line shim and the runner beside it', () => {
  let repo: TempRepo;
  let stubs: string;
  let hooks: string;

  function runHook(hook: string, args: string[], input: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
    return spawnSync(join(hooks, hook), args, { cwd: repo.dir, env: cleanEnv(env), input, encoding: 'utf8' });
  }

  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    stubs = tempDir('leakgate-stubs-');
    hooks = join(repo.dir, '.git', 'hooks');
    expect(repo.leakgate(['install']).status).toBe(0);
  });
  afterEach(() => {
    repo.cleanup();
    rmSync(stubs, { recursive: true, force: true });
  });

  it("each hook is a shebang, a comment and one line; the runner is the package's run.sh", () => {
    for (const hook of ['pre-commit', 'pre-push', 'commit-msg']) {
      const lines = readFileSync(join(hooks, hook), 'utf8').split('\n');
      expect(lines).toEqual([
        '#!/bin/sh',
        expect.stringMatching(/^# leakgate-managed .*`leakgate install`/),
        `exec "\${0%/*}/leakgate-run.sh" ${hook} "$0" "$@"`,
        '',
      ]);
    }
    expect(readFileSync(join(hooks, 'leakgate-run.sh'), 'utf8')).toBe(readFileSync(RUNNER, 'utf8'));
    expect(statSync(join(hooks, 'leakgate-run.sh')).mode & 0o111).not.toBe(0);
  });

  it("pipes the staged diff, as our exact command, with git's status after it", () => {
    repo.write('app.txt', 'hello\n');
    repo.git('add', 'app.txt');
    const leakgate = recorder(join(stubs, 'leakgate'));
    const run = runHook('pre-commit', [], '', { LEAKGATE_BIN: leakgate });
    expect(run.status).toBe(0);
    const got = recorded(leakgate)!;
    expect(got.args).toEqual(['pre-commit']);
    expect(got.env).toBe(STAGED_DIFF_ARGV.join(' '));
    expect(got.stdin).toContain('+hello');
    expect(got.stdin.endsWith('\0LEAKGATE-GIT-EXIT=0\n')).toBe(true);
  });

  it("passes on git's failure in the trailer (leakgate then asks git itself), never an empty diff as if clean", () => {
    repo.write('app.txt', 'hello\n');
    repo.git('add', 'app.txt');
    const leakgate = recorder(join(stubs, 'leakgate'));
    // No git on the hook's PATH, only cat (the stub's): the shell's git fails.
    const bin = join(stubs, 'bin');
    mkdirSync(bin);
    symlinkSync(spawnSync('sh', ['-c', 'command -v cat'], { encoding: 'utf8' }).stdout.trim(), join(bin, 'cat'));
    const run = runHook('pre-commit', [], '', { LEAKGATE_BIN: leakgate, PATH: bin });
    expect(run.status).toBe(0);
    expect(recorded(leakgate)!.stdin).toBe('\0LEAKGATE-GIT-EXIT=127\n');
  });

  it('runs the command in the runner that leakgate trusts (run.sh and stagedInput.ts agree)', () => {
    expect(readFileSync(RUNNER, 'utf8')).toContain(pipeStagedDiff('leakgate_run pre-commit').replace('\n', '\n      '));
  });

  it('the staged diff reaches the real leakgate: a key is refused, exit 1', () => {
    const { secretKey } = fakeMailjetPair('hook-runner');
    repo.write('.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
    repo.git('add', '.env');
    const run = runHook('pre-commit', [], '');
    expect(run.stderr).toContain('mailjet-secret-key');
    expect(run.stderr).not.toContain(secretKey);
    expect(run.status).toBe(1);
  });

  it('pre-push: leakgate and the chained hook get the same arguments and refs; a failing leakgate stops the chain', () => {
    const chained = recorder(join(hooks, 'pre-push.leakgate-chained'));
    const leakgate = recorder(join(stubs, 'leakgate'));
    const run = runHook('pre-push', PUSH_ARGS, REFS, { LEAKGATE_BIN: leakgate });
    expect(run.status).toBe(0);
    expect(recorded(leakgate)).toEqual({ args: ['pre-push', ...PUSH_ARGS], stdin: REFS, env: '' });
    expect(recorded(chained)).toEqual({ args: PUSH_ARGS, stdin: REFS, env: '' });

    rmSync(`${chained}.args`);
    const blocking = recorder(join(stubs, 'blocking'), 1);
    expect(runHook('pre-push', PUSH_ARGS, REFS, { LEAKGATE_BIN: blocking }).status).toBe(1);
    expect(recorded(chained)).toBeUndefined();
  });

  it('pre-push with nothing to push (no input): leakgate is not run, the chained hook still is, with no input', () => {
    const chained = recorder(join(hooks, 'pre-push.leakgate-chained'));
    const leakgate = recorder(join(stubs, 'leakgate'));
    const run = runHook('pre-push', PUSH_ARGS, '', { LEAKGATE_BIN: leakgate });
    expect(run.status).toBe(0);
    expect(recorded(leakgate)).toBeUndefined();
    expect(recorded(chained)).toEqual({ args: PUSH_ARGS, stdin: '', env: '' });
  });

  it('commit-msg: the chained hook gets the message file and the same input', () => {
    const chained = recorder(join(hooks, 'commit-msg.leakgate-chained'));
    const leakgate = recorder(join(stubs, 'leakgate'));
    const run = runHook('commit-msg', ['.git/COMMIT_EDITMSG'], 'typed\n', { LEAKGATE_BIN: leakgate });
    expect(run.status).toBe(0);
    expect(recorded(leakgate)?.args).toEqual(['commit-msg', '.git/COMMIT_EDITMSG']);
    expect(recorded(chained)).toEqual({ args: ['.git/COMMIT_EDITMSG'], stdin: 'typed\n', env: '' });
  });

  it('LEAKGATE=0 skips leakgate on every hook; chained hooks still run', () => {
    const leakgate = recorder(join(stubs, 'leakgate'), 1);
    const chained = (hook: string) => join(hooks, `${hook}.leakgate-chained`);
    for (const hook of ['pre-commit', 'pre-push', 'commit-msg']) recorder(chained(hook));
    expect(runHook('pre-commit', [], '', { LEAKGATE: '0', LEAKGATE_BIN: leakgate }).status).toBe(0);
    expect(runHook('commit-msg', ['.git/COMMIT_EDITMSG'], '', { LEAKGATE: '0', LEAKGATE_BIN: leakgate }).status).toBe(0);
    expect(runHook('pre-push', PUSH_ARGS, REFS, { LEAKGATE: '0', LEAKGATE_BIN: leakgate }).status).toBe(0);
    expect(recorded(leakgate)).toBeUndefined();
    expect(recorded(chained('pre-commit'))?.args).toEqual([]);
    expect(recorded(chained('commit-msg'))?.args).toEqual(['.git/COMMIT_EDITMSG']);
    expect(recorded(chained('pre-push'))).toEqual({ args: PUSH_ARGS, stdin: REFS, env: '' });
  });

  it('no leakgate outside the work tree: exit 2, what to install and the bypass of that hook', () => {
    // install recorded a leakgate that is gone; the only one left is in the work tree.
    const paths = join(hooks, 'leakgate-run.paths');
    writeFileSync(paths, readFileSync(paths, 'utf8').replace(/^cli=.*$/m, `cli=${join(stubs, 'gone', 'leakgate.js')}`));
    mkdirSync(join(repo.dir, 'node_modules', '.bin'), { recursive: true });
    const planted = recorder(join(repo.dir, 'node_modules', '.bin', 'leakgate'));
    const env = {
      PATH: ['node_modules/.bin', join(repo.dir, 'node_modules', '.bin'), dirname(process.execPath), pathWithoutLeakgate()].join(delimiter),
    };
    const commit = runHook('pre-commit', [], '', env);
    expect(commit.stderr).toContain('leakgate: cannot find leakgate outside this work tree');
    expect(commit.stderr).toContain('npm install -g leakgate, then leakgate install');
    expect(commit.stderr).toContain('git commit --no-verify');
    expect(commit.status).toBe(2);
    const push = runHook('pre-push', PUSH_ARGS, REFS, env);
    expect(push.stderr).toContain('git push --no-verify');
    expect(push.status).toBe(2);
    expect(recorded(planted)).toBeUndefined();
  });

  it('run by hand, or for a hook it does not serve: one sentence, exit 2', () => {
    const bare = spawnSync(join(hooks, 'leakgate-run.sh'), [], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(bare.stderr).toMatch(/^leakgate: leakgate-run\.sh runs from the hooks leakgate install writes/);
    expect(bare.status).toBe(2);
    const other = spawnSync(join(hooks, 'leakgate-run.sh'), ['post-merge', join(hooks, 'post-merge')], {
      cwd: repo.dir,
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(other.stderr).toContain('leakgate: no post-merge hook');
    expect(other.status).toBe(2);
  });
});

describe('a repository whose path has spaces and quotes', () => {
  const { secretKey } = fakeMailjetPair('odd-path');
  let parent: string;
  let repo: TempRepo;

  beforeEach(() => {
    parent = tempDir('leakgate-odd-');
    mkdirSync(join(parent, `it's a "repo" $HOME`));
    repo = new TempRepo(join(parent, `it's a "repo" $HOME`));
    repo.write('README.md', '# app\n');
    repo.commitAll('init');
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  function expectHooksWork(): void {
    repo.write('.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
    repo.git('add', '.env');
    const blocked = repo.gitResult(['commit', '-m', 'env']);
    expect(blocked.stderr).toContain('mailjet-secret-key');
    expect(blocked.status).toBe(1);
    repo.git('rm', '-q', '--cached', '.env');
    repo.write('app.txt', 'clean\n');
    repo.git('add', 'app.txt');
    const clean = repo.gitResult(['commit', '-q', '-m', 'clean']);
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(0);
  }

  it('hooks in .git/hooks find the runner beside them', () => {
    expect(repo.leakgate(['install']).status).toBe(0);
    expectHooksWork();
  });

  it('hooks in the work tree (core.hooksPath) run the runner under .git by its quoted absolute path', () => {
    repo.git('config', 'core.hooksPath', '.githooks');
    const install = repo.leakgate(['install']);
    expect(install.status).toBe(0);
    expect(install.stdout).toContain('.git/leakgate/leakgate-run.sh');
    expect(existsSync(join(repo.dir, '.githooks', 'leakgate-run.sh'))).toBe(false);
    expect(readFileSync(join(repo.dir, '.githooks', 'pre-commit'), 'utf8')).toContain(
      `exec '${join(repo.dir, '.git', 'leakgate', 'leakgate-run.sh').replace(/'/g, `'\\''`)}' pre-commit`,
    );
    expectHooksWork();
    const doctor = repo.leakgate(['doctor']);
    expect(doctor.stdout).toContain('✔ runner: .git/leakgate/leakgate-run.sh');
    expect(doctor.status).toBe(0);
  });
});

describe('husky: .husky/<hook> sources the runner of the leakgate in node_modules', () => {
  let repo: TempRepo;
  let stubs: string;
  const bin = () => join(repo.dir, 'node_modules', '.bin', 'leakgate');

  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    stubs = tempDir('leakgate-stubs-');
    // What npm install puts in node_modules, as far as the hooks look: the runner and the bin.
    mkdirSync(join(repo.dir, 'node_modules', 'leakgate', 'hooks'), { recursive: true });
    cpSync(RUNNER, join(repo.dir, 'node_modules', 'leakgate', 'hooks', 'run.sh'));
    mkdirSync(join(repo.dir, 'node_modules', '.bin'));
    recorder(bin());
  });
  afterEach(() => {
    repo.cleanup();
    rmSync(stubs, { recursive: true, force: true });
  });

  /** The husky file with leakgate's block and the rest after it; run as husky runs it (sh -e). */
  function runHusky(
    hook: string,
    block: string,
    rest: string,
    args: string[],
    input: string,
    env: NodeJS.ProcessEnv = {},
  ): SpawnSyncReturns<string> {
    repo.write(`.husky/${hook}`, `${block}\n${rest}`);
    return spawnSync('sh', ['-e', `.husky/${hook}`, ...args], { cwd: repo.dir, env: cleanEnv(env), input, encoding: 'utf8' });
  }

  const block = (chain: 0 | 1) => `leakgate_husky=1 leakgate_chain=${chain} . node_modules/leakgate/hooks/run.sh`;

  it('pre-push: leakgate gets the refs, and the rest of the file gets the same arguments and refs', () => {
    const rest = recorder(join(stubs, 'rest'));
    const run = runHusky('pre-push', block(0), `'${rest}' "$@"\n`, PUSH_ARGS, REFS);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(recorded(bin())).toEqual({ args: ['pre-push', ...PUSH_ARGS], stdin: REFS, env: '' });
    expect(recorded(rest)).toEqual({ args: PUSH_ARGS, stdin: REFS, env: '' });
  });

  it('pre-push with no input: leakgate is not run, the rest of the file gets no input', () => {
    const rest = recorder(join(stubs, 'rest'));
    expect(runHusky('pre-push', block(0), `'${rest}' "$@"\n`, PUSH_ARGS, '').status).toBe(0);
    expect(recorded(bin())).toBeUndefined();
    expect(recorded(rest)?.stdin).toBe('');
  });

  it('pre-commit: the piped diff; a blocking leakgate stops the file there with its status', () => {
    repo.write('app.txt', 'hello\n');
    repo.git('add', 'app.txt');
    const rest = recorder(join(stubs, 'rest'));
    expect(runHusky('pre-commit', block(0), `'${rest}'\n`, [], '').status).toBe(0);
    expect(recorded(bin())?.env).toBe(STAGED_DIFF_ARGV.join(' '));
    expect(recorded(bin())?.stdin).toContain('+hello');
    expect(recorded(rest)).toBeDefined();

    rmSync(`${rest}.args`);
    recorder(bin(), 1);
    expect(runHusky('pre-commit', block(0), `'${rest}'\n`, [], '').status).toBe(1);
    expect(recorded(rest)).toBeUndefined();
  });

  it('leakgate_chain=1 runs the hook husky switched off (.git/hooks) with the arguments and refs', () => {
    const legacy = recorder(join(repo.dir, '.git', 'hooks', 'pre-push'));
    expect(runHusky('pre-push', block(1), '', PUSH_ARGS, REFS).status).toBe(0);
    expect(recorded(legacy)).toEqual({ args: PUSH_ARGS, stdin: REFS, env: '' });
    rmSync(`${legacy}.args`);
    expect(runHusky('pre-push', block(0), '', PUSH_ARGS, REFS).status).toBe(0);
    expect(recorded(legacy)).toBeUndefined();
  });

  it('LEAKGATE=0 skips leakgate and goes on with the file', () => {
    const rest = recorder(join(stubs, 'rest'));
    recorder(bin(), 1);
    expect(runHusky('commit-msg', block(0), `'${rest}' "$@"\n`, ['.git/COMMIT_EDITMSG'], '', { LEAKGATE: '0' }).status).toBe(0);
    expect(recorded(bin())).toBeUndefined();
    expect(recorded(rest)?.args).toEqual(['.git/COMMIT_EDITMSG']);
  });

  it('no leakgate in node_modules/.bin: exit 2 and run npm install, with the bypass', () => {
    rmSync(bin());
    const run = runHusky('pre-push', block(0), '', PUSH_ARGS, REFS);
    expect(run.stderr).toBe('leakgate: not installed in node_modules: run npm install (emergency: git push --no-verify)\n');
    expect(run.status).toBe(2);
  });
});

describe('install over a previous install, and uninstall', () => {
  const FIXTURES = join(__dirname, '..', 'fixtures', 'hooks');

  it('a plain hook written by the previous template is recognised, replaced, and uninstall removes the runner', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      const hooks = join(repo.dir, '.git', 'hooks');
      repo.write('.git/hooks/pre-commit', readFileSync(join(FIXTURES, 'plain-pre-commit-0.1.0.sh'), 'utf8'));
      chmodSync(join(hooks, 'pre-commit'), 0o755);
      const doctorBefore = repo.leakgate(['doctor']);
      expect(doctorBefore.stdout).toContain(
        '✖ pre-commit: .git/hooks/pre-commit was written by another version of leakgate (run leakgate install',
      );
      const install = repo.leakgate(['install']);
      expect(install.stdout).toContain('.git/hooks/pre-commit: leakgate pre-commit hook updated');
      expect(install.stdout).not.toContain('chained');
      expect(existsSync(join(hooks, 'pre-commit.leakgate-chained'))).toBe(false);
      expect(readFileSync(join(hooks, 'pre-commit'), 'utf8').split('\n')).toHaveLength(4);

      // A runner from another version: doctor says so and how to refresh it; install does.
      writeFileSync(join(hooks, 'leakgate-run.sh'), `${readFileSync(RUNNER, 'utf8')}# older\n`);
      const stale = repo.leakgate(['doctor']);
      expect(stale.stdout).toMatch(
        /✖ runner: \.git\/hooks\/leakgate-run\.sh differs from .*hooks\/run\.sh, the installed leakgate's \(run leakgate install to refresh it\)/,
      );
      expect(stale.status).toBe(1);
      expect(repo.leakgate(['install']).stdout).toContain(".git/hooks/leakgate-run.sh: the hooks' runner updated");
      expect(repo.leakgate(['doctor']).status).toBe(0);

      const uninstall = repo.leakgate(['uninstall']);
      expect(uninstall.stdout).toContain('.git/hooks/leakgate-run.sh: removed');
      for (const name of ['pre-commit', 'pre-push', 'commit-msg', 'leakgate-run.sh', 'leakgate-run.paths'])
        expect(existsSync(join(hooks, name))).toBe(false);
    } finally {
      repo.cleanup();
    }
  });

  it('a foreign hook is chained, never overwritten', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      const foreign = '#!/bin/sh\necho mine\n';
      repo.write('.git/hooks/pre-push', foreign);
      chmodSync(join(repo.dir, '.git', 'hooks', 'pre-push'), 0o755);
      expect(repo.leakgate(['install']).stdout).toContain('the existing hook moved to pre-push.leakgate-chained');
      expect(readFileSync(join(repo.dir, '.git', 'hooks', 'pre-push.leakgate-chained'), 'utf8')).toBe(foreign);
      repo.leakgate(['uninstall']);
      expect(readFileSync(join(repo.dir, '.git', 'hooks', 'pre-push'), 'utf8')).toBe(foreign);
    } finally {
      repo.cleanup();
    }
  });

  it('a husky block from the previous template becomes the one line; the rest of the file stays', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write('package.json', `${JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2)}\n`);
      repo.write('.husky/pre-push', `${readFileSync(join(FIXTURES, 'husky-pre-push-0.1.0.sh'), 'utf8')}npm test\n`);
      const install = repo.leakgate(['install']);
      expect(install.stdout).toContain('.husky/pre-push: leakgate block updated');
      expect(readFileSync(join(repo.dir, '.husky', 'pre-push'), 'utf8')).toBe(
        `${readFileSync(join(PACKAGE, 'hooks', 'husky-block.sh'), 'utf8').replace('@CHAIN@', '0')}npm test\n`,
      );
    } finally {
      repo.cleanup();
    }
  });
});
