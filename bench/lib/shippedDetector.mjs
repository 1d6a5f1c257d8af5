// @ts-check
// The detector the hooks build, from a build's own modules (`npm run build` first).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './common.mjs';

const require = createRequire(import.meta.url);

/**
 * A catalogue compiled as the hooks compile it, with no allowlist: this checkout's build, or
 * another build's `dist` folder (bench/against.mjs measures an earlier commit's). `onlyRules`
 * keeps those rule ids alone: the same detector with a smaller catalogue.
 * @param {{ dist?: string, onlyRules?: ReadonlySet<string> }} [options]
 */
export function shippedDetector({ dist = join(PACKAGE_ROOT, 'dist'), onlyRules } = {}) {
  const { loadRules } = require(join(dist, 'config', 'loadRules.js'));
  const { activePairs, compileAllowPolicy, compileCatalogue } = require(join(dist, 'detect', 'compile.js'));
  const { Detector } = require(join(dist, 'detect', 'detector.js'));
  // Builds before the word list (issue 15) take no fifth argument.
  const wordList = join(dist, 'config', 'wordList.js');
  const isEnglishWord = existsSync(wordList) ? require(wordList).isEnglishWord : undefined;
  const catalogue = loadRules();
  /** @type {{ id: string }[]} */
  const all = catalogue.rules;
  const rules = compileCatalogue(onlyRules ? all.filter((rule) => onlyRules.has(rule.id)) : all, [], []);
  const allow = compileAllowPolicy({ paths: [], regexes: [], stopwords: [], fingerprints: [] });
  return new Detector(rules, activePairs(catalogue.pairs, rules), allow, undefined, isEnglishWord);
}
