import type { Finding } from '../detect/types';
import { type FindingTarget, rewriteFile } from './rewriteFile';

/**
 * Whether `leakgate fix` can rewrite every finding, judged on the lines the findings were seen on
 * (a report has no more of the file): what the blocked report offers as step 1.
 */
export function everyFindingFixable(findings: readonly Finding[]): boolean {
  return findings.length > 0 && findings.every(isFixable);
}

function isFixable(finding: Finding): boolean {
  // The root .env is the store itself: a staged one is refused as tracked.
  if (finding.path === '.env' || finding.commit || finding.tag) return false;
  const lines: string[] = [];
  for (const span of finding.spans) lines[span.line - 1] = span.lineText;
  const text = Array.from(lines, (line) => line ?? '').join('\n');
  return rewriteFile(finding.path, text, [targetOf(finding)]).fixed.length === 1;
}

/** What `leakgate fix` rewrites of a finding: each value's place and the variable it reads instead. */
export function targetOf(finding: Finding): FindingTarget {
  return {
    fingerprint: finding.fingerprint,
    spans: finding.spans.map((span, index) => ({
      line: span.line,
      column: span.column,
      secret: span.secret,
      envVar: (finding.remediation[index] ?? finding.remediation[0]!).envVar,
    })),
  };
}
