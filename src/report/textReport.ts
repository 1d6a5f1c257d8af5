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
import type { Scanned, Skipped } from '../io/scanTotals';
import { groupFindings, shareLines, type RuleGroup } from './findingGroups';
import { summaryLine } from './summary';
import { fixOfferLines } from './fixOffer';

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
  /** How much to print: past the limit, one line per finding (the compact list). */
  layout?: ReportLayout;
  /** What the run read and did not read, for the summary line that ends the report. */
  totals?: { scanned: Scanned; skipped: readonly Skipped[] };
  /** pre-commit: `leakgate fix` can rewrite every finding, so it is step 1. */
  fixable?: boolean;
}

/** `--verbose` (every finding with its fix steps) and `--max-findings N` (0: no limit). */
export interface ReportLayout {
  verbose?: boolean;
  maxFindings?: number;
}

/** Up to this many findings, each is printed with its fix steps; past it, the report is compact. */
export const DETAIL_LIMIT = 10;
/** How many findings a compact report lists by default, so a big blocked push fits a screen or two. */
export const DEFAULT_MAX_FINDINGS = 40;

/**
 * The human report: findings grouped by provider and rule. A few are printed each with its fix
 * steps, the provider's revoke and rotate guide once per provider; many become a compact list, one
 * line per finding. Then the ways out, and a summary line.
 */
export function renderText(input: TextReportInput, style: Style): string {
  const { findings } = input;
  const out: string[] = [];
  const widened = findings.filter((finding) => finding.ruleId === CONFIG_WIDENED_RULE).length;
  const heading = headingOf(input, findings.length - widened, widened);
  out.push(style.red(style.bold(`✖ ${heading}`)), '');
  const groups = groupFindings(findings);
  const max = input.layout?.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const limit = max === 0 ? Number.POSITIVE_INFINITY : max;
  const detailed = input.layout?.verbose === true || findings.length <= Math.min(DETAIL_LIMIT, limit);
  // Not spread into push: a verbose report of a huge scan has more lines than a call takes arguments.
  for (const line of detailed ? renderDetailed(groups, input, style) : renderCompact(groups, input, style, limit)) out.push(line);
  // `ignore --last` cannot accept a config widening (see the finding's own steps).
  if (widened < findings.length) out.push(style.dim(messages.falsePositive(input.leakgate ?? 'leakgate')));
  if (input.mode === 'pre-commit' || input.mode === 'commit-msg') out.push(style.dim(messages.emergencyCommit));
  if (input.mode === 'pre-push') out.push(style.dim(messages.emergencyPush));
  if (input.totals) out.push(style.bold(summaryLine(findings, input.totals.scanned, input.totals.skipped)));
  return `${out.join('\n')}\n`;
}

/** Each finding with its fix steps, under a heading per rule when there is more than one finding. */
function renderDetailed(groups: readonly RuleGroup[], input: TextReportInput, style: Style): string[] {
  const out: string[] = [];
  const guided = new Set<string>();
  const headed = groups.length > 1 || (groups[0]?.findings.length ?? 0) > 1;
  for (const group of groups) {
    if (headed) out.push(style.cyan(groupHeading(group, messages.groupHeading)), '');
    for (const finding of group.findings) out.push(...renderFinding(finding, input, style, guided), '');
  }
  return out;
}

/**
 * One line per finding under its rule's heading, at most `limit` in all (shared so every rule
 * shows some), config widenings in full (their way out is specific to them), one revoke pointer
 * per provider, and how to see everything.
 */
function renderCompact(groups: readonly RuleGroup[], input: TextReportInput, style: Style, limit: number): string[] {
  const out: string[] = [];
  const guided = new Set<string>();
  const secretGroups = groups.filter((group) => group.ruleId !== CONFIG_WIDENED_RULE);
  for (const group of groups) {
    if (group.ruleId !== CONFIG_WIDENED_RULE) continue;
    for (const finding of group.findings) out.push(...renderWidening(inert(finding), style, guided), '');
  }
  const shares = shareLines(secretGroups, limit);
  secretGroups.forEach((group, index) => {
    const shown = shares[index] ?? 0;
    out.push(style.cyan(groupHeading(group, (p, d, r, n) => messages.compactGroupHeading(p, d, r, n, shown))));
    for (const finding of group.findings.slice(0, shown)) out.push(`  ${compactLine(inert(finding), style)}`);
    if (shown < group.findings.length) out.push(style.dim(`  ${messages.compactMore(group.findings.length - shown)}`));
  });
  if (secretGroups.length === 0) return out;
  out.push('', `${style.cyan(messages.compactFixHeading)} ${compactFix(input)}`);
  const rulesByProvider = new Map<string, string[]>();
  for (const group of secretGroups) rulesByProvider.set(group.provider, [...(rulesByProvider.get(group.provider) ?? []), group.ruleId]);
  for (const [provider, ruleIds] of rulesByProvider) out.push(messages.compactRevoke(terminalSafe(provider), ruleIds.map(terminalSafe)));
  const total = secretGroups.reduce((sum, group) => sum + group.findings.length, 0);
  const listed = shares.reduce((sum, shown) => sum + shown, 0);
  const hook = input.mode === 'scan' ? undefined : input.mode;
  out.push(style.dim(messages.compactShown(listed, total, hook)), '');
  return out;
}

/** The fix in one sentence, for every finding of the list (--verbose gives each its own steps). */
function compactFix(input: TextReportInput): string {
  if (input.mode !== 'pre-commit') return messages.compactFix[input.mode];
  return messages.compactFix['pre-commit'](input.fromWorkTree ? undefined : messages.unstageCommand('<path>', input.hasHead !== false));
}

/** path:line:col  [rule]  redacted  commit (or tag): everything a finding is, on one line. */
function compactLine(finding: MaskedFinding, style: Style): string {
  const where = finding.tag
    ? `  ${messages.compactTag(finding.tag.name)}`
    : finding.commit
      ? `  ${messages.compactCommit(finding.commit.sha.slice(0, 10))}`
      : '';
  return `${style.bold(`${finding.file}:${finding.line}:${finding.column}`)}  ${style.dim(`[${finding.ruleId}]`)}  ${style.yellow(finding.redacted)}${where}`;
}

function groupHeading(
  group: RuleGroup,
  sentence: (provider: string, description: string, ruleId: string, count: number) => string,
): string {
  return sentence(terminalSafe(group.provider), terminalSafe(group.description), terminalSafe(group.ruleId), group.findings.length);
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
  } else if (input.mode === 'pre-commit' && input.fixable) {
    out.push(...fixOfferLines(messages.unstageCommand(path, input.hasHead !== false), style, input.leakgate));
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
  // Once per provider: a pair's two halves, and every other finding of the provider, share it.
  const key = `provider:${finding.provider}`;
  if (guided.has(key)) {
    out.push(`     ${messages.sameProviderAbove}`);
  } else {
    guided.add(key);
    out.push(...providerGuide(finding.remediation));
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
    ...(r.docs !== undefined ? { docs: safe(r.docs) } : {}),
    ...(r.dashboard !== undefined ? { dashboard: safe(r.dashboard) } : {}),
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

/**
 * The provider's revoke and rotate steps, whether it was used, and its docs, each once: the
 * halves of a pair (an AWS key id and its secret) are one credential to revoke.
 */
function providerGuide(remediation: readonly Remediation[]): string[] {
  const [first] = remediation;
  if (!first) return [];
  const out = wrap(first.revoke, 7);
  const investigate = remediation.find((guide) => guide.investigate)?.investigate;
  if (investigate) out.push(`     ${messages.investigateHeading}`, ...wrap(investigate, 7));
  for (const dashboard of unique(remediation.map((guide) => guide.dashboard).filter(Boolean))) {
    out.push(`     ${messages.dashboardHeading} ${dashboard}`);
  }
  for (const docs of unique(remediation.map((guide) => guide.docs).filter(Boolean))) out.push(`     ${messages.docsHeading} ${docs}`);
  return out;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
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
