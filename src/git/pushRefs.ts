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

/**
 * The push the pre-commit framework describes. Its pre-push hook reads git's lines itself and
 * hands the hook one ref in PRE_COMMIT_* variables: the first ref with anything to send (the
 * framework's own limit), with FROM_REF the remote's commit, or the parent of the oldest commit
 * the remote lacks, and no FROM_REF/TO_REF when the push sends a root commit. Undefined outside a
 * framework pre-push (PRE_COMMIT_REMOTE_NAME is set there only).
 */
export function frameworkPushOf(env: NodeJS.ProcessEnv):
  | {
      remote: string;
      url: string | undefined;
      localRef: string;
      localSha: string | undefined;
      remoteRef: string;
      remoteSha: string | undefined;
    }
  | undefined {
  const remote = env.PRE_COMMIT_REMOTE_NAME;
  const localRef = env.PRE_COMMIT_LOCAL_BRANCH;
  const remoteRef = env.PRE_COMMIT_REMOTE_BRANCH;
  if (!remote || !localRef || !remoteRef) return undefined;
  const sha = (value: string | undefined) => (value !== undefined && SHA.test(value) ? value : undefined);
  return {
    remote,
    url: env.PRE_COMMIT_REMOTE_URL,
    localRef,
    localSha: sha(env.PRE_COMMIT_TO_REF),
    remoteRef,
    remoteSha: sha(env.PRE_COMMIT_FROM_REF),
  };
}

/** One pre-push line in git's format; an unknown remote commit is all zeros (a new branch). */
export function pushLine(localRef: string, localSha: string, remoteRef: string, remoteSha: string | undefined): string {
  return `${localRef} ${localSha} ${remoteRef} ${remoteSha ?? '0'.repeat(localSha.length)}\n`;
}
