import fc from 'fast-check';
import { ContentDecoder, type ContentEncoding, decodeContent, encodingOf, SNIFF_BYTES } from '../../src/io/decode';
import { Utf32Decoder } from '../../src/io/utf32';
import { scanBytes } from '../../src/sources/scanContent';
import { catalogueDetector } from '../helpers/detector';
import { noise, realBinaries, utf16, utf32 } from '../helpers/encodings';
import { fakeMailjetPair } from '../helpers/fakeSecrets';

const { secretKey } = fakeMailjetPair('decode');
/** A `mailjet-secret-key` finding at column 19 of whatever line it is on. */
const SECRET_LINE = `MJ_APIKEY_PRIVATE=${secretKey}`;
const ENV = `A=1\n${SECRET_LINE}\n`;

/** Each UTF-16/UTF-32 encoding, with and without a BOM, and how to write text in it. */
const WIDE: { encoding: ContentEncoding; bom: boolean; encode: (text: string) => Buffer }[] = [false, true].flatMap((bom) => [
  { encoding: 'utf-16le', bom, encode: (text: string) => utf16(text, { bom }) },
  { encoding: 'utf-16be', bom, encode: (text: string) => utf16(text, { bom, bigEndian: true }) },
  { encoding: 'utf-32le', bom, encode: (text: string) => utf32(text, { bom }) },
  { encoding: 'utf-32be', bom, encode: (text: string) => utf32(text, { bom, bigEndian: true }) },
]);
const named = WIDE.map((wide) => ({ ...wide, name: `${wide.encoding}${wide.bom ? ' with a BOM' : ' without a BOM'}` }));

describe('encodingOf: how content is read, from its first SNIFF_BYTES', () => {
  it.each(named)('$name: detected, and decoded to the text written (BOM dropped)', ({ encoding, encode }) => {
    for (const text of [ENV, 'A=1\r\nB=ünï €\r\n', `# grüße 😀\n${SECRET_LINE}\n`.repeat(300), 'A', 'A=1\n']) {
      const bytes = encode(text);
      expect(encodingOf(bytes)).toBe(encoding);
      expect(decodeContent(bytes)).toEqual({ kind: 'text', text });
    }
  });

  it('a UTF-32LE BOM (FF FE 00 00) wins over the UTF-16LE BOM it starts with; UTF-16LE whose first character is U+0000 stays UTF-16LE', () => {
    expect(encodingOf(utf32('A=1\n', { bom: true }))).toBe('utf-32le');
    // FF FE, then U+0000 and text: as UTF-32 its units are above U+10FFFF, so the UTF-32 BOM is not believed.
    const sixteen = utf16(`\u0000${ENV}`, { bom: true });
    expect([...sixteen.subarray(0, 4)]).toEqual([0xff, 0xfe, 0, 0]);
    expect(encodingOf(sixteen)).toBe('utf-16le');
  });

  it('odd lengths: a code unit cut short at the end decodes to U+FFFD, the text before it intact', () => {
    for (const { encode, encoding } of WIDE) {
      const width = encoding.startsWith('utf-32') ? 4 : 2;
      for (let extra = 1; extra < width; extra++) {
        const bytes = Buffer.concat([encode(ENV), Buffer.from([0x41, 0x42, 0x43].slice(0, extra))]);
        expect(encodingOf(bytes)).toBe(encoding);
        expect(decodeContent(bytes)).toEqual({ kind: 'text', text: `${ENV}\ufffd` });
      }
    }
  });

  it('UTF-32 units that are no Unicode scalar value (a surrogate, above U+10FFFF) decode to U+FFFD', () => {
    const bad = Buffer.from([0x00, 0xd8, 0, 0, 0, 0, 0x11, 0]);
    for (const bom of [false, true]) {
      const bytes = Buffer.concat([utf32('A=1\nB=2\nC=', { bom }), bad, utf32('\n')]);
      expect(encodingOf(bytes)).toBe('utf-32le');
      expect(decodeContent(bytes)).toEqual({ kind: 'text', text: 'A=1\nB=2\nC=\ufffd\ufffd\n' });
    }
  });

  it('no NUL in the first SNIFF_BYTES: UTF-8, even behind bytes that look like a BOM', () => {
    expect(encodingOf(Buffer.from(ENV))).toBe('utf-8');
    expect(encodingOf(Buffer.concat([Buffer.from([0xff, 0xfe, 0x41, 0x42]), Buffer.from(ENV)]))).toBe('utf-8');
    expect(encodingOf(Buffer.concat([Buffer.from('x'.repeat(SNIFF_BYTES)), utf16(ENV)]))).toBe('utf-8');
  });

  it('UTF-8 text with stray NULs (one before an .env body, one mid-line, a few in a long file) is text, NULs kept', () => {
    const cases = [
      `\0${ENV}`,
      `A=ü\0x\n${SECRET_LINE}\n`,
      `\0\0${ENV}${ENV}`,
      `${'lorem ipsum dolor sit amet ünï\n'.repeat(100)}\0${ENV}\0${'x\n'.repeat(100)}`,
      '\0',
    ];
    for (const text of cases) {
      const bytes = Buffer.from(text);
      expect(encodingOf(bytes)).toBe('utf-8');
      expect(decodeContent(bytes)).toEqual({ kind: 'text', text });
    }
    // With a UTF-8 BOM too: dropped as usual.
    expect(decodeContent(Buffer.from(`\ufeff\0${ENV}`))).toEqual({ kind: 'text', text: `\0${ENV}` });
  });

  it('a character cut by the end of the sniffed bytes is no sign of binary', () => {
    const head = `\0${'a'.repeat(SNIFF_BYTES - 3)}`; // the euro sign (3 bytes) starts 2 bytes before the end
    const bytes = Buffer.from(`${head}€${'b'.repeat(100)}`);
    expect(bytes[SNIFF_BYTES - 1]).toBeGreaterThanOrEqual(0x80);
    expect(encodingOf(bytes)).toBe('utf-8');
  });

  it('control bytes beyond one in 32, or invalid UTF-8, with a NUL: binary', () => {
    expect(encodingOf(Buffer.from([0, 1, 2, 3]))).toBe('binary');
    expect(encodingOf(Buffer.from(`\0\x01\x02${'x'.repeat(60)}`))).toBe('binary'); // 3 controls in 63 bytes
    expect(encodingOf(Buffer.from(`\0\x01${'x'.repeat(62)}`))).toBe('utf-8'); // 2 in 64
    expect(encodingOf(Buffer.concat([Buffer.from([0x89, 0]), Buffer.from(ENV)]))).toBe('binary');
    expect(encodingOf(Buffer.alloc(100))).toBe('binary');
  });

  it.each(Object.entries(realBinaries()))('a real binary stays binary: %s', (_name, bytes) => {
    expect(bytes.subarray(0, SNIFF_BYTES).includes(0)).toBe(true);
    expect(encodingOf(bytes)).toBe('binary');
    expect(decodeContent(bytes)).toEqual({ kind: 'binary' });
  });

  it('noise with a NUL stays binary, at any length from 2 bytes to past SNIFF_BYTES (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: SNIFF_BYTES + 100 }), (seed, length) => {
        const bytes = noise(seed, length);
        bytes[seed % length] = 0;
        // A few bytes of noise can spell a character or two of UTF-16 text; 64 cannot.
        if (length >= 64) expect(encodingOf(bytes)).toBe('binary');
        else expect(['binary', 'utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be']).toContain(encodingOf(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('only the first SNIFF_BYTES count: whatever follows them leaves the verdict alone (property)', () => {
    const heads = [Buffer.from(ENV.repeat(200)), utf16(ENV.repeat(200)), utf32(ENV.repeat(200)), Buffer.from(`\0${ENV.repeat(200)}`)];
    const verdicts = heads.map((head) => encodingOf(head.subarray(0, SNIFF_BYTES)));
    expect(verdicts).toEqual(['utf-8', 'utf-16le', 'utf-32le', 'utf-8']);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 2000 }), (tail) => {
        heads.forEach((head, index) => {
          expect(encodingOf(Buffer.concat([head.subarray(0, SNIFF_BYTES), tail]))).toBe(verdicts[index]);
        });
      }),
      { numRuns: 50 },
    );
  });
});

describe('content in pieces: the same text as the content held whole', () => {
  const inPieces = (bytes: Buffer, sizes: number[]) => {
    const decoder = new ContentDecoder();
    let text = '';
    for (let at = 0, index = 0; at < bytes.length; index++) {
      const size = sizes[index % sizes.length]!;
      text += decoder.push(bytes.subarray(at, at + size));
      at += size;
    }
    return { text: text + decoder.end(), binary: decoder.runs !== undefined };
  };
  const long = `# grüße 😀 €\n${SECRET_LINE}\r\n`.repeat(500); // longer than SNIFF_BYTES in every encoding

  it.each(named)('$name: a code unit split across pieces waits for its other bytes (property)', ({ encode }) => {
    for (const text of [long, ENV]) {
      const bytes = Buffer.concat([encode(text), Buffer.from([0x41])]); // an odd tail, cut short
      const whole = decodeContent(bytes);
      expect(whole).toEqual({ kind: 'text', text: `${text}\ufffd` });
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 8 }), (sizes) => {
          expect(inPieces(bytes, sizes)).toEqual({ text: `${text}\ufffd`, binary: false });
        }),
        { numRuns: 40 },
      );
    }
  });

  it('UTF-8 with stray NULs and real binaries: decided as when held whole', () => {
    expect(inPieces(Buffer.from(`\0${long}`), [1, 7, 4096])).toEqual({ text: `\0${long}`, binary: false });
    for (const bytes of Object.values(realBinaries())) expect(inPieces(bytes, [3, 5000]).binary).toBe(true);
  });

  it('Utf32Decoder: a BOM only at the start, units split anywhere, a cut unit at the end → U+FFFD', () => {
    const decoder = new Utf32Decoder('utf-32be');
    const bytes = utf32('\ufeffa\ufeffb😀', { bigEndian: true });
    let text = '';
    for (const byte of bytes) text += decoder.decode(Uint8Array.of(byte), { stream: true });
    expect(text + decoder.decode(Uint8Array.of(0, 0))).toBe('a\ufeffb😀\ufffd');
    expect(decoder.decode(utf32('\ufeffagain', { bigEndian: true }))).toBe('again'); // a finished decoder starts over
  });
});

describe('findings in decoded text: placed at line:column of the text, in characters', () => {
  const detector = catalogueDetector();
  const place = (bytes: Buffer, path = 'app.env') =>
    scanBytes(detector, { path }, bytes).findings.map((finding) => {
      const [span] = finding.spans;
      return { rule: span!.ruleId, at: `${span!.line}:${span!.column}`, secret: span!.secret };
    });

  it.each(named)('$name: a key after non-ASCII text on its line is found at its character column', ({ encode }) => {
    // "ü€😀 " is 5 characters (the emoji two UTF-16 code units, as in any decoded text), 10 bytes in UTF-8.
    const bytes = encode(`A=1\nX=ü€😀 ${SECRET_LINE}\n`);
    const scan = scanBytes(detector, { path: 'app.env' }, bytes);
    expect(scan.binary).toBe(false);
    expect(place(bytes)).toEqual([{ rule: 'mailjet-secret-key', at: '2:26', secret: secretKey }]);
  });

  it('a stray NUL before an .env body, or mid-line before the key: found at the line:column of the text', () => {
    expect(place(Buffer.from(`\0${ENV}`))).toEqual([{ rule: 'mailjet-secret-key', at: '2:19', secret: secretKey }]);
    // "X=é\0 " is 5 characters (6 bytes).
    expect(place(Buffer.from(`A=1\nX=é\0 ${SECRET_LINE}\n`))).toEqual([{ rule: 'mailjet-secret-key', at: '2:24', secret: secretKey }]);
  });

  it('the same key in a real binary is still found through its runs of text, at its byte column', () => {
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), Buffer.from(`\nX=é ${SECRET_LINE}\n`)]);
    expect(encodingOf(bytes)).toBe('binary');
    // "X=é " is 5 bytes, and the run of text starts after it (é is not printable ASCII).
    expect(place(bytes)).toEqual([{ rule: 'mailjet-secret-key', at: '2:24', secret: secretKey }]);
  });
});
