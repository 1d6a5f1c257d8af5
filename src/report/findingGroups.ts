import type { MaskedFinding } from './mask';

/** The findings of one rule, under their provider. */
export interface RuleGroup {
  provider: string;
  ruleId: string;
  description: string;
  findings: MaskedFinding[];
}

/**
 * Findings grouped by provider, then by rule, each in the order the scan found them. Providers
 * and rules keep the order of their first finding, so the report still reads top to bottom.
 */
export function groupFindings(findings: readonly MaskedFinding[]): RuleGroup[] {
  const byProvider = new Map<string, Map<string, RuleGroup>>();
  for (const finding of findings) {
    const rules = byProvider.get(finding.provider) ?? new Map<string, RuleGroup>();
    byProvider.set(finding.provider, rules);
    const group = rules.get(finding.ruleId) ?? {
      provider: finding.provider,
      ruleId: finding.ruleId,
      description: finding.description,
      findings: [],
    };
    rules.set(finding.ruleId, group);
    group.findings.push(finding);
  }
  return [...byProvider.values()].flatMap((rules) => [...rules.values()]);
}

/**
 * How many findings of each group a list of at most `limit` lines shows: one at a time, group by
 * group, so every rule gets a line before any gets a second one.
 */
export function shareLines(groups: readonly RuleGroup[], limit: number): number[] {
  const shown = groups.map(() => 0);
  let left = limit;
  let progressed = true;
  while (left > 0 && progressed) {
    progressed = false;
    for (let index = 0; index < groups.length && left > 0; index++) {
      if (shown[index]! < groups[index]!.findings.length) {
        shown[index]!++;
        left--;
        progressed = true;
      }
    }
  }
  return shown;
}

/** Counts per key, in the order keys first appear. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
