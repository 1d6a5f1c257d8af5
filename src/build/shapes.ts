import { messages } from '../messages';

/**
 * Regex builders for the credential shapes that recur across providers, so a rule source says
 * "a 32-char lower-case alphanumeric value under a name containing `abstract`" instead of a
 * hand-escaped regex. Pure functions: the build expands every `shape` of rules/*.json with them,
 * and the result must still pass the catalogue's own checks (config/ruleSchema.ts).
 */

/** Named alphabets, as provider-formats.jsonl names them; `custom:<chars>` lists its own. */
export const ALPHABETS = {
  hex: '0-9a-f',
  HEX: '0-9A-F',
  digits: '0-9',
  alnum: 'A-Za-z0-9',
  alnum_lower: 'a-z0-9',
  alnum_upper: 'A-Z0-9',
  base64: 'A-Za-z0-9+/',
  base64url: 'A-Za-z0-9_-',
} as const;

export type AlphabetName = keyof typeof ALPHABETS;
/** An alphabet name, or `custom:<chars>`. */
export type Alphabet = string;
export type Length = number | { min: number; max: number };

/** Longest value a shape may describe: past this a rule is better written by hand. */
export const MAX_SHAPE_LENGTH = 4096;

export interface ValueShape {
  alphabet: Alphabet;
  length: Length;
  prefix?: string | string[] | undefined;
  suffix?: string | undefined;
  /** Base64 padding: up to two `=` after the value. */
  padding?: boolean | undefined;
}

export interface SlotWords {
  /** Words the slot name must contain; the rule's keywords unless given. */
  keywords?: string[] | undefined;
  /** The slot name must also contain one of these after the keyword. */
  nameWords?: string[] | undefined;
  /** The slot name must contain none of these after the keyword. */
  notNameWords?: string[] | undefined;
}

export type Shape =
  | ({ kind: 'keyed' } & ValueShape & SlotWords)
  | ({ kind: 'prefixed'; prefix: string | string[] } & Omit<ValueShape, 'prefix'>)
  | ({ kind: 'uuid' } & SlotWords)
  | {
      kind: 'url';
      hosts: string[];
      part?: 'password' | 'user' | undefined;
      schemes?: string[] | undefined;
      alphabet?: Alphabet | undefined;
      length?: Length | undefined;
      prefix?: string | string[] | undefined;
      padding?: boolean | undefined;
    };

/** Thrown for a shape that cannot be expanded; the build names the file and rule. */
export class ShapeError extends Error {}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|]/g;

export function escapeLiteral(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

/**
 * The body of a character class (without brackets) for an alphabet. In `custom:` lists, `x-y`
 * between two letters or digits is a range and every other character stands for itself.
 */
export function alphabetClassBody(alphabet: Alphabet): string {
  if (!alphabet.startsWith('custom:')) {
    const named = ALPHABETS[alphabet as AlphabetName];
    if (named === undefined) throw new ShapeError(messages.shapeUnknownAlphabet(alphabet));
    return named;
  }
  const chars = [...alphabet.slice('custom:'.length)];
  if (chars.length === 0) throw new ShapeError(messages.shapeEmptyAlphabet);
  let body = '';
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index]!;
    const next = chars[index + 1];
    const after = chars[index + 2];
    if (char.charCodeAt(0) < 0x21 || char.charCodeAt(0) > 0x7e) throw new ShapeError(messages.shapeUnprintable(char));
    if (next === '-' && after !== undefined && /[A-Za-z0-9]/.test(char) && /[A-Za-z0-9]/.test(after)) {
      if (after < char) throw new ShapeError(messages.shapeReversedRange(char, after));
      body += `${char}-${after}`;
      index += 2;
      continue;
    }
    body += /[\\\]^[-]/.test(char) ? `\\${char}` : char;
  }
  return body;
}

/** The symbols (not letters or digits) an alphabet holds, as class-body text. */
function symbolsOf(body: string): string {
  return body.replace(/[A-Za-z0-9]-[A-Za-z0-9]|[A-Za-z0-9]/g, '').replace(/(?<!\\)-/g, '\\-');
}

export function quantifier(length: Length): string {
  if (typeof length === 'number') {
    if (!Number.isInteger(length) || length < 1 || length > MAX_SHAPE_LENGTH)
      throw new ShapeError(messages.shapeBadLength(String(length), MAX_SHAPE_LENGTH));
    return `{${length}}`;
  }
  const { min, max } = length;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min || max > MAX_SHAPE_LENGTH) {
    throw new ShapeError(messages.shapeBadLength(`{min: ${min}, max: ${max}}`, MAX_SHAPE_LENGTH));
  }
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

function literals(prefix: string | string[] | undefined): string {
  if (prefix === undefined) return '';
  const list = typeof prefix === 'string' ? [prefix] : prefix;
  if (list.length === 0 || list.some((item) => item.length === 0)) throw new ShapeError(messages.shapeEmptyPrefix);
  return `(?:${list.map(escapeLiteral).join('|')})`;
}

/** The secret itself: prefix, alphabet run, suffix, padding; and the class that must not follow it. */
function valueParts(value: ValueShape): { secret: string; boundary: string; before: string } {
  const body = alphabetClassBody(value.alphabet);
  const run = `[${body}]${quantifier(value.length)}`;
  const suffix = value.suffix ? escapeLiteral(value.suffix) : '';
  const padding = value.padding ? '={0,2}' : '';
  // A value glued to more letters or digits is part of some longer token, not this credential.
  const boundary = `[A-Za-z0-9${symbolsOf(body)}${value.padding ? '=' : ''}]`;
  // Before a value only token characters count: `=`, `:` or a quote there is how it is assigned.
  const symbols = symbolsOf(body);
  const tokenSymbols = ['\\-', '+', '/', '.'].filter((symbol) => symbols.includes(symbol));
  const before = `[A-Za-z0-9_${tokenSymbols.join('')}]`;
  return { secret: `${literals(value.prefix)}${run}${suffix}${padding}`, boundary, before };
}

/**
 * A keyword as it may be spelt inside a name: `api_key` also as `API_KEY`, `apiKey`, `api-key`,
 * `api.key` (the regex is case-insensitive).
 */
function nameWord(word: string): string {
  const parts = word
    .toLowerCase()
    .split(/[_.\- ]+/)
    .filter((part) => part.length > 0);
  if (parts.length === 0) throw new ShapeError(messages.shapeEmptyWord(word));
  return parts.map(escapeLiteral).join('[_.-]?');
}

function alternation(words: readonly string[]): string {
  return `(?:${words.map(nameWord).join('|')})`;
}

/**
 * A name holding one of the keywords, then how code and config assign or pass a value:
 * `NAME=`, `name: "`, `"name": "`, `obj.name = '`, `ENV["NAME"] = "`, `:=`, `=>`, and
 * `("NAME", "` (a comma only after a closing quote: a function argument or header pair).
 */
export function slotPattern(keywords: readonly string[], words: SlotWords): string {
  const slotKeywords = words.keywords ?? keywords;
  if (slotKeywords.length === 0) throw new ShapeError(messages.shapeNoKeywords);
  const not = words.notNameWords?.length ? `(?![\\w.-]{0,20}?${alternation(words.notNameWords)})` : '';
  const also = words.nameWords?.length ? `[\\w.-]{0,20}?${alternation(words.nameWords)}` : '';
  const name = `${alternation(slotKeywords)}${not}${also}[\\w.-]{0,20}?`;
  const assign = `(?:["'\\x60]?\\]?[ \\t]{0,5}(?::=|=>|=|:)|["'\\x60][ \\t]{0,5},)[ \\t]{0,5}["'\\x60]?`;
  return `${name}${assign}`;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** What may stand in a URL's user or password: no separator, quote, space or template brace. */
const URL_PART = `[^\\s:@/"'\\x60<>{}\\\\]`;

function hostPattern(host: string): string {
  const any = host.startsWith('*.');
  const name = any ? host.slice(2) : host;
  if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(name)) throw new ShapeError(messages.shapeBadHost(host));
  return `${any ? '(?:[a-z0-9.-]{0,100}\\.)?' : ''}${escapeLiteral(name)}`;
}

/** The regex source a shape stands for, given the rule's keywords. */
export function expandShape(shape: Shape, keywords: readonly string[]): string {
  switch (shape.kind) {
    case 'keyed': {
      const { secret, boundary } = valueParts(shape);
      return `(?i)${slotPattern(keywords, shape)}(?<secret>${secret})(?!${boundary})`;
    }
    case 'uuid':
      return `(?i)${slotPattern(keywords, shape)}(?<secret>${UUID})(?![0-9a-z-])`;
    case 'prefixed': {
      // Nor glued after a word character: `xghp_…` is some other identifier.
      const { secret, boundary, before } = valueParts(shape);
      return `(?<!${before})(?<secret>${secret})(?!${boundary})`;
    }
    case 'url': {
      if (shape.hosts.length === 0) throw new ShapeError(messages.shapeNoHosts);
      const schemes = (shape.schemes ?? ['https', 'http']).map(escapeLiteral).join('|');
      const value =
        shape.alphabet !== undefined && shape.length !== undefined
          ? valueParts({ alphabet: shape.alphabet, length: shape.length, prefix: shape.prefix, padding: shape.padding }).secret
          : `${literals(shape.prefix)}${URL_PART}{3,200}`;
      const hosts = `(?:${shape.hosts.map(hostPattern).join('|')})(?![a-z0-9-]|\\.[a-z0-9])`;
      const start = `(?<![a-z0-9+.-])(?:${schemes})://`;
      if ((shape.part ?? 'password') === 'password') return `(?i)${start}${URL_PART}{1,100}:(?<secret>${value})@${hosts}`;
      return `(?i)${start}(?<secret>${value})(?::${URL_PART}{0,200})?@${hosts}`;
    }
  }
}

/** The prefilter keywords a prefixed shape implies when its rule gives none. */
export function impliedKeywords(shape: Shape): string[] | undefined {
  if (shape.kind !== 'prefixed') return undefined;
  const prefixes = typeof shape.prefix === 'string' ? [shape.prefix] : shape.prefix;
  return [...new Set(prefixes.map((prefix) => prefix.toLowerCase()))];
}
