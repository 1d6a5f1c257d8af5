import { loadRules } from '../config/loadRules';
import type { Finding } from '../detect/types';
import type { Scanned, Skipped } from '../io/scanTotals';
import { messages, plural } from '../messages';
import { packageVersion } from '../packageInfo';
import { renderJson } from '../report/jsonReport';
import { maskFindings } from '../report/mask';
import { renderSarif, type SarifRuleInfo } from '../report/sarif';
import { createStyle, wantsColor } from '../report/style';
import { renderText } from '../report/textReport';
import { wideningRuleInfo } from '../sources/configWidening';
import type { Io } from './io';

export interface Report {
  mode: 'pre-commit' | 'pre-push' | 'scan' | 'commit-msg';
  findings: readonly Finding[];
  skipped: readonly Skipped[];
  scanned: Scanned;
  staged?: { hasHead: boolean; fromWorkTree: boolean };
  push?: { remote: string; tips: ReadonlySet<string>; commitCount: number; tagCount: number };
  commitMsg?: { file: string };
}

export interface Reporter {
  render(report: Report): string;
}

export type ReportFormat = 'text' | 'json' | 'sarif';

/** The reporter for a format, coloured when the stream it goes to is a terminal that wants colour. */
export function reportOf(format: ReportFormat, io: Io, stream: 'stdout' | 'stderr' | 'file'): Reporter {
  if (format === 'json') return { render: (report) => renderJson(maskFindings(report.findings), report.skipped, report.scanned) };
  if (format === 'sarif') return { render: (report) => renderSarif(maskFindings(report.findings), sarifRules(), packageVersion()) };
  const style = createStyle(stream !== 'file' && wantsColor({ isTTY: stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY }, io.env));
  return {
    render: (report) => {
      if (report.mode === 'scan' && report.findings.length === 0) {
        const what = report.scanned.commits !== undefined ? plural(report.scanned.commits, 'commit') : plural(report.scanned.files, 'file');
        return `${messages.clean(what)}\n`;
      }
      return renderText(
        {
          mode: report.mode,
          findings: maskFindings(report.findings),
          ...(report.staged ? { hasHead: report.staged.hasHead, fromWorkTree: report.staged.fromWorkTree } : {}),
          ...(report.push ? { push: report.push } : {}),
          ...(report.commitMsg ? { messageFile: report.commitMsg.file } : {}),
        },
        style,
      );
    },
  };
}

function sarifRules(): Map<string, SarifRuleInfo> {
  const { rules, pairs } = loadRules();
  const infos = new Map<string, SarifRuleInfo>();
  for (const rule of rules) infos.set(rule.id, { id: rule.id, provider: rule.provider, description: rule.description, ...rule.remediation });
  infos.set(wideningRuleInfo.id, wideningRuleInfo);
  for (const pair of pairs) {
    const first = infos.get(pair.halves[0]);
    if (first) infos.set(pair.id, { ...first, id: pair.id, description: pair.description });
  }
  return infos;
}

/** One warning per file a scan did not read: named, never passed in silence. */
export function skippedWarnings(skipped: readonly Skipped[]): string {
  const lines = skipped.map((entry) => messages.notScanned(entry.file, entry.reason));
  return lines.length ? `${lines.join('\n')}\n` : '';
}
