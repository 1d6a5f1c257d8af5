import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { loadRules } from '../../src/config/loadRules';
import { sarifReporter } from '../../src/report/reporter';
import { packageHomepage } from '../../src/packageInfo';
import type { Finding } from '../../src/detect/types';
import {
  expectNoSecret,
  OLDER,
  pairFinding,
  reportOf,
  sarifRulesOfCatalogue,
  TAG,
  tagMessageFinding,
  TIP,
  tokenFinding,
  wideningOf,
} from '../helpers/reportFindings';

const schema = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
// ajv knows no formats by itself; code scanning rejects a log whose URIs do not parse.
const parses = (text: string, base?: string) => {
  try {
    new URL(text, base);
    return true;
  } catch {
    return false;
  }
};
ajv.addFormat('uri', (text: string) => parses(text));
ajv.addFormat('uri-reference', (text: string) => !/[\s"<>\\^`{|}]/.test(text) && parses(text, 'file:///repo/'));
ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
const validate = ajv.compile(schema);
const rules = sarifRulesOfCatalogue();
const sarif = sarifReporter(rules, '1.2.3');

/** The SARIF log for these findings, checked against the 2.1.0 schema and for raw secrets. */
function logOf(findings: Finding[]) {
  const text = sarif.render(reportOf({ mode: 'scan', findings }));
  if (findings.length > 0) expectNoSecret(text);
  const log = JSON.parse(text);
  expect(validate(log) ? [] : validate.errors).toEqual([]);
  return log;
}

describe('SARIF reporter', () => {
  it('validates, names the tool and version, and locates each finding by line and column', () => {
    const token = tokenFinding(TIP);
    const log = logOf([token]);
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run.tool.driver).toMatchObject({ name: 'leakgate', version: '1.2.3', semanticVersion: '1.2.3' });
    expect(run.results).toEqual([
      {
        ruleId: 'github-pat-classic',
        ruleIndex: 0,
        level: 'error',
        message: { text: `GitHub personal access token (classic): ghp_… (commit ${TIP.sha.slice(0, 10)})` },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/app.js' }, region: { startLine: 2, startColumn: 16 } } }],
        partialFingerprints: { 'leakgate/v2': token.fingerprint },
        properties: { commit: TIP.sha },
      },
    ]);
  });

  it("each rule once, with its help from rules.json; results point at their rule's index", () => {
    const pair = pairFinding(OLDER);
    const [key, secret] = pair.spans.map((span) => `${span.secret.slice(0, 4)}…`);
    const log = logOf([tokenFinding(), pair, tokenFinding()]);
    const [run] = log.runs;
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['github-pat-classic', 'mailjet-api-key-pair']);
    expect(run.results.map((result: { ruleIndex: number }) => result.ruleIndex)).toEqual([0, 1, 0]);
    expect(run.results[1].message.text).toBe(
      `Mailjet API key and secret key (the full credential): ${key} + ${secret} (commit ${OLDER.sha.slice(0, 10)})`,
    );
    expect(run.results[1].locations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 31 });

    const github = loadRules().rules.find((rule) => rule.id === 'github-pat-classic')!;
    const [descriptor] = run.tool.driver.rules;
    expect(descriptor).toMatchObject({
      name: 'GithubPatClassic',
      shortDescription: { text: github.description },
      fullDescription: { text: `${github.description} (GitHub) committed to the repository.` },
      helpUri: github.remediation.docs,
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'secret', 'GitHub'], 'security-severity': '9.0' },
    });
    expect(descriptor.help.text.split('\n')).toEqual([
      `${github.description} (GitHub).`,
      `Remove it from the code and read it from the environment (${github.remediation.envVar}) or a secrets manager.`,
      `Revoke and rotate: ${github.remediation.revoke}`,
      `Check whether it was used: ${github.remediation.investigate}`,
      `Docs: ${github.remediation.docs}`,
    ]);
    expect(descriptor.help.markdown).toBe(
      descriptor.help.text
        .split('\n')
        .map((line: string) => `- ${line}`)
        .join('\n'),
    );
  });

  it('a tag message: the tag in the message and properties, no commit', () => {
    const [result] = logOf([tagMessageFinding()]).runs[0].results;
    expect(result.message.text).toBe('GitHub personal access token (classic): ghp_… (tag v1.0)');
    expect(result.properties).toEqual({ tag: TAG.name, tagObject: TAG.object, target: TAG.target });
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: '(tag%20message%20v1.0)' },
      region: { startLine: 3, startColumn: 1 },
    });
  });

  it('a config widening: no secret part in the message, and its own help (take it out or accept it)', () => {
    const log = logOf([wideningOf(OLDER)]);
    const [result] = log.runs[0].results;
    expect(result.message.text).toBe(`leakgate config widened: allowlist.paths += "**" (commit ${OLDER.sha.slice(0, 10)})`);
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 1 });
    expect(log.runs[0].tool.driver.rules[0].help.text).toContain('LEAKGATE_ACCEPT_CONFIG=<commit>');
    expect(log.runs[0].tool.driver.rules[0].help.text).not.toContain('Revoke and rotate');
  });

  it('a rule missing from the table (a team rule): help from the finding itself; a path made a URI', () => {
    const token = tokenFinding();
    const log = JSON.parse(
      sarifReporter(new Map(), '1.2.3').render(reportOf({ mode: 'scan', findings: [{ ...token, path: './my dir/app.js' }] })),
    );
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const [descriptor] = log.runs[0].tool.driver.rules;
    const [guide] = token.remediation;
    expect(descriptor.help.text).toContain(`Revoke and rotate: ${guide!.revoke}`);
    expect(descriptor.help.text).toContain(`read it from the environment (${guide!.envVar})`);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20dir/app.js');
    // The schema check would have caught the path left as it was.
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'my dir/app.js';
    expect(validate(log)).toBe(false);
  });

  it('no findings: a valid log with an empty run', () => {
    const log = logOf([]);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
  });

  it('links the tool to a page only when the package names one (package.json homepage), never to a guessed URL', () => {
    const findings = reportOf({ mode: 'scan', findings: [tokenFinding()] });
    const without = JSON.parse(sarifReporter(rules, '1.2.3').render(findings));
    expect(without.runs[0].tool.driver).not.toHaveProperty('informationUri');
    // Each rule still links to its provider's docs.
    expect(without.runs[0].tool.driver.rules[0].helpUri).toMatch(/^https:\/\//);
    const page = 'https://example.invalid/leakgate';
    const linked = JSON.parse(sarifReporter(rules, '1.2.3', page).render(findings));
    expect(validate(linked) ? [] : validate.errors).toEqual([]);
    expect(linked.runs[0].tool.driver.informationUri).toBe(page);
    // This package names no public page yet: the SARIF the CLI writes carries none.
    expect(packageHomepage()).toBe(JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).homepage);
  });
});
