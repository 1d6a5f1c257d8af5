const PLACEHOLDER_PARTS = [
  '****',
  '....',
  '____',
  '00000000',
  '0123456',
  '1234567',
  'abcdefg',
  'your_',
  'your-',
  'yourkey',
  'placeholder',
  'changeme',
  'change_me',
  'replaceme',
  'replace_me',
  'redacted',
  'dummy',
  'lorem',
];

/**
 * A constant's name used as its value (`TOKEN = "__WEBPACK_MODULE_REFERENCE__"`), not a credential:
 * words of two letters or more, a number only at a word's end. Random upper-case keys with an
 * underscore (base64url) rarely take that shape; with any digit allowed anywhere, one in 500 did.
 */
const CONSTANT_NAME = /^_*[A-Z]{2,}[0-9]*(?:_[A-Z]{2,}[0-9]*)+_*$/;

const WRAPPED = /^(?:<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%[^%]*%|\$[A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * True for values that only stand in for a secret: `xxxx…`, `<token>`, `${API_KEY}`, `your_key`,
 * `changeme`, one repeated character, counting sequences. Such values are documentation, and
 * flagging them would teach people to bypass the hook. `EXAMPLE`/`FAKE` markers are not dropped:
 * a well-formed token is reported even when it says it is fake.
 */
export function isPlaceholder(secret: string): boolean {
  if (/^(.)\1*$/s.test(secret)) return true;
  if (WRAPPED.test(secret) || CONSTANT_NAME.test(secret)) return true;
  if (typedXs(secret)) return true;
  const lower = secret.toLowerCase();
  return PLACEHOLDER_PARTS.some((part) => typedAt(secret, lower, part));
}

/**
 * Whether `part` occurs in the secret in a case a person types it: `lorem`, `LOREM`, `Lorem`,
 * `yourKey`, not `lORem`. A random mixed-case key spells a word in some mix of cases by chance
 * (`…7YoUR-Nm…`: about one 58-character base64url key in a million, bench/randomKeys.mjs); a
 * person writing a placeholder does not.
 */
function typedAt(secret: string, lower: string, part: string): boolean {
  for (let at = lower.indexOf(part); at !== -1; at = lower.indexOf(part, at + 1)) {
    const letters = secret.slice(at, at + part.length).replace(/[^A-Za-z]/g, '');
    if (letters === letters.toUpperCase() || TYPED_CAMEL.test(letters)) return true;
  }
  return false;
}

/** Lower case, capitalised or camelCase: every upper-case letter after the first starts a piece of two letters or more. */
const TYPED_CAMEL = /^[A-Za-z][a-z]*(?:[A-Z][a-z]+)*$/;

/**
 * Runs of x as people type them to stand for a key (`sk_live_xxxxxxxx`, `XXXX-XXXX`): one case,
 * six or more in a row, or four or more making a quarter of the value. A random key holds four in
 * a row by chance (about one in a million per position), never that much of itself.
 */
function typedXs(secret: string): boolean {
  let longest = 0;
  let total = 0;
  for (const run of secret.match(/x{4,}|X{4,}/g) ?? []) {
    longest = Math.max(longest, run.length);
    total += run.length;
  }
  return longest >= 6 || (longest >= 4 && total * 4 >= secret.length);
}
