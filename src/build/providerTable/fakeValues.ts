import { messages } from '../../messages';
import { ALPHABETS } from '../shapes';
/**
 * Example credential values: deterministic (seeded by the rule id, so a rebuild writes the same
 * files), in the rule's alphabet and length, and visibly fake where the alphabet allows: a
 * FAKE or fake marker, or the hex word c0ffee.
 */

const NAMED: Readonly<Record<string, string>> = ALPHABETS;

/** Every character an alphabet holds (`x-y` between letters or digits is a range, as the shapes read it). */
export function alphabetChars(alphabet: string): string[] {
  const spec = alphabet.startsWith('custom:') ? alphabet.slice('custom:'.length) : NAMED[alphabet];
  if (spec === undefined) throw new Error(messages.tableUnknownAlphabet(alphabet));
  const chars = [...spec];
  const out: string[] = [];
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index]!;
    const next = chars[index + 1];
    const after = chars[index + 2];
    if (next === '-' && after !== undefined && /[A-Za-z0-9]/.test(char) && /[A-Za-z0-9]/.test(after)) {
      for (let code = char.charCodeAt(0); code <= after.charCodeAt(0); code++) out.push(String.fromCharCode(code));
      index += 2;
    } else out.push(char);
  }
  return [...new Set(out)];
}

/** mulberry32: a small seeded generator, enough for example values. */
function generator(seed: string): () => number {
  let state = 0;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 2654435761) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function marker(chars: readonly string[]): string | undefined {
  const set = new Set(chars);
  for (const word of ['FAKE', 'fake', 'c0ffee', 'C0FFEE']) if ([...word].every((char) => set.has(char))) return word;
  return undefined;
}

/**
 * A value of `length` characters of the alphabet, with a fake marker when it fits, that the
 * detector will not take for a placeholder (`rejected` says which it would).
 */
export function valueFor(seed: string, alphabet: string, length: number, rejected: (value: string) => boolean): string {
  const chars = alphabetChars(alphabet);
  // Symbols at the ends of a value are where real tokens rarely have them and quoting gets confusing.
  const inner = chars.filter((char) => /[A-Za-z0-9]/.test(char));
  const ends = inner.length ? inner : chars;
  const mark = marker(chars);
  const random = generator(seed);
  for (let attempt = 0; attempt < 100; attempt++) {
    let value = '';
    for (let index = 0; index < length; index++) {
      const pool = index === 0 || index === length - 1 ? ends : chars;
      value += pool[Math.floor(random() * pool.length)];
    }
    if (mark && length >= mark.length + 4) {
      const at = 2 + Math.floor(random() * Math.min(6, length - mark.length - 3));
      value = value.slice(0, at) + mark + value.slice(at + mark.length);
    }
    if (!rejected(value) && new Set(value).size > Math.min(4, length / 2)) return value;
  }
  throw new Error(messages.tableNoExampleValue(seed));
}
