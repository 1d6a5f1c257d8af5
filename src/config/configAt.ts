import { configTextsAt, type ConfigTexts } from '../git/configBlobs';
import { baselineFromText, DEFAULT_BASELINE } from '../state/baseline';
import { userConfigFromTexts, type LoadedConfig } from './loadUserConfig';
import { withDefaults } from './userConfig';

/**
 * A config read from git objects at a commit outside the scanned changes: the remote's side of
 * a push, or `scan --config-from <rev>`. The scan runs under it, so nothing the scanned commits
 * commit can loosen it.
 */
export interface TrustedConfig {
  /** How the user or the push names it (`origin/main`, a short commit id): used in messages. */
  label: string;
  /** The commit it was read at; undefined when there is none (a push to an empty remote). */
  commit?: string;
  loaded: LoadedConfig;
  baseline: Set<string>;
}

/**
 * The config and baseline in force at `commit`, validated: `.leakgate.json`, else the
 * `leakgate` key of package.json, and `.leakgate-baseline.json`. Errors name `<label>:<file>`.
 */
export async function configAt(root: string, label: string, commit: string | undefined): Promise<TrustedConfig> {
  if (commit === undefined) return { label, loaded: { config: withDefaults({}) }, baseline: new Set() };
  return configFromTexts(label, commit, (await configTextsAt(root, [commit])).get(commit) ?? {});
}

/** The config that texts already read at `commit` put in force (see configAt). */
export function configFromTexts(label: string, commit: string, texts: ConfigTexts): TrustedConfig {
  const name = (file: string) => `${label}:${file}`;
  const loaded = userConfigFromTexts({ config: texts['.leakgate.json'], packageJson: texts['package.json'] }, name);
  const baselineText = texts[DEFAULT_BASELINE];
  const baseline = baselineText === undefined ? new Set<string>() : baselineFromText(baselineText, name(DEFAULT_BASELINE));
  return { label, commit, loaded, baseline };
}
