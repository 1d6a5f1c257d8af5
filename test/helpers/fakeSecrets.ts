import { createHash } from 'node:crypto';

/**
 * Fake credentials are derived at run time from a seed, so no credential-shaped literal sits in
 * the test sources: they are obviously fake (a hash of a label) yet match the formats.
 */
export function fakeHex(seed: string, length = 32): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    out += createHash('sha256').update(`leakgate-fake:${seed}:${round}`).digest('hex');
  }
  return out.slice(0, length);
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random-looking base62 of the given length, derived from a seed. */
export function fakeBase62(seed: string, length: number): string {
  const bytes = Buffer.from(fakeHex(seed, length * 2), 'hex');
  return [...bytes.subarray(0, length)].map((byte) => BASE62[byte % 62]).join('');
}

/** A fake Mailjet API key + secret key (32 lowercase hex each). */
export function fakeMailjetPair(seed = 'mailjet'): { apiKey: string; secretKey: string } {
  return { apiKey: fakeHex(`${seed}-public`), secretKey: fakeHex(`${seed}-private`) };
}

/** A fake GitHub classic token: `ghp_` + 36 base62. */
export function fakeGithubToken(seed = 'github'): string {
  return `ghp_${fakeBase62(seed, 36)}`;
}
