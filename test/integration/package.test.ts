import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, tempDir } from '../helpers/repo';

// The product is the packed tarball: what it holds and what installing it does to a consumer.
const tarball = process.env.LEAKGATE_TARBALL!;
const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };
/** The scripts npm runs, or lists as install scripts, when a package is installed as a dependency. */
/** Every file under `dir`, as `dist/…` paths. */
function builtFiles(dir: string, prefix = 'dist'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? builtFiles(join(dir, entry.name), `${prefix}/${entry.name}`) : [`${prefix}/${entry.name}`],
  );
}
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];

describe('the packed package', () => {
  it('ships what runs (the bundle, the hooks, the rules, LICENSE, CHANGELOG) and no build tooling or sources', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, ''));
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'rules.json',
      'hooks/run.sh',
      'hooks/git-hook.sh',
      'hooks/husky-block.sh',
    ]) {
      expect(files).toContain(needed);
    }
    // Everything the build made (the bundle, its data files, the modules), build tooling aside.
    const built = builtFiles(join(root, 'dist')).filter((path) => !path.startsWith('dist/build/') && !path.startsWith('dist/.cache/'));
    expect(built).toContain('dist/leakgate.js');
    expect(files.filter((path) => path.startsWith('dist/')).sort()).toEqual(built.sort());
    expect(files.filter((path) => path.startsWith('dist/build/'))).toEqual([]);
    expect(files.filter((path) => /^(src|test|bench|\.ci|\.husky)\//.test(path))).toEqual([]);
    expect(files.filter((path) => /(^|\/)(tsconfig\.json|biome\.jsonc|action\.yml|\.pre-commit-hooks\.yaml)$/.test(path))).toEqual([]);
  });

  it('has no install script for npm to run or warn about; this repository sets itself up from the dependencies script', () => {
    expect(INSTALL_SCRIPTS.filter((name) => name in manifest.scripts)).toEqual([]);
    // npm runs `dependencies` only in the project whose node_modules changed: here, never in a consumer.
    expect(manifest.scripts.dependencies).toMatch(/npm run build && husky/);
  });

  it('npm pack runs no script: the pre-commit framework takes what it prints as the tarball name', () => {
    // npm pack runs prepack, prepare and postpack, and their banners go to the same stdout.
    expect(['prepack', 'prepare', 'postpack'].filter((name) => name in manifest.scripts)).toEqual([]);
    expect(manifest.scripts.prepublishOnly).toBe('npm run build');
  });

  it('installs into a fresh project without a warning, without running any script of its own, and runs', () => {
    const project = tempDir('leakgate-consumer-');
    try {
      writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2)}\n`);
      // --foreground-scripts: a script that ran would print its `> leakgate@… <script>` banner here.
      const installed = spawnSync(
        'npm',
        ['install', '--save-dev', tarball, '--foreground-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn'],
        { cwd: project, env: cleanEnv(), encoding: 'utf8' },
      );
      expect(installed.status).toBe(0);
      const output = installed.stdout + installed.stderr;
      expect(output).not.toMatch(/npm warn/i);
      expect(output).not.toMatch(/install-scripts|allowScripts/);
      expect(output).not.toMatch(/> leakgate@/);
      const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
      expect(lock.packages['node_modules/leakgate'].version).toBe(manifest.version);
      expect(lock.packages['node_modules/leakgate']).not.toHaveProperty('hasInstallScript');
      const version = execFileSync(join(project, 'node_modules', '.bin', 'leakgate'), ['--version'], { cwd: project, encoding: 'utf8' });
      expect(version.trim()).toBe(manifest.version);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
