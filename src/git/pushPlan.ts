import { messages } from '../messages';
import type { PushedRefPlan } from '../report/pushSteps';
import { runGit, tryGit } from './gitRunner';
import type { RefCommits } from './pushCommits';

/**
 * Where a rewrite of each pushed ref starts: walking the tip's first parents, the first commit the
 * push does not send (one the remote has), or none when the remote has none of this history. One
 * git for every pushed commit's parents.
 */
export async function planPushedRefs(root: string, perRef: readonly RefCommits[]): Promise<PushedRefPlan[]> {
  const shas = [...new Set(perRef.flatMap(({ commits }) => commits))];
  const firstParent = new Map<string, string | undefined>();
  if (shas.length > 0) {
    const output = await runGit(root, ['rev-list', '--no-walk=unsorted', '--parents', '--stdin'], messages.git.task.planPushFix, {
      input: `${shas.join('\n')}\n`,
    });
    for (const line of output.split('\n')) {
      const [sha, parent] = line.split(' ');
      if (sha) firstParent.set(sha, parent);
    }
  }
  return perRef.flatMap(({ ref, commits }) => {
    if (ref.kind === 'delete' || commits.length === 0) return [];
    const sent = new Set(commits);
    let base: string | undefined = ref.localSha;
    while (base !== undefined && sent.has(base)) base = firstParent.get(base);
    // The rewritten ref fast-forwards the remote's only when it starts from what the remote has there.
    const replaces = ref.kind === 'update' && base !== ref.remoteSha ? ref.remoteSha : undefined;
    return [{ localRef: ref.localRef, localSha: ref.localSha, remoteRef: ref.remoteRef, base, commits: sent, replaces }];
  });
}

/** The branch HEAD is on (`refs/heads/…`), undefined when HEAD is detached. */
export async function currentBranch(root: string): Promise<string | undefined> {
  return (await tryGit(root, ['symbolic-ref', '--quiet', 'HEAD'], messages.git.task.planPushFix))?.trim() || undefined;
}

/**
 * Which (tip, path) pairs name a blob, and its id: `<tip>:<path>` through one `git cat-file
 * --batch-check` (the secrets are compared in memory, never passed to git). A path git cannot
 * name on one line is left out: its secret counts as still there.
 */
export async function blobsAtTips(root: string, places: readonly { tip: string; path: string }[]): Promise<Map<string, string>> {
  const named = places.filter(({ path }) => !/[\n\r]/.test(path));
  const blobs = new Map<string, string>();
  if (named.length === 0) return blobs;
  const input = named.map(({ tip, path }) => `${tip}:${path}\n`).join('');
  const env = { ...process.env, GIT_NO_LAZY_FETCH: '1', GIT_TERMINAL_PROMPT: '0' };
  const lines = (
    await runGit(root, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], messages.git.task.planPushFix, { input, env })
  ).split('\n');
  named.forEach(({ tip, path }, index) => {
    const [name, type] = (lines[index] ?? '').split(' ');
    if (type === 'blob' && name) blobs.set(`${tip}:${path}`, name);
  });
  return blobs;
}
