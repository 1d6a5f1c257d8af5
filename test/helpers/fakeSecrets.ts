import { createHash } from 'node:crypto';
import { base62Checksum } from '../../src/detect/checksums';

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

/** A fake GitHub classic token: `ghp_` + 30 base62 + their CRC-32 checksum (6 base62), as GitHub makes them. */
export function fakeGithubToken(seed = 'github', prefix = 'ghp_'): string {
  const random = fakeBase62(seed, 30);
  return `${prefix}${random}${base62Checksum(random)}`;
}

/** A macaroon field: type, LEB128 length, data. */
function macaroonField(type: number, data: Buffer): Buffer {
  const length: number[] = [];
  let rest = data.length;
  do {
    length.push((rest & 0x7f) | (rest > 0x7f ? 0x80 : 0));
    rest >>>= 7;
  } while (rest > 0);
  return Buffer.concat([Buffer.from([type, ...length]), data]);
}

/**
 * A fake PyPI token: `pypi-` + a version-2 binary macaroon (location, identifier, one caveat, a
 * 32-byte signature) in base64url, as PyPI issues them; `tail` appends raw bytes after it.
 */
export function fakePypiToken(seed = 'pypi', location = 'pypi.org', tail: Buffer = Buffer.alloc(0)): string {
  const bytes = Buffer.concat([
    Buffer.from([2]),
    macaroonField(1, Buffer.from(location)),
    macaroonField(2, Buffer.from(`fake-${fakeHex(seed, 16)}`)),
    Buffer.from([0]),
    macaroonField(2, Buffer.from('{"version": 1, "permissions": "user"}')),
    Buffer.from([0, 0]),
    macaroonField(6, Buffer.from(fakeHex(`${seed}-signature`, 64), 'hex')),
    tail,
  ]);
  return `pypi-${bytes.toString('base64url')}`;
}

/** A fake Sentry organization token: `sntrys_` + base64 JSON payload + `_` + 43 base62-ish characters. */
export function fakeSentryOrgToken(
  seed = 'sentry',
  payload: unknown = { iat: 1700000000.5, url: 'https://sentry.io', org: 'fake-org' },
): string {
  const json = Buffer.from(JSON.stringify(payload)).toString('base64');
  return `sntrys_${json}_${fakeBase62(seed, 43)}`;
}

/** A fake HS256 JWT with these claims; its signature is made-up base64url, never a real key's. */
export function fakeJwt(claims: Record<string, unknown>, seed = 'jwt'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.${fakeBase62(seed, 43)}`;
}

/** A fake Supabase project key: `anon` (public by design) or `service_role`. */
export function fakeSupabaseKey(role: 'anon' | 'service_role', seed = 'supabase'): string {
  return fakeJwt({ iss: 'supabase', ref: 'fakeprojectref01', role, iat: 1700000000, exp: 2015576000 }, seed);
}
