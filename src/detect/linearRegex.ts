import type * as Re2Module from 're2js';

// Regexes written by a user (`rules.add`, `allowlist.regexes`) come from a config file that any
// teammate's branch can change. JavaScript's engine backtracks: `(a|a)*b` on forty a's runs for
// minutes and no timer or signal handler gets a turn meanwhile. No syntactic check catches every
// such pattern, so user regexes run on RE2's automaton instead (re2js, pure JavaScript): time
// linear in the text, whatever the pattern. It is slower per byte than V8's engine, which is why
// the built-in catalogue (reviewed, and guarded by the time budget's watchdog) stays on V8.

/** What the detector needs of a compiled rule regex: a global sweep, as RegExp#exec gives it. */
export interface RuleRegex {
  lastIndex: number;
  exec(text: string): RegExpExecArray | null;
}

/** A regex used only to test a whole string (allowlist.regexes). */
export interface StringTest {
  test(text: string): boolean;
}

type Re2 = typeof Re2Module.RE2JS;
type Pattern = ReturnType<Re2['compile']>;
type Matcher = ReturnType<Pattern['matcher']>;

let engine: Re2 | undefined;

/** re2js is loaded only when a config holds a user regex: most hook runs never need it. */
function re2(): Re2 {
  engine ??= (require('re2js') as typeof Re2Module).RE2JS;
  return engine;
}

/**
 * Why RE2 refuses a pattern (lookarounds, backreferences and other constructs that need
 * backtracking), or undefined when it compiles. RE2 quotes the offending part of the pattern;
 * a quote longer than a construct (`(?=`, `\1`) is cut to its start, since an allowlist pattern
 * may hold the very key it allowlists.
 */
export function linearRegexProblem(source: string): string | undefined {
  try {
    re2().compile(source);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/^error parsing regexp: /, '').replace(/`([^`]{4})[^`]{5,}`/g, '`$1…`');
  }
}

/** Capture groups in a pattern RE2 accepts. */
export function linearGroupCount(source: string): number {
  return re2().compile(source).groupCount();
}

/** A user rule's regex on RE2: the same matches RegExp#exec with the `gd` flags would report. */
export class LinearRuleRegex implements RuleRegex {
  lastIndex = 0;
  private readonly pattern: Pattern;
  private readonly groupNames: [string, number][];
  private matcher: Matcher | undefined;
  private input: string | undefined;

  constructor(source: string) {
    this.pattern = re2().compile(source);
    this.groupNames = Object.entries(this.pattern.namedGroups() as Record<string, number>);
  }

  exec(text: string): RegExpExecArray | null {
    if (this.input !== text || !this.matcher) {
      this.matcher = this.pattern.matcher(text);
      this.input = text;
    }
    const matcher = this.matcher;
    if (this.lastIndex > text.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const count = matcher.groupCount();
    const values: (string | undefined)[] = [];
    const indices: ([number, number] | undefined)[] = [];
    for (let group = 0; group <= count; group++) {
      const start = matcher.start(group);
      const end = matcher.end(group);
      const matched = start >= 0 && end >= 0;
      values.push(matched ? text.slice(start, end) : undefined);
      indices.push(matched ? [start, end] : undefined);
    }
    const match = values as unknown as RegExpExecArray;
    match.index = indices[0]![0];
    match.input = text;
    const withIndices = indices as unknown as RegExpIndicesArray;
    if (this.groupNames.length) {
      match.groups = Object.fromEntries(this.groupNames.map(([name, group]) => [name, values[group]])) as Record<string, string>;
      withIndices.groups = Object.fromEntries(this.groupNames.map(([name, group]) => [name, indices[group]])) as NonNullable<
        RegExpIndicesArray['groups']
      >;
    }
    match.indices = withIndices;
    this.lastIndex = indices[0]![1];
    return match;
  }
}

/** An allowlist regex on RE2: whether it matches anywhere in the string, as RegExp#test. */
export function linearStringTest(source: string): StringTest {
  const pattern = re2().compile(source);
  return { test: (text) => pattern.matcher(text).find() };
}
