import { CONFIG_WIDENED_RULE } from '../detect/wideningRule';
import { activeFingerprints, looseEntries } from '../config/ignoreEntries';
import { leakgateKeyOf } from '../config/loadUserConfig';
import { DEFAULT_MAX_FILE_SIZE, parseSize, SIZE_TEXT, type UserConfig, type UserRule } from '../config/userConfig';
import { fingerprintOf } from '../detect/fingerprint';
import type { Finding } from '../detect/types';
import type { ConfigPath, ConfigTexts } from '../git/configBlobs';
import { formatBytes, messages } from '../messages';

// A branch controls its own .leakgate.json, package.json and baseline. Whatever they add that
// lets more through (an allowlist entry, a disabled rule, a weaker copy of a built-in rule, a
// bigger maxFileSize, a baseline fingerprint) is reported as a finding of the commit that added
// it, so a push or a history scan cannot be silenced by the very commits it judges.
// timeBudget is not compared: raising it lets a hook run longer, never lets anything through
// (past the budget the hook blocks).

export { CONFIG_WIDENED_RULE };

/** Config keys whose entries widen what passes. */
export const LIST_KEYS = [
  'allowlist.paths',
  'allowlist.regexes',
  'allowlist.stopwords',
  'allowlist.fingerprints',
  'rules.disable',
] as const;
type ListKey = (typeof LIST_KEYS)[number];

/** What of a config can widen what passes, in comparable form. */
export interface ConfigView {
  /** `.leakgate.json`, `package.json#leakgate`, or undefined (defaults). */
  source?: string;
  lists: Record<ListKey, Set<string>>;
  /** Built-in rule ids that rules.add replaces, with each replacement (its JSON, to compare, and the rule). */
  replaced: Map<string, { json: string; rule: UserRule }>;
  /** The team's own rules in rules.add (ids that are no built-in rule). */
  custom: Map<string, { json: string; rule: UserRule }>;
  maxFileSize: number;
  baseline: Set<string>;
  /** The texts it was read from (to find the line of an entry). */
  texts: ConfigTexts;
}

/** One widening of one key in one commit. */
export interface Widening {
  key: ListKey | 'rules.add' | 'rules.dropped' | 'rules.changed' | 'maxFileSize' | 'baseline' | 'source';
  file: ConfigPath;
  /** New entries (list keys, rules.add ids, baseline fingerprints). */
  values: string[];
  /** maxFileSize: the sizes before and after. */
  from?: number;
  to?: number;
  /** source: the config files before and after. */
  fromSource?: string;
}

/**
 * What a commit's config files hold, read leniently: the texts come from history and need not
 * be valid (a broken file is read as holding nothing, so its repair shows as new entries).
 */
export function looseView(texts: ConfigTexts, builtIns: ReadonlySet<string>): ConfigView {
  let raw: unknown;
  let source: string | undefined;
  if (texts['.leakgate.json'] !== undefined) {
    source = '.leakgate.json';
    try {
      raw = JSON.parse(texts['.leakgate.json']);
    } catch {
      raw = undefined;
    }
  } else if (texts['package.json'] !== undefined) {
    raw = leakgateKeyOf(texts['package.json']);
    if (raw !== undefined) source = 'package.json#leakgate';
  }
  const record = isRecord(raw) ? raw : {};
  const allowlist = isRecord(record.allowlist) ? record.allowlist : {};
  const rules = isRecord(record.rules) ? record.rules : {};
  const lists = {
    'allowlist.paths': strings(allowlist.paths),
    'allowlist.regexes': strings(allowlist.regexes),
    'allowlist.stopwords': strings(allowlist.stopwords),
    'allowlist.fingerprints': new Set(activeFingerprints(looseEntries(allowlist.fingerprints))),
    'rules.disable': strings(rules.disable),
  };
  const added = (Array.isArray(rules.add) ? rules.add : []).filter(
    (rule): rule is UserRule => isRecord(rule) && typeof rule.id === 'string',
  ) as UserRule[];
  return {
    ...(source ? { source } : {}),
    lists,
    ...rulesOf(added, builtIns),
    maxFileSize: looseSize(record.maxFileSize),
    baseline: looseBaseline(texts['.leakgate-baseline.json']),
    texts,
  };
}

/** The view of a validated config (the trusted one a scan is judged by). */
export function viewOf(
  config: UserConfig,
  source: string | undefined,
  baseline: ReadonlySet<string>,
  builtIns: ReadonlySet<string>,
): ConfigView {
  return {
    ...(source ? { source } : {}),
    lists: {
      'allowlist.paths': new Set(config.allowlist.paths),
      'allowlist.regexes': new Set(config.allowlist.regexes),
      'allowlist.stopwords': new Set(config.allowlist.stopwords),
      'allowlist.fingerprints': new Set(config.allowlist.fingerprints),
      'rules.disable': new Set(config.rules.disable),
    },
    ...rulesOf(config.rules.add, builtIns),
    maxFileSize: config.maxFileSize,
    baseline: new Set(baseline),
    texts: {},
  };
}

/**
 * What `child` adds over its parents: an entry is new when no parent had it (a merge brings
 * nothing new by taking one side's entry). With `trusted`, entries it already holds are not
 * new either: they are in force already.
 */
export function wideningsBetween(child: ConfigView, parents: readonly ConfigView[], trusted?: ConfigView): Widening[] {
  const before: readonly [ConfigView, ...ConfigView[]] = parents.length ? (parents as [ConfigView, ...ConfigView[]]) : [emptyView()];
  const file = configFileOf(child.source ?? before[0].source);
  const out: Widening[] = [];
  for (const key of LIST_KEYS) {
    const values = [...child.lists[key]].filter(
      (value) => !before.some((parent) => parent.lists[key].has(value)) && !trusted?.lists[key].has(value),
    );
    if (values.length) out.push({ key, file, values });
  }
  const replacements = [...child.replaced]
    .filter(
      ([id, { json }]) => !before.some((parent) => parent.replaced.get(id)?.json === json) && trusted?.replaced.get(id)?.json !== json,
    )
    .map(([id]) => id);
  if (replacements.length) out.push({ key: 'rules.add', file, values: replacements });
  // The team's own rules detect less when one is dropped or changed (a changed regex may match
  // nothing): new when every parent had the rule and none had the child's version of it.
  const weakened = (id: string) =>
    before.every((parent) => parent.custom.has(id) && parent.custom.get(id)!.json !== child.custom.get(id)?.json);
  const excused = (id: string) =>
    trusted !== undefined && (!trusted.custom.has(id) || trusted.custom.get(id)!.json === child.custom.get(id)?.json);
  const candidates = parents.length ? [...before[0].custom.keys()].filter((id) => weakened(id) && !excused(id)) : [];
  const dropped = candidates.filter((id) => !child.custom.has(id));
  const changed = candidates.filter((id) => child.custom.has(id));
  if (dropped.length) out.push({ key: 'rules.dropped', file, values: dropped });
  if (changed.length) out.push({ key: 'rules.changed', file, values: changed });
  const largest = Math.max(...before.map((parent) => parent.maxFileSize), trusted?.maxFileSize ?? 0);
  if (child.maxFileSize > largest)
    out.push({
      key: 'maxFileSize',
      file,
      values: [],
      from: Math.max(...before.map((parent) => parent.maxFileSize)),
      to: child.maxFileSize,
    });
  const fingerprints = [...child.baseline].filter(
    (value) => !before.some((parent) => parent.baseline.has(value)) && !trusted?.baseline.has(value),
  );
  if (fingerprints.length) out.push({ key: 'baseline', file: '.leakgate-baseline.json', values: fingerprints });
  const previous = before[0].source;
  if (child.source && previous && child.source !== previous && trusted?.source !== child.source) {
    out.push({ key: 'source', file: configFileOf(child.source), values: [], fromSource: previous });
  }
  return out;
}

/** The trusted config with accepted widenings applied: what the team said may pass. */
export function withAccepted(
  config: UserConfig,
  baseline: ReadonlySet<string>,
  accepted: readonly { widening: Widening; view: ConfigView }[],
): { config: UserConfig; baseline: Set<string> } {
  const lists: Record<ListKey, string[]> = {
    'allowlist.paths': [...config.allowlist.paths],
    'allowlist.regexes': [...config.allowlist.regexes],
    'allowlist.stopwords': [...config.allowlist.stopwords],
    'allowlist.fingerprints': [...config.allowlist.fingerprints],
    'rules.disable': [...config.rules.disable],
  };
  const add = [...config.rules.add];
  let maxFileSize = config.maxFileSize;
  const widenedBaseline = new Set(baseline);
  for (const { widening, view } of accepted) {
    if (widening.key === 'baseline') for (const value of widening.values) widenedBaseline.add(value);
    else if (widening.key === 'maxFileSize') maxFileSize = Math.max(maxFileSize, widening.to!);
    else if (widening.key === 'rules.add' || widening.key === 'rules.dropped' || widening.key === 'rules.changed') {
      for (const id of widening.values) {
        const index = add.findIndex((rule) => rule.id === id);
        if (index >= 0) add.splice(index, 1);
        const rule = (view.replaced.get(id) ?? view.custom.get(id))?.rule;
        if (rule) add.push(rule);
      }
    } else if (widening.key !== 'source') {
      const list = lists[widening.key];
      list.push(...widening.values.filter((value) => !list.includes(value)));
    }
  }
  return {
    config: {
      ...config,
      allowlist: {
        paths: lists['allowlist.paths'],
        regexes: lists['allowlist.regexes'],
        stopwords: lists['allowlist.stopwords'],
        fingerprints: lists['allowlist.fingerprints'],
      },
      rules: { disable: lists['rules.disable'], add },
      maxFileSize,
    },
    baseline: widenedBaseline,
  };
}

/** The finding a widening is reported as; its fingerprint names the commit and the change. */
export function wideningFinding(commit: string, widening: Widening, view: ConfigView): Finding {
  const summary = describeWidening(widening);
  const line = lineOf(widening, view);
  const fingerprint = fingerprintOf(widening.file, CONFIG_WIDENED_RULE, [
    commit,
    widening.key,
    ...[...widening.values].sort(),
    String(widening.to ?? ''),
    widening.fromSource ?? '',
  ]);
  return {
    ruleId: CONFIG_WIDENED_RULE,
    provider: 'leakgate',
    description: messages.configWidened(summary),
    family: 'config',
    path: widening.file,
    commit: { sha: commit, subject: '', author: '' },
    // Not a secret: the span carries no value (values are shown, capped, in the description).
    spans: [{ ruleId: CONFIG_WIDENED_RULE, label: 'config change', line, column: 1, secret: '', lineText: '' }],
    fingerprint,
    remediation: [
      { envVar: '', why: messages.configWidenedWhy, revoke: messages.configWidenedAccept(commit.slice(0, 12)), docs: messages.configDocs },
    ],
  };
}

/** `allowlist.paths += "**"`; values capped and escaped (they are user-controlled, maybe secrets). */
export function describeWidening(widening: Widening): string {
  switch (widening.key) {
    case 'maxFileSize':
      return `maxFileSize raised from ${formatBytes(widening.from!)} to ${formatBytes(widening.to!)}`;
    case 'source':
      return `config moved from ${widening.fromSource} to ${sourceName(widening.file)}`;
    case 'baseline':
      return `${widening.file} += ${listOf(widening.values, 'fingerprint')}`;
    case 'rules.add':
      return `rules.add replaces built-in ${listOf(widening.values, 'rule')}`;
    case 'rules.dropped':
      return `rules.add drops ${listOf(widening.values, 'rule')}`;
    case 'rules.changed':
      return `rules.add changes ${listOf(widening.values, 'rule')}`;
    default:
      return `${widening.key} += ${listOf(widening.values, widening.key === 'allowlist.stopwords' || widening.key === 'allowlist.regexes' ? 'secretish' : 'plain')}`;
  }
}

const SHOWN_VALUES = 3;

function listOf(values: readonly string[], kind: 'fingerprint' | 'rule' | 'plain' | 'secretish'): string {
  const shown = values.slice(0, SHOWN_VALUES).map((value) => showValue(value, kind));
  const more = values.length > SHOWN_VALUES ? ` and ${values.length - SHOWN_VALUES} more` : '';
  return shown.join(', ') + more;
}

/**
 * A value as a report may show it: quoted, control characters escaped, and cut short. A stopword
 * or an allowlist regex may well be the very secret it silences: at most 4 characters of a long
 * one are shown.
 */
export function showValue(value: string, kind: 'fingerprint' | 'rule' | 'plain' | 'secretish'): string {
  const limit = kind === 'fingerprint' ? 80 : kind === 'secretish' ? 6 : 40;
  const keep = kind === 'secretish' ? 4 : limit - 8;
  const cut = value.length > limit ? `${[...value].slice(0, keep).join('')}…` : value;
  const quoted = JSON.stringify(cut).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return value.length > limit ? `${quoted} (${value.length} characters)` : quoted;
}

function lineOf(widening: Widening, view: ConfigView): number {
  const text = widening.key === 'baseline' ? view.texts['.leakgate-baseline.json'] : view.texts[widening.file];
  if (text === undefined) return 1;
  const needle =
    widening.key === 'maxFileSize'
      ? '"maxFileSize"'
      : widening.key === 'source'
        ? '"leakgate"'
        : widening.values.length
          ? JSON.stringify(widening.values[0])
          : undefined;
  if (needle === undefined) return 1;
  const at = text.indexOf(needle);
  if (at < 0) return 1;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function configFileOf(source: string | undefined): ConfigPath {
  return source === 'package.json#leakgate' ? 'package.json' : '.leakgate.json';
}

function sourceName(file: ConfigPath): string {
  return file === 'package.json' ? 'package.json#leakgate' : file;
}

function emptyView(): ConfigView {
  return {
    lists: {
      'allowlist.paths': new Set(),
      'allowlist.regexes': new Set(),
      'allowlist.stopwords': new Set(),
      'allowlist.fingerprints': new Set(),
      'rules.disable': new Set(),
    },
    replaced: new Map(),
    custom: new Map(),
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    baseline: new Set(),
    texts: {},
  };
}

function rulesOf(rules: readonly UserRule[], builtIns: ReadonlySet<string>): Pick<ConfigView, 'replaced' | 'custom'> {
  const replaced = new Map<string, { json: string; rule: UserRule }>();
  const custom = new Map<string, { json: string; rule: UserRule }>();
  for (const rule of rules) (builtIns.has(rule.id) ? replaced : custom).set(rule.id, { json: JSON.stringify(rule), rule });
  return { replaced, custom };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

function strings(value: unknown): Set<string> {
  return new Set(Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
}

function looseSize(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  if (typeof value === 'string' && SIZE_TEXT.test(value)) return parseSize(value);
  return DEFAULT_MAX_FILE_SIZE;
}

function looseBaseline(text: string | undefined): Set<string> {
  if (text === undefined) return new Set();
  try {
    const data = JSON.parse(text) as unknown;
    return isRecord(data) ? strings(data.fingerprints) : new Set();
  } catch {
    return new Set();
  }
}

/** The widening rule as SARIF describes it (help: how to take it out or accept it). */
export const wideningRuleInfo = {
  id: CONFIG_WIDENED_RULE,
  provider: 'leakgate',
  description: 'A commit widened the leakgate config (allowlist, disabled rules, maxFileSize or baseline)',
  envVar: '',
  revoke: '',
  docs: messages.configDocs,
  help: [messages.configWidenedWhy, messages.configWidenedAccept('<commit>')],
};
