import picomatch from 'picomatch';
import { pathRegexToGlob } from '../../../src/config/import/pathRegex';
import { withSecretGroup } from '../../../src/config/import/gitleaks';

const PATHS = [
  'vendor/lib.js',
  'src/vendor/lib.js',
  'myvendor/lib.js',
  'yarn.lock',
  'a/b/Cargo.lock',
  'lockfile',
  'docs/readme.md',
  'docs/a/b/guide.md',
  'src/docs/readme.md',
  'fixtures/x.env',
  'fixtures/deep/y.json',
  'config/app.ini',
  'config/prod/app.ini',
  'src/config/db.ini',
  'notes/app.ini',
  'tests/unit/a.py',
  'src/tests/a.py',
];

describe('path regexes to globs', () => {
  it.each([
    ['(^|/)vendor/', '**/vendor/**'],
    ['\\.lock$', '**/*.lock'],
    ['^docs/.*\\.md$', 'docs/**/*.md'],
    ['^fixtures/.*$', 'fixtures/**'],
    ['(?:^|/)config/.*\\.ini$', '**/config/**/*.ini'],
    ['^tests/.*', 'tests/**'],
  ])('%s → %s, matching exactly the paths the regex matches', (regex, glob) => {
    expect(pathRegexToGlob(regex)).toBe(glob);
    const matches = picomatch(glob, { dot: true });
    for (const path of PATHS) expect([path, matches(path)]).toEqual([path, new RegExp(regex).test(path)]);
  });

  it.each(['(.*?)(jpg|gif)$', '^\\.env$', '^a.*b$', '(?i)readme', 'docs/[a-z]+\\.md$', 'vendor'])(
    '%s has no exact glob: undefined',
    (regex) => {
      expect(pathRegexToGlob(regex)).toBeUndefined();
    },
  );
});

describe('gitleaks secretGroup', () => {
  it('names group N `secret`, wraps a regex without groups, keeps flags, skips classes, escapes and lookbehinds', () => {
    expect(withSecretGroup('(a)-(b)', 2)).toBe('(a)-(?P<secret>b)');
    expect(withSecretGroup('(?i)key=[(]x[)]\\((y)', 1)).toBe('(?i)key=[(]x[)]\\((?P<secret>y)');
    expect(withSecretGroup('(?:a|b)(?P<id>c)(d)', 2)).toBe('(?:a|b)(?P<id>c)(?P<secret>d)');
    expect(withSecretGroup('(?P<id>c)(d)', 1)).toBe('(?P<secret>c)(d)');
    expect(withSecretGroup('(?i)abc[0-9]+', 0)).toBe('(?i)(abc[0-9]+)');
    expect(withSecretGroup('x(y)', 0)).toBe('x(y)');
    expect(withSecretGroup('x(y)', 3)).toBeUndefined();
  });
});
