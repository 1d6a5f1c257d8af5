import { readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { GitError } from '../errors';
import { messages } from '../messages';
import { StagedStream } from './changeStreams';
import { GitFailed, runGit, SimpleGitCalls, tryGit } from './gitRunner';
import { headFromFiles } from './headRef';
import { readBlobs } from './objectReader';
import { stagedDiffIsPiped } from './stagedInput';

export { ADDED_LINES_DIFF_ARGS } from './diffArgs';

/** The hook pipes its staged diff into standard input (see stagedInput.ts). */
const STDIN = 0;

/**
 * One git repository and the questions leakgate asks of it. Every process starts in gitRunner.ts:
 * the hooks' reads as plain runs, install's through simple-git (SimpleGitCalls, loaded on first
 * use). Every git failure becomes a GitError with one clear sentence.
 */
export class Repository {
  private simple: SimpleGitCalls | undefined;

  private constructor(
    readonly root: string,
    /** This work tree's own git directory (per worktree), absolute. */
    readonly gitDir: string,
  ) {}

  /** The repository that contains `cwd`; GitError when there is none or git is missing. */
  static async open(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Repository> {
    const found = findWorkTree(cwd, env);
    if (found) return new Repository(found.root, found.gitDir);
    const output = await runGit(cwd, ['rev-parse', '--absolute-git-dir', '--show-toplevel'], messages.git.task.findRepository);
    const [gitDir, root] = output.split('\n').map((line) => line.trim());
    if (!root || !gitDir) throw new GitError(messages.git.noWorkTree);
    return new Repository(root, gitDir);
  }

  /** Whether `cwd` is inside a git work tree (without failing when it is not). */
  static async isInside(cwd: string): Promise<boolean> {
    try {
      return (await runGit(cwd, ['rev-parse', '--is-inside-work-tree'], messages.git.task.findRepository)).trim() === 'true';
    } catch (error) {
      // Outside a repository is an answer; git missing is an error the user must see.
      if (error instanceof GitFailed) return false;
      throw error;
    }
  }

  /** The id of the blob at `path` in `commit` (undefined: no such commit, or no such file in it). */
  async blobAt(commit: string, path: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{4,64}$/i.test(commit)) return undefined;
    const sha = await tryGit(this.root, ['rev-parse', '--verify', '--quiet', `${commit}:${path}`], messages.git.task.readFileAtCommit);
    return sha?.trim() || undefined;
  }

  /** Blob contents by id (those over `maxBytes` left out). */
  readBlobs(shas: readonly string[], maxBytes: number): Promise<Map<string, Buffer>> {
    return readBlobs(this.root, shas, maxBytes);
  }

  /**
   * Starts reading what is staged now: the hook's copy on standard input when `env` says the hook
   * piped it (stagedDiffIsPiped), else from git. StagedStream.run hands it over, and falls back to
   * git by itself when the piped copy proves unusable.
   */
  startStaged(env: NodeJS.ProcessEnv): StagedStream {
    return new StagedStream(this.root, stagedDiffIsPiped(env) ? STDIN : undefined);
  }

  /** Whether HEAD points at a commit (false on a repository's first commit). */
  async hasHead(): Promise<boolean> {
    const fromFiles = headFromFiles(this.gitDir);
    if (fromFiles !== undefined) return fromFiles;
    return Boolean(
      (await tryGit(this.root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], messages.git.task.checkFirstCommit))?.trim(),
    );
  }

  /** Whether an object id names a commit (or a tag pointing at one) in this repository. */
  async isCommit(sha: string): Promise<boolean> {
    return Boolean(
      (await tryGit(this.root, ['rev-parse', '--verify', '--quiet', `${sha}^{commit}`], messages.git.task.checkCommitId))?.trim(),
    );
  }

  /** Commit ids for rev-list arguments such as `A..B` or `X --not --remotes=origin`. */
  async revList(args: readonly string[]): Promise<string[]> {
    const output = await runGit(this.root, ['rev-list', ...args], messages.git.task.listCommits);
    return output.split('\n').filter(Boolean);
  }

  /**
   * Which of these ids name a commit here (or a tag pointing at one): one git for them all. In a
   * partial clone an id we lack is not fetched (git 2.45+ honours GIT_NO_LAZY_FETCH; an older
   * git may fetch it, but never stops to prompt).
   */
  async commitsAmong(shas: readonly string[]): Promise<Set<string>> {
    const commits = await this.peelToCommits(shas);
    return new Set(shas.filter((_, index) => commits[index] !== undefined));
  }

  /**
   * The commit each id names (an annotated tag peeled to its commit), undefined for one that
   * names no commit here; one `git cat-file --batch-check`, fetching nothing (see commitsAmong).
   */
  async peelToCommits(ids: readonly string[]): Promise<(string | undefined)[]> {
    if (ids.length === 0) return [];
    const input = ids.map((id) => `${id}^{commit}\n`).join('');
    const env = { ...process.env, GIT_NO_LAZY_FETCH: '1', GIT_TERMINAL_PROMPT: '0' };
    const lines = (
      await runGit(this.root, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], messages.git.task.checkPushedCommits, {
        input,
        env,
      })
    ).split('\n');
    return ids.map((_, index) => {
      const [name, type] = (lines[index] ?? '').split(' ');
      return type === 'commit' ? name : undefined;
    });
  }

  /**
   * Commits reachable from `tip` and from none of `exclude`. Ids this repository does not have are
   * left out of `exclude` (they cannot exclude anything); they go through standard input, since a
   * remote can have more refs than a command line holds. `tip` must exist (callers check it):
   * git would skip a missing one too. `--missing=allow-any` keeps a partial clone from fetching
   * each id it lacks from its promisor remote, one fetch per id.
   */
  async revListExcluding(tip: string, exclude: readonly string[]): Promise<string[]> {
    const input = exclude.map((sha) => `^${sha}\n`).join('');
    const output = await runGit(
      this.root,
      ['rev-list', '--missing=allow-any', '--ignore-missing', '--stdin', tip],
      messages.git.task.listCommits,
      { input },
    );
    return output.split('\n').filter(Boolean);
  }

  /** Tags whose ref points at a tag object (annotated or signed tags), by short name. */
  async annotatedTags(): Promise<{ name: string; sha: string }[]> {
    const output = await runGit(
      this.root,
      ['for-each-ref', '--format=%(objecttype) %(objectname) %(refname)', 'refs/tags/'],
      messages.git.task.listTags,
    );
    return output.split('\n').flatMap((line) => {
      const [type, sha, ...ref] = line.split(' ');
      return type === 'tag' && sha ? [{ name: ref.join(' ').slice('refs/tags/'.length), sha }] : [];
    });
  }

  /** Short id, subject and author of each commit, for reports. */
  async commitInfos(shas: readonly string[]): Promise<Map<string, { short: string; subject: string; author: string }>> {
    const infos = new Map<string, { short: string; subject: string; author: string }>();
    if (shas.length === 0) return infos;
    const output = await runGit(
      this.root,
      ['log', '--no-walk=unsorted', '-z', '--format=%H%x1f%h%x1f%an <%ae>%x1f%s', ...shas],
      messages.git.task.readCommitDetails,
    );
    for (const record of output.split('\0')) {
      const [sha, short, author, subject] = record.replace(/^\n/, '').split('\x1f');
      if (sha && short !== undefined) infos.set(sha, { short, subject: subject ?? '', author: author ?? '' });
    }
    return infos;
  }

  /** Tracked files, repository-relative, as stored in the index. */
  async trackedFiles(): Promise<string[]> {
    const output = await this.simpleGit().run(messages.git.task.listTrackedFiles, (git) => git.raw(['ls-files', '-z', '--cached']));
    return output.split('\0').filter(Boolean);
  }

  /** The git directory shared by all worktrees (where hooks and shared state live), absolute. */
  async commonDir(): Promise<string> {
    const dir = (await this.simpleGit().run(messages.git.task.findGitDir, (git) => git.revparse(['--git-common-dir']))).trim();
    return isAbsolute(dir) ? dir : resolve(this.root, dir);
  }

  /** The directory hooks run from: `core.hooksPath` if set, else `<common dir>/hooks`; absolute. */
  async hooksDir(): Promise<string> {
    const dir = (await this.simpleGit().run(messages.git.task.findHooksDir, (git) => git.revparse(['--git-path', 'hooks']))).trim();
    return isAbsolute(dir) ? dir : resolve(this.root, dir);
  }

  /** A single git config value, or undefined when unset (or git cannot read the config). */
  async configValue(key: string): Promise<string | undefined> {
    try {
      const value = (await this.simpleGit().run(messages.git.task.readConfigKey(key), (git) => git.raw(['config', '--get', key]))).trim();
      return value || undefined;
    } catch (error) {
      if (error instanceof GitFailed) return undefined;
      throw error;
    }
  }

  /** Removes a local config key (no error when it is not set). */
  async unsetConfig(key: string): Promise<void> {
    try {
      await this.simpleGit().run(messages.git.task.unsetConfigKey(key), (git) => git.raw(['config', '--local', '--unset', key]));
    } catch (error) {
      if (!(error instanceof GitFailed)) throw error; // git answering "not set" is fine
    }
  }

  private simpleGit(): SimpleGitCalls {
    return (this.simple ??= new SimpleGitCalls(this.root));
  }
}

/**
 * The work tree and git directory around `cwd`, found on disk the way git finds them (a `.git`
 * folder, or a `.git` file naming the git directory of a worktree or submodule). Saves the hook
 * a `git rev-parse` process. Anything unusual (GIT_DIR or GIT_WORK_TREE set, a core.worktree)
 * is left to git itself: undefined.
 */
function findWorkTree(cwd: string, env: NodeJS.ProcessEnv): { root: string; gitDir: string } | undefined {
  if (env.GIT_DIR || env.GIT_WORK_TREE || env.GIT_CEILING_DIRECTORIES || env.GIT_DISCOVERY_ACROSS_FILESYSTEM) return undefined;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    let stats: Stats | undefined;
    try {
      stats = statSync(dotGit);
    } catch {
      stats = undefined;
    }
    if (stats?.isDirectory()) return plainWorkTree(dir, dotGit);
    if (stats?.isFile()) {
      const pointer = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1];
      if (pointer === undefined) return undefined;
      return plainWorkTree(dir, resolve(dir, pointer.trim()));
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function plainWorkTree(root: string, gitDir: string): { root: string; gitDir: string } | undefined {
  try {
    // A bare repository or one with core.worktree elsewhere: let git answer.
    const config = readFileSync(join(gitDir, 'config'), 'utf8');
    if (/^\s*(worktree|bare\s*=\s*true)/m.test(config)) return undefined;
  } catch {
    // a worktree's git dir has no config of its own: its common dir holds it
  }
  return { root, gitDir };
}
