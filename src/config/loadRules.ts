import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { rulesFileSchema, type BuiltinRuleDef, type PairDef } from './ruleSchema';
import { parseAndValidate } from './validate';

/** The rules.json shipped in the package (next to dist/). */
export const BUILTIN_RULES_PATH = join(__dirname, '..', '..', 'rules.json');

/** The validated catalogue. */
export interface RuleCatalogue {
  rules: BuiltinRuleDef[];
  pairs: PairDef[];
}

/** Reads and validates a rules file; a broken one is a ConfigError naming file, JSON path and expectation. */
export function loadRules(file: string = BUILTIN_RULES_PATH): RuleCatalogue {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ path: '', expected: `expected a readable file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` }]);
  }
  const catalogue = parseAndValidate(rulesFileSchema, text, file);
  checkReferences(catalogue, file);
  return catalogue;
}

function checkReferences(catalogue: RuleCatalogue, file: string): void {
  const problems: { path: string; expected: string }[] = [];
  const seen = new Set<string>();
  catalogue.rules.forEach((rule, index) => {
    if (seen.has(rule.id)) problems.push({ path: `rules[${index}].id`, expected: `expected a unique id ("${rule.id}" is used twice)` });
    seen.add(rule.id);
  });
  catalogue.pairs.forEach((pair, index) => {
    pair.halves.forEach((half, side) => {
      if (!seen.has(half)) problems.push({ path: `pairs[${index}].halves[${side}]`, expected: `expected the id of a rule ("${half}" is none)` });
    });
  });
  if (problems.length) throw new ConfigError(file, problems);
}
