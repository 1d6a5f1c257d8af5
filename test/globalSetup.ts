import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Packs the package once for every test that installs it (the tarball is the product), and
 * checks the build the integration tests run is there.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..');
  const destination = mkdtempSync(join(tmpdir(), 'leakgate-pack-'));
  execFileSync('npm', ['pack', '--pack-destination', destination, '--ignore-scripts', '--silent'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  process.env.LEAKGATE_TARBALL = join(destination, tarball);
  process.env.LEAKGATE_PACK_DIR = destination;
}
