import { messages, shellQuote } from '../messages';
import { isMessagePath } from '../detect/messageFragments';
import { languageOf } from './envSnippet';
import { purgeSteps, pushFixSteps, switchToCarrier, type PushFix } from './pushSteps';
import type { Remediation } from '../detect/types';
import type { MaskedFinding } from './mask';
import type { Style } from './style';
import { shellQuoteSafe, terminalSafe } from './terminalSafe';
import { CONFIG_WIDENED_RULE } from '../detect/wideningRule';
import { renderWidening } from './wideningText';

/** What a report is about decides the first fix step: unstage, edit a file, or rewrite commits. */
export type ReportMode = 'pre-commit' | 'pre-push' | 'scan' | 'commit-msg';

export interface TextReportInput {
  mode: ReportMode;
  findings: readonly MaskedFinding[];
  /** How the user runs leakgate here (`npx leakgate` for a local install), for the commands the report suggests. */
  leakgate?: string;
  /** On a repository's first commit `git restore --staged` has no HEAD to restore from. */
  hasHead?: boolean;
  /** `git commit -a` / `git commit <path>`: git commits from the work tree through its own index. */
  fromWorkTree?: boolean;
  /** For a push: the remote, and the commits at the tips of the pushed refs (amend vs rebase). */
  push?: { remote: string; tips: ReadonlySet<string>; commitCount: number; tagCount?: number; fix?: PushFix };
  /** For the commit-msg hook: the message file git passed (it keeps the message there). */
  messageFile?: string;
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
  if (widened < findings.length) out.push(style.dim(messages.falsePositive(input.leakgate ?? 'leakgate')));
  if (input.mode === 'pre-commit' || input.mode === 'commit-msg') out.push(style.dim(messages.emergencyCommit));
  if (input.mode === 'pre-push') out.push(style.dim(messages.emergencyPush));
  return `${out.join('\n')}\n`;
}

function renderFinding(raw: MaskedFinding, input: TextReportInput, style: Style, guided: Set<string>): string[] {
  const finding = inert(raw);
  if (finding.ruleId === CONFIG_WIDENED_RULE) return renderWidening(finding, style, guided);
  const out: string[] = [];
  const location = `${finding.file}:${finding.line}:${finding.column}`;
  out.push(`${style.bold(location)}  ${finding.description} ${style.dim(`[${finding.ruleId}]`)}`);
  if (finding.commit) out.push(`  ${messages.commitLine(finding.commit.sha.slice(0, 10), finding.commit.subject, finding.commit.author)}`);
  if (finding.tag)
    out.push(`  ${messages.tagLine(finding.tag.name, finding.tag.object.slice(0, 10), finding.tag.subject, finding.tag.tagger)}`);
  const gutter = String(finding.line);
  out.push(`  ${style.dim(`${gutter} │`)} ${finding.redactedLine}`);
  if (finding.parts.length > 1) {
    const width = Math.max(...finding.parts.map((part) => part.label.length));
    for (const part of finding.parts) {
      out.push(`    ${part.label.padEnd(width)}  ${messages.partAt(part.line, part.column)}  ${style.yellow(part.redacted)}`);
    }
  }
  const why = finding.remediation[0].why;
  if (why) out.push(`  ${messages.whyHeading} ${why}`);
  out.push(style.dim(`  ${messages.fingerprintLine(finding.fingerprint)}`));
  out.push('', `  ${style.cyan(messages.howToFixHeading)}`);

  const path = shellQuoteSafe(raw.file, shellQuote);
  const inMessage = isMessagePath(raw.file);
  // Computed for the ref that sends the commit; absent for a tag-only push (the generic steps below).
  const pushSteps = input.mode === 'pre-push' && !inMessage && input.push?.fix ? pushFixSteps(raw, input.push.fix) : undefined;
  if (input.mode === 'commit-msg') {
    const file = shellQuoteSafe(input.messageFile ?? '.git/COMMIT_EDITMSG', shellQuote);
    out.push(`  1. ${messages.messageKept(file)}`);
    out.push(`       ${style.bold(messages.commitAgainWith(file))}`);
  } else if (inMessage) {
    out.push(...messageFixSteps(finding, input));
  } else if (input.mode === 'pre-commit' && input.fromWorkTree) {
    out.push(`  1. ${messages.fromWorkTree(path)}`);
  } else if (input.mode === 'pre-commit') {
    out.push(`  1. ${messages.takeOutOfCommit}`);
    out.push(`       ${style.bold(messages.unstageCommand(path, input.hasHead !== false))}`);
    out.push(`     ${messages.takeOutAfter}`);
  } else if (pushSteps) {
    out.push(...pushSteps);
  } else if (input.mode === 'pre-push' && finding.commit) {
    const sha = finding.commit.sha.slice(0, 10);
    out.push(`  1. ${messages.rewriteHeading}`);
    if (input.push!.tips.has(finding.commit.sha)) {
      out.push(`       ${messages.amendLast(path)}`);
    } else {
      out.push(`       ${messages.rebaseOlder(sha, path)}`);
    }
    out.push(`     ${messages.squashAlternative(terminalSafe(input.push!.remote))}`);
    out.push(`     ${messages.pushAgain}`);
  } else {
    out.push(`  1. ${messages.removeFromFile(finding.file, finding.line)}`);
    out.push(`     ${messages.removeFromFileAfter(input.leakgate ?? 'leakgate')}`);
    if (finding.commit) out.push(...purgeSteps(raw));
  }

  // A message is no code: there is nothing to read from the environment instead.
  if (!inMessage) {
    const language = languageOf(raw.file);
    const envVars = unique(finding.remediation.map((r) => r.envVar));
    out.push(`  2. ${messages.readFromEnv(language.language)}`);
    if (finding.envRewrite) out.push(`       ${style.green(finding.envRewrite)}`);
    else for (const envVar of envVars) out.push(`       ${style.green(language.read(envVar))}`);
    if (language.note) out.push(`     (${language.note})`);
    out.push(`     ${messages.orSecretsManager}`);
  }

  out.push(`  ${inMessage ? 2 : 3}. ${messages.revokeHeading(finding.provider)}`);
  const key = finding.remediation.map((r) => r.revoke).join('|');
  if (guided.has(key)) {
    out.push(`     ${messages.sameProviderAbove}`);
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

/**
 * The finding with every string that comes from a file, a file name, a commit or user config
 * escaped for the terminal (the only place they are: everything else in the report is ours).
 */
function inert(finding: MaskedFinding): MaskedFinding {
  const safe = terminalSafe;
  const inertGuide = (r: Remediation): Remediation => ({
    envVar: safe(r.envVar),
    revoke: safe(r.revoke),
    docs: safe(r.docs),
    ...(r.why !== undefined ? { why: safe(r.why) } : {}),
    ...(r.investigate !== undefined ? { investigate: safe(r.investigate) } : {}),
  });
  const [guide, ...moreGuides] = finding.remediation;
  return {
    ...finding,
    ruleId: safe(finding.ruleId),
    provider: safe(finding.provider),
    description: safe(finding.description),
    file: safe(finding.file),
    ...(finding.commit
      ? { commit: { sha: safe(finding.commit.sha), subject: safe(finding.commit.subject), author: safe(finding.commit.author) } }
      : {}),
    ...(finding.tag
      ? {
          tag: {
            name: safe(finding.tag.name),
            object: safe(finding.tag.object),
            target: safe(finding.tag.target),
            subject: safe(finding.tag.subject),
            tagger: safe(finding.tag.tagger),
          },
        }
      : {}),
    fingerprint: safe(finding.fingerprint),
    redacted: safe(finding.redacted),
    redactedLine: safe(finding.redactedLine),
    parts: finding.parts.map((part) => ({ ...part, label: safe(part.label), redacted: safe(part.redacted) })),
    remediation: [inertGuide(guide), ...moreGuides.map(inertGuide)],
    ...(finding.envRewrite !== undefined ? { envRewrite: safe(finding.envRewrite) } : {}),
  };
}

/** Step 1 for a secret in a commit or tag message: reword the commit, or recreate the tag. */
function messageFixSteps(finding: MaskedFinding, input: TextReportInput): string[] {
  if (finding.tag) {
    const { name, target } = finding.tag;
    return [
      `  1. ${messages.tagMessageHeading(name)}`,
      `       ${messages.recreateTag(shellQuote(name), target.slice(0, 10))}`,
      `     ${input.mode === 'pre-push' ? messages.pushTagAgain : messages.rewrittenHistory}`,
    ];
  }
  // A message not yet committed (the commit-msg hook): nothing to rewrite yet.
  if (!finding.commit) return [`  1. ${messages.removeFromMessage}`];
  const sha = finding.commit.sha.slice(0, 10);
  if (input.mode === 'pre-push') {
    const last = input.push!.tips.has(finding.commit.sha);
    return [
      `  1. ${messages.rewriteHeading}`,
      ...(input.push?.fix ? switchToCarrier(finding.commit.sha, input.push.fix) : []),
      `       ${last ? messages.rewordLast : messages.rewordOlder(sha)}`,
      `     ${messages.pushAgain}`,
    ];
  }
  return [`  1. ${messages.rewordInHistory}`, `       ${messages.rewordOlder(sha)}`, `     ${messages.rewrittenHistory}`];
}

/** What the run found: secrets, config widenings (the rule leakgate-config-widened), or both. */
function headingOf(input: TextReportInput, secrets: number, widened: number): string {
  if (secrets === 0 && widened > 0) {
    return input.mode === 'pre-push'
      ? messages.blockedPushWidened(widened, input.push!.commitCount, terminalSafe(input.push!.remote))
      : messages.foundWidenings(widened);
  }
  const heading =
    input.mode === 'pre-commit'
      ? messages.blockedCommit(secrets)
      : input.mode === 'pre-push'
        ? messages.blockedPush(secrets, input.push!.commitCount, terminalSafe(input.push!.remote), input.push!.tagCount)
        : input.mode === 'commit-msg'
          ? messages.blockedMessage(secrets)
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
