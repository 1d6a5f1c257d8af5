import { loadRules } from '../config/loadRules';
import { packageHomepage, packageVersion } from '../packageInfo';
import { reporterFor, type Reporter, type SarifRuleInfo } from '../report/reporter';
import { createStyle, wantsColor } from '../report/style';
import { wideningRuleInfo } from '../sources/configWidening';
import type { Io } from './io';

export { skippedWarnings } from '../report/reporter';

export type ReportFormat = 'text' | 'json' | 'sarif';

/** The reporter for a format, coloured when the stream it goes to is a terminal that wants colour. */
export function reportOf(format: ReportFormat, io: Io, stream: 'stdout' | 'stderr' | 'file'): Reporter {
  const isTTY = stream === 'stdout' ? io.stdoutIsTTY : stream === 'stderr' && io.stderrIsTTY;
  const style = createStyle(wantsColor({ isTTY }, io.env));
  return reporterFor(format, { style, sarifRules, version: packageVersion(), informationUri: packageHomepage() });
}

/** What SARIF says of each rule: the catalogue's, the config-widening rule, and each pair as its first half. */
export function sarifRules(): Map<string, SarifRuleInfo> {
  const { rules, pairs } = loadRules();
  const infos = new Map<string, SarifRuleInfo>();
  for (const rule of rules)
    infos.set(rule.id, { id: rule.id, provider: rule.provider, description: rule.description, ...rule.remediation });
  infos.set(wideningRuleInfo.id, wideningRuleInfo);
  for (const pair of pairs) {
    const first = infos.get(pair.halves[0]);
    if (first) infos.set(pair.id, { ...first, id: pair.id, description: pair.description });
  }
  return infos;
}
