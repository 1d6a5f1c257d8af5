import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { messages } from '../messages';
import { PACKAGE_ROOT } from '../packageInfo';
import type { BuiltinRuleDef, PairDef } from './ruleSchema';
import { contentHash } from './validationStamp';
import type * as Validators from './validators';
import { keywordOffsets } from '../detect/keywordOffsets';

/** The rules.json shipped in the package. */
export const BUILTIN_RULES_PATH = join(PACKAGE_ROOT, 'rules.json');

/**
 * Written by the build after validating rules.json: the rules without their examples, and the
 * hash of the text that was validated. Hooks read this instead of parsing the whole catalogue.
 */
export const DETECTION_CATALOGUE_PATH = join(PACKAGE_ROOT, 'dist', 'catalogue.json');

/** What the detector needs of the catalogue: no examples; remediation possibly read on demand. */
export interface DetectionCatalogue {
  rules: (Omit<BuiltinRuleDef, 'examples' | 'remediation'> & {
    remediation?: BuiltinRuleDef['remediation'];
    keywordOffsets?: [string, number[]][] | false;
  })[];
  pairs: PairDef[];
  /** Remediation of a rule whose definition above does not carry it. */
  remediationOf?: (id: string) => BuiltinRuleDef['remediation'] | undefined;
}

/**
 * The remediation texts, kept apart from the detection catalogue: only a blocked run reads them.
 * One JSON line per rule, `["<id>",{…}]`: a blocked run parses the lines of the rules it reports,
 * not the texts of the whole catalogue.
 */
export const REMEDIATION_PATH = join(PACKAGE_ROOT, 'dist', 'remediation.jsonl');

type Remediation = BuiltinRuleDef['remediation'];

function lazyRemediation(): (id: string) => Remediation | undefined {
  let lines: string | undefined;
  return (id) => {
    lines ??= `\n${readFileSync(REMEDIATION_PATH, 'utf8')}`;
    const start = lines.indexOf(`\n${JSON.stringify([id]).slice(0, -1)},`);
    if (start === -1) return undefined;
    const end = lines.indexOf('\n', start + 1);
    return (JSON.parse(lines.slice(start + 1, end === -1 ? undefined : end)) as [string, Remediation])[1];
  };
}

/** The remediation file's text: one line per rule (see REMEDIATION_PATH). */
export function remediationLines(remediation: Record<string, Remediation>): string {
  return Object.entries(remediation)
    .map((entry) => `${JSON.stringify(entry)}\n`)
    .join('');
}

/** The validated catalogue. */
export interface RuleCatalogue {
  rules: BuiltinRuleDef[];
  pairs: PairDef[];
}

const loaded = new Map<string, RuleCatalogue>();

/**
 * Reads and validates a rules file; a broken one is a ConfigError naming file, JSON path and
 * expectation. The shipped file, unchanged since the build validated it, is only parsed.
 */
export function loadRules(file: string = BUILTIN_RULES_PATH): RuleCatalogue {
  const cached = loaded.get(file);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [
      { path: '', expected: messages.expectedReadableFile((error as NodeJS.ErrnoException).code ?? 'unreadable') },
    ]);
  }
  const catalogue = validateRules(text, file);
  loaded.set(file, catalogue);
  return catalogue;
}

/**
 * The shipped catalogue for detection. When rules.json is byte for byte what the build validated,
 * the build's stripped copy is used (no zod, a third of the parsing); otherwise rules.json is
 * validated here and a broken one is refused like any config error.
 */
export function loadDetectionCatalogue(): DetectionCatalogue {
  let compact: (DetectionCatalogue & BuildStamp) | undefined;
  try {
    compact = JSON.parse(readFileSync(DETECTION_CATALOGUE_PATH, 'utf8')) as DetectionCatalogue & BuildStamp;
  } catch {
    compact = undefined; // no build output next to it (running from source): validate below
  }
  if (compact) {
    // Unchanged since the build (same size, and the build's or npm's packing time): no need to
    // read it. Otherwise its content decides. Whole seconds: copies (tar, cp -p) keep no finer.
    const stats = statIfPresent(BUILTIN_RULES_PATH);
    const second = (ms: number) => Math.floor(ms / 1000);
    if (
      stats &&
      stats.size === compact.rulesSize &&
      (second(stats.mtimeMs) === second(compact.rulesMtimeMs) || stats.mtimeMs === NPM_PACKED_MTIME_MS)
    ) {
      return { ...compact, remediationOf: lazyRemediation() };
    }
    let text: string | undefined;
    try {
      text = readFileSync(BUILTIN_RULES_PATH, 'utf8');
    } catch {
      text = undefined; // loadRules below reports it
    }
    if (text !== undefined && compact.rulesHash === contentHash(text)) return { ...compact, remediationOf: lazyRemediation() };
  }
  return loadRules();
}

/** npm packs every file with this modification time (1985-10-26T08:15:00Z). */
const NPM_PACKED_MTIME_MS = 499162500000;

/** What the build records of the rules.json it validated. */
interface BuildStamp {
  rulesHash: string;
  rulesSize: number;
  rulesMtimeMs: number;
}

function statIfPresent(path: string): { size: number; mtimeMs: number } | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The stripped catalogue the build writes next to the bundle. */
export function detectionCatalogueOf(
  catalogue: RuleCatalogue,
  text: string,
): { catalogue: DetectionCatalogue & BuildStamp; remediation: Record<string, BuiltinRuleDef['remediation']> } {
  const stats = statSync(BUILTIN_RULES_PATH);
  return {
    catalogue: {
      rulesHash: contentHash(text),
      rulesSize: stats.size,
      rulesMtimeMs: stats.mtimeMs,
      rules: catalogue.rules.map(({ examples: _examples, remediation: _remediation, ...rule }) => ({
        ...rule,
        keywordOffsets: builtKeywordOffsets(rule),
      })),
      pairs: catalogue.pairs,
    },
    remediation: Object.fromEntries(catalogue.rules.map((rule) => [rule.id, rule.remediation])),
  };
}

/** The build's keyword-offset analysis of a catalogue rule (see RuleDefinition.keywordOffsets). */
function builtKeywordOffsets(rule: Pick<BuiltinRuleDef, 'regex' | 'keywords'>): [string, number[]][] | false {
  if (rule.regex === undefined) return false;
  const offsets = keywordOffsets(rule.regex, rule.keywords);
  return offsets ? [...offsets].map(([keyword, at]) => [keyword, [...at]]) : false;
}

/** Full validation with zod (loaded only here) plus the cross-references zod cannot see. */
export function validateRules(text: string, file: string): RuleCatalogue {
  const { validateRulesText } = require('./validators') as typeof Validators;
  const catalogue = validateRulesText(text, file) as RuleCatalogue;
  catalogue.pairs ??= [];
  checkReferences(catalogue, file);
  return catalogue;
}

function checkReferences(catalogue: RuleCatalogue, file: string): void {
  const problems: { path: string; expected: string }[] = [];
  const seen = new Set<string>();
  catalogue.rules.forEach((rule, index) => {
    if (seen.has(rule.id)) problems.push({ path: `rules[${index}].id`, expected: messages.expectedUniqueRuleId(rule.id) });
    seen.add(rule.id);
  });
  catalogue.pairs.forEach((pair, index) => {
    pair.halves.forEach((half, side) => {
      if (!seen.has(half)) problems.push({ path: `pairs[${index}].halves[${side}]`, expected: messages.expectedPairHalf(half) });
    });
  });
  if (problems.length) throw new ConfigError(file, problems);
}
