import { chmodSync, existsSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fakeHex, fakeMailjetPair } from '../helpers/fakeSecrets';
import { TempRepo, cleanEnv, tempDir, listFiles } from '../helpers/repo';
import { installHooks } from '../helpers/installedHook';
import { MAX_WINDOW } from '../../src/sources/windows';

/**
 * Hostile input for the pre-commit hook: unusual kinds of commits, unusual changes, unusual file
 * contents and file names, unusual places for the repository. Every case asserts the verdict
 * (exit code, and path:line for a refusal) and, when leakgate blocks, that nothing moved.
 */

const { secretKey } = fakeMailjetPair('hostile-precommit');
/** A `mailjet-secret-key` finding at column 19 of whatever line it is on. */
const SECRET_LINE = `MJ_APIKEY_PRIVATE=${secretKey}`;
const envWithSecretOnLine2 = `A=1\n${SECRET_LINE}\n`;

interface Snapshot {
  state: ReturnType<TempRepo['state']>;
  files: string[];
}

function snapshot(repo: TempRepo): Snapshot {
  const files = listFiles(repo.dir);
  return { state: repo.state(), files };
}

/** HEAD, index, work tree status and stash as before; no temporary file left anywhere. */
function expectUnchanged(repo: TempRepo, before: Snapshot): void {
  const files = listFiles(repo.dir);
  expect(files.filter((file) => /\.(tmp|lock)$|next-index|leakgate.*\.tmp/.test(file))).toEqual([]);
  expect(files).toEqual(before.files);
  expect(repo.state()).toEqual(before.state);
}

function commitClean(repo: TempRepo, path: string, content: string, message = 'clean'): void {
  repo.write(path, content);
  repo.git('add', '--', path);
  repo.git('commit', '-q', '--no-verify', '-m', message);
}

/** The report's "take it out of this commit" command (quoted paths may span lines). */
function fixCommand(stderr: string): string {
  const match = /git (?:restore --staged|rm --cached) -- (?:"\$\(printf '(?:[^']|'\\'')*'\)"|'(?:[^']|'\\'')*'|\S+)/.exec(stderr);
  if (!match) throw new Error(`no fix command in:\n${stderr}`);
  return match[0];
}

describe('hostile pre-commit: kinds of commit, through a real .git/hooks/pre-commit', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
    installHooks(repo);
  });
  afterEach(() => repo.cleanup());

  const base = () => commitClean(repo, 'README.md', '# app\n', 'init');

  it('first commit (no HEAD): a staged secret is refused at .env:2:19, HEAD stays unborn; a clean first commit passes', () => {
    repo.write('.env', envWithSecretOnLine2);
    repo.git('add', '.env');
    const before = snapshot(repo);
    const commit = repo.gitResult(['commit', '-m', 'first']);
    expect(commit.status).toBe(1);
    expect(commit.stderr).toContain('.env:2:19');
    expect(commit.stderr).toContain('git rm --cached -- .env');
    expectUnchanged(repo, before);
    expect(repo.head()).toBeUndefined();
    repo.git('rm', '-q', '--cached', '.env');
    repo.write('README.md', '# app\n');
    repo.git('add', 'README.md');
    expect(repo.gitResult(['commit', '-q', '-m', 'first']).status).toBe(0);
    expect(repo.head()).toBeDefined();
  });

  it('detached HEAD: a staged secret is refused at its path:line; a clean change passes', () => {
    base();
    repo.git('checkout', '-q', '--detach');
    repo.write('conf/app.env', envWithSecretOnLine2);
    repo.git('add', '.');
    const before = snapshot(repo);
    const commit = repo.gitResult(['commit', '-m', 'detached']);
    expect(commit.status).toBe(1);
    expect(commit.stderr).toContain('conf/app.env:2:19');
    expectUnchanged(repo, before);
    repo.git('rm', '-q', '--cached', 'conf/app.env');
    repo.write('ok.txt', 'fine\n');
    repo.git('add', 'ok.txt');
    expect(repo.gitResult(['commit', '-q', '-m', 'clean']).status).toBe(0);
  });

  it('an empty commit (git commit --allow-empty) passes through the hook', () => {
    base();
    const head = repo.head();
    const commit = repo.gitResult(['commit', '-q', '--allow-empty', '-m', 'empty']);
    expect(commit.stderr).toBe('');
    expect(commit.status).toBe(0);
    expect(repo.head()).not.toBe(head);
  });

  it('git commit --amend that adds a secret is refused; HEAD stays the old commit', () => {
    base();
    repo.write('.env', envWithSecretOnLine2);
    repo.git('add', '.env');
    const before = snapshot(repo);
    const commit = repo.gitResult(['commit', '--amend', '-m', 'init, amended']);
    expect(commit.status).toBe(1);
    expect(commit.stderr).toContain('.env:2:19');
    expectUnchanged(repo, before);
  });

  it('git commit --amend changing only the message passes', () => {
    base();
    const head = repo.head();
    const commit = repo.gitResult(['commit', '-q', '--amend', '-m', 'better message']);
    expect(commit.status).toBe(0);
    expect(repo.head()).not.toBe(head);
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('better message');
  });

  it("git commit -a with a tracked file modified to hold a secret is refused (the hook judges git's temporary index)", () => {
    base();
    commitClean(repo, 'config.env', 'A=1\n');
    repo.write('config.env', envWithSecretOnLine2);
    const before = snapshot(repo);
    const commit = repo.gitResult(['commit', '-a', '-m', 'all']);
    expect(commit.status).toBe(1);
    expect(commit.stderr).toContain('config.env:2:19');
    expectUnchanged(repo, before);
  });

  it('git commit <path> commits only <path> as in the work tree: a secret staged in ANOTHER file is not part of it, so it passes', () => {
    base();
    commitClean(repo, 'a.txt', 'one\n');
    repo.write('other.env', envWithSecretOnLine2);
    repo.git('add', 'other.env');
    repo.write('a.txt', 'one\ntwo\n');
    const commit = repo.gitResult(['commit', '-m', 'only a', '--', 'a.txt']);
    expect(commit.stderr).not.toContain('other.env');
    expect(commit.status).toBe(0);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('a.txt');
    // The other staged file is still staged, not committed.
    expect(repo.git('status', '--porcelain').trim()).toBe('A  other.env');
  });

  it('git commit <path> is refused when <path> holds a secret in the work tree, even though its staged version is clean', () => {
    base();
    commitClean(repo, 'a.env', 'A=1\n');
    repo.write('a.env', 'A=2\n');
    repo.git('add', 'a.env');
    repo.write('a.env', envWithSecretOnLine2);
    const before = snapshot(repo);
    const commit = repo.gitResult(['commit', '-m', 'only a', '--', 'a.env']);
    expect(commit.status).toBe(1);
    expect(commit.stderr).toContain('a.env:2:19');
    expectUnchanged(repo, before);
  });

  it('a merge commit whose conflict resolution adds a secret is refused (the merge stays in progress); a clean resolution passes', () => {
    base();
    commitClean(repo, 'config.js', 'module.exports = { a: 1 };\n');
    repo.git('checkout', '-q', '-b', 'side');
    commitClean(repo, 'config.js', 'module.exports = { a: 2 };\n', 'side');
    repo.git('checkout', '-q', 'main');
    commitClean(repo, 'config.js', 'module.exports = { a: 3 };\n', 'main');
    expect(repo.gitResult(['merge', 'side']).status).not.toBe(0);
    repo.write('config.js', `module.exports = { a: 4 };\nconst MJ_APIKEY_PRIVATE = '${secretKey}';\n`);
    repo.git('add', 'config.js');
    const before = snapshot(repo);
    const commit = repo.gitResult(['commit', '--no-edit']);
    expect(commit.status).toBe(1);
    expect(commit.stderr).toContain('config.js:2:');
    expect(commit.stderr).toContain('mailjet-secret-key');
    expectUnchanged(repo, before);
    expect(existsSync(join(repo.dir, '.git/MERGE_HEAD'))).toBe(true);
    repo.write('config.js', 'module.exports = { a: 4 };\n');
    repo.git('add', 'config.js');
    expect(repo.gitResult(['commit', '-q', '--no-edit']).status).toBe(0);
    expect(repo.git('rev-list', '--parents', '-n', '1', 'HEAD').trim().split(' ')).toHaveLength(3);
  });

  /** A side branch with a commit that adds a secret (made with --no-verify), back on main. */
  function sideCommitWithSecret(): string {
    base();
    repo.git('checkout', '-q', '-b', 'side');
    commitClean(repo, 'leak.env', envWithSecretOnLine2, 'leak');
    const sha = repo.head()!;
    repo.git('checkout', '-q', 'main');
    return sha;
  }

  it("git cherry-pick runs NO pre-commit hook (git's behaviour): a commit carrying a secret is picked unchecked, pre-push is the net", () => {
    const sha = sideCommitWithSecret();
    const head = repo.head();
    const pick = repo.gitResult(['cherry-pick', sha]);
    expect(pick.status).toBe(0);
    expect(pick.stderr).not.toContain('leakgate');
    expect(repo.head()).not.toBe(head);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('leak.env');
  });

  it('git cherry-pick -n of a commit carrying a secret leaves it staged: leakgate pre-commit refuses it at leak.env:2:19, and so does the commit', () => {
    const sha = sideCommitWithSecret();
    repo.git('cherry-pick', '-n', sha);
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('leak.env:2:19');
    expectUnchanged(repo, before);
    const commit = repo.gitResult(['commit', '-m', 'picked']);
    expect(commit.status).toBe(1);
    expect(commit.stderr).toContain('leak.env:2:19');
    expectUnchanged(repo, before);
  });

  it('a cherry-pick that conflicts, resolved with a secret and finished with git commit, runs the hook and is refused', () => {
    base();
    commitClean(repo, 'c.js', 'x = 1;\n');
    repo.git('checkout', '-q', '-b', 'side');
    commitClean(repo, 'c.js', 'x = 2;\n', 'side');
    const sha = repo.head()!;
    repo.git('checkout', '-q', 'main');
    commitClean(repo, 'c.js', 'x = 3;\n', 'main');
    expect(repo.gitResult(['cherry-pick', sha]).status).not.toBe(0);
    repo.write('c.js', `x = 4;\nconst MJ_APIKEY_PRIVATE = "${secretKey}";\n`);
    repo.git('add', 'c.js');
    const before = snapshot(repo);
    const commit = repo.gitResult(['commit', '--no-edit']);
    expect(commit.status).toBe(1);
    expect(commit.stderr).toContain('c.js:2:');
    expectUnchanged(repo, before);
  });

  it("git revert runs NO pre-commit hook (git's behaviour): reverting the removal of a secret re-adds it unchecked", () => {
    base();
    commitClean(repo, 'leak.env', envWithSecretOnLine2, 'leak');
    repo.git('rm', '-q', 'leak.env');
    repo.git('commit', '-q', '--no-verify', '-m', 'remove leak');
    const revert = repo.gitResult(['revert', '--no-edit', 'HEAD']);
    expect(revert.status).toBe(0);
    expect(revert.stderr).not.toContain('leakgate');
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('leak.env');
  });

  it('git revert -n of the commit that removed a secret re-stages it: leakgate pre-commit refuses it at leak.env:2:19', () => {
    base();
    commitClean(repo, 'leak.env', envWithSecretOnLine2, 'leak');
    repo.git('rm', '-q', 'leak.env');
    repo.git('commit', '-q', '--no-verify', '-m', 'remove leak');
    repo.git('revert', '-n', 'HEAD');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('leak.env:2:19');
    expectUnchanged(repo, before);
  });

  it('git revert -n of the commit that added a secret (a deletion) passes leakgate pre-commit', () => {
    base();
    commitClean(repo, 'leak.env', envWithSecretOnLine2, 'leak');
    repo.git('revert', '-n', 'HEAD');
    const run = repo.leakgate(['pre-commit']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

/** One repository per describe, put back to its first commit before each case. */
function sharedRepo(): () => TempRepo {
  let repo: TempRepo;
  let base: string;
  beforeAll(() => {
    repo = new TempRepo();
    commitClean(repo, 'README.md', '# app\n', 'init');
    base = repo.head()!;
  });
  afterAll(() => repo.cleanup());
  beforeEach(() => {
    repo.git('reset', '-q', '--hard', base);
    repo.git('clean', '-q', '-ffdx');
  });
  return () => repo;
}

describe('hostile pre-commit: what a change can be', () => {
  const current = sharedRepo();
  let repo: TempRepo;
  beforeEach(() => {
    repo = current();
  });

  const tenLines = Array.from({ length: 10 }, (_, i) => `line ${i + 1} = ${i + 1}`).join('\n') + '\n';

  it('a file renamed (mv + git add -A) and given a secret is reported under its new path only', () => {
    commitClean(repo, 'old/settings.env', tenLines);
    rmSync(join(repo.dir, 'old/settings.env'));
    repo.write('new/settings.env', `${tenLines}${SECRET_LINE}\n`);
    repo.git('add', '-A');
    expect(repo.git('status', '--porcelain')).toContain('R  old/settings.env -> new/settings.env');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('new/settings.env:11:19');
    expect(run.stderr).not.toContain('old/settings.env');
    expectUnchanged(repo, before);
  });

  it('git mv + edit: the secret is reported under the new path with its line in the new file', () => {
    commitClean(repo, 'a.env', tenLines);
    repo.git('mv', 'a.env', 'b.env');
    repo.write('b.env', tenLines.replace('line 5 = 5\n', `line 5 = 5\n${SECRET_LINE}\n`));
    repo.git('add', 'b.env');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('b.env:6:19');
    expect(run.stderr).not.toContain('a.env');
    expectUnchanged(repo, before);
  });

  it("a copied file given a secret is reported under the copy's path", () => {
    commitClean(repo, 'src.env', tenLines);
    repo.write('copy.env', `${tenLines}${SECRET_LINE}\n`);
    repo.git('add', 'copy.env');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('copy.env:11:19');
    expect(run.stderr).not.toContain('src.env');
    expectUnchanged(repo, before);
  });

  it('a mode-only change (chmod +x) of a file that already holds a committed secret passes', () => {
    commitClean(repo, 'run.sh', `#!/bin/sh\n${SECRET_LINE}\n`);
    chmodSync(join(repo.dir, 'run.sh'), 0o755);
    repo.git('add', 'run.sh');
    expect(repo.git('diff', '--cached', '--raw')).toContain('100644 100755');
    const run = repo.leakgate(['pre-commit']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('deleting a file that holds a committed secret passes', () => {
    commitClean(repo, 'leak.env', envWithSecretOnLine2);
    repo.git('rm', '-q', 'leak.env');
    const run = repo.leakgate(['pre-commit']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('a symlink to a file OUTSIDE the repository that holds a secret passes: the target is not followed', () => {
    const outside = tempDir('leakgate-outside-');
    try {
      writeFileSync(join(outside, 'secret.env'), envWithSecretOnLine2);
      symlinkSync(join(outside, 'secret.env'), join(repo.dir, 'linked.env'));
      repo.git('add', 'linked.env');
      expect(repo.git('ls-files', '-s', 'linked.env')).toMatch(/^120000 /);
      const run = repo.leakgate(['pre-commit']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a symlink whose target text is itself a secret is refused: git stores the target text as the blob', () => {
    symlinkSync(SECRET_LINE, join(repo.dir, 'weird.env'));
    repo.git('add', 'weird.env');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('weird.env:1:19');
    expectUnchanged(repo, before);
  });

  it("a submodule added and its pointer moved pass, even when the submodule's own history holds a secret", () => {
    const sub = new TempRepo();
    try {
      commitClean(sub, 'README.md', '# sub\n', 'sub init');
      repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendor/sub');
      const added = repo.leakgate(['pre-commit']);
      expect(added.stderr).toBe('');
      expect(added.status).toBe(0);
      repo.git('commit', '-q', '--no-verify', '-m', 'add submodule');
      commitClean(sub, 'leak.env', envWithSecretOnLine2, 'sub leak');
      const inner = new TempRepo(join(repo.dir, 'vendor/sub'), { init: false });
      inner.git('-c', 'protocol.file.allow=always', 'pull', '-q', 'origin', 'main');
      repo.git('add', 'vendor/sub');
      expect(repo.git('diff', '--cached', '--raw')).toMatch(/^:160000 160000 /);
      const moved = repo.leakgate(['pre-commit']);
      expect(moved.stderr).toBe('');
      expect(moved.status).toBe(0);
    } finally {
      sub.cleanup();
    }
  });

  it('a text file marked `binary` in .gitattributes holding a secret: git calls it binary, leakgate reads the text and refuses it at secrets.env:2:19', () => {
    repo.write('.gitattributes', 'secrets.env binary\n');
    repo.write('secrets.env', envWithSecretOnLine2);
    repo.git('add', '.');
    expect(repo.git('diff', '--cached', '--numstat', '--', 'secrets.env')).toMatch(/^-\t-\t/); // git's own verdict: binary
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('secrets.env:2:19');
    expectUnchanged(repo, before);
    const json = JSON.parse(repo.leakgate(['scan', '--staged', '--format', 'json']).stdout);
    expect(json.findings).toEqual([expect.objectContaining({ file: 'secrets.env', line: 2, column: 19 })]);
    expect(json.skipped).toEqual([]);
  });

  it('a Git LFS pointer file passes', () => {
    repo.write('.gitattributes', '*.bin filter=lfs diff=lfs merge=lfs -text\n');
    repo.write('model.bin', `version https://git-lfs.github.com/spec/v1\noid sha256:${fakeHex('lfs-oid', 64)}\nsize 123\n`);
    repo.git('add', '.');
    const run = repo.leakgate(['pre-commit']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('hostile pre-commit: file contents', () => {
  const current = sharedRepo();
  let repo: TempRepo;
  beforeEach(() => {
    repo = current();
  });

  it('a binary file holding a secret after a NUL is refused at blob.dat:2:19 (its printable text is judged), by pre-commit and scan --staged', () => {
    repo.write('blob.dat', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), Buffer.from(`\n${SECRET_LINE}\n`)]));
    repo.git('add', 'blob.dat');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('blob.dat:2:19 ');
    expect(run.stderr).not.toContain(secretKey);
    expectUnchanged(repo, before);
    const json = repo.leakgate(['scan', '--staged', '--format', 'json']);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.findings.map((f: { file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column}`)).toEqual([
      'blob.dat:2:19',
    ]);
    expect(report.skipped).toEqual([]);
  });

  it('a 50 MB text file (over the default 10 MB maxFileSize) is judged in windows: a secret straddling a window edge and one near the end are each refused once at their line:column, by pre-commit, scan and scan --history', () => {
    const other = `MJ_APIKEY_PRIVATE=${fakeMailjetPair('window-edge').secretKey}`;
    const line = 'lorem ipsum dolor sit amet, consectetur adipiscing elit\n';
    // The first window ends at MAX_WINDOW characters: the straddling secret's line starts 30 before it.
    const fillerLines = Math.floor((MAX_WINDOW - 30) / line.length) - 1;
    const pad = 'p'.repeat(MAX_WINDOW - 30 - fillerLines * line.length - 1) + '\n';
    const head = line.repeat(fillerLines) + pad;
    expect(head.length).toBe(MAX_WINDOW - 30);
    const straddleLine = fillerLines + 2;
    const tailLines = Math.ceil((50 * 1024 * 1024 - head.length) / line.length);
    const text = `${head}${other}\n${line.repeat(tailLines)}${SECRET_LINE}\n${line.repeat(3)}`;
    const endLine = straddleLine + tailLines + 1;
    repo.write('logs/huge log.txt', text);
    repo.git('add', '.');
    const places = [`logs/huge log.txt:${straddleLine}:19`, `logs/huge log.txt:${endLine}:19`];
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    for (const place of places) expect(run.stderr.split(`${place} `).length).toBe(2); // exactly once
    expect(run.stderr).toContain('2 secrets in the staged changes');
    expect(run.stderr).not.toMatch(/warning/);
    expectUnchanged(repo, before);
    const located = (stdout: string) =>
      (JSON.parse(stdout) as { findings: { file: string; line: number; column: number }[] }).findings
        .map((f) => `${f.file}:${f.line}:${f.column}`)
        .sort();
    const scan = repo.leakgate(['scan', 'logs', '--format', 'json']);
    expect(scan.status).toBe(1);
    expect(located(scan.stdout)).toEqual([...places].sort());
    repo.git('commit', '-q', '--no-verify', '-m', 'huge');
    const history = repo.leakgate(['scan', '--history', '--format', 'json']);
    expect(history.status).toBe(1);
    expect(located(history.stdout)).toEqual([...places].sort());
  });

  it('a file over maxFileSize with a line longer than a window can hold: pre-commit and scan exit 2 naming it (never cut a secret in two, never pass)', () => {
    repo.write('.leakgate.json', JSON.stringify({ maxFileSize: '1KB' }));
    repo.write('data/one-line.min.js', `a=1\n${'x'.repeat(MAX_WINDOW + 10)} ${SECRET_LINE}\n`);
    repo.git('add', '.');
    const before = snapshot(repo);
    for (const args of [['pre-commit'], ['scan', 'data']]) {
      const run = repo.leakgate(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^leakgate: data\/one-line\.min\.js has a line longer than .*raise maxFileSize/);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
    expectUnchanged(repo, before);
  });

  it('a single 10 MB line with a secret near its end is refused at line 1 with the right column, and the report line is cut short', () => {
    const prefix = 'x'.repeat(9_999_000) + ' ';
    const text = `${prefix}${SECRET_LINE} ${'y'.repeat(500)}\n`;
    expect(text.length).toBeLessThan(10 * 1024 * 1024);
    repo.write('one-line.txt', text);
    repo.git('add', '.');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    const column = prefix.length + 'MJ_APIKEY_PRIVATE='.length + 1;
    expect(run.stderr).toContain(`one-line.txt:1:${column} `);
    expect(Math.max(...run.stderr.split('\n').map((l) => l.length))).toBeLessThan(300);
    expectUnchanged(repo, before);
  });

  it('invalid UTF-8 bytes around a secret line: refused at the right line', () => {
    repo.write(
      'mixed.env',
      Buffer.concat([
        Buffer.from('A=1\n'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x0a]), // line 2: invalid bytes
        Buffer.from([0x42, 0x3d, 0xe2, 0x82, 0x0a]), // line 3: a truncated sequence
        Buffer.from(`${SECRET_LINE}\n`), // line 4
        Buffer.from([0xc0, 0x80, 0xed, 0xa0, 0x80, 0x0a]), // line 5: overlong and surrogate encodings
      ]),
    );
    repo.git('add', '.');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('mixed.env:4:19');
    expectUnchanged(repo, before);
  });

  it('UTF-16LE with a BOM: `leakgate scan <file>` and the staged pre-commit both refuse it at utf16.env:2:19', () => {
    repo.write('utf16.env', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`A=1\n${SECRET_LINE}\n`, 'utf16le')]));
    const beforeScan = snapshot(repo);
    const scan = repo.leakgate(['scan', 'utf16.env', '--format', 'json']);
    expect(scan.status).toBe(1);
    expect(JSON.parse(scan.stdout).findings).toEqual([
      expect.objectContaining({ file: 'utf16.env', line: 2, column: 19, rule: 'mailjet-secret-key' }),
    ]);
    expectUnchanged(repo, beforeScan);
    repo.git('add', 'utf16.env');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('utf16.env:2:19');
    expectUnchanged(repo, before);
  });

  it('CRLF line endings: line and column are right and no carriage return leaks into the report', () => {
    repo.write('win.env', `A=1\r\nB=2\r\n${SECRET_LINE}\r\nC=3\r\n`);
    repo.git('add', '.');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('win.env:3:19');
    expect(run.stderr).not.toContain('\r');
    expectUnchanged(repo, before);
  });

  it('minified JavaScript: a secret in the middle of one 100 KB line is refused at line 1, right column, report line cut short', () => {
    const left = 'var a=function(){return 1};'.repeat(2000);
    const needle = `var cfg={MJ_APIKEY_PRIVATE:"${secretKey}"};`;
    const right = 'function b(c){return c*2}'.repeat(2000);
    const line = `${left}${needle}${right}`;
    expect(line.length).toBeGreaterThan(100_000);
    repo.write('dist/app.min.js', line);
    repo.git('add', '.');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    const column = line.indexOf(secretKey) + 1;
    expect(run.stderr).toContain(`dist/app.min.js:1:${column} `);
    const longest = Math.max(...run.stderr.split('\n').map((l) => l.length));
    expect(longest).toBeLessThan(300);
    expect(run.stderr).toMatch(/1 │ …[^\n]*MJ_APIKEY_PRIVATE:"[0-9a-f]{1,4}…[^\n]*…\n/);
    expectUnchanged(repo, before);
    const json = JSON.parse(repo.leakgate(['scan', '--staged', '--format', 'json']).stdout);
    expect(json.findings).toContainEqual(expect.objectContaining({ rule: 'mailjet-secret-key', file: 'dist/app.min.js', line: 1, column }));
  });
});

describe('hostile pre-commit: file names', () => {
  const current = sharedRepo();
  let repo: TempRepo;
  beforeEach(() => {
    repo = current();
  });

  it.each([
    ['spaces', 'my secrets/dev config.env'],
    ['quotes', `it's "quoted".env`],
    ['a newline', 'new\nline.env'],
    ['unicode', 'dé jà/ñ.env'],
    ['a leading dash', '-rf.env'],
    ['a tab and a backslash', 'tab\there\\back.env'],
  ])(
    'a file name with %s: refused at name:2:19 (JSON exact for control characters) and the printed fix command unstages it',
    (_label, name) => {
      repo.write(name, envWithSecretOnLine2);
      repo.git('add', '--', name);
      const before = snapshot(repo);
      const run = repo.leakgate(['pre-commit']);
      expect(run.status).toBe(1);
      // A newline or tab in a name is shown escaped: raw, it could forge report lines.
      expect(run.stderr).toContain(`${name.replace(/\n/g, '\\x0a').replace(/\t/g, '\\x09')}:2:19`);
      expectUnchanged(repo, before);
      if (/[\n\t\\]/.test(name)) {
        // Control characters and backslashes: the JSON report carries the exact name too.
        const json = JSON.parse(repo.leakgate(['scan', '--staged', '--format', 'json']).stdout);
        expect(json.findings).toEqual([expect.objectContaining({ file: name, line: 2, column: 19 })]);
      }
      // The fix the report prints is a working shell command for this very name.
      const fix = spawnSync('sh', ['-c', fixCommand(run.stderr)], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
      expect(fix.stderr).toBe('');
      expect(fix.status).toBe(0);
      expect(repo.git('diff', '--cached', '--name-only', '-z')).toBe('');
    },
  );
});

describe('hostile pre-commit: where the repository is', () => {
  it('a repository in a folder with spaces: a real commit is refused at the right path:line, a clean one passes', () => {
    const repo = new TempRepo(tempDir('leakgate repo with spaces-'));
    try {
      installHooks(repo);
      commitClean(repo, 'README.md', '# app\n', 'init');
      repo.write('sub dir/app.env', envWithSecretOnLine2);
      repo.git('add', '.');
      const before = snapshot(repo);
      const commit = repo.gitResult(['commit', '-m', 'leak']);
      expect(commit.status).toBe(1);
      expect(commit.stderr).toContain('sub dir/app.env:2:19');
      expectUnchanged(repo, before);
      repo.write('sub dir/app.env', 'A=1\n');
      repo.git('add', '.');
      expect(repo.gitResult(['commit', '-q', '-m', 'clean']).status).toBe(0);
    } finally {
      repo.cleanup();
    }
  });

  it("a git worktree: pre-commit there judges the worktree's own index, not the main one (both ways)", () => {
    const repo = new TempRepo();
    const wtDir = join(tempDir('leakgate-wt-'), 'work tree');
    const wt = new TempRepo(wtDir, { init: false });
    try {
      installHooks(repo);
      commitClean(repo, 'README.md', '# app\n', 'init');
      repo.git('worktree', 'add', '-q', '-b', 'wt', wtDir);
      wt.write('wt.env', envWithSecretOnLine2);
      wt.git('add', 'wt.env');
      const before = snapshot(wt);
      const inWt = wt.leakgate(['pre-commit']);
      expect(inWt.status).toBe(1);
      expect(inWt.stderr).toContain('wt.env:2:19');
      // Through the hook (it lives in the common git dir).
      const commit = wt.gitResult(['commit', '-m', 'leak']);
      expect(commit.status).toBe(1);
      expect(commit.stderr).toContain('wt.env:2:19');
      expectUnchanged(wt, before);
      // The main work tree has nothing staged: it passes.
      expect(repo.leakgate(['pre-commit']).status).toBe(0);
      // And the other way round: a secret staged in the main work tree, the worktree clean.
      wt.git('rm', '-q', '--cached', 'wt.env');
      repo.write('main.env', envWithSecretOnLine2);
      repo.git('add', 'main.env');
      expect(wt.leakgate(['pre-commit']).status).toBe(0);
      const beforeMain = snapshot(repo);
      const inMain = repo.leakgate(['pre-commit']);
      expect(inMain.status).toBe(1);
      expect(inMain.stderr).toContain('main.env:2:19');
      expectUnchanged(repo, beforeMain);
    } finally {
      repo.cleanup();
      rmSync(join(wtDir, '..'), { recursive: true, force: true });
    }
  });
});

describe('hostile pre-commit: config globs', () => {
  it('Windows-style allowlist.paths ("config\\secrets\\**") allowlists config/secrets/x.env; the same secret elsewhere is still refused', () => {
    const repo = new TempRepo();
    try {
      commitClean(repo, 'README.md', '# app\n', 'init');
      repo.write('.leakgate.json', JSON.stringify({ allowlist: { paths: ['config\\secrets\\**'] } }));
      repo.write('config/secrets/x.env', envWithSecretOnLine2);
      repo.write('config/secrets/deeper/y.env', envWithSecretOnLine2);
      repo.git('add', '.');
      const allowed = repo.leakgate(['pre-commit']);
      expect(allowed.stderr).toBe('');
      expect(allowed.status).toBe(0);
      repo.write('config/other.env', envWithSecretOnLine2);
      repo.git('add', '.');
      const before = snapshot(repo);
      const refused = repo.leakgate(['pre-commit']);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('config/other.env:2:19');
      expect(refused.stderr).not.toContain('config/secrets/');
      expectUnchanged(repo, before);
    } finally {
      repo.cleanup();
    }
  });
});

describe('hostile pre-commit: a big change, whose added files are read as blobs (cat-file), not patches', () => {
  // More than 64 added files switch the staged reader to blobs (see StagedStream): the same
  // hostile contents must give the same verdicts there, at the same path:line, and the history
  // scan of the commit (blobs again, through diff-tree's raw records) must agree.
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
    installHooks(repo);
    commitClean(repo, 'README.md', '# app\n', 'init');
    for (let index = 0; index < 80; index++) repo.write(`filler/file${index}.js`, `export const value${index} = ${index};\n`);
  });
  afterEach(() => repo.cleanup());

  it('UTF-16, CRLF, a symlink whose target is the secret, .gitattributes binary, odd names: refused at each path:line; LFS pointers and real binaries pass', () => {
    repo.write('utf16.env', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`A=1\n${SECRET_LINE}\n`, 'utf16le')]));
    repo.write('crlf.env', `A=1\r\nB=2\r\n${SECRET_LINE}\r\n`);
    repo.write('dir with space/ünï.env', envWithSecretOnLine2);
    repo.write('.gitattributes', '*.bin binary\n');
    repo.write('marked.bin', envWithSecretOnLine2);
    repo.write('real.bin', Buffer.from([0, 1, 2, 3, 0, 255, 0]));
    repo.write('big.psd', `version https://git-lfs.github.com/spec/v1\noid sha256:${fakeHex('lfs', 64)}\nsize 12345\n`);
    symlinkSync(SECRET_LINE, join(repo.dir, 'link.env'));
    repo.git('add', '-A');
    const before = snapshot(repo);
    const commit = repo.gitResult(['commit', '-q', '-m', 'big change']);
    expect(commit.status).not.toBe(0);
    for (const place of ['utf16.env:2:19', 'crlf.env:3:19', 'dir with space/ünï.env:2:19', 'marked.bin:2:19', 'link.env:1:19'])
      expect(commit.stderr).toContain(place);
    expect(commit.stderr).toContain('5 secrets in the staged changes');
    expect(commit.stderr).not.toContain('\r');
    expectUnchanged(repo, before);

    // The same commit, made anyway, judged by the history scan.
    repo.git('commit', '-q', '--no-verify', '-m', 'big change');
    const history = repo.leakgate(['scan', '--history', '--format', 'json']);
    expect(history.status).toBe(1);
    const findings = (JSON.parse(history.stdout) as { findings: { file: string; line: number; column: number }[] }).findings;
    expect(findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}`).sort()).toEqual(
      ['crlf.env:3:19', 'dir with space/ünï.env:2:19', 'link.env:1:19', 'marked.bin:2:19', 'utf16.env:2:19'].sort(),
    );
  });

  it('judges what is staged, not the work tree: files changed, deleted, turned into a named pipe after git add, or converted by autocrlf', () => {
    // Added files are taken from the work tree only when they hash to the staged blob: each of
    // these differs from it, so each must be judged by its staged bytes (read from git).
    repo.git('config', 'core.autocrlf', 'true');
    repo.write('edited-after-add.env', envWithSecretOnLine2);
    repo.write('secret-only-in-work-tree.env', 'A=1\nB=2\n');
    repo.write('deleted-after-add.env', envWithSecretOnLine2);
    repo.write('pipe-after-add.env', envWithSecretOnLine2);
    repo.write('autocrlf.env', `A=1\r\nB=2\r\n${SECRET_LINE}\r\n`);
    repo.write('untouched.env', envWithSecretOnLine2);
    repo.git('add', '-A');
    repo.write('edited-after-add.env', 'A=1\nB=clean now\n');
    repo.write('secret-only-in-work-tree.env', envWithSecretOnLine2);
    rmSync(join(repo.dir, 'deleted-after-add.env'));
    rmSync(join(repo.dir, 'pipe-after-add.env'));
    expect(spawnSync('mkfifo', [join(repo.dir, 'pipe-after-add.env')]).status).toBe(0);
    const before = snapshot(repo);
    const commit = spawnSync('git', ['commit', '-q', '-m', 'big change'], {
      cwd: repo.dir,
      env: cleanEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(commit.error).toBeUndefined(); // no hang on the named pipe
    expect(commit.status).not.toBe(0);
    for (const place of [
      'edited-after-add.env:2:19',
      'deleted-after-add.env:2:19',
      'pipe-after-add.env:2:19',
      'autocrlf.env:3:19',
      'untouched.env:2:19',
    ])
      expect(commit.stderr).toContain(place);
    expect(commit.stderr).not.toContain('secret-only-in-work-tree.env');
    expect(commit.stderr).toContain('5 secrets in the staged changes');
    expect(commit.stderr).not.toContain('\r');
    expectUnchanged(repo, before);
  });
});
