import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { cleanEnv, CLI, TempRepo, tempDir } from '../helpers/repo';

// The bin runs the bundled CLI from V8's code cache (dist/.cache/) for the hooks. The cache may
// only ever save time: the same verdict with it, without it, and with a cache V8 must reject.

const CACHE_DIR = join(CLI, '..', '.cache');
const PACKAGE = join(CLI, '..', '..');
const { secretKey } = fakeMailjetPair('launcher');

describe('the launcher and its code cache', () => {
  const repo = new TempRepo();
  beforeAll(() => {
    repo.write('config/.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
    repo.git('add', '-A');
  });
  afterAll(() => repo.cleanup());

  it('a hook run leaves a cache for this Node, and every variant gives the same verdict', () => {
    const first = repo.leakgate(['pre-commit']);
    expect(first.status).toBe(1);
    // A blocked run leaves the cache that holds the report's code too.
    const caches = readdirSync(CACHE_DIR).filter((name) => name.startsWith(`cli-${process.version}-`) && name.endsWith('.report.v8cache'));
    expect(caches).toHaveLength(1);
    const cached = repo.leakgate(['pre-commit']);
    const plain = repo.leakgate(['pre-commit'], { env: { LEAKGATE_CODE_CACHE: '0' } });
    const cache = join(CACHE_DIR, caches[0]!);
    writeFileSync(cache, Buffer.from('not a V8 code cache'));
    const rejected = repo.leakgate(['pre-commit']);
    for (const run of [cached, plain, rejected]) {
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(first.stderr);
    }
    expect(first.stderr).toContain('config/.env:1:19');
    // The rejected cache was replaced by a real one.
    expect(statSync(cache).size).toBeGreaterThan(10_000);
    expect(repo.leakgate(['pre-commit']).stderr).toBe(first.stderr);
  });

  it('a stale report cache is replaced, by a passing run too', () => {
    // A copy of the package of its own: no other test's run writes its caches meanwhile.
    const pkg = tempDir('leakgate-launcher-');
    const clean = new TempRepo();
    try {
      for (const file of [
        'dist/leakgate.js',
        'dist/cli.js',
        'dist/catalogue.json',
        'dist/remediation.jsonl',
        'rules.json',
        'package.json',
      ]) {
        mkdirSync(dirname(join(pkg, file)), { recursive: true });
        copyFileSync(join(PACKAGE, file), join(pkg, file));
      }
      const cli = join(pkg, 'dist', 'leakgate.js');
      const run = (where: TempRepo) =>
        spawnSync(process.execPath, [cli, 'pre-commit'], { cwd: where.dir, env: cleanEnv(), encoding: 'utf8' });
      clean.write('app.js', 'module.exports = 1;\n');
      clean.git('add', '-A');
      const reportCache = join(pkg, 'dist', '.cache', `cli-${process.version}-${process.arch}.report.v8cache`);
      const plainCache = join(pkg, 'dist', '.cache', `cli-${process.version}-${process.arch}.v8cache`);
      mkdirSync(dirname(reportCache), { recursive: true });
      writeFileSync(reportCache, Buffer.from('a cache from another build'));
      const passing = run(clean);
      expect(passing.stderr).toBe('');
      expect(passing.status).toBe(0);
      expect(existsSync(reportCache)).toBe(false);
      expect(statSync(plainCache).size).toBeGreaterThan(10_000);
      // The next blocked run writes the report cache again, and the verdict is the same.
      const blocked = run(repo);
      expect(blocked.status).toBe(1);
      expect(blocked.stderr).toContain('config/.env:1:19');
      expect(statSync(reportCache).size).toBeGreaterThan(10_000);
      expect(run(repo).stderr).toBe(blocked.stderr);
    } finally {
      clean.cleanup();
      rmSync(pkg, { recursive: true, force: true });
    }
  });

  it('commands other than the hooks load the CLI plainly (install imports husky dynamically)', () => {
    const run = repo.leakgate(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
