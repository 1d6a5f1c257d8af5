import { explainRule } from '../../src/commands/rulesInfo';
import { textReporter } from '../../src/report/reporter';
import { createStyle } from '../../src/report/style';
import type { Finding } from '../../src/detect/types';
import { reportOf, tokenFinding } from '../helpers/reportFindings';

// Issue 16: "Give a docs URL only when you are confident it exists; otherwise name the
// provider's dashboard in words". A rule's remediation gives docs, dashboard, or both.

const plain = textReporter(createStyle(false));
const DASHBOARD = 'GitHub: Settings → Developer settings → Personal access tokens';

function withGuide(finding: Finding, guide: { docs?: string; dashboard?: string }): Finding {
  const { docs: _docs, dashboard: _dashboard, ...rest } = finding.remediation[0]!;
  return { ...finding, remediation: [{ ...rest, ...guide }] } as Finding;
}

const render = (finding: Finding) =>
  plain.render(reportOf({ mode: 'pre-commit', findings: [finding], staged: { hasHead: true, fromWorkTree: false } }));

describe('remediation with a dashboard named in words', () => {
  it('the text report says where to go when there is no docs URL', () => {
    const out = render(withGuide(tokenFinding(), { dashboard: DASHBOARD }));
    expect(out).toContain(`     Where: ${DASHBOARD}`);
    expect(out).not.toContain('Docs:');
  });

  it('the text report gives both when a rule has both, and the URL alone otherwise', () => {
    const both = render(withGuide(tokenFinding(), { dashboard: DASHBOARD, docs: 'https://docs.github.com/en/authentication' }));
    expect(both).toContain(`Where: ${DASHBOARD}`);
    expect(both).toContain('Docs: https://docs.github.com/en/authentication');
    const docsOnly = render(tokenFinding());
    expect(docsOnly).toContain('Docs: https://');
    expect(docsOnly).not.toContain('Where:');
  });

  it('explain shows the dashboard and the docs of a rule that has both, the docs of one without', () => {
    const mailjet = explainRule('mailjet-api-key').stdout;
    expect(mailjet).toContain('Where: Mailjet: Account settings → REST API → API Key Management');
    expect(mailjet).toContain('Docs: https://app.mailjet.com/account/apikeys');
    const github = explainRule('github-pat-classic').stdout;
    expect(github).toContain('Docs: https://docs.github.com/');
    expect(github).not.toContain('Where:');
  });
});
