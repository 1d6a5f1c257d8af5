import type { KeywordOffsets } from './keywordOffsets';
import { KeywordAutomaton, type KeywordHitList } from './keywordAutomaton';

/** Above this many characters the automaton pays for its construction (once built, it serves all). */
const AUTOMATON_THRESHOLD = 64 * 1024;
/**
 * Past this many characters searched in all, many small texts (a history, a big commit) are
 * cheaper through the automaton too: a substring search per keyword costs per text, building the
 * automaton costs once (bench/NOTES.md, "Keyword search").
 */
const AUTOMATON_AFTER_TOTAL = 128 * 1024;
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
  private scannerRegex: RegExp | undefined;
  /** Keywords by their first three characters (packed char codes); shorter ones apart. */
  private byTrigram: Map<number, string[]> | undefined;
  private short: string[] = [];

  constructor(entries: readonly { item: T; keywords: readonly string[] }[]) {
    for (const { item, keywords } of entries) {
      if (keywords.length === 0) this.always.push(item);
      for (const keyword of keywords) {
        const key = keyword.toLowerCase();
        const list = this.byKeyword.get(key);
        if (list) list.push(item);
        else this.byKeyword.set(key, [item]);
      }
    }
    this.keys = longestFirst(this.byKeyword.keys());
  }

  /** One alternation of every keyword, built on first use: only mid-size texts need it. */
  private get scanner(): RegExp {
    this.scannerRegex ??= new RegExp(this.keys.map(escapeRegex).join('|'), 'gi');
    return this.scannerRegex;
  }

  private automaton: KeywordAutomaton | undefined;
  private keywordStamps: Uint32Array | undefined;
  private searches = 0;

  /** Characters searched so far: past AUTOMATON_AFTER_TOTAL, the automaton pays for itself. */
  private searched = 0;

  /** Items whose keywords occur in the text (plus those without keywords). */
  candidates(text: string): T[] {
    return this.search(text).items;
  }

  /**
   * The candidates, and for a large text (or many texts) where each keyword occurs: the
   * automaton finds them in the same pass, and a rule can then be tried at those places only.
   */
  search(text: string): { items: T[]; hits?: KeywordHits } {
    if (this.keys.length === 0) return { items: [...this.always] };
    this.searched += text.length;
    // Many small texts (a history of small files) add up: the automaton serves them best too.
    if (this.automaton || text.length >= AUTOMATON_THRESHOLD || this.searched >= AUTOMATON_AFTER_TOTAL) return this.searchByAutomaton(text);
    if (text.length <= INCLUDES_THRESHOLD) return { items: this.candidatesByIncludes(text) };
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
    return { items: [...found] };
  }

  /**
   * A small text (a typical commit's files): one native substring search per keyword on the
   * lower-cased text. Compiling the alternation regex cost more than searching a few kilobytes
   * several hundred times (bench/NOTES.md, "Keyword search").
   */
  private candidatesByIncludes(text: string): T[] {
    const lower = text.toLowerCase();
    const found = new Set<T>(this.always);
    const take = (key: string) => {
      for (const item of this.byKeyword.get(key)!) found.add(item);
    };
    if (!this.byTrigram) this.indexTrigrams();
    for (const key of this.short) if (lower.includes(key)) take(key);
    // One pass over the text: a keyword can only start where its first three characters do. With
    // a thousand keywords, one substring search each cost more than the whole hook (bench/NOTES.md).
    const seen = new Set<string>();
    const byTrigram = this.byTrigram!;
    for (let at = 0; at + 3 <= lower.length; at++) {
      const keys = byTrigram.get(trigramAt(lower, at));
      if (!keys) continue;
      for (const key of keys) {
        if (!seen.has(key) && lower.startsWith(key, at)) {
          seen.add(key);
          take(key);
        }
      }
    }
    return [...found];
  }

  private indexTrigrams(): void {
    const byTrigram = new Map<number, string[]>();
    for (const key of this.keys) {
      if (key.length < 3) {
        this.short.push(key);
        continue;
      }
      const trigram = trigramAt(key, 0);
      const list = byTrigram.get(trigram);
      if (list) list.push(key);
      else byTrigram.set(trigram, [key]);
    }
    this.byTrigram = byTrigram;
  }

  private searchByAutomaton(text: string): { items: T[]; hits: KeywordHits } {
    this.automaton ??= new KeywordAutomaton(this.keys);
    const list = this.automaton.find(text);
    if (list.count === 0) return { items: [...this.always], hits: new KeywordHits(this.keys, list) };
    // Marks stamped with a per-search number: nothing to allocate or clear per text (a history
    // is many thousands of small ones).
    const stamp = ++this.searches;
    const keywordSeen = (this.keywordStamps ??= new Uint32Array(this.keys.length));
    const found = new Set<T>(this.always);
    // Hits are pairs below count, and their keyword indices index this.keys.
    for (let i = 0; i < list.count; i++) {
      const index = list.hits[i * 2 + 1]!;
      if (keywordSeen[index] === stamp) continue;
      keywordSeen[index] = stamp;
      for (const item of this.byKeyword.get(this.keys[index]!)!) found.add(item);
    }
    return { items: [...found], hits: new KeywordHits(this.keys, list) };
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

/** Where the keywords occur in one text. */
export class KeywordHits {
  /** Start offsets of each keyword's occurrences, ascending; built on first use. */
  private startsByKeyword: Map<string, number[]> | undefined;

  constructor(
    private readonly keys: readonly string[],
    private readonly list: KeywordHitList,
  ) {}

  /**
   * Where a match may start, ascending and distinct, for a rule whose matches hold one of these
   * keywords at one of these offsets from their start.
   */
  matchStarts(offsets: KeywordOffsets): Int32Array {
    const byKeyword = (this.startsByKeyword ??= this.groupByKeyword());
    let total = 0;
    let present = 0;
    let only: readonly number[] = NONE;
    let onlyAt: readonly number[] = NONE;
    for (const [keyword, at] of offsets) {
      const found = byKeyword.get(keyword);
      if (!found) continue;
      total += found.length * at.length;
      present++;
      only = found;
      onlyAt = at;
    }
    if (total === 0) return NO_STARTS;
    // One keyword at one offset (most rules in most texts): its starts are ascending and distinct already.
    if (present === 1 && onlyAt.length === 1) {
      const offset = onlyAt[0]!;
      const starts = new Int32Array(total);
      let count = 0;
      for (const start of only) if (start >= offset) starts[count++] = start - offset;
      return starts.subarray(0, count);
    }
    const starts = new Int32Array(total);
    let count = 0;
    for (const [keyword, at] of offsets) {
      for (const start of byKeyword.get(keyword) ?? []) {
        for (const offset of at) if (start >= offset) starts[count++] = start - offset;
      }
    }
    const sorted = starts.subarray(0, count).sort();
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!;
    return sorted.subarray(0, distinct);
  }

  /** Where each keyword that occurs starts, ascending. */
  occurrences(): ReadonlyMap<string, readonly number[]> {
    return (this.startsByKeyword ??= this.groupByKeyword());
  }

  private groupByKeyword(): Map<string, number[]> {
    const byKeyword = new Map<string, number[]>();
    const { hits, count } = this.list;
    // Hits are pairs below count, and their keyword indices index this.keys.
    for (let i = 0; i < count; i++) {
      const keyword = this.keys[hits[i * 2 + 1]!]!;
      const starts = byKeyword.get(keyword) ?? [];
      starts.push(hits[i * 2]! - keyword.length + 1);
      byKeyword.set(keyword, starts);
    }
    return byKeyword;
  }
}

const NONE: readonly number[] = [];
const NO_STARTS = new Int32Array(0);

/**
 * The keywords by length, longest first, in their first-seen order within one length: what a
 * stable sort by length gives, without a comparison function called some 25,000 times for the
 * catalogue's keywords on every hook run (bench/NOTES.md, "Catalogue at start-up").
 */
function longestFirst(keys: Iterable<string>): string[] {
  const byLength: string[][] = [];
  for (const key of keys) (byLength[key.length] ??= []).push(key);
  const sorted: string[] = [];
  for (let length = byLength.length - 1; length >= 0; length--) {
    const group = byLength[length];
    if (group) for (const key of group) sorted.push(key);
  }
  return sorted;
}

/** Three UTF-16 code units as one number (exact for any code units: 16 bits each, 48 in all). */
function trigramAt(text: string, at: number): number {
  return text.charCodeAt(at) * 4294967296 + text.charCodeAt(at + 1) * 65536 + text.charCodeAt(at + 2);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
