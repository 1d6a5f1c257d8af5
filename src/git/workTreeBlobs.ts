import type * as Crypto from 'node:crypto';
import { join } from 'node:path';
import { readScanFile } from '../io/boundedRead';
import { isSymlink, type DiffEntry } from './diffParser';

/**
 * A staged file's content taken from the work tree when the work-tree file hashes to the very
 * blob id that is staged: then its bytes are the staged bytes, exactly. git's own diff reuses
 * work-tree files the same way. Reading files directly and hashing them costs a fraction of
 * streaming every blob out of `git cat-file` through a pipe, most of which is kernel time
 * (bench/NOTES.md, "Reading staged files").
 *
 * Anything else (a file changed since `git add`, end-of-line or clean filters, a symbolic link,
 * a named pipe, a file over the size limit, one that cannot be read) gives undefined: the blob is
 * then read from git. The bytes are valid until the next read.
 */
export class WorkTreeBlobs {
  // Loaded here, not at start-up: only big staged changes read blobs this way.
  private readonly createHash = (require('node:crypto') as typeof Crypto).createHash;

  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
  ) {}

  read(entry: DiffEntry): Buffer | undefined {
    if (isSymlink(entry)) return undefined; // its blob is the link's target, not a file to open
    const read = readScanFile(join(this.root, entry.path), this.maxBytes);
    if (read.kind !== 'read') return undefined;
    const algorithm = entry.newBlob.length === 64 ? 'sha256' : 'sha1';
    const id = this.createHash(algorithm).update(`blob ${read.bytes.length}\0`).update(read.bytes).digest('hex');
    return id === entry.newBlob ? read.bytes : undefined;
  }
}
