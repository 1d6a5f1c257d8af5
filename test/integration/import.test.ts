import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeBase62, fakeGithubToken, fakeHex } from '../helpers/fakeSecrets';
import { TempRepo } from '../helpers/repo';

// `leakgate import` on files in each tool's documented format, written by hand; each test then
// runs leakgate on the repository to check the imported config blocks and allows what the source
// tool did.

/** A token of the custom ACME rule below: `acme_` + 32 lowercase letters and digits. */
const acmeToken = (seed: string, infix = '') => `acme_${infix}${fakeHex(seed, 32 - infix.length)}`;
const fakeSlackBotToken = (seed: string) =>
  ['xoxb', fakeHex(`${seed}-a`, 11).replace(/[a-f]/g, '7'), fakeHex(`${seed}-b`, 11).replace(/[a-f]/g, '3'), fakeBase62(seed, 24)].join(
    '-',
  );
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

const GITLEAKS_TOML = `# gitleaks config (v8), as teams write it
title = "acme gitleaks config"

[extend]
useDefault = true
disabledRules = ["generic-api-key"]

[[rules]]
id = "acme_internal_token"
description = "ACME internal API token"
regex = '''\\b(acme_[a-z0-9]{32})\\b'''
keywords = ["ACME_"]
entropy = 3.0
tags = ["internal"]

  [[rules.allowlists]]
  stopwords = ["example"]

  [[rules.allowlists]]
  paths = ['''^test/''']

[[rules]]
id = "acme-lookahead"
description = "needs a lookahead, which RE2 cannot run"
regex = '''acme(?=_secret)_secret_([a-z]{10})'''

[[rules]]
id = "acme-session"
description = "ACME session key"
regex = '''session = "(sess-[0-9a-f]{8})-([0-9a-f]{24})"'''
secretGroup = 2
path = '''(^|/)config/.*\\.ini$'''

[allowlist]
description = "global allowlist"
paths = [
  '''^fixtures/.*$''',
  '''(.*?)(jpg|gif|doc)$''',
]
regexes = ['''^EXAMPLE''']
stopwords = ["dummy"]
commits = ["0123456789abcdef0123456789abcdef01234567"]
`;

interface Report {
  findings: { rule: string; file: string; line: number; redacted: string; fingerprint: string }[];
}

function scanReport(repo: TempRepo): Report {
  const run = repo.leakgate(['scan', '--format', 'json']);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Report;
}

const rulesAndFiles = (report: Report) => report.findings.map((finding) => `${finding.rule} ${finding.file}`).sort();

describe('leakgate import', () => {
  it('gitleaks: custom rules, the allowlist and .gitleaksignore become .leakgate.json and a baseline; the rest is named', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write('legacy/old.py', `token = "${acmeToken('legacy')}"\n`);
      repo.commitAll('legacy token');
      repo.write('.gitleaks.toml', GITLEAKS_TOML);
      repo.write('.gitleaksignore', `# accepted in review\n${repo.head()}:legacy/old.py:acme_internal_token:1\n`);
      const run = repo.leakgate(['import']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('leakgate import: .gitleaks.toml (gitleaks), .gitleaksignore (gitleaks-ignore)');
      expect(run.stdout).toContain('wrote .leakgate.json: 2 rules added, 0 rules disabled, allowlist: 1 path, 1 regex, 1 stopword');
      expect(run.stdout).toContain('wrote .leakgate-baseline.json: 1 fingerprint added (1 in all)');
      const notTranslated = run.stdout.slice(run.stdout.indexOf('not translated (5):')).split('\n').slice(1, 6);
      const named = [
        '  .gitleaks.toml:4: extend.disabledRules generic-api-key: ',
        '  .gitleaks.toml:19: rule acme_internal_token allowlist paths: ',
        '  .gitleaks.toml:22: rule acme-lookahead: ',
        '  .gitleaks.toml:34: allowlist.paths (.*?)(jpg|gif|doc)$: ',
        '  .gitleaks.toml:34: allowlist.commits: ',
      ];
      for (const [index, line] of notTranslated.entries()) expect(line.startsWith(named[index]!)).toBe(true);
      expect(notTranslated[2]).toContain('RE2');

      const config = JSON.parse(readFileSync(join(repo.dir, '.leakgate.json'), 'utf8'));
      expect(config.allowlist).toEqual({ paths: ['fixtures/**'], regexes: ['^EXAMPLE'], stopwords: ['dummy'] });
      expect(config.rules.add.map((rule: { id: string }) => rule.id)).toEqual(['acme-internal-token', 'acme-session']);

      const session = fakeHex('session', 24);
      repo.write('src/app.py', `token = "${acmeToken('app')}"\n`);
      repo.write('src/docs.py', `token = "${acmeToken('docs', 'example')}"\nother = "${acmeToken('docs2', 'dummy')}"\n`);
      repo.write('fixtures/sample.py', `token = "${acmeToken('fixture')}"\n`);
      repo.write('config/prod/app.ini', `session = "sess-${fakeHex('sess', 8)}-${session}"\n`);
      repo.write('notes/app.ini', `session = "sess-${fakeHex('sess', 8)}-${session}"\n`);
      repo.git('add', '-A');
      const report = scanReport(repo);
      expect(rulesAndFiles(report)).toEqual(['acme-internal-token src/app.py', 'acme-session config/prod/app.ini']);
      // secretGroup = 2: the secret is the second group, not the session id before it.
      expect(report.findings.find((finding) => finding.rule === 'acme-session')!.redacted).toBe(`${session.slice(0, 4)}…`);

      const again = repo.leakgate(['import']);
      expect(again.status).toBe(0);
      expect(again.stdout).toContain('the config already holds everything imported: unchanged');
      expect(again.stdout).toContain('.leakgate-baseline.json already holds every imported fingerprint: unchanged');
      expect(again.stdout).not.toContain('config widening');
      expect(run.stdout).toContain('is a config widening that pushes and history scans report until accepted');
    } finally {
      repo.cleanup();
    }
  });

  it('detect-secrets: results are baselined only where the secret there has the hashed_secret; audited real secrets never', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      const accepted = fakeGithubToken('ds-accepted');
      const changed = fakeGithubToken('ds-changed');
      const real = fakeGithubToken('ds-real');
      repo.write('settings.py', `DEBUG = False\nGITHUB_TOKEN = "${accepted}"\n`);
      repo.write('other.py', `GITHUB_TOKEN = "${changed}"\n`);
      repo.write('real.py', `GITHUB_TOKEN = "${real}"\n`);
      repo.write('tests/fixture.py', `GITHUB_TOKEN = "${fakeGithubToken('ds-test')}"\n`);
      const entry = (filename: string, hashed: string, line: number, isSecret?: boolean) => ({
        type: 'GitHub Token',
        filename,
        hashed_secret: hashed,
        is_verified: false,
        line_number: line,
        ...(isSecret !== undefined ? { is_secret: isSecret } : {}),
      });
      const baseline = {
        version: '1.5.0',
        plugins_used: [{ name: 'GitHubTokenDetector' }, { name: 'Base64HighEntropyString', limit: 4.5 }],
        filters_used: [
          { path: 'detect_secrets.filters.allowlist.is_line_allowlisted' },
          { path: 'detect_secrets.filters.common.is_baseline_file', filename: '.secrets.baseline' },
          { path: 'detect_secrets.filters.heuristic.is_likely_id_string' },
          { path: 'detect_secrets.filters.regex.should_exclude_file', pattern: ['^tests/'] },
        ],
        results: {
          'settings.py': [entry('settings.py', sha1(accepted), 2, false)],
          'other.py': [entry('other.py', sha1(`${changed}-before`), 1)],
          'real.py': [entry('real.py', sha1(real), 1, true)],
        },
        generated_at: '2026-11-02T10:00:00Z',
      };
      repo.write('.secrets.baseline', `${JSON.stringify(baseline, null, 2)}\n`);
      repo.git('add', '-A');
      const run = repo.leakgate(['import']);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('wrote .leakgate.json: 0 rules added, 0 rules disabled, allowlist: 1 path, 0 regexes, 0 stopwords');
      expect(run.stdout).toContain('wrote .leakgate-baseline.json: 1 fingerprint added (1 in all)');
      expect(run.stdout).toContain(
        'ignored GitHub Token at other.py:1: leakgate finds a secret at that line, but its SHA-1 is not hashed_secret',
      );
      expect(run.stdout).toContain('ignored GitHub Token at real.py:1: an audit marked it as a real secret');
      expect(run.stdout).toContain('detect_secrets.filters.allowlist.is_line_allowlisted');
      expect(run.stdout).toContain('plugins_used GitHubTokenDetector, Base64HighEntropyString');
      for (const secret of [accepted, changed, real]) expect(run.stdout).not.toContain(secret);
      const baselineFile = readFileSync(join(repo.dir, '.leakgate-baseline.json'), 'utf8');
      expect(baselineFile).not.toContain(accepted);
      expect(rulesAndFiles(scanReport(repo))).toEqual(['github-pat-classic other.py', 'github-pat-classic real.py']);
    } finally {
      repo.cleanup();
    }
  });

  it('secretlint: allows, disabled rules and the pattern rule; message ids are named', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      const allowed = fakeGithubToken('sl-allowed');
      const blocked = fakeGithubToken('sl-blocked');
      const containing = fakeGithubToken('sl-containing');
      const wholeToken = fakeGithubToken('sl-whole');
      const rc = {
        rules: [
          {
            id: '@secretlint/secretlint-rule-preset-recommend',
            rules: [
              {
                id: '@secretlint/secretlint-rule-github',
                options: { allows: [`/^${allowed.slice(0, 14)}/`, containing.slice(10, 24), wholeToken] },
              },
              { id: '@secretlint/secretlint-rule-slack', disabled: true },
              { id: '@secretlint/secretlint-rule-aws', allowMessageIds: ['AWSAccountID'] },
            ],
          },
          { id: '@secretlint/secretlint-rule-pattern', options: { patterns: [{ name: 'acme token', pattern: '/acme_[a-z0-9]{32}/' }] } },
        ],
      };
      repo.write('.secretlintrc.json', `${JSON.stringify(rc, null, 2)}\n`);
      repo.write(
        'app.js',
        `const a = "${allowed}";\nconst b = "${blocked}";\nconst slack = "${fakeSlackBotToken('sl')}";\nconst acme = "${acmeToken('sl')}";\nconst c = "${containing}";\n`,
      );
      repo.git('add', '-A');
      const before = rulesAndFiles(scanReport(repo));
      expect(before).toEqual([
        'github-pat-classic .secretlintrc.json',
        'github-pat-classic app.js',
        'github-pat-classic app.js',
        'github-pat-classic app.js',
        'slack-bot-token app.js',
      ]);
      const run = repo.leakgate(['import']);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/wrote \.leakgate\.json: 1 rule added, \d+ rules disabled, allowlist: 0 paths, 2 regexes, 0 stopwords/);
      expect(run.stdout).toContain('@secretlint/secretlint-rule-aws option allowMessageIds');
      // A token allowed by its own text would sit in clear in the config: named, masked, instead.
      expect(run.stdout).toContain(`allowlist regexes ${wholeToken.slice(0, 4)}…: it is a credential itself`);
      expect(run.stdout).not.toContain(wholeToken);
      expect(readFileSync(join(repo.dir, '.leakgate.json'), 'utf8')).not.toContain(wholeToken);
      const report = scanReport(repo);
      // The token in .secretlintrc.json is a credential in a file: still reported, as secretlint would.
      expect(rulesAndFiles(report)).toEqual([
        'github-pat-classic .secretlintrc.json',
        'github-pat-classic app.js',
        'secretlint-acme-token app.js',
      ]);
      expect(report.findings.find((finding) => finding.file === 'app.js' && finding.rule === 'github-pat-classic')!.line).toBe(2);
    } finally {
      repo.cleanup();
    }
  });

  it('merges into the config in force and needs --force to replace a rule of the same id', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      const existing = {
        allowlist: { paths: ['vendor/**'] },
        rules: { add: [{ id: 'acme-internal-token', provider: 'ACME', description: 'ours', regex: '(acme_[0-9]{4})' }] },
      };
      repo.write('.leakgate.json', `${JSON.stringify(existing, null, 2)}\n`);
      repo.write('.gitleaks.toml', GITLEAKS_TOML);
      const refused = repo.leakgate(['import', '.gitleaks.toml']);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('already has a different rule "acme-internal-token"; rerun with --force');
      expect(JSON.parse(readFileSync(join(repo.dir, '.leakgate.json'), 'utf8'))).toEqual(existing);
      // The same id twice (here: the gitleaks rules again, from a second file) gives two rules.
      repo.write('more/gitleaks.toml', GITLEAKS_TOML.replace('ACME internal API token', 'ACME token, second definition'));
      const forced = repo.leakgate(['import', '.gitleaks.toml', 'more/gitleaks.toml', '--force']);
      expect(forced.status).toBe(0);
      const config = JSON.parse(readFileSync(join(repo.dir, '.leakgate.json'), 'utf8'));
      expect(config.allowlist.paths).toEqual(['vendor/**', 'fixtures/**']);
      expect(config.rules.add.map((rule: { id: string; description: string }) => `${rule.id}: ${rule.description}`)).toEqual([
        'acme-internal-token: ACME internal API token',
        'acme-session: ACME session key',
        'acme-internal-token-2: ACME token, second definition',
        'acme-session-2: ACME session key',
      ]);
    } finally {
      repo.cleanup();
    }
  });

  it('writes into package.json when the config lives there, and reads a detect-secrets baseline from before 1.0', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write(
        'package.json',
        `${JSON.stringify({ name: 'app', version: '1.0.0', leakgate: { allowlist: { stopwords: ['sample'] } } }, null, 2)}\n`,
      );
      const old = {
        exclude: { files: '^vendor/', lines: null },
        generated_at: '2020-06-01T10:00:00Z',
        plugins_used: [{ name: 'PrivateKeyDetector' }],
        results: {},
        version: '0.14.3',
      };
      repo.write('.secrets.baseline', `${JSON.stringify(old, null, 2)}\n`);
      repo.write('vendor/lib/config.js', `module.exports = "${fakeGithubToken('vendored')}";\n`);
      repo.write('src/config.js', `module.exports = "${fakeGithubToken('own')}";\n`);
      repo.git('add', '-A');
      const run = repo.leakgate(['import']);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('wrote package.json: 0 rules added, 0 rules disabled, allowlist: 1 path');
      const manifest = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8'));
      expect(manifest).toMatchObject({ name: 'app', leakgate: { allowlist: { stopwords: ['sample'], paths: ['vendor/**'] } } });
      expect(existsSync(join(repo.dir, '.leakgate.json'))).toBe(false);
      expect(rulesAndFiles(scanReport(repo))).toEqual(['github-pat-classic src/config.js']);
    } finally {
      repo.cleanup();
    }
  });

  it('bad input: exit 2 naming the file and the line', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write('broken.toml', 'title = "x"\n\n[[rules]\nid = "a"\n');
      repo.write('broken.baseline', '{\n  "results": {\n    "a.py": [ { "hashed_secret": "x" ]\n  }\n}\n');
      repo.write('.gitleaksignore', 'legacy/old.py:some-rule:1\nnot a fingerprint\n');
      repo.write('regex.toml', '[[rules]]\nid = "r"\nregex = "\\d+"\n');
      const cases: [string, string][] = [
        ['broken.toml', 'broken.toml is not valid:\n  line 3: expected ]] to close the header'],
        ['broken.baseline', 'broken.baseline is not valid:\n  line 3: expected valid JSON'],
        ['.gitleaksignore', '.gitleaksignore is not valid:\n  line 2: expected a gitleaks fingerprint'],
        ['regex.toml', 'regex.toml is not valid:\n  line 3: expected a valid escape, not \\d'],
      ];
      for (const [file, message] of cases) {
        const run = repo.leakgate(['import', file]);
        expect(run.status).toBe(2);
        expect(run.stderr).toContain(message);
        expect(run.stderr).not.toContain('    at ');
      }
      const unknown = repo.leakgate(['import', 'README.md']);
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('README.md');
    } finally {
      repo.cleanup();
    }
  });
});
