import { loadRules } from '../../src/config/loadRules';
import { activePairs, compileAllowPolicy, compileCatalogue, compileRule, type RuleDefinition } from '../../src/detect/compile';
import { Detector } from '../../src/detect/detector';
import { isEnglishWord } from '../../src/config/wordList';
import type { Finding } from '../../src/detect/types';

export const NO_ALLOWLIST: { paths: string[]; regexes: string[]; stopwords: string[]; fingerprints: string[] } = {
  paths: [],
  regexes: [],
  stopwords: [],
  fingerprints: [],
};

/** The shipped catalogue as the hooks use it, optionally with an allowlist. */
export function catalogueDetector(allowlist: Partial<typeof NO_ALLOWLIST> = {}): Detector {
  const catalogue = loadRules();
  const rules = compileCatalogue(catalogue.rules, [], []);
  return new Detector(
    rules,
    activePairs(catalogue.pairs, rules),
    compileAllowPolicy({ ...NO_ALLOWLIST, ...allowlist }),
    undefined,
    isEnglishWord,
  );
}

/** A detector holding only the given rules (no pairs). */
export function ruleDetector(definitions: RuleDefinition[]): Detector {
  return new Detector(
    definitions.map((definition) => compileRule(definition)),
    [],
    compileAllowPolicy(NO_ALLOWLIST),
  );
}

/** Findings for one text as one file. */
export function scanText(detector: Detector, text: string, path = 'src/example.js'): Finding[] {
  return detector.scanFile({ path, chunks: [{ startLine: 1, text }] });
}
