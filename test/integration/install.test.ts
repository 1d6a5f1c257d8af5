import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fakeGithubToken, fakeMailjetPair } from '../helpers/fakeSecrets';
import { cleanEnv, TempRepo, tempDir } from '../helpers/repo';

const tarball = process.env.LEAKGATE_TARBALL!;
const { apiKey, secretKey } = fakeMailjetPair('install');
const mailJs = `const Mailjet = require('node-mailjet');\nconst mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\n`;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
  });
}

function expectNoSecret(output: string): void {
  expect(output).not.toContain(apiKey);
  expect(output).not.toContain(secretKey);
}

const messageToken = fakeGithubToken('commit-message');

/** Through the installed commit-msg hook: a token in `-m` or `-F` is refused, a clean message passes. */
function expectCommitMsgHook(repo: TempRepo): void {
  repo.write('notes.txt', `${Date.now()}\n`);
  repo.git('add', 'notes.txt');
  const before = repo.state();
  const blocked = repo.gitResult(['commit', '-m', `Deploy with ${messageToken} for now`]);
  expect(blocked.status).not.toBe(0);
  expect(blocked.stderr).toContain('in the commit message');
  expect(blocked.stderr).toContain('github-pat-classic');
  expect(blocked.stderr).toContain('git commit -e -F .git/COMMIT_EDITMSG');
  expect(blocked.stderr).toContain('git commit --no-verify');
  expect(blocked.stdout + blocked.stderr).not.toContain(messageToken);
  expect(repo.state()).toEqual(before);

  const messageDir = tempDir('leakgate-message-');
  try {
    writeFileSync(join(messageDir, 'message.txt'), `Rotate keys\n\nold one was ${messageToken}\n`);
    const fromFile = repo.gitResult(['commit', '-F', join(messageDir, 'message.txt')]);
    expect(fromFile.status).not.toBe(0);
    expect(fromFile.stderr).toContain('(commit message):3:');
    expect(repo.state()).toEqual(before);
    writeFileSync(join(messageDir, 'message.txt'), 'Rotate keys\n\nThe token now comes from GITHUB_TOKEN.\n');
    expect(repo.gitResult(['commit', '-q', '-F', join(messageDir, 'message.txt')]).status).toBe(0);
  } finally {
    rmSync(messageDir, { recursive: true, force: true });
  }
  repo.write('notes.txt', `${Date.now()} 2\n`);
  repo.git('add', 'notes.txt');
  expect(repo.gitResult(['commit', '-q', '-m', 'Update notes']).status).toBe(0);
}

describe('install from the packed tarball into a repository with package.json (husky)', () => {
  let repo: TempRepo;
  const manifest = { name: 'app', version: '1.0.0', private: true, scripts: { test: 'echo ok' } };

  beforeAll(() => {
    repo = new TempRepo();
    repo.write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
    repo.write('.gitignore', 'node_modules/\n');
    repo.commitAll('init');
    npm(['install', '--save-dev', tarball], repo.dir);
  }, 180_000);
  afterAll(() => repo.cleanup());

  it('installs through husky and reports what it changed', () => {
    const run = execFileSync('npx', ['--no-install', 'leakgate', 'install'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(run).toContain('husky');
    const pkg = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8'));
    expect(pkg.devDependencies.husky).toMatch(/^\^9/);
    expect(pkg.devDependencies.leakgate).toContain('.tgz'); // npm's own entry is kept
    expect(pkg.scripts.prepare).toBe('husky');
    // Each .husky file sources the runner of the leakgate in node_modules: one line of leakgate's.
    for (const hook of ['pre-commit', 'pre-push', 'commit-msg']) {
      const lines = readFileSync(join(repo.dir, '.husky', hook), 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('#') && line !== '');
      expect(lines).toEqual(['leakgate_husky=1 leakgate_chain=0 . node_modules/leakgate/hooks/run.sh']);
    }
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
  });

  it('is idempotent', () => {
    const before = readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8');
    const run = execFileSync('npx', ['--no-install', 'leakgate', 'install'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(run).toContain('already installed');
    expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe(before);
  });

  it('doctor: all three hooks active through husky, running node_modules/.bin/leakgate', () => {
    const run = spawnSync('npx', ['--no-install', 'leakgate', 'doctor'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(run.stdout).toContain('git runs them from .husky/_ (core.hooksPath, husky)');
    for (const hook of ['pre-commit', 'pre-push', 'commit-msg']) expect(run.stdout).toContain(`✔ ${hook}: .husky/${hook} runs leakgate`);
    expect(run.stdout).toContain(`✔ leakgate: ${join(repo.dir, 'node_modules/.bin/leakgate')}`);
    expect(run.status).toBe(0);
    // HUSKY=0 switches every hook off: doctor says so.
    const off = spawnSync('npx', ['--no-install', 'leakgate', 'doctor'], {
      cwd: repo.dir,
      env: cleanEnv({ HUSKY: '0' }),
      encoding: 'utf8',
    });
    expect(off.stdout).toContain('HUSKY=0');
    expect(off.status).toBe(1);
  });

  it('refuses a real git commit of a Mailjet key pair, printing neither key, HEAD and index unchanged', () => {
    repo.write('src/mail.js', mailJs);
    repo.git('add', 'src/mail.js');
    const before = repo.state();
    const commit = repo.gitResult(['commit', '-m', 'mail']);
    expect(commit.status).not.toBe(0);
    expect(commit.stderr + commit.stdout).toContain('mailjet-api-key-pair');
    // A local install is not on PATH: the suggested command goes through npx.
    expect(commit.stderr).toContain('or run: npx leakgate ignore --last');
    expectNoSecret(commit.stdout + commit.stderr);
    expect(repo.state()).toEqual(before);
    repo.git('rm', '-q', '--cached', 'src/mail.js');
  });

  it('lets a clean commit through, and LEAKGATE=0 skips the check', () => {
    repo.write('src/ok.js', 'module.exports = process.env.MJ_APIKEY_PUBLIC;\n');
    repo.git('add', 'src/ok.js');
    expect(repo.gitResult(['commit', '-q', '-m', 'clean']).status).toBe(0);
    repo.write('src/mail.js', mailJs);
    repo.git('add', 'src/mail.js');
    expect(repo.gitResult(['commit', '-q', '-m', 'skip'], undefined, { LEAKGATE: '0' }).status).toBe(0);
  });

  it('refuses a commit message carrying a token (commit-msg hook)', () => {
    expectCommitMsgHook(repo);
  });

  it('the installed hook refuses a key after a NUL in a binary file and one near the end of a file over maxFileSize (judged in windows), never with a warning', () => {
    repo.write('.leakgate.json', JSON.stringify({ maxFileSize: '1KB' }));
    repo.write(
      'assets/logo.png',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), Buffer.from(`\nMJ_APIKEY_PRIVATE=${secretKey}\n`)]),
    );
    repo.write('logs/big.log', `${'plain words only\n'.repeat(5000)}MJ_APIKEY_PRIVATE=${secretKey}\n`);
    repo.git('add', '.leakgate.json', 'assets/logo.png', 'logs/big.log');
    const before = repo.state();
    const commit = repo.gitResult(['commit', '-m', 'assets']);
    expect(commit.status).not.toBe(0);
    expect(commit.stderr).toContain('assets/logo.png:2:19');
    expect(commit.stderr).toContain('logs/big.log:5001:19');
    expect(commit.stderr).not.toMatch(/warning/);
    expectNoSecret(commit.stdout + commit.stderr);
    expect(repo.state()).toEqual(before);
    repo.git('rm', '-q', '--cached', '.leakgate.json', 'assets/logo.png', 'logs/big.log');
    rmSync(join(repo.dir, '.leakgate.json'));
  });

  it('uninstalls exactly what it added', () => {
    const run = execFileSync('npx', ['--no-install', 'leakgate', 'uninstall'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(run).toContain('uninstall');
    const pkg = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8'));
    expect(pkg.scripts).toEqual(manifest.scripts);
    expect(pkg.devDependencies.husky).toBeUndefined();
    expect(pkg.devDependencies.leakgate).toContain('.tgz');
    expect(existsSync(join(repo.dir, '.husky'))).toBe(false);
    expect(repo.gitResult(['config', 'core.hooksPath']).status).not.toBe(0);
  });
});

describe('install from the packed tarball into a repository without package.json (git hooks)', () => {
  let prefix: string;
  let bin: string;

  beforeAll(() => {
    prefix = tempDir('leakgate-global-');
    npm(['install', '--global', '--prefix', prefix, tarball], prefix);
    bin = join(prefix, 'bin', 'leakgate');
  }, 180_000);
  afterAll(() => execFileSync('rm', ['-rf', prefix]));

  function leakgate(repo: TempRepo, ...args: string[]): string {
    return execFileSync(bin, args, { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
  }

  it('writes plain hooks, chains the hook that was there, and uninstall restores it', () => {
    const repo = new TempRepo();
    try {
      repo.write('app.py', 'print("hi")\n');
      repo.commitAll('init');
      const original = '#!/bin/sh\necho chained >> "$(git rev-parse --show-toplevel)/chained.log"\n';
      repo.write('.git/hooks/pre-commit', original);
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      const originalMsg = '#!/bin/sh\nhead -n1 "$1" >> "$(git rev-parse --show-toplevel)/chained-msg.log"\n';
      repo.write('.git/hooks/commit-msg', originalMsg);
      chmodSync(join(repo.dir, '.git/hooks/commit-msg'), 0o755);

      expect(leakgate(repo, 'install')).toContain('chained');
      expect(leakgate(repo, 'install')).toContain('already installed');
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit.leakgate-chained'), 'utf8')).toBe(original);
      expect(readFileSync(join(repo.dir, '.git/hooks/commit-msg.leakgate-chained'), 'utf8')).toBe(originalMsg);

      repo.write('settings.py', `MAILJET_API_KEY = "${apiKey}"\nMAILJET_SECRET_KEY = "${secretKey}"\n`);
      repo.git('add', 'settings.py');
      const blocked = repo.gitResult(['commit', '-m', 'settings']);
      expect(blocked.status).toBe(1);
      expect(blocked.stderr).toContain('os.environ["MJ_APIKEY_PUBLIC"]');
      expectNoSecret(blocked.stdout + blocked.stderr);
      expect(existsSync(join(repo.dir, 'chained.log'))).toBe(false);

      repo.git('rm', '-q', '--cached', 'settings.py');
      repo.write('clean.py', 'import os\nKEY = os.environ["MJ_APIKEY_PUBLIC"]\n');
      repo.git('add', 'clean.py');
      expect(repo.gitResult(['commit', '-q', '-m', 'clean']).status).toBe(0);
      expect(readFileSync(join(repo.dir, 'chained.log'), 'utf8')).toBe('chained\n');
      expect(readFileSync(join(repo.dir, 'chained-msg.log'), 'utf8')).toBe('clean\n');

      leakgate(repo, 'uninstall');
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8')).toBe(original);
      expect(readFileSync(join(repo.dir, '.git/hooks/commit-msg'), 'utf8')).toBe(originalMsg);
      expect(existsSync(join(repo.dir, '.git/hooks/pre-push'))).toBe(false);
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit.leakgate-chained'))).toBe(false);
    } finally {
      repo.cleanup();
    }
  });

  describe('never runs a leakgate from the work tree (a `git pull` can bring one)', () => {
    const token = fakeGithubToken('planted');
    let repo: TempRepo;
    let marker: string;

    /** A work-tree leakgate that would pass every commit, and leaves a marker when it runs. */
    function plantLeakgate(): void {
      repo.write('node_modules/.bin/leakgate', `#!/bin/sh\necho ran > '${marker}'\nexit 0\n`);
      chmodSync(join(repo.dir, 'node_modules/.bin/leakgate'), 0o755);
    }

    function stageToken(): void {
      repo.write('config.py', `GITHUB_TOKEN = "${token}"\n`);
      repo.git('add', 'config.py');
    }

    /** Installs from a copy of the global install, then deletes the copy: the recorded CLI is gone. */
    function installFromVanishedCopy(): void {
      const copy = tempDir('leakgate-gone-');
      execFileSync('cp', ['-R', `${prefix}/.`, copy]);
      execFileSync(join(copy, 'bin', 'leakgate'), ['install'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
      expect(readFileSync(join(repo.dir, '.git/hooks/leakgate-run.paths'), 'utf8')).toContain(`cli=${copy}`);
      rmSync(copy, { recursive: true, force: true });
    }

    beforeEach(() => {
      repo = TempRepo.withInitialCommit();
      marker = join(tempDir('leakgate-marker-'), 'planted-ran');
    });
    afterEach(() => {
      repo.cleanup();
      rmSync(dirname(marker), { recursive: true, force: true });
    });

    it('runs the recorded leakgate, not ./node_modules/.bin/leakgate', () => {
      leakgate(repo, 'install');
      plantLeakgate();
      stageToken();
      const commit = repo.gitResult(['commit', '-m', 'config']);
      expect(commit.stderr).toContain('github-pat-classic');
      expect(commit.status).toBe(1);
      expect(commit.stdout + commit.stderr).not.toContain(token);
      expect(existsSync(marker)).toBe(false);
    });

    it('does not run the leakgate install recorded when it lies inside the work tree, and install says so', () => {
      execFileSync('mkdir', ['-p', join(repo.dir, 'vendor')]);
      execFileSync('tar', ['-xzf', tarball, '-C', join(repo.dir, 'vendor')]);
      const cli = join(repo.dir, 'vendor/package/dist/leakgate.js');
      const install = execFileSync(process.execPath, [cli, 'install'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
      expect(install).toContain(`warning: this leakgate (${cli}) lies inside the work tree`);
      stageToken();
      const rest = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !existsSync(join(dir, 'leakgate')));
      const commit = repo.gitResult(['commit', '-m', 'config'], undefined, { PATH: rest.join(delimiter) });
      expect(commit.status).not.toBe(0);
      expect(commit.stderr).toContain('cannot find leakgate outside this work tree');
    });

    it('skips a work-tree leakgate on PATH (absolute entry) and runs the next one', () => {
      installFromVanishedCopy();
      plantLeakgate();
      stageToken();
      const path = [join(repo.dir, 'node_modules/.bin'), join(prefix, 'bin'), process.env.PATH].join(delimiter);
      const commit = repo.gitResult(['commit', '-m', 'config'], undefined, { PATH: path });
      expect(commit.stderr).toContain('github-pat-classic');
      expect(commit.status).toBe(1);
      expect(existsSync(marker)).toBe(false);
    });

    it('fails closed with how to install when the only leakgate left is in the work tree (relative PATH entry)', () => {
      installFromVanishedCopy();
      plantLeakgate();
      stageToken();
      // The test's own PATH minus any folder with a leakgate (npx puts this checkout's node_modules/.bin there).
      const rest = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !existsSync(join(dir, 'leakgate')));
      const path = ['node_modules/.bin', dirname(process.execPath), ...rest].join(delimiter);
      const before = repo.state();
      const commit = repo.gitResult(['commit', '-m', 'config'], undefined, { PATH: path });
      expect(commit.status).not.toBe(0); // git itself exits 1 when a hook fails, whatever its status
      expect(commit.stderr).toContain('cannot find leakgate outside this work tree');
      expect(commit.stderr).toContain('npm install -g leakgate');
      expect(commit.stderr).toContain('git commit --no-verify');
      expect(existsSync(marker)).toBe(false);
      expect(repo.state()).toEqual(before);
    });
  });

  it('refuses a commit message carrying a token (plain commit-msg hook), and ignore --last accepts it', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      leakgate(repo, 'install');
      expect(readFileSync(join(repo.dir, '.git/hooks/commit-msg'), 'utf8')).toContain('leakgate-managed');
      expectCommitMsgHook(repo);
      const blocked = repo.gitResult(['commit', '--allow-empty', '-m', `Use ${messageToken}`]);
      expect(blocked.status).not.toBe(0);
      leakgate(repo, 'ignore', '--last', '--all');
      expect(repo.gitResult(['commit', '-q', '--allow-empty', '-m', `Use ${messageToken}`]).status).toBe(0);
    } finally {
      repo.cleanup();
    }
  });

  it('judges the message as git commits it: comments of an edited message are dropped, of -m kept', () => {
    const repo = TempRepo.withInitialCommit();
    const editorDir = tempDir('leakgate-editor-');
    try {
      leakgate(repo, 'install');
      const editor = join(editorDir, 'editor.sh');
      writeFileSync(editor, `#!/bin/sh\nprintf '# was ${messageToken}\\n' >> "$1"\n`, { mode: 0o755 });
      const edited = repo.gitResult(['commit', '-q', '--allow-empty', '-e', '-m', 'Edited subject'], undefined, { GIT_EDITOR: editor });
      expect(edited.stderr).toBe('');
      expect(edited.status).toBe(0);
      expect(repo.git('log', '-1', '--format=%B')).not.toContain(messageToken);
      // Without an editor git keeps a line starting with #: it is judged.
      const kept = repo.gitResult(['commit', '--allow-empty', '-m', `# was ${messageToken}`]);
      expect(kept.status).not.toBe(0);
      expect(kept.stderr).toContain('github-pat-classic');
    } finally {
      repo.cleanup();
      rmSync(editorDir, { recursive: true, force: true });
    }
  });

  it('installs into core.hooksPath when it is set', () => {
    const repo = new TempRepo();
    try {
      repo.git('config', 'core.hooksPath', '.githooks');
      leakgate(repo, 'install');
      expect(readFileSync(join(repo.dir, '.githooks/pre-commit'), 'utf8')).toContain('leakgate-managed');
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
      repo.write('.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
      repo.git('add', '.env');
      expect(repo.gitResult(['commit', '-m', 'env']).status).toBe(1);
    } finally {
      repo.cleanup();
    }
  });
});
