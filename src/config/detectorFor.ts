import { closest } from '../report/didYouMean';
import { join, resolve } from 'node:path';
import { loadDetectionCatalogue } from './loadRules';
import { loadUserConfig } from './loadUserConfig';
import type { UserConfig } from './userConfig';
import { activePairs, compileAllowPolicy, compileCatalogue } from '../detect/compile';
import { Detector } from '../detect/detector';
import { isEnglishWord } from './wordList';
import { ConfigError } from '../errors';
import { messages } from '../messages';
import { DEFAULT_BASELINE, noteLegacyFingerprints, readBaseline } from '../state/baseline';
import type { TrustedConfig } from './configAt';
import type { TimeBudget } from '../runtime/timeBudget';
import { quoteUserValue } from '../report/userValue';

/** The detector a repository asks for: built-in catalogue + its config (rules, allowlist, baseline). */
export interface Setup {
  detector: Detector;
  config: UserConfig;
  configSource?: string;
  /** How to build the same detector again (in a worker thread). */
  recipe: DetectorRecipe;
  /** The config from git objects this scan runs under (`--config-from`, a push's remote side), if not the work tree's. */
  trusted?: TrustedConfig;
  /** Fingerprints not to report: the config's allowlist and the baseline. */
  allowedFingerprints: ReadonlySet<string>;
}

/** A config and baseline already read (from git objects), used instead of the work tree's. */
export interface PreloadedConfig {
  config: UserConfig;
  source?: string;
  baseline: string[];
  /** How errors name the config file, e.g. `origin/main:.leakgate.json`. */
  label: string;
}

/** detectorFor's inputs that can cross to a worker thread. */
export interface DetectorRecipe {
  root: string;
  baselineFile?: string;
  cwd?: string;
  ignoreBaseline?: boolean;
  gitDir?: string;
  preloaded?: PreloadedConfig;
}

/**
 * Builds the detector for a root. The baseline (`.leakgate-baseline.json`, or the file given)
 * joins the allowlisted fingerprints: recorded findings stop blocking, new ones still block.
 */
export function detectorFor(
  root: string,
  options: {
    baselineFile?: string;
    cwd?: string;
    ignoreBaseline?: boolean;
    gitDir?: string;
    budget?: TimeBudget;
    preloaded?: PreloadedConfig;
  } = {},
): Setup {
  const { config, source } = options.preloaded ?? loadUserConfig(root, options.gitDir);
  const catalogue = loadDetectionCatalogue();
  // Only a config that disables rules needs every id at hand; most disable none, and a set of a
  // thousand ids was a measurable part of a hook's start (bench/NOTES.md, "Catalogue at start-up").
  if (config.rules.disable.length > 0) {
    const known = new Set([...catalogue.rules.map((rule) => rule.id), ...config.rules.add.map((rule) => rule.id)]);
    const unknown = config.rules.disable
      .map((id, index) => ({ id, index }))
      .filter(({ id }) => !known.has(id) && !catalogue.pairs.some((pair) => pair.id === id));
    if (unknown.length) {
      const file = source === 'package.json#leakgate' ? 'package.json' : '.leakgate.json';
      throw new ConfigError(
        options.preloaded ? `${options.preloaded.label}:${file}` : (source ?? '.leakgate.json'),
        unknown.map(({ id, index }) => ({
          path: `${source === 'package.json#leakgate' ? 'leakgate.' : ''}rules.disable[${index}]`,
          expected: messages.expectedRuleToDisable(quoteUserValue(id), closest(id, [...known, ...catalogue.pairs.map((pair) => pair.id)])),
        })),
      );
    }
  }
  noteLegacyFingerprints(
    config.allowlist.fingerprints,
    `${source ?? '.leakgate.json'} (allowlist.fingerprints)`,
    messages.regenerateByIgnore,
  );
  const baseline = options.ignoreBaseline
    ? new Set<string>()
    : options.baselineFile
      ? readBaseline(resolve(options.cwd ?? root, options.baselineFile), options.baselineFile, true)
      : options.preloaded
        ? new Set(options.preloaded.baseline)
        : readBaseline(join(root, DEFAULT_BASELINE), DEFAULT_BASELINE, false);
  const rules = compileCatalogue(catalogue.rules, config.rules.add, config.rules.disable, catalogue.remediationOf);
  const pairs = activePairs(catalogue.pairs, rules).filter((pair) => !config.rules.disable.includes(pair.id));
  const allowlist = { ...config.allowlist, fingerprints: [...config.allowlist.fingerprints, ...baseline] };
  const budget = options.budget;
  if (budget) budget.setLimit(config.timeBudget);
  const checkpoint = budget ? (path: string, ruleId: string) => budget.scanningWith(path, ruleId) : undefined;
  const { budget: _budget, ...portable } = options;
  const recipe: DetectorRecipe = { root, ...portable };
  const allowedFingerprints = new Set(allowlist.fingerprints);
  return {
    detector: new Detector(rules, pairs, compileAllowPolicy(allowlist), checkpoint, isEnglishWord),
    config,
    recipe,
    allowedFingerprints,
    ...(source ? { configSource: source } : {}),
  };
}
