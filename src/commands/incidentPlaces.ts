import type { Setup } from '../config/detectorFor';
import { loadRules } from '../config/loadRules';
import { parseFingerprint, type FingerprintParts } from '../detect/fingerprint';
import { isMessagePath } from '../detect/messageFragments';
import type { Finding, Remediation } from '../detect/types';
import { commitsReaching, refKind } from '../git/reach';
import type { Repository } from '../git/repository';
import {
  blobsAt,
  commitDetails,
  commitGraph,
  headState,
  reflogEntries,
  refTips,
  remoteNames,
  renames,
  workTreeFiles,
  ignoredFiles,
  type CommitNode,
  type ReflogEntry,
  type RefTip,
} from '../git/whereabouts';
import { messages } from '../messages';
import type { Incident, IncidentCommit, IncidentReflog } from '../report/incidentReport';
import { maskIn } from '../report/mask';
import { redactSecret } from '../report/redact';
import { clipCredentialWords } from '../report/userValue';
import { ScanSession } from '../session/scanSession';
import { BlobSource, type BlobAtPath } from '../sources/blobSource';
import { CommitSource } from '../sources/commitSource';
import { FileSource, streamTracked } from '../sources/fileSource';
import type { Source } from '../sources/fragments';
import { StagedSource } from '../sources/stagedSource';

/** What this clone holds, read once for every fingerprint asked about. */
interface Clone {
  graph: CommitNode[];
  refs: RefTip[];
  reflog: ReflogEntry[];
  remotes: string[];
  head: { commit?: string; branch?: string };
  /** Findings of every commit's own change (and commit and tag messages), of the index, of the work tree. */
  history: Finding[];
  staged: Finding[];
  workTree: Finding[];
  /** Findings in files git ignores (never in git; where the key lives once taken out of the code). */
  ignored: Finding[];
  /** Blob findings, keyed `blob\0path` (BlobSource puts the blob id in the commit slot). */
  blobFindings: Map<string, Finding[]>;
  /** `blob\0path` of each commit's version of each candidate path. */
  versions: Map<string, Map<string, string>>;
  /** The index's version of each candidate path. */
  indexVersions: Map<string, string>;
  /** Every secret any scan found, of any rule: a commit subject shown in the report may hold one. */
  secrets: string[];
}

/**
 * Finds every place each secret named by `targets` sits in this clone. The fingerprint names the
 * rule and a hash of the value, never the value: so every candidate place is scanned and the
 * findings whose rule and hash match are kept. First the changes every commit of every ref and
 * reflog brought, the index and the work tree: they name the paths it sits at. Then each
 * commit's and the index's version of those paths (one `cat-file --batch-check`, each distinct
 * blob scanned once), which tells the commits that still carry it.
 */
export async function locate(repo: Repository, setup: Setup, targets: readonly FingerprintParts[], today: string): Promise<Incident[]> {
  const clone = await readClone(repo, setup, targets);
  const details = await commitDetails(repo.root, [...new Set(carrierShas(clone, targets))]);
  return targets.map((target) => incidentOf(repo, clone, target, details, today));
}

async function readClone(repo: Repository, setup: Setup, targets: readonly FingerprintParts[]): Promise<Clone> {
  const { root } = repo;
  const [graph, refs, reflog, remotes, head, files, ignored] = await Promise.all([
    commitGraph(root),
    refTips(root),
    reflogEntries(root),
    remoteNames(root),
    headState(root),
    workTreeFiles(root),
    ignoredFiles(root),
  ]);
  const found = await scanPlaces(repo, setup, graph, files, ignored);
  const keys = new Set(targets.map((target) => target.secretKey));
  const paths = new Set(targets.map((target) => target.path));
  const added = found.history.filter((finding) => matches(finding, keys) && isFilePath(finding));
  for (const finding of [...added, ...found.staged, ...found.workTree])
    if (matches(finding, keys) && isFilePath(finding)) paths.add(finding.path);
  // A rename adds no line, so its new path was never scanned as a change: follow the renames.
  if (added.length) followRenames(paths, await renames(root));
  // Only a commit whose history holds a commit that added it can carry it (a root commit's change is its whole tree).
  const descendants = commitsReaching(graph, new Set(added.flatMap((finding) => (finding.commit ? [finding.commit.sha] : []))));
  const commits = graph.map((node) => node.sha).filter((sha) => descendants.has(sha));
  const versions = await fileVersions(repo, setup, commits, [...paths]);
  const secrets = [...found.history, ...found.staged, ...found.workTree, ...found.ignored, ...versions.findings].flatMap((finding) =>
    finding.spans.map((span) => span.secret).filter((secret) => secret !== finding.path),
  );
  return { graph, refs, reflog, remotes, head, ...found, ...versions.places, secrets: [...new Set(secrets)] };
}

/** The findings of every commit's own change, of the staged change, of the work tree and of the files git ignores. */
async function scanPlaces(
  repo: Repository,
  setup: Setup,
  graph: readonly CommitNode[],
  files: readonly string[],
  ignored: readonly string[],
): Promise<Pick<Clone, 'history' | 'staged' | 'workTree' | 'ignored'>> {
  const { root } = repo;
  const commits = graph.map((node) => node.sha);
  const scan = async (source: Source, doing: string) => (await new ScanSession(setup).scan(source, doing)).findings;
  const onDisk = (list: readonly string[]) =>
    new FileSource((isAllowed) => streamTracked(root, list, { maxFileSize: setup.config.maxFileSize, isAllowed, root, cwd: root }));
  return {
    history: commits.length
      ? await scan(new CommitSource(repo, commits, { tags: () => repo.annotatedTags() }), messages.incident.phaseHistory(commits.length))
      : [],
    staged: await scan(new StagedSource(repo, {}), messages.phaseStaged),
    workTree: await scan(onDisk(files), messages.phaseFiles),
    ignored: ignored.length ? await scan(onDisk(ignored), messages.phaseFiles) : [],
  };
}

/**
 * Each commit's and the index's version of each path (one `cat-file --batch-check`), each distinct
 * version scanned once: its findings by `blob\0path`, and which version each commit and the index hold.
 */
async function fileVersions(
  repo: Repository,
  setup: Setup,
  commits: readonly string[],
  paths: readonly string[],
): Promise<{ places: Pick<Clone, 'blobFindings' | 'versions' | 'indexVersions'>; findings: Finding[] }> {
  // A path with a newline cannot be asked of cat-file's line-based input; its own changes were scanned already.
  const candidates = paths.filter((path) => !path.includes('\n'));
  const specs = [...commits.flatMap((sha) => candidates.map((path) => `${sha}:${path}`)), ...candidates.map((path) => `:${path}`)];
  const blobIds = await blobsAt(repo.root, specs);
  const versions = new Map<string, Map<string, string>>();
  const indexVersions = new Map<string, string>();
  const distinct = new Map<string, BlobAtPath>();
  specs.forEach((spec, index) => {
    const found = blobIds[index];
    if (found === undefined) return;
    const at = spec.indexOf(':');
    const commit = spec.slice(0, at);
    const path = spec.slice(at + 1);
    const key = `${found.blob}\0${path}`;
    distinct.set(key, { blob: found.blob, path, size: found.size });
    if (commit === '') indexVersions.set(path, key);
    else versions.set(commit, (versions.get(commit) ?? new Map<string, string>()).set(path, key));
  });
  const { findings } = await new ScanSession(setup).scan(
    new BlobSource(repo, [...distinct.values()]),
    messages.incident.phaseBlobs(distinct.size),
  );
  const blobFindings = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.commit?.sha ?? ''}\0${finding.path}`;
    const list = blobFindings.get(key) ?? [];
    list.push(finding);
    blobFindings.set(key, list);
  }
  return { places: { blobFindings, versions, indexVersions }, findings };
}

/** Adds to `paths` every path one of them was renamed to, and so on down the chain. */
function followRenames(paths: Set<string>, pairs: readonly [string, string][]): void {
  for (let grew = true; grew; ) {
    grew = false;
    for (const [from, to] of pairs) {
      if (paths.has(from) && !paths.has(to)) {
        paths.add(to);
        grew = true;
      }
    }
  }
}

function matches(finding: Finding, keys: ReadonlySet<string>): boolean {
  const parts = parseFingerprint(finding.fingerprint);
  return parts !== undefined && keys.has(parts.secretKey);
}

function isFilePath(finding: Finding): boolean {
  return !finding.tag && !isMessagePath(finding.path);
}

/** Commit → paths whose version there holds the secret. */
function carriersOf(clone: Clone, key: string): Map<string, string[]> {
  const holding = new Set<string>();
  for (const [blobKey, findings] of clone.blobFindings)
    if (findings.some((finding) => matches(finding, new Set([key])))) holding.add(blobKey);
  const carriers = new Map<string, string[]>();
  const add = (commit: string, path: string) => {
    const paths = carriers.get(commit) ?? [];
    if (!paths.includes(path)) paths.push(path);
    carriers.set(commit, paths);
  };
  for (const [commit, byPath] of clone.versions) for (const [path, blobKey] of byPath) if (holding.has(blobKey)) add(commit, path);
  // A change that added it is a carrier even when its whole file reads otherwise (too big to hold, say).
  for (const finding of clone.history)
    if (finding.commit && isFilePath(finding) && matches(finding, new Set([key]))) add(finding.commit.sha, finding.path);
  return carriers;
}

function carrierShas(clone: Clone, targets: readonly FingerprintParts[]): string[] {
  return targets.flatMap((target) => [...carriersOf(clone, target.secretKey).keys()]);
}

function incidentOf(
  repo: Repository,
  clone: Clone,
  target: FingerprintParts,
  details: ReadonlyMap<string, { short: string; author: string; date: string; subject: string }>,
  today: string,
): Incident {
  const keys = new Set([target.secretKey]);
  const own = (findings: readonly Finding[]) => findings.filter((finding) => matches(finding, keys));
  const history = own(clone.history);
  const inMessages = history.filter((finding) => !isFilePath(finding));
  const carriers = carriersOf(clone, target.secretKey);
  const order = new Map(clone.graph.map((node, index) => [node.sha, index]));
  const byAge = (a: string, b: string) => (order.get(a) ?? 0) - (order.get(b) ?? 0);

  // The first commit that added it: the oldest (by author date, then graph order) whose own change brought it.
  const adders = [...new Set(history.filter(isFilePath).flatMap((finding) => (finding.commit ? [finding.commit.sha] : [])))];
  const firstSha = [...(adders.length ? adders : [...carriers.keys()])].sort(
    (a, b) => (details.get(a)?.date ?? '').localeCompare(details.get(b)?.date ?? '') || byAge(a, b),
  )[0];
  // A subject or author may hold this key or another (a message that quotes it): masked as reports mask them.
  const masked = (text: string) => clipCredentialWords(maskIn(text, clone.secrets));
  const commitOf = (sha: string): IncidentCommit => {
    const info = details.get(sha);
    return {
      sha,
      short: info?.short ?? sha.slice(0, 10),
      author: masked(info?.author ?? ''),
      date: info?.date ?? '',
      subject: masked(info?.subject ?? ''),
      paths: carriers.get(sha) ?? [],
    };
  };
  const laterCommits = [...carriers.keys()]
    .filter((sha) => sha !== firstSha)
    .sort(byAge)
    .map(commitOf);

  const seeds = new Set([...carriers.keys(), ...inMessages.flatMap((finding) => (finding.commit ? [finding.commit.sha] : []))]);
  for (const finding of inMessages) if (finding.tag) seeds.add(finding.tag.target);
  const reached = commitsReaching(clone.graph, seeds);
  const refs = refsHolding(clone, reached, inMessages);
  const { stashes, reflogs } = reflogsHolding(clone, reached);
  if (stashes.length === 0 && refs.stash) stashes.push('stash@{0}');
  // A remote-tracking ref whose reflog reaches it had it once: a force push since does not un-push it.
  const pushedVia = [...refs.remoteBranches];
  for (const { ref, selectors } of reflogs) {
    const kind = refKind(ref, clone.remotes);
    if (kind.kind !== 'remote' || refs.remoteBranches.includes(kind.name)) continue;
    if (!refs.pushedTo.includes(kind.remote)) refs.pushedTo.push(kind.remote);
    pushedVia.push(selectors[0] ?? ref);
  }

  const workTree = unique(own(clone.workTree).map((finding) => finding.path));
  const ignoredFiles = unique(own(clone.ignored).map((finding) => finding.path));
  const index = unique([
    ...own(clone.staged).map((finding) => finding.path),
    ...[...clone.indexVersions]
      .filter(([, blobKey]) => (clone.blobFindings.get(blobKey) ?? []).some((f) => matches(f, keys)))
      .map(([path]) => path),
  ]);
  const sample = [
    ...history,
    ...own(clone.staged),
    ...own(clone.workTree),
    ...own(clone.ignored),
    ...[...clone.blobFindings.values()].flatMap(own),
  ][0];
  const rule = ruleInfo(target.ruleId, sample);
  const historyPaths = unique([...carriers.values()].flat());
  const headOnly =
    firstSha !== undefined &&
    carriers.size === 1 &&
    firstSha === clone.head.commit &&
    inMessages.length === 0 &&
    stashes.length === 0 &&
    refs.tags.length === 0 &&
    refs.remoteBranches.length === 0 &&
    refs.otherRefs.length === 0 &&
    refs.branches.every((branch) => branch === clone.head.branch);
  return {
    fingerprint: `${target.path}:${target.ruleId}:${target.hash}`,
    ruleId: target.ruleId,
    provider: rule.provider,
    description: rule.description,
    redacted: sample ? sample.spans.map((span) => redactSecret(span.secret)) : [],
    remediation: rule.remediation,
    workTree,
    ignoredFiles,
    index,
    ...(firstSha !== undefined ? { firstCommit: commitOf(firstSha) } : {}),
    laterCommits,
    inMessages: unique(
      inMessages.map((finding) =>
        finding.tag
          ? messages.incident.tagMessage(finding.tag.name)
          : messages.incident.commitMessage(details.get(finding.commit?.sha ?? '')?.short ?? (finding.commit?.sha ?? '').slice(0, 10)),
      ),
    ),
    branches: refs.branches,
    remoteBranches: refs.remoteBranches,
    tags: refs.tags,
    stashes,
    otherRefs: refs.otherRefs,
    reflogs,
    pushedTo: refs.pushedTo,
    pushedVia,
    historyPaths,
    headOnly,
    root: repo.root,
    today,
  };
}

interface RefsHolding {
  branches: string[];
  remoteBranches: string[];
  tags: string[];
  otherRefs: string[];
  stash: boolean;
  pushedTo: string[];
}

function refsHolding(clone: Clone, reached: ReadonlySet<string>, inMessages: readonly Finding[]): RefsHolding {
  const held: RefsHolding = { branches: [], remoteBranches: [], tags: [], otherRefs: [], stash: false, pushedTo: [] };
  const taggedMessages = new Set(inMessages.flatMap((finding) => (finding.tag ? [finding.tag.name] : [])));
  for (const ref of clone.refs) {
    const kind = refKind(ref.name, clone.remotes);
    const holds = reached.has(ref.commit) || (kind.kind === 'tag' && taggedMessages.has(kind.name));
    if (!holds) continue;
    if (kind.kind === 'branch') held.branches.push(kind.name);
    else if (kind.kind === 'tag') held.tags.push(kind.name);
    else if (kind.kind === 'stash') held.stash = true;
    else if (kind.kind === 'other') held.otherRefs.push(kind.name);
    // origin/HEAD only points at another remote-tracking branch.
    else if (!kind.name.endsWith('/HEAD')) {
      held.remoteBranches.push(kind.name);
      if (!held.pushedTo.includes(kind.remote)) held.pushedTo.push(kind.remote);
    }
  }
  return held;
}

function reflogsHolding(clone: Clone, reached: ReadonlySet<string>): { stashes: string[]; reflogs: IncidentReflog[] } {
  const stashes: string[] = [];
  const byRef = new Map<string, string[]>();
  for (const entry of clone.reflog) {
    if (!reached.has(entry.commit)) continue;
    const at = entry.selector.lastIndexOf('@{');
    const ref = at === -1 ? entry.selector : entry.selector.slice(0, at);
    if (ref === 'refs/stash') stashes.push(`stash${entry.selector.slice(at)}`);
    else byRef.set(ref, [...(byRef.get(ref) ?? []), entry.selector]);
  }
  return { stashes, reflogs: [...byRef].map(([ref, selectors]) => ({ ref, selectors })) };
}

/** Provider, description and remediation: from a finding when there is one, else from the catalogue. */
function ruleInfo(ruleId: string, sample: Finding | undefined): { provider: string; description: string; remediation: Remediation[] } {
  if (sample) return { provider: sample.provider, description: sample.description, remediation: sample.remediation };
  const { rules, pairs } = loadRules();
  const rule = rules.find((candidate) => candidate.id === ruleId);
  if (rule) return { provider: rule.provider, description: rule.description, remediation: [rule.remediation] };
  const pair = pairs.find((candidate) => candidate.id === ruleId);
  const halves = pair ? rules.filter((candidate) => pair.halves.includes(candidate.id)) : [];
  return {
    provider: halves[0]?.provider ?? ruleId,
    description: pair?.description ?? ruleId,
    remediation: halves.map((half) => half.remediation),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
