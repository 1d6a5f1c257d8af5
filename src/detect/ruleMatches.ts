import type { KeywordHits } from './keywordIndex';
import type { CompiledRule } from './types';

/**
 * Every match of a rule's regex in a text, as a global sweep finds them. When the keyword hits
 * are known and the rule's keywords sit at known offsets from every match start, the sticky regex
 * is tried only at those starts, in order, skipping starts inside the previous match: the same
 * leftmost, non-overlapping matches, without running the regex over the rest of the text.
 */
export function matchesOf(rule: CompiledRule, text: string, hits: KeywordHits | undefined): RegExpExecArray[] {
  // An array, not a generator: most calls find nothing, and a generator costs per call (bench/NOTES.md).
  const matches: RegExpExecArray[] = [];
  const offsets = hits && rule.keywordOffsets();
  if (hits && offsets) {
    const sticky = rule.stickyRegex();
    let next = 0;
    for (const start of hits.matchStarts(offsets)) {
      if (start < next) continue;
      sticky.lastIndex = start;
      const match = sticky.exec(text);
      if (match === null) continue;
      next = start + Math.max(match[0].length, 1);
      matches.push(match);
    }
    return matches;
  }
  const regex = rule.regex();
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    if (match[0].length === 0) regex.lastIndex++;
    matches.push(match);
  }
  return matches;
}
