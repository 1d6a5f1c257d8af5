import { chmodSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { CLI, cleanEnv, runCli, TempRepo, tempDir } from '../helpers/repo';
import { runCliUnprivileged } from '../helpers/unprivileged';

const { apiKey, secretKey } = fakeMailjetPair('scan');

describe('leakgate scan', () => {
  it('scans files and folders outside a repository, skipping .git and node_modules, JSON as documented', () => {
    const dir = tempDir();
    const repo = new TempRepo(dir, { init: false });
    repo.write('app/config/.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
    repo.write('app/node_modules/lib/.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
    repo.write('app/.git/config.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
    repo.write('app/src/ok.js', 'module.exports = 1;\n');
    repo.write('single.js', `const mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\n`);
    try {
      const run = runCli(['scan', 'app', './single.js', '--format', 'json'], { cwd: dir });
      expect(run.status).toBe(1);
      const report = JSON.parse(run.stdout);
      expect(report.findings).toHaveLength(2);
      const [envFinding, pairFinding] = report.findings;
      expect(Object.keys(envFinding).sort()).toEqual(
        ['column', 'description', 'file', 'fingerprint', 'line', 'provider', 'redacted', 'rule', 'severity'].sort(),
      );
      expect(envFinding).toMatchObject({ rule: 'mailjet-secret-key', provider: 'Mailjet', file: 'app/config/.env', line: 1, column: 19 });
      expect(envFinding.redacted).toBe(`${secretKey.slice(0, 4)}…`);
      expect(pairFinding).toMatchObject({ rule: 'mailjet-api-key-pair', file: './single.js', line: 1 });
      expect(report.scanned.files).toBe(3);
      expect(report.skipped).toEqual([]);
      expect(run.stdout).not.toContain(secretKey);
      expect(run.stdout).not.toContain(apiKey);
    } finally {
      repo.cleanup();
    }
  });

  it('defaults to the tracked files of the repository and exits 0 when clean', () => {
    const repo = new TempRepo();
    try {
      repo.write('tracked.js', 'module.exports = process.env.MJ_APIKEY_PRIVATE;\n');
      repo.commitAll('init');
      repo.write('untracked.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
      const clean = repo.leakgate(['scan']);
      expect(clean.status).toBe(0);
      expect(clean.stdout).toContain('no secrets in 1 file');
      repo.git('add', 'untracked.env');
      const dirty = repo.leakgate(['scan']);
      expect(dirty.status).toBe(1);
      expect(dirty.stdout).toContain('untracked.env:1:19');
      expect(dirty.stdout).toContain('Remove it from the file');
      expect(dirty.stdout).not.toContain(secretKey);
    } finally {
      repo.cleanup();
    }
  });

  it('a tracked file replaced by a named pipe does not hang the scan; the other files are still judged', () => {
    const repo = new TempRepo();
    try {
      repo.write('pipe.txt', 'plain\n');
      repo.write('leak.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
      repo.commitAll('init');
      rmSync(join(repo.dir, 'pipe.txt'));
      expect(spawnSync('mkfifo', [join(repo.dir, 'pipe.txt')]).status).toBe(0);
      const run = spawnSync(process.execPath, [CLI, 'scan'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8', timeout: 30_000 });
      expect(run.error).toBeUndefined(); // no wait for a writer that never comes
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('leak.env:1:19');
    } finally {
      repo.cleanup();
    }
  });

  it('judges a file over maxFileSize in windows and a binary file by its printable text: nothing is skipped', () => {
    const repo = new TempRepo();
    try {
      repo.write('.leakgate.json', JSON.stringify({ maxFileSize: '1KB' }));
      repo.write('big.txt', `${'a'.repeat(2000)}\nMJ_APIKEY_PRIVATE=${secretKey}\n`);
      repo.write('blob.bin', Buffer.from([0, 1, 2, 3]));
      const run = repo.leakgate(['scan', '.', '--format', 'json']);
      expect(run.status).toBe(1);
      const report = JSON.parse(run.stdout);
      expect(report.findings.map((f: { file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column}`)).toEqual([
        'big.txt:2:19',
      ]);
      expect(report.skipped).toEqual([]);
      expect(run.stderr).toBe('');
    } finally {
      repo.cleanup();
    }
  });

  it('a file or folder it cannot read (EACCES) stops the scan with exit 2 naming it, never a pass (as root: run as the unprivileged user .ci/run creates)', () => {
    const repo = new TempRepo();
    try {
      repo.write('ok.txt', 'clean\n');
      repo.write('locked.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
      repo.write('closed/inner.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
      repo.commitAll('files');
      chmodSync(join(repo.dir, 'locked.env'), 0o000);
      const file = runCliUnprivileged(repo, ['scan']);
      expect(file.status).toBe(2);
      expect(file.stdout).toBe('');
      expect(file.stderr).toMatch(/^leakgate: locked\.env cannot be read \(EACCES\), so leakgate cannot judge it/);
      chmodSync(join(repo.dir, 'locked.env'), 0o644);
      repo.write('locked.env', 'clean now\n');
      chmodSync(join(repo.dir, 'closed'), 0o000);
      const folder = runCliUnprivileged(repo, ['scan', '.', '--format', 'json']);
      expect(folder.status).toBe(2);
      expect(folder.stderr).toMatch(/^leakgate: closed cannot be read \(EACCES\)/);
      chmodSync(join(repo.dir, 'closed'), 0o755);
    } finally {
      repo.cleanup();
    }
  });

  it('decodes UTF-16 files with a BOM and writes --output files', () => {
    const repo = new TempRepo();
    try {
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`MJ_APIKEY_PRIVATE=${secretKey}\r\n`, 'utf16le')]);
      repo.write('win.env', utf16);
      mkdirSync(join(repo.dir, 'out'));
      const run = repo.leakgate(['scan', 'win.env', '--format', 'json', '--output', 'out/report.json']);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      const report = JSON.parse(readFileSync(join(repo.dir, 'out/report.json'), 'utf8'));
      expect(report.findings[0]).toMatchObject({ rule: 'mailjet-secret-key', line: 1, column: 19 });
    } finally {
      repo.cleanup();
    }
  });

  it('fails with exit 2 on a missing path or a bad format', () => {
    const dir = tempDir();
    expect(runCli(['scan', 'nope'], { cwd: dir }).status).toBe(2);
    const bad = runCli(['scan', '--format', 'xml'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--format must be');
  });
});

describe('leakgate rules / explain / ignore', () => {
  it('lists rules and explains one', () => {
    const dir = tempDir();
    const list = runCli(['rules'], { cwd: dir });
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('mailjet-api-key');
    const explain = runCli(['explain', 'mailjet-api-key-pair'], { cwd: dir });
    expect(explain.status).toBe(0);
    expect(explain.stdout).toContain('MJ_APIKEY_PUBLIC');
    expect(explain.stdout).toContain('app.mailjet.com/account/apikeys');
    expect(runCli(['explain', 'nope'], { cwd: dir }).status).toBe(2);
  });

  it('ignore --last allowlists the findings of the last blocked run, kept under .git', () => {
    const repo = new TempRepo();
    try {
      repo.write('.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
      repo.git('add', '.env');
      expect(repo.leakgate(['pre-commit']).status).toBe(1);
      expect(readFileSync(join(repo.dir, '.git/leakgate/last-run.json'), 'utf8')).not.toContain(secretKey);
      const ignored = repo.leakgate(['ignore', '--last', '--all']);
      expect(ignored.status).toBe(0);
      expect(ignored.stdout).toContain('added 1 fingerprint');
      const config = JSON.parse(readFileSync(join(repo.dir, '.leakgate.json'), 'utf8'));
      expect(config.allowlist.fingerprints).toHaveLength(1);
      expect(JSON.stringify(config)).not.toContain(secretKey);
      expect(repo.leakgate(['pre-commit']).status).toBe(0);
      expect(repo.leakgate(['ignore', 'not-a-fingerprint']).status).toBe(2);
    } finally {
      repo.cleanup();
    }
  });
});
