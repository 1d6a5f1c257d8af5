import type { MaskedFinding } from './mask';

/** A file the scan did not judge, and why (binary, over maxFileSize, unreadable…). */
export interface Skipped {
  file: string;
  reason: string;
  commit?: string;
}

/** Totals of what was read. */
export interface Scanned {
  files: number;
  bytes: number;
  commits?: number;
}

/** The stable JSON report: fields may be added, never renamed. */
export function renderJson(findings: readonly MaskedFinding[], skipped: readonly Skipped[], scanned: Scanned): string {
  const report = {
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
    })),
    skipped,
    scanned,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
