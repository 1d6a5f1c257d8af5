import { ConfigError } from '../../errors';
import { messages } from '../../messages';
import type { UserRule } from '../userConfig';
import { pathRegexToGlob } from './pathRegex';
import { parseToml, TomlSyntaxError, type TomlDocument, type TomlTable, type TomlValue } from './toml';
import { emptyTranslation, type Translation } from './translation';

const m = messages.importing;

/** How an imported rule or regex is checked: undefined when leakgate can run it, else why not. */
export type RuleCheck = (rule: UserRule) => string | undefined;

/**
 * A gitleaks config (`.gitleaks.toml`, v8): custom rules, the global `[allowlist]` and
 * `[[allowlists]]`, rule-level allowlists and `[extend]`, translated to `.leakgate.json` fields.
 * What leakgate cannot express the same way is named, never widened: a rule-level allowlist,
 * for one, stays out (leakgate then reports those findings, to be ignored by fingerprint).
 */
export function translateGitleaks(text: string, file: string, catalogue: ReadonlySet<string>, check: RuleCheck): Translation {
  let document: TomlDocument;
  try {
    document = parseToml(text);
  } catch (error) {
    if (error instanceof TomlSyntaxError) throw new ConfigError(file, [{ path: m.line(error.line), expected: error.reason }]);
    throw error;
  }
  return new GitleaksImport(document, file, catalogue, check).run();
}

class GitleaksImport {
  private readonly out = emptyTranslation();

  constructor(
    private readonly document: TomlDocument,
    private readonly file: string,
    private readonly catalogue: ReadonlySet<string>,
    private readonly check: RuleCheck,
  ) {}

  run(): Translation {
    const { root } = this.document;
    const extend = this.table(root, 'extend', root);
    if (extend) this.extend(extend);
    for (const [index, rule] of this.tables(root, 'rules', root).entries()) this.rule(rule, index);
    const global = this.table(root, 'allowlist', root);
    if (global) this.allowlist(global, 'allowlist');
    for (const [index, allowlist] of this.tables(root, 'allowlists', root).entries()) this.allowlist(allowlist, `allowlists[${index}]`);
    return this.out;
  }

  private extend(extend: TomlTable): void {
    for (const key of ['path', 'url'] as const) {
      const value = this.string(extend, key, extend);
      if (value !== undefined) this.untranslated(extend, `extend.${key}`, m.gitleaksExtends(value));
    }
    for (const id of this.strings(extend, 'disabledRules', extend)) {
      if (this.catalogue.has(id)) this.out.config.rules.disable.push(id);
      else this.untranslated(extend, `extend.disabledRules ${id}`, m.noSuchLeakgateRule);
    }
  }

  private rule(table: TomlTable, index: number): void {
    const gitleaksId = this.string(table, 'id', table) ?? this.fail(table, `rules[${index}].id`, m.expectedString);
    const what = m.ruleNamed(gitleaksId);
    const id = leakgateRuleId(gitleaksId, this.catalogue);
    const source = this.string(table, 'regex', table);
    const pathRegex = this.string(table, 'path', table);
    if (source === undefined && pathRegex === undefined) {
      this.untranslated(table, what, m.ruleWithoutRegexOrPath);
      return;
    }
    const rule: UserRule = {
      id,
      provider: m.importedProvider('gitleaks'),
      description: this.string(table, 'description', table) ?? gitleaksId,
    };
    if (source !== undefined) {
      const group = this.number(table, 'secretGroup', table);
      const regex = withSecretGroup(source, group ?? 0);
      if (regex === undefined) {
        this.untranslated(table, what, m.noSuchSecretGroup(group ?? 0));
        return;
      }
      rule.regex = regex;
    }
    if (pathRegex !== undefined) {
      const glob = pathRegexToGlob(pathRegex);
      if (glob !== undefined) rule.path = glob;
      else if (source === undefined) {
        this.untranslated(table, what, m.pathRegexNoGlob(pathRegex));
        return;
      } else this.untranslated(table, m.rulePath(gitleaksId), m.rulePathDropped(pathRegex));
    }
    const keywords = this.strings(table, 'keywords', table).map((keyword) => keyword.toLowerCase());
    // Non-ASCII keywords cannot go in leakgate's prefilter; without any the rule runs on all text.
    if (keywords.some((keyword) => /[^\x20-\x7e]/.test(keyword))) this.untranslated(table, m.ruleKeywords(gitleaksId), m.nonAsciiKeywords);
    else if (keywords.length) rule.keywords = [...new Set(keywords)];
    const entropy = this.number(table, 'entropy', table);
    if (entropy !== undefined) rule.entropy = entropy;
    const stopwords = this.ruleAllowlists(table, gitleaksId);
    if (stopwords.length) rule.stopwords = stopwords;
    const problem = this.check(rule);
    if (problem) {
      this.untranslated(table, what, problem);
      return;
    }
    this.out.config.rules.add.push(rule);
  }

  /** A rule's own allowlists: only stopwords have a rule-level home in leakgate. */
  private ruleAllowlists(rule: TomlTable, gitleaksId: string): string[] {
    const single = this.table(rule, 'allowlist', rule);
    const lists = [...(single ? [single] : []), ...this.tables(rule, 'allowlists', rule)];
    const stopwords: string[] = [];
    for (const list of lists) {
      const criteria = ['paths', 'regexes', 'commits', 'stopwords'].filter((key) => this.strings(list, key, list).length > 0);
      const and = this.string(list, 'condition', list)?.toUpperCase() === 'AND' && criteria.length > 1;
      for (const key of criteria) {
        if (key === 'stopwords' && !and) stopwords.push(...this.strings(list, key, list));
        else this.untranslated(list, m.ruleAllowlist(gitleaksId, key), and ? m.andCondition : m.ruleLevelAllowlist);
      }
    }
    return stopwords;
  }

  private allowlist(list: TomlTable, name: string): void {
    const targets = this.strings(list, 'targetRules', list);
    if (targets.length) {
      this.untranslated(list, name, m.targetRules(targets));
      return;
    }
    const criteria = ['paths', 'regexes', 'commits', 'stopwords'].filter((key) => this.strings(list, key, list).length > 0);
    if (this.string(list, 'condition', list)?.toUpperCase() === 'AND' && criteria.length > 1) {
      this.untranslated(list, name, m.andCondition);
      return;
    }
    const { allowlist } = this.out.config;
    for (const path of this.strings(list, 'paths', list)) {
      const glob = pathRegexToGlob(path);
      if (glob) allowlist.paths.push(glob);
      else this.untranslated(list, `${name}.paths ${path}`, m.pathRegexNoGlob(path));
    }
    const target = this.string(list, 'regexTarget', list) ?? 'secret';
    for (const regex of this.strings(list, 'regexes', list)) {
      if (target !== 'secret') this.untranslated(list, `${name}.regexes ${regex}`, m.regexTarget(target));
      else allowlist.regexes.push(regex);
    }
    allowlist.stopwords.push(...this.strings(list, 'stopwords', list));
    const commits = this.strings(list, 'commits', list);
    if (commits.length) this.untranslated(list, `${name}.commits`, m.commitAllowlist(commits.length));
  }

  private table(from: TomlTable, key: string, owner: TomlTable): TomlTable | undefined {
    const value = from[key];
    if (value === undefined) return undefined;
    if (isTable(value)) return value;
    return this.fail(owner, key, m.expectedTable);
  }

  private tables(from: TomlTable, key: string, owner: TomlTable): TomlTable[] {
    const value = from[key];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every(isTable)) return value as TomlTable[];
    return this.fail(owner, key, m.expectedArrayOfTables);
  }

  private string(from: TomlTable, key: string, owner: TomlTable): string | undefined {
    const value = from[key];
    if (value === undefined || typeof value === 'string') return value;
    return this.fail(owner, key, m.expectedString);
  }

  private number(from: TomlTable, key: string, owner: TomlTable): number | undefined {
    const value = from[key];
    if (value === undefined || typeof value === 'number') return value;
    return this.fail(owner, key, m.expectedNumber);
  }

  private strings(from: TomlTable, key: string, owner: TomlTable): string[] {
    const value = from[key];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    return this.fail(owner, key, m.expectedStrings);
  }

  private untranslated(table: TomlTable, what: string, reason: string): void {
    const line = this.document.lineOf.get(table);
    this.out.untranslated.push({ file: this.file, ...(line !== undefined ? { line } : {}), what, reason });
  }

  private fail(table: TomlTable, key: string, expected: string): never {
    throw new ConfigError(this.file, [{ path: `${m.line(this.document.lineOf.get(table) ?? 1)} ${key}`, expected }]);
  }
}

function isTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && !Array.isArray(value);
}

/** A leakgate rule id (kebab-case) for a gitleaks one; a built-in id gets a suffix so both rules run. */
function leakgateRuleId(id: string, catalogue: ReadonlySet<string>): string {
  const kebab =
    id
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'rule';
  return catalogue.has(kebab) ? `${kebab}-gitleaks` : kebab;
}

/**
 * The regex with the secret where leakgate looks for it: gitleaks takes group `secretGroup`, or
 * without one the first group that matched (as leakgate does), or the whole match when there is
 * no group. Group N becomes the named group `secret`; no group: the whole regex is wrapped in one.
 * Undefined when the regex has no group N.
 */
export function withSecretGroup(source: string, secretGroup: number): string | undefined {
  const flags = /^\(\?[a-zA-Z]+\)/.exec(source)?.[0] ?? '';
  const body = source.slice(flags.length);
  const opens = captureGroupStarts(body);
  if (secretGroup === 0) return opens.length ? source : `${flags}(${body})`;
  const at = opens[secretGroup - 1];
  if (at === undefined) return undefined;
  const named = body.startsWith('(?P<', at) || isNamedGroup(body, at);
  // A named group keeps its name's place: leakgate reads only `secret` by name.
  const inner = named ? body.indexOf('>', at) + 1 : at + 1;
  return `${flags}${body.slice(0, at)}(?P<secret>${body.slice(inner)}`;
}

/** Offsets of the `(` of each capture group, in order (escapes and character classes skipped). */
function captureGroupStarts(body: string): number[] {
  const starts: number[] = [];
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') {
      inClass = true;
      if (body[i + 1] === ']' || (body[i + 1] === '^' && body[i + 2] === ']')) i += body[i + 1] === '^' ? 2 : 1;
    } else if (c === '(' && (body[i + 1] !== '?' || body.startsWith('(?P<', i) || isNamedGroup(body, i))) starts.push(i);
  }
  return starts;
}

/** `(?<name>`, not a lookbehind `(?<=` / `(?<!`. */
function isNamedGroup(body: string, at: number): boolean {
  return body.startsWith('(?<', at) && body[at + 3] !== '=' && body[at + 3] !== '!';
}
