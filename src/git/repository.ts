import { isAbsolute, resolve } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { GitError } from '../errors';
import { parseRawPatch, type DiffEntry } from './diffParser';

/**
 * Settings that would change what git prints. The user's own git config may turn any of them
 * on (colour, no prefixes, quoted paths, an external diff tool); we pin them per command.
 */
const NEUTRAL_CONFIG = [
  'core.quotepath=off',
  'color.ui=never',
  'color.diff=never',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'diff.relative=false',
];

/** Arguments for a diff that yields NUL-separated paths then `-U0` patches of added lines. */
export const ADDED_LINES_DIFF_ARGS = [
  '--raw', '-z', '-p', '-U0', '--no-abbrev', '--no-color', '--no-ext-diff', '--no-textconv',
  '--no-relative', '--src-prefix=a/', '--dst-prefix=b/', '-M', '--diff-filter=ACMRT', '--ignore-submodules=none',
];

/** The only module that runs git. Every git failure becomes a GitError with one clear sentence. */
export class Repository {
  private constructor(readonly root: string, private readonly git: SimpleGit) {}

  /** The repository that contains `cwd`; GitError when there is none or git is missing. */
  static async open(cwd: string): Promise<Repository> {
    const probe = gitAt(cwd);
    const root = (await run(() => probe.revparse(['--show-toplevel']), 'find the repository')).trim();
    if (!root) throw new GitError('This is not inside a git work tree (a bare repository has nothing staged).');
    return new Repository(root, gitAt(root));
  }

  /** Whether `cwd` is inside a git work tree (without failing when it is not). */
  static async isInside(cwd: string): Promise<boolean> {
    try {
      return (await gitAt(cwd).revparse(['--is-inside-work-tree'])).trim() === 'true';
    } catch {
      return false;
    }
  }

  /**
   * What is staged: the index against HEAD, or against the empty tree on a first commit (git
   * does that itself when HEAD is unborn). Content comes from the index, not the work tree.
   */
  async stagedChanges(): Promise<DiffEntry[]> {
    const output = await run(() => this.git.raw(['diff', '--cached', ...ADDED_LINES_DIFF_ARGS]), 'read the staged changes');
    return parseRawPatch(output);
  }

  /** Whether HEAD points at a commit (false on a repository's first commit). */
  async hasHead(): Promise<boolean> {
    // `--quiet` makes git print nothing for an unborn HEAD; simple-git may not count that as failure.
    const output = await this.git.raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).catch(() => '');
    return output.trim().length > 0;
  }

  /** Commit ids (newest first) for rev-list arguments such as `A..B` or `X --not --remotes=origin`. */
  async revList(args: readonly string[]): Promise<string[]> {
    const output = await run(() => this.git.raw(['rev-list', ...args]), 'list the commits to scan');
    return output.split('\n').filter(Boolean);
  }

  /** Whether an object id names a commit (or a tag pointing at one) in this repository. */
  async isCommit(sha: string): Promise<boolean> {
    const output = await this.git.raw(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`]).catch(() => '');
    return output.trim().length > 0;
  }

  /** Short id, subject and author of each commit, for reports. */
  async commitInfos(shas: readonly string[]): Promise<Map<string, { short: string; subject: string; author: string }>> {
    const infos = new Map<string, { short: string; subject: string; author: string }>();
    if (shas.length === 0) return infos;
    const output = await run(
      () => this.git.raw(['log', '--no-walk=unsorted', '-z', '--format=%H%x1f%h%x1f%an <%ae>%x1f%s', ...shas]),
      'read commit details',
    );
    for (const record of output.split('\0')) {
      const [sha, short, author, subject] = record.replace(/^\n/, '').split('\x1f');
      if (sha && short !== undefined) infos.set(sha, { short, subject: subject ?? '', author: author ?? '' });
    }
    return infos;
  }

  /** Tracked files, repository-relative, as stored in the index. */
  async trackedFiles(): Promise<string[]> {
    const output = await run(() => this.git.raw(['ls-files', '-z', '--cached']), 'list tracked files');
    return output.split('\0').filter(Boolean);
  }

  /** This work tree's own git directory (per worktree), absolute. */
  async gitDir(): Promise<string> {
    return (await run(() => this.git.revparse(['--absolute-git-dir']), 'find the git directory')).trim();
  }

  /** The git directory shared by all worktrees (where hooks and shared state live), absolute. */
  async commonDir(): Promise<string> {
    const dir = (await run(() => this.git.revparse(['--git-common-dir']), 'find the git directory')).trim();
    return isAbsolute(dir) ? dir : resolve(this.root, dir);
  }

  /** The directory hooks run from: `core.hooksPath` if set, else `<common dir>/hooks`; absolute. */
  async hooksDir(): Promise<string> {
    const dir = (await run(() => this.git.revparse(['--git-path', 'hooks']), 'find the hooks directory')).trim();
    return isAbsolute(dir) ? dir : resolve(this.root, dir);
  }

  /** Removes a local config key (no error when it is not set). */
  async unsetConfig(key: string): Promise<void> {
    try {
      await this.git.raw(['config', '--local', '--unset', key]);
    } catch {
      // already unset
    }
  }

  /** A single git config value, or undefined when unset. */
  async configValue(key: string): Promise<string | undefined> {
    try {
      const value = (await this.git.raw(['config', '--get', key])).trim();
      return value || undefined;
    } catch {
      return undefined;
    }
  }
}

function gitAt(baseDir: string): SimpleGit {
  // Reading and unsetting core.hooksPath is install's job; simple-git guards that key by default.
  // Every argument here is ours, never user input, so the guard has nothing to protect.
  return simpleGit({ baseDir, config: NEUTRAL_CONFIG, trimmed: false, unsafe: { allowUnsafeHooksPath: true } });
}

async function run<T>(task: () => Promise<T>, what: string): Promise<T> {
  try {
    return await task();
  } catch (error) {
    throw toGitError(error, what);
  }
}

function toGitError(error: unknown, what: string): GitError {
  const message = error instanceof Error ? error.message : String(error);
  if (/ENOENT|spawn git/i.test(message)) return new GitError(`git was not found on PATH, so leakgate could not ${what}.`);
  if (/not a git repository/i.test(message)) return new GitError('This is not inside a git repository.');
  const firstLine = message.split('\n').find((line) => line.trim()) ?? 'unknown error';
  return new GitError(`git failed to ${what}: ${firstLine.replace(/^(fatal|error): /, '')}`);
}
