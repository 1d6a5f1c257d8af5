import { loadRules } from '../config/loadRules';
import { loadUserConfig } from '../config/loadUserConfig';
import type { UserConfig } from '../config/userConfigSchema';
import { activePairs, compileAllowPolicy, compileCatalogue } from '../detect/compile';
import { Detector } from '../detect/detector';
import { ConfigError } from '../errors';

/** The detector a repository asks for: built-in catalogue + its config (rules, allowlist). */
export interface Setup {
  detector: Detector;
  config: UserConfig;
  configSource?: string;
}

export function detectorFor(root: string): Setup {
  const { config, source } = loadUserConfig(root);
  const catalogue = loadRules();
  const known = new Set([...catalogue.rules.map((rule) => rule.id), ...config.rules.add.map((rule) => rule.id)]);
  const unknown = config.rules.disable
    .map((id, index) => ({ id, index }))
    .filter(({ id }) => !known.has(id) && !catalogue.pairs.some((pair) => pair.id === id));
  if (unknown.length) {
    throw new ConfigError(source ?? '.leakgate.json', unknown.map(({ id, index }) => ({
      path: `${source === 'package.json#leakgate' ? 'leakgate.' : ''}rules.disable[${index}]`,
      expected: `expected the id of a rule ("${id}" is none; \`leakgate rules\` lists them)`,
    })));
  }
  const rules = compileCatalogue(catalogue.rules, config.rules.add, config.rules.disable);
  const pairs = activePairs(catalogue.pairs, rules).filter((pair) => !config.rules.disable.includes(pair.id));
  return { detector: new Detector(rules, pairs, compileAllowPolicy(config.allowlist)), config, ...(source ? { configSource: source } : {}) };
}
