import type { CommitRef, FileChange } from './types';

// Commit and tag messages are published with the commits: a token pasted into one is as public as
// one in a file. They reach the detector as text under a pseudo path in parentheses, so
// fingerprints, allowlists and reports treat them like any other text, and a report can tell a
// message from a file.

/** The pseudo path of a commit's message: the same in the commit-msg hook, pre-push and history. */
export const COMMIT_MESSAGE_PATH = '(commit message)';

/** The pseudo path of an annotated tag's message. */
export function tagMessagePath(tagName: string): string {
  return `(tag message ${tagName.replace(/^refs\/tags\//, '')})`;
}

/** Whether a finding's path is a message, not a file. */
export function isMessagePath(path: string): boolean {
  return path === COMMIT_MESSAGE_PATH || (path.startsWith('(tag message ') && path.endsWith(')'));
}

/**
 * A message as the detector reads it. Lines git drops from a message (`#` comments in the
 * commit-msg hook's file, when `stripComments` is set) are blanked, not removed, so line numbers
 * still match the file the user edits.
 */
export function messageFile(text: string, options: { path?: string; commit?: CommitRef; stripComments?: boolean } = {}): FileChange {
  const body = options.stripComments
    ? text
        .split('\n')
        .map((line) => (line.startsWith('#') ? '' : line))
        .join('\n')
    : text;
  return {
    path: options.path ?? COMMIT_MESSAGE_PATH,
    chunks: body.trim() === '' ? [] : [{ startLine: 1, text: body }],
    ...(options.commit ? { commit: options.commit } : {}),
  };
}
