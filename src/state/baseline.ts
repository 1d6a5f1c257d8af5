import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { parseAndValidate } from '../config/validate';

/** The default baseline file at the repository root, read by every command when present. */
export const DEFAULT_BASELINE = '.leakgate-baseline.json';

const baselineSchema = z
  .object({
    version: z.literal(1),
    created: z.string().optional(),
    fingerprints: z.array(z.string().min(1)),
  })
  .strict();

/** Fingerprints of accepted legacy findings; a missing file is an empty baseline. */
export function readBaseline(file: string, label: string, required: boolean): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw new ConfigError(label, [{ path: '', expected: `expected a readable baseline file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` }]);
  }
  return new Set(parseAndValidate(baselineSchema, text, label).fingerprints);
}

/** Writes a baseline: fingerprints only (path, rule, hash), never a secret. */
export function writeBaseline(file: string, fingerprints: Iterable<string>): number {
  const sorted = [...new Set(fingerprints)].sort();
  writeFileSync(file, `${JSON.stringify({ version: 1, created: new Date().toISOString(), fingerprints: sorted }, null, 2)}\n`);
  return sorted.length;
}
