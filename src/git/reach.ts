import type { CommitNode } from './whereabouts';

/**
 * Commits whose history holds one of `seeds`: the seeds and every descendant, in one pass over a
 * graph ordered parents first (commitGraph). A ref or reflog entry whose commit is in this set
 * carries the secret in its history, even where a later commit deleted it from the files.
 */
export function commitsReaching(graph: readonly CommitNode[], seeds: ReadonlySet<string>): Set<string> {
  const reached = new Set<string>();
  for (const { sha, parents } of graph) {
    if (seeds.has(sha) || parents.some((parent) => reached.has(parent))) reached.add(sha);
  }
  return reached;
}

/** What a ref is, by its name. */
export type RefKind =
  | { kind: 'branch'; name: string }
  | { kind: 'remote'; remote: string; name: string }
  | { kind: 'tag'; name: string }
  | { kind: 'stash' }
  | { kind: 'other'; name: string };

/**
 * Classifies a full ref name. A remote-tracking ref belongs to the longest configured remote name
 * that prefixes it (remote names may hold slashes); one under no configured remote is still a
 * remote's, named by its first part.
 */
export function refKind(ref: string, remotes: readonly string[]): RefKind {
  if (ref.startsWith('refs/heads/')) return { kind: 'branch', name: ref.slice('refs/heads/'.length) };
  if (ref.startsWith('refs/tags/')) return { kind: 'tag', name: ref.slice('refs/tags/'.length) };
  if (ref === 'refs/stash') return { kind: 'stash' };
  if (ref.startsWith('refs/remotes/')) {
    const rest = ref.slice('refs/remotes/'.length);
    const remote =
      [...remotes].sort((a, b) => b.length - a.length).find((name) => rest.startsWith(`${name}/`)) ?? rest.split('/')[0] ?? rest;
    return { kind: 'remote', remote, name: rest };
  }
  return { kind: 'other', name: ref };
}
