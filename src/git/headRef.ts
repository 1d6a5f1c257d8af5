import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Whether HEAD names a commit, read from the files git keeps it in, or undefined when only git
 * can tell (reftable storage, anything unexpected). A blocked commit asks this to word its fix
 * (`git rm --cached` before the first commit, `git restore --staged` after); asking git would
 * cost the hook a process (bench/NOTES.md, "Hook start-up").
 */
export function headFromFiles(gitDir: string): boolean | undefined {
  const head = readText(join(gitDir, 'HEAD'))?.trim();
  if (head === undefined) return undefined;
  // Detached: HEAD holds the commit id itself.
  if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(head)) return true;
  const ref = /^ref: (refs\/\S+)$/.exec(head)?.[1];
  if (!ref || ref.split('/').includes('..')) return undefined;
  const commonDir = commonDirOf(gitDir);
  // reftable keeps refs in binary tables (and HEAD names a placeholder branch): git must answer.
  if (existsSync(join(commonDir, 'reftable'))) return undefined;
  // Loose refs: per-worktree ones sit in the worktree's git dir, the rest in the common dir.
  for (const dir of gitDir === commonDir ? [gitDir] : [gitDir, commonDir]) {
    const loose = readText(join(dir, ref));
    if (loose !== undefined) return /^(?:[0-9a-f]{40}|[0-9a-f]{64})\s*$/.test(loose) ? true : undefined;
  }
  const packed = readText(join(commonDir, 'packed-refs'));
  if (packed === undefined) return false;
  return packed.split('\n').some((line) => line.endsWith(` ${ref}`) && /^[0-9a-f]{40,64} /.test(line));
}

/** A worktree's git dir names the shared one in `commondir`; the main git dir is its own. */
export function commonDirOf(gitDir: string): string {
  const pointer = readText(join(gitDir, 'commondir'))?.trim();
  return pointer ? resolve(gitDir, pointer) : gitDir;
}

/** A file's text; undefined when it is missing or not a file. */
function readText(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'latin1') : undefined;
  } catch {
    return undefined;
  }
}
