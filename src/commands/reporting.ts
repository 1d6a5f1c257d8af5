import { loadRules } from '../config/loadRules';
import { leakgateCommand, packageHomepage, packageVersion } from '../packageInfo';
import { UsageError } from '../errors';
import { messages } from '../messages';
import { reporterFor, type ReportLayout, type Reporter, type SarifRuleInfo } from '../report/reporter';
import { createStyle, wantsColor } from '../report/style';
import { wideningRuleInfo } from '../sources/configWidening';
import type { Io } from './io';

export { skippedWarnings, summaryOf } from '../report/reporter';

export type ReportFormat = 'text' | 'json' | 'sarif';

/** The reporter for a format, coloured when the stream it goes to is a terminal that wants colour. */
export function reportOf(format: ReportFormat, io: Io, stream: 'stdout' | 'stderr' | 'file'): Reporter {
  const isTTY = stream === 'stdout' ? io.stdoutIsTTY : stream === 'stderr' && io.stderrIsTTY;
  const style = createStyle(wantsColor({ isTTY }, io.env));
  return reporterFor(format, {
    style,
    sarifRules,
    version: packageVersion(),
    informationUri: packageHomepage(),
    leakgate: leakgateCommand(io.cwd, io.env),
  });
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

/**
 * How much a text report prints: `--verbose` and `--max-findings N` on the command line, else
 * LEAKGATE_VERBOSE=1 and LEAKGATE_MAX_FINDINGS=N in the environment (the way to reach a hook,
 * which git starts without options: `LEAKGATE_VERBOSE=1 git push`).
 */
export function layoutOf(options: { verbose?: boolean; maxFindings?: number }, env: NodeJS.ProcessEnv): ReportLayout {
  const verbose = options.verbose === true || env.LEAKGATE_VERBOSE === '1';
  const fromEnv = env.LEAKGATE_MAX_FINDINGS;
  let maxFindings = options.maxFindings;
  if (maxFindings === undefined && fromEnv !== undefined && fromEnv !== '') {
    if (!/^\d+$/.test(fromEnv)) throw new UsageError(messages.maxFindingsEnvChoice(fromEnv));
    maxFindings = Number(fromEnv);
  }
  return { verbose, ...(maxFindings !== undefined ? { maxFindings } : {}) };
}
