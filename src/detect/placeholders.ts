const PLACEHOLDER_PARTS = [
  'xxxx',
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

/** A constant's name used as its value (`TOKEN = "__WEBPACK_MODULE_REFERENCE__"`), not a credential. */
const CONSTANT_NAME = /^_*[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+_*$/;

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
  const lower = secret.toLowerCase();
  return PLACEHOLDER_PARTS.some((part) => lower.includes(part));
}
