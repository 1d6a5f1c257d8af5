import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { leakgateCommand } from '../../src/packageInfo';
import { tempDir } from '../helpers/repo';

/** The command a report names leakgate by: what works in the user's shell for the copy that runs. */
describe('leakgateCommand', () => {
  let root: string;
  let installed: string;
  beforeEach(() => {
    root = tempDir('leakgate-invocation-');
    installed = join(root, 'somewhere', 'leakgate');
    mkdirSync(join(installed, 'dist'), { recursive: true });
    writeFileSync(join(installed, 'dist', 'leakgate.js'), '');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is npx leakgate for a copy in node_modules of the project or a folder above', () => {
    const project = join(root, 'project');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    symlinkSync(installed, join(project, 'node_modules', 'leakgate'));
    mkdirSync(join(project, 'packages', 'app'), { recursive: true });
    expect(leakgateCommand(project, { PATH: '' }, installed)).toBe('npx leakgate');
    expect(leakgateCommand(join(project, 'packages', 'app'), { PATH: '' }, installed)).toBe('npx leakgate');
  });

  it('is leakgate when the leakgate on PATH is this copy (a global install)', () => {
    const bin = join(root, 'prefix', 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(join(installed, 'dist', 'leakgate.js'), join(bin, 'leakgate'));
    expect(leakgateCommand(join(root, 'elsewhere'), { PATH: `/nonexistent:${bin}` }, installed)).toBe('leakgate');
  });

  it('is node and the bundle when neither finds this copy (another leakgate on PATH does not count)', () => {
    const other = join(root, 'other', 'bin');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'leakgate'), '');
    expect(leakgateCommand(join(root, 'project'), { PATH: other }, installed)).toBe(`node ${join(installed, 'dist', 'leakgate.js')}`);
  });
});
