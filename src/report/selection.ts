/**
 * What a person picked from a numbered list of `count` items (1-based in the text, 0-based out):
 * `all`, `none` (or nothing), or numbers and ranges such as `1,3-5`. Undefined for anything
 * else, a number outside the list included, so the question can be asked again.
 */
export function parseSelection(text: string, count: number): number[] | undefined {
  const answer = text.trim().toLowerCase();
  if (answer === 'all' || answer === 'a') return [...Array(count).keys()];
  if (answer === '' || answer === 'none' || answer === 'n') return [];
  const picked = new Set<number>();
  for (const part of answer.split(/\s*,\s*|\s+/)) {
    const range = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!range) return undefined;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (from < 1 || to > count || from > to) return undefined;
    for (let index = from; index <= to; index++) picked.add(index - 1);
  }
  return [...picked].sort((a, b) => a - b);
}
