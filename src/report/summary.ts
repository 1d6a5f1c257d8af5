import { SEVERITIES } from '../detect/severity';
import { CONFIG_WIDENED_RULE } from '../detect/wideningRule';
import type { Scanned, Skipped } from '../io/scanTotals';
import { messages } from '../messages';
import { countBy } from './findingGroups';
import type { MaskedFinding } from './mask';
import { terminalSafe } from './terminalSafe';

/**
 * The line that ends every text report with findings: what was found (secrets and config
 * widenings, secrets by severity and by provider), where (files, commits), what was read and what was not.
 */
export function summaryLine(findings: readonly MaskedFinding[], scanned: Scanned, skipped: readonly Skipped[]): string {
  const secrets = findings.filter((finding) => finding.ruleId !== CONFIG_WIDENED_RULE);
  const byProvider = [...countBy(secrets, (finding) => terminalSafe(finding.provider))]
    .sort((a, b) => b[1] - a[1])
    .map(([provider, count]) => messages.providerCount(provider, count));
  const severities = countBy(secrets, (finding) => finding.severity);
  const bySeverity = SEVERITIES.flatMap((severity) => {
    const count = severities.get(severity);
    return count ? [messages.providerCount(severity, count)] : [];
  });
  const commits = new Set(findings.flatMap((finding) => (finding.commit ? [finding.commit.sha] : []))).size;
  return messages.summaryLine({
    secrets: secrets.length,
    widenings: findings.length - secrets.length,
    bySeverity,
    byProvider,
    files: new Set(findings.map((finding) => finding.file)).size,
    commits,
    scanned,
    skipped: skipped.length,
  });
}
