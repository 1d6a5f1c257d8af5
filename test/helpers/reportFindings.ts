import { sarifRules } from '../../src/commands/reporting';
import { messageFile, tagMessagePath } from '../../src/detect/messageFragments';
import type { CommitRef, Finding, TagRef } from '../../src/detect/types';
import type { Report } from '../../src/report/reporter';
import { looseView, wideningFinding, wideningsBetween } from '../../src/sources/configWidening';
import { catalogueDetector, scanText } from './detector';
import { fakeGithubToken, fakeHex, fakeMailjetPair } from './fakeSecrets';

// Findings for the reporter tests, made by the shipped detector from text holding fake
// credentials built at run time, so each report is checked against what a real run produces.

const detector = catalogueDetector();

/** The commit at the tip of the push in these tests, and an older one below it. */
export const TIP: CommitRef = { sha: fakeHex('report-tip', 40), subject: 'add the client', author: 'Ada <ada@example.invalid>' };
export const OLDER: CommitRef = { sha: fakeHex('report-older', 40), subject: 'add mail', author: 'Bo <bo@example.invalid>' };

/** Every raw secret a finding made here holds: none may appear in any report. */
export const RAW_SECRETS: string[] = [];

function only(findings: Finding[], what: string): Finding {
  const [finding, ...more] = findings;
  if (finding === undefined || more.length > 0) throw new Error(`${what}: expected one finding, got ${findings.length}`);
  for (const span of finding.spans) RAW_SECRETS.push(span.secret);
  return finding;
}

/** A GitHub token in JavaScript, line 2 column 16: `const token = '<token>';`. */
export function tokenFinding(commit?: CommitRef): Finding {
  const token = fakeGithubToken('report-js');
  const finding = only(scanText(detector, `const x = 1;\nconst token = '${token}';\n`, 'src/app.js'), 'token');
  return commit ? { ...finding, commit } : finding;
}

/** A Mailjet key pair on one Python line: the key at column 31, the secret key at column 67. */
export function pairFinding(commit?: CommitRef): Finding {
  const { apiKey, secretKey } = fakeMailjetPair('report-py');
  const finding = only(scanText(detector, `import os\nmailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}')\n`, 'app/mail.py'), 'pair');
  return commit ? { ...finding, commit } : finding;
}

/** A GitHub token on line 3, column 7, of a commit's message (no commit: the commit-msg hook's, not committed yet). */
export function commitMessageFinding(commit?: CommitRef): Finding {
  return only(
    detector.scanFile(messageFile(`fix the client\n\ntoken ${fakeGithubToken('report-msg')}\n`, commit ? { commit } : {})),
    'commit message',
  );
}

export const TAG: TagRef = {
  name: 'v1.0',
  object: fakeHex('report-tag-object', 40),
  target: TIP.sha,
  subject: 'release 1.0',
  tagger: 'Cy <cy@example.invalid>',
};

/** A GitHub token alone on line 3 of an annotated tag's message (the source attaches the tag, as here). */
export function tagMessageFinding(tag: TagRef = TAG): Finding {
  const text = `release 1.0\n\n${fakeGithubToken('report-tag')}\n`;
  return { ...only(detector.scanFile(messageFile(text, { path: tagMessagePath(tag.name) })), 'tag message'), tag };
}

/** A commit that allowlists every path in .leakgate.json (line 3 of the file). */
export function wideningOf(commit: CommitRef): Finding {
  const before = looseView({}, new Set());
  const after = looseView({ '.leakgate.json': '{\n  "allowlist": {\n    "paths": ["**"]\n  }\n}\n' }, new Set());
  const [widening] = wideningsBetween(after, [before]);
  if (!widening) throw new Error('expected a widening');
  const finding = wideningFinding(commit.sha, widening, after);
  return { ...finding, commit };
}

/** A report with nothing skipped; `over` sets the rest. */
export function reportOf(over: Partial<Report> & Pick<Report, 'mode' | 'findings'>): Report {
  return { skipped: [], scanned: { files: 3, bytes: 100 }, ...over };
}

/** Fails when `output` holds any raw secret, or the last 8 characters of one (a cut or shifted mask). */
export function expectNoSecret(output: string): void {
  expect(RAW_SECRETS.length).toBeGreaterThan(0);
  for (const secret of RAW_SECRETS) {
    if (secret.length < 8) continue;
    expect(output).not.toContain(secret);
    expect(output).not.toContain(secret.slice(-8));
  }
}

/** The SARIF help table as `leakgate scan --format sarif` builds it from rules.json. */
export const sarifRulesOfCatalogue = sarifRules;
