import { closest } from '../report/didYouMean';
import { loadRules } from '../config/loadRules';
import { UsageError, EXIT } from '../errors';
import { messages } from '../messages';
import { result, type CommandResult } from './io';
import { quoteUserValue } from '../report/userValue';

/** `leakgate rules`: the catalogue, one rule a line, grouped by family. */
export function listRules(): CommandResult {
  const { rules, pairs } = loadRules();
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const lines: string[] = [];
  const families = [...new Set(rules.map((rule) => rule.family))];
  for (const family of families) {
    const inFamily = rules.filter((rule) => rule.family === family);
    lines.push(`${family} (${inFamily.length})`);
    for (const rule of inFamily) lines.push(`  ${rule.id.padEnd(width)}  ${rule.description}`);
  }
  if (pairs.length) {
    lines.push(`pairs (${pairs.length})`);
    for (const pair of pairs) lines.push(`  ${pair.id.padEnd(width)}  ${pair.description} (${pair.halves.join(' + ')})`);
  }
  lines.push('', messages.rulesSummary(rules.length, pairs.length));
  return result(EXIT.clean, `${lines.join('\n')}\n`);
}

/** `leakgate explain <id>`: what the rule finds and what to do when it fires. */
export function explainRule(id: string | undefined): CommandResult {
  if (!id) throw new UsageError(messages.explainNeedsId);
  const { rules, pairs } = loadRules();
  const pair = pairs.find((candidate) => candidate.id === id);
  const rule = rules.find((candidate) => candidate.id === id);
  if (!rule && !pair) {
    const suggestion = closest(id, [...rules.map((candidate) => candidate.id), ...pairs.map((candidate) => candidate.id)]);
    throw new UsageError(messages.noSuchRule(quoteUserValue(id), suggestion));
  }
  // The catalogue's own validation makes each half of a pair the id of a rule.
  const ruleById = (ruleId: string) => rules.find((candidate) => candidate.id === ruleId)!;
  const halves = pair ? ([ruleById(pair.halves[0]), ruleById(pair.halves[1])] as const) : ([rule!] as const);
  const lines: string[] = [];
  lines.push(`${id}: ${pair ? pair.description : rule!.description} (${halves[0].provider})`);
  if (pair) lines.push(messages.explainPair(pair.halves));
  for (const half of halves) {
    const r = half.remediation;
    if (pair) lines.push('', `${half.id}: ${half.description}`);
    if (r.why) lines.push(messages.explainWhy(r.why));
    lines.push(messages.explainEnv(r.envVar));
    lines.push(messages.explainSecretsManager);
    lines.push(messages.explainRevoke(r.revoke));
    if (r.investigate) lines.push(messages.explainInvestigate(r.investigate));
    if (r.dashboard) lines.push(messages.explainDashboard(r.dashboard));
    if (r.docs) lines.push(messages.explainDocs(r.docs));
    if (half.path) lines.push(messages.explainPath(half.path));
    if (half.keywords.length) lines.push(messages.explainKeywords(half.keywords));
  }
  return result(EXIT.clean, `${lines.join('\n')}\n`);
}
