import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { headFromFiles } from '../../src/git/headRef';
import { TempRepo, tempDir } from '../helpers/repo';

// A blocked commit words its fix by whether HEAD exists; leakgate reads that from git's files.
// Each case compares the answer with git's own.

describe('headFromFiles', () => {
  let repo: TempRepo;

  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.cleanup());

  const gitSays = (dir = repo.dir) => repo.gitResult(['-C', dir, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).status === 0;

  it('is false before the first commit and true after it', () => {
    expect(gitSays()).toBe(false);
    expect(headFromFiles(join(repo.dir, '.git'))).toBe(false);
    repo.write('a.txt', 'a\n');
    repo.commitAll('first');
    expect(gitSays()).toBe(true);
    expect(headFromFiles(join(repo.dir, '.git'))).toBe(true);
  });

  it('reads packed refs, a detached HEAD, and an orphan branch', () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('first');
    repo.git('pack-refs', '--all', '--prune');
    expect(headFromFiles(join(repo.dir, '.git'))).toBe(true);
    repo.git('checkout', '-q', '--detach');
    expect(headFromFiles(join(repo.dir, '.git'))).toBe(true);
    repo.git('checkout', '-q', '--orphan', 'fresh');
    expect(gitSays()).toBe(false);
    expect(headFromFiles(join(repo.dir, '.git'))).toBe(false);
  });

  it('follows a linked worktree to the shared refs', () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('first');
    const other = join(tempDir('leakgate-worktree-'), 'wt');
    try {
      repo.git('worktree', 'add', '-q', '-b', 'side', other);
      repo.git('pack-refs', '--all', '--prune');
      const gitDir = repo.git('-C', other, 'rev-parse', '--absolute-git-dir').trim();
      expect(gitDir).not.toBe(join(repo.dir, '.git'));
      expect(gitSays(other)).toBe(true);
      expect(headFromFiles(gitDir)).toBe(true);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('leaves anything it cannot read to git (undefined)', () => {
    repo.write('a.txt', 'a\n');
    repo.commitAll('first');
    repo.git('symbolic-ref', 'HEAD', 'refs/heads/alias');
    repo.git('symbolic-ref', 'refs/heads/alias', 'refs/heads/main');
    expect(headFromFiles(join(repo.dir, '.git'))).toBeUndefined();
    expect(headFromFiles(join(repo.dir, 'no-such-dir'))).toBeUndefined();
  });
});
