import { withDefaults } from '../../src/config/userConfig';
import {
  describeWidening,
  looseView,
  showValue,
  viewOf,
  wideningFinding,
  wideningsBetween,
  withAccepted,
  type Widening,
} from '../../src/sources/configWidening';

const builtIns = new Set(['aws-access-key', 'github-pat']);
const config = (value: unknown) => ({ '.leakgate.json': JSON.stringify(value, null, 2) });
const view = (texts: Parameters<typeof looseView>[0]) => looseView(texts, builtIns);
const summaries = (widenings: Widening[]) => widenings.map(describeWidening);

describe('config widenings between a commit and its parents', () => {
  it('reports new allowlist entries, disabled rules, replaced built-ins, a bigger maxFileSize and new baseline fingerprints', () => {
    const parent = view(config({ allowlist: { paths: ['docs/**'] }, maxFileSize: '1MB' }));
    const child = view({
      ...config({
        allowlist: { paths: ['docs/**', '**'], regexes: ['^x'], stopwords: ['demo'], fingerprints: ['a.js:github-pat:0123456789abcdef'] },
        rules: {
          disable: ['github-pat'],
          add: [
            { id: 'aws-access-key', provider: 'AWS', description: 'weaker', regex: 'never' },
            { id: 'acme-token', provider: 'Acme', description: 'new', regex: 'acme_(\\w+)' },
          ],
        },
        maxFileSize: '2MB',
        timeBudget: 999,
      }),
      '.leakgate-baseline.json': JSON.stringify({ version: 1, fingerprints: ['b.js:github-pat:fedcba9876543210'] }),
    });
    expect(summaries(wideningsBetween(child, [parent]))).toEqual([
      'allowlist.paths += "**"',
      'allowlist.regexes += "^x"',
      'allowlist.stopwords += "demo"',
      'allowlist.fingerprints += "a.js:github-pat:0123456789abcdef"',
      'rules.disable += "github-pat"',
      'rules.add replaces built-in "aws-access-key"',
      'maxFileSize raised from 1 MiB to 2 MiB',
      '.leakgate-baseline.json += "b.js:github-pat:fedcba9876543210"',
    ]);
  });

  it('reports nothing for a narrowing, a new rule of its own, or a timeBudget change', () => {
    const parent = view(
      config({ allowlist: { paths: ['docs/**', 'test/**'] }, rules: { disable: ['github-pat'] }, maxFileSize: '5MB', timeBudget: 10 }),
    );
    const child = view(
      config({
        allowlist: { paths: ['docs/**'] },
        rules: { add: [{ id: 'acme-token', provider: 'Acme', description: 'x', regex: 'acme_(\\w+)' }] },
        maxFileSize: '1MB',
        timeBudget: 600,
      }),
    );
    expect(wideningsBetween(child, [parent])).toEqual([]);
  });

  it("reports dropping or changing one of the team's own rules (a changed regex may match nothing), not adding one", () => {
    const acme = { id: 'acme-token', provider: 'Acme', description: 'Acme token', regex: 'acme_(\\w{32})' };
    const parent = view(config({ rules: { add: [acme] } }));
    expect(summaries(wideningsBetween(view(config({})), [parent]))).toEqual(['rules.add drops "acme-token"']);
    expect(summaries(wideningsBetween(view(config({ rules: { add: [{ ...acme, regex: 'never(x)' }] } })), [parent]))).toEqual([
      'rules.add changes "acme-token"',
    ]);
    expect(wideningsBetween(parent, [view(config({}))])).toEqual([]);
    // The trusted config never had it: dropping it loosens nothing that judges the scan.
    expect(wideningsBetween(view(config({})), [parent], viewOf(withDefaults({}), undefined, new Set(), builtIns))).toEqual([]);
    // Accepted, the drop applies on top of the trusted config.
    const trusted = withDefaults({ rules: { add: [acme] } });
    const child = view(config({}));
    const judged = withAccepted(
      trusted,
      new Set(),
      wideningsBetween(child, [parent]).map((widening) => ({ widening, view: child })),
    );
    expect(judged.config.rules.add).toEqual([]);
  });

  it('a config newly appearing widens by what it holds; deleting a small maxFileSize raises it to the default', () => {
    expect(summaries(wideningsBetween(view(config({ allowlist: { paths: ['**'] } })), [view({})]))).toEqual(['allowlist.paths += "**"']);
    expect(summaries(wideningsBetween(view({}), [view(config({ maxFileSize: '1KB' }))]))).toEqual([
      'maxFileSize raised from 1 KiB to 10 MiB',
    ]);
    // A root commit has no parent: everything it holds is new.
    expect(summaries(wideningsBetween(view(config({ rules: { disable: ['github-pat'] } })), []))).toEqual([
      'rules.disable += "github-pat"',
    ]);
  });

  it('reads package.json#leakgate, and reports moving the config between the two files', () => {
    const inPackage = view({ 'package.json': JSON.stringify({ name: 'app', leakgate: { allowlist: { paths: ['docs/**'] } } }) });
    const inFile = view(config({ allowlist: { paths: ['docs/**'] } }));
    expect(summaries(wideningsBetween(inPackage, [inFile]))).toEqual(['config moved from .leakgate.json to package.json#leakgate']);
    expect(wideningsBetween(inPackage, [inFile])[0]!.file).toBe('package.json');
    expect(summaries(wideningsBetween(inFile, [inPackage]))).toEqual(['config moved from package.json#leakgate to .leakgate.json']);
    // .leakgate.json wins over package.json, as when loading.
    expect(
      view({ ...config({}), 'package.json': JSON.stringify({ leakgate: { allowlist: { paths: ['**'] } } }) }).lists['allowlist.paths'].size,
    ).toBe(0);
  });

  it('a merge brings nothing new by taking one side; a conflict resolution that adds an entry is new', () => {
    const left = view(config({ allowlist: { paths: ['a/**'] } }));
    const right = view(config({ allowlist: { paths: ['b/**'] } }));
    expect(wideningsBetween(view(config({ allowlist: { paths: ['a/**', 'b/**'] } })), [left, right])).toEqual([]);
    expect(summaries(wideningsBetween(view(config({ allowlist: { paths: ['a/**', 'b/**', '**'] } })), [left, right]))).toEqual([
      'allowlist.paths += "**"',
    ]);
  });

  it('entries the trusted config already holds are not new', () => {
    const trusted = viewOf(
      withDefaults({ allowlist: { paths: ['docs/**'] }, maxFileSize: '20MB' }),
      '.leakgate.json',
      new Set(['x:github-pat:0000000000000000']),
      builtIns,
    );
    const child = view({
      ...config({ allowlist: { paths: ['docs/**', '**'] }, maxFileSize: '15MB' }),
      '.leakgate-baseline.json': JSON.stringify({ version: 1, fingerprints: ['x:github-pat:0000000000000000'] }),
    });
    expect(summaries(wideningsBetween(child, [view({})], trusted))).toEqual(['allowlist.paths += "**"']);
  });

  it('a broken config is read as holding nothing, so its repair shows what it adds', () => {
    expect(view({ '.leakgate.json': '{ not json' }).lists['allowlist.paths'].size).toBe(0);
    expect(summaries(wideningsBetween(view(config({ allowlist: { paths: ['**'] } })), [view({ '.leakgate.json': '{ not json' })]))).toEqual(
      ['allowlist.paths += "**"'],
    );
  });
});

describe('how a widening is shown', () => {
  it('caps long values and shows at most 4 characters of a long stopword or regex (it may be the secret itself)', () => {
    const secretish = 'abcd'.repeat(10);
    expect(showValue(secretish, 'secretish')).toBe('"abcd…" (40 characters)');
    expect(showValue('demo', 'secretish')).toBe('"demo"');
    expect(showValue('p'.repeat(100), 'plain')).toBe(`"${'p'.repeat(32)}…" (100 characters)`);
    expect(showValue('\u001b]0;title\u0007\u009b2J', 'plain')).toBe('"\\u001b]0;title\\u0007\\u009b2J"');
    const many: Widening = { key: 'allowlist.paths', file: '.leakgate.json', values: ['a', 'b', 'c', 'd', 'e'] };
    expect(describeWidening(many)).toBe('allowlist.paths += "a", "b", "c" and 2 more');
  });

  it('the finding names the file, the line of the entry and the commit; its fingerprint changes with the commit and the change', () => {
    const child = view(config({ allowlist: { paths: ['docs/**', '**'] } }));
    const [widening] = wideningsBetween(child, [view({})]);
    const finding = wideningFinding('a'.repeat(40), widening!, child);
    expect(finding).toMatchObject({
      ruleId: 'leakgate-config-widened',
      provider: 'leakgate',
      path: '.leakgate.json',
      commit: { sha: 'a'.repeat(40) },
    });
    expect(finding.spans[0]!.line).toBe(4);
    expect(finding.description).toContain('allowlist.paths += "docs/**", "**"');
    expect(finding.fingerprint).toMatch(/^\.leakgate\.json:leakgate-config-widened:v2-[0-9a-f]{16}$/);
    expect(wideningFinding('b'.repeat(40), widening!, child).fingerprint).not.toBe(finding.fingerprint);
    const [other] = wideningsBetween(view(config({ allowlist: { paths: ['src/**'] } })), [view({})]);
    expect(wideningFinding('a'.repeat(40), other!, child).fingerprint).not.toBe(finding.fingerprint);
  });
});

describe('accepted widenings apply on top of the trusted config', () => {
  it('adds entries, replaces the built-in rule, raises maxFileSize and extends the baseline', () => {
    const child = view({
      ...config({
        allowlist: { paths: ['fixtures/**'] },
        rules: { add: [{ id: 'aws-access-key', provider: 'AWS', description: 'mine', regex: 'AKIA(\\w{16})' }] },
        maxFileSize: '20MB',
      }),
      '.leakgate-baseline.json': JSON.stringify({ version: 1, fingerprints: ['f:github-pat:1111111111111111'] }),
    });
    const widenings = wideningsBetween(child, [view({})]);
    const judged = withAccepted(
      withDefaults({ allowlist: { paths: ['docs/**'] } }),
      new Set(),
      widenings.map((widening) => ({ widening, view: child })),
    );
    expect(judged.config.allowlist.paths).toEqual(['docs/**', 'fixtures/**']);
    expect(judged.config.rules.add.map((rule) => rule.description)).toEqual(['mine']);
    expect(judged.config.maxFileSize).toBe(20 * 1024 * 1024);
    expect([...judged.baseline]).toEqual(['f:github-pat:1111111111111111']);
  });
});
