// @ts-check
// The detector the hooks build, from the build's own modules (`npm run build` first).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The shipped catalogue compiled as the hooks compile it, with no allowlist. */
export function shippedDetector() {
  const { loadRules } = require('../../dist/config/loadRules.js');
  const { activePairs, compileAllowPolicy, compileCatalogue } = require('../../dist/detect/compile.js');
  const { Detector } = require('../../dist/detect/detector.js');
  const { isEnglishWord } = require('../../dist/config/wordList.js');
  const catalogue = loadRules();
  const rules = compileCatalogue(catalogue.rules, [], []);
  const allow = compileAllowPolicy({ paths: [], regexes: [], stopwords: [], fingerprints: [] });
  return new Detector(rules, activePairs(catalogue.pairs, rules), allow, undefined, isEnglishWord);
}
