import { textReporter } from '../../src/report/reporter';
import { DEFAULT_MAX_FINDINGS, DETAIL_LIMIT } from '../../src/report/textReport';
import { createStyle } from '../../src/report/style';
import {
  commitMessageFinding,
  expectNoSecret,
  OLDER,
  pairFinding,
  reportOf,
  TAG,
  tagMessageFinding,
  TIP,
  tokenFinding,
  wideningOf,
} from '../helpers/reportFindings';

const plain = textReporter(createStyle(false));
const lines = (text: string) => text.split('\n');
const push = { remote: 'origin', tips: new Set([TIP.sha]), commitCount: 2, tagCount: 0 };

describe('text reporter, pre-commit', () => {
  it('with HEAD: the finding at line 2 column 16, redacted on its line, unstaged with git restore', () => {
    const out = plain.render(reportOf({ mode: 'pre-commit', findings: [tokenFinding()], staged: { hasHead: true, fromWorkTree: false } }));
    expectNoSecret(out);
    expect(lines(out)[0]).toBe('✖ leakgate blocked this commit: 1 secret in the staged changes.');
    expect(lines(out)).toEqual(
      expect.arrayContaining([
        'src/app.js:2:16  GitHub personal access token (classic) [github-pat-classic]',
        "  2 │ const token = 'ghp_…';",
        '  1. Let leakgate rewrite it to read the environment, move the value to .env (git-ignored) and restage:',
        '       leakgate fix',
        '     (leakgate fix --dry-run shows the change first) or take it out of this commit:',
        '       git restore --staged -- src/app.js',
        '  2. Read it from the environment instead (JavaScript/TypeScript):',
        '       const token = process.env.GITHUB_TOKEN;',
        'Emergency only: git commit --no-verify skips every check (CI still scans).',
      ]),
    );
    expect(out).toMatch(/^ {2}fingerprint: src\/app\.js:github-pat-classic:v2-[0-9a-f]{16}$/m);
    expect(out).not.toContain('git rm --cached');
    expect(out).not.toContain('git push');
  });

  it('a finding leakgate fix cannot rewrite (a secret inside a URL): step 1 takes it out of the commit', () => {
    const finding = tokenFinding();
    const inUrl = {
      ...finding,
      spans: finding.spans.map((span) => ({
        ...span,
        column: span.column + 'https://x:'.length - 1,
        lineText: span.lineText.replace(`'${span.secret}'`, `'https://x:${span.secret}@host'`),
      })),
    };
    const out = plain.render(reportOf({ mode: 'pre-commit', findings: [inUrl], staged: { hasHead: true, fromWorkTree: false } }));
    expectNoSecret(out);
    expect(lines(out)).toEqual(expect.arrayContaining(['  1. Take it out of this commit:', '       git restore --staged -- src/app.js']));
    expect(out).not.toContain('leakgate fix');
  });

  it('without HEAD (the first commit): git rm --cached, since there is nothing to restore from', () => {
    const out = plain.render(reportOf({ mode: 'pre-commit', findings: [tokenFinding()], staged: { hasHead: false, fromWorkTree: false } }));
    expectNoSecret(out);
    expect(lines(out)).toContain('       git rm --cached -- src/app.js');
    expect(out).not.toContain('git restore');
  });

  it('from the work tree (commit -a): edit the file and commit again, no unstaging', () => {
    const out = plain.render(reportOf({ mode: 'pre-commit', findings: [tokenFinding()], staged: { hasHead: true, fromWorkTree: true } }));
    expectNoSecret(out);
    expect(lines(out)).toContain(
      '  1. This commit takes src/app.js from the work tree (git commit -a or git commit <path>): delete the secret from the file, then run the same commit again.',
    );
    expect(out).not.toContain('git restore');
    expect(out).not.toContain('Take it out of this commit');
  });

  it('says nothing when clean: a hook is silent', () => {
    expect(plain.render(reportOf({ mode: 'pre-commit', findings: [], staged: { hasHead: true, fromWorkTree: false } }))).toBe('');
  });
});

describe('text reporter, pre-push', () => {
  it('amend for the tip commit, rebase for an older one, tags counted in the heading', () => {
    const findings = [tokenFinding(TIP), pairFinding(OLDER), tagMessageFinding()];
    const out = plain.render(reportOf({ mode: 'pre-push', findings, push: { ...push, tagCount: 1 } }));
    expectNoSecret(out);
    expect(lines(out)[0]).toBe('✖ leakgate blocked this push: 3 secrets in the 2 commits and 1 tag origin does not have yet.');
    const tip = TIP.sha.slice(0, 10);
    const older = OLDER.sha.slice(0, 10);
    expect(lines(out)).toEqual(
      expect.arrayContaining([
        `  commit ${tip} "add the client" by Ada <ada@example.invalid>`,
        '       It is in the last commit: delete it from src/app.js, then  git add -- src/app.js && git commit --amend --no-edit',
        'app/mail.py:2:31  Mailjet API key and secret key (the full credential) [mailjet-api-key-pair]',
        `  commit ${older} "add mail" by Bo <bo@example.invalid>`,
        `       It is in an older commit: git rebase -i ${older}^  (mark ${older} as "edit"), delete it from app/mail.py, git add -- app/mail.py && git commit --amend --no-edit && git rebase --continue`,
        '     Or redo all unpushed work as one commit: git reset --soft <the last commit origin has>, remove the secret, commit again.',
        `  tag v1.0 (${TAG.object.slice(0, 10)}) "release 1.0" by Cy <cy@example.invalid>`,
        `       git tag -d v1.0  then  git tag -a v1.0 ${tip} -m "<message without the secret>"`,
        'Emergency only: git push --no-verify skips every check (CI still scans).',
      ]),
    );
    expect(out).toMatch(/^\(tag message v1\.0\):3:1 {2}GitHub personal access token \(classic\)/m);
    expect(lines(out)).toContain('  3 │ ghp_…');
    expect(out).not.toContain('git commit --no-verify');
  });

  it("a secret in the tip commit's message: amend the message, no environment step", () => {
    const out = plain.render(reportOf({ mode: 'pre-push', findings: [commitMessageFinding(TIP)], push }));
    expectNoSecret(out);
    expect(out).toMatch(/^\(commit message\):3:7 {2}/m);
    expect(lines(out)).toContain("       It is in the last commit's message: git commit --amend  (write the message again without it)");
    expect(out).not.toContain('environment instead');
  });

  it('a config widening alone is no secret: its own heading, no "not a secret?" way out', () => {
    const out = plain.render(reportOf({ mode: 'pre-push', findings: [wideningOf(TIP)], push }));
    expect(lines(out)[0]).toBe('✖ leakgate blocked this push: 1 config widening in the 2 commits origin does not have yet.');
    expect(out).toMatch(/^\.leakgate\.json:3 {2}leakgate config widened: allowlist\.paths/m);
    expect(out).not.toContain('leakgate ignore --last');
  });

  it('a secret beside a widening: both in the heading', () => {
    const out = plain.render(reportOf({ mode: 'pre-push', findings: [tokenFinding(TIP), wideningOf(TIP)], push }));
    expectNoSecret(out);
    expect(lines(out)[0]).toBe('✖ leakgate blocked this push: 1 secret in the 2 commits origin does not have yet, and 1 config widening.');
    expect(out).toContain('leakgate ignore --last');
  });

  it('refuses a pre-push report without the push it is about', () => {
    expect(() => plain.render(reportOf({ mode: 'pre-push', findings: [tokenFinding(TIP)] }))).toThrow(/needs the push/);
  });
});

describe('text reporter, scan', () => {
  it('a pair: both halves located and redacted, edit the file, provider guide once', () => {
    const pair = pairFinding();
    const [key, secret] = pair.spans.map((span) => `${span.secret.slice(0, 4)}…`);
    const out = plain.render(reportOf({ mode: 'scan', findings: [pair, tokenFinding(), commitMessageFinding(OLDER)] }));
    expectNoSecret(out);
    expect(lines(out)[0]).toBe('✖ leakgate found 3 secrets.');
    expect(lines(out)).toEqual(
      expect.arrayContaining([
        'app/mail.py:2:31  Mailjet API key and secret key (the full credential) [mailjet-api-key-pair]',
        `  2 │ mailjet = Mailjet.apiConnect('${key}', '${secret}')`,
        `    Mailjet API key (public half of the key pair)      line 2, column 31  ${key}`,
        `    Mailjet secret key (private half of the key pair)  line 2, column 67  ${secret}`,
        '  1. Remove it from the file: app/mail.py, line 2',
        '       mailjet = Mailjet.apiConnect(os.environ["MJ_APIKEY_PUBLIC"], os.environ["MJ_APIKEY_PRIVATE"])',
        '     (import os)',
        '  1. Remove it from the file: src/app.js, line 2',
        `       It is in the message of an older commit: git rebase -i ${OLDER.sha.slice(0, 10)}^  (mark ${OLDER.sha.slice(0, 10)} as "reword"), then write the message again without it.`,
        '  2. If it was ever pushed or shared, revoke and rotate it (GitHub):',
        '     (see the steps above for this provider)',
      ]),
    );
    expect(out).not.toContain('--no-verify');
  });

  it('clean: one line naming what was read, files or (for history) commits', () => {
    expect(plain.render(reportOf({ mode: 'scan', findings: [], scanned: { files: 3, bytes: 10 } }))).toBe(
      'leakgate: no secrets in 3 files.\n',
    );
    expect(plain.render(reportOf({ mode: 'scan', findings: [], scanned: { files: 1, bytes: 10 } }))).toBe(
      'leakgate: no secrets in 1 file.\n',
    );
    expect(plain.render(reportOf({ mode: 'scan', findings: [], scanned: { files: 9, bytes: 10, commits: 1 } }))).toBe(
      'leakgate: no secrets in 1 commit.\n',
    );
  });

  it('in colour: colour codes, and still no secret', () => {
    const out = textReporter(createStyle(true)).render(reportOf({ mode: 'scan', findings: [tokenFinding(), pairFinding()] }));
    expect(out).toContain('\u001b[31m');
    expectNoSecret(out);
  });

  it('a tag subject cannot start a report line of its own', () => {
    const forged = tagMessageFinding({ ...TAG, subject: 'release\n✖ leakgate: no secrets in 0 files.', tagger: 'x\u001b[2J' });
    const out = plain.render(reportOf({ mode: 'scan', findings: [forged] }));
    expect(lines(out)).toContain(`  tag v1.0 (${TAG.object.slice(0, 10)}) "release\\x0a✖ leakgate: no secrets in 0 files." by x\\x1b[2J`);
    expect(lines(out).filter((line) => line.startsWith('✖'))).toHaveLength(1);
  });
});

describe('text reporter, commit-msg', () => {
  it('the message is kept in the file git passed (quoted for the shell): commit again with it', () => {
    const out = plain.render(reportOf({ mode: 'commit-msg', findings: [commitMessageFinding()], commitMsg: { file: '.git/my message' } }));
    expectNoSecret(out);
    expect(lines(out)[0]).toBe('✖ leakgate blocked this commit: 1 secret in the commit message.');
    expect(lines(out)).toContain("       git commit -e -F '.git/my message'");
    expect(out).toContain('Emergency only: git commit --no-verify');
  });
});

/** `count` findings of the GitHub token, each in its own file, as a scan of many files would have them. */
function manyTokens(count: number, commit?: typeof TIP) {
  const token = tokenFinding(commit);
  return Array.from({ length: count }, (_, index) => ({ ...token, path: `src/file${index}.js` }));
}

describe('text reporter, layout: groups, compact list, summary', () => {
  it("a pair's revoke, investigate and docs text is printed once, not once per half", () => {
    const out = plain.render(reportOf({ mode: 'scan', findings: [pairFinding()] }));
    expectNoSecret(out);
    expect(out.split('Check whether it was used:').length - 1).toBe(1);
    expect(out.split('Docs:').length - 1).toBe(1);
  });

  it('findings grouped by provider and rule: the GitHub findings together, the guide once per provider', () => {
    const out = plain.render(reportOf({ mode: 'scan', findings: [tokenFinding(), pairFinding(), commitMessageFinding(OLDER)] }));
    const headings = lines(out).filter((line) => line.startsWith('── '));
    expect(headings).toEqual([
      '── GitHub: GitHub personal access token (classic) [github-pat-classic], 2 findings',
      '── Mailjet: Mailjet API key and secret key (the full credential) [mailjet-api-key-pair], 1 finding',
    ]);
    expect(out.indexOf('(commit message):3:7')).toBeLessThan(out.indexOf('app/mail.py:2:31'));
    expect(out.split('revoke and rotate it (GitHub)').length - 1).toBe(2);
    expect(out.split('(see the steps above for this provider)').length - 1).toBe(1);
  });

  it('a single finding has no group heading', () => {
    const out = plain.render(reportOf({ mode: 'scan', findings: [tokenFinding()] }));
    expect(out).not.toContain('── ');
  });

  it('a summary line ends every report with findings: counts by provider, files, commits, what was read and skipped', () => {
    const findings = [tokenFinding(TIP), pairFinding(OLDER), wideningOf(TIP)];
    const out = plain.render(
      reportOf({
        mode: 'pre-push',
        findings,
        push,
        scanned: { files: 7, bytes: 2048, commits: 2 },
        skipped: [{ file: 'big.bin', reason: { kind: 'unreadable', code: 'EACCES' } }],
      }),
    );
    expect(lines(out).at(-2)).toBe(
      'Summary: 2 secrets (critical 1, high 1; GitHub 1, Mailjet 1), 1 config widening in 3 files and 2 commits; scanned 2 commits, 7 files, 2 KiB; 1 file not scanned (see the warnings).',
    );
  });

  it('past the detail limit the report is compact: one line per finding under its group, and how to see them all', () => {
    const findings = [...manyTokens(DETAIL_LIMIT, TIP), pairFinding(OLDER)];
    const out = plain.render(reportOf({ mode: 'pre-push', findings, push }));
    expectNoSecret(out);
    expect(lines(out)).toEqual(
      expect.arrayContaining([
        'GitHub: GitHub personal access token (classic) [github-pat-classic], 10 findings',
        `  src/file0.js:2:16  [github-pat-classic]  ghp_…  commit ${TIP.sha.slice(0, 10)}`,
        'Mailjet: Mailjet API key and secret key (the full credential) [mailjet-api-key-pair], 1 finding',
        'If GitHub secrets were ever pushed or shared, revoke and rotate them: leakgate explain github-pat-classic',
        'Listed 11 of 11 findings, one line each. Every finding: --max-findings 0; each with its fix steps: --verbose (for the hook: LEAKGATE_MAX_FINDINGS=0 git push, LEAKGATE_VERBOSE=1 git push).',
      ]),
    );
    expect(out).not.toContain('How to fix\n');
    expect(out).not.toContain('Check whether it was used:');
    expect(lines(out).at(-2)).toMatch(/^Summary: 11 secrets \(critical 10, high 1; GitHub 10, Mailjet 1\)/);
  });

  it('a long list is cut at --max-findings, shared so every rule shows, and says how many more', () => {
    const findings = [...manyTokens(900), pairFinding()];
    const out = plain.render(reportOf({ mode: 'scan', findings }));
    expect(lines(out).length).toBeLessThanOrEqual(DEFAULT_MAX_FINDINGS + 20);
    expect(lines(out)).toEqual(
      expect.arrayContaining([
        `GitHub: GitHub personal access token (classic) [github-pat-classic], 900 findings (${DEFAULT_MAX_FINDINGS - 1} listed)`,
        `  … and ${900 - DEFAULT_MAX_FINDINGS + 1} more`,
        '  app/mail.py:2:31  [mailjet-api-key-pair]  ' + out.split('[mailjet-api-key-pair]  ')[1]!.split('\n')[0],
        `Listed ${DEFAULT_MAX_FINDINGS} of 901 findings, one line each. Every finding: --max-findings 0; each with its fix steps: --verbose.`,
      ]),
    );
    const five = plain.render(reportOf({ mode: 'scan', findings, layout: { maxFindings: 5 } }));
    expect(five).toContain('Listed 5 of 901 findings');
    const all = plain.render(reportOf({ mode: 'scan', findings, layout: { maxFindings: 0 } }));
    expect(all).toContain('Listed 901 of 901 findings');
    expect(lines(all).filter((line) => line.includes('[github-pat-classic]  ghp_'))).toHaveLength(900);
  });

  it('--max-findings 0 lists every finding of a huge scan (more lines than a call takes arguments)', () => {
    const out = plain.render(reportOf({ mode: 'scan', findings: manyTokens(130_000), layout: { maxFindings: 0 } }));
    expect(out).toContain('Listed 130000 of 130000 findings');
  });

  it('--verbose prints every finding with its fix steps, however many', () => {
    const out = plain.render(reportOf({ mode: 'scan', findings: manyTokens(30), layout: { verbose: true } }));
    expect(out.split('How to fix').length - 1).toBe(30);
    expect(out).not.toContain('one line each');
  });
});

describe('text reporter, compact pre-commit', () => {
  it('the one-line fix names the command that unstages: git restore, git rm --cached on a first commit, none for commit -a', () => {
    const findings = manyTokens(DETAIL_LIMIT + 1);
    const fix = (staged: { hasHead: boolean; fromWorkTree: boolean }) =>
      lines(plain.render(reportOf({ mode: 'pre-commit', findings, staged }))).find((line) => line.startsWith('How to fix: '));
    expect(fix({ hasHead: true, fromWorkTree: false })).toContain('(git restore --staged -- <path>)');
    expect(fix({ hasHead: false, fromWorkTree: false })).toContain('(git rm --cached -- <path>)');
    expect(fix({ hasHead: true, fromWorkTree: true })).toContain('this commit takes them from the work tree');
    const out = plain.render(reportOf({ mode: 'pre-commit', findings, staged: { hasHead: true, fromWorkTree: false } }));
    expect(out).toContain('(for the hook: LEAKGATE_MAX_FINDINGS=0 git commit …, LEAKGATE_VERBOSE=1 git commit …)');
  });
});
