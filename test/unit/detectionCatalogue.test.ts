import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keywordOffsets } from '../../src/detect/keywordOffsets';
import { DETECTION_CATALOGUE_PATH, loadDetectionCatalogue, loadRules, REMEDIATION_PATH } from '../../src/config/loadRules';
import { readCatalogueFile } from '../../src/config/catalogueFile';

// The build writes dist/catalogue.json and dist/remediation.jsonl (pretest builds before jest).
// What a hook reads there must be what rules.json says.
describe('the detection catalogue the build writes', () => {
  const catalogue = loadRules();
  const built = readCatalogueFile(DETECTION_CATALOGUE_PATH, REMEDIATION_PATH)!;

  it('is ASCII, so that its byte offsets are character offsets', () => {
    for (const file of [DETECTION_CATALOGUE_PATH, REMEDIATION_PATH]) expect(readFileSync(file, 'latin1')).not.toMatch(/[^\n\x20-\x7e]/);
  });

  it('holds every rule as rules.json defines it, less its examples and remediation', () => {
    expect(built).toBeDefined();
    expect(built.pairs).toEqual(catalogue.pairs);
    expect(built.rules).toHaveLength(catalogue.rules.length);
    for (const [index, { examples: _examples, remediation: _remediation, ...rule }] of catalogue.rules.entries()) {
      const read = built.rules[index]!;
      expect([read.id, read.keywords, read.hasRegex, read.path]).toEqual([
        rule.id,
        rule.keywords ?? [],
        rule.regex !== undefined,
        rule.path,
      ]);
      const fields = Object.keys(rule) as (keyof typeof rule)[];
      expect(Object.fromEntries(fields.map((field) => [field, read[field as keyof typeof read]]))).toEqual(rule);
    }
  });

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

  it('finds a rule’s remediation by its id when the remediation file is not the one the header describes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leakgate-catalogue-'));
    try {
      const remediation = join(dir, 'remediation.jsonl');
      // Another build's file: the same lines in another order, so every recorded position is off.
      writeFileSync(remediation, readFileSync(REMEDIATION_PATH, 'utf8').split('\n').reverse().join('\n'));
      const moved = readCatalogueFile(DETECTION_CATALOGUE_PATH, remediation)!;
      for (const rule of [catalogue.rules[0]!, catalogue.rules[500]!, catalogue.rules[catalogue.rules.length - 1]!]) {
        expect(moved.remediationOf(rule.id)).toEqual(rule.remediation);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds every rule’s remediation in the one-line-per-rule file', () => {
    const detection = loadDetectionCatalogue();
    expect(detection.remediationOf).toBeDefined();
    for (const rule of catalogue.rules) expect(detection.remediationOf?.(rule.id)).toEqual(rule.remediation);
    expect(detection.remediationOf?.('no-such-rule')).toBeUndefined();
  });
});
