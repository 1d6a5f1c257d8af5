import { UsageError } from '../errors';
import { messages } from '../messages';

/** One line of git's pre-push input, classified. */
export interface PushRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
  kind: 'delete' | 'new' | 'update';
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ZERO = /^0+$/;

/**
 * Parses `<local ref> <local sha> <remote ref> <remote sha>` lines. Every line is used (a push
 * can update several branches and tags at once); a malformed line is an error, never skipped.
 */
export function parsePushLines(input: string): PushRef[] {
  const refs: PushRef[] = [];
  input.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const [localRef, localSha, remoteRef, remoteSha, ...extra] = line.split(' ');
    if (
      localRef === undefined ||
      localSha === undefined ||
      remoteRef === undefined ||
      remoteSha === undefined ||
      extra.length > 0 ||
      !SHA.test(localSha) ||
      !SHA.test(remoteSha)
    ) {
      throw new UsageError(messages.git.malformedPushLine(index + 1));
    }
    const kind = ZERO.test(localSha) ? 'delete' : ZERO.test(remoteSha) ? 'new' : 'update';
    refs.push({ localRef, localSha, remoteRef, remoteSha, kind });
  });
  return refs;
}
