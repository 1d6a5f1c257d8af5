import { messages } from '../messages';

/**
 * Aho–Corasick over the keywords of every rule, as a dense DFA on a folded alphabet: one table
 * lookup per character finds every keyword in a text at once, case-insensitively (ASCII). For
 * large texts this is several times faster than one big regex alternation, which V8 tries
 * keyword by keyword at each position.
 */
export class KeywordAutomaton {
  /** Character class of every UTF-16 code unit (0 for all that occur in no keyword): no branch in the hot loop. */
  private readonly classOf = new Uint8Array(65536);
  private readonly classes: number;
  /**
   * Transitions, premultiplied: delta[state * classes + class] is the next state * classes, or
   * its bitwise complement (negative) when that state ends a keyword: one load per character.
   */
  private readonly delta: Int32Array;
  /** For each state, the keywords (indices) that end there, including through failure links. */
  private readonly outputs: (number[] | undefined)[];

  /** The longest keyword's length: how far back the second walk of find() starts. */
  private readonly longest: number;

  constructor(readonly keywords: readonly string[]) {
    this.longest = Math.max(1, ...keywords.map((keyword) => keyword.length));
    let next = 1; // class 0: every character that occurs in no keyword
    const nonAscii = new Map<number, number>();
    for (const keyword of keywords) {
      for (const char of keyword.toLowerCase()) {
        const code = char.charCodeAt(0);
        if (code < 128) {
          if (this.classOf[code] === 0) this.classOf[code] = next++;
        } else if (!nonAscii.has(code)) {
          nonAscii.set(code, next++);
        }
      }
    }
    if (next > 255 || nonAscii.size > 0) throw new Error(messages.keywordsNotAscii);
    // Fold A-Z onto a-z.
    for (let code = 65; code <= 90; code++) this.classOf[code] = this.classOf[code + 32]!;
    this.classes = next;

    // Trie. Every state has a row in `trie` and `ends`, pushed together; a class is below `next`.
    const trie: number[][] = [new Array<number>(next).fill(-1)];
    const ends: number[][] = [[]];
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (const char of keyword.toLowerCase()) {
        const row = trie[state]!;
        const c = this.classOf[char.charCodeAt(0)]!;
        if (row[c] === -1) {
          row[c] = trie.length;
          trie.push(new Array<number>(next).fill(-1));
          ends.push([]);
        }
        state = row[c]!;
      }
      ends[state]!.push(index);
    });

    // Failure links by breadth-first search, folded into a complete transition table.
    const states = trie.length;
    this.delta = new Int32Array(states * next);
    this.outputs = new Array(states);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    const root = trie[0]!;
    for (let c = 0; c < next; c++) {
      const child = root[c]!;
      this.delta[c] = child === -1 ? 0 : child;
      if (child !== -1) queue.push(child);
    }
    this.outputs[0] = undefined;
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const failState = fail[state]!;
      const inherited = this.outputs[failState];
      const own = ends[state]!;
      this.outputs[state] = own.length || inherited ? [...own, ...(inherited ?? [])] : undefined;
      const row = trie[state]!;
      for (let c = 0; c < next; c++) {
        const child = row[c]!;
        if (child === -1) {
          this.delta[state * next + c] = this.delta[failState * next + c]!;
        } else {
          fail[child] = this.delta[failState * next + c]!;
          this.delta[state * next + c] = child;
          queue.push(child);
        }
      }
    }
    for (let i = 0; i < this.delta.length; i++) {
      const target = this.delta[i]!;
      this.delta[i] = this.outputs[target] ? ~(target * next) : target * next;
    }
  }

  /**
   * Every keyword occurrence in the text, overlapping ones included: pairs of (index of the
   * occurrence's last character, keyword index), in text order.
   *
   * A long text is walked as two halves at once, the second starting far enough back to catch a
   * keyword across the middle: each step's table load waits on the previous one, so two
   * independent walks overlap in the CPU (bench/NOTES.md, "Keyword search").
   */
  find(text: string): KeywordHitList {
    const length = text.length;
    if (length < TWO_WALKS_FROM) {
      const hits = new HitRecorder();
      this.walk(text, 0, length, 0, hits);
      return hits.list();
    }
    const { classOf, delta, outputs, classes } = this;
    const half = length >> 1;
    // The second walk starts a keyword's length before the middle and reports only occurrences
    // ending at or after it; the first reports those ending before it.
    const secondStart = Math.max(0, half - this.longest + 1);
    const first = new HitRecorder();
    const second = new HitRecorder();
    let one = 0;
    let two = 0;
    let i = 0;
    let j = secondStart;
    // In bounds, unchecked: classOf covers every UTF-16 code unit, and a state offset plus a
    // class is a cell of delta (the assertions cost nothing; a check here would, per character).
    for (; i < half; i++, j++) {
      one = delta[one + classOf[text.charCodeAt(i)]!]!;
      two = delta[two + classOf[text.charCodeAt(j)]!]!;
      if ((one | two) < 0) {
        if (one < 0) {
          one = ~one;
          first.add(i, outputs[one / classes]!);
        }
        if (two < 0) {
          two = ~two;
          if (j >= half) second.add(j, outputs[two / classes]!);
        }
      }
    }
    this.walk(text, j, length, two, second);
    return first.concat(second);
  }

  /** One walk over text[from, to) from a state (premultiplied offset), recording into `hits`. */
  private walk(text: string, from: number, to: number, state: number, hits: HitRecorder): void {
    const { classOf, delta, outputs, classes } = this;
    let offset = state;
    for (let i = from; i < to; i++) {
      // In bounds, as in find().
      offset = delta[offset + classOf[text.charCodeAt(i)]!]!;
      if (offset < 0) {
        offset = ~offset;
        hits.add(i, outputs[offset / classes]!);
      }
    }
  }
}

/** Below this many characters one walk is as fast (and the second walk's setup not worth it). */
const TWO_WALKS_FROM = 4096;

/** Grows a (end, keyword) pair list. */
class HitRecorder {
  private hits = new Int32Array(64);
  private count = 0;

  add(end: number, keywords: readonly number[]): void {
    for (const keyword of keywords) {
      if (this.count * 2 === this.hits.length) {
        const grown = new Int32Array(this.hits.length * 2);
        grown.set(this.hits);
        this.hits = grown;
      }
      this.hits[this.count * 2] = end;
      this.hits[this.count * 2 + 1] = keyword;
      this.count++;
    }
  }

  list(): KeywordHitList {
    return { hits: this.hits, count: this.count };
  }

  /** This list followed by another's. */
  concat(other: HitRecorder): KeywordHitList {
    if (other.count === 0) return this.list();
    const hits = new Int32Array((this.count + other.count) * 2);
    hits.set(this.hits.subarray(0, this.count * 2));
    hits.set(other.hits.subarray(0, other.count * 2), this.count * 2);
    return { hits, count: this.count + other.count };
  }
}

/** Keyword occurrences as KeywordAutomaton.find reports them. */
export interface KeywordHitList {
  /** Pairs: end index (inclusive), keyword index. */
  hits: Int32Array;
  count: number;
}
