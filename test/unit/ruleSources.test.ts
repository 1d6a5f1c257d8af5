import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleRules, catalogueText, RuleSourceError, ruleSourceJsonSchema, SOURCE_SCHEMA_NAME } from '../../src/build/assembleRules';
import { BUILTIN_RULES_PATH } from '../../src/config/loadRules';
import { FAMILIES } from '../../src/config/ruleSchema';
import { PACKAGE_ROOT } from '../../src/packageInfo';
import { fakeHex } from '../helpers/fakeSecrets';

const RULES_DIR = join(PACKAGE_ROOT, 'rules');

describe('rules/ sources', () => {
  // Assembling runs every example of every rule: minutes on a loaded machine as the catalogue grows.
  it('build exactly the committed rules.json', () => {
    expect(catalogueText(assembleRules(RULES_DIR))).toBe(readFileSync(BUILTIN_RULES_PATH, 'utf8'));
  }, 300_000);

  it('come with the JSON Schema the zod schema generates', () => {
    expect(readFileSync(join(RULES_DIR, SOURCE_SCHEMA_NAME), 'utf8')).toBe(ruleSourceJsonSchema());
    const schema = JSON.parse(ruleSourceJsonSchema()) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'rules', 'pairs']);
  });

  it('order rules.json by family, as FAMILIES lists them', () => {
    const { rules } = JSON.parse(readFileSync(BUILTIN_RULES_PATH, 'utf8')) as { rules: { family: (typeof FAMILIES)[number] }[] };
    const ranks = rules.map((rule) => FAMILIES.indexOf(rule.family));
    expect(ranks).not.toContain(-1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

/** A rule source that builds: a keyed shape, pinned positives, negatives with the keyword. */
function acmeRule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const key = fakeHex('acme-source');
  return {
    id: 'acme-api-key',
    provider: 'Acme',
    family: 'chat',
    description: 'Acme API key',
    keywords: ['acme'],
    shape: { kind: 'keyed', alphabet: 'hex', length: 32 },
    remediation: {
      envVar: 'ACME_API_KEY',
      why: 'It reads and writes everything in the Acme account.',
      revoke: 'Acme dashboard → Settings → API keys: create a new key, deploy it, delete the old one.',
      investigate: 'Acme audit log: calls from unknown addresses.',
      dashboard: 'Acme dashboard → Settings → API keys',
    },
    examples: {
      positive: [
        { text: `ACME_API_KEY=${key}`, secret: key },
        { path: 'config/app.yaml', text: `acme:\n  api_key: "${key}"`, secret: key },
      ],
      negative: ['ACME_API_KEY=${ACME_API_KEY}', `acme_key = "${key.slice(0, 20)}"`],
    },
    ...overrides,
  };
}

describe('assembling sources', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leakgate-rules-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, rules: unknown[], pairs?: unknown[]) =>
    writeFileSync(join(dir, name), JSON.stringify({ $schema: `./${SOURCE_SCHEMA_NAME}`, rules, ...(pairs ? { pairs } : {}) }));

  /** The problems a broken rules directory is refused with. */
  const problemsOf = () => {
    try {
      assembleRules(dir, 'rules');
    } catch (error) {
      expect(error).toBeInstanceOf(RuleSourceError);
      return (error as RuleSourceError).problems;
    }
    throw new Error('the sources assembled');
  };

  it('expands a shape and pins each positive by its secret', () => {
    write('acme.json', [acmeRule()]);
    const [rule] = assembleRules(dir).rules;
    expect(rule!.regex).toMatch(/^\(\?i\)\(\?:acme\)/);
    expect(rule!.examples.positive).toEqual([
      expect.objectContaining({ line: 1, column: 14, redacted: expect.stringMatching(/^[0-9a-f]{4}…$/) }),
      expect.objectContaining({ path: 'config/app.yaml', line: 2, column: 13 }),
    ]);
  });

  it('defaults a pair to its halves provider, and keywords to a prefix', () => {
    const token = `acmt_${fakeHex('acme-token', 40)}`;
    const prefixed = acmeRule({
      id: 'acme-token',
      keywords: undefined,
      shape: { kind: 'prefixed', prefix: 'acmt_', alphabet: 'hex', length: 40 },
      examples: {
        positive: [
          { text: `ACME_TOKEN=${token}`, secret: token },
          { text: `token: "${token}"`, secret: token },
        ],
        negative: ['acmt_${TOKEN}', `acmt_${fakeHex('short', 39)}`],
      },
    });
    write(
      'acme.json',
      [acmeRule(), prefixed],
      [{ id: 'acme-key-pair', description: 'Acme key and token', halves: ['acme-api-key', 'acme-token'] }],
    );
    const catalogue = assembleRules(dir);
    expect(catalogue.rules[1]!.keywords).toEqual(['acmt_']);
    expect(catalogue.pairs).toEqual([
      { id: 'acme-key-pair', provider: 'Acme', description: 'Acme key and token', halves: ['acme-api-key', 'acme-token'] },
    ]);
  });

  it('refuses a positive the rule does not report at its pin, naming file and rule', () => {
    const key = fakeHex('pin');
    write('acme.json', [
      acmeRule({
        examples: {
          positive: [{ text: `ACME_API_KEY=${key}`, line: 1, column: 2, redacted: `${key.slice(0, 4)}…` }, `ACME_API_KEY=${key}`],
          negative: ['acme_key = 1', 'acme_key = 2'],
        },
      }),
    ]);
    const problems = problemsOf();
    expect(problems).toEqual([
      expect.stringMatching(/^rules\/acme\.json: acme-api-key: positive example 0 is not reported at line 1, column 2 .*found: 1:14/),
      expect.stringMatching(/^rules\/acme\.json: acme-api-key: positive example 1 is not pinned/),
    ]);
    expect(problems.join('\n')).not.toContain(key);
  });

  it('refuses a negative without a keyword: it would only test the prefilter', () => {
    write('acme.json', [acmeRule({ examples: { ...(acmeRule().examples as object), negative: ['acme_key = 1', 'API_KEY=${API_KEY}'] } })]);
    expect(problemsOf()).toEqual([
      "rules/acme.json: acme-api-key: negative example 1 holds none of the rule's keywords, so only the prefilter is tested: put a keyword in it",
    ]);
  });

  it('refuses a negative the rule reports', () => {
    const key = fakeHex('negative');
    write('acme.json', [acmeRule({ examples: { ...(acmeRule().examples as object), negative: ['acme_key = 1', `ACME_KEY=${key}`] } })]);
    expect(problemsOf()).toEqual(['rules/acme.json: acme-api-key: negative example 1 is reported by this rule']);
  });

  it('refuses an id taken in another file, a shape with a regex, a regex the catalogue refuses', () => {
    write('acme.json', [acmeRule()]);
    write('acme2.json', [
      acmeRule(),
      acmeRule({ id: 'acme-both', regex: '(x)' }),
      acmeRule({ id: 'acme-nested', shape: undefined, regex: 'acme=((?:a+)+)' }),
    ]);
    const problems = problemsOf();
    expect(problems[0]).toBe('rules/acme2.json: acme-api-key: this id is already a rule in rules/acme.json');
    expect(problems[1]).toMatch(/^rules\/acme2\.json: acme-both: shape: a rule gives a shape or a regex, not both/);
    expect(problems[2]).toMatch(/rules\/acme2\.json: acme-nested is not valid:\n.*regex: .*nested/);
  });

  it('refuses a source that is not JSON or not a source, naming the file', () => {
    writeFileSync(join(dir, 'broken.json'), '{ "rules": [');
    write('odd.json', [acmeRule({ id: 'Not Kebab', colour: 'blue' })]);
    const problems = problemsOf();
    expect(problems[0]).toMatch(/^rules\/broken\.json: expected valid JSON/);
    expect(problems[1]).toMatch(/^rules\/odd\.json: Not Kebab is not valid:\n\s+id: /);
    expect(problems[1]).toMatch(/colour/);
  });

  it('refuses remediation with neither docs nor dashboard', () => {
    const { dashboard: _dashboard, ...remediation } = acmeRule().remediation as Record<string, string>;
    write('acme.json', [acmeRule({ remediation })]);
    expect(problemsOf()[0]).toMatch(/remediation\.docs: .*docs URL, or .*dashboard/);
  });
});
