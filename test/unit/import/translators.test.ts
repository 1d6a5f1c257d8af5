import { ruleCheck } from '../../../src/commands/import';
import { translateDetectSecrets } from '../../../src/config/import/detectSecrets';
import { translateGitleaks } from '../../../src/config/import/gitleaks';
import { translateSecretlint } from '../../../src/config/import/secretlint';
import { ConfigError } from '../../../src/errors';

const check = ruleCheck();
const catalogue = new Set(['github-pat-classic', 'aws-access-key-id']);
const reasons = (entries: { what: string; reason: string; line?: number }[]) =>
  entries.map((entry) => `${entry.line ?? '-'} ${entry.what}`);

describe('gitleaks translation', () => {
  it('names what has no leakgate equivalent: targetRules, regexTarget, AND, extend.path, a missing secretGroup, non-ASCII keywords', () => {
    const toml = [
      '[extend]', // 1
      'path = "base.toml"',
      'disabledRules = ["github-pat-classic", "gitleaks-only"]',
      '[[rules]]', // 4
      'id = "path-only"',
      "path = '''(^|/)id_rsa$'''",
      '[[rules]]', // 7
      'id = "bad-group"',
      "regex = '''key-(\\w+)'''",
      'secretGroup = 3',
      '[[rules]]', // 11
      'id = "unicode"',
      "regex = '''clé=(\\w{20})'''",
      'keywords = ["clé"]',
      '[[allowlists]]', // 15
      'targetRules = ["path-only"]',
      'stopwords = ["x"]',
      '[[allowlists]]', // 18
      'regexTarget = "line"',
      "regexes = ['''^#''']",
      '[[allowlists]]', // 21
      'condition = "AND"',
      "paths = ['''^a/''']",
      'stopwords = ["y"]',
      '[[allowlists]]', // 25
      'stopwords = ["z"]',
    ].join('\n');
    const { config, untranslated } = translateGitleaks(toml, 'g.toml', catalogue, check);
    expect(config.rules.disable).toEqual(['github-pat-classic']);
    expect(config.rules.add).toEqual([
      { id: 'path-only', provider: 'custom (imported from gitleaks)', description: 'path-only', path: '**/id_rsa' },
      { id: 'unicode', provider: 'custom (imported from gitleaks)', description: 'unicode', regex: 'clé=(\\w{20})' },
    ]);
    expect(config.allowlist).toEqual({ paths: [], regexes: [], stopwords: ['z'] });
    expect(reasons(untranslated)).toEqual([
      '1 extend.path',
      '1 extend.disabledRules gitleaks-only',
      '7 rule bad-group',
      '11 rule unicode keywords',
      '15 allowlists[0]',
      '18 allowlists[1].regexes ^#',
      '21 allowlists[2]',
    ]);
  });

  it('a field of the wrong type is a ConfigError naming the line', () => {
    expect(() => translateGitleaks('[[rules]]\nid = "a"\nregex = "(x)"\nkeywords = "k"\n', 'g.toml', catalogue, check)).toThrow(
      ConfigError,
    );
    expect(() => translateGitleaks('[[rules]]\nid = "a"\nregex = "(x)"\nkeywords = "k"\n', 'g.toml', catalogue, check)).toThrow(
      /line 1 keywords: expected an array of strings/,
    );
    expect(() => translateGitleaks('rules = 1\n', 'g.toml', catalogue, check)).toThrow(/rules: expected an array of tables/);
  });
});

describe('detect-secrets translation', () => {
  it('maps secret and file exclusions, names line exclusions, and checks each result', () => {
    const baseline = {
      filters_used: [
        { path: 'detect_secrets.filters.regex.should_exclude_secret', pattern: ['^dummy'] },
        { path: 'detect_secrets.filters.regex.should_exclude_line', pattern: ['# noqa'] },
        { path: 'detect_secrets.filters.regex.should_exclude_file', pattern: ['\\.lock$', '(x|y)'] },
      ],
      results: { 'a.py': [{ type: 'Secret Keyword', hashed_secret: 'a'.repeat(40), line_number: 3 }] },
    };
    const { config, untranslated, ignored } = translateDetectSecrets(JSON.stringify(baseline), '.secrets.baseline');
    expect(config.allowlist).toEqual({ paths: ['**/*.lock'], regexes: ['^dummy'], stopwords: [] });
    expect(reasons(untranslated)).toEqual([
      '- detect_secrets.filters.regex.should_exclude_line # noqa',
      '- detect_secrets.filters.regex.should_exclude_file (x|y)',
    ]);
    expect(ignored).toEqual([
      { file: '.secrets.baseline', what: 'ignored Secret Keyword at a.py:3', path: 'a.py', secretLine: 3, sha1: 'a'.repeat(40) },
    ]);
    expect(() => translateDetectSecrets('{"results": {"a.py": [{"line_number": 1}]}}', 'b')).toThrow(
      /results\.a\.py\[0\]: expected a result with hashed_secret/,
    );
  });
});

describe('secretlint translation', () => {
  it('names unknown options, unmapped disabled rules and unsupported regex flags', () => {
    const rc = {
      rules: [
        { id: '@secretlint/secretlint-rule-no-dotenv', disabled: true },
        { id: '@secretlint/secretlint-rule-github', options: { allows: ['/x/m'], enableIDScanRule: true } },
        { id: '@secretlint/secretlint-rule-pattern', options: { patterns: [{ name: 'p', pattern: 'not-a-regex' }] } },
      ],
    };
    const providers = new Map([['github-pat-classic', 'GitHub']]);
    const { config, untranslated } = translateSecretlint(JSON.stringify(rc), 'rc', providers, check);
    expect(config).toEqual({ allowlist: { paths: [], regexes: [], stopwords: [] }, rules: { disable: [], add: [] } });
    expect(reasons(untranslated)).toEqual([
      '- rule @secretlint/secretlint-rule-no-dotenv',
      '- @secretlint/secretlint-rule-github allows /x/m',
      '- @secretlint/secretlint-rule-github option enableIDScanRule',
      '- @secretlint/secretlint-rule-pattern pattern p',
    ]);
  });
});
