import type picomatchType from 'picomatch';
import { keywordOffsets, type KeywordOffsets } from './keywordOffsets';
import { LinearRuleRegex, linearStringTest, type RuleRegex } from './linearRegex';
import type { CompiledPair, CompiledRule, AllowPolicy, Remediation } from './types';
import type { ChecksumKind } from './checksums';
import { messages } from '../messages';

/** A rule as written in rules.json or `rules.add` (validated before it gets here). */
export interface RuleDefinition {
  id: string;
  provider: string;
  family?: string | undefined;
  description: string;
  regex?: string | undefined;
  keywords?: string[] | undefined;
  entropy?: number | undefined;
  path?: string | undefined;
  stopwords?: string[] | undefined;
  checksum?: ChecksumKind | undefined;
  pairOnly?: boolean | undefined;
  remediation?: Remediation | undefined;
  /** Whether `regex` is set, known without reading it (a definition parsed on first use says so up front). */
  hasRegex?: boolean | undefined;
  /**
   * The keyword-offset analysis of `regex`, done by the build for the shipped catalogue (a
   * history scan would otherwise repeat it for every rule it meets): the offsets, or `false`
   * when the analysis could not prove any. Absent: analysed here, on first use.
   */
  keywordOffsets?: [string, number[]][] | false | undefined;
}

/**
 * Compiles rule definitions once: regexes with match indices, path globs into matchers.
 * Remediation text may come later (`remediationOf`): only runs that found something read it.
 */
export function compileRule(definition: RuleDefinition, remediationOf?: (id: string) => Remediation | undefined): CompiledRule {
  return new CatalogueRule(definition, remediationOf);
}

/** A rule from a user's config: its regex runs on the linear-time engine (see linearRegex.ts). */
export function compileUserRule(definition: RuleDefinition, remediationOf?: (id: string) => Remediation | undefined): CompiledRule {
  return new CatalogueRule(definition, remediationOf, true);
}

const NONE: string[] = [];

/**
 * One object per rule, everything else computed on first use: a hook builds every rule of the
 * catalogue on every commit, and per-rule closures had it allocate 0.5 MB, which survived two
 * scavenges. Fields other than id, keywords and path are read from the definition when asked:
 * the built catalogue parses a rule's definition only then (config/catalogueFile.ts).
 */
class CatalogueRule implements CompiledRule {
  readonly id: string;
  readonly hasRegex: boolean;
  readonly keywords: string[];
  readonly appliesTo?: (path: string) => boolean;
  private compiled: RuleRegex | undefined;
  private compiledSticky: RuleRegex | undefined;
  private offsets: KeywordOffsets | undefined | null = null;
  private lowerStopwords: string[] | undefined;
  private remediationText: Remediation | undefined;

  constructor(
    private readonly definition: RuleDefinition,
    private readonly remediationOf?: (id: string) => Remediation | undefined,
    /** A user's regex: swept with the linear-time engine, never with V8's backtracking one. */
    private readonly linear = false,
  ) {
    this.id = definition.id;
    this.hasRegex = definition.hasRegex ?? definition.regex !== undefined;
    this.keywords = definition.keywords?.length ? lowerCased(definition.keywords) : NONE;
    if (definition.path !== undefined) this.appliesTo = lazyGlobMatcher(definition.path);
  }

  get provider(): string {
    return this.definition.provider;
  }

  get family(): string {
    return this.definition.family ?? 'custom';
  }

  get description(): string {
    return this.definition.description;
  }

  get entropy(): number | undefined {
    return this.definition.entropy;
  }

  get checksum(): ChecksumKind | undefined {
    return this.definition.checksum;
  }

  get pairOnly(): boolean {
    return this.definition.pairOnly === true;
  }

  regex(): RuleRegex {
    this.compiled ??= this.linear ? new LinearRuleRegex(this.source()) : compileRuleRegex(this.source(), false);
    return this.compiled;
  }

  stickyRegex(): RuleRegex {
    if (this.linear) throw new Error(messages.userRuleNotSticky);
    this.compiledSticky ??= compileRuleRegex(this.source(), true);
    return this.compiledSticky;
  }

  keywordOffsets(): KeywordOffsets | undefined {
    // The keyword-offset analysis reads JavaScript regex syntax; a user's RE2 pattern is swept instead.
    if (this.offsets === null) {
      const built = this.definition.keywordOffsets;
      if (built !== undefined && !this.linear) this.offsets = built === false ? undefined : new Map(built);
      else
        this.offsets =
          this.definition.regex === undefined || this.linear ? undefined : keywordOffsets(this.definition.regex, this.keywords);
    }
    return this.offsets;
  }

  get stopwords(): string[] {
    this.lowerStopwords ??= (this.definition.stopwords ?? []).map((word) => word.toLowerCase());
    return this.lowerStopwords;
  }

  get remediation(): Remediation {
    this.remediationText ??= this.definition.remediation ?? this.remediationOf?.(this.id) ?? defaultRemediation(this.definition);
    return this.remediationText;
  }

  private source(): string {
    if (this.definition.regex === undefined) throw new Error(messages.pathRuleHasNoRegex);
    return this.definition.regex;
  }
}

/**
 * `(?i)` prefix → `i` flag; with indices so the secret group can be located; global to sweep a
 * text, or sticky to try one position at a time.
 */
export function compileRuleRegex(source: string, sticky = false): RegExp {
  const flags = sticky ? 'yd' : 'gd';
  return source.startsWith('(?i)') ? new RegExp(source.slice(4), `${flags}i`) : new RegExp(source, flags);
}

/** The catalogue minus disabled ids, plus user rules (a user rule with a built-in id replaces it). */
export function compileCatalogue(
  builtin: readonly RuleDefinition[],
  added: readonly RuleDefinition[],
  disabled: readonly string[],
  remediationOf?: (id: string) => Remediation | undefined,
): CompiledRule[] {
  const off = new Set(disabled);
  const addedIds = new Set(added.map((rule) => rule.id));
  // Most configs add and disable nothing: the catalogue's thousand rules then need no filtering.
  const kept = off.size === 0 && addedIds.size === 0 ? builtin : builtin.filter((rule) => !addedIds.has(rule.id) && !off.has(rule.id));
  const compiled = kept.map((rule) => compileRule(rule, remediationOf));
  for (const rule of added) if (!off.has(rule.id)) compiled.push(compileUserRule(rule, remediationOf));
  return compiled;
}

/** Pairs whose both halves are still enabled. */
export function activePairs(pairs: readonly CompiledPair[], rules: readonly CompiledRule[]): CompiledPair[] {
  const ids = new Set(rules.map((rule) => rule.id));
  return pairs.filter((pair) => pair.halves.every((half) => ids.has(half)));
}

/** The user allowlist as the detector applies it. */
export function compileAllowPolicy(allowlist: {
  paths: readonly string[];
  regexes: readonly string[];
  stopwords: readonly string[];
  fingerprints: readonly string[];
}): AllowPolicy {
  const pathAllowed = allowlist.paths.length ? globMatcher(allowlist.paths) : () => false;
  return {
    isPathAllowed: pathAllowed,
    secretRegexes: allowlist.regexes.map(linearStringTest),
    stopwords: allowlist.stopwords.map((word) => word.toLowerCase()),
    fingerprints: new Set(allowlist.fingerprints),
  };
}

/**
 * picomatch with dotfiles included; a glob without `/` matches the base name anywhere, and
 * Windows separators in a glob are taken as `/` (configs get written on Windows too).
 */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const matchers = globs.map((glob) => {
    const normalized = glob.replace(/\\/g, '/').replace(/^\.\//, '');
    // Loaded on first use: most hook runs compile no glob at all.
    const picomatch = require('picomatch') as typeof picomatchType;
    return picomatch(normalized, { dot: true, basename: !normalized.includes('/') });
  });
  return (path) => matchers.some((matches) => matches(path));
}

function lazyGlobMatcher(glob: string): (path: string) => boolean {
  const simple = simpleGlob(glob);
  if (simple) return simple;
  let matcher: ((path: string) => boolean) | undefined;
  return (path) => (matcher ??= globMatcher([glob]))(path);
}

/**
 * `*.ext` and `name`, each maybe after `**\/`, and braces of those (most rule globs) as plain
 * string tests: compiling them with picomatch on every hook run would cost more than the scan of
 * a small commit, and picomatch's base-name matching cost a history scan (bench/NOTES.md). Anything else
 * is left to picomatch (undefined): `name*` for one, which picomatch matches differently inside
 * braces (`{a.*,b}` refuses `a.`, `a.*` accepts it). Tested against picomatch.
 */
export function simpleGlob(glob: string): ((path: string) => boolean) | undefined {
  const normalized = glob.replace(/\\/g, '/');
  // One level of braces (`{.npmrc,.yarnrc}`, `*.{p12,pfx}`): each alternative simple itself. With
  // a `/` anywhere picomatch stops matching base names, so such globs are left to it.
  const braces = /^([^{}]*)\{([^{}]*)\}([^{}]*)$/.exec(normalized);
  if (braces) {
    if (normalized.includes('/')) return undefined;
    const [, before = '', inner = '', after = ''] = braces; // groups that always take part
    const alternatives = inner.split(',').map((part) => simpleGlob(`${before}${part}${after}`));
    if (alternatives.some((test) => test === undefined)) return undefined;
    return (path) => alternatives.some((test) => test!(path));
  }
  const bare = normalized.replace(/^(\*\*\/)+/, '');
  const special = /[*?[\]{}()!+@/]/;
  const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  if (bare.startsWith('*.')) {
    const suffix = bare.slice(1);
    if (special.test(suffix.slice(1))) return undefined;
    return (path) => baseName(path).endsWith(suffix);
  }
  if (special.test(bare)) return undefined;
  return (path) => baseName(path) === bare;
}

/** The keywords in lower case; the same array when they are already (the catalogue's always are). */
function lowerCased(keywords: string[]): string[] {
  for (const keyword of keywords) if (keyword !== keyword.toLowerCase()) return keywords.map((each) => each.toLowerCase());
  return keywords;
}

function defaultRemediation(definition: RuleDefinition): Remediation {
  return {
    envVar: definition.id.toUpperCase().replace(/-/g, '_'),
    revoke: `Revoke this ${definition.provider} credential where it was issued, create a new one, update every service that uses it (staging first), then delete the old one.`,
    docs: '',
  };
}
