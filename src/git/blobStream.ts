import { GitError } from '../errors';
import { SNIFF_BYTES } from '../io/decode';
import { messages } from '../messages';
import type { ByteSink, Feed, OpenFeed } from './gitFeed';
import { streamGit } from './gitRunner';

/** What `git cat-file --batch` gave for one requested blob. */
export type BlobContent =
  | { kind: 'blob'; bytes: Buffer }
  /** Over the size limit: never held whole here (the scan streams it again, judged in windows); `head` is its first bytes. */
  | { kind: 'too-large'; size: number; head: Buffer }
  | { kind: 'missing' };

/**
 * Streams blob contents, in the order asked, one blob held at a time. A file added whole is read
 * this way instead of through its patch: git only inflates it, and we skip the `+` on every line.
 * Requests may come while earlier blobs are already streaming; `close()` says there are no more.
 */
export class BlobStream<T> {
  private readonly requested: string[] = [];
  /** Requesters per blob id not delivered yet: a blob added at several paths is read once. */
  private readonly pending = new Map<string, T[]>();
  private feed: OpenFeed | undefined;

  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
    private readonly onBlob: (item: T, content: BlobContent) => void,
  ) {}

  request(sha: string, item: T): void {
    const waiting = this.pending.get(sha);
    if (waiting) {
      waiting.push(item);
      return;
    }
    this.pending.set(sha, [item]);
    this.requested.push(sha);
    this.feed ??= streamGit(
      this.root,
      ['cat-file', '--batch', '--buffer'],
      new BlobSplitter(this.requested, this.maxBytes, (blob, content) => this.deliver(blob, content)),
      messages.git.task.readAddedFiles,
      { keepInputOpen: true },
    );
    // Requests go out together once the current batch of records is parsed: one write of many
    // ids instead of one write (and one wake-up of git) per id.
    this.outgoing += `${sha}\n`;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** No more requests; settles when every requested blob has been delivered. */
  close(): Feed | undefined {
    this.flush();
    this.feed?.endInput();
    return this.feed;
  }

  private outgoing = '';
  private flushScheduled = false;

  private flush(): void {
    this.flushScheduled = false;
    if (this.outgoing === '') return;
    this.feed!.write(this.outgoing); // outgoing is only ever filled by request(), which starts the feed
    this.outgoing = '';
  }

  private deliver(sha: string, content: BlobContent): void {
    const items = this.pending.get(sha) ?? [];
    this.pending.delete(sha);
    for (const item of items) this.onBlob(item, content);
  }
}

/**
 * Cuts `cat-file --batch` output: per object a `<id> <type> <size>\n` header, the content and a
 * newline (or `<id> missing\n`). Works on bytes: content is never decoded here. Blobs mostly, but
 * any object type is cut the same way (commit and tag messages: see objectReader.ts).
 */
export class BlobSplitter implements ByteSink {
  private index = 0;
  private header: Buffer[] = [];
  /** Inside a blob: how many content bytes (plus the closing newline) are still to come. */
  private remaining = 0;
  private size = 0;
  private type = '';
  private body: Buffer | undefined;
  private filled = 0;

  constructor(
    private readonly shas: readonly string[],
    private readonly maxBytes: number,
    private readonly onBlob: (sha: string, content: BlobContent, type: string) => void,
  ) {}

  push(chunk: Buffer): void {
    let position = 0;
    while (position < chunk.length) {
      if (this.remaining > 0) {
        // The whole blob inside this chunk (most files): a view of it, no copy.
        if (this.filled === 0 && this.size <= this.maxBytes && chunk.length - position >= this.remaining) {
          this.body = chunk.subarray(position, position + this.size);
          this.filled = this.size;
          position += this.remaining;
          this.remaining = 0;
          this.finishBlob();
          continue;
        }
        this.body ??= Buffer.allocUnsafe(this.size <= this.maxBytes ? this.size : Math.min(SNIFF_BYTES, this.size));
        const take = Math.min(this.remaining, chunk.length - position);
        const contentLeft = Math.max(0, this.remaining - 1); // the last byte is the newline
        const contentTake = Math.min(take, contentLeft);
        if (this.filled < this.body.length && contentTake > 0) {
          const copy = Math.min(contentTake, this.body.length - this.filled);
          this.body.set(chunk.subarray(position, position + copy), this.filled); // set: cheaper per call than Buffer#copy (many small pipe reads)
          this.filled += copy;
        }
        this.remaining -= take;
        position += take;
        if (this.remaining === 0) this.finishBlob();
        continue;
      }
      const newline = chunk.indexOf(0x0a, position);
      if (newline === -1) {
        this.header.push(chunk.subarray(position));
        return;
      }
      this.header.push(chunk.subarray(position, newline));
      position = newline + 1;
      this.startBlob(Buffer.concat(this.header).toString('latin1'));
      this.header = [];
    }
  }

  end(): void {
    if (this.remaining > 0 || this.header.length > 0 || this.index < this.shas.length)
      throw new GitError(messages.git.partialObjects(this.index, this.shas.length));
  }

  private startBlob(line: string): void {
    if (this.index >= this.shas.length) throw new GitError(messages.git.extraObjects);
    // Checked above: index is below shas.length.
    const sha = this.shas[this.index]!;
    const [, type, size] = line.split(' ');
    if (type === undefined || size === undefined || type === 'missing') {
      this.index++;
      this.onBlob(sha, { kind: 'missing' }, 'missing');
      return;
    }
    this.type = type;
    this.size = Number(size);
    if (!Number.isSafeInteger(this.size)) throw new GitError(messages.git.unreadableObjectHeader);
    this.body = undefined;
    this.filled = 0;
    this.remaining = this.size + 1;
  }

  private finishBlob(): void {
    const sha = this.shas[this.index++]!; // startBlob began this blob only for an index below shas.length
    const body = this.body ?? Buffer.alloc(0);
    this.body = undefined;
    this.onBlob(
      sha,
      this.size <= this.maxBytes ? { kind: 'blob', bytes: body } : { kind: 'too-large', size: this.size, head: body },
      this.type,
    );
  }
}
