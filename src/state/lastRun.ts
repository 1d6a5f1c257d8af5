import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../messages';

/**
 * The fingerprints of the last blocked run, kept under the worktree's own git directory (never
 * in the work tree, never a secret), for `leakgate ignore --last`. Written to a temporary file
 * and renamed, so two hooks at once never leave a torn file. Returns a warning when it cannot be
 * written (a read-only .git): the report of the blocked run matters more than the record, and a
 * record left from an earlier run is removed when possible, so `--last` never means that run.
 */
export function recordLastRun(gitDir: string, fingerprints: readonly string[]): string {
  const directory = join(gitDir, 'leakgate');
  const target = join(directory, 'last-run.json');
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(directory, { recursive: true });
    writeFileSync(temporary, `${JSON.stringify({ fingerprints: [...new Set(fingerprints)] }, null, 2)}\n`);
    renameSync(temporary, target);
    return '';
  } catch (error) {
    for (const file of [temporary, target]) {
      try {
        rmSync(file, { force: true });
      } catch {
        // as unwritable as the rest: `ignore --last` may then name an earlier run (the warning says so)
      }
    }
    return `${messages.lastRunNotRecorded((error as NodeJS.ErrnoException).code ?? 'error')}\n`;
  }
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
