import { credentialValueSpans, highEntropySpans, type LineSpan } from './credentialShapes';

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
/** Characters either side of the finding that are masked and may be shown (far more than the window). */
const REACH = 2000;

/**
 * The line with every credential-shaped value masked, cut around the finding when the line is
 * long (minified code). Masked: the finding's own secret; every secret found in the file
 * (`secrets`); values assigned to credential-named keys and URL passwords; random-looking runs
 * of 16+ characters. The rest of the line stays as it is, so the excerpt still shows the code.
 */
export function redactLine(fullLine: string, column: number, secret: string, secrets: readonly string[]): string {
  // Only the stretch around the finding can be shown: judge that, not a 10 MB minified line.
  const ownLength = firstLine(secret).length;
  const lo = Math.max(0, column - 1 - REACH);
  const lineText = fullLine.slice(lo, column - 1 + ownLength + REACH);
  const cutBefore = lo > 0;
  const cutAfter = column - 1 + ownLength + REACH < fullLine.length;
  const own: LineSpan = { start: column - 1 - lo, end: column - 1 - lo + ownLength };
  const spans: LineSpan[] = [own];
  for (const other of secrets) {
    const text = firstLine(other);
    if (text.length < 4) continue;
    for (let at = lineText.indexOf(text); at !== -1; at = lineText.indexOf(text, at + text.length))
      spans.push({ start: at, end: at + text.length });
  }
  spans.push(...credentialValueSpans(lineText), ...highEntropySpans(lineText));

  let line = '';
  let ownAt = 0;
  let cursor = 0;
  for (const span of merge(spans)) {
    line += lineText.slice(cursor, span.start).replace(/\t/g, '  ');
    const holdsOwn = span.start <= own.start && span.end >= own.end;
    if (holdsOwn) ownAt = line.length;
    // The finding's own span keeps redactSecret's view of the whole secret (a PEM key keeps its BEGIN line).
    line += span.start === own.start && span.end === own.end ? redactSecret(secret) : redactSecret(lineText.slice(span.start, span.end));
    cursor = span.end;
  }
  line += lineText.slice(cursor).replace(/\t/g, '  ');
  if (line.length <= LINE_WINDOW && !cutBefore && !cutAfter) return line.trimEnd();
  const from = Math.max(0, ownAt - 40);
  const to = Math.min(line.length, from + LINE_WINDOW);
  return `${from > 0 || cutBefore ? '…' : ''}${line.slice(from, to)}${to < line.length || cutAfter ? '…' : ''}`;
}

/** A secret's part on the line it starts on (a PEM key spans many). */
function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '');
}

/** Overlapping or touching spans joined, in line order. */
function merge(spans: readonly LineSpan[]): LineSpan[] {
  const sorted = spans.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: LineSpan[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}
