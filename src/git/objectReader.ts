import { GitError } from '../errors';
import { BlobSplitter } from './blobStream';
import { pumpGit } from './pump';

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
  const splitter = new BlobSplitter(shas, Infinity, (sha, content, type) => {
    if (content.kind !== 'blob') throw new GitError(`git cannot read object ${sha.slice(0, 12)} (missing), so leakgate could not ${what}.`);
    onObject({ sha, type, body: content.bytes });
  });
  await pumpGit(root, ['cat-file', '--batch'], `${shas.join('\n')}\n`, splitter, what).done;
}
