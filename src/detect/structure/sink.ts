import { lineIndexAt, lineStarts } from '../lines';
import type { Slot, SlotFormat } from './slots';

/** Containers nested deeper than this are skipped: real config files stay far below it. */
export const MAX_DEPTH = 64;
/** A file with more values than this stops yielding slots (a generated data dump, not config). */
export const MAX_SLOTS = 100_000;

/** Thrown by the sink once it is full, so every parser stops at once without checking a flag. */
export class SlotLimitReached extends Error {}

/**
 * Where the parsers put what they find: values with their offsets, turned into 1-based lines and
 * columns by one binary search over the line starts, which are listed once per text.
 */
export class SlotSink {
  readonly slots: Slot[] = [];
  private lineStarts: number[] | undefined;

  constructor(
    readonly text: string,
    readonly format: SlotFormat,
  ) {}

  /** Records one value found at `offset`, written over `rawLength` characters of the text. */
  add(path: readonly string[], value: string, offset: number, rawLength: number, decodedFrom?: 'base64'): void {
    if (this.slots.length >= MAX_SLOTS) throw new SlotLimitReached();
    this.lineStarts ??= lineStarts(this.text);
    const index = lineIndexAt(this.lineStarts, offset);
    const column = offset - (this.lineStarts[index] ?? 0) + 1;
    const slot: Slot = { path: path.slice(), value, offset, line: index + 1, column, rawLength, format: this.format };
    if (decodedFrom) slot.decodedFrom = decodedFrom;
    this.slots.push(slot);
  }
}

/** The end of the line holding `from`: the offset of its '\n', or the text's length. */
export function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** `end` moved back over spaces, tabs and a carriage return, not before `start`. */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return end;
}

/** `start` moved forward over spaces and tabs, not past `end`. */
export function skipSpaces(text: string, start: number, end: number): number {
  while (start < end && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09)) start++;
  return start;
}

/** Space, tab or carriage return (a CRLF line's '\r' is never part of a value). */
export function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d;
}

/** Hex digits to a code point; NaN when any is not hex. */
export function hexValue(text: string, start: number, length: number): number {
  if (start + length > text.length) return Number.NaN;
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const code = text.charCodeAt(i);
    const digit =
      code >= 0x30 && code <= 0x39
        ? code - 0x30
        : code >= 0x61 && code <= 0x66
          ? code - 0x57
          : code >= 0x41 && code <= 0x46
            ? code - 0x37
            : -1;
    if (digit < 0) return Number.NaN;
    value = value * 16 + digit;
  }
  return value;
}

/** A code point as text; a lone surrogate or an out-of-range value becomes U+FFFD. */
export function codePointText(value: number): string {
  return Number.isNaN(value) || value > 0x10ffff ? '\ufffd' : String.fromCodePoint(value);
}

/**
 * `text.indexOf(needle, from)` for growing `from`, remembering the last answer: a search that
 * is asked again from a later place before the last hit (or after a miss) costs nothing, so a
 * line of a thousand `{{` with no `}}` is not scanned a thousand times.
 */
export class Finder {
  private lastFrom = Number.POSITIVE_INFINITY;
  private lastHit = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  from(at: number): number {
    if (at >= this.lastFrom && (this.lastHit === -1 || at <= this.lastHit)) return this.lastHit;
    this.lastFrom = at;
    this.lastHit = this.text.indexOf(this.needle, at);
    return this.lastHit;
  }
}
