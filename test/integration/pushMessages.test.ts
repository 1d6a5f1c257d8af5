import { fakeGithubToken } from '../helpers/fakeSecrets';
import { installedLeakgate, installHooks } from '../helpers/installedHook';
import { TempRepo, tempDir } from '../helpers/repo';

/**
 * A token pasted into a commit message or an annotated tag's message is published with the push:
 * pre-push (through the hook `leakgate install` writes) and `scan --history` judge messages too.
 */

const token = fakeGithubToken('pushed-message');
const dirtyBody = `deploy fix\n\nused ${token} to test the release job\n`;

interface JsonFinding {
  rule: string;
  file: string;
  line: number;
  commit?: string;
  tag?: { name: string; object: string; target: string };
}

describe('commit and tag messages in pushes and history scans', () => {
  let remote: TempRepo;
  let repo: TempRepo;

  beforeAll(() => {
    installedLeakgate();
  }, 180_000);

  beforeEach(() => {
    remote = new TempRepo(tempDir('leakgate-remote-'), { init: false });
    remote.git('init', '-q', '--bare', '-b', 'main');
    repo = TempRepo.pushingTo(remote);
    installHooks(repo);
  });
  afterEach(() => {
    repo.cleanup();
    remote.cleanup();
  });

  const remoteRefs = () => remote.git('for-each-ref', '--format=%(refname) %(objectname)');

  it('refuses a pushed commit whose message carries a token, names the commit and says to reword it', () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll(dirtyBody);
    const dirty = repo.head()!;
    repo.write('b.txt', 'b\n');
    repo.commitAll('later work');
    const before = remoteRefs();
    const push = repo.gitResult(['push', 'origin', 'main']);
    expect(push.stderr).toContain('leakgate blocked this push');
    expect(push.stderr).toContain('(commit message):3:');
    expect(push.stderr).toContain(`commit ${dirty.slice(0, 10)} "deploy fix" by Test <test@example.invalid>`);
    expect(push.stderr).toContain(`git rebase -i ${dirty.slice(0, 10)}^`);
    expect(push.stderr).toContain('reword');
    expect(push.stderr).not.toContain(token);
    expect(push.status).not.toBe(0);
    expect(remoteRefs()).toBe(before);
  });

  it('a token in the subject line is masked where the report names the commit (file findings of that commit too)', () => {
    repo.write('.env', `GITHUB_TOKEN=${token}\n`);
    repo.commitAll(`deploy with ${token}`);
    repo.git('tag', '-a', 'v3', '-m', `release ${token}`);
    const push = repo.gitResult(['push', 'origin', 'main', 'v3']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('(commit message):1:');
    expect(push.stderr).toContain('(tag message v3):1:');
    expect(push.stderr).toContain('.env:1:');
    expect(push.stderr).toContain('"deploy with ghp_…"');
    expect(push.stderr).toContain('"release ghp_…"');
    expect(push.stderr).not.toContain(token);
    const scan = repo.leakgate(['scan', '--history']);
    expect(scan.status).toBe(1);
    expect(scan.stdout).not.toContain(token);
  });

  it("says to amend when the message is the last commit's", () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll(dirtyBody);
    const push = repo.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('git commit --amend');
    expect(push.stderr).not.toContain(token);
  });

  it("refuses `git push origin <tag>` when the annotated tag's message carries a token (the commit is clean)", () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('release');
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    repo.git('tag', '-a', 'v1.0.0', '-m', dirtyBody);
    const before = remoteRefs();
    const push = repo.gitResult(['push', 'origin', 'v1.0.0']);
    expect(push.stderr).toContain('1 secret in the 0 commits and 1 tag origin does not have yet');
    expect(push.stderr).toContain('(tag message v1.0.0):3:');
    expect(push.stderr).toContain('git tag -d v1.0.0');
    expect(push.stderr).not.toContain(token);
    expect(push.status).not.toBe(0);
    expect(remoteRefs()).toBe(before);
  });

  it('refuses a tag pointing at a tag whose message carries a token', () => {
    repo.git('tag', '-a', 'inner', '-m', dirtyBody);
    repo.git('tag', '-a', 'outer', '-m', 'clean outer', 'inner');
    repo.git('tag', '-d', 'inner');
    const push = repo.gitResult(['push', 'origin', 'outer']);
    expect(push.stderr).toContain('(tag message inner):3:');
    expect(push.status).not.toBe(0);
  });

  it('passes clean commit and tag messages', () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('clean work\n\nno secrets here, ghp_ is only a prefix\n');
    repo.git('tag', '-a', 'v2', '-m', 'release v2');
    const push = repo.gitResult(['push', 'origin', 'main', 'v2']);
    expect(push.stderr).not.toContain('blocked');
    expect(push.status).toBe(0);
    expect(repo.leakgate(['scan', '--history']).status).toBe(0);
  });

  it('a long message (read across many chunks) is judged to its end, at the right line', () => {
    const filler = Array.from({ length: 6000 }, (_, i) => `- change ${i} in the changelog`).join('\n');
    // Too long for one command-line argument: from files.
    const commitMessage = repo.write('.git/commit-message.txt', `release notes\n\n${filler}\n${token}\n`);
    const tagMessage = repo.write('.git/tag-message.txt', `notes\n\n${filler}\n${token}\n`);
    repo.write('a.txt', 'a\n');
    repo.git('add', 'a.txt');
    repo.git('commit', '-q', '--no-verify', '-F', commitMessage);
    repo.git('tag', '-a', 'v9', '-F', tagMessage);
    const run = repo.leakgate(['scan', '--history', '--format', 'json']);
    expect(run.status).toBe(1);
    const findings: JsonFinding[] = JSON.parse(run.stdout).findings;
    expect(findings.map((finding) => `${finding.file}:${finding.line}`).sort()).toEqual(['(commit message):6003', '(tag message v9):6003']);
  });

  it('scan --history finds the commit message and the annotated tag message (default: every ref)', () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll(dirtyBody);
    const dirty = repo.head()!;
    repo.write('b.txt', 'b\n');
    repo.commitAll('clean');
    repo.git('tag', '-a', 'v1', '-m', `tagged\n\n${token}\n`, 'HEAD~2');
    const run = repo.leakgate(['scan', '--history', '--format', 'json']);
    expect(run.stdout).not.toContain(token);
    expect(run.status).toBe(1);
    const findings: JsonFinding[] = JSON.parse(run.stdout).findings;
    const commitFinding = findings.find((finding) => finding.file === '(commit message)');
    expect(commitFinding).toMatchObject({ line: 3, commit: dirty });
    const tagFinding = findings.find((finding) => finding.file === '(tag message v1)');
    expect(tagFinding?.tag).toMatchObject({
      name: 'v1',
      object: repo.git('rev-parse', 'v1').trim(),
      target: repo.git('rev-parse', 'HEAD~2').trim(),
    });
    expect(findings).toHaveLength(2);

    const text = repo.leakgate(['scan', '--history']);
    expect(text.stdout).toContain('(commit message):3:');
    expect(text.stdout).toContain('git tag -d v1');
    expect(text.stdout).not.toContain(token);

    // An explicit range: the commits in it, and the tags whose target is in it.
    const recent = JSON.parse(repo.leakgate(['scan', '--history', '--format', 'json', 'HEAD~2..HEAD']).stdout).findings as JsonFinding[];
    expect(recent.map((finding) => finding.file)).toEqual(['(commit message)']);
    const old = JSON.parse(repo.leakgate(['scan', '--history', '--format', 'json', 'HEAD~2']).stdout).findings as JsonFinding[];
    expect(old.map((finding) => finding.file)).toEqual(['(tag message v1)']);
  });
});
