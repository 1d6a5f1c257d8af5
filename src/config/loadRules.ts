import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { messages } from '../messages';
import { PACKAGE_ROOT } from '../packageInfo';
import type { BuiltinRuleDef, PairDef } from './ruleSchema';
import { contentHash } from './validationStamp';
import type * as Validators from './validators';
import { keywordOffsets } from '../detect/keywordOffsets';
import { catalogueFiles, type DetectionRule, readCatalogueFile, type RuleDefinitionOnDemand } from './catalogueFile';

/** The rules.json shipped in the package. */
export const BUILTIN_RULES_PATH = join(PACKAGE_ROOT, 'rules.json');

/**
 * Written by the build after validating rules.json: the rules without their examples, and the
 * hash of the text that was validated. Hooks read this instead of parsing the whole catalogue.
 */
export const DETECTION_CATALOGUE_PATH = join(PACKAGE_ROOT, 'dist', 'catalogue.json');

/** What the detector needs of the catalogue: no examples; remediation possibly read on demand. */
export interface DetectionCatalogue {
  rules: (DetectionRule | RuleDefinitionOnDemand)[];
  pairs: PairDef[];
  /** Remediation of a rule whose definition above does not carry it. */
  remediationOf?: (id: string) => BuiltinRuleDef['remediation'] | undefined;
}

/**
 * The remediation texts, kept apart from the detection catalogue: only a blocked run reads them.
 * One JSON line per rule, `["<id>",{…}]`, at a position the catalogue records: a blocked run
 * reads the lines of the rules it reports, not the texts of the whole catalogue.
 */
export const REMEDIATION_PATH = join(PACKAGE_ROOT, 'dist', 'remediation.jsonl');

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
  // Undefined without build output next to it (running from source): validated below.
  const compact = readCatalogueFile(DETECTION_CATALOGUE_PATH, REMEDIATION_PATH);
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
      return compact;
    }
    let text: string | undefined;
    try {
      text = readFileSync(BUILTIN_RULES_PATH, 'utf8');
    } catch {
      text = undefined; // loadRules below reports it
    }
    if (text !== undefined && compact.rulesHash === contentHash(text)) return compact;
  }
  return loadRules();
}

/** npm packs every file with this modification time (1985-10-26T08:15:00Z). */
const NPM_PACKED_MTIME_MS = 499162500000;

function statIfPresent(path: string): { size: number; mtimeMs: number } | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The detection catalogue and remediation files the build writes next to the bundle (see catalogueFile.ts). */
export function detectionCatalogueFiles(catalogue: RuleCatalogue, text: string): { catalogue: string; remediation: string } {
  const stats = statSync(BUILTIN_RULES_PATH);
  return catalogueFiles(
    catalogue.rules.map(({ examples: _examples, ...rule }) => ({ ...rule, keywordOffsets: builtKeywordOffsets(rule) })),
    catalogue.pairs,
    { rulesHash: contentHash(text), rulesSize: stats.size, rulesMtimeMs: stats.mtimeMs },
  );
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
