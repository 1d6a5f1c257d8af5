import { loadRules } from '../../src/config/loadRules';
import { USAGE_SHAPE_EXCLUSIONS, USAGE_SHAPES, usageShapeOf, usageShapesOf } from '../../src/build/usageShapes';

// Issue 15, point 6: every provider rule is shown to find its credential in the shapes people
// write it in: an env file, code (an SDK client), YAML and JSON config.

describe('usageShapeOf names the shape of a positive example', () => {
  it.each([
    [{ path: '.env', text: 'ACME_API_KEY=abc' }, 'env'],
    [{ path: 'deploy/.env.production', text: 'ACME_API_KEY=abc' }, 'env'],
    [{ text: 'ACME_API_KEY=abc\nexport ACME_SECRET=def' }, 'env'],
    [{ path: 'src/acme.js', text: "new Acme({ apiKey: 'abc' })" }, 'code'],
    [{ text: "const acme = require('acme')('abc');" }, 'code'],
    [{ text: 'acme_key = "abc"' }, 'code'],
    [{ path: 'config/acme.yaml', text: 'acme:\n  api_key: abc' }, 'yaml'],
    [{ text: 'acme:\n  api_key: "abc"' }, 'yaml'],
    [{ path: 'appsettings.json', text: '{"Acme": {"ApiKey": "abc"}}' }, 'json'],
    [{ text: '{\n  "acme": { "api_key": "abc" }\n}' }, 'json'],
  ] as const)('%j is %s', (example, shape) => {
    expect(usageShapeOf(example)).toBe(shape);
  });

  it.each([
    [{ text: 'acme_api_key: "abc"' }, 'one flat key: any config format'],
    [{ text: 'curl -H "Authorization: Bearer abc" https://api.acme.test' }, 'a shell command'],
    [{ path: '.netrc', text: 'machine acme.test login me password abc' }, 'a file format of its own'],
    [{ text: '{ not json' }, 'broken JSON'],
  ])('%j is none of them (%s)', (example, _why) => {
    expect(usageShapeOf(example)).toBeUndefined();
  });

  it('lists the shapes of a rule’s positives in order, once each', () => {
    expect(usageShapesOf(['ACME_KEY=1', { path: 'a.yaml', text: 'x: 1' }, 'ACME_TOKEN=2'])).toEqual(['env', 'yaml']);
  });
});

describe('the catalogue', () => {
  const providerRules = loadRules().rules.filter(
    (rule) => rule.family !== 'generic' && rule.regex !== undefined && rule.path === undefined,
  );

  it('shows every provider rule finding its credential in the four usage shapes, but for the listed exceptions', () => {
    const missing = providerRules.flatMap((rule) => {
      const excluded = USAGE_SHAPE_EXCLUSIONS[rule.id]?.shapes;
      if (excluded === 'all') return [];
      const shown = usageShapesOf(rule.examples.positive);
      return USAGE_SHAPES.filter((shape) => !shown.includes(shape) && !excluded?.includes(shape)).map((shape) => `${rule.id}: ${shape}`);
    });
    expect(providerRules.length).toBeGreaterThan(1000);
    expect(missing).toEqual([]);
  });

  it('lists exceptions only for rules that exist, each with its reason', () => {
    const ids = new Set(providerRules.map((rule) => rule.id));
    for (const [id, { reason }] of Object.entries(USAGE_SHAPE_EXCLUSIONS)) {
      expect(ids.has(id) ? id : `${id} (no such rule)`).toBe(id);
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});
