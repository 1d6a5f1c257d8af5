import { statSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../messages';
import { terminalSafe } from '../report/terminalSafe';
import { GitFailed, GitTimeout, runGit, tryGit } from './gitRunner';
import { commonDirOf } from './headRef';

/** How long the remote gets to list its refs before leakgate stops asking. */
export const ASK_REMOTE_TIMEOUT_MS = 5000;

/** What the remote said it has, or why it could not be asked. */
export type RemoteTips = { asked: true; tips: string[] } | { asked: false; reason: string };

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Every object id the remote's refs point at (`git ls-remote`), asked of the URL git pushes to.
 * Never a prompt: no terminal, no askpass program, batch-mode ssh unless the user chose their own
 * ssh command; after ASK_REMOTE_TIMEOUT_MS the attempt is abandoned. A failure is an answer
 * ("could not ask"), never an exception: the caller falls back and says so.
 */
export async function askRemoteTips(
  root: string,
  remote: string,
  url: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RemoteTips> {
  const target = url || remote;
  try {
    const ownSsh =
      Boolean(env.GIT_SSH_COMMAND || env.GIT_SSH) ||
      (mayUseSsh(target, url) &&
        Boolean((await tryGit(root, ['config', '--get', 'core.sshCommand'], messages.git.task.readSshCommand))?.trim()));
    const output = await runGit(root, ['ls-remote', '--', target], messages.git.task.askRemote(remote), {
      env: noPromptEnv(env, ownSsh),
      timeoutMs: ASK_REMOTE_TIMEOUT_MS,
    });
    const tips = new Set<string>();
    for (const line of output.split('\n')) {
      const sha = line.slice(0, line.indexOf('\t'));
      if (SHA.test(sha)) tips.add(sha);
    }
    return { asked: true, tips: [...tips] };
  } catch (error) {
    if (error instanceof GitTimeout) return { asked: false, reason: messages.git.remoteSilent(ASK_REMOTE_TIMEOUT_MS / 1000) };
    const reason = error instanceof GitFailed ? error.reason : error instanceof Error ? error.message : String(error);
    return { asked: false, reason: terminalSafe(withoutCredentials(reason)).slice(0, 200) };
  }
}

/**
 * The environment for a question that must never wait for a person: no terminal prompt, no
 * askpass program (git's or ssh's), no credential manager window, ssh in batch mode with a
 * connect timeout. A user's own ssh command is kept as it is (it may be plink, or need options).
 */
export function noPromptEnv(env: NodeJS.ProcessEnv, ownSsh: boolean): NodeJS.ProcessEnv {
  const quiet: NodeJS.ProcessEnv = {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    // Empty: git then uses no askpass at all (not even SSH_ASKPASS or core.askPass).
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    SSH_ASKPASS_REQUIRE: 'never',
    GCM_INTERACTIVE: 'never',
  };
  if (!ownSsh) quiet.GIT_SSH_COMMAND = `ssh -o BatchMode=yes -o ConnectTimeout=${ASK_REMOTE_TIMEOUT_MS / 1000}`;
  return quiet;
}

/** Whether git would reach `target` over ssh (or may: a remote name whose URL we were not given). */
function mayUseSsh(target: string, url: string | undefined): boolean {
  if (!url) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return /^(?:ssh|git\+ssh|ssh\+git):/i.test(target);
  // scp-like `[user@]host:path`: a colon before any slash (git's own rule).
  const colon = target.indexOf(':');
  return colon > 0 && !target.slice(0, colon).includes('/');
}

/** A URL's `user:password@` left out, so a reason quoting the URL prints no credential. */
export function withoutCredentials(text: string): string {
  return text.replace(/(\/\/)[^/@\s]*@/g, '$1');
}

/** When this clone last fetched (FETCH_HEAD's time), or undefined when no fetch is recorded. */
export function lastFetchTime(gitDir: string): Date | undefined {
  for (const dir of [gitDir, commonDirOf(gitDir)]) {
    try {
      return statSync(join(dir, 'FETCH_HEAD')).mtime;
    } catch {
      // not here
    }
  }
  return undefined;
}
