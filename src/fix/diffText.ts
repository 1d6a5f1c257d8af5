import { redactSecret } from '../report/redact';
import type { LineChange } from './rewriteFile';

/**
 * The changes to one file as a unified diff without context, every secret in it redacted as
 * reports redact one (a removed line still holds it).
 */
export function diffText(path: string, changes: readonly LineChange[], secrets: readonly string[]): string {
  const hide = [...new Set(secrets)].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  const redacted = (line: string) => hide.reduce((text, secret) => text.split(secret).join(redactSecret(secret)), line);
  const out = [`--- a/${path}`, `+++ b/${path}`];
  let offset = 0;
  for (const change of changes) {
    const removed = change.removed.length;
    const added = change.added.length;
    const oldStart = removed === 0 ? change.line - 1 : change.line;
    const newStart = added === 0 ? change.line + offset - 1 : change.line + offset;
    out.push(`@@ -${range(oldStart, removed)} +${range(newStart, added)} @@`);
    out.push(...change.removed.map((line) => `-${redacted(line)}`), ...change.added.map((line) => `+${redacted(line)}`));
    offset += added - removed;
  }
  return `${out.join('\n')}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
