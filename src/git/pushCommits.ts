import { LeakgateError } from '../errors';
import { messages } from '../messages';
import type { PushRef } from './pushRefs';
import { terminalSafe } from '../report/terminalSafe';
import { askRemoteTips, lastFetchTime, withoutCredentials, type RemoteTips } from './remoteTips';
import type { Repository } from './repository';

/** The commits one pushed ref sends. */
export interface RefCommits {
  ref: PushRef;
  commits: string[];
}

/** What a push sends, per ref, and a notice for stderr when the remote could not be asked. */
export interface PushCommits {
  perRef: RefCommits[];
  notice?: string;
}

/**
 * The commits each ref of a push sends that the remote lacks. An update whose old remote id we
 * have is `remote..local` (git read that id from the remote itself). A new ref, or an old id we
 * lack, is judged against the tips the remote lists now (`git ls-remote`), not against local
 * tracking refs: those may be stale, e.g. still reach a commit the remote purged with a force
 * push. Only when the remote cannot be asked do the tracking refs stand in, and the notice says so.
 */
export async function commitsToPush(
  repo: Repository,
  refs: readonly PushRef[],
  remote: string,
  url: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<PushCommits> {
  let asked: Promise<RemoteTips> | undefined;
  const ask = () => (asked ??= askRemoteTips(repo.root, remote, url, env));
  // A new ref needs the remote's view for sure: ask while the ids are checked.
  if (refs.some((ref) => ref.kind === 'new')) void ask();

  const known = await repo.commitsAmong(
    refs.flatMap((ref) => (ref.kind === 'delete' ? [] : ref.kind === 'update' ? [ref.localSha, ref.remoteSha] : [ref.localSha])),
  );
  const plans = refs.map((ref) => {
    if (ref.kind === 'delete') return { ref, base: 'none' as const };
    if (!known.has(ref.localSha)) throw new LeakgateError(messages.git.unresolvedPushedCommit(ref.localSha.slice(0, 12), ref.localRef));
    return { ref, base: ref.kind === 'update' && known.has(ref.remoteSha) ? ('remote-sha' as const) : ('remote-tips' as const) };
  });
  const tips = plans.some((plan) => plan.base === 'remote-tips') ? await ask() : undefined;

  const perRef: RefCommits[] = [];
  for (const { ref, base } of plans) {
    if (base === 'none') perRef.push({ ref, commits: [] });
    else if (base === 'remote-sha') perRef.push({ ref, commits: await repo.revList([ref.localSha, '--not', ref.remoteSha]) });
    else if (tips?.asked) perRef.push({ ref, commits: await repo.revListExcluding(ref.localSha, tips.tips) });
    else perRef.push({ ref, commits: await repo.revList([ref.localSha, '--not', `--remotes=${remote}`]) });
  }
  if (!tips || tips.asked) return { perRef };
  const fetched = lastFetchTime(repo.gitDir);
  return { perRef, notice: messages.remoteNotAsked(terminalSafe(withoutCredentials(remote)), tips.reason, fetched && utcMinute(fetched)) };
}

/** `2026-12-03 08:15 UTC`: a date a user can compare with their clock at a glance. */
function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
