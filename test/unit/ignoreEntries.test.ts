import { activeFingerprints, isDay, looseEntries } from '../../src/config/ignoreEntries';
import { parseSelection } from '../../src/report/selection';

describe('ignore entries', () => {
  it('reads bare fingerprints and recorded entries; an entry blocks again the day after its until', () => {
    const entries = [
      'a:r:v2-0000000000000000',
      { fingerprint: 'b:r:v2-1111111111111111', until: '2026-03-01' },
      { fingerprint: 'c:r:v2-2222222222222222' },
    ];
    expect(activeFingerprints(entries, '2026-03-01')).toEqual([
      'a:r:v2-0000000000000000',
      'b:r:v2-1111111111111111',
      'c:r:v2-2222222222222222',
    ]);
    expect(activeFingerprints(entries, '2026-03-02')).toEqual(['a:r:v2-0000000000000000', 'c:r:v2-2222222222222222']);
  });

  it('takes days that exist, written YYYY-MM-DD', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2027-02-29')).toBe(false);
    expect(isDay('2027-1-05')).toBe(false);
    expect(isDay('2027-01-05T00:00')).toBe(false);
  });

  it('reads loose (unvalidated) entries without failing on odd ones', () => {
    expect(looseEntries(['x', { fingerprint: 'y', until: '2020-01-01', reason: 'r' }, { nope: 1 }, 3, null])).toEqual([
      'x',
      { fingerprint: 'y', until: '2020-01-01' },
    ]);
    expect(looseEntries('x')).toEqual([]);
  });
});

describe('parseSelection', () => {
  it.each([
    ['all', 4, [0, 1, 2, 3]],
    ['none', 4, []],
    ['', 4, []],
    ['1,3-4', 4, [0, 2, 3]],
    [' 2 , 1 ', 4, [0, 1]],
    ['3-3', 4, [2]],
  ])('%j of %i → %j', (text, count, expected) => expect(parseSelection(text, count)).toEqual(expected));

  it.each([['5'], ['0'], ['2-1'], ['1;2'], ['one'], ['1-']])('%j is asked again', (text) =>
    expect(parseSelection(text, 4)).toBeUndefined(),
  );
});
