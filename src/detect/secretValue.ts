import { isPlaceholder } from './placeholders';

// Whether a value in a credential-named slot (password, secret, token, api_key…) is a credential.
// Entropy cannot tell: a random 32-hex key falls below 3.5 bits about one time in five, a random
// 12-character password two times in three. What sets a value apart from a key is that a person
// wrote it: a word, a phrase of words, an identifier, a reference, a placeholder. Those are what
// is refused here; anything else in such a slot is taken as a credential. A random key from any
// common alphabet reads as words only by rare chance (bench/randomKeys.mjs measures how rare).

/**
 * Words that values in credential slots are made of when they are not credentials: English and
 * programming vocabulary, as in `your-api-key-here`, `accessToken`, `secret_value`, `test`.
 * Only words of three letters or more; one- and two-letter pieces are judged by length alone.
 */
const WORDS = new Set(
  `
about access account action active add admin agent alpha any api app application apps arg args auth author
authorization auto backend base basic bearer beta bin blank body bot bucket build cache call cert certificate
change changeit changeme check client cloud code config configuration connection console const content context
cookie copy core correct create creds credential credentials csrf current custom dashboard data database date
debug default delete demo deploy dev develop development device digest disabled domain dummy empty encrypted
encryption end endpoint enter env environment error example expired external fake false field file fill first
foo bar baz form format from full get github given global google guest hash header hello here hidden home horse
host http https identity mysql postgres postgresql redis mongo mongodb mariadb rabbitmq incorrect info input insert internal invalid item json jwt key keys label last letmein
level list live local localhost login logout main manager master message missing mock mode model my name new
next none not null oauth object old one open option optional org owner pass passphrase passwd password
passwords path pattern personal placeholder please pool port prefix private prod production profile project
provide provided public put qwerty random read redacted refresh region remote replace request required reset
response rest root sample sandbox secret secrets secure security server service session set settings setup
shared sign signature signing simple site some source staging stored string super supersecret system table
temp template tenant test testing text the this token tokens type undefined unknown update user username
users valid value values var variable vault verify version web webhook webhooks what with word write wrong
xxx xsrf yaml url uri sql pwd repo npm frontend you your yours
`
    .split(/\s+/)
    .filter(Boolean),
);

/** Letters split at case changes and at anything that is not a letter: `myAPIKey2` → my, api, key. */
function letterTokens(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter(Boolean)
    .map((token) => token.toLowerCase());
}

/** Whether a lower-case token of three letters or more is a word (the setup passes a dictionary). */
export type IsWord = (token: string) => boolean;

/** Without a dictionary: the words above, those of code and placeholders. */
export const fewWords: IsWord = (token) => WORDS.has(token);

/**
 * True when the value is words and nothing else (separators aside): an identifier or a phrase,
 * such as `your_api_key_here`, `accessToken`, `changeme`, `lastWeek`. Words with digits or
 * symbols (`Winter2024!`, `fakeMail#2024`) are how people write passwords: not wordy.
 */
export function isWordy(value: string, isWord: IsWord = fewWords): boolean {
  if (!/^[A-Za-z._-]+$/.test(value)) return false;
  let known = 0;
  let knownTokens = 0;
  const unknown: string[] = [];
  for (const token of letterTokens(value)) {
    if (token.length < 3) continue;
    if (WORDS.has(token) || isWord(token)) {
      known += token.length;
      knownTokens++;
    } else unknown.push(token);
  }
  // Known words make most of it: `ZkAddQp` holds "add", but is no phrase.
  if (unknown.length === 0) return known >= 0.6 * value.length;
  // A name made of words and one name no dictionary has, written in lower case with `_` or `-`
  // between them: `cloudflare_api_token`, `datadog-app-key` (a provider's name).
  return unknown.length === 1 && knownTokens >= 2 && /^[a-z]+(?:[_-][a-z]+){2,}$/.test(value);
}

/** Words that mark a value as standing in for one: `example-password-123`, `YOUR_TOKEN_1`. */
const STAND_IN = new Set(['example', 'sample', 'placeholder', 'dummy', 'your', 'yours', 'changeme', 'redacted']);

/**
 * Whether a value sitting where a credential goes is one: not a placeholder or a reference (see
 * isPlaceholder) or a path, not marked as a stand-in (`example`, `your`), not whitespace-separated
 * prose, not made of words alone (isWordy), at least eight characters.
 */
export function isCredentialValue(value: string, isWord: IsWord = fewWords): boolean {
  if (value.length < 8 || /\s/.test(value)) return false;
  if (isPlaceholder(value) || isPathLike(value) || isMonotonous(value)) return false;
  if (letterTokens(value).some((token) => STAND_IN.has(token))) return false;
  return !isWordy(value, isWord);
}

/**
 * A file path (`/Users/me`, `~/.ssh/id_rsa`, `./certs/key.pem`): rooted, every part made of
 * lower-case letters, digits and `._-`, or ending in a file extension. A random base64 key that
 * starts with `/` keeps its upper-case letters and `+`.
 */
function isPathLike(value: string): boolean {
  if (!/^(?:~|\.{1,2})?\//.test(value)) return false;
  if (/^[\w./~-]+\.[A-Za-z][A-Za-z0-9]{0,5}$/.test(value)) return true;
  const parts = value.split('/');
  // Two named parts at least (`/Users/me`): one rooted word is as likely a key starting with `/`.
  if (parts.filter((part) => /[A-Za-z]/.test(part)).length < 2) return false;
  return /^[a-z0-9._~/-]+$/i.test(value) && parts.every((part) => /^(?:|~|\.{1,2}|\.?[A-Za-z][a-z0-9._-]*)$/.test(part));
}

/**
 * A value of one or two characters over and over (`aaaa…ab`, `abababab`), or three quarters one
 * character: typed, not drawn. Random keys of eight characters or more take that shape about
 * once in forty thousand (hex, the smallest alphabet).
 */
function isMonotonous(value: string): boolean {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  return counts.size <= 2 || Math.max(...counts.values()) * 4 >= value.length * 3;
}
