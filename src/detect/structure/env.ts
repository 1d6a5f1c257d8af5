import type { Emit } from './json';
import { isBlank, lineEnd, skipSpaces, trimEnd } from './sink';

/**
 * `.env` files as dotenv reads them: `KEY=value` and `export KEY=value`; values bare (up to a
 * ` #` comment), single-quoted or backquoted (literal) or double-quoted (\n, \t, \", \\ decoded);
 * quoted values may run over several lines. Lines that are not assignments are skipped.
 */
export function envSlots(text: string, emit: Emit): void {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < text.length) {
    const end = lineEnd(text, pos);
    let at = skipSpaces(text, pos, end);
    pos = end + 1;
    if (text.startsWith('export', at) && isBlank(text.charCodeAt(at + 6))) at = skipSpaces(text, at + 6, end);
    const keyStart = at;
    while (at < end && isKeyChar(text.charCodeAt(at))) at++;
    if (at === keyStart) continue;
    const key = text.slice(keyStart, at);
    at = skipSpaces(text, at, end);
    if (text.charCodeAt(at) !== 0x3d) continue;
    at = skipSpaces(text, at + 1, end);
    const quote = text.charCodeAt(at);
    if (quote === 0x22 || quote === 0x27 || quote === 0x60) {
      const start = at + 1;
      let close = -1;
      for (let i = start; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c && quote === 0x22) i++;
        else if (c === quote) {
          close = i;
          break;
        }
      }
      if (close === -1) close = trimEnd(text, start, end);
      else pos = Math.max(pos, lineEnd(text, close) + 1);
      const value = quote === 0x22 ? decodeEnvDouble(text.slice(start, close)) : text.slice(start, close);
      emit([key], value.replace(/\r\n/g, '\n'), start, close - start);
      continue;
    }
    let valueEnd = trimEnd(text, at, end);
    for (let i = at; i < valueEnd; i++) {
      if (text.charCodeAt(i) === 0x23 && (i === at || isBlank(text.charCodeAt(i - 1)))) {
        valueEnd = trimEnd(text, at, i);
        break;
      }
    }
    emit([key], text.slice(at, valueEnd), at, valueEnd - at);
  }
}

function isKeyChar(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    code === 0x2e ||
    code === 0x2d
  );
}

const ENV_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

function decodeEnvDouble(raw: string): string {
  if (!raw.includes('\\')) return raw;
  const parts: string[] = [];
  let runStart = 0;
  for (let i = raw.indexOf('\\'); i !== -1 && i < raw.length; i = raw.indexOf('\\', i)) {
    const escaped = ENV_ESCAPES[raw[i + 1] ?? ''];
    parts.push(raw.slice(runStart, i), escaped ?? raw.slice(i, i + 2));
    i += 2;
    runStart = i;
  }
  parts.push(raw.slice(runStart));
  return parts.join('');
}
