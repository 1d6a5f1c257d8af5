import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { TempRepo, cleanEnv, tempDir, listFiles } from '../helpers/repo';
import { runCliUnprivileged } from '../helpers/unprivileged';
import { contentHash } from '../../src/config/validationStamp';

/**
 * Everything that can go wrong around the scan must block (exit 2) with one clear sentence and
 * the bypass, never a stack trace (unless --debug), and never change the repository.
 */

const { secretKey } = fakeMailjetPair('failclosed');
const SECRET_LINE = `MJ_APIKEY_PRIVATE=${secretKey}`;
const PACKAGE = join(__dirname, '..', '..');
const STACK_LINE = /^\s+at /m;

interface Snapshot {
  head: string | undefined;
  indexBytes: string;
  status: string;
  stash: string;
  files: string[];
}

/** What a blocked hook must leave alone; works with a corrupt index too (raw bytes, no ls-files). */
function snapshot(repo: TempRepo): Snapshot {
  const files = listFiles(repo.dir);
  const status = repo.gitResult(['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  let indexBytes = '';
  try {
    indexBytes = createHash('sha256')
      .update(readFileSync(join(repo.dir, '.git/index')))
      .digest('hex');
  } catch {
    indexBytes = 'none';
  }
  return {
    head: repo.head(),
    indexBytes,
    status: status.status === 0 ? status.stdout : `status failed: ${status.status}`,
    stash: repo.gitResult(['stash', 'list']).stdout,
    files,
  };
}

function expectUnchanged(repo: TempRepo, before: Snapshot): void {
  const after = snapshot(repo);
  expect(after.files.filter((file) => /\.(tmp|lock)$/.test(file))).toEqual([]);
  expect(after).toEqual(before);
}

/** Exit 2, a short message that starts with `leakgate:`, the bypass, no stack trace. */
function expectFailClosed(run: SpawnSyncReturns<string>, bypass: string, says: RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^leakgate: /);
  expect(run.stderr).toMatch(says);
  expect(run.stderr).toContain(bypass);
  expect(run.stderr).not.toMatch(STACK_LINE);
}

const COMMIT_BYPASS = 'git commit --no-verify';
const PUSH_BYPASS = 'git push --no-verify';

describe('fail closed: git itself is missing or broken', () => {
  let repo: TempRepo;
  let noGitPath: string;
  beforeAll(() => {
    noGitPath = tempDir('leakgate-nogit-');
    symlinkSync(process.execPath, join(noGitPath, 'node'));
  });
  afterAll(() => rmSync(noGitPath, { recursive: true, force: true }));
  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    repo.write('.env', `${SECRET_LINE}\n`);
    repo.git('add', '.env');
  });
  afterEach(() => repo.cleanup());

  it('git missing from PATH: pre-commit exits 2 with one clear sentence and the bypass, no stack trace', () => {
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit'], { env: { PATH: noGitPath } });
    expectFailClosed(run, COMMIT_BYPASS, /^leakgate: git was not found on PATH[^\n]*\.\n/);
    expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    expectUnchanged(repo, before);
  });

  it('git missing from PATH: pre-push exits 2 with the push bypass', () => {
    const head = repo.head()!;
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-push', 'origin', '/nowhere'], {
      env: { PATH: noGitPath },
      input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`,
    });
    expectFailClosed(run, PUSH_BYPASS, /git was not found on PATH/);
    expectUnchanged(repo, before);
  });

  it('git missing from PATH: scan --staged exits 2 and says git was not found (not "needs a git repository")', () => {
    const before = snapshot(repo);
    const run = repo.leakgate(['scan', '--staged'], { env: { PATH: noGitPath } });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/git was not found on PATH/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expectUnchanged(repo, before);
  });

  it('a corrupt index (garbage in .git/index): exit 2 naming the problem, the index bytes untouched', () => {
    writeFileSync(join(repo.dir, '.git/index'), Buffer.from(createHash('sha256').update('garbage').digest('hex').repeat(4)));
    const before = snapshot(repo);
    expect(before.status).toMatch(/^status failed/);
    const run = repo.leakgate(['pre-commit']);
    expectFailClosed(run, COMMIT_BYPASS, /git failed to read the staged changes/);
    expectUnchanged(repo, before);
  });

  it('a staged blob missing from the object store: exit 2', () => {
    const blob = repo.git('rev-parse', ':.env').trim();
    repo.write('.env', 'A=changed in the work tree\n'); // so git cannot fall back to the work-tree file
    rmSync(join(repo.dir, '.git/objects', blob.slice(0, 2), blob.slice(2)));
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    // A small change is one `git diff` (git names the object); a big one reads added files as
    // blobs, and leakgate names the file.
    expectFailClosed(
      run,
      COMMIT_BYPASS,
      /git failed to read the staged changes: unable to read [0-9a-f]{40}|git cannot read the content of \.env/,
    );
    expectUnchanged(repo, before);
  });

  it('a blob missing from a big staged change (read as blobs): exit 2 naming the file', () => {
    for (let index = 0; index < 80; index++) repo.write(`many/file${index}.txt`, `content ${index}\n`);
    repo.git('add', '-A');
    const blob = repo.git('rev-parse', ':many/file42.txt').trim();
    repo.write('many/file42.txt', 'changed in the work tree\n'); // else its staged bytes come from the work tree
    rmSync(join(repo.dir, '.git/objects', blob.slice(0, 2), blob.slice(2)));
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expectFailClosed(run, COMMIT_BYPASS, /git cannot read the content of many\/file42\.txt \(object [0-9a-f]{12} is missing\)/);
    expectUnchanged(repo, before);
  });

  it('git killed by a signal while listing the tracked files (part of the list out, nothing on stderr): scan exits 2, never judges a partial list', () => {
    repo.git('rm', '-q', '--cached', '.env');
    rmSync(join(repo.dir, '.env'));
    repo.write('a.txt', 'clean\n');
    repo.write('z.env', `${SECRET_LINE}\n`);
    repo.commitAll('files');
    // Real git, but `ls-files` is cut after its first path and killed (exit by SIGKILL, no stderr).
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    const shimDir = tempDir('leakgate-git-shim-');
    writeFileSync(
      join(shimDir, 'git'),
      `#!/bin/sh\ncase " $* " in\n  *" ls-files "*) "${realGit}" "$@" | head -c 6; kill -9 $$ ;;\nesac\nexec "${realGit}" "$@"\n`,
    );
    chmodSync(join(shimDir, 'git'), 0o755);
    try {
      const run = repo.leakgate(['scan'], { env: { PATH: `${shimDir}:${process.env.PATH}` } });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^leakgate: git failed to list tracked files/);
      expect(run.stderr).not.toMatch(STACK_LINE);
    } finally {
      rmSync(shimDir, { recursive: true, force: true });
    }
  });

  it('a corrupt object of a file git calls binary (`cat-file` says "missing" and exits 0): pre-commit exits 2 naming it, never passes', () => {
    repo.git('rm', '-q', '--cached', '.env');
    repo.write('.gitattributes', 'secrets.env binary\n');
    repo.write('secrets.env', `A=1\n${SECRET_LINE}\n`);
    repo.git('add', '.gitattributes', 'secrets.env');
    expect(repo.git('diff', '--cached', '--numstat', '--', 'secrets.env')).toMatch(/^-\t-\t/); // git's verdict: binary, content unread
    const blob = repo.git('rev-parse', ':secrets.env').trim();
    const object = join(repo.dir, '.git/objects', blob.slice(0, 2), blob.slice(2));
    chmodSync(object, 0o644);
    writeFileSync(object, 'not a zlib stream\n');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expectFailClosed(run, COMMIT_BYPASS, /git cannot read the content of secrets\.env \(object [0-9a-f]{12} is missing or corrupt\)/);
    expectUnchanged(repo, before);
  });
});

describe('fail closed: configuration that cannot be used', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    repo.write('app.txt', 'clean\n');
    repo.git('add', 'app.txt');
  });
  afterEach(() => repo.cleanup());

  it('a config an older, laxer leakgate stamped as valid is validated again: a catch-all allowlist is refused', () => {
    const text = JSON.stringify({ allowlist: { paths: ['**'] } });
    repo.write('.leakgate.json', text);
    // The stamp an earlier release wrote for this very text (its hash had no validator identity).
    mkdirSync(join(repo.dir, '.git/leakgate'), { recursive: true });
    writeFileSync(join(repo.dir, '.git/leakgate/config.validated'), `${contentHash('.leakgate.json', text)}\n`);
    repo.write('.env', `${SECRET_LINE}\n`);
    repo.git('add', '.env');
    const run = repo.leakgate(['pre-commit']);
    expectFailClosed(run, COMMIT_BYPASS, /allowlist\.paths\[0\]: expected a glob that leaves files to scan/);
  });

  it('an unreadable .leakgate.json (a directory of that name): exit 2 naming it', () => {
    mkdirSync(join(repo.dir, '.leakgate.json'));
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expectFailClosed(run, COMMIT_BYPASS, /\.leakgate\.json[^\n]*\n[^\n]*expected a readable file/);
    expectUnchanged(repo, before);
  });

  it('an unreadable .leakgate.json (chmod 000): exit 2 naming it (as root, leakgate runs as the unprivileged user .ci/run creates)', () => {
    repo.write('.leakgate.json', JSON.stringify({ allowlist: { stopwords: ['sandbox'] } }));
    chmodSync(join(repo.dir, '.leakgate.json'), 0o000);
    // The index's entries, not its bytes (see the next test: ctime changes when the repository is opened).
    const before = repo.state();
    const run = runCliUnprivileged(repo, ['pre-commit']);
    expectFailClosed(run, COMMIT_BYPASS, /\.leakgate\.json[\s\S]*expected a readable file \(EACCES\)/);
    expect(repo.state()).toEqual(before);
  });

  it("a .git leakgate cannot write to (another user's clone): a blocked commit still shows its report, and says --last cannot name it", () => {
    repo.write('.env', `${SECRET_LINE}\n`);
    repo.git('add', '.env');
    // The index's entries, not its bytes: opening the repository to the other user changes the
    // files' ctime, and the next `git status` rewrites the index's stat data.
    const before = repo.state();
    // As another user, the repository is readable but not writable (see runCliUnprivileged).
    const run = runCliUnprivileged(repo, ['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('.env:1:19');
    expect(run.stderr).toMatch(/could not record this run under \.git\/leakgate \(EACCES\)/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).not.toContain(secretKey);
    expect(repo.state()).toEqual(before);
  });

  it.each([
    ['maxFileSize "0KB"', { maxFileSize: '0KB' }, /maxFileSize: expected a size of at least 1 byte/],
    ['allowlist.paths ["**"]', { allowlist: { paths: ['**'] } }, /allowlist\.paths\[0\]: expected a glob that leaves files to scan/],
    [
      'allowlist.paths ["*"] (base names: every file)',
      { allowlist: { paths: ['docs/**', '*'] } },
      /allowlist\.paths\[1\]: expected a glob that leaves files to scan/,
    ],
  ])(
    'config that skips every file, %s: pre-commit of a staged secret exits 2 naming the file and JSON path, never passes',
    (_, config, says) => {
      repo.write('.leakgate.json', JSON.stringify(config));
      repo.write('app.env', `${SECRET_LINE}\n`);
      repo.git('add', 'app.env');
      const before = snapshot(repo);
      const run = repo.leakgate(['pre-commit']);
      expectFailClosed(run, COMMIT_BYPASS, says);
      expect(run.stderr).toContain('.leakgate.json is not valid');
      expectUnchanged(repo, before);
    },
  );

  it('an invalid regex in allowlist.regexes: exit 2 naming allowlist.regexes[0]', () => {
    repo.write('.leakgate.json', JSON.stringify({ allowlist: { regexes: ['(unclosed'] } }));
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expectFailClosed(
      run,
      COMMIT_BYPASS,
      /\.leakgate\.json[\s\S]*allowlist\.regexes\[0\]: expected a regex in RE2 syntax, which runs in linear time \(missing closing \)/,
    );
    expectUnchanged(repo, before);
  });

  it('a corrupt .leakgate-baseline.json: exit 2 naming it', () => {
    repo.write('.leakgate-baseline.json', '{ "version": 1, "fingerprints": [ 3 ] }');
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-commit']);
    expectFailClosed(run, COMMIT_BYPASS, /\.leakgate-baseline\.json[\s\S]*fingerprints\[0\]/);
    expectUnchanged(repo, before);
  });
});

describe('fail closed: a broken installation (a copy of the package with one file damaged)', () => {
  const copies: string[] = [];
  /** dist/, package.json, hooks/ and rules.json copied to a temp package, node_modules linked. */
  function packageCopy(damage: (dir: string) => void): string {
    const dir = tempDir('leakgate-pkg-');
    copies.push(dir);
    cpSync(join(PACKAGE, 'dist'), join(dir, 'dist'), { recursive: true });
    cpSync(join(PACKAGE, 'hooks'), join(dir, 'hooks'), { recursive: true });
    cpSync(join(PACKAGE, 'package.json'), join(dir, 'package.json'));
    cpSync(join(PACKAGE, 'rules.json'), join(dir, 'rules.json'));
    symlinkSync(join(PACKAGE, 'node_modules'), join(dir, 'node_modules'));
    damage(dir);
    return join(dir, 'dist', 'leakgate.js');
  }
  const runCopy = (cli: string, repo: TempRepo, args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8', input: '' });

  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    repo.write('app.txt', 'clean\n');
    repo.git('add', 'app.txt');
  });
  afterEach(() => repo.cleanup());
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  it('the copy itself works (control): a clean change passes, a secret is refused', () => {
    const cli = packageCopy(() => undefined);
    expect(runCopy(cli, repo, ['pre-commit']).status).toBe(0);
    repo.write('.env', `${SECRET_LINE}\n`);
    repo.git('add', '.env');
    const before = snapshot(repo);
    expect(runCopy(cli, repo, ['pre-commit']).status).toBe(1);
    expectUnchanged(repo, before);
  });

  it('a rules.json that does not validate: exit 2 naming rules.json and the JSON path', () => {
    const cli = packageCopy((dir) => {
      const rules = JSON.parse(readFileSync(join(dir, 'rules.json'), 'utf8'));
      rules.rules[3].provider = 42;
      writeFileSync(join(dir, 'rules.json'), JSON.stringify(rules, null, 2));
    });
    const before = snapshot(repo);
    const run = runCopy(cli, repo, ['pre-commit']);
    expectFailClosed(run, COMMIT_BYPASS, /rules\.json is not valid:\n\s+rules\[3\]\.provider: expected string, got number/);
    expectUnchanged(repo, before);
  });

  it('a rules.json that is not JSON: exit 2 naming rules.json with line and column', () => {
    const cli = packageCopy((dir) => writeFileSync(join(dir, 'rules.json'), '{\n  "version": 1,\n  "rules": [ }\n'));
    const before = snapshot(repo);
    const run = runCopy(cli, repo, ['pre-commit']);
    expectFailClosed(run, COMMIT_BYPASS, /rules\.json[\s\S]*syntax error at line 3, column \d+/);
    expectUnchanged(repo, before);
  });

  it('--debug shows a stack trace for an internal error (a damaged dist/catalogue.json); the plain run does not', () => {
    const cli = packageCopy((dir) => {
      const file = join(dir, 'dist', 'catalogue.json');
      // The header line (see config/catalogueFile.ts) with a rule list that is not one.
      const { rulesHash } = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!);
      writeFileSync(file, JSON.stringify({ rulesHash, rules: 7, pairs: [] }));
    });
    const before = snapshot(repo);
    const plain = runCopy(cli, repo, ['pre-commit']);
    expectFailClosed(plain, COMMIT_BYPASS, /^leakgate: internal error: /);
    expect(plain.stderr).toContain('--debug');
    const debug = runCopy(cli, repo, ['pre-commit', '--debug']);
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/^leakgate: internal error: /);
    expect(debug.stderr).toMatch(STACK_LINE);
    expectUnchanged(repo, before);
  });
});

describe('fail closed: the command line', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = TempRepo.withInitialCommit();
  });
  afterAll(() => repo.cleanup());

  it.each([
    ['pre-commit', ['pre-commit', '--frobnicate'], COMMIT_BYPASS],
    ['pre-push', ['pre-push', 'origin', '/x', '--frobnicate'], PUSH_BYPASS],
    ['scan', ['scan', '--frobnicate'], 'leakgate scan --help'],
  ])('an unknown option on %s: exit 2, names it, no stack trace', (_command, args, hint) => {
    const before = snapshot(repo);
    const run = repo.leakgate(args as string[]);
    expectFailClosed(run, hint as string, /unknown option '--frobnicate'/);
    expectUnchanged(repo, before);
  });

  it('an unknown command: exit 2 listing the commands', () => {
    const before = snapshot(repo);
    const run = repo.leakgate(['pre-comit']);
    expect(run.status).toBe(2);
    expectUnchanged(repo, before);
    expect(run.stderr).toMatch(/^leakgate: unknown command "pre-comit"/);
    expect(run.stderr).toContain('pre-commit');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
