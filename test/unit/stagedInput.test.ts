import { PipedDiffUnusable, TrailerSink } from '../../src/git/stagedInput';

/** Feeds `input` to a TrailerSink cut at the given offsets; returns what passed through. */
function feed(input: Buffer, cuts: number[]): { text: string; ended: boolean } {
  const received: Buffer[] = [];
  let ended = false;
  const sink = new TrailerSink({ push: (chunk) => received.push(Buffer.from(chunk)), end: () => (ended = true) });
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    sink.push(input.subarray(from, cut));
    from = cut;
  }
  sink.end();
  return { text: Buffer.concat(received).toString('latin1'), ended };
}

describe('TrailerSink (the staged diff piped in by the hook)', () => {
  // Raw records end in NUL, then patch text: shaped like git's output.
  const diff = ':000000 100644 0000 1111 A\0src/a.js\0diff --git a/src/a.js b/src/a.js\n+const a = 1;\n';

  it('passes the diff through without the trailer, however the input is cut', () => {
    const input = Buffer.from(`${diff}\0LEAKGATE-GIT-EXIT=0\n`, 'latin1');
    for (let first = 0; first <= input.length; first++) {
      for (const second of [first, Math.min(input.length, first + 1), Math.min(input.length, first + 7)]) {
        const { text, ended } = feed(input, [first, second]);
        expect(text).toBe(diff);
        expect(ended).toBe(true);
      }
    }
  });

  it('passes an empty diff (nothing staged)', () => {
    expect(feed(Buffer.from('\0LEAKGATE-GIT-EXIT=0\n'), [])).toEqual({ text: '', ended: true });
  });

  it('refuses a stream without the trailer, and one whose git failed', () => {
    for (const input of [diff, `${diff}\0LEAKGATE-GIT-EXIT=`, `${diff}\0LEAKGATE-GIT-EXIT=128\n`, `${diff}\0LEAKGATE-GIT-EXIT=0`, '']) {
      expect(() => feed(Buffer.from(input, 'latin1'), [3])).toThrow(PipedDiffUnusable);
    }
  });

  it('takes only the last trailer: an earlier one inside the stream is content', () => {
    const inner = `${diff}\0LEAKGATE-GIT-EXIT=0\n+more\n`;
    expect(feed(Buffer.from(`${inner}\0LEAKGATE-GIT-EXIT=0\n`, 'latin1'), [10, 60]).text).toBe(inner);
    expect(() => feed(Buffer.from(`${inner}\0LEAKGATE-GIT-EXIT=1\n`, 'latin1'), [10])).toThrow(PipedDiffUnusable);
  });
});
