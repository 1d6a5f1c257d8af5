import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../packageInfo';

/** The word lengths the list holds: shorter pieces are judged by length alone (see secretValue.ts). */
export const WORD_LENGTHS: readonly number[] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export const WORD_LIST_PATH = join(PACKAGE_ROOT, 'dist', 'words.txt');

/** Per length, the words of that length joined in order: binary search without a string per word. */
let byLength: Map<number, string> | undefined;

function load(): Map<number, string> {
  const lines = readFileSync(WORD_LIST_PATH, 'utf8').split('\n');
  // Line 0 says what the file is; then one line per length, in WORD_LENGTHS order.
  return new Map(WORD_LENGTHS.map((length, index) => [length, lines[index + 1] ?? '']));
}

/**
 * Whether a lower-case token is an English word (or a word of code). Read on first use: only a
 * value in a credential slot that is no placeholder ever asks.
 */
export function isEnglishWord(token: string): boolean {
  byLength ??= load();
  const words = byLength.get(token.length);
  if (!words) return false;
  let low = 0;
  let high = words.length / token.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const word = words.slice(middle * token.length, (middle + 1) * token.length);
    if (word === token) return true;
    if (word < token) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
