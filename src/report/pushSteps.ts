import { messages, shellQuote } from '../messages';
import { languageOf } from './envSnippet';
import type { MaskedFinding } from './mask';
import { shellQuoteSafe, terminalSafe } from './terminalSafe';

/** One pushed ref, and where a rewrite of the commits it sends starts. */
export interface PushedRefPlan {
  localRef: string;
  localSha: string;
  remoteRef: string;
  /**
   * The first commit on the tip's first-parent line that the push does not send (the remote has
   * it); undefined when the remote has none of this history, so a rewrite starts from the root.
   */
  base: string | undefined;
  /** The commits this ref sends. */
  commits: ReadonlySet<string>;
  /** The id the remote ref has now when a rewrite on `base` would not fast-forward it: pushed with a lease. */
  replaces: string | undefined;
}

/** What a push's fix steps are computed from: the refs it sends, where HEAD is, what each tip still holds. */
export interface PushFix {
  /** The remote as git named it to the hook: a remote name, or a URL without credentials. */
  remote: string;
  refs: readonly PushedRefPlan[];
  /** The branch HEAD is on (refs/heads/…), undefined when HEAD is detached. */
  currentBranch: string | undefined;
  /**
   * By pushed ref (its local sha): the commits its findings are in, and the files whose secret
   * its tip still holds (as reports name them). A secret added and removed inside the push is in
   * `commits` but its file is not in `paths`: folding the commits is the whole fix.
   */
  findingsByRef: ReadonlyMap<string, { commits: ReadonlySet<string>; paths: readonly string[] }>;
}

const INDENT = '     ';
const COMMAND = '       ';

/**
 * Step 1 for a secret in a pushed file: the commands that take it out of the ref that sends the
 * commit, in the order they run, each on its own line so it can be pasted as printed. Undefined
 * when the commit is sent only by a tag, whose rewrite is not one a few commands can say.
 */
export function pushFixSteps(finding: MaskedFinding, fix: PushFix): string[] | undefined {
  const commit = finding.commit;
  if (!commit) return undefined;
  const ref = carrierOf(fix.refs, commit.sha);
  if (!ref) return undefined;
  const branch = ref.localRef.startsWith('refs/heads/') ? ref.localRef.slice('refs/heads/'.length) : undefined;
  const sha = commit.sha.slice(0, 10);
  const remote = shellQuoteSafe(fix.remote, shellQuote);
  const out = [`  1. ${messages.pushFix.heading(sha, terminalSafe(branch ?? ref.localRef))}`];

  const onIt = branch !== undefined && fix.currentBranch === ref.localRef;
  if (!onIt) {
    const current = fix.currentBranch?.replace(/^refs\/heads\//, '');
    out.push(`${INDENT}${messages.pushFix.switchFirst(current === undefined ? undefined : terminalSafe(current))}`);
    out.push(
      `${COMMAND}${branch !== undefined ? messages.pushFix.switchTo(shellQuoteSafe(branch, shellQuote)) : messages.pushFix.switchDetached(ref.localSha)}`,
    );
  }

  const baseText =
    ref.base === undefined
      ? messages.pushFix.baseRoot(terminalSafe(fix.remote))
      : messages.pushFix.baseOnRemote(ref.base.slice(0, 10), terminalSafe(fix.remote));
  const dropCommits =
    ref.base !== undefined
      ? messages.pushFix.resetSoft(ref.base)
      : branch !== undefined
        ? messages.pushFix.dropBranch(shellQuoteSafe(ref.localRef, shellQuote))
        : messages.pushFix.orphan;
  // Every finding of the ref gets the same steps, covering all its files: run once, they fix the ref.
  const found = fix.findingsByRef.get(ref.localSha) ?? { commits: new Set([commit.sha]), paths: [finding.file] };
  const paths = found.paths.map((file) => shellQuoteSafe(file, shellQuote)).join(' ');
  const named = found.paths.map(terminalSafe);
  const onlyInTip = [...found.commits].every((sha) => sha === ref.localSha);
  if (onlyInTip && found.paths.length > 0) {
    out.push(`${INDENT}${messages.pushFix.amendTip(named)}`);
    out.push(`${COMMAND}${messages.pushFix.add(paths)}`, `${COMMAND}${messages.pushFix.amend}`);
  } else if (found.paths.length === 0) {
    out.push(`${INDENT}${messages.pushFix.squashGone(ref.commits.size, baseText)}`);
    out.push(`${COMMAND}${dropCommits}`, `${COMMAND}${messages.pushFix.commitAs(ref.localSha)}`);
  } else {
    out.push(`${INDENT}${messages.pushFix.squashOlder(ref.commits.size, baseText, named)}`);
    out.push(
      `${COMMAND}${dropCommits}`,
      `${COMMAND}${messages.pushFix.add(paths)}`,
      `${COMMAND}${messages.pushFix.commitAs(ref.localSha)}`,
    );
    out.push(`${INDENT}${messages.pushFix.keepCommits(messages.pushFix.rebaseBase(ref.base?.slice(0, 10)), sha)}`);
  }

  const source = branch !== undefined ? shellQuoteSafe(branch, shellQuote) : 'HEAD';
  const target = ref.remoteRef === `refs/heads/${branch}` ? source : `${source}:${shellQuoteSafe(ref.remoteRef, shellQuote)}`;
  const lease = ref.replaces === undefined ? undefined : `${shellQuoteSafe(ref.remoteRef, shellQuote)}:${ref.replaces}`;
  out.push(`${INDENT}${lease === undefined ? messages.pushFix.pushAgain : messages.pushFix.pushAgainLease(terminalSafe(fix.remote))}`);
  out.push(`${COMMAND}${messages.pushFix.push(remote, target, lease)}`);
  return out;
}

/** The line a rewrite of a message finding needs first: the branch that sends the commit, when HEAD is elsewhere. */
export function switchToCarrier(commitSha: string, fix: PushFix): string[] {
  const ref = carrierOf(fix.refs, commitSha);
  if (!ref || (ref.localRef.startsWith('refs/heads/') && fix.currentBranch === ref.localRef)) return [];
  const branch = ref.localRef.startsWith('refs/heads/') ? ref.localRef.slice('refs/heads/'.length) : undefined;
  const current = fix.currentBranch?.replace(/^refs\/heads\//, '');
  return [
    `${INDENT}${messages.pushFix.switchFirst(current === undefined ? undefined : terminalSafe(current))}`,
    `${COMMAND}${branch !== undefined ? messages.pushFix.switchTo(shellQuoteSafe(branch, shellQuote)) : messages.pushFix.switchDetached(ref.localSha)}`,
  ];
}

/** The pushed branch (or detached HEAD) that sends a commit: the ref whose rewrite takes it out. */
export function carrierOf(refs: readonly PushedRefPlan[], commitSha: string): PushedRefPlan | undefined {
  return refs.find((candidate) => candidate.commits.has(commitSha) && isBranchOrHead(candidate.localRef));
}

function isBranchOrHead(localRef: string): boolean {
  return localRef.startsWith('refs/heads/') || localRef === 'HEAD';
}

/** Files that hold nothing but secrets: dropped from history whole, not edited. */
const SECRET_FILE =
  /(^|\/)(\.env(\.[^/]*)?|[^/]*\.env|[^/]*\.(pem|key|p12|pfx|jks|keystore|ppk)|id_(rsa|dsa|ecdsa|ed25519)|\.npmrc|\.pypirc|\.netrc|credentials(\.json)?)$/;

/**
 * For a secret found in history: if it was pushed, revoke first, then purge it with git
 * filter-repo: the exact path for a file that should never be tracked, else a replace-text file
 * the user fills in (the report never prints the secret, so it cannot write that file itself).
 */
export function purgeSteps(finding: MaskedFinding): string[] {
  const path = shellQuoteSafe(finding.file, shellQuote);
  const out = [`${INDENT}${messages.purge.heading}`];
  if (SECRET_FILE.test(finding.file) || languageOf(finding.file).language === '.env') {
    out.push(`${INDENT}${messages.purge.dropFile}`, `${COMMAND}${messages.purge.filterPath(path)}`);
  } else {
    out.push(
      `${INDENT}${messages.purge.replaceText(messages.purge.replaceFile)}`,
      `${COMMAND}${messages.purge.filterText(messages.purge.replaceFile)}`,
    );
  }
  out.push(`${INDENT}${messages.purge.forcePush}`);
  return out;
}
