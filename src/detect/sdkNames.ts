import type { IsWord } from './secretValue';

/**
 * Which provider a module name or an API host names, for every provider of the catalogue (not a
 * hand list): `abstractapi`, `@acme/acme-sdk`, `com.acme.client`, `Acme.Net`, `api.acme.io`.
 *
 * A name is split into lower-case tokens (on punctuation and camelCase), and one or more tokens
 * in a row that spell a rule's keyword (its separators aside) name that rule's provider. Only
 * distinctive keywords count: at least MIN_KEYWORD letters and no plain word (`front`, `box`,
 * `zoom`), so a module named after an everyday word names nobody. A lookup is a few map reads
 * per token: the index is built once per catalogue.
 */

/** A provider named in a file: the keyword to restate its credentials under, and its rules. */
export interface NamedProvider {
  keyword: string;
  ruleIds: readonly string[];
}

/** How many distinct module names the index remembers (a history scan meets many). */
const MAX_CACHED = 20000;
/** Shorter keywords are too likely to be a piece of an unrelated name. */
const MIN_KEYWORD = 5;
/** How many tokens in a row one keyword may span (`send` + `grid`, `abstract` + `api`). */
const MAX_TOKENS = 4;
/** Token endings that package names add to the provider's word (`acmesdk`, `acmeclient`). */
const PACKAGE_SUFFIXES = ['sdk', 'client', 'api', 'js', 'py', 'go', 'rb', 'php', 'node', 'lib', 'net'];
/**
 * Credential words the provider table glues to a plain provider word for slot names
 * (`front_token`, `abstractkey`): a slot name, not a package name, so such a keyword counts only
 * when the word before it is distinctive on its own.
 */
const SLOT_SUFFIXES = ['key', 'token', 'secret', 'access', 'auth', 'url', 'password'];

/** The rule fields the index reads (a CompiledRule has them all). */
export interface IndexedRule {
  id: string;
  family: string;
  keywords: readonly string[];
  hasRegex: boolean;
}

export class SdkNames {
  private readonly byWord = new Map<string, { keyword: string; ruleIds: string[] }>();
  /** Every rule some word of the index names (distinctive or not: judged on lookup). */
  private readonly indexed = new Set<string>();
  /** Whether a word is distinctive enough to name a provider, judged on first lookup (the dictionary is the cost). */
  private readonly distinctive = new Map<string, boolean>();

  /** `excluded`: rules a hand-written context already ties to their SDK (it keeps precedence). */
  constructor(
    rules: readonly IndexedRule[],
    private readonly isWord: IsWord,
    excluded: ReadonlySet<string> = new Set(),
  ) {
    for (const rule of rules) {
      if (!mayBeNamedByModule(rule) || excluded.has(rule.id)) continue;
      for (const keyword of rule.keywords) {
        if (keyword.length < MIN_KEYWORD) continue;
        const word = spelledOut(keyword);
        if (word === undefined || word.length < MIN_KEYWORD) continue;
        const entry = this.byWord.get(word);
        this.indexed.add(rule.id);
        if (!entry) this.byWord.set(word, { keyword, ruleIds: [rule.id] });
        else if (!entry.ruleIds.includes(rule.id)) entry.ruleIds.push(rule.id);
      }
    }
  }

  private lookup(word: string): { keyword: string; ruleIds: string[] } | undefined {
    const entry = this.byWord.get(word);
    if (!entry) return undefined;
    let distinctive = this.distinctive.get(word);
    if (distinctive === undefined) {
      distinctive = !this.isWord(word) && !isSlotName(word, this.isWord);
      this.distinctive.set(word, distinctive);
    }
    return distinctive ? entry : undefined;
  }

  /**
   * Whether a module name may name this rule's provider. A module name that spells a keyword holds
   * it (camelCase and all, the keyword search ignores case), so a text none of whose candidate
   * rules is indexed here has no module worth reading.
   */
  covers(ruleId: string): boolean {
    return this.indexed.has(ruleId);
  }

  get size(): number {
    return this.byWord.size;
  }

  /** Module names recur across files (`react`, `os`, `fs`): each is read once. */
  private readonly cache = new Map<string, NamedProvider[]>();

  /** The providers a module name or host names (none for most names). */
  providersOf(name: string): NamedProvider[] {
    if (this.byWord.size === 0) return [];
    const cached = this.cache.get(name);
    if (cached) return cached;
    const found = this.read(name);
    if (this.cache.size < MAX_CACHED) this.cache.set(name, found);
    return found;
  }

  private read(name: string): NamedProvider[] {
    const tokens = tokensOf(name);
    const found: NamedProvider[] = [];
    for (let first = 0; first < tokens.length; first++) {
      let spelled = '';
      for (let last = first; last < tokens.length && last - first < MAX_TOKENS; last++) {
        spelled += tokens[last];
        const entry = this.lookup(spelled) ?? this.withSuffix(spelled);
        if (entry && !found.some((provider) => provider.keyword === entry.keyword)) found.push(entry);
      }
    }
    return found;
  }

  /** `acmesdk`, `acmeclient`: the provider's word with a package suffix glued on. */
  private withSuffix(spelled: string): { keyword: string; ruleIds: string[] } | undefined {
    for (const suffix of PACKAGE_SUFFIXES) {
      if (spelled.length > suffix.length + MIN_KEYWORD - 1 && spelled.endsWith(suffix)) {
        const entry = this.lookup(spelled.slice(0, -suffix.length));
        if (entry) return entry;
      }
    }
    return undefined;
  }
}

/**
 * Whether a module name could name this rule's provider at all: a provider's content rule with a
 * keyword long enough. Cheap, so a text none of whose candidate rules passes never builds the
 * index (a hook's commit of generic-rule keywords alone).
 */
export function mayBeNamedByModule(rule: IndexedRule): boolean {
  return (
    rule.hasRegex && rule.family !== 'generic' && rule.family !== 'keys' && rule.keywords.some((keyword) => keyword.length >= MIN_KEYWORD)
  );
}

/** A keyword without its `_`, `-`, `.` separators, or undefined when it holds anything but lower-case letters and digits (or starts with a digit). */
function spelledOut(keyword: string): string | undefined {
  // Two native regexes, not a loop building the word a character at a time: this runs for every
  // keyword of the catalogue in a hook, before the JIT has compiled anything (bench/NOTES.md).
  if (!SPELLABLE.test(keyword)) return undefined;
  return keyword.replace(SEPARATORS, '');
}

/** Letters, digits and separators, whose first letter or digit is a letter. */
const SPELLABLE = /^[._-]*(?:[a-z][a-z0-9._-]*)?$/;
const SEPARATORS = /[._-]/g;

function isSlotName(word: string, isWord: IsWord): boolean {
  return SLOT_SUFFIXES.some((suffix) => {
    if (!word.endsWith(suffix)) return false;
    const head = word.slice(0, -suffix.length);
    return head.length < MIN_KEYWORD || isWord(head);
  });
}

/** `@Acme/acme-sdk` → acme, acme, sdk; `SendGridClient` → send, grid, client; `api.acme.io` → api, acme, io. */
export function tokensOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0);
}
