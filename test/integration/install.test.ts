import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { cleanEnv, TempRepo, tempDir } from '../helpers/repo';

const tarball = process.env.LEAKGATE_TARBALL!;
const { apiKey, secretKey } = fakeMailjetPair('install');
const mailJs = `const Mailjet = require('node-mailjet');\nconst mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\n`;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd, env: cleanEnv(), encoding: 'utf8' });
}

function expectNoSecret(output: string): void {
  expect(output).not.toContain(apiKey);
  expect(output).not.toContain(secretKey);
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
    expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toContain('node_modules/.bin/leakgate pre-commit');
    expect(readFileSync(join(repo.dir, '.husky/pre-push'), 'utf8')).toContain('node_modules/.bin/leakgate pre-push "$@"');
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
  });

  it('is idempotent', () => {
    const before = readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8');
    const run = execFileSync('npx', ['--no-install', 'leakgate', 'install'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(run).toContain('already installed');
    expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe(before);
  });

  it('refuses a real git commit of a Mailjet key pair, printing neither key, HEAD and index unchanged', () => {
    repo.write('src/mail.js', mailJs);
    repo.git('add', 'src/mail.js');
    const before = repo.state();
    const commit = repo.gitResult(['commit', '-m', 'mail']);
    expect(commit.status).not.toBe(0);
    expect(commit.stderr + commit.stdout).toContain('mailjet-api-key-pair');
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

  it('the installed hook refuses a key after a NUL in a binary file and one near the end of a file over maxFileSize (judged in windows), never with a warning', () => {
    repo.write('.leakgate.json', JSON.stringify({ maxFileSize: '1KB' }));
    repo.write('assets/logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), Buffer.from(`\nMJ_APIKEY_PRIVATE=${secretKey}\n`)]));
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

      expect(leakgate(repo, 'install')).toContain('chained');
      expect(leakgate(repo, 'install')).toContain('already installed');
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit.leakgate-chained'), 'utf8')).toBe(original);

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

      leakgate(repo, 'uninstall');
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8')).toBe(original);
      expect(existsSync(join(repo.dir, '.git/hooks/pre-push'))).toBe(false);
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit.leakgate-chained'))).toBe(false);
    } finally {
      repo.cleanup();
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
