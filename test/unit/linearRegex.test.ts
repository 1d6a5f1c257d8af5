import fc from 'fast-check';
import { userRegexProblem } from '../../src/config/ruleSchema';
import { userConfigSchema } from '../../src/config/userConfigSchema';
import { compileUserRule } from '../../src/detect/compile';
import { LinearRuleRegex, linearRegexProblem, linearStringTest } from '../../src/detect/linearRegex';
import { matchesOf } from '../../src/detect/ruleMatches';

/** What a sweep reports per match: where, every group's text and span, named groups. */
function sweep(regex: { lastIndex: number; exec(text: string): RegExpExecArray | null }, text: string) {
  const out: unknown[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    out.push({
      index: match.index,
      groups: [...match],
      indices: [...match.indices!],
      named: match.groups ?? null,
      namedIndices: match.indices!.groups ?? null,
    });
    if (match[0].length === 0) regex.lastIndex++;
  }
  return out;
}

// Patterns both engines read the same way (RE2 and JavaScript agree on this syntax).
const PATTERNS = [
  'key=([a-f0-9]{4,8})',
  '\\b(tok_[A-Za-z0-9]{3,})\\b',
  '(?<secret>[A-Z]{2}[0-9]+)',
  '(a|b)?(c)',
  'x(y*)z|(q)',
  '([ab]+)-(?:[cd]+)-([ef]*)',
];
const ALPHABET = ['a', 'b', 'c', 'd', 'e', 'f', 'x', 'y', 'z', 'q', '-', '=', 'k', 'tok_', 'key=', 'AB', '12', ' ', '\n', 'é', '😀'];

describe('user regexes on the linear-time engine', () => {
  it.each(PATTERNS)('%s: the same matches, groups and indices as RegExp with the gd flags', (source) => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(sweep(new LinearRuleRegex(source), text)).toEqual(sweep(new RegExp(source, 'gd'), text));
      }),
      { numRuns: 300 },
    );
  });

  it("(?i) is case-insensitive, as the catalogue's prefix is", () => {
    expect(sweep(new LinearRuleRegex('(?i)key=([a-f0-9]{4})'), 'KEY=ABCD')).toEqual(sweep(/key=([a-f0-9]{4})/dgi, 'KEY=ABCD'));
  });

  it('runs patterns that take V8 exponential time in linear time', () => {
    const text = `${'a'.repeat(5000)}!`;
    const started = Date.now();
    expect(sweep(new LinearRuleRegex('((a|aa)*c)'), text)).toEqual([]);
    expect(linearStringTest('^(\\w|\\w)*!$').test(text)).toBe(true);
    expect(linearStringTest('^(\\w|\\w)*\\?$').test(text)).toBe(false);
    // Minutes, or more, on a backtracking engine; a generous bound for a loaded machine.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a user rule is swept by the linear engine, never tried sticky', () => {
    const rule = compileUserRule({ id: 'acme', provider: 'Acme', description: 'Acme', regex: 'acme_([a-z0-9]{6})', keywords: ['acme_'] });
    expect(rule.keywordOffsets()).toBeUndefined();
    expect(rule.regex()).toBeInstanceOf(LinearRuleRegex);
    expect([...matchesOf(rule, 'x acme_abc123 acme_def456', undefined)].map((match) => [match.index, match[1]])).toEqual([
      [2, 'abc123'],
      [14, 'def456'],
    ]);
  });

  it.each([
    ['a lookahead', '(?=x)(a)'],
    ['a backreference', '(a)\\1'],
    ['a lookbehind', '(?<!x)(a)'],
  ])('refuses %s, saying why', (_what, source) => {
    expect(linearRegexProblem(source)).toBeDefined();
    expect(userRegexProblem(source)).toMatch(/^a regex in RE2 syntax, which runs in linear time \(/);
  });

  it('cuts a long quote of the pattern in its reason (a pattern may hold the key it allowlists)', () => {
    const long = `(${'k'.repeat(40)}`;
    const reason = linearRegexProblem(long)!;
    expect(reason).toBeDefined();
    expect(reason).not.toContain('k'.repeat(5));
  });

  it('requires the secret in a capture group', () => {
    expect(userRegexProblem('token=[a-z]+')).toMatch(/capture group/);
    expect(userRegexProblem('token=(?<secret>[a-z]+)')).toBeUndefined();
    expect(userRegexProblem('(?i)key=([a-f0-9]{32})')).toBeUndefined();
  });

  it('config validation refuses an allowlist regex RE2 cannot run, and accepts the overlapping alternations it can', () => {
    expect(userConfigSchema.safeParse({ allowlist: { regexes: ['^(\\w|\\w)*!$', '(a|aa)*c'] } }).success).toBe(true);
    const refused = userConfigSchema.safeParse({ allowlist: { regexes: ['(?=a)b'] } });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues[0]!.path).toEqual(['allowlist', 'regexes', 0]);
  });
});
