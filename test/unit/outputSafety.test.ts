import { spawnSync } from 'node:child_process';
import { detectorFor } from '../../src/config/detectorFor';
import { explainRule } from '../../src/commands/rulesInfo';
import { userConfigSchema } from '../../src/config/userConfigSchema';
import { parseAndValidate } from '../../src/config/validate';
import { ConfigError } from '../../src/errors';
import { highEntropySpans, isCredentialKey, looksRandom } from '../../src/report/credentialShapes';
import { maskFindings } from '../../src/report/mask';
import { redactLine } from '../../src/report/redact';
import { createStyle } from '../../src/report/style';
import { terminalSafe, terminalSafeOutput } from '../../src/report/terminalSafe';
import { renderText } from '../../src/report/textReport';
import { quoteUserValue } from '../../src/report/userValue';
import { catalogueDetector, scanText } from '../helpers/detector';
import { fakeBase62, fakeGithubToken, fakeHex } from '../helpers/fakeSecrets';
import { TempRepo } from '../helpers/repo';

const ESC = '\u001b';
const BEL = '\u0007';
/** Anything a terminal would act on, once our own colour codes are taken out. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const withoutOwnColour = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('terminal control characters in text reports', () => {
  it('escapes ESC, OSC, BEL, C1, bidi controls and a newline inside a user string; the edge keeps our newlines', () => {
    const hostile = `a${ESC}]0;title${BEL}b${ESC}[2Jc\u009bd\u202ee\u2066f\rg\u007f\nh`;
    expect(terminalSafe(hostile)).toBe('a\\x1b]0;title\\x07b\\x1b[2Jc\\u009bd\\u202ee\\u2066f\\x0dg\\u007f\\x0ah');
    expect(terminalSafeOutput('ours\n')).toBe('ours\n');
  });

  it('lets only whole colour codes through at the edge, and keeps JSON values as they were', () => {
    expect(terminalSafeOutput(`${ESC}[31mred${ESC}[39m ${ESC}]8;;http://x${BEL}`)).toBe(`${ESC}[31mred${ESC}[39m \\x1b]8;;http://x\\x07`);
    const document = JSON.stringify({ file: `a${ESC}b\u202ec\u0085d\u007f` });
    expect(JSON.parse(terminalSafeOutput(document))).toEqual(JSON.parse(document));
    expect(terminalSafeOutput(document)).not.toMatch(RAW_CONTROL);
  });

  it('renders a finding whose file, line, commit and rule carry escapes with none raw, colours intact', () => {
    const token = fakeGithubToken('terminal');
    const file = `${ESC}]0;owned${BEL}.env`;
    const line = `GITHUB_TOKEN=${token} ${ESC}[2J ${ESC}[8m hidden \u202e`;
    const [finding] = scanText(catalogueDetector(), `${line}\n`, file);
    const masked = maskFindings([
      {
        ...finding!,
        commit: { sha: 'a'.repeat(40), subject: `${ESC}]8;;https://evil.example${BEL}click${ESC}]8;;${BEL}`, author: `x${ESC}[2J` },
      },
    ]);
    const text = renderText({ mode: 'scan', findings: masked }, createStyle(true));
    expect(text).toContain(`${ESC}[31m`);
    expect(withoutOwnColour(text)).not.toMatch(RAW_CONTROL);
    expect(text).toContain('\\x1b]0;owned\\x07.env');
    expect(text).toContain('\\x1b[2J');
    expect(text).toContain('\\x1b]8;;https://evil.example\\x07click');
    expect(text).not.toContain(token);
  });

  it('names such a file in the fix command by printf octal escapes, so the command still works in sh', () => {
    const name = `-a${ESC}b'%\\\t\n\u202e.env`;
    const [finding] = scanText(catalogueDetector(), `GITHUB_TOKEN=${fakeGithubToken('quote')}\n`, name);
    const text = renderText({ mode: 'pre-commit', findings: maskFindings([finding!]), hasHead: true }, createStyle(false));
    const command = /git restore --staged -- (.*)$/m.exec(text)![1];
    expect(command).toBe(`"$(printf '\\055a\\033b'\\''%%\\\\\\011\\012\\342\\200\\256.env')"`);
    expect(command).not.toMatch(RAW_CONTROL);
    const echoed = spawnSync('sh', ['-c', `printf %s ${command}`], { encoding: 'utf8' });
    expect(echoed.stdout).toBe(name);
  });
});

describe('every credential-shaped value on an excerpt line is masked', () => {
  const token = fakeGithubToken('excerpt');
  const password = `Tr0ub4dor-${fakeHex('excerpt-pw', 4)}`;
  const mask = (line: string) => redactLine(line, line.indexOf(token) + 1, token, [token]);

  it.each([
    ['k=v', `GITHUB_TOKEN=${token} DB_PASSWORD=${password}`],
    ['k: v', `token: ${token}\tpassword: ${password}`],
    ['"k": "v"', `{"token": "${token}", "db_password": "${password}"}`],
    ['k => v', `['token' => '${token}', 'pwd' => '${password}']`],
    ['camelCase key', `const cfg = { token: '${token}', dbPassword: '${password}' };`],
    ['URL userinfo', `${token} DATABASE_URL=postgres://admin:${password}@db.internal:5432/app`],
    ['Authorization header', `${token} Authorization: Bearer ${password}`],
    ['api-key header', `${token} -H "x-api-key: ${password}"`],
  ])('%s', (_shape, line) => {
    const masked = mask(line);
    expect(masked).not.toContain(token);
    expect(masked).not.toContain(password);
    expect(masked).toContain(password.slice(0, 2));
  });

  it('masks random-looking runs whatever their key, and keeps identifiers, paths and code readable', () => {
    const random = fakeBase62('excerpt-random', 24);
    const line = `${token}; upload(getElementsByClassName, "src/report/textReport.ts", base64_encode_v2, "${random}")`;
    const masked = mask(line);
    expect(masked).not.toContain(random);
    expect(masked).toContain('upload(getElementsByClassName, "src/report/textReport.ts", base64_encode_v2, "');
    expect(looksRandom(fakeHex('hex', 32))).toBe(true);
    expect(highEntropySpans('XMLHttpRequestUpload node_modules/.bin/leakgate')).toEqual([]);
  });

  it('leaves references, placeholders and non-credential keys alone', () => {
    const line = `${token} token = process.env.TOKEN; password: "\${DB_PASSWORD}"; author: 'Jane'; keyCode = 13;`;
    expect(mask(line)).toBe(`${token.slice(0, 4)}… token = process.env.TOKEN; password: "\${DB_PASSWORD}"; author: 'Jane'; keyCode = 13;`);
    expect(mask(`${token} monkey = 'banana'; pwd = getPassword();`)).toBe(`${token.slice(0, 4)}… monkey = 'banana'; pwd = getPassword();`);
    expect(['apiKey', 'API_KEY', 'client_secret', 'accessToken', 'x-api-key', 'db_pass', 'Authorization'].every(isCredentialKey)).toBe(
      true,
    );
    expect(['author', 'keyCode', 'monkey', 'bypass', 'tokenizer', 'maxTokens'].some(isCredentialKey)).toBe(false);
  });

  it('maskFindings masks an undetected password next to a detected token', () => {
    const line = `GITHUB_TOKEN=${token} DB_PASSWORD=${password}`;
    const findings = scanText(catalogueDetector(), `${line}\n`, '.env');
    expect(findings.map((finding) => finding.ruleId)).toEqual(['github-pat-classic']);
    const [masked] = maskFindings(findings);
    expect(masked!.redactedLine).toBe(`GITHUB_TOKEN=${token.slice(0, 4)}… DB_PASSWORD=${password.slice(0, 3)}…`);
  });

  it('offers no environment rewrite of a line that still holds another credential', () => {
    const clean = maskFindings(scanText(catalogueDetector(), `const token = '${token}';\n`, 'src/app.js'))[0];
    expect(clean!.envRewrite).toBe('const token = process.env.GITHUB_TOKEN;');
    const line = `token = "${token}"; pw = "${password}"`;
    const [masked] = maskFindings(scanText(catalogueDetector(), `${line}\n`, 'app.py'));
    expect(masked!.envRewrite).toBeUndefined();
    expect(JSON.stringify(masked)).not.toContain(password);
  });

  it('judges only the stretch around the finding on a 10 MB minified line (no quadratic scan)', () => {
    const line = `${'x'.repeat(5_000_000)} ${token} ${'http://x'.repeat(600_000)}`;
    const started = Date.now();
    const masked = mask(line);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(masked).toMatch(/^….*ghp_….*…$/);
  });

  it('keeps the window around the finding on a long line', () => {
    const line = `${'a = 1; '.repeat(200)}pw = "${password}"; t = "${token}"; ${'b = 2; '.repeat(200)}`;
    const masked = mask(line);
    expect(masked).toContain(`t = "${token.slice(0, 4)}…"`);
    expect(masked.length).toBeLessThan(130);
    expect(masked).not.toContain(password);
  });
});

describe('config errors never echo a value at full length', () => {
  const token = fakeGithubToken('config-key');
  function messageOf(run: () => unknown): string {
    try {
      run();
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    throw new Error('expected a ConfigError');
  }

  it('an unknown key made of a token is quoted by a short prefix', () => {
    const message = messageOf(() => parseAndValidate(userConfigSchema, JSON.stringify({ allowlist: { [token]: true } }), '.leakgate.json'));
    expect(message).toContain(`unknown key "${token.slice(0, 4)}…"`);
    expect(message).not.toContain(token.slice(0, 8));
  });

  it('a typo stays readable', () => {
    expect(messageOf(() => parseAndValidate(userConfigSchema, '{"allowlsit": {}}', '.leakgate.json'))).toContain('unknown key "allowlsit"');
    expect(quoteUserValue(`Tr0ub4dor-${fakeHex('q', 4)}`)).toBe('"Tr0…"');
  });

  it('an unknown rule id given to explain is quoted by a short prefix', () => {
    expect(() => explainRule(token)).toThrow(new RegExp(`^no rule "${token.slice(0, 4)}…" `));
  });

  it('an unknown rule id in rules.disable is quoted by a short prefix', () => {
    const repo = new TempRepo();
    try {
      repo.write('.leakgate.json', JSON.stringify({ rules: { disable: [token] } }));
      const message = messageOf(() => detectorFor(repo.dir));
      expect(message).toContain(`"${token.slice(0, 4)}…" is none`);
      expect(message).not.toContain(token.slice(0, 8));
    } finally {
      repo.cleanup();
    }
  });

  it('a regex engine reason quoting a long pattern is cut', () => {
    const secret = fakeBase62('regex-reason', 30);
    const message = messageOf(() =>
      parseAndValidate(userConfigSchema, JSON.stringify({ allowlist: { regexes: [`${secret}(`] } }), '.leakgate.json'),
    );
    expect(message).not.toContain(secret.slice(0, 8));
  });
});
