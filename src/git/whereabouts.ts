import { messages } from '../messages';
import { runGit, tryGit } from './gitRunner';

// The questions `leakgate incident` asks to find every place a secret sits in this clone: the
// commit graph of every ref and reflog, the refs and reflog entries that reach it, the blob each
// commit (and the index) holds at a path, and the remotes. Parsing is pure and exported for tests.

/** A commit and its parents. */
export interface CommitNode {
  sha: string;
  parents: string[];
}

/** A ref and the commit it finally names (an annotated tag peeled once). */
export interface RefTip {
  name: string;
  commit: string;
}

/** One reflog entry: `HEAD@{2}`, `refs/heads/main@{0}`, `refs/stash@{1}`. */
export interface ReflogEntry {
  selector: string;
  commit: string;
  subject: string;
}

/** A commit's author and date, for the report. */
export interface CommitDetails {
  short: string;
  author: string;
  /** Author date, ISO 8601 with its zone. */
  date: string;
  subject: string;
}

/**
 * Every commit reachable from a ref or a reflog entry (stash entries included), parents before
 * children, so a walk in this order sees a commit's ancestors first.
 */
export async function commitGraph(root: string): Promise<CommitNode[]> {
  const output = await runGit(
    root,
    ['rev-list', '--all', '--reflog', '--topo-order', '--reverse', '--parents'],
    messages.git.task.listEveryCommit,
  );
  return parseCommitGraph(output);
}

/** `rev-list --parents` lines → nodes. */
export function parseCommitGraph(output: string): CommitNode[] {
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha, ...parents] = line.trim().split(' ');
      return { sha: sha!, parents };
    });
}

/** Every ref (branches, remote-tracking branches, tags, the stash, notes…) and its commit. */
export async function refTips(root: string): Promise<RefTip[]> {
  const output = await runGit(root, ['for-each-ref', '--format=%(objectname)%09%(*objectname)%09%(refname)'], messages.git.task.listRefs);
  return parseRefTips(output);
}

/** `for-each-ref` lines (object, peeled object, name, tab-separated) → tips. */
export function parseRefTips(output: string): RefTip[] {
  return output.split('\n').flatMap((line) => {
    const [object, peeled, ...name] = line.split('\t');
    if (!object || name.length === 0) return [];
    return [{ name: name.join('\t'), commit: peeled || object }];
  });
}

/** Every entry of every reflog of this worktree (HEAD, branches, the stash). */
export async function reflogEntries(root: string): Promise<ReflogEntry[]> {
  const output = await runGit(root, ['reflog', 'show', '--all', '-z', '--format=%H%x1f%gD%x1f%gs'], messages.git.task.readReflogs);
  return parseReflog(output);
}

/** `reflog show -z` records (id, selector, subject) → entries. */
export function parseReflog(output: string): ReflogEntry[] {
  return output.split('\0').flatMap((record) => {
    const [commit, selector, subject] = record.replace(/^\n/, '').split('\x1f');
    return commit && selector ? [{ commit, selector, subject: subject ?? '' }] : [];
  });
}

/** A blob's id and size in bytes. */
export interface BlobId {
  blob: string;
  size: number;
}

/**
 * The blob each `<commit>:<path>` (or `:<path>`, the index) names, undefined where there is none
 * (the path is absent then, or a folder): one `git cat-file --batch-check` for them all.
 */
export async function blobsAt(root: string, specs: readonly string[]): Promise<(BlobId | undefined)[]> {
  if (specs.length === 0) return [];
  const input = specs.map((spec) => `${spec}\n`).join('');
  const format = '--batch-check=%(objectname) %(objecttype) %(objectsize)';
  const output = await runGit(root, ['cat-file', format], messages.git.task.findFileVersions, { input });
  return parseBlobIds(output, specs.length);
}

/** `cat-file --batch-check` lines → blob ids and sizes, one per request in order. */
export function parseBlobIds(output: string, count: number): (BlobId | undefined)[] {
  const lines = output.split('\n');
  return Array.from({ length: count }, (_, index) => {
    const match = /^([0-9a-f]{40,64}) blob (\d+)$/.exec(lines[index] ?? '');
    return match ? { blob: match[1]!, size: Number(match[2]) } : undefined;
  });
}

/** Author, date and subject of each commit; the ids go through standard input (there may be thousands). */
export async function commitDetails(root: string, shas: readonly string[]): Promise<Map<string, CommitDetails>> {
  if (shas.length === 0) return new Map();
  const output = await runGit(
    root,
    ['log', '--no-walk=unsorted', '--stdin', '-z', '--format=%H%x1f%h%x1f%an <%ae>%x1f%aI%x1f%s'],
    messages.git.task.readCommitDetails,
    { input: shas.map((sha) => `${sha}\n`).join('') },
  );
  const details = new Map<string, CommitDetails>();
  for (const record of output.split('\0')) {
    const [sha, short, author, date, subject] = record.replace(/^\n/, '').split('\x1f');
    if (sha && short !== undefined) details.set(sha, { short, author: author ?? '', date: date ?? '', subject: subject ?? '' });
  }
  return details;
}

/** The names of the configured remotes. */
export async function remoteNames(root: string): Promise<string[]> {
  return (await runGit(root, ['remote'], messages.git.task.listRemotes)).split('\n').filter(Boolean);
}

/** Files of the work tree git would see: tracked ones and untracked ones that are not ignored. */
export async function workTreeFiles(root: string): Promise<string[]> {
  const output = await runGit(
    root,
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'],
    messages.git.task.listWorkTreeFiles,
  );
  return [...new Set(output.split('\0').filter(Boolean))];
}

/**
 * Files git ignores (a .env, say), outside ignored folders: `--directory` names an ignored folder
 * (node_modules/) once instead of listing what is in it, and those are left out.
 */
export async function ignoredFiles(root: string): Promise<string[]> {
  const output = await runGit(
    root,
    ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--no-empty-directory'],
    messages.git.task.listWorkTreeFiles,
  );
  return output.split('\0').filter((path) => path !== '' && !path.endsWith('/'));
}

/** The commit HEAD names and the branch it is on (undefined: no commit yet, or detached). */
export async function headState(root: string): Promise<{ commit?: string; branch?: string }> {
  const commit = (await tryGit(root, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], messages.git.task.readHead))?.trim();
  const branch = (await tryGit(root, ['symbolic-ref', '-q', '--short', 'HEAD'], messages.git.task.readHead))?.trim();
  return { ...(commit ? { commit } : {}), ...(branch ? { branch } : {}) };
}

/** Every rename in the history of every ref and reflog, as the scans see them (`-M`): [from, to]. */
export async function renames(root: string): Promise<[string, string][]> {
  const output = await runGit(
    root,
    ['log', '--all', '--reflog', '-M', '--diff-filter=R', '--name-status', '--format=', '-z'],
    messages.git.task.listRenames,
  );
  return parseRenames(output);
}

/** `--name-status -z` records (`R<score>`, from, to) → pairs; other records are skipped. */
export function parseRenames(output: string): [string, string][] {
  const fields = output.split('\0').map((field) => field.replace(/^\n+/, ''));
  const pairs: [string, string][] = [];
  for (let at = 0; at < fields.length; at++) {
    if (!/^R\d*$/.test(fields[at] ?? '')) continue;
    const from = fields[at + 1];
    const to = fields[at + 2];
    if (from !== undefined && to !== undefined) pairs.push([from, to]);
    at += 2;
  }
  return pairs;
}
