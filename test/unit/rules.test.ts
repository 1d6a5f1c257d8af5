import { loadRules } from '../../src/config/loadRules';
import { FAMILIES, rulesFileSchema } from '../../src/config/ruleSchema';
import type { RuleExample } from '../../src/config/ruleSchema';
import { KeywordIndex } from '../../src/detect/keywordIndex';
import { redactSecret } from '../../src/report/redact';
import type { Finding } from '../../src/detect/types';
import { catalogueDetector, ruleDetector, unhashedFingerprint } from '../helpers/detector';

const catalogue = loadRules();
const full = catalogueDetector({}, unhashedFingerprint);

type Rule = (typeof catalogue.rules)[number];

function asFile(example: RuleExample): { path: string; text: string } {
  if (typeof example === 'string') return { path: 'src/example.txt', text: example };
  return { path: example.path ?? 'src/example.txt', text: example.text };
}

/** Where an example says its rule reports it, if it says so. */
function pinOf(example: RuleExample): { line: number; column: number; redacted: string } | undefined {
  if (typeof example === 'string' || !('line' in example)) return undefined;
  return { line: example.line, column: example.column, redacted: example.redacted };
}

/** Where a finding is, in the terms of a pin: its first span, and the secret as reports redact it. */
function pinOfFinding(finding: Finding): { line: number; column: number; redacted: string } {
  const first = finding.spans[0]!;
  return { line: first.line, column: first.column, redacted: finding.spans.map((span) => redactSecret(span.secret)).join(' + ') };
}

/**
 * Negative examples the keyword prefilter would skip, so the rule's regex never sees them: such
 * an example passes whatever the regex does. Judged by the prefilter itself, which also treats a
 * rule without keywords (a credential file found by its path) as always a candidate.
 */
function negativesWithoutKeyword(rules: readonly Rule[]): string[] {
  const missing: string[] = [];
  for (const rule of rules.filter((r) => r.regex !== undefined)) {
    const prefilter = new KeywordIndex([{ item: rule.id, keywords: rule.keywords }]);
    rule.examples.negative.forEach((example, index) => {
      if (prefilter.candidates(asFile(example).text).length === 0) missing.push(`${rule.id}: negative ${index}`);
    });
  }
  return missing;
}

describe('rules.json', () => {
  it('validates and holds the foundation catalogue', () => {
    expect(catalogue.rules.length).toBeGreaterThanOrEqual(3);
    for (const rule of catalogue.rules) expect(FAMILIES).toContain(rule.family);
  });

  it('gives every rule at least two positive and two negative examples', () => {
    const lacking = catalogue.rules
      .filter((rule) => rule.examples.positive.length < 2 || rule.examples.negative.length < 2)
      .map((rule) => rule.id);
    expect(lacking).toEqual([]);
  });

  it('uses {path, text} examples for every path-scoped rule', () => {
    const stringExamples = catalogue.rules
      .filter((rule) => rule.path !== undefined)
      .filter((rule) => [...rule.examples.positive].some((example) => typeof example === 'string' || example.path === undefined))
      .map((rule) => rule.id);
    expect(stringExamples).toEqual([]);
  });

  it('has keywords on every content rule, each contained in every positive example', () => {
    const problems: string[] = [];
    for (const rule of catalogue.rules.filter((r) => r.regex !== undefined)) {
      if (rule.keywords.length === 0) problems.push(`${rule.id}: no keywords`);
      for (const example of rule.examples.positive) {
        const text = asFile(example).text.toLowerCase();
        if (!rule.keywords.some((keyword) => text.includes(keyword)))
          problems.push(`${rule.id}: positive without a keyword: ${JSON.stringify(example).slice(0, 60)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has a keyword of its rule in every negative example of a content rule', () => {
    expect(negativesWithoutKeyword(catalogue.rules)).toEqual([]);
  });

  it('reports a negative example the prefilter would skip, in any case of the keyword', () => {
    const template = catalogue.rules.find((rule) => rule.id === 'mailjet-api-key')!;
    const rule: Rule = {
      ...template,
      examples: { positive: template.examples.positive, negative: ['MJ_APIKEY_PUBLIC=${KEY}', "const commit = '9f3b1c7e';"] },
    };
    expect(negativesWithoutKeyword([rule])).toEqual(['mailjet-api-key: negative 1']);
    // A rule found by its path alone has no keywords: the prefilter never skips its examples.
    const pathOnly = catalogue.rules.find((r) => r.regex === undefined)!;
    expect(negativesWithoutKeyword([pathOnly, { ...pathOnly, regex: '(x)' }])).toEqual([]);
  });

  it('pins line, column and redacted value on every positive example of every content rule', () => {
    // Every content rule (issue 16: the build pins a source's examples by their secret).
    const pinnedRules = catalogue.rules.filter((rule) => rule.regex !== undefined);
    expect(pinnedRules.map((rule) => rule.id)).toEqual(
      expect.arrayContaining([
        'mailjet-api-key',
        'aws-access-key-id',
        'github-pat-classic',
        'slack-bot-token',
        'stripe-secret-key',
        'generic-secret-assignment',
      ]),
    );
    const unpinned = pinnedRules.flatMap((rule) =>
      [...rule.examples.positive].flatMap((example, index) => (pinOf(example) ? [] : [`${rule.id}: positive ${index}`])),
    );
    expect(unpinned).toEqual([]);
  });

  it('rejects a pin outside its text, and a partial pin', () => {
    const template = catalogue.rules.find((rule) => rule.id === 'mailjet-api-key')!;
    const withPositive = (positive: unknown) =>
      rulesFileSchema.safeParse({
        version: 1,
        rules: [{ ...template, examples: { ...template.examples, positive: [positive, positive] } }],
      });
    const text = 'MJ_APIKEY_PUBLIC=9f3b1c7e5a2d4f60decafbad1e8c2a47';
    expect(withPositive({ text, line: 1, column: 18, redacted: '9f3b…' }).success).toBe(true);
    expect(withPositive({ text, line: 2, column: 1, redacted: '9f3b…' }).success).toBe(false);
    expect(withPositive({ text, line: 1, column: text.length + 1, redacted: '9f3b…' }).success).toBe(false);
    expect(withPositive({ text, line: 1, column: 18 }).success).toBe(false);
    expect(withPositive({ text, line: 0, column: 18, redacted: '9f3b…' }).success).toBe(false);
  });

  it('has pairs whose halves are rules of the same provider', () => {
    for (const pair of catalogue.pairs) {
      const halves = pair.halves.map((id) => catalogue.rules.find((rule) => rule.id === id));
      expect(halves.every(Boolean)).toBe(true);
      expect(halves.map((rule) => rule!.provider)).toEqual([pair.provider, pair.provider]);
    }
  });
});

describe.each(catalogue.rules.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
  const alone = ruleDetector([rule], unhashedFingerprint);

  it.each([...rule.examples.positive].map((example, index) => [index, example] as const))(
    'finds positive example %i',
    (_index, example) => {
      const { path, text } = asFile(example);
      const findings = alone.scanFile({ path, chunks: [{ startLine: 1, text }] });
      expect(findings.map((finding) => finding.ruleId)).toContain(rule.id);
      const pin = pinOf(example);
      if (pin) expect(findings.filter((finding) => finding.ruleId === rule.id).map(pinOfFinding)).toContainEqual(pin);
      const withAll = full.scanFile({ path, chunks: [{ startLine: 1, text }] });
      // An identifier the provider treats as public is no finding alone, with its pair in the catalogue.
      if (rule.pairOnly) expect(withAll.filter((finding) => finding.ruleId === rule.id)).toEqual([]);
      // With the whole catalogue the text is still reported (by this rule, or a pair it belongs to).
      else expect(withAll.length).toBeGreaterThan(0);
    },
  );

  it.each([...rule.examples.negative].map((example, index) => [index, example] as const))(
    'ignores negative example %i',
    (_index, example) => {
      const { path, text } = asFile(example);
      const findings = alone.scanFile({ path, chunks: [{ startLine: 1, text }] });
      expect(findings.map((finding) => finding.ruleId)).not.toContain(rule.id);
    },
  );
});
