import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { CLI, TempRepo } from '../helpers/repo';

// The bin runs the bundled CLI from V8's code cache (dist/.cache/) for the hooks. The cache may
// only ever save time: the same verdict with it, without it, and with a cache V8 must reject.

const CACHE_DIR = join(CLI, '..', '.cache');
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
    const caches = readdirSync(CACHE_DIR).filter((name) => name.startsWith(`cli-${process.version}-`));
    expect(caches).toHaveLength(1);
    const cached = repo.leakgate(['pre-commit']);
    const plain = repo.leakgate(['pre-commit'], { env: { LEAKGATE_CODE_CACHE: '0' } });
    writeFileSync(join(CACHE_DIR, caches[0]), Buffer.from('not a V8 code cache'));
    const rejected = repo.leakgate(['pre-commit']);
    for (const run of [cached, plain, rejected]) {
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(first.stderr);
    }
    expect(first.stderr).toContain('config/.env:1:19');
    // The rejected cache was replaced by a real one.
    expect(statSync(join(CACHE_DIR, caches[0])).size).toBeGreaterThan(10_000);
    expect(repo.leakgate(['pre-commit']).stderr).toBe(first.stderr);
  });

  it('commands other than the hooks load the CLI plainly (install imports husky dynamically)', () => {
    const run = repo.leakgate(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
