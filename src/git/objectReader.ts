import { GitError } from '../errors';
import { messages } from '../messages';
import { BlobSplitter } from './blobStream';
import type { ByteSink } from './gitFeed';
import { streamGit } from './gitRunner';

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
export async function readObjects(
  root: string,
  shas: readonly string[],
  onObject: (object: GitObject) => void,
  what: string,
): Promise<void> {
  if (shas.length === 0) return;
  const splitter = new BlobSplitter(shas, Infinity, (sha, content, type) => {
    if (content.kind !== 'blob') throw new GitError(messages.git.missingObject(sha.slice(0, 12), what));
    onObject({ sha, type, body: content.bytes });
  });
  await streamGit(root, ['cat-file', '--batch'], splitter, what, { input: `${shas.join('\n')}\n` }).done;
}

/** git could not give a blob's content: `cat-file` reports a corrupt object as missing. */
export class MissingBlob extends GitError {
  constructor(readonly sha: string) {
    super(messages.git.unreadableBlob(sha.slice(0, 12)));
  }
}

/**
 * Reads blobs through one `git cat-file --batch`, at most `maxBytes` each: bigger ones are left
 * out of the map (and never held: the caller reads those in windows). Used for the few files git
 * calls binary. Fails closed: git's exit status is checked (streamGit), output cut short is an
 * error (BlobSplitter.end), and so is an object git reports missing, which is also how `cat-file`
 * reports a corrupt one, with exit status 0.
 */
export async function readBlobs(cwd: string, shas: readonly string[], maxBytes: number): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  if (shas.length === 0) return blobs;
  const splitter = new BlobSplitter(shas, maxBytes, (sha, content) => {
    if (content.kind === 'missing') throw new MissingBlob(sha);
    // A view into a pipe chunk or a buffer of its own: either way nothing reuses it.
    if (content.kind === 'blob') blobs.set(sha, content.bytes);
  });
  await streamGit(cwd, ['cat-file', '--batch'], splitter, messages.git.task.readBinaryFiles, { input: `${shas.join('\n')}\n` }).done;
  return blobs;
}

/** Where a scan of git's changes gets blob contents. */
export interface BlobReader {
  /** Blob contents by id; those over `maxBytes` are left out (see readBlobs). */
  read(shas: string[], maxBytes: number): Promise<Map<string, Buffer>>;
  /** One blob's bytes into `sink` as git writes them, however big; `what` names it in an error. */
  stream(sha: string, sink: ByteSink, what: string): Promise<void>;
}

/** Blob contents from the repository at `root`. */
export function gitBlobs(root: string): BlobReader {
  return {
    read: (shas, maxBytes) => readBlobs(root, shas, maxBytes),
    stream: (sha, sink, what) => streamGit(root, ['cat-file', 'blob', sha], sink, what).done,
  };
}
