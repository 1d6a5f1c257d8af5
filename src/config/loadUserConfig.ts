import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { parseSize, userConfigSchema, type UserConfig } from './userConfigSchema';
import { parseAndValidate, validate } from './validate';

/** The config in force and where it came from (undefined: none, defaults apply). */
export interface LoadedConfig {
  config: UserConfig;
  source?: string;
}

export const CONFIG_FILE = '.leakgate.json';

/** `.leakgate.json` at the repository root, else the `leakgate` key of package.json, else defaults. */
export function loadUserConfig(root: string): LoadedConfig {
  const configPath = join(root, CONFIG_FILE);
  const configText = readIfPresent(configPath);
  if (configText !== undefined) {
    return { config: normalize(parseAndValidate(userConfigSchema, configText, CONFIG_FILE)), source: CONFIG_FILE };
  }
  const packageText = readIfPresent(join(root, 'package.json'));
  if (packageText !== undefined) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(packageText);
    } catch {
      manifest = undefined; // a broken package.json is npm's business; it simply holds no leakgate config
    }
    if (manifest && typeof manifest === 'object' && 'leakgate' in manifest) {
      const value = (manifest as Record<string, unknown>).leakgate;
      return { config: normalize(validate(userConfigSchema, value, 'package.json', ['leakgate'])), source: 'package.json#leakgate' };
    }
  }
  return { config: normalize(userConfigSchema.parse({})) };
}

function normalize(parsed: ReturnType<typeof userConfigSchema.parse>): UserConfig {
  return { allowlist: parsed.allowlist, rules: parsed.rules, maxFileSize: parseSize(parsed.maxFileSize) };
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ConfigError(path, [{ path: '', expected: `expected a readable file (${code ?? 'unreadable'})` }]);
  }
}
