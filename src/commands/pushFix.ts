import { isMessagePath } from '../detect/messageFragments';
import type { Finding } from '../detect/types';
import type { RefCommits } from '../git/pushCommits';
import { blobsAtTips, currentBranch, planPushedRefs } from '../git/pushPlan';
import { withoutCredentials } from '../git/remoteTips';
import type { Repository } from '../git/repository';
import { carrierOf, type PushFix } from '../report/pushSteps';

/** Files bigger than this are not read back to tell whether a tip still holds a secret: it counts as there. */
const TIP_READ_LIMIT = 8 * 1024 * 1024;

/**
 * What the fix steps of a blocked push are computed from: each ref's rewrite base, the branch HEAD
 * is on, and which secrets a ref's tip no longer holds (added and removed inside the push, where
 * the fix is to fold the commits, not to edit the tip). Asked only once a push is blocked.
 */
export async function pushFixOf(
  repo: Repository,
  perRef: readonly RefCommits[],
  findings: readonly Finding[],
  remote: string,
): Promise<PushFix> {
  const [planned, branch] = await Promise.all([planPushedRefs(repo.root, perRef), currentBranch(repo.root)]);
  // `git push origin HEAD:main` names the local side HEAD: on a branch, that branch is what to fix.
  const refs = planned.map((ref) => (ref.localRef === 'HEAD' && branch !== undefined ? { ...ref, localRef: branch } : ref));
  const checks: { tip: string; path: string; finding: Finding }[] = [];
  const unchecked: { tip: string; commit: string; file: string }[] = [];
  for (const finding of findings) {
    const sha = finding.commit?.sha;
    if (sha === undefined || finding.tag) continue;
    const ref = carrierOf(refs, sha);
    if (!ref || isMessagePath(finding.path)) continue;
    // A path git cannot name on one line is not looked up: its secret counts as still there.
    if (/[\n\r]/.test(finding.path)) unchecked.push({ tip: ref.localSha, commit: sha, file: finding.path });
    else checks.push({ tip: ref.localSha, path: finding.path, finding });
  }
  const blobIds = await blobsAtTips(repo.root, checks);
  const blobs = await repo.readBlobs([...new Set(blobIds.values())], TIP_READ_LIMIT);
  const findingsByRef = new Map<string, { commits: Set<string>; paths: string[] }>();
  for (const { tip, path, finding } of checks) {
    const entry = findingsByRef.get(tip) ?? { commits: new Set<string>(), paths: [] };
    findingsByRef.set(tip, entry);
    entry.commits.add(finding.commit!.sha);
    const id = blobIds.get(`${tip}:${path}`);
    const text = id === undefined ? '' : blobs.get(id)?.toString('utf8');
    // A blob too big to read back keeps its secret, as far as the steps are concerned.
    const stillThere = text === undefined || finding.spans.some((span) => text.includes(span.secret));
    if (stillThere && !entry.paths.includes(path)) entry.paths.push(path);
  }
  for (const finding of unchecked) {
    const entry = findingsByRef.get(finding.tip) ?? { commits: new Set<string>(), paths: [] };
    findingsByRef.set(finding.tip, entry);
    entry.commits.add(finding.commit);
    if (!entry.paths.includes(finding.file)) entry.paths.push(finding.file);
  }
  return { remote: withoutCredentials(remote), refs, currentBranch: branch, findingsByRef };
}
