import fc from 'fast-check';
import { loadRules } from '../../src/config/loadRules';
import { keywordOffsets } from '../../src/detect/keywordOffsets';
import { compileCatalogue, compileRule } from '../../src/detect/compile';
import { KeywordIndex } from '../../src/detect/keywordIndex';
import { matchesOf } from '../../src/detect/ruleMatches';
import type { CompiledRule } from '../../src/detect/types';

const offsetsOf = (source: string, keywords: string[]) => {
  const offsets = keywordOffsets(source, keywords);
  return offsets && Object.fromEntries(offsets);
};

describe('keyword offsets proven from a regex', () => {
  it('finds a keyword at the start of every match', () => {
    expect(offsetsOf('\\b(ghp_[A-Za-z0-9]{36})(?![A-Za-z0-9])', ['ghp_'])).toEqual({ ghp_: [0] });
    expect(offsetsOf('(?i)(?<![a-z])(?:Telegram|[Bb]ot)[^\\n]{0,60}?([0-9]{8,10})', ['telegram', 'bot'])).toEqual({
      telegram: [0],
      bot: [0],
    });
  });

  it('counts characters it cannot name before the keyword (one per class)', () => {
    expect(offsetsOf('(?:^|[^A-Za-z0-9/+])((?:AKIA|ASIA)[A-Z2-7]{16})', ['akia', 'asia'])).toEqual({ akia: [0, 1], asia: [0, 1] });
    expect(offsetsOf('(?:https?|ssh)://(?<secret>[^@]{3,20})@', ['://'])).toEqual({ '://': [3, 4, 5] });
    expect(offsetsOf('(?:x-)?secret=([a-z]{20})', ['secret'])).toEqual({ secret: [0, 2] });
  });

  it('spells out a short range where a keyword runs through it', () => {
    const keywords = [...'0123456789abcdef'].map((digit) => `key${digit}`);
    const telnyx = offsetsOf('(?<![A-Za-z0-9_])(KEY[0-9A-F]{32}_[A-Za-z0-9]{22})(?![A-Za-z0-9])', keywords);
    expect(telnyx).toEqual(Object.fromEntries(keywords.map((keyword) => [keyword, [0]])));
    // Every digit must name a keyword: one missing leaves a match that starts with none.
    expect(offsetsOf('KEY[0-9A-F]{32}', keywords.slice(1))).toBeUndefined();
    // A range written from an escape is not read as one: the keyword beyond it stays unproven.
    expect(offsetsOf('[\\x30-\\x39]token=', ['0token'])).toBeUndefined();
  });

  it('takes a short range as one unnamed character where spelling it out grows too many literals', () => {
    // 16 × 16 × 16 literals before the keyword: over the limit, so each class counts as one character.
    expect(offsetsOf('[0-9a-f][0-9a-f][0-9a-f]token=([a-z]{20})', ['token'])).toEqual({ token: [3] });
  });

  it('uses a leading lookahead that names a keyword for every match', () => {
    expect(
      offsetsOf('(?i)(?=napi_|neon)(?:(?<![a-z0-9_])(?=napi_)|neon[\\w.-]{0,20}key=)(?<secret>(?:napi_)?[a-z0-9]{64})', ['napi_', 'neon']),
    ).toEqual({ napi_: [0], neon: [0] });
  });

  it('refuses what it cannot prove', () => {
    // A separator mix (account.sid) holds none of the keywords.
    expect(offsetsOf('account[_.-]?sid=(AC[a-f0-9]{32})', ['accountsid', 'account_sid'])).toBeUndefined();
    // The keyword at an unbounded distance from the start.
    expect(offsetsOf('[a-z]{0,20}token=([a-z]{20})', ['token'])).toBeUndefined();
    expect(offsetsOf('.*token=([a-z]{20})', ['token'])).toBeUndefined();
    // A lookahead that governs one alternative only.
    expect(offsetsOf('(?:(?=foo)foox|bar)[0-9]{20}', ['foo'])).toBeUndefined();
    // A lookbehind is not part of the match.
    expect(offsetsOf('(?<=token=)([a-z]{20})', ['token'])).toBeUndefined();
    // Back-references and syntax it does not read, before the keyword (after it, nothing matters).
    expect(offsetsOf('([ab])\\1token=', ['token'])).toBeUndefined();
    expect(offsetsOf('(token)=\\1', ['token'])).toEqual({ token: [0] });
    expect(offsetsOf('\\u0074oken=([a-z]{20})', ['token'])).toBeUndefined();
    // A keyword that only shows up in the secret's context, not at the start (mailjet's Client("…")).
    expect(offsetsOf('(?:mailjet_key=|Client\\(")([0-9a-f]{32})', ['mailjet'])).toBeUndefined();
    expect(offsetsOf('token', [])).toBeUndefined();
  });

  it('proves most of the catalogue', () => {
    const rules = loadRules().rules.filter((rule) => rule.regex !== undefined);
    const proven = rules.filter((rule) => keywordOffsets(rule.regex!, rule.keywords) !== undefined);
    expect(proven.length / rules.length).toBeGreaterThan(0.7);
  });
});

/** The sweep: what a global regex finds, as (start, text) pairs. */
function sweep(rule: CompiledRule, text: string): string[] {
  return [...matchesOf(rule, text, undefined)].map((match) => `${match.index}:${match[0]}`);
}

describe('anchored matching', () => {
  const catalogue = loadRules();
  const rules = compileCatalogue(catalogue.rules, [], []).filter((rule) => rule.hasRegex);
  const anchored = rules.filter((rule) => rule.keywordOffsets() !== undefined);
  const index = new KeywordIndex(rules.map((rule) => ({ item: rule, keywords: rule.keywords })));
  const examples = catalogue.rules
    .flatMap((rule) => [...rule.examples.positive, ...rule.examples.negative])
    .map((example) => (typeof example === 'string' ? example : example.text));

  /** Forces the automaton (the only path that gives keyword hits), whatever the text's size. */
  function hitsFor(text: string) {
    const { hits } = index.search(`${text}${' '.repeat(70 * 1024)}`);
    expect(hits).toBeDefined();
    return hits!;
  }

  it('finds exactly the matches of a sweep in every example of the catalogue, alone and run together', () => {
    const texts = [...examples, examples.join('\n'), examples.join(''), examples.join(' ').toUpperCase()];
    const differences: string[] = [];
    for (const text of texts) {
      const hits = hitsFor(text);
      for (const rule of anchored) {
        const expected = sweep(rule, text);
        const actual = [...matchesOf(rule, text, hits)].map((match) => `${match.index}:${match[0]}`);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) differences.push(`${rule.id} on ${JSON.stringify(text.slice(0, 40))}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('property: finds exactly the matches of a sweep in random mixes of examples, keywords and noise', () => {
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))];
    const fragment = fc.oneof(
      fc.constantFrom(...examples),
      fc.constantFrom(...examples).chain((example) => fc.nat(example.length).map((cut) => example.slice(cut))),
      fc.constantFrom(...keywords),
      fc.constantFrom(...keywords).map((keyword) => keyword.toUpperCase()),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('\n', ' ', '"', '=', ': ', '\u212a', 'é'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const hits = hitsFor(text);
        for (const rule of anchored) {
          expect([rule.id, [...matchesOf(rule, text, hits)].map((match) => `${match.index}:${match[0]}`)]).toEqual([
            rule.id,
            sweep(rule, text),
          ]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sweeps a rule it cannot prove, even when keyword hits are known', () => {
    const rule = compileRule({
      id: 'context-keyword',
      provider: 'Test',
      description: 'test',
      regex: '(?:mailjet_key=|Client\\(")([0-9a-f]{32})',
      keywords: ['mailjet'],
    });
    expect(rule.keywordOffsets()).toBeUndefined();
    const text = `// mailjet\nClient("${'ab12'.repeat(8)}")`;
    expect([...matchesOf(rule, text, hitsFor(text))].map((match) => match[1])).toEqual(['ab12'.repeat(8)]);
  });
});
