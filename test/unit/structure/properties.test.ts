import fc from 'fast-check';
import { slotsOf, slotsOfOrThrow, type Slot, type SlotFormat } from '../../../src/detect/structure/slots';
import { MAX_SLOTS } from '../../../src/detect/structure/sink';
import { offsetOf, pointedAt } from './slotRows';

const FORMATS: SlotFormat[] = ['yaml', 'json', 'toml', 'ini', 'properties', 'env', 'xml', 'hcl'];

/** Characters that mean something to at least one of the formats, to make junk that hits every branch. */
const SYNTAX = [...'{}[]()<>"\'`:=#;!-|>&*%$\\/.,?@ \t\n\r'].concat([
  '\r\n',
  '{{',
  '}}',
  '${',
  '<<EOF',
  '"""',
  "'''",
  '---',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '&amp;',
  '\\u00',
  'key',
  'a',
  '0',
]);
const junk = fc.array(fc.oneof(fc.constantFrom(...SYNTAX), fc.string({ maxLength: 4 })), { maxLength: 120 }).map((parts) => parts.join(''));

function expectInside(text: string, slots: readonly Slot[]): void {
  for (const slot of slots) {
    expect(slot.line).toBeGreaterThanOrEqual(1);
    expect(slot.column).toBeGreaterThanOrEqual(1);
    expect(slot.rawLength).toBeGreaterThanOrEqual(0);
    const offset = offsetOf(text, slot);
    // The offset a slot carries and its line:column name one place.
    expect(slot.offset).toBe(offset);
    expect(offset).toBeLessThanOrEqual(text.length);
    expect(offset + slot.rawLength).toBeLessThanOrEqual(text.length);
    expect(slot.path.length).toBeLessThanOrEqual(200);
  }
}

describe('property: slotsOf never throws and points inside the text', () => {
  for (const format of FORMATS) {
    it(`${format}: random syntax soup`, () => {
      fc.assert(
        fc.property(fc.oneof(junk, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
          expectInside(text, slotsOfOrThrow(text, format));
        }),
        { numRuns: 400 },
      );
    });
  }

  it('slotsOf answers for any path and text', () => {
    fc.assert(
      fc.property(fc.string(), junk, (path, text) => Array.isArray(slotsOf(path, text))),
      { numRuns: 300 },
    );
  });
});

type Tree = string | Tree[] | { [key: string]: Tree };

const key = fc
  .oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,10}$/), fc.string({ minLength: 1, maxLength: 8 }))
  .filter((name) => name !== '__proto__');
const leaf = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const { tree } = fc.letrec<{ tree: Tree; node: Tree }>((tie) => ({
  tree: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  ),
}));

/** Every leaf of a tree with its path, in document order. */
function leaves(node: Tree, path: string[] = []): [string[], string][] {
  if (typeof node === 'string') return [[path, node]];
  const entries: [string, Tree][] = Array.isArray(node) ? node.map((child, index) => [String(index), child]) : Object.entries(node);
  return entries.flatMap(([name, child]) => leaves(child, [...path, name]));
}

/** A character a single-quoted YAML scalar holds as itself: printable, not a quote, not a line break. */
function isSingleQuotable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  const printable = code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code <= 0x9f) && !(code >= 0xd800 && code <= 0xdfff);
  return printable && char !== "'" && code !== 0x2028 && code !== 0x2029 && code !== 0xfeff;
}

/** A YAML scalar for a string: plain when that is safe, otherwise double-quoted (JSON's escapes are YAML's). */
function yamlScalar(value: string, quoteStyle: number): string {
  if (/^[A-Za-z][A-Za-z0-9_]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value) && quoteStyle === 0) return value;
  if (quoteStyle === 1 && [...value].every(isSingleQuotable)) return `'${value}'`;
  return JSON.stringify(value);
}

function toYaml(node: Tree, indent: number, quoteStyle: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const entries: [string | undefined, Tree][] = Array.isArray(node) ? node.map((child) => [undefined, child]) : Object.entries(node);
  for (const [name, child] of entries) {
    const head = name === undefined ? `${pad}-` : `${pad}${yamlScalar(name, quoteStyle)}:`;
    if (typeof child === 'string') lines.push(`${head} ${yamlScalar(child, quoteStyle)}`);
    else if (Array.isArray(child) ? child.length === 0 : Object.keys(child).length === 0)
      lines.push(`${head} ${Array.isArray(child) ? '[]' : '{}'}`);
    else lines.push(head, ...toYaml(child, indent + 2, quoteStyle));
  }
  return lines;
}

/** A written string's raw text read back the way its format decodes it. */
function decodeRaw(raw: string, quoted: 'double' | 'single' | 'plain'): string {
  if (quoted === 'double') return JSON.parse(`"${raw}"`) as string;
  return quoted === 'single' ? raw.replace(/''/g, "'") : raw;
}

describe('property: a nested object written as JSON or YAML comes back path for path', () => {
  it('JSON, compact or indented', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom(0, 2, 4, '\t'), (object, indent) => {
        const text = JSON.stringify(object, null, indent);
        const slots = slotsOfOrThrow(text, 'json');
        expect(slots.map((slot) => [slot.path, slot.value])).toEqual(leaves(object));
        for (const slot of slots) expect(decodeRaw(pointedAt(text, slot), 'double')).toBe(slot.value);
      }),
      { numRuns: 300 },
    );
  });

  it('YAML with plain, single- and double-quoted scalars', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom(0, 1, 2), (object, quoteStyle) => {
        const text = `${toYaml(object, 0, quoteStyle).join('\n')}\n`;
        const slots = slotsOfOrThrow(text, 'yaml');
        expect(slots.map((slot) => [slot.path, slot.value])).toEqual(leaves(object));
        for (const slot of slots) {
          const offset = offsetOf(text, slot);
          const quote = text[offset - 1];
          const quoted = quote === '"' ? 'double' : quote === "'" ? 'single' : 'plain';
          expect(decodeRaw(pointedAt(text, slot), quoted)).toBe(slot.value);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('bounded cost', () => {
  it(`stops at ${MAX_SLOTS} slots`, () => {
    const text = Array.from({ length: MAX_SLOTS + 500 }, (_, index) => `k${index}: v`).join('\n');
    const slots = slotsOf('big.yml', text);
    expect(slots).toHaveLength(MAX_SLOTS);
    expect(slots.at(-1)).toMatchObject({ path: [`k${MAX_SLOTS - 1}`], line: MAX_SLOTS });
  });

  // Each input would take minutes if a parser rescanned the text for every line or character.
  const size = 1 << 20;
  const pathological: [SlotFormat, string][] = [
    ['yaml', 'a: "'.padEnd(size, 'x\n  ')],
    ['yaml', '- '.repeat(size / 2)],
    ['yaml', `k:\n${'  - "\n'.repeat(size / 6)}`],
    ['yaml', '['.repeat(size)],
    ['yaml', `a: x\n${'  y\n'.repeat(size / 4)}`],
    ['yaml', Array.from({ length: size / 64 }, (_, index) => `${' '.repeat(index % 60)}k: "unclosed`).join('\n')],
    ['json', '{"a":'.repeat(size / 5)],
    ['json', '"\\'.repeat(size / 2)],
    ['json', '{{'.repeat(size / 2)],
    ['toml', '"""'.repeat(size / 3)],
    ['toml', `a = [${'['.repeat(size)}`],
    ['ini', `[s]\nk = v\n${'  more\n'.repeat(size / 7)}`],
    ['properties', 'k=\\\n'.repeat(size / 4)],
    ['env', 'A="'.repeat(size / 3)],
    ['xml', '<a>'.repeat(size / 3)],
    ['xml', '&'.repeat(size)],
    ['xml', `${'<a b="c"/>'.repeat(size / 20)}&`],
    ['xml', '<a b="'.repeat(size / 6)],
    ['hcl', 'a = "${'.repeat(size / 7)],
    ['hcl', 'b {'.repeat(size / 3)],
    ['hcl', `a = f(${'('.repeat(size)}`],
  ];
  it.each(pathological.map(([format, text], index) => [index, format, text] as const))(
    'pathological input %i (%s) of 1 MB is read in one pass',
    (_index, format, text) => {
      const slots = slotsOfOrThrow(text, format);
      expectInside(text, slots.slice(0, 1000));
    },
  );
});
