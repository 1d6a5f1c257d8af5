import { sha256Hex } from './sha256';

/**
 * `path:rule:hash`, stable when lines move and known before the commit exists. The hash is
 * truncated SHA-256 of rule id and secret: it identifies the secret without revealing it.
 */
export function fingerprintOf(path: string, ruleId: string, secrets: readonly string[]): string {
  const hash = sha256Hex(`${ruleId}\0${secrets.join('\0')}`).slice(0, 16);
  return `${path}:${ruleId}:${hash}`;
}
