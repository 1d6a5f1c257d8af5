import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file's content before `leakgate fix` rewrote it: the staged copy, the work tree's, or both. */
export interface BackupFile {
  path: string;
  copy: 'index' | 'worktree';
  content: Buffer;
}

/**
 * Keeps the original files under the worktree's git directory, readable only by the user: they
 * hold the secret, like .env, and like it they are never tracked. Returns the folder.
 */
export function saveFixBackup(gitDir: string, files: readonly BackupFile[], now = new Date()): string {
  const root = join(gitDir, 'leakgate', 'fix-backup');
  const folder = join(root, now.toISOString().replace(/[:.]/g, '-'));
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700);
  for (const file of files) {
    const target = join(folder, file.copy, file.path);
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, file.content, { mode: 0o600 });
    chmodSync(target, 0o600);
  }
  return folder;
}
