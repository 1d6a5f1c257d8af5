import { type Slot, type SlotFormat, slotsOf } from './structure/slots';

/** Where one line of the slot text came from in the file's text. */
export interface SlotPlace {
  /** Offset of the value as written in the chunk text, and the text written there. */
  offset: number;
  raw: string;
  /** Characters before the value on its line of the slot text (`key = "`). */
  prefix: number;
  /** The value reads as written (no escapes, no decoding): a match inside it maps back exactly. */
  exact: boolean;
  decodedFrom?: Slot['decodedFrom'];
}

/** Values longer than this are not one credential; multi-line ones (a PEM block) the text itself shows. */
const MAX_VALUE = 1024;

/**
 * A config file's values restated one per line as `full_key_path = "value"`, for the rules to
 * read: the key path puts a provider named on a parent key (`mailjet:` above `api_key:`) and a
 * credential name in front of the value, where the rules look for them, and the quotes make
 * the value whole (an unquoted YAML or .env value ends only at the line's end). Only slots
 * whose key path (or decoded value) `wanted` says holds a keyword are restated.
 */
export function slotText(
  path: string,
  format: SlotFormat,
  text: string,
  wanted: (words: string, decoded: boolean) => boolean,
): { text: string; places: SlotPlace[] } | undefined {
  const lines: string[] = [];
  const places: SlotPlace[] = [];
  for (const slot of slotsOf(path, text, format)) {
    if (slot.value.length < 8 || slot.value.length > MAX_VALUE || slot.value.includes('\n')) continue;
    const keyPath = slot.path.join('_');
    // A decoded value was never in the text the keyword search saw: its own words count too.
    if (!wanted(slot.decodedFrom ? `${keyPath} ${slot.value}` : keyPath, slot.decodedFrom !== undefined)) continue;
    const offset = slot.offset;
    const raw = text.slice(offset, offset + slot.rawLength);
    const prefix = `${keyPath} = "`;
    lines.push(`${prefix}${slot.value}"`);
    places.push({
      offset,
      raw,
      prefix: prefix.length,
      exact: raw === slot.value && !slot.decodedFrom,
      ...(slot.decodedFrom ? { decodedFrom: slot.decodedFrom } : {}),
    });
  }
  return lines.length ? { text: lines.join('\n'), places } : undefined;
}
