import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A content hash: what a stamp records, so an edited file is validated again. Two FNV-1a lanes
 * (64 bits) plus the length: enough to notice any edit, and no crypto module to load on the
 * hook's start-up path (this is a cache key, not a security boundary).
 */
export function contentHash(...parts: string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  let length = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const code = part.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0, 0x01000193);
    length += part.length + 1;
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}-${length}`;
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
