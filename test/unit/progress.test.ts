import { PROGRESS_INTERVAL_MS, ProgressLine } from '../../src/report/progress';

const CLEAR = '\r\u001b[K';

/** A progress line on a fake clock, and what it wrote. */
function line(total: { commits?: number; files?: number }) {
  let time = 0;
  const written: string[] = [];
  const progress = new ProgressLine(
    (text) => written.push(text),
    total,
    () => time,
  );
  return { progress, written, at: (ms: number) => (time = ms) };
}

describe('progress line', () => {
  it('redraws at most every PROGRESS_INTERVAL_MS (10 times a second), however often it is told', () => {
    const { progress, written, at } = line({ commits: 1000 });
    for (let ms = 0; ms < 1000; ms++) {
      at(ms);
      progress.advance(`c${ms}`, 100);
    }
    expect(written.length).toBe(1000 / PROGRESS_INTERVAL_MS);
    expect(written.every((text) => text.startsWith(CLEAR))).toBe(true);
  });

  it('commits done of the total, MB/s, and the time left once the pace is known', () => {
    const { progress, at } = line({ commits: 100 });
    at(0);
    for (let index = 0; index < 25; index++) progress.advance(`c${index}`, 200_000);
    progress.advance('c0', 1000); // a second file of a commit already counted
    expect(progress.text(100)).toBe('leakgate: 25/100 commits, 50.0 MB/s');
    expect(progress.text(2000)).toBe('leakgate: 25/100 commits, 2.5 MB/s, about 6 s left');
    expect(progress.text(60_000)).toBe('leakgate: 25/100 commits, 0.1 MB/s, about 3 min left');
  });

  it('files when no commits are counted; no total, no time left', () => {
    const withTotal = line({ files: 10 });
    withTotal.progress.advance('', 1e6);
    expect(withTotal.progress.text(1000)).toBe('leakgate: 1/10 files, 1.0 MB/s, about 9 s left');
    const withoutTotal = line({});
    withoutTotal.progress.advance('', 1e6);
    expect(withoutTotal.progress.text(1000)).toBe('leakgate: 1 file, 1.0 MB/s');
  });

  it('finish erases the line it drew, and writes nothing when it drew none', () => {
    const drawn = line({ commits: 2 });
    drawn.progress.advance('a', 1);
    drawn.progress.finish();
    expect(drawn.written.at(-1)).toBe(CLEAR);
    const none = line({ commits: 2 });
    none.progress.finish();
    expect(none.written).toEqual([]);
  });
});
