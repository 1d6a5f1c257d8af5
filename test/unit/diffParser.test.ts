import { parseHunkHeader, parseRawPatch } from '../../src/git/diffParser';
import { parsePushLines } from '../../src/git/pushRefs';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

function raw(status: string, ...paths: string[]): string {
  return `:100644 100644 ${SHA_A} ${SHA_B} ${status}\0${paths.join('\0')}\0`;
}

describe('parseRawPatch', () => {
  it('takes paths from the raw records and added lines with new-file line numbers from the patch', () => {
    const output =
      raw('M', 'dir/file name.js') +
      raw('R087', 'old.js', 'new "quoted".js') +
      '\0' +
      [
        'diff --git a/dir/file name.js b/dir/file name.js',
        'index aaaa..bbbb 100644',
        '--- a/dir/file name.js',
        '+++ b/dir/file name.js',
        '@@ -3,0 +4,2 @@ function x() {',
        '+added four',
        '++ starts with plus',
        '@@ -10 +11,0 @@',
        '-removed',
        '@@ -20,2 +20,1 @@',
        '-gone',
        '-gone too',
        '+replacement',
        '\\ No newline at end of file',
        'diff --git "a/old.js" "b/new \\"quoted\\".js"',
        'similarity index 87%',
        'rename from old.js',
        'rename to new "quoted".js',
        '--- a/old.js',
        '+++ b/new "quoted".js',
        '@@ -1,0 +2 @@',
        '+--- not a header',
        '',
      ].join('\n');
    const entries = parseRawPatch(output);
    expect(entries.map((e) => [e.status, e.path, e.oldPath])).toEqual([
      ['M', 'dir/file name.js', undefined],
      ['R', 'new "quoted".js', 'old.js'],
    ]);
    expect(entries[0]!.chunks).toEqual([
      { startLine: 4, text: 'added four\n+ starts with plus' },
      { startLine: 20, text: 'replacement' },
    ]);
    expect(entries[1]!.chunks).toEqual([{ startLine: 2, text: '--- not a header' }]);
  });

  it('marks binary files and keeps submodule and mode-only entries without chunks', () => {
    const output =
      raw('M', 'image.png') +
      ':160000 160000 ' +
      `${SHA_A} ${SHA_B} M\0sub\0` +
      ':100644 100755 ' +
      `${SHA_A} ${SHA_A} M\0script.sh\0` +
      '\0' +
      [
        'diff --git a/image.png b/image.png',
        'Binary files a/image.png and b/image.png differ',
        'diff --git a/sub b/sub',
        '--- a/sub',
        '+++ b/sub',
        '@@ -1 +1 @@',
        '-Subproject commit aaa',
        '+Subproject commit bbb',
        'diff --git a/script.sh b/script.sh',
        'old mode 100644',
        'new mode 100755',
        '',
      ].join('\n');
    const [image, sub, script] = parseRawPatch(output);
    expect(image!.binary).toBe(true);
    expect(sub!.newMode).toBe('160000');
    expect(script!.chunks).toEqual([]);
  });

  it("reads a merge's combined diff: only lines new against every parent are added", () => {
    const output =
      `::100644 100644 100644 ${SHA_A} ${SHA_B} ${SHA_A} MM\0config.js\0` +
      '\0' +
      [
        'diff --cc config.js',
        'index aaa,bbb..ccc',
        '--- a/config.js',
        '+++ b/config.js',
        '@@@ -1,1 -1,1 +1,3 @@@',
        '- from main',
        ' -from side',
        '++resolved line',
        ' +kept from side',
        '++another new',
        '',
      ].join('\n');
    const [entry] = parseRawPatch(output);
    expect(entry!.path).toBe('config.js');
    expect(entry!.chunks).toEqual([
      { startLine: 1, text: 'resolved line' },
      { startLine: 3, text: 'another new' },
    ]);
  });

  it('returns nothing for an empty diff', () => {
    expect(parseRawPatch('')).toEqual([]);
  });
});

describe('parseHunkHeader', () => {
  it.each([
    ['@@ -1 +1 @@', { parents: 1, newStart: 1, newCount: 1 }],
    ['@@ -0,0 +1,20 @@', { parents: 1, newStart: 1, newCount: 20 }],
    ['@@@ -1,2 -3,4 +5,6 @@@ ctx', { parents: 2, newStart: 5, newCount: 6 }],
  ])('%s', (header, expected) => expect(parseHunkHeader(header)).toEqual(expected));
});

describe('parsePushLines', () => {
  it('classifies every line: new, update, delete', () => {
    const refs = parsePushLines(
      [
        `refs/heads/a ${SHA_A} refs/heads/a ${ZERO}`,
        `refs/heads/b ${SHA_B} refs/heads/b ${SHA_A}`,
        `(delete) ${ZERO} refs/heads/c ${SHA_A}`,
        '',
      ].join('\n'),
    );
    expect(refs.map((ref) => ref.kind)).toEqual(['new', 'update', 'delete']);
  });

  it('accepts SHA-256 object ids and refuses malformed lines', () => {
    expect(parsePushLines(`refs/tags/v1 ${'c'.repeat(64)} refs/tags/v1 ${'0'.repeat(64)}\n`)[0]!.kind).toBe('new');
    expect(() => parsePushLines('refs/heads/a nothex refs/heads/a 000\n')).toThrow('line 1');
  });
});

describe('addedChunks (files git calls binary that are text)', () => {
  const { addedChunks } = require('../../src/sources/fromDiff') as typeof import('../../src/sources/fromDiff');

  it('returns the lines the new text adds, with their line numbers, as a multiset difference', () => {
    expect(addedChunks('a\nb\nc\n', 'a\nNEW1\nNEW2\nb\nc\nc\n')).toEqual([
      { startLine: 2, text: 'NEW1\nNEW2' },
      { startLine: 6, text: 'c' },
    ]);
    expect(addedChunks('', 'x\ny')).toEqual([{ startLine: 1, text: 'x\ny' }]);
    expect(addedChunks('same\n', 'same\n')).toEqual([]);
  });
});
