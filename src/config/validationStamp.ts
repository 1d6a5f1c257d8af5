import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A content hash: what a stamp records, so an edited file is validated again. */
export function contentHash(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** Whether a stamp file holds this hash (one hash per line). */
export function isStamped(stampFile: string, hash: string): boolean {
  try {
    return readFileSync(stampFile, 'utf8').split('\n').includes(hash);
  } catch {
    return false;
  }
}

/** Records a validated hash (best effort: a read-only git dir just means validating again). */
export function stamp(stampFile: string, hash: string, keep = 8): void {
  try {
    const previous = (() => {
      try {
        return readFileSync(stampFile, 'utf8').split('\n').filter(Boolean);
      } catch {
        return [];
      }
    })();
    const lines = [hash, ...previous.filter((line) => line !== hash)].slice(0, keep);
    mkdirSync(join(stampFile, '..'), { recursive: true });
    const temporary = `${stampFile}.${process.pid}.tmp`;
    writeFileSync(temporary, `${lines.join('\n')}\n`);
    renameSync(temporary, stampFile);
  } catch {
    // not writable: nothing lost, the next run validates again
  }
}
