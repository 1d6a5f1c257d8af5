import type { Emit } from './json';
import { codePointText, hexValue, MAX_DEPTH } from './sink';

/** Elements that name their value with a `key`/`name` attribute even without a `value` one. */
const NAMING_ELEMENTS = new Set([
  'add',
  'property',
  'entry',
  'param',
  'parameter',
  'setting',
  'environment',
  'env',
  'variable',
  'option',
  'set',
  'item',
  'secret',
  'credential',
]);

interface Attribute {
  name: string;
  value: string;
  offset: number;
  rawLength: number;
}

/**
 * XML config (web.config, app.config, pom.xml, settings.xml, *.csproj, Spring and Ant files):
 * element text under the path of element names (`<smtp><password>` → ['smtp', 'password']),
 * attributes as '@name' under their element. An element that names itself with `key` or `name`
 * (`<add key="X" value="…"/>`, `<property name="db.password">…</property>`,
 * `<add name="Db" connectionString="…"/>`) stands in the path as that name, and its value
 * attribute or text is the slot's value. In a property list, `<key>Token</key><string>…</string>`
 * inside a `<dict>` is the value at […, 'Token']. CDATA is read; entities are decoded. Unbalanced tags are
 * tolerated: a closing tag pops to its opening one, or is ignored.
 */
export function xmlSlots(text: string, emit: Emit): void {
  const names: string[] = [];
  const path: string[] = [];
  let pos = 0;
  // A property list names each value of a <dict> by the <key> before it: the key's text, by level.
  const dictKeys: (string | undefined)[] = [];
  const emitText = (start: number, end: number, decode: boolean): void => {
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end <= start || !names.length || names.length > MAX_DEPTH) return;
    const value = decode ? decodeEntities(text, start, end) : text.slice(start, end);
    if (names[names.length - 1] === 'key' && names[names.length - 2] === 'dict') dictKeys[names.length - 2] = value;
    else emit(path, value, start, end - start);
  };
  // Where the current run of text started: a '<' that opens no tag does not end it.
  let textFrom = 0;
  while (pos < text.length) {
    const open = text.indexOf('<', pos);
    const next = text.charCodeAt(open + 1);
    if (open !== -1 && next !== 0x21 && next !== 0x3f && next !== 0x2f && !isNameChar(next)) {
      pos = open + 1;
      continue;
    }
    emitText(textFrom, open === -1 ? text.length : open, true);
    if (open === -1) return;
    if (text.startsWith('<!--', open)) {
      pos = after(text, '-->', open + 4);
    } else if (text.startsWith('<![CDATA[', open)) {
      const close = text.indexOf(']]>', open + 9);
      emitText(open + 9, close === -1 ? text.length : close, false);
      pos = close === -1 ? text.length : close + 3;
    } else if (text.startsWith('<?', open)) {
      pos = after(text, '?>', open + 2);
    } else if (text.charCodeAt(open + 1) === 0x21) {
      pos = skipDeclaration(text, open + 2);
    } else if (text.charCodeAt(open + 1) === 0x2f) {
      const close = text.indexOf('>', open + 2);
      const name = text.slice(open + 2, close === -1 ? text.length : close).trim();
      const limit = Math.max(0, names.length - MAX_DEPTH);
      for (let i = names.length - 1; i >= limit; i--) {
        if (names[i] === name) {
          names.length = i;
          path.length = Math.min(path.length, i);
          break;
        }
      }
      pos = close === -1 ? text.length : close + 1;
    } else {
      let at = open + 1;
      while (at < text.length && isNameChar(text.charCodeAt(at))) at++;
      const name = text.slice(open + 1, at);
      const attributes: Attribute[] = [];
      let selfClosing = false;
      while (at < text.length) {
        while (at < text.length && isSpace(text.charCodeAt(at))) at++;
        const c = text.charCodeAt(at);
        if (c === 0x3e) {
          at++;
          break;
        }
        if (c === 0x2f && text.charCodeAt(at + 1) === 0x3e) {
          selfClosing = true;
          at += 2;
          break;
        }
        if (c === 0x3c) break;
        const nameStart = at;
        while (at < text.length && isNameChar(text.charCodeAt(at))) at++;
        if (at === nameStart) {
          at++;
          continue;
        }
        const attributeName = text.slice(nameStart, at);
        while (at < text.length && isSpace(text.charCodeAt(at))) at++;
        if (text.charCodeAt(at) !== 0x3d) continue;
        at++;
        while (at < text.length && isSpace(text.charCodeAt(at))) at++;
        const quote = text.charCodeAt(at);
        let start = at;
        let end: number;
        if (quote === 0x22 || quote === 0x27) {
          start = at + 1;
          end = text.indexOf(quote === 0x22 ? '"' : "'", start);
          if (end === -1) end = text.length;
          at = end + 1;
        } else {
          while (at < text.length && !isSpace(text.charCodeAt(at)) && text.charCodeAt(at) !== 0x3e) at++;
          end = at;
        }
        attributes.push({ name: attributeName, value: decodeEntities(text, start, end), offset: start, rawLength: end - start });
      }
      pos = at;
      const element = elementPath(name, attributes);
      const parent = names.length - 1;
      const dictKey = names[parent] === 'dict' && name !== 'key' ? dictKeys[parent] : undefined;
      if (dictKey !== undefined) {
        element.name = dictKey;
        dictKeys[parent] = undefined;
      }
      if (names.length < MAX_DEPTH) {
        for (const attribute of attributes) {
          if (attribute === element.nameAttribute || attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) continue;
          const attributePath =
            attribute === element.valueAttribute ? [...path, element.name] : [...path, element.name, `@${attribute.name}`];
          emit(attributePath, attribute.value, attribute.offset, attribute.rawLength);
        }
      }
      if (!selfClosing) {
        names.push(name);
        dictKeys[names.length - 1] = undefined;
        if (names.length <= MAX_DEPTH) path.push(element.name);
      }
    }
    textFrom = pos;
  }
}

/** How an element stands in the path: its tag name, or the name its key/name attribute gives it. */
function elementPath(
  tag: string,
  attributes: readonly Attribute[],
): { name: string; nameAttribute?: Attribute; valueAttribute?: Attribute } {
  let key: Attribute | undefined;
  let name: Attribute | undefined;
  let valueAttribute: Attribute | undefined;
  for (const attribute of attributes) {
    const lower = attribute.name.toLowerCase();
    if (lower === 'key' && attribute.value) key ??= attribute;
    else if (lower === 'name' && attribute.value) name ??= attribute;
    else if (lower === 'value' || lower === 'connectionstring') valueAttribute ??= attribute;
  }
  const nameAttribute = key ?? name;
  if (!nameAttribute) return { name: tag };
  if (valueAttribute) return { name: nameAttribute.value, nameAttribute, valueAttribute };
  return NAMING_ELEMENTS.has(tag.slice(tag.indexOf(':') + 1).toLowerCase()) ? { name: nameAttribute.value, nameAttribute } : { name: tag };
}

function after(text: string, mark: string, from: number): number {
  const at = text.indexOf(mark, from);
  return at === -1 ? text.length : at + mark.length;
}

/** `<!DOCTYPE …>` and its internal subset in brackets. */
function skipDeclaration(text: string, from: number): number {
  let brackets = 0;
  for (let at = from; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x5b) brackets++;
    else if (c === 0x5d) brackets--;
    else if (c === 0x3e && brackets <= 0) return at + 1;
  }
  return text.length;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isNameChar(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x3a ||
    code > 0x7f
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of [start, end) with XML's five named entities and character references decoded. */
export function decodeEntities(text: string, start: number, end: number): string {
  // Searched within the range only: an indexOf would run on to the next '&' of the whole file.
  const nextAmp = (from: number): number => {
    for (let at = from; at < end; at++) if (text.charCodeAt(at) === 0x26) return at;
    return -1;
  };
  let amp = nextAmp(start);
  if (amp === -1) return text.slice(start, end);
  const parts: string[] = [];
  let runStart = start;
  while (amp !== -1) {
    let semicolon = amp + 1;
    const limit = Math.min(end, amp + 12);
    while (semicolon < limit && text.charCodeAt(semicolon) !== 0x3b) semicolon++;
    if (semicolon < limit) {
      const name = text.slice(amp + 1, semicolon);
      let decoded = ENTITIES[name];
      if (decoded === undefined && name.startsWith('#')) {
        const hex = name[1] === 'x' || name[1] === 'X';
        const digits = name.slice(hex ? 2 : 1);
        const code = hex ? hexValue(digits, 0, digits.length) : /^[0-9]+$/.test(digits) ? Number(digits) : Number.NaN;
        if (digits && !Number.isNaN(code)) decoded = codePointText(code);
      }
      if (decoded !== undefined) {
        parts.push(text.slice(runStart, amp), decoded);
        runStart = semicolon + 1;
      }
    }
    amp = nextAmp(amp + 1);
  }
  parts.push(text.slice(runStart, end));
  return parts.join('');
}
