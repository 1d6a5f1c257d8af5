import type { RuleDefinition } from '../detect/compile';
import { activeFingerprints, type IgnoreEntry } from './ignoreEntries';

/** The validated user config with sizes in bytes (zod-free, so the hook's fast path does not load zod). */
export interface UserConfig {
  allowlist: { paths: string[]; regexes: string[]; stopwords: string[]; fingerprints: string[] };
  rules: { disable: string[]; add: UserRule[] };
  maxFileSize: number;
  /** Seconds a hook run may take before it stops and fails closed. */
  timeBudget: number;
}

/** A rule added by the user (already validated against userRuleSchema). */
export type UserRule = RuleDefinition;

/** Default for `timeBudget`: seconds a hook may run before it stops and fails closed. */
export const DEFAULT_TIME_BUDGET = 120;

/** Default for `maxFileSize`: larger files are skipped with a warning that names them. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/** A size written as text: `"512KB"`, `"10 MB"`, `"1048576"` (what parseSize reads). */
export const SIZE_TEXT = /^\s*\d+(\.\d+)?\s*(b|kb|kib|mb|mib|gb|gib)?\s*$/i;

/** Bytes for `1048576`, `"512KB"`, `"10MB"`. */
export function parseSize(value: number | string): number {
  if (typeof value === 'number') return value;
  const [, amount, suffix = ''] = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value)!;
  const unit = suffix.toLowerCase();
  const factor = unit.startsWith('g') ? 1024 ** 3 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('k') ? 1024 : 1;
  return Math.round(Number(amount) * factor);
}

interface RawConfig {
  allowlist?: Partial<Omit<UserConfig['allowlist'], 'fingerprints'>> & { fingerprints?: IgnoreEntry[] };
  rules?: { disable?: string[]; add?: UserRule[] };
  maxFileSize?: number | string;
  timeBudget?: number;
}

/**
 * Fills defaults into a config that has already passed validation (now or on an earlier run with
 * the very same text). Judged against today, so a stamped config still lets ignores expire.
 */
export function withDefaults(raw: unknown): UserConfig {
  const config = (raw ?? {}) as RawConfig;
  return {
    allowlist: {
      paths: config.allowlist?.paths ?? [],
      regexes: config.allowlist?.regexes ?? [],
      stopwords: config.allowlist?.stopwords ?? [],
      // An entry past its `until` day is left out here, so its finding blocks again.
      fingerprints: activeFingerprints(config.allowlist?.fingerprints ?? []),
    },
    rules: { disable: config.rules?.disable ?? [], add: config.rules?.add ?? [] },
    maxFileSize: parseSize(config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE),
    timeBudget: config.timeBudget ?? DEFAULT_TIME_BUDGET,
  };
}
