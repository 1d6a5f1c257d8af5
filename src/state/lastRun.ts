import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The fingerprints of the last blocked run, kept under the worktree's own git directory (never
 * in the work tree, never a secret), for `leakgate ignore --last`. Written to a temporary file
 * and renamed, so two hooks at once never leave a torn file.
 */
export function recordLastRun(gitDir: string, fingerprints: readonly string[]): void {
  const directory = join(gitDir, 'leakgate');
  mkdirSync(directory, { recursive: true });
  const target = join(directory, 'last-run.json');
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ fingerprints: [...new Set(fingerprints)] }, null, 2)}\n`);
  renameSync(temporary, target);
}

/** The fingerprints recorded by the last blocked run, or [] when there was none. */
export function readLastRun(gitDir: string): string[] {
  try {
    const data = JSON.parse(readFileSync(join(gitDir, 'leakgate', 'last-run.json'), 'utf8')) as { fingerprints?: unknown };
    return Array.isArray(data.fingerprints) ? data.fingerprints.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}
