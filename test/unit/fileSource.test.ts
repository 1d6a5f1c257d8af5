import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { streamPaths, type FileSourceOptions } from '../../src/sources/fileSource';
import { tempDir } from '../helpers/repo';

// The walk builds each file's root-relative path by appending names; these cases pin it to what
// path.relative gives, for folders below the root, the root itself and folders outside it.

function tree(): string {
  const base = tempDir('leakgate-walk-');
  for (const file of [
    'root/a.txt',
    'root/sub/b.txt',
    'root/sub/deep/c.txt',
    'root/sub/node_modules/skip.txt',
    'root/z/.git/skip',
    'other/d.txt',
    'other/in/e.txt',
  ]) {
    mkdirSync(join(base, file, '..'), { recursive: true });
    writeFileSync(join(base, file), file);
  }
  symlinkSync(join(base, 'other'), join(base, 'root', 'link'));
  return base;
}

function list(base: string, paths: string[], cwd: string, isAllowed: FileSourceOptions['isAllowed'] = () => false) {
  const stream = streamPaths(paths, { maxFileSize: 1024, isAllowed, root: join(base, 'root'), cwd });
  return [...stream.files].map((file) => ({ path: file.path, shown: file.displayPath, absolute: file.absolute }));
}

describe('streamPaths', () => {
  it('gives each file its path relative to the root, as path.relative does, wherever the folder is', () => {
    const base = tree();
    const root = join(base, 'root');
    const cases: [string, string[]][] = [
      [root, ['.']],
      [root, ['sub']],
      [root, ['sub/']],
      [join(root, 'sub'), ['deep', '../a.txt']],
      [root, ['../other']],
      [root, [join(base, 'other')]],
      [join(base, 'other'), ['.']],
      [base, ['.']], // a folder above the root: the walk comes down into it
    ];
    for (const [cwd, paths] of cases) {
      const files = list(base, paths, cwd);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        expect(file.path).toBe(relative(root, file.absolute).split(sep).join('/'));
        expect(file.absolute).toBe(resolve(cwd, file.shown));
      }
    }
    expect(list(base, ['.'], root).map((file) => file.path)).toEqual(['a.txt', 'sub/b.txt', 'sub/deep/c.txt']);
    expect(list(base, ['sub/'], root).map((file) => file.shown)).toEqual(['sub/b.txt', 'sub/deep/c.txt']);
    expect(list(base, ['../other'], root).map((file) => file.path)).toEqual(['../other/d.txt', '../other/in/e.txt']);
    expect(list(base, ['.'], base).map((file) => file.path)).toEqual([
      '../other/d.txt',
      '../other/in/e.txt',
      'a.txt',
      'sub/b.txt',
      'sub/deep/c.txt',
    ]);
  });

  it('asks the allowlist with the root-relative path', () => {
    const base = tree();
    const asked: string[] = [];
    const files = list(base, ['.'], join(base, 'root'), (path) => {
      asked.push(path);
      return path.startsWith('sub/');
    });
    expect(asked).toEqual(['a.txt', 'sub/b.txt', 'sub/deep/c.txt']);
    expect(files.map((file) => file.path)).toEqual(['a.txt']);
  });
});
