import type * as Crypto from 'node:crypto';

/**
 * `path:rule:hash`, stable when lines move and known before the commit exists. The hash is
 * truncated SHA-256 of rule id and secret: it identifies the secret without revealing it.
 */
export function fingerprintOf(path: string, ruleId: string, secrets: readonly string[]): string {
  // Loaded on first use: only runs that found something need it.
  const { createHash } = require('node:crypto') as typeof Crypto;
  const hash = createHash('sha256').update(ruleId).update('\0').update(secrets.join('\0')).digest('hex').slice(0, 16);
  return `${path}:${ruleId}:${hash}`;
}
