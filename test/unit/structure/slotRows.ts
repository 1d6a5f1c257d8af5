import { slotsOf, type Slot, type SlotFormat } from '../../../src/detect/structure/slots';

/** A slot as a compact row to compare: path, value, line, column. */
export type Row = [path: string[], value: string, line: number, column: number];

export function rows(slots: readonly Slot[]): Row[] {
  return slots.map((slot) => [slot.path, slot.value, slot.line, slot.column]);
}

/** The rows of a text read in one format. */
export function rowsOf(text: string, format: SlotFormat, path = 'file'): Row[] {
  return rows(slotsOf(path, text, format));
}

/** The offset in `text` of a slot's first character. */
export function offsetOf(text: string, slot: Slot): number {
  let offset = 0;
  for (let line = 1; line < slot.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + slot.column - 1;
}

/** The text a slot points at: rawLength characters from its place. */
export function pointedAt(text: string, slot: Slot): string {
  const offset = offsetOf(text, slot);
  return text.slice(offset, offset + slot.rawLength);
}

/** The one slot at `path`; fails with the paths there are when there is not exactly one. */
export function slotAt(slots: readonly Slot[], path: readonly string[]): Slot {
  const found = slots.filter((slot) => slot.path.length === path.length && slot.path.every((part, index) => part === path[index]));
  if (found.length !== 1)
    throw new Error(`${found.length} slots at ${JSON.stringify(path)}; paths: ${JSON.stringify(slots.map((slot) => slot.path))}`);
  return found[0] as Slot;
}
