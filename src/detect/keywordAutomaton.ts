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

    // Trie, one flat row per state (0: no child, for the root is nobody's child), numbered as inserted.
    const capacity = 1 + keywords.reduce((sum, keyword) => sum + keyword.length, 0);
    const trie = new Int32Array(capacity * next);
    const ends: (number[] | undefined)[] = [];
    let states = 1;
    keywords.forEach((keyword, index) => {
      const lower = keyword.toLowerCase();
      let state = 0;
      for (let at = 0; at < lower.length; at++) {
        const cell = state * next + this.classOf[lower.charCodeAt(at)]!;
        if (trie[cell] === 0) trie[cell] = states++;
        state = trie[cell]!;
      }
      (ends[state] ??= []).push(index);
    });

    // Failure links by breadth-first search, folded into a complete transition table written in
    // its final form at once: a state's outputs are known when it is first reached (its own
    // keywords and its failure state's, which is shallower and reached before). One pass, for
    // it runs once per thread, mostly before the JIT has compiled it (bench/NOTES.md, "Keyword search").
    const delta = new Int32Array(states * next);
    const outputs: (number[] | undefined)[] = new Array(states).fill(undefined);
    const fail = new Int32Array(states); // the root's children fail to the root
    const queue = new Int32Array(states);
    let queued = 0;
    const reach = (row: number, child: number, failState: number) => {
      const own = ends[child];
      const inherited = outputs[failState];
      outputs[child] = own || inherited ? [...(own ?? []), ...(inherited ?? [])] : undefined;
      fail[child] = failState;
      delta[row] = outputs[child] ? ~(child * next) : child * next;
      queue[queued++] = child;
    };
    for (let c = 0; c < next; c++) if (trie[c] !== 0) reach(c, trie[c]!, 0);
    for (let head = 0; head < queued; head++) {
      const state = queue[head]!;
      const row = state * next;
      const failRow = fail[state]! * next;
      for (let c = 0; c < next; c++) {
        const child = trie[row + c]!;
        const through = delta[failRow + c]!;
        if (child === 0) delta[row + c] = through;
        else reach(row + c, child, (through < 0 ? ~through : through) / next);
      }
    }
    this.delta = delta;
    this.outputs = outputs;
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
    const { classOf, delta } = this;
    // The walks note where they stand in a final state (index, state offset) and nothing else:
    // a call in the loop would cost on every character (bench/NOTES.md, "Keyword search").
    const first: number[] = [];
    const second: number[] = [];
    let one = 0;
    let i = 0;
    // In bounds, unchecked: classOf covers every UTF-16 code unit, and a state offset plus a class
    // is a cell of delta (the assertions cost nothing; a check here would, per character).
    if (length >= TWO_WALKS_FROM) {
      const half = length >> 1;
      // The second walk starts a keyword's length before the middle and reports only occurrences
      // ending at or after it; the first reports those ending before it.
      let j = Math.max(0, half - this.longest + 1);
      let two = 0;
      for (; i < half; i++, j++) {
        one = delta[one + classOf[text.charCodeAt(i)]!]!;
        two = delta[two + classOf[text.charCodeAt(j)]!]!;
        if ((one | two) < 0) {
          if (one < 0) {
            one = ~one;
            first.push(i, one);
          }
          if (two < 0) {
            two = ~two;
            if (j >= half) second.push(j, two);
          }
        }
      }
      i = j;
      one = two;
    }
    for (; i < length; i++) {
      one = delta[one + classOf[text.charCodeAt(i)]!]!;
      if (one < 0) {
        one = ~one;
        second.push(i, one);
      }
    }
    return this.hitsAt(first, second);
  }

  /** (index, state offset) pairs of final states → (index, keyword) pairs, one per keyword ending there. */
  private hitsAt(first: readonly number[], second: readonly number[]): KeywordHitList {
    const { outputs, classes } = this;
    let count = 0;
    for (const ends of [first, second]) for (let k = 1; k < ends.length; k += 2) count += outputs[ends[k]! / classes]!.length;
    const hits = new Int32Array(count * 2);
    let at = 0;
    for (const ends of [first, second]) {
      for (let k = 0; k < ends.length; k += 2) {
        // A final state's offset divided by the class count is its state: it has outputs.
        for (const keyword of outputs[ends[k + 1]! / classes]!) {
          hits[at++] = ends[k]!;
          hits[at++] = keyword;
        }
      }
    }
    return { hits, count };
  }
}

/** Below this many characters one walk is as fast (and the second walk's setup not worth it). */
const TWO_WALKS_FROM = 4096;

/** Keyword occurrences as KeywordAutomaton.find reports them. */
export interface KeywordHitList {
  /** Pairs: end index (inclusive), keyword index. */
  hits: Int32Array;
  count: number;
}
