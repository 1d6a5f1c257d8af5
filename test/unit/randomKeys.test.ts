import { isEnglishWord } from '../../src/config/wordList';
import { isCredentialValue, isWordy } from '../../src/detect/secretValue';
import { catalogueDetector, scanText } from '../helpers/detector';

// Issue 15, "no entropy lottery": a random key in a credential-named slot is caught whatever its
// alphabet and length. The keys come from a seeded generator, so a failure names a key that can
// be replayed; `node bench/randomKeys.mjs` draws fresh keys at every run and prints the rates.

const ALPHABETS: Record<string, string> = {
  hex: '0123456789abcdef',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  alphanumeric: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
};

/** Credential slots as code and config write them; `%` is where the key goes. */
const SLOTS: { path: string; line: string }[] = [
  { path: 'src/db.js', line: 'const dbPassword = "%";' },
  { path: 'app/settings.py', line: "API_KEY = '%'" },
  { path: 'config/app.json', line: '  "client_secret": "%",' },
  { path: 'deploy/values.yaml', line: '  authToken: "%"' },
  { path: 'src/Main.java', line: 'private static final String SECRET = "%";' },
  { path: '.env', line: 'DB_PASSWORD=%' },
];

/** mulberry32: a small seeded generator, so every run draws the same keys. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomKey(alphabet: string, length: number, next: () => number): string {
  let key = '';
  for (let index = 0; index < length; index++) key += alphabet[Math.floor(next() * alphabet.length)];
  return key;
}

const PER_LENGTH = 6;
const LENGTHS = Array.from({ length: 57 }, (_, index) => index + 8);

describe('random keys in credential slots (no entropy lottery)', () => {
  const detector = catalogueDetector();

  for (const [name, alphabet] of Object.entries(ALPHABETS)) {
    it(`${name}, 8 to 64 characters: at least 99.9 % caught in every slot, at the key's own line and column`, () => {
      const next = seeded(name.length * 7919 + alphabet.charCodeAt(3));
      const missed: string[] = [];
      let tried = 0;
      for (const length of LENGTHS) {
        for (let sample = 0; sample < PER_LENGTH; sample++) {
          const key = randomKey(alphabet, length, next);
          for (const slot of SLOTS) {
            // The .env slot ends the line at the key: a key with a `#` or quote is not a value there.
            tried++;
            const line = slot.line.replace('%', key);
            const findings = scanText(detector, `${line}\n`, slot.path);
            const column = line.indexOf(key) + 1;
            const hit = findings.some((finding) =>
              finding.spans.some((span) => span.line === 1 && span.column === column && span.secret === key),
            );
            if (!hit) missed.push(`${slot.path}: ${key}`);
          }
        }
      }
      expect(tried).toBe(LENGTHS.length * PER_LENGTH * SLOTS.length);
      expect({ rate: missed.length / tried, missed: missed.slice(0, 10) }).toEqual({ rate: expect.any(Number), missed: [] });
      expect(missed.length / tried).toBeLessThanOrEqual(0.001);
    });
  }
});

describe('what a person wrote in a credential slot stays quiet', () => {
  it.each([
    'your_api_key_here',
    'accessToken',
    'changeme',
    'example-password-123',
    'my-secret-value',
    'YOUR_TOKEN_1',
    '${API_KEY}',
    '<your-token>',
    'xxxxxxxxxxxx',
    'XXXX-XXXX-XXXX',
    `${'a'.repeat(63)}b`,
    'abababababab',
    '__WEBPACK_MODULE_REFERENCE__',
    'supersecret',
    'lastWeek',
    'yesterday',
    'refreshedToken',
    '/Users/maciej',
    '~/.ssh/id_ed25519',
    './certs/server-key.pem',
    // Names of names: words with one name no dictionary has (a provider's), lower case and separated.
    'cloudflare_api_token',
    'datadog-app-key',
    'algolia_admin_api_key',
  ])('%s', (value) => {
    expect(isCredentialValue(value, isEnglishWord)).toBe(false);
  });

  it('words hidden among random characters do not make a phrase', () => {
    // Each holds a known word ("add", "the", "data") but is mostly not words.
    for (const value of ['ZkAddQpx', 'HtheRwqa', 'ecDataPf', 'wUkCloudQx']) expect(isWordy(value, isEnglishWord)).toBe(false);
    // Words with digits or symbols are how people write passwords.
    for (const value of ['Winter2024!', 'fakeMail#2024', 'postgres123']) expect(isCredentialValue(value, isEnglishWord)).toBe(true);
    // One unknown name among words passes only as a lower-case separated name of three parts or more.
    for (const value of ['Cloudflare_Api_Token', 'cloudflare_token', 'qzxwv_api_token_kqzpw'])
      expect(isCredentialValue(value, isEnglishWord)).toBe(true);
  });
});
