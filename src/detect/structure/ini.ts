import type { Emit } from './json';
import { codePointText, hexValue, isBlank, lineEnd, skipSpaces, trimEnd } from './sink';

/**
 * INI files (php.ini, my.cnf, setup.cfg, .npmrc, .pypirc, git config, AWS credentials):
 * `[section]` is the first path element (`[remote "origin"]` gives two), then `key = value` or
 * `key: value` (a colon followed by a blank). Values lose their surrounding quotes and a ` ;` or ` #` comment; an indented line
 * with no separator continues the value before it (Python's configparser).
 */
export function iniSlots(text: string, emit: Emit): void {
  let section: string[] = [];
  let open: { path: string[]; parts: string[]; offset: number; end: number } | undefined;
  const flush = (): void => {
    if (open) emit(open.path, open.parts.length === 1 ? (open.parts[0] ?? '') : open.parts.join('\n'), open.offset, open.end - open.offset);
    open = undefined;
  };
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < text.length) {
    const lineStart = pos;
    const end = lineEnd(text, pos);
    pos = end + 1;
    const at = skipSpaces(text, lineStart, end);
    const contentEnd = trimEnd(text, at, end);
    const code = text.charCodeAt(at);
    if (at === contentEnd || code === 0x3b || code === 0x23) continue;
    if (code === 0x5b) {
      flush();
      let close = at + 1;
      while (close < contentEnd && text.charCodeAt(close) !== 0x5d) close++;
      section = sectionPath(text.slice(at + 1, close).trim());
      continue;
    }
    let separator = -1;
    for (let i = at; i < contentEnd; i++) {
      const c = text.charCodeAt(i);
      // A colon separates only before a blank (`user: app`): keys such as .npmrc's `//host/:_authToken` hold colons.
      if (c === 0x3d || (c === 0x3a && (i + 1 === contentEnd || isBlank(text.charCodeAt(i + 1))))) {
        separator = i;
        break;
      }
    }
    if (separator === -1) {
      if (open && at > lineStart) {
        open.parts.push(text.slice(at, contentEnd));
        open.end = contentEnd;
      }
      continue;
    }
    flush();
    const key = text.slice(at, trimEnd(text, at, separator));
    if (!key) continue;
    let valueStart = skipSpaces(text, separator + 1, contentEnd);
    let valueEnd = contentEnd;
    const quote = text.charCodeAt(valueStart);
    let close = quote === 0x22 || quote === 0x27 ? valueStart + 1 : contentEnd;
    while (close < contentEnd && text.charCodeAt(close) !== quote) close++;
    if (close < contentEnd) {
      valueStart++;
      valueEnd = close;
    } else valueEnd = inlineComment(text, valueStart, contentEnd);
    open = { path: [...section, key], parts: [text.slice(valueStart, valueEnd)], offset: valueStart, end: valueEnd };
  }
  flush();
}

/** `remote "origin"` → ['remote', 'origin'] (git config); anything else is one name. */
function sectionPath(name: string): string[] {
  const quote = name.indexOf(' "');
  if (quote > 0 && name.endsWith('"')) return [name.slice(0, quote), name.slice(quote + 2, -1)];
  return name ? [name] : [];
}

/** Where a value stops before a ` ;` or ` #` comment. */
function inlineComment(text: string, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x3b || c === 0x23) && isBlank(text.charCodeAt(i - 1))) return trimEnd(text, start, i);
  }
  return end;
}

const PROPERTY_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/**
 * Java `.properties` as java.util.Properties reads them: `key=value`, `key: value` or
 * `key value`; `#` and `!` comments; a line ending in an odd number of backslashes continues on
 * the next (its leading blanks dropped); \t \n \r \f \uXXXX decoded, any other escaped character
 * stands for itself. Keys are one path element (`db.password` stays whole).
 */
export function propertiesSlots(text: string, emit: Emit): void {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < text.length) {
    const end = lineEnd(text, pos);
    let at = skipPropertySpace(text, pos, end);
    const code = text.charCodeAt(at);
    if (at >= trimEnd(text, at, end) || code === 0x23 || code === 0x21) {
      pos = end + 1;
      continue;
    }
    const key = readProperty(text, at, true);
    at = skipPropertySpace(text, key.end, lineEnd(text, key.end));
    const separator = text.charCodeAt(at);
    if (separator === 0x3d || separator === 0x3a) at = skipPropertySpace(text, at + 1, lineEnd(text, at));
    const value = readProperty(text, at, false);
    if (key.value) emit([key.value], value.value, at, value.rawEnd - at);
    pos = value.end + 1;
  }
}

function skipPropertySpace(text: string, start: number, end: number): number {
  while (start < end && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09 || text.charCodeAt(start) === 0x0c)) start++;
  return start;
}

/**
 * A key (up to an unescaped separator or blank) or a value (up to the end of its logical line)
 * from `start`. `end` is where reading stopped (a separator, or the last line's '\n'); `rawEnd`
 * is the end of the text read, without the line's carriage return.
 */
function readProperty(text: string, start: number, isKey: boolean): { value: string; end: number; rawEnd: number } {
  const parts: string[] = [];
  let runStart = start;
  let at = start;
  let rawEnd = start;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(at + 1) === 0x0a)) break;
    if (isKey && (c === 0x3d || c === 0x3a || c === 0x20 || c === 0x09 || c === 0x0c)) break;
    if (c !== 0x5c) {
      at++;
      rawEnd = at;
      continue;
    }
    parts.push(text.slice(runStart, at));
    const escaped = text[at + 1] ?? '';
    if (escaped === '') {
      at = text.length;
    } else if (escaped === '\n' || escaped === '\r') {
      // A continuation: the next line's leading blanks are not part of the value.
      at += escaped === '\r' && text.charCodeAt(at + 2) === 0x0a ? 3 : 2;
      at = skipPropertySpace(text, at, lineEnd(text, at));
    } else if (escaped === 'u') {
      const code = hexValue(text, at + 2, 4);
      parts.push(Number.isNaN(code) ? 'u' : codePointText(code));
      at += Number.isNaN(code) ? 2 : 6;
      rawEnd = at;
    } else {
      parts.push(PROPERTY_ESCAPES[escaped] ?? escaped);
      at += 2;
      rawEnd = at;
    }
    runStart = at;
  }
  parts.push(text.slice(runStart, at));
  const lineBreak = text.charCodeAt(at) === 0x0d ? at + 1 : at;
  return { value: parts.length === 1 ? (parts[0] ?? '') : parts.join(''), end: isKey ? at : lineBreak, rawEnd };
}
