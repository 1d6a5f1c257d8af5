import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; license: string };
const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');

/** The changelog's released sections, newest first: version, date and body. */
function releases(): { version: string; date: string; body: string }[] {
  const heading = /^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$/gm;
  const found = [...changelog.matchAll(heading)];
  return found.map((match, index) => ({
    version: match[1]!,
    date: match[2]!,
    body: changelog.slice(match.index + match[0].length, found[index + 1]?.index ?? changelog.length),
  }));
}

describe('CHANGELOG.md and the package version', () => {
  it("package.json's version is the newest released section, and that section says what changed", () => {
    const [newest] = releases();
    expect(newest?.version).toBe(manifest.version);
    expect(newest?.body).toMatch(/^### (Added|Changed|Deprecated|Removed|Fixed|Security)$/m);
    expect(newest?.body).toMatch(/^- \S/m);
  });

  it('sections run newest first, with dates that do not go back in time as versions go up', () => {
    const list = releases();
    expect(list.length).toBeGreaterThan(0);
    const numeric = (version: string) => version.split('.').map(Number);
    for (let index = 1; index < list.length; index++) {
      const [newer, older] = [list[index - 1]!, list[index]!];
      const [a, b] = [numeric(newer.version), numeric(older.version)];
      const diff = a.map((part, i) => part - (b[i] ?? 0)).find((delta) => delta !== 0) ?? 0;
      expect(diff).toBeGreaterThan(0);
      expect(newer.date >= older.date).toBe(true);
    }
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
  });

  it('LICENSE holds the license package.json names', () => {
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });
});
