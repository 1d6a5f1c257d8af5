import { messages } from '../messages';
import { BlobSplitter } from './blobStream';
import { runGit, streamGit, tryGit } from './gitRunner';

/** The files that make up the config in force at a commit (root of the tree). */
export const CONFIG_PATHS = ['.leakgate.json', 'package.json', '.leakgate-baseline.json'] as const;

/** A config file's path at the repository root. */
export type ConfigPath = (typeof CONFIG_PATHS)[number];

/** The texts of the config files at one commit (absent: no such file there). */
export type ConfigTexts = Partial<Record<ConfigPath, string>>;

/** Config files bigger than this are not config anyone writes by hand: read their head only. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** A commit and its parents (none for a root commit). */
export interface CommitParents {
  sha: string;
  parents: string[];
}

/**
 * Which of `commits` change one of the config files, with their parents. One `git log` over the
 * given commits (no walk): git's own history simplification leaves out a merge whose config
 * files equal one parent's, which can bring nothing new.
 */
export async function commitsTouchingConfig(root: string, commits: readonly string[]): Promise<CommitParents[]> {
  if (commits.length === 0) return [];
  return parentsOf(root, commits, ['--', ...CONFIG_PATHS]);
}

/** Parents of each given commit (one `git log --no-walk`, commits on standard input). */
export async function commitParents(root: string, commits: readonly string[]): Promise<CommitParents[]> {
  if (commits.length === 0) return [];
  return parentsOf(root, commits, []);
}

async function parentsOf(root: string, commits: readonly string[], pathArgs: string[]): Promise<CommitParents[]> {
  const output = await runGit(
    root,
    ['log', '--no-walk=unsorted', '--stdin', '--format=%H %P', ...pathArgs],
    messages.git.task.listConfigCommits,
    { input: `${commits.join('\n')}\n` },
  );
  return output.split('\n').flatMap((line) => {
    const [sha, ...parents] = line.trim().split(' ');
    return sha ? [{ sha, parents: parents.filter(Boolean) }] : [];
  });
}

/**
 * The config files at each commit, read from git objects (never the work tree): one
 * `git cat-file --batch` asks for `<commit>:<path>` of every commit and file.
 */
export async function configTextsAt(root: string, commits: readonly string[]): Promise<Map<string, ConfigTexts>> {
  const texts = new Map<string, ConfigTexts>();
  const unique = [...new Set(commits)];
  if (unique.length === 0) return texts;
  const found = await readTexts(
    root,
    unique.flatMap((commit) => CONFIG_PATHS.map((path) => `${commit}:${path}`)),
  );
  for (const commit of unique) texts.set(commit, configTextsOf(found, commit));
  return texts;
}

/**
 * The config files at `id` when it names a commit known here (a tag is peeled), else undefined:
 * the check and the reads in one `git cat-file --batch`.
 */
export async function configTextsIfCommit(root: string, id: string): Promise<ConfigTexts | undefined> {
  const check = `${id}^{commit}`;
  const found = await readTexts(root, [check, ...CONFIG_PATHS.map((path) => `${id}:${path}`)]);
  return found.has(check) ? configTextsOf(found, id) : undefined;
}

/** The config files read at `rev`, out of readTexts' answer. */
function configTextsOf(found: ReadonlyMap<string, string>, rev: string): ConfigTexts {
  const texts: ConfigTexts = {};
  for (const path of CONFIG_PATHS) {
    const text = found.get(`${rev}:${path}`);
    if (text !== undefined) texts[path] = text;
  }
  return texts;
}

/** The objects `names` (cat-file's `<rev>:<path>` names) that exist, as text; a big one by its head only. */
async function readTexts(root: string, names: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const splitter = new BlobSplitter(names, MAX_CONFIG_BYTES, (name, content) => {
    if (content.kind !== 'missing') texts.set(name, (content.kind === 'blob' ? content.bytes : content.head).toString('utf8'));
  });
  await streamGit(root, ['cat-file', '--batch'], splitter, messages.git.task.readConfig, { input: `${names.join('\n')}\n` }).done;
  return texts;
}

/** The commit a revision names, or undefined when it names none here. */
export async function resolveCommit(root: string, rev: string): Promise<string | undefined> {
  const output = await tryGit(
    root,
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
    messages.git.task.resolveRevision,
  );
  return output?.trim() || undefined;
}
