import { LeakgateError, UsageError, EXIT } from '../errors';
import { commitsToPush } from '../git/pushCommits';
import { frameworkPushOf, parsePushLines, pushLine, type PushRef } from '../git/pushRefs';
import { Repository } from '../git/repository';
import { messages } from '../messages';
import { ScanSession } from '../session/scanSession';
import { CommitSource } from '../sources/commitSource';
import { pushedTags } from '../sources/fromMessages';
import { recordLastRun } from '../state/lastRun';
import { guardPush } from './configGuard';
import { pushFixOf } from './pushFix';
import { result, type CommandResult, type Io } from './io';
import { progressFor, withProgress } from './progress';
import { layoutOf, reportOf, skippedWarnings } from './reporting';

/** From this many commits a push shows progress (on a terminal). */
const PROGRESS_MIN_COMMITS = 20;

export interface PrePushOptions {
  remote?: string;
  url?: string;
  verbose: boolean;
  /** Findings listed before the report turns compact-and-cut (0: all); LEAKGATE_MAX_FINDINGS. */
  maxFindings?: number;
  /** No progress line. */
  quiet?: boolean;
}

/**
 * `leakgate pre-push <remote> <url>`: scans every commit the push would send that the remote
 * lacks, each on its own change, so a secret added and removed inside the push is still refused.
 */
export async function prePush(options: PrePushOptions, io: Io): Promise<CommandResult> {
  // Run by the pre-commit framework (`leakgate pre-push` with no arguments): its variables say what is pushed.
  const framework = options.remote === undefined ? frameworkPushOf(io.env) : undefined;
  const remote = options.remote ?? framework?.remote;
  if (!remote) throw new UsageError(messages.prePushNeedsRemote);
  const url = options.url ?? framework?.url;
  const refs = parsePushLines(framework ? await frameworkPushInput(framework, io.cwd) : await io.readStdin());
  if (refs.length === 0) {
    throw new LeakgateError(messages.prePushNoRefs, messages.prePushNoRefsHint);
  }
  const repo = await Repository.open(io.cwd);
  io.budget?.enter(messages.phaseListingPush);

  const { perRef, notice } = await commitsToPush(repo, refs, remote, url, io.env);
  const remoteNotice = notice ? `${notice}\n` : '';
  // Oldest first, each commit once even when several refs carry it.
  const commits = [...new Set(perRef.flatMap(({ commits }) => commits))].reverse();
  // Scanned by the remote side's config: the pushed commits cannot loosen it (configGuard.ts).
  const guard = await guardPush(repo, perRef, io);
  // Messages (of commits and annotated tags) are published too: read beside the changes.
  const source = new CommitSource(repo, commits, { tags: async () => pushedTags(commits, refs) }, guard.findings);
  // A push of a few commits is judged in a blink: no need to ask whether stderr is a terminal.
  const progress =
    commits.length >= PROGRESS_MIN_COMMITS
      ? progressFor(io, { ...(options.quiet ? { quiet: true } : {}), commits: commits.length })
      : undefined;
  const session = new ScanSession(guard.setup, io.budget, progress);
  const scan = await withProgress(progress, () => session.scan(source, messages.phaseCommits(commits.length)));

  const verbose = remoteNotice + (options.verbose ? verboseSummary(perRef, scan.bytesByCommit) : '');
  const warnings = (guard.notice ?? '') + skippedWarnings(scan.skipped);
  if (scan.findings.length === 0) return result(EXIT.clean, '', verbose + warnings);
  const notRecorded = recordLastRun(repo.gitDir, scan.findings);
  const tagCount = refs.filter((ref) => ref.kind !== 'delete' && ref.remoteRef.startsWith('refs/tags/')).length;
  const fix = await pushFixOf(repo, perRef, scan.findings, remote);
  const push = { remote, tips: new Set(refs.map((ref) => ref.localSha)), commitCount: commits.length, tagCount, fix };
  const report = reportOf('text', io, 'stderr').render({
    mode: 'pre-push',
    findings: scan.findings,
    skipped: scan.skipped,
    scanned: scan.scanned,
    push,
    layout: layoutOf(options, io.env),
  });
  return result(EXIT.findings, '', verbose + warnings + report + notRecorded);
}

/** git's pre-push line for the ref the framework names; a root-commit push names no commits, only the ref. */
async function frameworkPushInput(push: NonNullable<ReturnType<typeof frameworkPushOf>>, cwd: string): Promise<string> {
  const localSha = push.localSha ?? (await (await Repository.open(cwd)).peelToCommits([push.localRef]))[0];
  if (!localSha) throw new LeakgateError(messages.frameworkPushUnresolved(push.localRef));
  return pushLine(push.localRef, localSha, push.remoteRef, push.remoteSha);
}

function verboseSummary(perRef: { ref: PushRef; commits: string[] }[], bytesByCommit: ReadonlyMap<string, number>): string {
  const lines = perRef.map(({ ref, commits }) => {
    if (ref.kind === 'delete') return messages.pushDeletion(ref.remoteRef);
    const bytes = commits.reduce((sum, sha) => sum + (bytesByCommit.get(sha) ?? 0), 0);
    return messages.pushRefScanned(ref.localRef, ref.remoteRef, ref.kind, commits.length, bytes);
  });
  return `${lines.join('\n')}\n`;
}
