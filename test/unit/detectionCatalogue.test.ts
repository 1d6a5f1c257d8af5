import { readFileSync } from 'node:fs';
import { keywordOffsets } from '../../src/detect/keywordOffsets';
import { DETECTION_CATALOGUE_PATH, loadDetectionCatalogue, loadRules } from '../../src/config/loadRules';

// The build writes dist/catalogue.json and dist/remediation.jsonl (pretest builds before jest).
// What a hook reads there must be what rules.json says.
describe('the detection catalogue the build writes', () => {
  const catalogue = loadRules();
  const built = JSON.parse(readFileSync(DETECTION_CATALOGUE_PATH, 'utf8')) as {
    rules: { id: string; keywordOffsets?: [string, number[]][] | false }[];
  };

  it('carries each rule’s keyword offsets exactly as the analysis finds them', () => {
    expect(built.rules.map((rule) => rule.id)).toEqual(catalogue.rules.map((rule) => rule.id));
    let proven = 0;
    for (const [index, rule] of catalogue.rules.entries()) {
      const analysed = rule.regex === undefined ? undefined : keywordOffsets(rule.regex, rule.keywords);
      const stored = built.rules[index]?.keywordOffsets;
      expect(stored === false ? undefined : stored && new Map(stored)).toEqual(analysed);
      if (analysed) proven++;
    }
    // Most rules start with a keyword: a build that stored nothing would pass the loop above.
    expect(proven).toBeGreaterThan(catalogue.rules.length / 2);
  });

  it('finds every rule’s remediation in the one-line-per-rule file', () => {
    const detection = loadDetectionCatalogue();
    expect(detection.remediationOf).toBeDefined();
    for (const rule of catalogue.rules) expect(detection.remediationOf?.(rule.id)).toEqual(rule.remediation);
    expect(detection.remediationOf?.('no-such-rule')).toBeUndefined();
  });
});
