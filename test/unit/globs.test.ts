import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globMatcher, simpleGlob } from '../../src/detect/compile';

// Rule globs are matched by plain string tests where they are simple (simpleGlob); picomatch
// decides the rest. Both must agree on every path.

const rulesGlobs: string[] = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'rules.json'), 'utf8')) as { rules: { path?: string }[] }
).rules
  .map((rule) => rule.path)
  .filter((path): path is string => path !== undefined);

const shapes = [
  '*.pem',
  '**/*.pem',
  'id_rsa',
  '**/id_rsa',
  '.env*',
  '**/.env.*',
  '{.npmrc,.yarnrc.yml}',
  '*.{p12,pfx}',
  '{.env,.env.*,*.env,*.ini}',
  'config/*.json',
  '{a/b,c}',
  '*',
  'a?c',
  '[ab].txt',
];

const names = [
  '.env',
  '.env.local',
  '.env.',
  'x.env',
  '.envrc',
  'env',
  'a.ini',
  'a.ini.bak',
  '.npmrc',
  '.yarnrc.yml',
  '.yarnrc',
  'x.npmrc',
  'npmrc',
  'cert.p12',
  'cert.pfx',
  'cert.P12',
  'p12',
  '.p12',
  'key.pem',
  'id_rsa',
  'id_rsa.pub',
  'a.tfstate',
  'a.tfstate.backup',
  'tfstate',
  'x.jks',
  'gradle.properties',
  'settings.xml',
  'config.json',
  'abc',
  'a.private-key.pem',
  '.git-credentials',
  'b.txt',
  'c',
];
const paths = names.flatMap((name) => [name, `dir/${name}`, `deep/er/${name}`, `${name}/inside.txt`]);

describe('simpleGlob agrees with picomatch', () => {
  it('takes the usual rule globs, braces included, off picomatch', () => {
    for (const glob of ['*.pem', '**/*.pem', 'id_rsa', '**/id_rsa', '{.npmrc,.yarnrc.yml}', '*.{p12,pfx}', '*.{tfstate,tfstate.backup}']) {
      expect({ glob, simple: simpleGlob(glob) !== undefined }).toEqual({ glob, simple: true });
    }
    expect(rulesGlobs.filter((glob) => simpleGlob(glob) !== undefined).length).toBeGreaterThan(rulesGlobs.length / 2);
  });

  it.each([...rulesGlobs, ...shapes])('%s', (glob) => {
    const simple = simpleGlob(glob);
    const full = globMatcher([glob]);
    if (!simple) return; // picomatch alone decides this one
    for (const path of paths) expect({ path, matches: simple(path) }).toEqual({ path, matches: full(path) });
  });

  it('leaves globs it cannot prove to picomatch', () => {
    for (const glob of ['config/*.json', '{a/b,c}', '*', 'a?c', '[ab].txt', '*.{p12,[ab]}', '.env*', '{.env,.env.*}'])
      expect(simpleGlob(glob)).toBeUndefined();
  });
});
