/**
 * Where a rule's matches can start, proven from its regex source: for most rules every match
 * begins with a literal that contains one of the rule's keywords at a known offset (`ghp_…`,
 * `password = …`, `client_secret: …`). Then the regex need not sweep a large text: it is tried,
 * sticky, only at those offsets before each keyword hit the keyword automaton already found, and
 * gives exactly the matches the sweep would (see Detector.scanChunk).
 *
 * The analysis reads a subset of the regex syntax and gives up (undefined) on anything it does
 * not understand: a rule it cannot prove is swept as before, never skipped.
 */

/** For each keyword (lower case), the offsets at which it may sit from the start of a match. */
export type KeywordOffsets = ReadonlyMap<string, readonly number[]>;

/** How many distinct leading literals the analysis follows before giving up on a rule. */
const MAX_LITERALS = 256;

/** A literal every match of the analysed part starts with; `open` while it may still grow. */
interface Prefix {
  text: string;
  open: boolean;
}

/** Stands for one character the analysis cannot name (a class, `.`, `\\d`): never part of a keyword. */
const ANY = '\uffff';

class Unsupported extends Error {}

/**
 * Offsets of keywords from the start of every possible match, or undefined when some match may
 * start without one of the keywords at a fixed offset from its start.
 */
export function keywordOffsets(source: string, keywords: readonly string[]): KeywordOffsets | undefined {
  const lowered = [...new Set(keywords.map(asciiLower).filter((keyword) => keyword.length > 0))];
  if (lowered.length === 0) return undefined;
  let prefixes: Prefix[];
  try {
    const body = source.startsWith('(?i)') ? source.slice(4) : source;
    prefixes = new PrefixParser(body, (text) => firstKeyword(text, lowered) !== undefined).parse();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const offsets = new Map<string, Set<number>>();
  for (const { text } of prefixes) {
    const first = firstKeyword(text, lowered);
    if (!first) return undefined;
    const set = offsets.get(first.keyword) ?? new Set<number>();
    set.add(first.offset);
    offsets.set(first.keyword, set);
  }
  return new Map([...offsets].map(([keyword, set]) => [keyword, [...set].sort((a, b) => a - b)]));
}

/** The keyword that occurs earliest in a literal (the automaton folds ASCII letters only, so do we). */
function firstKeyword(text: string, keywords: readonly string[]): { keyword: string; offset: number } | undefined {
  const lower = asciiLower(text);
  let best: { keyword: string; offset: number } | undefined;
  for (const keyword of keywords) {
    const offset = lower.indexOf(keyword);
    if (offset !== -1 && (best === undefined || offset < best.offset)) best = { keyword, offset };
  }
  return best;
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 32));
}

/**
 * A recursive-descent reader of regex source that computes, for an alternation, the literals its
 * matches must start with. `done(text)` says a literal is long enough (it holds a keyword).
 */
class PrefixParser {
  private position = 0;

  constructor(
    private readonly source: string,
    private readonly done: (text: string) => boolean,
  ) {}

  parse(): Prefix[] {
    const prefixes = this.alternation();
    if (this.position !== this.source.length) throw new Unsupported();
    return prefixes;
  }

  /** `a|b|c` up to the end or a closing parenthesis. */
  private alternation(): Prefix[] {
    const all: Prefix[] = [...this.sequence()];
    while (this.peek() === '|') {
      this.position++;
      all.push(...this.sequence());
    }
    return limit(all);
  }

  private sequence(): Prefix[] {
    let prefixes: Prefix[] = [{ text: '', open: true }];
    let leading = true; // nothing consumed yet: a lookahead here constrains the whole match
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      if (!leading && prefixes.every((prefix) => !prefix.open || this.done(prefix.text))) {
        this.skipRest(); // every literal is settled: the rest of this alternative cannot change them
        break;
      }
      const atom = this.atom();
      if (atom.kind === 'zero-width') {
        // (?=a|b) before anything else: every match here starts with a or b. When that names a
        // keyword for each, it is the answer; else the lookahead is just zero-width.
        if (leading && atom.lookahead?.every((prefix) => this.done(prefix.text))) {
          this.skipRest();
          return closeAll(atom.lookahead);
        }
        continue;
      }
      leading = false;
      const { min, max } = this.quantifier();
      const grown = (next: Prefix[]) => limit(extend(prefixes, repeat(next, min, max), this.done));
      prefixes = atom.wide ? spelledOrAny(grown, atom.prefixes) : grown(atom.prefixes);
    }
    return prefixes;
  }

  /** Reads to the end of the current alternative, or with `wholeGroup` of the enclosing group (unread). */
  private skipRest(wholeGroup = false): void {
    let depth = 0;
    while (this.position < this.source.length) {
      const char = this.source[this.position];
      if (char === '\\') {
        this.position += 2;
        continue;
      }
      if (char === '[') {
        this.characterClass();
        continue;
      }
      if (depth === 0 && (char === ')' || (char === '|' && !wholeGroup))) return;
      if (char === '(') depth++;
      if (char === ')') depth--;
      this.position++;
    }
  }

  private atom(): { kind: 'zero-width'; lookahead?: Prefix[] } | { kind: 'consuming'; prefixes: Prefix[]; wide?: true } {
    const char = this.source[this.position];
    if (char === undefined) throw new Unsupported();
    if (char === '^' || char === '$') {
      this.position++;
      return { kind: 'zero-width' };
    }
    if (char === '(') return this.group();
    if (char === '[') {
      const chars = this.characterClass();
      if (!chars) return { kind: 'consuming', prefixes: [{ text: ANY, open: true }] };
      const prefixes = chars.map((text) => ({ text, open: true }));
      return chars.length <= NARROW_CLASS ? { kind: 'consuming', prefixes } : { kind: 'consuming', prefixes, wide: true };
    }
    if (char === '.') {
      this.position++;
      return { kind: 'consuming', prefixes: [{ text: ANY, open: true }] };
    }
    if (char === '\\') return this.escape();
    if ('*+?{}'.includes(char)) throw new Unsupported();
    this.position++;
    return { kind: 'consuming', prefixes: [{ text: char, open: true }] };
  }

  private group(): { kind: 'zero-width'; lookahead?: Prefix[] } | { kind: 'consuming'; prefixes: Prefix[] } {
    const rest = this.source.slice(this.position);
    const lookaround = /^\(\?(<=|<!|=|!)/.exec(rest);
    if (lookaround) {
      this.position += lookaround[0].length;
      const start = this.position;
      if (lookaround[1] === '=') {
        try {
          const inner = this.alternation();
          this.expect(')');
          return { kind: 'zero-width', lookahead: inner };
        } catch (error) {
          if (!(error instanceof Unsupported)) throw error;
          this.position = start; // a lookahead we cannot read constrains nothing we can use
        }
      }
      // Other lookarounds never decide where a match starts: only their extent matters.
      this.skipRest(true);
      this.expect(')');
      return { kind: 'zero-width' };
    }
    const opening = /^\((?:\?:|\?<[A-Za-z_][A-Za-z0-9_]*>)?/.exec(rest)!;
    if (rest.startsWith('(?') && opening[0] === '(') throw new Unsupported(); // a flag group or syntax we do not read
    this.position += opening[0].length;
    const inner = this.alternation();
    this.expect(')');
    return { kind: 'consuming', prefixes: inner };
  }

  private escape(): { kind: 'zero-width' } | { kind: 'consuming'; prefixes: Prefix[] } {
    const next = this.source[this.position + 1];
    if (next === undefined) throw new Unsupported();
    if (next === 'b' || next === 'B') {
      this.position += 2;
      return { kind: 'zero-width' };
    }
    const literal = this.escapedLiteral();
    if (literal !== undefined) return { kind: 'consuming', prefixes: [{ text: literal, open: true }] };
    if ('dDwWsS'.includes(next)) {
      this.position += 2;
      return { kind: 'consuming', prefixes: [{ text: ANY, open: true }] };
    }
    throw new Unsupported(); // back-references, \p{…}, \k<…>: not worth proving anything about
  }

  /** A single escaped character that stands for itself (`\.`, `\x60`, `\n`…), else undefined. */
  private escapedLiteral(): string | undefined {
    const next = this.source[this.position + 1];
    if (next === undefined) return undefined; // a trailing backslash
    const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };
    if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(this.source.slice(this.position + 2, this.position + 4))) {
      const text = String.fromCharCode(parseInt(this.source.slice(this.position + 2, this.position + 4), 16));
      this.position += 4;
      return text;
    }
    if (named[next] !== undefined && !/[0-9]/.test(this.source[this.position + 2] ?? '')) {
      this.position += 2;
      return named[next]!;
    }
    if (/[^A-Za-z0-9]/.test(next)) {
      this.position += 2;
      return next;
    }
    return undefined;
  }

  /**
   * `[...]`: its characters when it is a short list of literals and ranges (`[Tt]`, `[_-]`,
   * `[0-9A-F]`), else undefined (long ranges, negations, escapes for sets: the literal stops there).
   */
  private characterClass(): string[] | undefined {
    this.position++; // [
    const chars: string[] = [];
    let simple = this.source[this.position] !== '^';
    if (!simple) this.position++;
    if (this.source[this.position] === ']') throw new Unsupported();
    while (this.position < this.source.length && this.source[this.position] !== ']') {
      const char = this.source[this.position]!; // below length: the loop's condition
      if (char === '\\') {
        const literal = this.escapedLiteral();
        if (literal === undefined) {
          simple = false;
          this.position += 2;
        } else {
          chars.push(literal);
        }
        continue;
      }
      const last = this.source[this.position + 2];
      if (this.source[this.position + 1] === '-' && last !== undefined && last !== ']' && last !== '\\') {
        // A range of literal characters (`0-9`, `A-F`): spelled out while it is short.
        const from = char.charCodeAt(0);
        const to = last.charCodeAt(0);
        if (to < from || to - from >= MAX_CLASS) simple = false;
        else for (let code = from; code <= to; code++) chars.push(String.fromCharCode(code));
        this.position += 3;
        continue;
      }
      if (char === '-' && chars.length > 0 && this.source[this.position + 1] !== ']') simple = false; // a range from an escape
      chars.push(char);
      this.position++;
    }
    this.expect(']');
    const distinct = [...new Set(chars)];
    return simple && distinct.length <= MAX_CLASS ? distinct : undefined;
  }

  /** The quantifier after an atom: {min, max}, max Infinity for unbounded. */
  private quantifier(): { min: number; max: number } {
    const char = this.peek();
    let bounds: { min: number; max: number } = { min: 1, max: 1 };
    if (char === '?') bounds = { min: 0, max: 1 };
    else if (char === '*') bounds = { min: 0, max: Infinity };
    else if (char === '+') bounds = { min: 1, max: Infinity };
    else if (char === '{') {
      const braces = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.source.slice(this.position));
      if (!braces) throw new Unsupported();
      const min = Number(braces[1]);
      const max = braces[2] ? (braces[3] ? Number(braces[3]) : Infinity) : min;
      this.position += braces[0].length;
      if (this.peek() === '?') this.position++; // lazy: the same set of possible starts
      return { min, max };
    } else return bounds;
    this.position++;
    if (this.peek() === '?') this.position++;
    return bounds;
  }

  private peek(): string | undefined {
    return this.source[this.position];
  }

  private expect(char: string): void {
    if (this.source[this.position] !== char) throw new Unsupported();
    this.position++;
  }
}

/** How many copies of a repeated atom the analysis spells out. */
const MAX_COPIES = 3;

/** The prefixes of `atom{min,max}`: repeated literally while short, closed once the count is open-ended. */
function repeat(atom: Prefix[], min: number, max: number): Prefix[] {
  if (min === 1 && max === 1) return atom;
  if (min > MAX_COPIES) return closeAll(atom); // long runs (`[0-9]{32}`): the first copy is enough
  let results: Prefix[] = [{ text: '', open: true }];
  const choices: Prefix[] = min === 0 ? [{ text: '', open: true }] : [];
  for (let count = 1; count <= Math.min(max, MAX_COPIES); count++) {
    results = limit(extend(results, atom, () => false));
    if (count >= min) choices.push(...results);
  }
  return max > MAX_COPIES ? closeAll(choices) : choices;
}

function closeAll(prefixes: Prefix[]): Prefix[] {
  return prefixes.map((prefix) => ({ text: prefix.text, open: false }));
}

/** Every open prefix followed by every prefix of the next atom; one that holds a keyword stops growing. */
function extend(prefixes: Prefix[], next: Prefix[], done: (text: string) => boolean): Prefix[] {
  const results: Prefix[] = [];
  for (const prefix of prefixes) {
    if (!prefix.open || done(prefix.text)) {
      results.push({ text: prefix.text, open: false });
      continue;
    }
    for (const tail of next) results.push({ text: prefix.text + tail.text, open: tail.open });
  }
  return dedupe(results);
}

function dedupe(prefixes: Prefix[]): Prefix[] {
  const seen = new Map<string, Prefix>();
  for (const prefix of prefixes) {
    const key = `${prefix.open ? 1 : 0}${prefix.text}`;
    if (!seen.has(key)) seen.set(key, prefix);
  }
  return [...seen.values()];
}

/**
 * A class of up to this many characters is always spelled out as literals (`[Tt]`, `[_-]`); up
 * to MAX_CLASS (`[0-9A-F]`, a Telnyx key's `KEY0`…`KEYF`) only where the literals stay within
 * MAX_LITERALS, else it stands for any character, as a longer class always does.
 */
const NARROW_CLASS = 4;
const MAX_CLASS = 16;

/** A wide class's literals grown into the prefixes, or one unnamed character where they grow too many. */
function spelledOrAny(grown: (next: Prefix[]) => Prefix[], chars: Prefix[]): Prefix[] {
  try {
    return grown(chars);
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    return grown([{ text: ANY, open: true }]);
  }
}

function limit(prefixes: Prefix[]): Prefix[] {
  if (prefixes.length > MAX_LITERALS) throw new Unsupported();
  return prefixes;
}
