import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeGithubToken } from '../helpers/fakeSecrets';
import { CLI, cleanEnv, TempRepo, tempDir } from '../helpers/repo';

/**
 * No regex can hang a hook: user regexes run on a linear-time engine, and a time budget stops a
 * scan even in the middle of one (built-in) regex; SIGINT and SIGTERM end a stuck run at once.
 * Every run here is spawned with a hard timeout, so a hang fails the test instead of the suite.
 */

const PACKAGE = join(__dirname, '..', '..');
/** How long a run that must not hang may take before the test calls it hung. */
const HUNG_MS = 20_000;
/** Forty-odd a's make the patterns below backtrack for hours on V8's engine. */
const RUN_OF_A = 'a'.repeat(64);

function installPlainHooks(repo: TempRepo, cli: string): void {
  const run = spawnSync(process.execPath, [cli, 'install'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('git hooks');
}

function timedCommit(repo: TempRepo): { status: number | null; output: string; ms: number } {
  const started = Date.now();
  const run = spawnSync('git', ['commit', '-q', '-m', 'change'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8', timeout: HUNG_MS });
  return { status: run.status, output: `${run.stdout}${run.stderr}`, ms: Date.now() - started };
}

describe('user regexes run in linear time (through the hook `leakgate install` writes)', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    installPlainHooks(repo, CLI);
  });
  afterEach(() => repo.cleanup());

  it.each([
    ['(a|a)*b', `token=((a|a)*b)`],
    ['(a|aa)*c', `token=((a|aa)*c)`],
  ])("rules.add with the overlapping alternation %s: a commit of 64 a's is judged at once and passes", (_name, regex) => {
    repo.write(
      '.leakgate.json',
      JSON.stringify({
        rules: { add: [{ id: 'overlap-rule', provider: 'Test', description: 'overlapping alternation', regex, keywords: ['token='] }] },
      }),
    );
    repo.write('notes.txt', `token=${RUN_OF_A}!\n`);
    repo.git('add', '.');
    const commit = timedCommit(repo);
    expect(commit.output).toBe('');
    expect(commit.status).toBe(0);
    expect(commit.ms).toBeLessThan(HUNG_MS);
  });

  it('rules.add with an overlapping alternation still finds what it should, at the right place', () => {
    repo.write(
      '.leakgate.json',
      JSON.stringify({
        rules: {
          add: [
            {
              id: 'overlap-rule',
              provider: 'Test',
              description: 'overlapping alternation',
              regex: 'token=((?:a|aa)*c)',
              keywords: ['token='],
            },
          ],
        },
      }),
    );
    repo.write('notes.txt', `first line\nx token=${RUN_OF_A}c\n`);
    repo.git('add', '.');
    const scan = repo.leakgate(['scan', '--staged', '--format', 'json']);
    expect(scan.status).toBe(1);
    const findings = JSON.parse(scan.stdout).findings;
    expect(
      findings.map((f: { rule: string; file: string; line: number; column: number; redacted: string }) => [
        f.rule,
        f.file,
        f.line,
        f.column,
        f.redacted,
      ]),
    ).toEqual([['overlap-rule', 'notes.txt', 2, 9, 'aaaa…']]);
  });

  it('allowlist.regexes ^(\\w|\\w)*!$ against a detected token: judged at once, and the token still blocks', () => {
    repo.write('.leakgate.json', JSON.stringify({ allowlist: { regexes: ['^(\\w|\\w)*!$'] } }));
    repo.write('deploy.sh', `export GITHUB_TOKEN=${fakeGithubToken('no-hang')}\n`);
    repo.git('add', '.');
    const commit = timedCommit(repo);
    expect(commit.ms).toBeLessThan(HUNG_MS);
    expect(commit.status).toBe(1);
    expect(commit.output).toContain('deploy.sh:1:');
    expect(commit.output).not.toContain(fakeGithubToken('no-hang'));
  });

  it('a user regex RE2 cannot run in linear time (a backreference) is refused with exit 2, naming where', () => {
    repo.write(
      '.leakgate.json',
      JSON.stringify({
        rules: { add: [{ id: 'backref-rule', provider: 'Test', description: 'backreference', regex: '(a+)\\1', keywords: ['a'] }] },
      }),
    );
    repo.write('notes.txt', 'aa\n');
    repo.git('add', '.');
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/rules\.add\[0\]\.regex: expected a regex in RE2 syntax, which runs in linear time/);
  });
});

describe('a regex stuck in V8 (a catastrophic rule in a damaged copy of the catalogue)', () => {
  const copies: string[] = [];
  let cli: string;
  let repo: TempRepo;

  /** The package copied, with a built-in rule that backtracks for hours on a run of a's. */
  beforeAll(() => {
    const dir = tempDir('leakgate-stuck-');
    copies.push(dir);
    for (const part of ['dist', 'hooks', 'package.json']) cpSync(join(PACKAGE, part), join(dir, part), { recursive: true });
    symlinkSync(join(PACKAGE, 'node_modules'), join(dir, 'node_modules'));
    const rules = JSON.parse(readFileSync(join(PACKAGE, 'rules.json'), 'utf8'));
    rules.rules.push({
      id: 'stuck-rule',
      provider: 'Test',
      family: 'keys',
      description: 'a rule that backtracks catastrophically',
      regex: 'stuckkey=((?:a|aa)*c)',
      keywords: ['stuckkey='],
      remediation: {
        envVar: 'STUCK',
        why: 'It is a test.',
        revoke: 'Nothing to revoke.',
        investigate: 'Nothing to check.',
        docs: 'https://example.invalid/stuck',
      },
      examples: { positive: ['stuckkey=aac', 'stuckkey=ac'], negative: ['stuckkey=', 'nothing'] },
    });
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(rules));
    cli = join(dir, 'dist', 'leakgate.js');
  });
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    repo.write('stuck.txt', `one\nstuckkey=${RUN_OF_A}!\n`);
    repo.git('add', 'stuck.txt');
  });
  /** A run a failing test left stuck must not burn a core for the rest of the suite. */
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    repo.cleanup();
  });

  it('the time budget stops the hook inside the regex: exit 2 naming the file and the rule, nothing committed', () => {
    installPlainHooks(repo, cli);
    repo.write('.leakgate.json', JSON.stringify({ timeBudget: 2 }));
    repo.git('add', '.leakgate.json');
    const before = repo.state();
    const commit = timedCommit(repo);
    expect(commit.ms).toBeLessThan(2000 + 5000);
    expect(commit.status).not.toBe(0);
    expect(commit.output).toMatch(/over the time budget of 2 s, while scanning stuck\.txt with rule stuck-rule\./);
    expect(commit.output).toContain('git commit --no-verify');
    expect(repo.state()).toEqual(before);
  });

  it('the same budget stops pre-push inside the regex', () => {
    // A push is judged by the config the remote already has: the budget goes there first.
    const remote = tempDir('leakgate-stuck-remote-');
    copies.push(remote);
    spawnSync('git', ['init', '-q', '--bare', remote]);
    repo.git('stash', '-q');
    repo.write('.leakgate.json', JSON.stringify({ timeBudget: 2 }));
    repo.commitAll('budget');
    repo.git('push', '-q', '--no-verify', remote, 'main');
    const base = repo.head()!;
    repo.git('stash', 'pop', '-q');
    repo.commitAll('stuck');
    const head = repo.head()!;
    const started = Date.now();
    const run = spawnSync(process.execPath, [cli, 'pre-push', remote, remote], {
      cwd: repo.dir,
      env: cleanEnv(),
      encoding: 'utf8',
      input: `refs/heads/main ${head} refs/heads/main ${base}\n`,
      timeout: HUNG_MS,
    });
    expect(Date.now() - started).toBeLessThan(2000 + 5000);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/over the time budget of 2 s, while scanning stuck\.txt with rule stuck-rule\./);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s ends a run stuck inside the regex within a second', async (signal) => {
    repo.write('.leakgate.json', JSON.stringify({ timeBudget: 600 }));
    repo.git('add', '.leakgate.json');
    const child = spawn(process.execPath, [cli, 'pre-commit'], { cwd: repo.dir, env: cleanEnv(), stdio: 'ignore' });
    running.push(child);
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    // Long enough to be inside the regex (start-up and the diff take a fraction of this).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(child.exitCode).toBeNull(); // still running: stuck, as it should be without a budget
    const sent = Date.now();
    child.kill(signal);
    const end = await Promise.race([ended, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5000))]);
    expect(end).toBeDefined();
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(end!.signal).toBe(signal);
  });
});
