import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STAGED_DIFF_ARGV, STAGED_DIFF_ENV } from '../../src/git/stagedInput';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { cleanEnv, TempRepo, tempDir } from '../helpers/repo';

// The installed pre-commit hook runs `git diff --cached` itself and pipes it into leakgate
// (src/git/stagedInput.ts). These tests check that the pipe is used, and that anything short of
// a complete diff from exactly our command makes leakgate ask git itself.

const { apiKey, secretKey } = fakeMailjetPair('staged-pipe');
const mailJs = `const Mailjet = require('node-mailjet');\nconst mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\n`;
const TAG = STAGED_DIFF_ARGV.join(' ');

/** What the hook's shell pipes in: git's output, then its exit status. */
function pipedDiff(repo: TempRepo, status = 0): Buffer {
  const diff = spawnSync('git', [...STAGED_DIFF_ARGV], { cwd: repo.dir, env: cleanEnv() });
  expect(diff.status).toBe(0);
  return Buffer.concat([diff.stdout, Buffer.from(`\0LEAKGATE-GIT-EXIT=${status}\n`)]);
}

/** `leakgate pre-commit` with standard input and environment as given. */
function preCommit(repo: TempRepo, input: Buffer | string, env: NodeJS.ProcessEnv) {
  return repo.leakgate(['pre-commit'], { input, env });
}

describe('the staged diff piped in by the hook', () => {
  let repo: TempRepo;

  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    repo.write('src/mail.js', mailJs);
    repo.git('add', 'src/mail.js');
  });
  afterEach(() => repo.cleanup());

  it('is judged without leakgate running git at all (no git on its PATH)', () => {
    const run = preCommit(repo, pipedDiff(repo), { [STAGED_DIFF_ENV]: TAG, PATH: '/nonexistent' });
    expect(run.stderr).toContain('src/mail.js:2:');
    expect(run.stderr).toContain('mailjet-api-key-pair');
    expect(run.status).toBe(1);
  });

  it('a clean piped diff passes silently', () => {
    repo.git('rm', '-q', '--cached', 'src/mail.js');
    repo.write('src/ok.js', 'module.exports = process.env.MJ_APIKEY_PRIVATE;\n');
    repo.git('add', 'src/ok.js');
    const run = preCommit(repo, pipedDiff(repo), { [STAGED_DIFF_ENV]: TAG, PATH: '/nonexistent' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('a diff cut before the exit status is not trusted: git is asked again', () => {
    // Only the first records reached us: the file with the key never arrived.
    const cut = pipedDiff(repo).subarray(0, 40);
    const run = preCommit(repo, cut, { [STAGED_DIFF_ENV]: TAG });
    expect(run.stderr).toContain('mailjet-api-key-pair');
    expect(run.status).toBe(1);
    // Nothing judged twice: one finding, as without the pipe.
    expect(run.stderr).toContain('1 secret in the staged changes');
  });

  it('a failed git in the hook is not trusted, even with nothing before its status', () => {
    const run = preCommit(repo, '\0LEAKGATE-GIT-EXIT=128\n', { [STAGED_DIFF_ENV]: TAG });
    expect(run.stderr).toContain('mailjet-api-key-pair');
    expect(run.status).toBe(1);
  });

  it('a failed git in the hook and in leakgate is reported as git failing, exit 2', () => {
    const run = preCommit(repo, '\0LEAKGATE-GIT-EXIT=128\n', { [STAGED_DIFF_ENV]: TAG, PATH: '/nonexistent' });
    expect(run.stderr).toContain('git was not found on PATH');
    expect(run.status).toBe(2);
  });

  it('a hook that ran another command (another leakgate version) is ignored', () => {
    // An empty diff claiming success: believed, it would let the key through.
    const run = preCommit(repo, '\0LEAKGATE-GIT-EXIT=0\n', { [STAGED_DIFF_ENV]: `${TAG} --some-other-option` });
    expect(run.stderr).toContain('mailjet-api-key-pair');
    expect(run.status).toBe(1);
  });
});

describe('the installed pre-commit hook', () => {
  let repo: TempRepo;
  let trace: string;

  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    // git logs every git command it runs here, the hook's and leakgate's alike.
    trace = join(tempDir('leakgate-trace-'), 'git.trace');
    expect(repo.leakgate(['install']).status).toBe(0);
  });
  afterEach(() => repo.cleanup());

  it('diffs the index once, in its shell: leakgate itself runs no git on a blocked commit', () => {
    repo.write('src/mail.js', mailJs);
    repo.git('add', 'src/mail.js');
    const before = repo.state();
    const commit = repo.gitResult(['commit', '-m', 'mail'], undefined, { GIT_TRACE: trace });
    expect(commit.status).toBe(1);
    expect(commit.stderr).toContain('mailjet-api-key-pair');
    expect(commit.stderr).toContain('git restore --staged -- src/mail.js');
    expect(repo.state()).toEqual(before);
    const commands = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((line) => / built-in: git /.test(line));
    // `git commit` and the hook's diff; a git spawned by leakgate would add a line.
    expect(commands.filter((line) => line.includes(' diff --cached '))).toHaveLength(1);
    expect(commands).toHaveLength(2);
  });

  it('judges what `commit -a` and `commit <path>` take from the work tree (git points the hook at a temporary index)', () => {
    repo.write('src/mail.js', 'module.exports = null;\n');
    repo.commitAll('mail stub');
    repo.write('src/mail.js', mailJs);
    const before = repo.state();
    for (const args of [
      ['commit', '-a', '-m', 'all'],
      ['commit', 'src/mail.js', '-m', 'path'],
    ]) {
      const commit = repo.gitResult(args);
      expect(commit.status).toBe(1);
      expect(commit.stderr).toContain('mailjet-api-key-pair');
      expect(commit.stderr).toContain('takes src/mail.js from the work tree');
      expect(repo.state()).toEqual(before);
    }
  });

  it('lets a clean commit through', () => {
    repo.write('src/ok.js', 'module.exports = process.env.MJ_APIKEY_PRIVATE;\n');
    repo.git('add', 'src/ok.js');
    const commit = repo.gitResult(['commit', '-q', '-m', 'ok']);
    expect(commit.stdout + commit.stderr).toBe('');
    expect(commit.status).toBe(0);
  });

  it('is brought up to date by install when it was written by another version', () => {
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    const current = readFileSync(hook, 'utf8');
    // A hook as another version wrote it: leakgate's mark, another body (the piped diff is the runner's).
    const older = current.replace(/\nexec [^\n]*\n$/, '\nleakgate_run pre-commit\n');
    expect(older).not.toBe(current);
    writeFileSync(hook, older);
    expect(repo.leakgate(['install']).stdout).toContain('pre-commit hook updated');
    expect(readFileSync(hook, 'utf8')).toBe(current);
  });
});
