import { parseToml, TomlSyntaxError } from '../../../src/config/import/toml';

function errorOf(text: string): { line: number; reason: string } {
  try {
    parseToml(text);
  } catch (error) {
    if (error instanceof TomlSyntaxError) return { line: error.line, reason: error.reason };
    throw error;
  }
  throw new Error('parsed');
}

describe('the strict TOML reader of leakgate import', () => {
  it('reads tables, arrays of tables and their sub-tables, dotted and quoted keys, every string form', () => {
    const { root, lineOf } = parseToml(
      [
        'title = "a \\"b\\" \\u00e9" # comment',
        '[extend]',
        'useDefault = true',
        '',
        '[[rules]]',
        "id = 'one'",
        "regex = '''(?i)\\b(x[0-9]{3})'''",
        'keywords = [',
        '  "a", # first',
        '  "b",',
        ']',
        'entropy = 3.5',
        'secretGroup = 0x2',
        '  [rules.allowlist]',
        '  stopwords = ["s"]',
        '  [[rules.allowlists]]',
        '  paths = ["p"]',
        '[[rules]]',
        'id = "two"',
        'meta.owner = "team"',
        '"quoted key" = { a = 1, b = [1, 2] }',
        'text = """',
        'line one',
        'line two"""',
      ].join('\n'),
    );
    expect(root.title).toBe('a "b" é');
    expect(root.extend).toEqual({ useDefault: true });
    expect(root.rules).toEqual([
      {
        id: 'one',
        regex: '(?i)\\b(x[0-9]{3})',
        keywords: ['a', 'b'],
        entropy: 3.5,
        secretGroup: 2,
        allowlist: { stopwords: ['s'] },
        allowlists: [{ paths: ['p'] }],
      },
      { id: 'two', meta: { owner: 'team' }, 'quoted key': { a: 1, b: [1, 2] }, text: 'line one\nline two' },
    ]);
    const rules = root.rules as Record<string, unknown>[];
    expect(lineOf.get(rules[0] as never)).toBe(5);
    expect(lineOf.get(rules[1] as never)).toBe(18);
    expect(lineOf.get((rules[0]!.allowlists as never[])[0]!)).toBe(16);
  });

  it('stops at the first mistake with its line', () => {
    expect(errorOf('a = 1\n[b\n')).toEqual({ line: 2, reason: 'expected ] to close the header' });
    expect(errorOf('a = 1\na = 2\n')).toMatchObject({ line: 2, reason: 'expected a to be defined once' });
    expect(errorOf('[t]\n[t]\n')).toMatchObject({ line: 2 });
    expect(errorOf('x = "open\n')).toMatchObject({ line: 1, reason: 'expected the string to end on its line' });
    expect(errorOf('\n\nregex = "\\d+"\n')).toMatchObject({ line: 3 });
    expect(errorOf('k = [1, 2\nj = 3\n')).toMatchObject({ line: 2, reason: 'expected , or ] in the array' });
    expect(errorOf('k = 1 junk\n')).toMatchObject({ line: 1, reason: 'expected the end of the line after a value or header' });
    expect(errorOf('d = 1979-05-27\n')).toMatchObject({ line: 1 });
    expect(errorOf('[a]\nb = 1\n[a.b]\n')).toMatchObject({ line: 3 });
  });
});
