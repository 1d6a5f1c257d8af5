import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../errors';
import type * as Validators from '../config/validators';
import { isLegacyFingerprint } from '../detect/fingerprint';
import { messages } from '../messages';
import { addNotice } from '../report/notices';

/** The default baseline file at the repository root, read by every command when present. */
export const DEFAULT_BASELINE = '.leakgate-baseline.json';

interface BaselineFile {
  version: 1;
  created?: string;
  fingerprints: string[];
}

/**
 * Fingerprints of accepted legacy findings; a missing default file is an empty baseline. A file
 * of the expected shape is used as is; anything else goes through zod for a precise error.
 */
export function readBaseline(file: string, label: string, required: boolean): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw new ConfigError(label, [
      { path: '', expected: messages.expectedReadableBaseline((error as NodeJS.ErrnoException).code ?? 'unreadable') },
    ]);
  }
  return baselineFromText(text, label);
}

/** The fingerprints of a baseline's text (read from a file or from git objects); `label` names it in errors. */
export function baselineFromText(text: string, label: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!isBaseline(data)) {
    const { validateBaselineText } = require('../config/validators') as typeof Validators;
    data = validateBaselineText(text, label);
  }
  const fingerprints = (data as BaselineFile).fingerprints;
  noteLegacyFingerprints(fingerprints, label, messages.regenerateByBaseline);
  return new Set(fingerprints);
}

/**
 * Says once when recorded fingerprints are in the format before v2: they match nothing now, and
 * they keep a guessable hash of a secret committed until they are regenerated.
 */
export function noteLegacyFingerprints(fingerprints: readonly string[], where: string, regenerate: string): void {
  const legacy = fingerprints.filter(isLegacyFingerprint).length;
  if (legacy > 0) addNotice(messages.legacyFingerprints(legacy, where, regenerate));
}

function isBaseline(data: unknown): data is BaselineFile {
  if (!data || typeof data !== 'object') return false;
  const record = data as Record<string, unknown>;
  return (
    record.version === 1 &&
    Array.isArray(record.fingerprints) &&
    record.fingerprints.every((fingerprint) => typeof fingerprint === 'string' && fingerprint.length > 0) &&
    (record.created === undefined || typeof record.created === 'string') &&
    Object.keys(record).every((key) => key === 'version' || key === 'created' || key === 'fingerprints')
  );
}

/** Writes a baseline: fingerprints only (path, rule, hash), never a secret. */
export function writeBaseline(file: string, fingerprints: Iterable<string>): number {
  const sorted = [...new Set(fingerprints)].sort();
  const content: BaselineFile = { version: 1, created: new Date().toISOString(), fingerprints: sorted };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return sorted.length;
}
