import { languageOf, rewriteLine } from '../../src/report/envSnippet';
import { redactLine, redactSecret } from '../../src/report/redact';
import { shellQuote } from '../../src/messages';
import { createStyle, wantsColor } from '../../src/report/style';
import { reporterFor, skippedWarnings } from '../../src/report/reporter';
import { fakeHex } from '../helpers/fakeSecrets';
import { expectNoSecret, reportOf, sarifRulesOfCatalogue, tokenFinding } from '../helpers/reportFindings';

describe('redaction', () => {
  const secret = fakeHex('redact', 32);

  it('keeps at most 4 leading characters and never a quarter of the secret', () => {
    expect(redactSecret(secret)).toBe(`${secret.slice(0, 4)}…`);
    expect(redactSecret('abcdefgh')).toBe('ab…');
    expect(redactSecret('abc')).toBe('…');
    expect(redactSecret('-----BEGIN RSA PRIVATE KEY-----\nMIIEow')).toBe('-----BEGIN RSA PRIVATE KEY-----…');
  });

  it('masks every secret on the line and cuts long lines around the first', () => {
    const other = fakeHex('other', 32);
    const line = `connect('${secret}', '${other}')`;
    const masked = redactLine(line, line.indexOf(secret) + 1, secret, [secret, other]);
    expect(masked).toBe(`connect('${secret.slice(0, 4)}…', '${other.slice(0, 4)}…')`);
    const long = `${'x'.repeat(5000)}key="${secret}";${'y'.repeat(5000)}`;
    const cut = redactLine(long, long.indexOf(secret) + 1, secret, [secret]);
    expect(cut.length).toBeLessThan(130);
    expect(cut).not.toContain(secret);
    expect(cut.startsWith('…')).toBe(true);
  });
});

describe('environment snippets', () => {
  it.each([
    ['src/mail.ts', 'process.env.KEY'],
    ['app/settings.py', 'os.environ["KEY"]'],
    ['main.go', 'os.Getenv("KEY")'],
    ['App.java', 'System.getenv("KEY")'],
    ['config/app.rb', 'ENV.fetch("KEY")'],
    ['index.php', "getenv('KEY')"],
    ['Program.cs', 'System.Environment.GetEnvironmentVariable("KEY")'],
    ['deploy.sh', '"$KEY"'],
    ['.env.production', 'KEY='],
    ['.github/workflows/ci.yml', '${{ secrets.KEY }}'],
    ['k8s/deploy.yaml', '${KEY}'],
  ])('%s reads %s', (path, expected) => expect(languageOf(path).read('KEY')).toBe(expected));

  it('rewrites quoted literals into environment reads, and refuses when the secret is not a whole literal', () => {
    const js = languageOf('a.js');
    expect(rewriteLine("const k = 'abc123';", [{ column: 12, secret: 'abc123', envVar: 'K' }], js)).toBe('const k = process.env.K;');
    const password = fakeHex('url-password', 8);
    expect(rewriteLine(`const url = "https://u:${password}@h";`, [{ column: 25, secret: password, envVar: 'K' }], js)).toBeUndefined();
  });
});

describe('terminal', () => {
  it('colours only on a TTY without NO_COLOR', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(createStyle(false).red('x')).toBe('x');
    expect(createStyle(true).red('x')).toBe('\u001b[31mx\u001b[39m');
  });

  it('quotes shell paths only when needed', () => {
    expect(shellQuote('src/a.js')).toBe('src/a.js');
    expect(shellQuote("it's here.js")).toBe(`'it'\\''s here.js'`);
    expect(shellQuote('-rf')).toBe("'-rf'");
  });
});

describe('reporterFor', () => {
  const report = reportOf({ mode: 'scan', findings: [tokenFinding()] });

  it('picks the format, and builds the SARIF rule table only for SARIF', () => {
    let built = 0;
    const options = {
      style: createStyle(false),
      version: '1.2.3',
      sarifRules: () => {
        built++;
        return sarifRulesOfCatalogue();
      },
    };
    const text = reporterFor('text', options).render(report);
    const json = reporterFor('json', options).render(report);
    expect(built).toBe(0);
    const sarif = reporterFor('sarif', options).render(report);
    expect(built).toBe(1);
    for (const output of [text, json, sarif]) expectNoSecret(output);
    expect(text).toContain('src/app.js:2:16  GitHub personal access token (classic)');
    expect(JSON.parse(json).findings[0]).toMatchObject({ file: 'src/app.js', line: 2, column: 16, redacted: 'ghp_…' });
    expect(JSON.parse(sarif).runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 16 });
  });
});

describe('skippedWarnings', () => {
  it('one warning line per skipped file, with its reason; nothing when none', () => {
    expect(skippedWarnings([])).toBe('');
    expect(
      skippedWarnings([
        { file: 'a.bin', reason: { kind: 'unreadable', code: 'EACCES' } },
        { file: 'b.txt', reason: { kind: 'unreadable', code: 'EIO' }, commit: 'c'.repeat(40) },
      ]),
    ).toBe('warning: a.bin was not scanned (unreadable (EACCES)).\nwarning: b.txt was not scanned (unreadable (EIO)).\n');
  });
});
