import { KeywordAutomaton } from './keywordAutomaton';

/** Above this many characters the automaton pays for its construction (once built, it serves all). */
const AUTOMATON_THRESHOLD = 64 * 1024;
/** Up to this many characters a substring search per keyword is cheapest (see candidatesByIncludes). */
const INCLUDES_THRESHOLD = 16 * 1024;

/**
 * Finds which items' keywords occur in a text with one case-insensitive pass, so most text
 * never meets most regexes. Items without keywords are always candidates. Small texts (a typical
 * commit) use one regex alternation, cheap to build; large ones an Aho–Corasick automaton.
 */
export class KeywordIndex<T> {
  private readonly byKeyword = new Map<string, T[]>();
  private readonly always: T[] = [];
  private readonly contained = new Map<string, string[]>();
  private readonly keys: string[];
  private readonly scanner: RegExp | undefined;

  constructor(entries: readonly { item: T; keywords: readonly string[] }[]) {
    for (const { item, keywords } of entries) {
      if (keywords.length === 0) this.always.push(item);
      for (const keyword of keywords) {
        const key = keyword.toLowerCase();
        const list = this.byKeyword.get(key) ?? [];
        list.push(item);
        this.byKeyword.set(key, list);
      }
    }
    const keys = [...this.byKeyword.keys()].sort((a, b) => b.length - a.length);
    this.keys = keys;
    this.scanner = keys.length ? new RegExp(keys.map(escapeRegex).join('|'), 'gi') : undefined;
  }

  private automaton: KeywordAutomaton | undefined;

  /** Characters searched so far: past AUTOMATON_THRESHOLD in all, the automaton pays for itself. */
  private searched = 0;

  /** Items whose keywords occur in the text (plus those without keywords). */
  candidates(text: string): T[] {
    if (!this.scanner) return [...this.always];
    this.searched += text.length;
    // Many small texts (a history of small files) add up: the automaton serves them best too.
    if (this.automaton || text.length >= AUTOMATON_THRESHOLD || this.searched >= AUTOMATON_THRESHOLD * 8) return this.candidatesByAutomaton(text);
    if (text.length <= INCLUDES_THRESHOLD) return this.candidatesByIncludes(text);
    const found = new Set<T>(this.always);
    const seenKeywords = new Set<string>();
    this.scanner.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = this.scanner.exec(text)) !== null) {
      // Restart one character later so a keyword inside another match is not missed.
      this.scanner.lastIndex = match.index + 1;
      const keyword = match[0].toLowerCase();
      if (seenKeywords.has(keyword)) continue;
      for (const key of [keyword, ...this.containedIn(keyword)]) {
        seenKeywords.add(key);
        for (const item of this.byKeyword.get(key) ?? []) found.add(item);
      }
    }
    return [...found];
  }

  /**
   * A small text (a typical commit's files): one native substring search per keyword on the
   * lower-cased text. Compiling the alternation regex cost more (about 9 ms, measured) than
   * searching a few kilobytes several hundred times.
   */
  private candidatesByIncludes(text: string): T[] {
    const lower = text.toLowerCase();
    const found = new Set<T>(this.always);
    for (const key of this.keys) {
      if (lower.includes(key)) for (const item of this.byKeyword.get(key)!) found.add(item);
    }
    return [...found];
  }

  private candidatesByAutomaton(text: string): T[] {
    this.automaton ??= new KeywordAutomaton(this.keys);
    const found = new Set<T>(this.always);
    for (const index of this.automaton.find(text)) {
      for (const item of this.byKeyword.get(this.keys[index]) ?? []) found.add(item);
    }
    return [...found];
  }

  /** Keywords inside a found keyword: the scanner reports only the longest at a position. */
  private containedIn(keyword: string): string[] {
    let inner = this.contained.get(keyword);
    if (!inner) {
      inner = this.keys.filter((key) => key !== keyword && keyword.includes(key));
      this.contained.set(keyword, inner);
    }
    return inner;
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
