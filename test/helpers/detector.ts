import { loadRules } from '../../src/config/loadRules';
import { activePairs, compileAllowPolicy, compileCatalogue, compileRule, type RuleDefinition } from '../../src/detect/compile';
import { Detector } from '../../src/detect/detector';
import { fingerprintOf } from '../../src/detect/fingerprint';
import { isEnglishWord } from '../../src/config/wordList';
import type { Finding } from '../../src/detect/types';

export const NO_ALLOWLIST: { paths: string[]; regexes: string[]; stopwords: string[]; fingerprints: string[] } = {
  paths: [],
  regexes: [],
  stopwords: [],
  fingerprints: [],
};

/**
 * A fingerprint without scrypt, for tests that run thousands of rule examples with no fingerprint
 * allowlisted (where fingerprints decide nothing): scrypt was most of their time.
 */
export const unhashedFingerprint = (path: string, ruleId: string, secrets: readonly string[]): string =>
  `${path}:${ruleId}:unhashed-${secrets.length}`;

/** The shipped catalogue as the hooks use it, optionally with an allowlist. */
export function catalogueDetector(allowlist: Partial<typeof NO_ALLOWLIST> = {}, fingerprint = fingerprintOf): Detector {
  const catalogue = loadRules();
  const rules = compileCatalogue(catalogue.rules, [], []);
  return new Detector(
    rules,
    activePairs(catalogue.pairs, rules),
    compileAllowPolicy({ ...NO_ALLOWLIST, ...allowlist }),
    undefined,
    isEnglishWord,
    fingerprint,
  );
}

/** A detector holding only the given rules (no pairs). */
export function ruleDetector(definitions: RuleDefinition[], fingerprint = fingerprintOf): Detector {
  return new Detector(
    definitions.map((definition) => compileRule(definition)),
    [],
    compileAllowPolicy(NO_ALLOWLIST),
    undefined,
    undefined,
    fingerprint,
  );
}

/** Findings for one text as one file. */
export function scanText(detector: Detector, text: string, path = 'src/example.js'): Finding[] {
  return detector.scanFile({ path, chunks: [{ startLine: 1, text }] });
}
