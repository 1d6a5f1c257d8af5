/**
 * A few leading characters, then `…`: enough to recognise which key it is, never enough to use
 * it. At most a quarter of the secret is shown, and never more than 4 characters (PEM blocks
 * keep their BEGIN line, which is not secret).
 */
export function redactSecret(secret: string): string {
  const pem = /^-----BEGIN [A-Z0-9 ]+-----/.exec(secret);
  if (pem) return `${pem[0]}…`;
  const keep = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, keep)}…`;
}

const LINE_WINDOW = 120;

/**
 * The line with every given secret masked, cut around the first secret when the line is long
 * (minified code). `secrets` holds every secret found in the file, so a second credential on
 * the same line is masked too.
 */
export function redactLine(lineText: string, column: number, secret: string, secrets: readonly string[]): string {
  const firstLine = secret.split('\n')[0].replace(/\r$/, '');
  let start = column - 1;
  let line = lineText.slice(0, start) + redactSecret(secret) + lineText.slice(start + firstLine.length);
  for (const other of [...secrets].sort((a, b) => b.length - a.length)) {
    const otherFirstLine = other.split('\n')[0];
    if (otherFirstLine.length >= 4 && line.includes(otherFirstLine)) line = line.split(otherFirstLine).join(redactSecret(other));
  }
  line = line.replace(/\t/g, '  ');
  if (line.length <= LINE_WINDOW) return line.trimEnd();
  const from = Math.max(0, start - 40);
  const to = Math.min(line.length, from + LINE_WINDOW);
  start = from;
  return `${from > 0 ? '…' : ''}${line.slice(from, to)}${to < line.length ? '…' : ''}`;
}
