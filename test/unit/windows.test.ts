import fc from 'fast-check';
import { ContentDecoder, TextRuns, binaryText, MIN_TEXT_RUN } from '../../src/io/decode';
import { LineTooLong, MIN_WINDOW, OVERLAP, REACH, TextWindows, WindowedFindings } from '../../src/sources/windows';
import { catalogueDetector, scanText } from '../helpers/detector';
import { fakeMailjetPair } from '../helpers/fakeSecrets';

const detector = catalogueDetector();
const secretLine = (seed: string) => `MJ_APIKEY_PRIVATE=${fakeMailjetPair(seed).secretKey}`;
const located = (findings: { ruleId: string; spans: { line: number; column: number }[] }[]) =>
  findings.map((f) => `${f.ruleId}@${f.spans.map((s) => `${s.line}:${s.column}`).join('+')}`).sort();

/** Windowed findings of `text` pushed in pieces of the given sizes (cycled). */
function windowed(text: string, pieces: number[], size = MIN_WINDOW) {
  const collected = new WindowedFindings(detector, { path: 'big.env' });
  const windows = new TextWindows(collected, size, 'big.env');
  for (let at = 0, index = 0; at < text.length; index++) {
    const length = pieces[index % pieces.length]!;
    windows.push(text.slice(at, at + length));
    at += length;
  }
  windows.end();
  return collected.findings;
}

describe('TextWindows: big text judged in overlapping windows', () => {
  // Secrets on their own lines every ~37 KB, and a cluster placed across the first window's edge
  // and across the ownership boundaries (REACH past where the next window starts).
  const filler = 'lorem ipsum dolor sit amet, consectetur adipiscing elit\n';
  function textWithSecrets(): string {
    const parts: string[] = [];
    let length = 0;
    let count = 0;
    const edges = [MIN_WINDOW - 30, MIN_WINDOW - 60, MIN_WINDOW - OVERLAP + REACH - 20, MIN_WINDOW - OVERLAP - 5, MIN_WINDOW - OVERLAP + 3];
    while (length < 3 * MIN_WINDOW) {
      const next = edges.find((edge) => edge >= length && edge < length + filler.length);
      const line =
        next !== undefined
          ? `${'p'.repeat(next - length)}${secretLine(`edge-${count++}`)}\n`
          : length % 37_000 < filler.length
            ? `${secretLine(`every-${count++}`)}\n`
            : filler;
      parts.push(line);
      length += line.length;
    }
    return parts.join('');
  }
  const text = textWithSecrets();
  const whole = located(scanText(detector, text, 'big.env'));

  it('finds every secret exactly once at the line:column of the whole text, whatever the pieces', () => {
    expect(whole.length).toBeGreaterThan(40);
    for (const pieces of [[64 * 1024], [1], [7, 100_003, 65_536], [text.length]]) {
      if (pieces[0] === 1) continue; // one character at a time is covered below on a smaller text
      expect(located(windowed(text, pieces))).toEqual(whole);
    }
  });

  it('random piece sizes give the same findings (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300_000 }), { minLength: 1, maxLength: 8 }), (pieces) => {
        expect(located(windowed(text, pieces))).toEqual(whole);
      }),
      { numRuns: 15 },
    );
  });

  it('a line longer than a window can hold is refused, not cut', () => {
    const long = `a=1\n${'x'.repeat(MIN_WINDOW)}\n`;
    expect(() => windowed(long, [65_536])).toThrow(LineTooLong);
    expect(() => windowed(long, [65_536])).toThrow(/big\.env has a line longer than/);
  });

  it('text shorter than a window is one window: the same as scanning it whole', () => {
    const small = `A=1\n${secretLine('small')}\n`;
    expect(located(windowed(small, [3]))).toEqual(located(scanText(detector, small, 'big.env')));
  });
});

describe('TextRuns: the text inside binary content', () => {
  const key = secretLine('binary');
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
    Buffer.from('\nshort\0'),
    Buffer.from(`X=${key}\0\0`),
    Buffer.from('\n\n\t  tabbed run ok\0zz'),
  ]);

  it('keeps runs of at least MIN_TEXT_RUN printable bytes, one per line, and places them in the raw bytes', () => {
    const { text, places } = binaryText(bytes);
    expect(text).toBe(`X=${key}\n\t  tabbed run ok`);
    expect(places.place(1, 3)).toEqual({ line: 2, column: 9 }); // "short\0" is 6 bytes: X= starts at column 7
    expect(places.place(2, 1)).toEqual({ line: 4, column: 1 });
    expect('short'.length).toBeLessThan(MIN_TEXT_RUN);
  });

  it('gives the same text and places whatever the pieces (property)', () => {
    const whole = binaryText(bytes);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 }), (sizes) => {
        const runs = new TextRuns();
        let text = '';
        for (let at = 0, index = 0; at < bytes.length; index++) {
          const size = sizes[index % sizes.length]!;
          text += runs.push(bytes.subarray(at, at + size));
          at += size;
        }
        expect(text).toBe(whole.text);
        for (let line = 1; line <= 2; line++) expect(runs.place(line, 5)).toEqual(whole.places.place(line, 5));
      }),
    );
  });

  it('a key after a NUL is found by the detector and placed at its byte column', () => {
    const { text, places } = binaryText(bytes);
    const [finding] = scanText(detector, text, 'logo.png');
    expect(finding!.ruleId).toBe('mailjet-secret-key');
    expect(places.place(finding!.spans[0]!.line, finding!.spans[0]!.column)).toEqual({ line: 2, column: 9 + 'MJ_APIKEY_PRIVATE='.length });
  });
});

describe('ContentDecoder: content in pieces decoded like a file held whole', () => {
  const decodeInPieces = (bytes: Buffer, size: number) => {
    const decoder = new ContentDecoder();
    let text = '';
    for (let at = 0; at < bytes.length; at += size) text += decoder.push(bytes.subarray(at, at + size));
    return { text: text + decoder.end(), binary: decoder.runs !== undefined };
  };

  it.each([1, 3, 4096, 1 << 20])(
    'UTF-8 (BOM dropped, characters split across pieces), UTF-16 with a BOM, binary: pieces of %i bytes',
    (size) => {
      const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ünï\ncödé €\n'.repeat(2000))]);
      expect(decodeInPieces(utf8, size)).toEqual({ text: 'ünï\ncödé €\n'.repeat(2000), binary: false });
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A=1\nB=ü\n'.repeat(1000), 'utf16le')]);
      expect(decodeInPieces(utf16, size)).toEqual({ text: 'A=1\nB=ü\n'.repeat(1000), binary: false });
      // Not valid UTF-8 (0x89 leads PNG's signature) and NULs: binary, not text with stray NULs.
      const binary = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47]),
        Buffer.alloc(10, 0),
        Buffer.from('readable text run\n'.repeat(600)),
      ]);
      expect(decodeInPieces(binary, size)).toEqual({ text: binaryText(binary).text, binary: true });
    },
  );
});
