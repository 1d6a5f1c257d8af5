import { parseCommandLine } from '../../src/cli/args';
import { nestedQuantifierProblem } from '../../src/config/regexSafety';
import { regexProblem, rulesFileSchema } from '../../src/config/ruleSchema';
import { userConfigSchema } from '../../src/config/userConfigSchema';
import { parseSize } from '../../src/config/userConfig';
import { firstJsonErrorOffset, parseAndValidate } from '../../src/config/validate';
import { ConfigError, UsageError } from '../../src/errors';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.expected}`);
    throw error;
  }
  return [];
}

describe('user config validation', () => {
  it('collects every problem with its JSON path', () => {
    const problems = problemsOf(() =>
      parseAndValidate(
        userConfigSchema,
        JSON.stringify({ allowlist: { paths: [1], extra: true }, maxFileSize: 'huge', rules: { add: [{ id: 'Bad Id' }] } }),
        '.leakgate.json',
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'allowlist.paths[0]: expected string, got number',
        'allowlist: unknown key "extra" (check the spelling; see the README\'s config reference)',
        expect.stringMatching(/^maxFileSize: expected/),
        expect.stringMatching(/^rules\.add\[0\]\.id: expected a kebab-case id/),
        expect.stringMatching(/^rules\.add\[0\]\.provider: expected string \(missing\)/),
      ]),
    );
  });

  it('parses sizes', () => {
    expect(parseSize(1024)).toBe(1024);
    expect(parseSize('512KB')).toBe(512 * 1024);
    expect(parseSize('10 MB')).toBe(10 * 1024 * 1024);
  });

  it.each([
    ['"0KB"', '0KB'],
    ['"0.4B"', '0.4B'],
    ['"0 MB"', '0 MB'],
    ['0', 0],
  ])('refuses a maxFileSize of %s (0 bytes): maxFileSize names what is expected', (_, value) => {
    const problems = problemsOf(() => parseAndValidate(userConfigSchema, JSON.stringify({ maxFileSize: value }), '.leakgate.json'));
    expect(problems).toEqual([expect.stringMatching(/^maxFileSize: expected/)]);
  });

  it.each(['**', '**/*', '*', '{**,x}', '?*', '**/**', './**', '**\\*'])(
    'refuses allowlist.paths entry %s: it matches every path',
    (glob) => {
      const problems = problemsOf(() =>
        parseAndValidate(userConfigSchema, JSON.stringify({ allowlist: { paths: ['docs/**', glob] } }), '.leakgate.json'),
      );
      expect(problems).toEqual([
        'allowlist.paths[1]: expected a glob that leaves files to scan (this one matches every path, so nothing would be scanned)',
      ]);
    },
  );

  it('refuses allowlist.paths whose globs together match every path', () => {
    const problems = problemsOf(() =>
      parseAndValidate(userConfigSchema, JSON.stringify({ allowlist: { paths: ['*.*', '!*.*'] } }), '.leakgate.json'),
    );
    expect(problems).toEqual([expect.stringMatching(/^allowlist\.paths: expected globs that leave files to scan/)]);
  });

  it.each(['*.*', 'test/**', '.env', 'docs/*.md', '**/*.min.js', 'vendor/**'])(
    'accepts allowlist.paths entry %s and sizes of at least 1 byte',
    (glob) => {
      expect(
        problemsOf(() =>
          parseAndValidate(userConfigSchema, JSON.stringify({ allowlist: { paths: [glob] }, maxFileSize: '1B' }), '.leakgate.json'),
        ),
      ).toEqual([]);
    },
  );

  it('refuses a rule keyword outside ASCII: large texts go through a keyword automaton built over ASCII', () => {
    const rule = { id: 'acme-token', provider: 'Acme', description: 'd', regex: 'пароль=([a-z]{8})', keywords: ['пароль', 'acme'] };
    const problems = problemsOf(() => parseAndValidate(userConfigSchema, JSON.stringify({ rules: { add: [rule] } }), '.leakgate.json'));
    expect(problems).toEqual(['rules.add[0].keywords[0]: expected an ASCII keyword (the prefilter folds ASCII letters only)']);
  });

  it('locates JSON syntax errors', () => {
    expect(firstJsonErrorOffset('{"a": [1, 2,]}')).toBe(12);
    expect(firstJsonErrorOffset('{"a": 1}')).toBeUndefined();
    expect(firstJsonErrorOffset('{"a": 1} x')).toBe(9);
  });
});

describe('regex checks', () => {
  it.each(['(a+)+', '(\\w+\\s?)*', '(?:x|y+){2,}', '(a*)*b'])('rejects nested quantifiers in %s', (source) => {
    expect(nestedQuantifierProblem(source)).toBeDefined();
  });

  it.each(['(?:[A-Za-z0-9+/]{4}){10,}', 'ghp_[A-Za-z0-9]{36}', '(?:ab)+c', '[(a+)+]', '(a+)?'])('accepts %s', (source) => {
    expect(nestedQuantifierProblem(source)).toBeUndefined();
  });

  it('requires a capture group and a valid pattern', () => {
    expect(regexProblem('abc')).toMatch(/capture group/);
    expect(regexProblem('(abc')).toMatch(/valid JavaScript regular expression/);
    expect(regexProblem('(?i)key=([a-f0-9]{32})')).toBeUndefined();
  });

  it('rejects a rules file whose rule lacks examples or remediation', () => {
    const problems = problemsOf(() =>
      parseAndValidate(
        rulesFileSchema,
        JSON.stringify({
          version: 1,
          rules: [{ id: 'x', provider: 'X', family: 'cloud', description: 'd', regex: '(a)', keywords: ['a'] }],
        }),
        'rules.json',
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^rules\[0\]\.remediation: /), expect.stringMatching(/^rules\[0\]\.examples: /)]),
    );
  });
});

describe('command line', () => {
  it('parses commands and options', () => {
    expect(parseCommandLine(['scan', 'src', '--format', 'sarif', '--history']).invocation).toMatchObject({
      command: 'scan',
      paths: ['src'],
      format: 'sarif',
      history: true,
    });
    expect(parseCommandLine(['pre-push', 'origin', 'url', '--verbose']).invocation).toEqual({
      command: 'pre-push',
      remote: 'origin',
      url: 'url',
      verbose: true,
      quiet: false,
    });
    expect(parseCommandLine(['pre-push', 'origin', 'url', '--max-findings', '0', '--quiet']).invocation).toMatchObject({
      maxFindings: 0,
      quiet: true,
    });
    expect(parseCommandLine(['scan', '--max-findings', '12', '--verbose']).invocation).toMatchObject({ maxFindings: 12, verbose: true });
    expect(parseCommandLine(['ignore', '--last']).invocation).toEqual({ command: 'ignore', fingerprints: [], last: true });
    expect(parseCommandLine([]).invocation).toEqual({ command: 'help', bare: true });
    expect(parseCommandLine(['--help']).invocation).toEqual({ command: 'help' });
    expect(parseCommandLine(['scan', '--debug']).debug).toBe(true);
  });

  it('refuses unknown commands and options', () => {
    expect(() => parseCommandLine(['frobnicate'])).toThrow(UsageError);
    expect(() => parseCommandLine(['scan', '--nope'])).toThrow(/unknown option '--nope'/);
    expect(() => parseCommandLine(['scan', '--format', 'xml'])).toThrow(/--format must be/);
    expect(() => parseCommandLine(['scan', '--max-findings', '1.5'])).toThrow(/--max-findings takes a whole number/);
    expect(() => parseCommandLine(['pre-push', 'origin', '--max-findings', 'ten'])).toThrow(/--max-findings takes a whole number/);
  });
});
