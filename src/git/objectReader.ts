import { GitError } from '../errors';
import { pumpGit, type ByteSink } from './pump';

/** One object as `git cat-file --batch` gives it: raw bytes, exactly as stored. */
export interface GitObject {
  sha: string;
  type: string;
  body: Buffer;
}

/**
 * Reads many objects through one streamed `git cat-file --batch`, handing each to `onObject` in
 * request order as it arrives (memory holds about one object). Raw objects, not `git log`: no
 * user setting (log.showSignature, i18n.logOutputEncoding, notes) can reshape them. An object
 * the repository lacks is an error: what cannot be read cannot be judged.
 */
export async function readObjects(root: string, shas: readonly string[], onObject: (object: GitObject) => void, what: string): Promise<void> {
  if (shas.length === 0) return;
  const parser = new BatchParser(onObject, what);
  await pumpGit(root, ['cat-file', '--batch'], `${shas.join('\n')}\n`, parser, what).done;
  parser.finish();
}

/** Splits cat-file's `<sha> <type> <size>\n<body>\n` records, across chunk boundaries. */
class BatchParser implements ByteSink {
  private pending: Buffer = Buffer.alloc(0);
  private header: { sha: string; type: string; size: number } | undefined;

  constructor(
    private readonly onObject: (object: GitObject) => void,
    private readonly what: string,
  ) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      if (!this.header) {
        const newline = this.pending.indexOf(0x0a);
        if (newline === -1) return;
        const [sha, type, size] = this.pending.subarray(0, newline).toString('latin1').split(' ');
        this.pending = this.pending.subarray(newline + 1);
        if (type === 'missing' || size === undefined) throw new GitError(`git cannot read object ${sha.slice(0, 12)} (missing), so leakgate could not ${this.what}.`);
        this.header = { sha, type, size: Number(size) };
      }
      if (this.pending.length < this.header.size + 1) return;
      const body = Buffer.from(this.pending.subarray(0, this.header.size));
      this.pending = this.pending.subarray(this.header.size + 1);
      const { sha, type } = this.header;
      this.header = undefined;
      this.onObject({ sha, type, body });
    }
  }

  end(): void {
    // finish() checks completeness once git's exit status is known.
  }

  finish(): void {
    if (this.header || this.pending.length > 0) throw new GitError(`git's answer ended early, so leakgate could not ${this.what}.`);
  }
}
