import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { validateRules } from '../config/loadRules';
import { type BuiltinRuleDef, builtinRuleSchema, FAMILIES, type PairDef, type RuleExample } from '../config/ruleSchema';
import { validate } from '../config/validate';
import { compileAllowPolicy, compileRule } from '../detect/compile';
import { Detector } from '../detect/detector';
import { KeywordIndex } from '../detect/keywordIndex';
import type { Finding } from '../detect/types';
import { LeakgateError } from '../errors';
import { messages } from '../messages';
import { redactSecret } from '../report/redact';
import { ruleSourceFileSchema, sourcePairSchema, type SourcePair, type SourceRule, sourceRuleSchema } from './ruleSourceSchema';

/** A source file's outline; its rules are validated one by one (see assembleRules). */
const sourceEnvelopeSchema = z
  .object({ $schema: z.string().optional(), rules: z.array(z.unknown()), pairs: z.array(sourcePairSchema).optional() })
  .strict();
import { expandShape, impliedKeywords, ShapeError } from './shapes';

/** The generated JSON Schema, next to the sources it describes (not a source itself). */
export const SOURCE_SCHEMA_NAME = 'rule-source.schema.json';

/** What the build makes of rules/: the catalogue as rules.json holds it. */
export interface AssembledCatalogue {
  version: 1;
  rules: BuiltinRuleDef[];
  pairs: PairDef[];
}

/** Everything wrong with the sources, each line naming the file and the rule. */
export class RuleSourceError extends LeakgateError {
  constructor(readonly problems: readonly string[]) {
    super([messages.ruleSourcesInvalid(problems.length), ...problems.map((problem) => `  ${problem}`)].join('\n'));
  }
}

/** The source files of a rules directory, in the order their rules take in rules.json within a family. */
export function ruleSourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== SOURCE_SCHEMA_NAME)
    .sort();
}

/**
 * Reads every rules/*.json, expands shapes, pins examples by their secret, validates each rule as
 * rules.json would, and runs its examples. Throws a RuleSourceError listing every problem.
 */
export function assembleRules(dir: string, shownDir = 'rules'): AssembledCatalogue {
  const problems: string[] = [];
  const rules: BuiltinRuleDef[] = [];
  const pairs: PairDef[] = [];
  const sourceOf = new Map<string, string>();
  const sourcePairs: { file: string; pair: SourcePair }[] = [];
  for (const name of ruleSourceFiles(dir)) {
    const file = `${shownDir}/${name}`;
    let source: z.infer<typeof sourceEnvelopeSchema>;
    try {
      const data: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      source = validate(sourceEnvelopeSchema, data, file);
    } catch (error) {
      problems.push(error instanceof SyntaxError ? `${file}: ${messages.expectedJson(error.message)}` : describe(error));
      continue;
    }
    for (const [index, raw] of source.rules.entries()) {
      // Each rule alone, so a problem names the rule (its id when it has one) rather than an index.
      const named = (raw as { id?: unknown } | null)?.id;
      let rule: SourceRule;
      try {
        rule = validate(sourceRuleSchema, raw, typeof named === 'string' ? `${file}: ${named}` : `${file}: rules[${index}]`);
      } catch (error) {
        problems.push(describe(error));
        continue;
      }
      const where = `${file}: ${rule.id}`;
      const previous = sourceOf.get(rule.id);
      if (previous !== undefined) {
        problems.push(`${where}: ${messages.ruleIdTakenIn(previous)}`);
        continue;
      }
      sourceOf.set(rule.id, file);
      try {
        const built = validate(builtinRuleSchema, expandRule(rule), where);
        problems.push(...exampleProblems(built).map((problem) => `${where}: ${problem}`));
        rules.push(built);
      } catch (error) {
        problems.push(describe(error, where));
      }
    }
    for (const pair of source.pairs ?? []) sourcePairs.push({ file, pair });
  }
  const providerOf = new Map(rules.map((rule) => [rule.id, rule.provider]));
  for (const { file, pair } of sourcePairs) {
    const provider = pair.provider ?? providerOf.get(pair.halves[0]);
    if (provider === undefined) {
      problems.push(`${file}: ${pair.id}: ${messages.expectedPairHalf(pair.halves[0])}`);
      continue;
    }
    pairs.push({ id: pair.id, provider, description: pair.description, halves: pair.halves });
  }
  const rank = (rule: BuiltinRuleDef) => FAMILIES.indexOf(rule.family);
  // Array.prototype.sort is stable: file order, then position in the file, within a family.
  rules.sort((a, b) => rank(a) - rank(b));
  const catalogue: AssembledCatalogue = { version: 1, rules, pairs };
  if (problems.length === 0) {
    try {
      validateRules(catalogueText(catalogue), 'rules.json');
    } catch (error) {
      problems.push(describe(error));
    }
  }
  if (problems.length) throw new RuleSourceError(problems);
  return catalogue;
}

/** rules.json's text for a catalogue: two-space JSON, as committed. */
export function catalogueText(catalogue: AssembledCatalogue): string {
  return `${JSON.stringify(catalogue, null, 2)}\n`;
}

/** The JSON Schema of a rule source file, for editors (`"$schema": "./rule-source.schema.json"`). */
export function ruleSourceJsonSchema(): string {
  const schema = z.toJSONSchema(ruleSourceFileSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function describe(error: unknown, where?: string): string {
  if (error instanceof ShapeError) return `${where}: shape: ${error.message}`;
  if (error instanceof Error) return error.message.split('\n').join('\n  ');
  return String(error);
}

/** A source rule as rules.json holds it: the shape expanded, every positive pinned. */
export function expandRule(rule: SourceRule): unknown {
  if (rule.shape !== undefined && rule.regex !== undefined) throw new ShapeError(messages.shapeOrRegex);
  const keywords = rule.keywords ?? (rule.shape ? impliedKeywords(rule.shape) : undefined) ?? [];
  const regex = rule.shape ? expandShape(rule.shape, keywords) : rule.regex;
  const { shape: _shape, keywords: _keywords, regex: _regex, examples, ...rest } = rule;
  return {
    id: rest.id,
    provider: rest.provider,
    family: rest.family,
    description: rest.description,
    ...(regex !== undefined ? { regex } : {}),
    ...(rest.path !== undefined ? { path: rest.path } : {}),
    keywords,
    ...(rest.entropy !== undefined ? { entropy: rest.entropy } : {}),
    ...(rest.stopwords !== undefined ? { stopwords: rest.stopwords } : {}),
    ...(rest.checksum !== undefined ? { checksum: rest.checksum } : {}),
    ...(rest.pairOnly !== undefined ? { pairOnly: rest.pairOnly } : {}),
    remediation: rest.remediation,
    examples: { positive: examples.positive.map(pinBySecret), negative: examples.negative },
  };
}

/** `{text, secret}` → `{text, line, column, redacted}`: the first place the secret occurs. */
export function pinBySecret(example: SourceRule['examples']['positive'][number]): RuleExample {
  if (typeof example === 'string' || !('secret' in example)) return example;
  const offset = example.text.indexOf(example.secret);
  const before = example.text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return {
    ...(example.path !== undefined ? { path: example.path } : {}),
    text: example.text,
    line,
    column,
    redacted: redactSecret(example.secret),
  };
}

const DEFAULT_EXAMPLE_PATH = 'src/example.txt';

function asFile(example: RuleExample): { path: string; text: string } {
  if (typeof example === 'string') return { path: DEFAULT_EXAMPLE_PATH, text: example };
  return { path: example.path ?? DEFAULT_EXAMPLE_PATH, text: example.text };
}

/** Where a finding is, as a pin says it: its first span, and its secret as reports redact it. */
export function pinOfFinding(finding: Finding): { line: number; column: number; redacted: string } {
  const first = finding.spans[0]!;
  return { line: first.line, column: first.column, redacted: finding.spans.map((span) => redactSecret(span.secret)).join(' + ') };
}

const NO_ALLOWLIST = { paths: [], regexes: [], stopwords: [], fingerprints: [] };

/** With no fingerprint allowlisted, a finding's fingerprint decides nothing here: skip scrypt. */
const unhashedFingerprint = (path: string, ruleId: string) => `${path}:${ruleId}:unhashed`;

/**
 * What is wrong with a rule's examples, run against the rule alone: a positive it does not
 * report at its pin, an unpinned positive of a content rule, a negative it reports.
 */
export function exampleProblems(rule: BuiltinRuleDef): string[] {
  const detector = new Detector([compileRule(rule)], [], compileAllowPolicy(NO_ALLOWLIST), undefined, undefined, unhashedFingerprint);
  const findingsOf = (example: RuleExample) => {
    const { path, text } = asFile(example);
    return detector.scanFile({ path, chunks: [{ startLine: 1, text }] }).filter((finding) => finding.ruleId === rule.id);
  };
  const prefilter = new KeywordIndex([{ item: rule.id, keywords: rule.keywords }]);
  const problems: string[] = [];
  rule.examples.positive.forEach((example, index) => {
    const findings = findingsOf(example);
    const pinned = typeof example !== 'string' && 'line' in example;
    if (!pinned) {
      if (rule.regex !== undefined) problems.push(messages.positiveUnpinned(index));
      else if (findings.length === 0) problems.push(messages.positiveNotFound(index));
      return;
    }
    const wanted = { line: example.line, column: example.column, redacted: example.redacted };
    const found = findings.map(pinOfFinding);
    if (!found.some((pin) => pin.line === wanted.line && pin.column === wanted.column && pin.redacted === wanted.redacted)) {
      problems.push(messages.positiveNotAtPin(index, wanted, found));
    }
  });
  rule.examples.negative.forEach((example, index) => {
    if (findingsOf(example).length > 0) problems.push(messages.negativeFound(index));
    // The prefilter would keep such a negative from the regex: it would pass whatever the regex does.
    else if (rule.regex !== undefined && prefilter.candidates(asFile(example).text).length === 0)
      problems.push(messages.negativeWithoutKeyword(index));
  });
  return problems;
}
