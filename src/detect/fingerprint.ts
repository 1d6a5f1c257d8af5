import type * as Crypto from 'node:crypto';

// A fingerprint names a finding in committed files (baselines, allowlists) and in CI logs, so
// anyone can read it. A fast hash of a secret can be reversed offline by guessing: a password
// of 13 characters fell to about 110,000 guesses of the old truncated SHA-256. The
// hash is now scrypt, which makes every guess cost memory and time (the parameters are in the
// commit message and the README), salted per rule so one guess list does not serve every rule.
// It must not depend on the machine: teams commit baselines.

/** Version tag in the hash part; a fingerprint without it is the old, guessable format. */
export const FINGERPRINT_VERSION = 'v2';

/** scrypt cost: N = 2^11, r = 8 (2 MiB of memory per guess), p = 1. Changing it changes every fingerprint. */
const SCRYPT = { N: 1 << 11, r: 8, p: 1 } as const;
const DOMAIN = 'leakgate fingerprint v2';

/** One hash per rule and secrets per process: a history repeating a secret in many commits pays once. */
const memo = new Map<string, string>();

/**
 * `path:rule:v2-hash`, stable when lines move and known before the commit exists. The hash is
 * 16 hex digits of scrypt over the secrets, salted with a fixed domain string and the rule id:
 * it identifies the secret without revealing it, and guessing it back is slow.
 */
export function fingerprintOf(path: string, ruleId: string, secrets: readonly string[]): string {
  const key = `${ruleId}\0${secrets.join('\0')}`;
  let hash = memo.get(key);
  if (hash === undefined) {
    // Loaded on the first finding only: a passing hook never pays for node:crypto.
    const { scryptSync } = require('node:crypto') as typeof Crypto;
    hash = scryptSync(secrets.join('\0'), `${DOMAIN}\0${ruleId}`, 8, SCRYPT).toString('hex');
    memo.set(key, hash);
  }
  return `${path}:${ruleId}:${FINGERPRINT_VERSION}-${hash}`;
}

/** A fingerprint in the format before v2 (`path:rule:` and 16 bare hex digits): it matches nothing now. */
export function isLegacyFingerprint(fingerprint: string): boolean {
  return /:[0-9a-f]{16}$/.test(fingerprint);
}

/** The parts of a v2 fingerprint; `secretKey` (rule + hash) names the secret wherever it sits. */
export interface FingerprintParts {
  path: string;
  ruleId: string;
  hash: string;
  secretKey: string;
}

const V2 = /^(.+):([a-z0-9]+(?:-[a-z0-9]+)*):(v2-[0-9a-f]{16})$/;

/**
 * Splits `path:rule:v2-hash`, or undefined when it is not one. The same secret under the same rule
 * has the same hash at every path, so `secretKey` finds it moved, copied or staged elsewhere.
 */
export function parseFingerprint(fingerprint: string): FingerprintParts | undefined {
  const match = V2.exec(fingerprint);
  if (!match) return undefined;
  const [, path, ruleId, hash] = match as unknown as [string, string, string, string];
  return { path, ruleId, hash, secretKey: `${ruleId}:${hash}` };
}
