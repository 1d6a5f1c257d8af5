import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { isSymlink, type DiffEntry } from './diffParser';

/**
 * A staged file's content taken from the work tree when the work-tree file hashes to the very
 * blob id that is staged: then its bytes are the staged bytes, exactly. git's own diff reuses
 * work-tree files the same way. Reading files directly and hashing them costs a fraction of
 * streaming every blob out of `git cat-file` through a pipe (measured on 5,000 added files /
 * 50 MB: cat-file into a pipe 1.2 s, of which 0.8 s kernel time, against 0.6 s into /dev/null).
 *
 * Anything else (a file changed since `git add`, end-of-line or clean filters, a symbolic link,
 * a file over the size limit, one that cannot be read) gives undefined: the blob is then read
 * from git. The bytes are valid until the next call.
 */
export class WorkTreeBlobs {
  private buffer = Buffer.allocUnsafeSlow(1024 * 1024);
  private readonly crypto = require('node:crypto') as typeof import('node:crypto');

  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
  ) {}

  read(entry: DiffEntry): Buffer | undefined {
    if (isSymlink(entry)) return undefined; // its blob is the link's target, not a file to open
    const bytes = this.readFile(join(this.root, entry.path));
    if (!bytes) return undefined;
    const algorithm = entry.newBlob.length === 64 ? 'sha256' : 'sha1';
    const id = this.crypto.createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    return id === entry.newBlob ? bytes : undefined;
  }

  private readFile(absolute: string): Buffer | undefined {
    // No O_NOFOLLOW (Windows): a link's target would be hashed, which is harmless, but keep to git.
    if (constants.O_NOFOLLOW === undefined) return undefined;
    let descriptor: number;
    try {
      // Non-blocking: opening a named pipe that replaced a file must not wait for a writer.
      descriptor = openSync(absolute, constants.O_RDONLY | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0));
    } catch {
      return undefined;
    }
    try {
      const stats = fstatSync(descriptor);
      const size = stats.size;
      if (!stats.isFile() || size > this.maxBytes) return undefined;
      if (size > this.buffer.length) this.buffer = Buffer.allocUnsafeSlow(size);
      let length = 0;
      // One byte more than the size: a file that grew since fstat does not hash to the blob anyway.
      for (let count = 1; count > 0 && length <= size; length += count) count = readSync(descriptor, this.buffer, length, Math.min(this.buffer.length, size + 1) - length, length);
      return this.buffer.subarray(0, length);
    } catch {
      return undefined;
    } finally {
      closeSync(descriptor);
    }
  }
}
