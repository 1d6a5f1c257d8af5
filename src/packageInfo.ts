import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The installed package's root (where package.json, rules.json and hooks/ are), found by walking
 * up from this file: the same code runs from dist/ as separate modules and as one bundle.
 */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'rules.json')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(start, '..', '..');
  }
}

/** The bundled CLI the hooks run. */
export const CLI_BUNDLE = join(PACKAGE_ROOT, 'dist', 'leakgate.js');

let cachedManifest: { version: string; homepage?: unknown } | undefined;

function manifest(): { version: string; homepage?: unknown } {
  cachedManifest ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string; homepage?: unknown };
  return cachedManifest;
}

/** This package's version (package.json). */
export function packageVersion(): string {
  return manifest().version;
}

/**
 * The package's public page (package.json `homepage`), or undefined while it has none: a report
 * links only to a page that exists, never to a guessed one.
 */
export function packageHomepage(): string | undefined {
  const homepage = manifest().homepage;
  return typeof homepage === 'string' && /^https:\/\//.test(homepage) ? homepage : undefined;
}
