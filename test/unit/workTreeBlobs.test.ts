import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { DiffEntry } from '../../src/git/diffParser';
import { WorkTreeBlobs } from '../../src/git/workTreeBlobs';
import { TempRepo } from '../helpers/repo';

// The staged bytes of a file, taken from the work tree only when they are exactly what git
// staged (same blob id); everything else is left to git.

describe('WorkTreeBlobs', () => {
  const repo = new TempRepo();
  const staged = (path: string): DiffEntry => {
    const [mode = '', blob = ''] = repo.git('ls-files', '-s', '--', path).trim().split(/\s+/);
    return {
      status: 'A',
      path,
      oldMode: '000000',
      newMode: mode,
      oldBlob: '0'.repeat(40),
      newBlob: blob,
      binary: false,
      chunks: [],
      addedBytes: 0,
    };
  };
  beforeAll(() => {
    repo.write('same.txt', 'staged text\n');
    repo.write('edited.txt', 'staged text\n');
    repo.write('gone.txt', 'staged text\n');
    repo.write('big.txt', 'x'.repeat(5000));
    repo.write('empty.txt', '');
    repo.write('nested/deep/file.txt', 'deep\n');
    symlinkSync('same.txt', join(repo.dir, 'link.txt'));
    repo.git('add', '-A');
    writeFileSync(join(repo.dir, 'edited.txt'), 'changed after add\n');
    spawnSync('rm', [join(repo.dir, 'gone.txt')]);
  });
  afterAll(() => repo.cleanup());

  it('gives the work-tree bytes when they hash to the staged blob', () => {
    const blobs = new WorkTreeBlobs(repo.dir, 1024 * 1024);
    expect(blobs.read(staged('same.txt'))?.toString()).toBe('staged text\n');
    expect(blobs.read(staged('nested/deep/file.txt'))?.toString()).toBe('deep\n');
    expect(blobs.read(staged('empty.txt'))?.length).toBe(0);
  });

  it('gives nothing for a file changed or deleted since git add, a symbolic link, a file over the limit, a folder or a named pipe', () => {
    const blobs = new WorkTreeBlobs(repo.dir, 1000);
    expect(blobs.read(staged('edited.txt'))).toBeUndefined();
    expect(blobs.read(staged('gone.txt'))).toBeUndefined();
    expect(blobs.read(staged('link.txt'))).toBeUndefined();
    expect(blobs.read(staged('big.txt'))).toBeUndefined();
    const same = staged('same.txt');
    mkdirSync(join(repo.dir, 'folder'));
    expect(blobs.read({ ...same, path: 'folder' })).toBeUndefined();
    expect(spawnSync('mkfifo', [join(repo.dir, 'fifo')]).status).toBe(0);
    expect(blobs.read({ ...same, path: 'fifo' })).toBeUndefined();
    // A symbolic link staged as a regular file's path (the mode says file, the work tree has a link).
    expect(blobs.read({ ...same, path: 'link.txt', newMode: '100644' })).toBeUndefined();
  });
});
