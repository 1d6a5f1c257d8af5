import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { shellQuote } from './messages';
import { delimiter, dirname, isAbsolute, join, sep } from 'node:path';

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

/**
 * How a user runs this leakgate from `dir`, for the commands a report suggests: `npx leakgate` for
 * a project's own copy (in node_modules of `dir` or a folder above: npx finds it, a shell's PATH
 * does not), `leakgate` when the `leakgate` on PATH is this one (a global install), else node and
 * the bundle's path (e.g. a copy npx unpacked into its cache).
 */
export function leakgateCommand(dir: string, env: NodeJS.ProcessEnv = process.env, packageRoot: string = PACKAGE_ROOT): string {
  const installed = realpathOrSelf(packageRoot);
  for (let current = dir; ; current = dirname(current)) {
    if (realpathOrSelf(join(current, 'node_modules', 'leakgate')) === installed) return 'npx leakgate';
    if (dirname(current) === current) break;
  }
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (folder === '' || !isAbsolute(folder)) continue;
    const bin = realpathOrSelf(join(folder, 'leakgate'));
    if (bin.startsWith(`${installed}${sep}`) && existsSync(bin)) return 'leakgate';
  }
  return `node ${shellQuote(join(packageRoot, 'dist', 'leakgate.js'))}`;
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
