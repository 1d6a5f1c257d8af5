import { shannonEntropy } from '../detect/entropy';

// A report shows the line around a finding. The rules found one secret on it; the same line often
// holds another that no rule claims (a database password next to a detected token). These are
// the places on a line that look like a credential whether or not a rule found one, so the
// excerpt can mask them too.

/** A stretch of a line, [start, end) in UTF-16 units. */
export interface LineSpan {
  start: number;
  end: number;
}

// `key = v`, `key: v`, `"key": "v"`, `key => v`, `key := v`, `key == v`; the key optionally quoted.
const ASSIGNMENT = /(?<![\w$.-])(["'`]?)([A-Za-z_$][\w$.-]*)\1[ \t]*(?:=>|:=|[!=]==?|=|:)[ \t]*/g;

/** Whole lowercased keys (separators removed) that end like a credential name. */
const CREDENTIAL_ENDINGS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'apikey',
  'auth',
  'authorization',
  'credential',
  'credentials',
  'creds',
  'secretkey',
  'privatekey',
  'accesskey',
  'signingkey',
  'masterkey',
  'encryptionkey',
];

/** Last words that name a credential only as a word of their own (`db_pass`, `api-key`, not `bypass`, `monkey`). */
const CREDENTIAL_WORDS = new Set(['key', 'pass', 'pw', 'cred']);

/** Values that are code or a placeholder rather than a literal: left readable. */
const KEYWORDS = new Set(['true', 'false', 'null', 'none', 'nil', 'undefined', 'yes', 'no']);
const REFERENCE = /^(?:process\.env|os\.environ|os\.getenv|import\.meta\.env|ENV|this|self|config|settings|secrets|vars|env)\b[.[(]/;

const AUTH_SCHEME = /^(?:Bearer|Basic|Token|Digest)[ \t]+/i;

/** Whether a key names a credential: its last word, or its whole lowercased form's ending. */
export function isCredentialKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s._$-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  const last = words.at(-1);
  if (last === undefined) return false;
  if (CREDENTIAL_WORDS.has(last)) return true;
  const joined = words.join('');
  return CREDENTIAL_ENDINGS.some((ending) => joined.endsWith(ending));
}

/** Whether a line holds anything credentialValueSpans or highEntropySpans would mask. */
export function holdsCredentialShape(line: string): boolean {
  return credentialValueSpans(line).length > 0 || highEntropySpans(line).length > 0;
}

/** Values assigned to credential-named keys, and URL passwords (`scheme://user:pass@host`). */
export function credentialValueSpans(line: string): LineSpan[] {
  const spans: LineSpan[] = [];
  for (const match of line.matchAll(ASSIGNMENT)) {
    const key = match[2];
    if (key === undefined || !isCredentialKey(key)) continue;
    let start = match.index! + match[0].length;
    const scheme = AUTH_SCHEME.exec(line.slice(start));
    if (scheme) start += scheme[0].length;
    const span = valueAt(line, start);
    if (span) spans.push(span);
  }
  spans.push(...urlPasswordSpans(line));
  return spans;
}

/**
 * `scheme://user:password@host`: the password. Found from each `://` forwards, without a
 * regex that would look back over a long line from every position (quadratic on minified code).
 */
function urlPasswordSpans(line: string): LineSpan[] {
  const spans: LineSpan[] = [];
  for (let at = line.indexOf('://'); at !== -1; at = line.indexOf('://', at + 3)) {
    const start = at + 3;
    let end = start;
    while (end < line.length && !/[\s/@'"`]/.test(line.charAt(end))) end++;
    if (line[end] !== '@') continue;
    const colon = line.indexOf(':', start);
    if (colon === -1 || colon >= end - 1) continue;
    if (!isPlaceholder(line.slice(colon + 1, end))) spans.push({ start: colon + 1, end });
  }
  return spans;
}

/** The literal value starting at `start`: inside its quotes, or up to whitespace when bare. */
function valueAt(line: string, start: number): LineSpan | undefined {
  const quote = line[start];
  if (quote === '"' || quote === "'" || quote === '`') {
    let end = start + 1;
    while (end < line.length && line[end] !== quote) end += line[end] === '\\' ? 2 : 1;
    end = Math.min(end, line.length);
    const value = line.slice(start + 1, end);
    if (value === '' || isPlaceholder(value)) return undefined;
    return { start: start + 1, end };
  }
  const bare = /^[^\s]+/.exec(line.slice(start));
  if (!bare) return undefined;
  const value = bare[0].replace(/[,;)\]}]+$/, '');
  // `$VAR`, `${{ secrets.X }}`, `%VAR%`, `{{ .Values.x }}`, `<token>`: interpolated, not a literal.
  if (
    value === '' ||
    KEYWORDS.has(value.toLowerCase()) ||
    value.includes('(') ||
    REFERENCE.test(value) ||
    /^[$%{<]/.test(value) ||
    isPlaceholder(value)
  )
    return undefined;
  return { start, end: start + value.length };
}

/** `${TOKEN}`, `{{ .Values.token }}`, `<your-token>`, `%TOKEN%`, `$TOKEN`, `…`: no value yet. */
function isPlaceholder(value: string): boolean {
  return /^(?:\$\{[^}]*\}|\{\{.*\}\}|<[^>]*>|%[^%]*%|\$[A-Za-z_]\w*|\*+|x+|X+)$/.test(value.trim()) || value.includes('…');
}

const RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;

/**
 * Runs of 16 or more token characters that read as random rather than as words. Split at
 * separators, case humps and letter/digit changes, an identifier or path is mostly
 * pronounceable pieces of 4+ letters (`getElementsByClassName`, `src/report/textReport`);
 * random text is mostly short or unpronounceable pieces (`aB3dE9fGh2Kq…`, hex, base64).
 */
export function highEntropySpans(line: string): LineSpan[] {
  const spans: LineSpan[] = [];
  for (const match of line.matchAll(RUN)) {
    if (looksRandom(match[0])) spans.push({ start: match.index!, end: match.index! + match[0].length });
  }
  return spans;
}

/** See highEntropySpans. */
export function looksRandom(run: string): boolean {
  if (shannonEntropy(run) < 2.5) return false;
  const classes = Number(/[a-z]/.test(run)) + Number(/[A-Z]/.test(run)) + Number(/[0-9]/.test(run));
  if (classes < 2) return false;
  const pieces = run
    .replace(/([a-z])(?=[A-Z])/g, '$1 ')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .replace(/([A-Za-z])(?=[0-9])|([0-9])(?=[A-Za-z])/g, '$1$2 ')
    .split(/[\s+/=_.-]+/)
    .filter(Boolean);
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const wordy = pieces.filter(wordLike).reduce((sum, piece) => sum + piece.length, 0);
  return wordy < total / 2;
}

/** Four or more letters with vowels where a word has them. */
function wordLike(piece: string): boolean {
  if (piece.length < 4 || !/^[A-Za-z]+$/.test(piece)) return false;
  const vowels = piece.match(/[aeiouy]/gi)?.length ?? 0;
  return vowels / piece.length >= 0.25 && !/[^aeiouy]{5}/i.test(piece);
}
