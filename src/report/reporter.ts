import type { Finding } from '../detect/types';
import type { Scanned, Skipped } from '../io/scanTotals';
import { messages, plural } from '../messages';
import { renderJson } from './jsonReport';
import { maskFindings } from './mask';
import { everyFindingFixable } from '../fix/fixable';
import { renderSarif, type SarifRuleInfo } from './sarif';
import type { PushFix } from './pushSteps';
import type { Style } from './style';
import { summaryLine } from './summary';
import { renderText, type ReportLayout, type TextReportInput } from './textReport';

export type { ReportLayout, SarifRuleInfo, Scanned, Skipped, Style };

/** Everything a reporter needs to know of a run: a command builds one and never formats output itself. */
export interface Report {
  /** What the run judged: decides the heading and the first fix step (unstage, edit, rewrite). */
  mode: 'pre-commit' | 'pre-push' | 'scan' | 'commit-msg';
  /** Unmasked: every reporter masks (maskFindings) itself, so no caller can forget. */
  findings: readonly Finding[];
  skipped: readonly Skipped[];
  scanned: Scanned;
  /** pre-commit: whether HEAD exists, and whether git pointed the hook at a temporary index (commit -a / commit <path>). */
  staged?: { hasHead: boolean; fromWorkTree: boolean };
  /** pre-push: the remote, the commits at the tips of the pushed refs (amend vs rebase), and what the push sends. */
  push?: { remote: string; tips: ReadonlySet<string>; commitCount: number; tagCount: number; fix?: PushFix };
  /** commit-msg: the message file git passed, where the message is kept for the next try. */
  commitMsg?: { file: string };
  /** The text report only: `--verbose` and `--max-findings` (LEAKGATE_VERBOSE, LEAKGATE_MAX_FINDINGS for hooks). */
  layout?: ReportLayout;
}

/** One output format. */
export interface Reporter {
  /** The whole report, ending in a newline, or '' when a hook has nothing to say. */
  render(report: Report): string;
}

/**
 * The human report. With findings: each one, how to fix it, and the ways out. Without: the
 * one-line all-clear for `scan`, nothing for a hook (hooks are silent when clean).
 */
export function textReporter(style: Style, leakgate = 'leakgate'): Reporter {
  return {
    render(report) {
      if (report.findings.length === 0) return report.mode === 'scan' ? `${messages.clean(scannedWhat(report.scanned))}\n` : '';
      return renderText({ ...textInput(report), leakgate }, style);
    },
  };
}

/** The stable JSON report (fields may be added, never renamed): findings, skipped files, totals. */
export function jsonReporter(): Reporter {
  return { render: (report) => renderJson(maskFindings(report.findings), report.skipped, report.scanned) };
}

/** SARIF 2.1.0 for code scanning; `rules` gives each rule's help text (rules.json), `informationUri` the tool's page if it has one. */
export function sarifReporter(rules: ReadonlyMap<string, SarifRuleInfo>, version: string, informationUri?: string): Reporter {
  return { render: (report) => renderSarif(maskFindings(report.findings), rules, version, informationUri) };
}

/** The reporter for `--format`; the SARIF rule table is built only when SARIF is asked for. */
export function reporterFor(
  format: 'text' | 'json' | 'sarif',
  options: {
    style: Style;
    sarifRules: () => ReadonlyMap<string, SarifRuleInfo>;
    version: string;
    informationUri?: string | undefined;
    leakgate?: string;
  },
): Reporter {
  switch (format) {
    case 'text':
      return textReporter(options.style, options.leakgate);
    case 'json':
      return jsonReporter();
    case 'sarif':
      return sarifReporter(options.sarifRules(), options.version, options.informationUri);
  }
}

/**
 * One warning line per file a scan did not read. Sources read every file they are given (big
 * ones in windows, binary ones by their text) and stop on one they cannot read, so this stays
 * empty; should anything ever be skipped, it is named, never passed in silence.
 */
export function skippedWarnings(skipped: readonly Skipped[]): string {
  return skipped.map((entry) => `${messages.notScanned(entry.file, entry.reason)}\n`).join('');
}

/** What a clean scan read: its commits for a history scan, else its files. */
function scannedWhat(scanned: Scanned): string {
  return scanned.commits !== undefined ? plural(scanned.commits, 'commit') : plural(scanned.files, 'file');
}

function textInput(report: Report): TextReportInput {
  return {
    ...modeInput(report),
    totals: { scanned: report.scanned, skipped: report.skipped },
    ...(report.layout ? { layout: report.layout } : {}),
  };
}

function modeInput(report: Report): TextReportInput {
  const findings = maskFindings(report.findings);
  switch (report.mode) {
    case 'pre-commit':
      return {
        mode: report.mode,
        findings,
        ...(report.staged ? { hasHead: report.staged.hasHead, fromWorkTree: report.staged.fromWorkTree } : {}),
        ...(everyFindingFixable(report.findings) ? { fixable: true } : {}),
      };
    case 'pre-push':
      // The heading names the remote and the fix steps tell amend from rebase: without the push
      // there is no report to write.
      if (!report.push) throw new Error(messages.pushReportWithoutPush);
      return { mode: report.mode, findings, push: report.push };
    case 'commit-msg':
      return { mode: report.mode, findings, ...(report.commitMsg ? { messageFile: report.commitMsg.file } : {}) };
    case 'scan':
      return { mode: report.mode, findings };
  }
}

/**
 * The summary line alone, for the terminal when the report itself went to a file (`--output`):
 * the all-clear when nothing was found.
 */
export function summaryOf(report: Report): string {
  if (report.findings.length === 0) return `${messages.clean(scannedWhat(report.scanned))}\n`;
  return `${summaryLine(maskFindings(report.findings), report.scanned, report.skipped)}\n`;
}
