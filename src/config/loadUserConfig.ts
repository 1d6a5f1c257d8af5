import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { messages } from '../messages';
import { withDefaults, type UserConfig } from './userConfig';
import { contentHash, isStamped, stamp } from './validationStamp';
import type * as Validators from './validators';
import { packageVersion } from '../packageInfo';

/** The config in force and where it came from (undefined: none, defaults apply). */
export interface LoadedConfig {
  config: UserConfig;
  source?: string;
}

export const CONFIG_FILE = '.leakgate.json';

/**
 * `.leakgate.json` at the repository root, else the `leakgate` key of package.json, else
 * defaults. With a git directory, the hash of a config that validated is remembered there, so
 * an unchanged config is not validated (nor zod loaded) on every commit.
 */
export function loadUserConfig(root: string, gitDir?: string): LoadedConfig {
  const stampFile = gitDir ? join(gitDir, 'leakgate', 'config.validated') : undefined;
  const configText = readIfPresent(join(root, CONFIG_FILE));
  if (configText !== undefined) {
    const hash = contentHash(validatorIdentity(), CONFIG_FILE, configText);
    if (stampFile && isStamped(stampFile, hash)) return { config: withDefaults(JSON.parse(configText)), source: CONFIG_FILE };
    const { validateConfigText } = validators();
    const config = withDefaults(validateConfigText(configText, CONFIG_FILE));
    if (stampFile) stamp(stampFile, hash);
    return { config, source: CONFIG_FILE };
  }
  const packageText = readIfPresent(join(root, 'package.json'));
  if (packageText !== undefined) {
    const value = leakgateKeyOf(packageText);
    if (value !== undefined) {
      const hash = contentHash(validatorIdentity(), 'package.json#leakgate', JSON.stringify(value));
      if (stampFile && isStamped(stampFile, hash)) return { config: withDefaults(value), source: 'package.json#leakgate' };
      const config = withDefaults(validators().validateConfigValue(value, 'package.json', ['leakgate']));
      if (stampFile) stamp(stampFile, hash);
      return { config, source: 'package.json#leakgate' };
    }
  }
  return { config: withDefaults({}) };
}

/**
 * The config that texts (read from git objects, see configAt.ts) put in force, validated:
 * `.leakgate.json`, else the `leakgate` key of package.json, else defaults. `label` names a
 * file in errors (e.g. `origin/main:.leakgate.json`).
 */
export function userConfigFromTexts(
  texts: { config?: string | undefined; packageJson?: string | undefined },
  label: (file: string) => string,
): LoadedConfig {
  if (texts.config !== undefined) {
    return { config: withDefaults(validators().validateConfigText(texts.config, label(CONFIG_FILE))), source: CONFIG_FILE };
  }
  if (texts.packageJson !== undefined) {
    const value = leakgateKeyOf(texts.packageJson);
    if (value !== undefined)
      return {
        config: withDefaults(validators().validateConfigValue(value, label('package.json'), ['leakgate'])),
        source: 'package.json#leakgate',
      };
  }
  return { config: withDefaults({}) };
}

/** The `leakgate` key of a package.json's text (undefined: none, or not JSON, which is npm's business). */
export function leakgateKeyOf(packageText: string): unknown {
  let manifest: unknown;
  try {
    manifest = JSON.parse(packageText);
  } catch {
    return undefined;
  }
  return manifest && typeof manifest === 'object' && 'leakgate' in manifest ? (manifest as Record<string, unknown>).leakgate : undefined;
}

/**
 * Bumped whenever validation refuses something it used to accept (catch-all globs, zero sizes,
 * regexes RE2 cannot run, non-ASCII keywords): a stamp made by a laxer check must not vouch for a
 * config now.
 */
const VALIDATION_REVISION = 3;

/** What a validation stamp was made by: this release and its validation revision. */
function validatorIdentity(): string {
  return `leakgate ${packageVersion()} validation ${VALIDATION_REVISION}`;
}

function validators(): typeof Validators {
  return require('./validators') as typeof Validators;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ConfigError(path, [{ path: '', expected: messages.expectedReadableFile(code ?? 'unreadable') }]);
  }
}
