import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RuleSourceError, assembleRules } from '../../src/build/assembleRules';
import { scaffoldRule } from '../../src/build/newRule';
import { UsageError } from '../../src/errors';
import { PACKAGE_ROOT } from '../../src/packageInfo';

describe('new-rule', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leakgate-new-rule-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('scaffolds a source the build refuses until its family and examples are filled in', () => {
    expect(scaffoldRule('acme-api-key', dir)).toBe('rules/acme-api-key.json');
    const source = JSON.parse(readFileSync(join(dir, 'acme-api-key.json'), 'utf8'));
    expect(source.$schema).toBe('./rule-source.schema.json');
    expect(source.rules[0]).toMatchObject({ id: 'acme-api-key', keywords: ['acme'], remediation: { envVar: 'ACME_API_KEY' } });
    let problems: readonly string[] = [];
    try {
      assembleRules(dir);
    } catch (error) {
      problems = (error as RuleSourceError).problems;
    }
    expect(problems.join('\n')).toMatch(/rules\/acme-api-key\.json: acme-api-key is not valid:\n\s+family: /);
  });

  it('refuses a bad id, an id some source has, and an existing file', () => {
    writeFileSync(join(dir, 'acme.json'), JSON.stringify({ rules: [{ id: 'acme-token' }] }));
    expect(() => scaffoldRule(undefined, dir)).toThrow(UsageError);
    expect(() => scaffoldRule('Acme_Key', dir)).toThrow(/not a kebab-case rule id/);
    expect(() => scaffoldRule('acme-token', dir)).toThrow('the rule id acme-token already exists in rules/acme.json');
    scaffoldRule('acme-secret', dir);
    writeFileSync(join(dir, 'acme-secret.json'), JSON.stringify({ rules: [] }));
    expect(() => scaffoldRule('acme-secret', dir)).toThrow(/rules\/acme-secret\.json exists already/);
  });

  it('exits 2 with the reason on a bad or taken id, as the npm script runs it', () => {
    const run = (...args: string[]) => {
      try {
        execFileSync(process.execPath, [join(PACKAGE_ROOT, 'dist', 'build', 'newRule.js'), ...args], { stdio: 'pipe' });
        return { status: 0, stderr: '' };
      } catch (error) {
        const failed = error as { status: number; stderr: Buffer };
        return { status: failed.status, stderr: failed.stderr.toString() };
      }
    };
    expect(run('NOT AN ID')).toEqual({ status: 2, stderr: expect.stringMatching(/not a kebab-case rule id/) });
    expect(run('mailjet-api-key')).toEqual({ status: 2, stderr: 'the rule id mailjet-api-key already exists in rules/mailjet.json\n' });
    expect(run()).toEqual({ status: 2, stderr: expect.stringMatching(/^usage: npm run new-rule/) });
  });
});
