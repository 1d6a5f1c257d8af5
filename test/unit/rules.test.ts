import { loadRules } from '../../src/config/loadRules';
import { FAMILIES } from '../../src/config/ruleSchema';
import type { RuleExample } from '../../src/config/ruleSchema';
import { catalogueDetector, ruleDetector } from '../helpers/detector';

const catalogue = loadRules();
const full = catalogueDetector();

function asFile(example: RuleExample): { path: string; text: string } {
  return typeof example === 'string' ? { path: 'src/example.txt', text: example } : example;
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
      .filter((rule) => [...rule.examples.positive].some((example) => typeof example === 'string'))
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

  it('has pairs whose halves are rules of the same provider', () => {
    for (const pair of catalogue.pairs) {
      const halves = pair.halves.map((id) => catalogue.rules.find((rule) => rule.id === id));
      expect(halves.every(Boolean)).toBe(true);
      expect(halves.map((rule) => rule!.provider)).toEqual([pair.provider, pair.provider]);
    }
  });
});

describe.each(catalogue.rules.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
  const alone = ruleDetector([rule]);

  it.each([...rule.examples.positive].map((example, index) => [index, example] as const))(
    'finds positive example %i',
    (_index, example) => {
      const { path, text } = asFile(example);
      const findings = alone.scanFile({ path, chunks: [{ startLine: 1, text }] });
      expect(findings.map((finding) => finding.ruleId)).toContain(rule.id);
      // With the whole catalogue the text is still reported (by this rule, or a pair it belongs to).
      const withAll = full.scanFile({ path, chunks: [{ startLine: 1, text }] });
      expect(withAll.length).toBeGreaterThan(0);
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
