import { type Severity, severityOf } from '../detect/severity';
import type { CommitRef, Finding, Remediation, TagRef } from '../detect/types';
import { messages } from '../messages';
import { languageOf, rewriteLine } from './envSnippet';
import { holdsCredentialShape } from './credentialShapes';
import { redactLine, redactSecret } from './redact';

/** One located half of a finding, secret masked. */
export interface MaskedPart {
  label: string;
  line: number;
  column: number;
  redacted: string;
}

/**
 * A finding as reporters see it: everything but the secret. Reporters only ever get this type,
 * so no report can print a secret by mistake.
 */
export interface MaskedFinding {
  ruleId: string;
  provider: string;
  /** How bad a leak of this credential is (detect/severity.ts). */
  severity: Severity;
  description: string;
  file: string;
  line: number;
  column: number;
  commit?: CommitRef;
  tag?: TagRef;
  fingerprint: string;
  redacted: string;
  redactedLine: string;
  parts: MaskedPart[];
  /** One per part (a pair has two); never empty, so a reporter reads the first without a check. */
  remediation: [Remediation, ...Remediation[]];
  /** The line rewritten to read the secret from the environment, when that is valid code. */
  envRewrite?: string;
}

/** Masks findings for reporting. */
export function maskFindings(findings: readonly Finding[]): MaskedFinding[] {
  const secretsByFile = new Map<string, string[]>();
  for (const finding of findings) {
    const list = secretsByFile.get(finding.path) ?? [];
    list.push(...finding.spans.map((span) => span.secret));
    secretsByFile.set(finding.path, list);
  }
  // A subject line shown beside a finding may hold a secret found in that commit's message. (A
  // rule that judges by path alone records the path as its "secret": not one to hide.)
  const allSecrets = [
    ...new Set(findings.flatMap((finding) => finding.spans.map((span) => span.secret).filter((secret) => secret !== finding.path))),
  ];
  return findings.map((finding) => {
    const secrets = secretsByFile.get(finding.path)!;
    const [first] = finding.spans;
    const [guide, ...moreGuides] = finding.remediation;
    // The detector makes neither (detector.ts); checked once here, so reporters need not.
    if (first === undefined || guide === undefined) throw new Error(messages.findingWithoutSpan(finding.fingerprint));
    // remediation[i] belongs to spans[i] (a pair's two halves each have their own).
    const sameLine = finding.spans.flatMap((span, index) =>
      span.line === first.line ? [{ column: span.column, secret: span.secret, envVar: (finding.remediation[index] ?? guide).envVar }] : [],
    );
    const rewrite = rewriteLine(first.lineText, sameLine, languageOf(finding.path));
    // A rewritten minified line would be as long as the file: show the bare expression instead.
    // The rewrite is printed unmasked, so a line that still holds another credential is not shown.
    const safeRewrite =
      rewrite !== undefined &&
      rewrite.length <= 200 &&
      !secrets.some((secret) => rewrite.includes(secret)) &&
      !holdsCredentialShape(rewrite)
        ? rewrite
        : undefined;
    return {
      ruleId: finding.ruleId,
      provider: finding.provider,
      severity: severityOf(finding.family),
      description: finding.description,
      file: finding.displayPath ?? finding.path,
      line: first.line,
      column: first.column,
      ...(finding.commit ? { commit: { ...finding.commit, subject: maskIn(finding.commit.subject, allSecrets) } } : {}),
      ...(finding.tag ? { tag: { ...finding.tag, subject: maskIn(finding.tag.subject, allSecrets) } } : {}),
      fingerprint: finding.fingerprint,
      redacted: finding.spans.map((span) => redactSecret(span.secret)).join(' + '),
      redactedLine: redactLine(first.lineText, first.column, first.secret, secrets),
      parts: finding.spans.map((span) => ({
        label: span.label,
        line: span.line,
        column: span.column,
        redacted: redactSecret(span.secret),
      })),
      remediation: [guide, ...moreGuides],
      ...(safeRewrite !== undefined ? { envRewrite: safeRewrite } : {}),
    };
  });
}

/** `text` with each of `secrets` in it redacted as reports redact a secret. */
export function maskIn(text: string, secrets: readonly string[]): string {
  let masked = text;
  // A finding that holds no secret (a config widening) has an empty one: nothing to hide, and
  // splitting on '' would cut the text into letters.
  for (const secret of secrets) if (secret.length >= 4 && masked.includes(secret)) masked = masked.split(secret).join(redactSecret(secret));
  return masked;
}
