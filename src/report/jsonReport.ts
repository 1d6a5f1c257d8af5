import type { Scanned, Skipped } from '../io/scanTotals';
import { messages } from '../messages';
import type { MaskedFinding } from './mask';

export type { Scanned, Skipped };

/** The stable JSON report: fields may be added, never renamed. */
export function renderJson(findings: readonly MaskedFinding[], skipped: readonly Skipped[], scanned: Scanned): string {
  return `${JSON.stringify(jsonReportOf(findings, skipped, scanned), null, 2)}\n`;
}

/** The JSON report as a value: what `leakgate scan --format json` prints, and what the library API returns. */
export function jsonReportOf(findings: readonly MaskedFinding[], skipped: readonly Skipped[], scanned: Scanned) {
  return {
    findings: findings.map((finding) => ({
      rule: finding.ruleId,
      provider: finding.provider,
      description: finding.description,
      file: finding.file,
      line: finding.line,
      column: finding.column,
      ...(finding.commit ? { commit: finding.commit.sha } : {}),
      ...(finding.tag ? { tag: { name: finding.tag.name, object: finding.tag.object, target: finding.tag.target } } : {}),
      fingerprint: finding.fingerprint,
      redacted: finding.redacted,
      ...(finding.parts.length > 1 ? { parts: finding.parts } : {}),
      // Added after the first release: new fields go last.
      severity: finding.severity,
    })),
    // The reason as a sentence: the JSON report's `reason` has always been text.
    skipped: skipped.map((entry) => ({
      file: entry.file,
      reason: messages.skipReason(entry.reason),
      ...(entry.commit ? { commit: entry.commit } : {}),
    })),
    scanned,
  };
}
