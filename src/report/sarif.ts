import { CONFIG_WIDENED_RULE } from '../detect/wideningRule';
import { messages } from '../messages';
import type { MaskedFinding } from './mask';

/** What SARIF needs to know of a rule (taken from rules.json). */
export interface SarifRuleInfo {
  id: string;
  provider: string;
  description: string;
  envVar: string;
  revoke: string;
  investigate?: string;
  docs?: string | undefined;
  dashboard?: string | undefined;
  /** Help lines that replace the secret's (remove, rotate) for a rule that is not about a secret. */
  help?: string[];
}

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: rule metadata with help text, one result per
 * finding with a partial fingerprint (our fingerprint: never the secret), redacted messages only.
 * The driver links to `informationUri` only when the package names a public page; each rule
 * links to its provider's docs (helpUri) either way.
 */
export function renderSarif(
  findings: readonly MaskedFinding[],
  rules: ReadonlyMap<string, SarifRuleInfo>,
  version: string,
  informationUri?: string,
): string {
  const ruleIds = [...new Set(findings.map((finding) => finding.ruleId))];
  const descriptors = ruleIds.map((id) => {
    const rule = rules.get(id);
    const finding = findings.find((f) => f.ruleId === id)!;
    const guide = rule ?? {
      id,
      provider: finding.provider,
      description: finding.description,
      envVar: finding.remediation[0].envVar,
      revoke: finding.remediation[0].revoke,
      investigate: finding.remediation[0].investigate,
      docs: finding.remediation[0].docs,
      dashboard: finding.remediation[0].dashboard,
    };
    const help =
      rule?.help ??
      [
        messages.sarifHelpWhat(guide.description, guide.provider),
        messages.sarifHelpMove(guide.envVar),
        messages.sarifHelpRevoke(guide.revoke),
        guide.investigate ? messages.sarifHelpInvestigate(guide.investigate) : '',
        guide.docs ? messages.sarifHelpDocs(guide.docs) : '',
        guide.dashboard ? messages.sarifHelpDashboard(guide.dashboard) : '',
      ].filter(Boolean);
    return {
      id,
      name: id.replace(/(^|-)([a-z0-9])/g, (_m, _dash, ch: string) => ch.toUpperCase()),
      shortDescription: { text: guide.description },
      fullDescription: { text: messages.sarifFullDescription(guide.description, guide.provider) },
      ...(guide.docs ? { helpUri: guide.docs } : {}),
      help: { text: help.join('\n'), markdown: help.map((line) => `- ${line}`).join('\n') },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'secret', guide.provider], 'security-severity': '9.0', precision: 'high' },
    };
  });
  const results = findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIds.indexOf(finding.ruleId),
    level: 'error',
    // A config widening holds no secret: its description says everything.
    message: {
      text: messages.sarifResult(
        finding.description,
        finding.ruleId === CONFIG_WIDENED_RULE ? undefined : finding.redacted,
        finding.commit?.sha.slice(0, 10),
        finding.tag?.name,
      ),
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(finding.file.replace(/^\.\//, '')) },
          region: { startLine: finding.line, startColumn: finding.column },
        },
      },
    ],
    partialFingerprints: { 'leakgate/v2': finding.fingerprint },
    ...(finding.commit ? { properties: { commit: finding.commit.sha } } : {}),
    ...(finding.tag ? { properties: { tag: finding.tag.name, tagObject: finding.tag.object, target: finding.tag.target } } : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'leakgate',
            version,
            semanticVersion: version,
            ...(informationUri ? { informationUri } : {}),
            rules: descriptors,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
