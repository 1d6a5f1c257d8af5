import { jsonSlots } from './json';
import type { Slot } from './slots';
import type { SlotSink } from './sink';

const DOCKER_CONFIG_KEYS = new Set(['.dockerconfigjson', '.dockercfg']);

/**
 * What a YAML or JSON document holds once read by the program it is written for, past the
 * first layer of encoding: the `data` of a Kubernetes Secret (base64, whatever its keys are
 * called), the JSON of a `.dockerconfigjson` / `.dockercfg` entry, and each Docker `auths.*.auth`
 * (base64 of user:password, see dockerAuths). Works on the slots of one document, from `from` on.
 */
export function decodeLayers(sink: SlotSink, from: number): void {
  const { slots } = sink;
  const end = slots.length;
  const secrets = new Set<string>();
  for (let i = from; i < end; i++) {
    const slot = slots[i];
    if (slot && slot.value === 'Secret' && slot.path[slot.path.length - 1] === 'kind') secrets.add(pathKey(slot.path, 1));
  }
  for (let i = from; i < end; i++) {
    const slot = slots[i];
    if (!slot || slot.path.length < 2) continue;
    const section = slot.path[slot.path.length - 2];
    if ((section !== 'data' && section !== 'stringData') || !secrets.has(pathKey(slot.path, 2))) continue;
    const name = slot.path[slot.path.length - 1] ?? '';
    if (section === 'data') {
      const decoded = decodeBase64Text(slot.value);
      if (decoded === undefined) continue;
      slot.value = decoded;
      slot.decodedFrom = 'base64';
      if (DOCKER_CONFIG_KEYS.has(name)) innerJson(sink, slot, true);
    } else if (DOCKER_CONFIG_KEYS.has(name)) innerJson(sink, slot, false);
  }
  dockerAuths(sink, from);
}

/**
 * Docker registry logins wherever a config holds them: an `auths` object in the structure itself
 * (config.json, a pull secret's YAML), or Docker's config JSON held as a string value, as GitLab CI
 * reads it from `DOCKER_AUTH_CONFIG` (`.gitlab-ci.yml` variables, an env file, a Helm value). Each
 * `auths.<registry>.auth` decoded from base64 to `user:password` becomes a slot of its own,
 * `auths.<registry>.auth.login`, for the rules to judge the password. Works on the slots from `from` on.
 */
export function dockerAuths(sink: SlotSink, from: number): void {
  const { slots } = sink;
  const end = slots.length;
  for (let i = from; i < end; i++) {
    const slot = slots[i];
    const name = slot?.path[slot.path.length - 1] ?? '';
    // Cheap test first: most values hold no `"auths"`. A .dockerconfigjson was read above.
    if (slot?.value.includes('"auths"') && !DOCKER_CONFIG_KEYS.has(name) && slot.value.trimStart().startsWith('{'))
      innerJson(sink, slot, slot.decodedFrom === 'base64');
  }
  for (let i = from; i < slots.length; i++) {
    const slot = slots[i];
    if (!slot) continue;
    const { path } = slot;
    const auths =
      path.length >= 3 &&
      path[path.length - 1] === 'auth' &&
      (path[path.length - 3] === 'auths' || DOCKER_CONFIG_KEYS.has(path[path.length - 3] ?? ''));
    if (!auths) continue;
    const decoded = decodeBase64Text(slot.value);
    // Under its own name: a rule for logins reads decoded ones only, not any `auth` holding a colon.
    if (decoded?.includes(':')) sink.add([...path, 'login'], decoded, slot.offset, slot.rawLength, 'base64');
  }
}

/**
 * The slots of the JSON held in a slot's value, under the slot's path. When the value stands in
 * the text exactly as written, inner values get their own places; otherwise (decoded from base64,
 * or unescaped) they all point at the outer value.
 */
function innerJson(sink: SlotSink, outer: Slot, encoded: boolean): void {
  const offset = outer.offset;
  const exact = !encoded && outer.rawLength === outer.value.length && sink.text.startsWith(outer.value, offset);
  jsonSlots(outer.value, (path, value, innerOffset, rawLength) => {
    const fullPath = [...outer.path, ...path];
    if (exact) sink.add(fullPath, value, offset + innerOffset, rawLength);
    else sink.add(fullPath, value, offset, outer.rawLength, encoded ? 'base64' : undefined);
  });
}

/** Base64 (standard or URL-safe, padded or not) that decodes to printable UTF-8 text; else undefined. */
export function decodeBase64Text(value: string): string | undefined {
  const text = value.trim();
  if (text.length < 4 || text.length % 4 === 1) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ok =
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2b ||
      c === 0x2f ||
      c === 0x2d ||
      c === 0x5f ||
      (c === 0x3d && i >= text.length - 2);
    if (!ok) return undefined;
  }
  const decoded = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64').toString('utf8');
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffd) return undefined;
  }
  return decoded.length ? decoded : undefined;
}

/** A path without its last `drop` elements, as one string to compare. */
function pathKey(path: readonly string[], drop: number): string {
  return path.slice(0, path.length - drop).join('\0');
}
