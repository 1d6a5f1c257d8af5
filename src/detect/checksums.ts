/**
 * Checks that token formats carry in themselves: a value that matches a rule's shape but fails
 * its format's checksum is not that credential (a made-up or mistyped value, random text that
 * happens to start with the prefix). Pure, and cheap next to the regex that found the value.
 *
 * Formats without one: GitHub fine-grained tokens (`github_pat_`: no published scheme), Slack
 * (`xox?-` tokens are ids and random text) and Shopify (`shpat_` and friends: 32 random hex).
 */
import { isPlaceholder } from './placeholders';
import { decodeBase64Text } from './structure/kubernetes';

/** The checksum kinds a rule may name. */
export const CHECKSUM_KINDS = ['github', 'npm', 'pypi', 'sentry-org', 'basic-auth', 'jwt', 'supabase-service-role'] as const;
export type ChecksumKind = (typeof CHECKSUM_KINDS)[number];

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (IEEE, as zlib computes it) of an ASCII string. */
export function crc32(text: string): number {
  let crc = -1;
  for (let index = 0; index < text.length; index++) crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ text.charCodeAt(index)) & 0xff]!;
  return (crc ^ -1) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The 6 characters GitHub (and npm, which took the format) append to a token: the CRC-32 of the
 * random part in base62, left-padded with zeros.
 */
export function base62Checksum(random: string): string {
  let value = crc32(random);
  let out = '';
  do {
    out = BASE62[value % 62]! + out;
    value = Math.floor(value / 62);
  } while (value > 0);
  return out.padStart(6, '0');
}

/** `ghp_` + 30 random + 6 checksum. Other lengths (the longer `ghr_` refresh tokens) carry none we know. */
function prefixedCrcHolds(secret: string, prefixLength: number, length: number): boolean {
  if (secret.length !== length) return true;
  return base62Checksum(secret.slice(prefixLength, -6)) === secret.slice(-6);
}

function base64Bytes(text: string): Buffer | undefined {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return undefined;
  return Buffer.from(standard, 'base64');
}

/** A macaroon's varint (LEB128), or undefined past the end. */
function readVarint(bytes: Buffer, at: { position: number }): number | undefined {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = bytes[at.position++];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return value;
  }
  return undefined;
}

const MACAROON_FIELD = { end: 0, location: 1, identifier: 2, verificationId: 4, signature: 6 } as const;

/**
 * Reads one section of a version-2 binary macaroon (fields up to an end marker); the fields it
 * held, or undefined when the bytes are not such a section.
 */
function readSection(bytes: Buffer, at: { position: number }, allowed: readonly number[]): Map<number, Buffer> | undefined {
  const fields = new Map<number, Buffer>();
  for (;;) {
    const type = readVarint(bytes, at);
    if (type === undefined) return undefined;
    if (type === MACAROON_FIELD.end) return fields;
    if (!allowed.includes(type) || fields.has(type)) return undefined;
    const length = readVarint(bytes, at);
    if (length === undefined || at.position + length > bytes.length) return undefined;
    fields.set(type, bytes.subarray(at.position, at.position + length));
    at.position += length;
  }
}

/**
 * A PyPI token is `pypi-` + a version-2 binary macaroon in base64url: header (location, identifier),
 * caveats, then a 32-byte signature, and nothing after it. Its location is PyPI's or TestPyPI's.
 */
function pypiMacaroonHolds(secret: string): boolean {
  const bytes = base64Bytes(secret.slice('pypi-'.length));
  if (bytes?.[0] !== 2) return false;
  const at = { position: 1 };
  const header = readSection(bytes, at, [MACAROON_FIELD.location, MACAROON_FIELD.identifier]);
  const location = header?.get(MACAROON_FIELD.location)?.toString('latin1');
  if (!header?.has(MACAROON_FIELD.identifier) || (location !== 'pypi.org' && location !== 'test.pypi.org')) return false;
  for (let caveats = 0; bytes[at.position] !== MACAROON_FIELD.end; caveats++) {
    if (caveats > 64 || at.position >= bytes.length) return false;
    const caveat = readSection(bytes, at, [MACAROON_FIELD.location, MACAROON_FIELD.identifier, MACAROON_FIELD.verificationId]);
    if (!caveat?.has(MACAROON_FIELD.identifier)) return false;
  }
  at.position++;
  if (readVarint(bytes, at) !== MACAROON_FIELD.signature || readVarint(bytes, at) !== 32) return false;
  return at.position + 32 === bytes.length;
}

/**
 * A Sentry organization token is `sntrys_` + base64 of a JSON object (issued-at time, the Sentry
 * URLs, the org slug) + `_` + the secret part. The payload must be such an object.
 */
function sentryPayloadHolds(secret: string): boolean {
  const fields = base64JsonObject(secret.slice('sntrys_'.length, secret.lastIndexOf('_')));
  return typeof fields?.url === 'string' || typeof fields?.org === 'string';
}

/** Base64 (either alphabet) of a JSON object: the object, or undefined. */
function base64JsonObject(text: string): Record<string, unknown> | undefined {
  const bytes = base64Bytes(text);
  if (!bytes) return undefined;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** What people put where a registry password goes in examples; a real one is never just the word. */
const CREDENTIAL_WORDS = /^(?:pass|passwd|password|secret|token|pat|pwd)$/i;

/**
 * Docker's `auth` (and HTTP Basic): base64 of `user:password`. It holds when it decodes to printable
 * text with a user, a colon and a password of 3 or more characters that is no placeholder
 * (`user:changeme`, `me:${PASS}`, `user:password`).
 */
function basicAuthHolds(secret: string): boolean {
  const decoded = decodeBase64Text(secret);
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded === undefined || colon < 1) return false;
  const password = decoded.slice(colon + 1);
  return password.length >= 3 && !isPlaceholder(password) && !CREDENTIAL_WORDS.test(password);
}

/** A JWT's payload (its second part) as a JSON object, or undefined. */
function jwtClaims(token: string): Record<string, unknown> | undefined {
  return base64JsonObject(token.split('.')[1] ?? '');
}

/**
 * Supabase issues two JWTs per project: `anon`, public by design (Supabase documents it as safe in
 * a browser, behind Row Level Security), and `service_role`, which bypasses it.
 */
function isSupabaseKey(claims: Record<string, unknown> | undefined, role: string): boolean {
  return claims?.iss === 'supabase' && claims.role === role;
}

/** Whether a value passes the checksum its format carries. */
export function checksumHolds(kind: ChecksumKind, secret: string): boolean {
  switch (kind) {
    case 'github':
      return prefixedCrcHolds(secret, 4, 40);
    case 'npm':
      return prefixedCrcHolds(secret, 4, 40);
    case 'pypi':
      return pypiMacaroonHolds(secret);
    case 'sentry-org':
      return sentryPayloadHolds(secret);
    case 'basic-auth':
      return basicAuthHolds(secret);
    case 'jwt':
      // Any JWT but one that is public by design: reporting it would teach people to bypass the hook.
      return !isSupabaseKey(jwtClaims(secret), 'anon');
    case 'supabase-service-role':
      return isSupabaseKey(jwtClaims(secret), 'service_role');
  }
}
