// Text from files, file names, commits and user config reaches the terminal. A terminal obeys
// escape sequences in it (clear the screen, retitle the window, plant a hyperlink) and bidi
// overrides reorder what a line appears to say, so such characters are shown as escapes instead.

/**
 * Characters a terminal would act on or reorder by: C0 controls, DEL, C1 controls, and the bidi
 * embeddings, overrides, isolates and marks. A newline inside a file name or a commit subject
 * could forge a report line, so user strings have it escaped too; only the edge keeps ours.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const HAS_UNSAFE = new RegExp(UNSAFE.source);

/** Our own colour codes (src/report/style.ts), the only escape sequences the edge lets through. */
const OWN_SGR_OR_UNSAFE =
  /\u001b\[[0-9;]*m|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `\x1b` below U+0020, `\u202e` above: the `\u` form is also a JSON escape of the same character,
 * so a JSON or SARIF document that passes the edge guard still parses to the same values.
 */
function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A user-derived string made inert for a terminal: every control and bidi character shown escaped. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * The last guard before the terminal: escapes what terminalSafe escapes, except complete SGR
 * colour sequences, which the text reporter writes itself after escaping everything user-derived.
 */
export function terminalSafeOutput(text: string): string {
  return text.replace(OWN_SGR_OR_UNSAFE, (match) => (match.length > 1 ? match : escapeChar(match)));
}

/**
 * A path quoted for a POSIX shell. A name holding control or bidi characters cannot be printed
 * as it is, so it is spelled as `"$(printf '…')"` with those bytes in octal: the printed command
 * still names the real file in sh, bash, zsh and ksh, and shows no raw control character.
 */
export function shellQuoteSafe(text: string, plainQuote: (text: string) => string): string {
  if (!HAS_UNSAFE.test(text)) return plainQuote(text);
  let format = '';
  for (const ch of text) {
    if (ch === '-' && format === '')
      format += '\\055'; // printf would take a leading - for an option
    else if (ch === '\\') format += '\\\\';
    else if (ch === '%') format += '%%';
    else if (ch === "'") format += "'\\''";
    else if (HAS_UNSAFE.test(ch)) format += [...Buffer.from(ch, 'utf8')].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
    else format += ch;
  }
  return `"$(printf '${format}')"`;
}
