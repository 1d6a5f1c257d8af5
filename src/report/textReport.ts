import { messages, shellQuote } from '../messages';
import { languageOf } from './envSnippet';
import type { MaskedFinding } from './mask';
import type { Style } from './style';
import { CONFIG_WIDENED_RULE } from '../config/wideningRule';
import { renderWidening } from './wideningText';

/** What a report is about decides the first fix step: unstage, edit a file, or rewrite commits. */
export type ReportMode = 'pre-commit' | 'pre-push' | 'scan';

export interface TextReportInput {
  mode: ReportMode;
  findings: readonly MaskedFinding[];
  /** On a repository's first commit `git restore --staged` has no HEAD to restore from. */
  hasHead?: boolean;
  /** `git commit -a` / `git commit <path>`: git commits from the work tree through its own index. */
  fromWorkTree?: boolean;
  /** For a push: the remote, and the commits at the tips of the pushed refs (amend vs rebase). */
  push?: { remote: string; tips: ReadonlySet<string>; commitCount: number };
}

/** The human report: each finding, then how to fix it, then the ways out. */
export function renderText(input: TextReportInput, style: Style): string {
  const { findings } = input;
  const out: string[] = [];
  const widened = findings.filter((finding) => finding.ruleId === CONFIG_WIDENED_RULE).length;
  const heading = headingOf(input, findings.length - widened, widened);
  out.push(style.red(style.bold(`✖ ${heading}`)), '');
  const guided = new Set<string>();
  for (const finding of findings) {
    out.push(...renderFinding(finding, input, style, guided), '');
  }
  // `ignore --last` cannot accept a config widening (see the finding's own steps).
  if (widened < findings.length) out.push(style.dim(messages.falsePositive));
  if (input.mode === 'pre-commit') out.push(style.dim(messages.emergencyCommit));
  if (input.mode === 'pre-push') out.push(style.dim(messages.emergencyPush));
  return `${out.join('\n')}\n`;
}

function renderFinding(finding: MaskedFinding, input: TextReportInput, style: Style, guided: Set<string>): string[] {
  if (finding.ruleId === CONFIG_WIDENED_RULE) return renderWidening(finding, style, guided);
  const out: string[] = [];
  const location = `${finding.file}:${finding.line}:${finding.column}`;
  out.push(`${style.bold(location)}  ${finding.description} ${style.dim(`[${finding.ruleId}]`)}`);
  if (finding.commit) out.push(`  commit ${finding.commit.sha.slice(0, 10)} "${finding.commit.subject}" by ${finding.commit.author}`);
  const gutter = String(finding.line);
  out.push(`  ${style.dim(`${gutter} │`)} ${finding.redactedLine}`);
  if (finding.parts.length > 1) {
    const width = Math.max(...finding.parts.map((part) => part.label.length));
    for (const part of finding.parts) {
      out.push(`    ${part.label.padEnd(width)}  line ${part.line}, column ${part.column}  ${style.yellow(part.redacted)}`);
    }
  }
  const why = finding.remediation[0].why;
  if (why) out.push(`  ${messages.whyHeading} ${why}`);
  out.push(style.dim(`  fingerprint: ${finding.fingerprint}`));
  out.push('', `  ${style.cyan('How to fix')}`);

  const path = shellQuote(finding.file);
  if (input.mode === 'pre-commit' && input.fromWorkTree) {
    out.push(`  1. ${messages.fromWorkTree(path)}`);
  } else if (input.mode === 'pre-commit') {
    out.push(`  1. ${messages.takeOutOfCommit}`);
    out.push(`       ${style.bold(input.hasHead === false ? `git rm --cached -- ${path}` : `git restore --staged -- ${path}`)}`);
    out.push(`     ${messages.takeOutAfter}`);
  } else if (input.mode === 'pre-push' && finding.commit) {
    const sha = finding.commit.sha.slice(0, 10);
    out.push(`  1. ${messages.rewriteHeading}`);
    if (input.push!.tips.has(finding.commit.sha)) {
      out.push(`       ${messages.amendLast(path)}`);
    } else {
      out.push(`       ${messages.rebaseOlder(sha, path)}`);
    }
    out.push(`     ${messages.squashAlternative(input.push!.remote)}`);
    out.push(`     ${messages.pushAgain}`);
  } else {
    out.push(`  1. ${messages.removeFromFile} ${finding.file}, line ${finding.line}`);
    out.push(`     ${messages.removeFromFileAfter}`);
  }

  const language = languageOf(finding.file);
  const envVars = unique(finding.remediation.map((r) => r.envVar));
  out.push(`  2. ${messages.readFromEnv(language.language)}`);
  if (finding.envRewrite) out.push(`       ${style.green(finding.envRewrite)}`);
  else for (const envVar of envVars) out.push(`       ${style.green(language.read(envVar))}`);
  if (language.note) out.push(`     (${language.note})`);
  out.push(`     ${messages.orSecretsManager}`);

  out.push(`  3. ${messages.revokeHeading(finding.provider)}`);
  const key = finding.remediation.map((r) => r.revoke).join('|');
  if (guided.has(key)) {
    out.push('     (see the steps above for this provider)');
  } else {
    guided.add(key);
    for (const guide of uniqueBy(finding.remediation, (r) => r.revoke)) {
      out.push(...wrap(guide.revoke, 7));
      if (guide.investigate) out.push(`     ${messages.investigateHeading}`, ...wrap(guide.investigate, 7));
      if (guide.docs) out.push(`     ${messages.docsHeading} ${guide.docs}`);
    }
  }
  return out;
}

/** What the run found: secrets, config widenings (the rule leakgate-config-widened), or both. */
function headingOf(input: TextReportInput, secrets: number, widened: number): string {
  if (secrets === 0 && widened > 0) {
    return input.mode === 'pre-push' ? messages.blockedPushWidened(widened, input.push!.commitCount, input.push!.remote) : messages.foundWidenings(widened);
  }
  const heading =
    input.mode === 'pre-commit'
      ? messages.blockedCommit(secrets)
      : input.mode === 'pre-push'
        ? messages.blockedPush(secrets, input.push!.commitCount, input.push!.remote)
        : messages.foundInScan(secrets);
  return widened === 0 ? heading : heading.replace(/\.$/, messages.andWidenings(widened));
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Wraps prose at ~100 columns with a fixed indent. */
function wrap(text: string, indent: number, width = 100): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && pad.length + current.length + 1 + word.length > width) {
      lines.push(pad + current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(pad + current);
  return lines;
}
