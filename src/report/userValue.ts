import { looksRandom } from './credentialShapes';
import { redactSecret } from './redact';
import { terminalSafe } from './terminalSafe';

// Error messages quote what a user wrote (an unknown key, a rule id) so they can find it. A
// config can hold a pasted token by mistake, even as a key, and the message lands in CI logs:
// anything long or credential-shaped is quoted by its first few characters only.

const SHOWN_WHOLE = 24;

/** Long, random-looking, or mixing three character classes with a digit: treat it as a secret. */
export function credentialShaped(value: string): boolean {
  if (value.length > SHOWN_WHOLE) return true;
  if (value.length >= 16 && looksRandom(value)) return true;
  const classes =
    Number(/[a-z]/.test(value)) + Number(/[A-Z]/.test(value)) + Number(/[0-9]/.test(value)) + Number(/[^A-Za-z0-9]/.test(value));
  return value.length >= 10 && classes >= 3 && /[0-9]/.test(value);
}

/** A user value as an error message quotes it: whole when short and plain, else a short prefix and `…`. */
export function quoteUserValue(value: string): string {
  return `"${terminalSafe(credentialShaped(value) ? redactSecret(value) : value)}"`;
}

/**
 * A sentence with every long or random-looking word cut to a prefix: for our messages that may
 * embed user text (a regex engine's reason quoting the pattern), without touching their own words.
 */
export function clipCredentialWords(text: string): string {
  return text.replace(/[^\s"'`()]{16,}/g, (word) => (word.length > 40 || looksRandom(word) ? redactSecret(word) : word));
}
