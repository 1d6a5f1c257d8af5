import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { installedLeakgate, installHooks } from '../helpers/installedHook';
import { cleanEnv, TempRepo, tempDir } from '../helpers/repo';

/**
 * Pre-push judges against what the remote really has (git ls-remote), not against local
 * tracking refs that may be stale: a secret purged from the remote by a force push must not come
 * back through a clone whose origin/main still reaches it.
 */

const { secretKey } = fakeMailjetPair('remote-tips');
const envLine = `MJ_APIKEY_PRIVATE=${secretKey}\n`;

function bareRemote(): TempRepo {
  const remote = new TempRepo(tempDir('leakgate-remote-'), { init: false });
  remote.git('init', '-q', '--bare', '-b', 'main');
  return remote;
}

function cloneOf(remote: TempRepo): TempRepo {
  const parent = tempDir('leakgate-clone-');
  execFileSync('git', ['clone', '-q', remote.dir, join(parent, 'clone')], { cwd: parent, env: cleanEnv(), stdio: 'pipe' });
  const clone = new TempRepo(join(parent, 'clone'), { init: false });
  clone.git('config', 'commit.gpgsign', 'false');
  return clone;
}

describe("pre-push through the hook `leakgate install` writes: judged against the remote's real tips", () => {
  let remote: TempRepo;
  let purger: TempRepo;
  let stale: TempRepo;
  let secretCommit: string;

  beforeAll(() => {
    installedLeakgate();
  }, 180_000);

  beforeEach(() => {
    remote = bareRemote();
    purger = TempRepo.withOrigin(remote);
    // The secret reaches the remote (hook bypassed)...
    purger.write('.env', envLine);
    purger.commitAll('add env with the key');
    secretCommit = purger.head()!;
    purger.git('push', '-q', '--no-verify', 'origin', 'main');
    // ...a teammate clones while it is there...
    stale = cloneOf(remote);
    installHooks(stale);
    // ...and it is purged from the remote by a force push from another clone.
    purger.git('reset', '-q', '--hard', 'HEAD~1');
    purger.write('clean.txt', 'ok\n');
    purger.commitAll('clean replacement');
    purger.git('push', '-q', '--no-verify', '--force', 'origin', 'main');
  });
  afterEach(() => {
    for (const repo of [remote, purger]) repo.cleanup();
    rmSync(join(stale.dir, '..'), { recursive: true, force: true });
  });

  it('refuses a new branch built on a stale origin/main that still reaches the purged secret, naming that commit', () => {
    expect(stale.git('rev-parse', 'origin/main').trim()).toBe(secretCommit);
    stale.git('checkout', '-q', '-b', 'feature', 'origin/main');
    stale.write('feature.txt', 'feature\n');
    stale.commitAll('feature work');
    const push = stale.gitResult(['push', 'origin', 'feature']);
    expect(push.stderr).toContain('leakgate blocked this push');
    expect(push.stderr).toContain('"add env with the key"');
    expect(push.stderr).toContain(secretCommit.slice(0, 10));
    expect(push.stderr).not.toContain(secretKey);
    expect(push.status).not.toBe(0);
    expect(remote.git('for-each-ref', '--format=%(refname)')).not.toContain('refs/heads/feature');
  });

  it("passes a clean new branch built on what the remote really has, and does not scan the remote's history again", () => {
    stale.git('fetch', '-q', 'origin');
    stale.git('checkout', '-q', '-b', 'fresh', 'origin/main');
    stale.write('fresh.txt', 'fresh\n');
    stale.commitAll('fresh work');
    const run = stale.leakgate(['pre-push', 'origin', remote.dir, '--verbose'], {
      input: `refs/heads/fresh ${stale.head()} refs/heads/fresh ${'0'.repeat(40)}\n`,
    });
    expect(run.stderr).not.toContain('could not ask');
    expect(run.stderr).toContain('refs/heads/fresh → refs/heads/fresh (new): 1 commit');
    expect(run.status).toBe(0);
  });
});

describe('pre-push in a partial clone', () => {
  it('does not fetch the remote tips it lacks one by one to exclude them (no new pack)', () => {
    const remote = bareRemote();
    remote.git('config', 'uploadpack.allowFilter', 'true');
    const seed = new TempRepo();
    const parent = tempDir('leakgate-partial-');
    try {
      seed.git('remote', 'add', 'origin', remote.dir);
      seed.write('README.md', '# app\n');
      seed.commitAll('init');
      seed.git('push', '-q', '--no-verify', 'origin', 'main');
      execFileSync('git', ['clone', '-q', '--filter=blob:none', `file://${remote.dir}`, join(parent, 'clone')], {
        cwd: parent,
        env: cleanEnv(),
        stdio: 'pipe',
      });
      const clone = new TempRepo(join(parent, 'clone'), { init: false });
      // The remote moves on: tips this clone has never seen.
      for (const name of ['a', 'b', 'c']) {
        seed.write(`${name}.txt`, `${name}\n`);
        seed.commitAll(name);
        seed.git('push', '-q', '--no-verify', 'origin', `main:${name}`);
      }
      clone.git('checkout', '-q', '-b', 'topic');
      clone.write('topic.txt', 'topic\n');
      clone.commitAll('topic');
      const packs = () => readdirSync(join(clone.dir, '.git', 'objects', 'pack')).sort();
      const before = packs();
      const run = clone.leakgate(['pre-push', 'origin', `file://${remote.dir}`, '--verbose'], {
        input: `refs/heads/topic ${clone.head()} refs/heads/topic ${'0'.repeat(40)}\n`,
      });
      expect(run.stderr).toContain('(new): 1 commit');
      expect(run.status).toBe(0);
      expect(packs()).toEqual(before);
    } finally {
      seed.cleanup();
      remote.cleanup();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('pre-push when the remote cannot be asked', () => {
  let repo: TempRepo;
  let remote: TempRepo;
  beforeEach(() => {
    remote = bareRemote();
    repo = TempRepo.withOrigin(remote);
    repo.write('old.txt', 'old\n');
    repo.commitAll('old work');
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    repo.git('fetch', '-q', 'origin');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('topic.txt', 'topic\n');
    repo.commitAll('topic work');
  });
  afterEach(() => {
    repo.cleanup();
    remote.cleanup();
  });

  const newBranch = () => `refs/heads/topic ${repo.head()} refs/heads/topic ${'0'.repeat(40)}\n`;

  it('falls back to the tracking refs and says so on stderr, with the date of the last fetch', () => {
    const missing = join(remote.dir, 'does-not-exist.git');
    const run = repo.leakgate(['pre-push', 'origin', missing, '--verbose'], { input: newBranch() });
    expect(run.stderr).toMatch(/could not ask origin .*judged against what the last fetch saw \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    // The tracking refs still exclude what origin/main reaches: one commit, not three.
    expect(run.stderr).toContain('(new): 1 commit');
    expect(
      run.stderr
        .trim()
        .split('\n')
        .filter((line) => line.includes('could not ask')),
    ).toHaveLength(1);
    expect(run.status).toBe(0);
  });

  it('stops asking a remote that does not answer after a few seconds (no prompt, no hang)', () => {
    // A user's own ssh command is kept as it is: this one never answers.
    const started = Date.now();
    const run = repo.leakgate(['pre-push', 'origin', 'ssh://example.invalid/repo.git'], {
      input: newBranch(),
      env: { GIT_SSH_COMMAND: 'sleep 60 #' },
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.stderr).toMatch(/could not ask origin .*did not answer/);
    expect(run.status).toBe(0);
  }, 30_000);

  it('asks over ssh in batch mode, never prompting, unless the user chose an ssh command (kept as it is)', () => {
    const tools = tempDir('leakgate-fake-ssh-');
    try {
      // A stand-in ssh on PATH records how it was called, then fails like an unreachable host.
      const log = join(tools, 'ssh.log');
      writeFileSync(join(tools, 'ssh'), `#!/bin/sh\necho "$@" >> '${log}'\nexit 255\n`);
      chmodSync(join(tools, 'ssh'), 0o755);
      const env = { PATH: `${tools}:${process.env.PATH}`, SSH_ASKPASS: '/bin/false', GIT_ASKPASS: '/bin/false' };
      const run = repo.leakgate(['pre-push', 'origin', 'ssh://git@example.invalid/repo.git'], { input: newBranch(), env });
      expect(run.stderr).toContain('could not ask origin');
      expect(readFileSync(log, 'utf8')).toContain('-o BatchMode=yes');

      const marker = join(tools, 'own-ssh-ran');
      repo.git('config', 'core.sshCommand', `touch '${marker}'; false #`);
      const own = repo.leakgate(['pre-push', 'origin', 'git@example.invalid:repo.git'], { input: newBranch(), env });
      expect(own.stderr).toContain('could not ask origin');
      expect(existsSync(marker)).toBe(true);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(tools, { recursive: true, force: true });
    }
  });

  it('a push by URL with the remote unreachable has no tracking refs to trust: everything the branch reaches is judged', () => {
    repo.git('checkout', '-q', 'main');
    repo.write('.env', envLine);
    repo.commitAll('env on main');
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    repo.git('checkout', '-q', 'topic');
    repo.git('merge', '-q', '--no-edit', 'main');
    const url = join(remote.dir, 'gone.git');
    const run = repo.leakgate(['pre-push', url, url], { input: newBranch() });
    expect(run.stderr).toContain('could not ask');
    expect(run.stderr).toContain('"env on main"');
    expect(run.status).toBe(1);
  });
});
