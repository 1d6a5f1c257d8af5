import { configAt, configFromTexts, type TrustedConfig } from '../config/configAt';
import { loadDetectionCatalogue } from '../config/loadRules';
import { withDefaults } from '../config/userConfig';
import type * as Validators from '../config/validators';
import type { Finding } from '../detect/types';
import { ConfigError, UsageError } from '../errors';
import { commitParents, commitsTouchingConfig, configTextsAt, configTextsIfCommit, resolveCommit } from '../git/configBlobs';
import type { PushRef } from '../git/pushRefs';
import type { Repository } from '../git/repository';
import { messages } from '../messages';
import {
  looseView,
  viewOf,
  wideningFinding,
  wideningsBetween,
  withAccepted,
  type ConfigView,
  type Widening,
} from '../sources/configWidening';
import type { TimeBudget } from '../runtime/timeBudget';
import { detectorFor, type Setup } from '../config/detectorFor';

// Which config judges a range of commits, and which of its commits widen it.
//
// A push is judged by the config of the remote's side, read from git objects: the remote's own
// tip of the ref for an update, else the commit the pushed branch is built on (the first commit
// on the tip's first-parent line that the push does not send). The branch's own config changes
// do not apply to it; each one that widens is a finding of its commit. A change the team
// accepts (LEAKGATE_ACCEPT_CONFIG, --accept-config-change: both outside the scanned tree)
// applies on top of that config, so what it allows passes. `scan --config-from <rev>` does the
// same for CI. A plain `scan --history` keeps the work tree's config (the checked-out tree
// trusts itself), so every widening in its range is reported.

/** The environment variable that accepts config widenings by commit id (comma or space separated). */
export const ACCEPT_ENV = 'LEAKGATE_ACCEPT_CONFIG';

/**
 * What a guarded scan is judged by, and the widenings it reports. Unless a widening is
 * accepted (it then changes the setup), they are looked for while the scan runs.
 */
export interface Guarded {
  setup: Setup;
  findings: Promise<Finding[]>;
  /** Said before the report (e.g. the remote's config is not valid, so the defaults judge). */
  notice?: string;
}

/**
 * pre-push: builds the detector from the remote side's config (plus accepted widenings) and
 * reports every widening among the pushed commits.
 */
export async function guardPush(
  repo: Repository,
  perRef: readonly { ref: PushRef; commits: readonly string[] }[],
  io: { env: NodeJS.ProcessEnv; budget?: TimeBudget },
): Promise<Guarded> {
  const pushed = new Set(perRef.flatMap(({ commits }) => commits));
  const ref = perRef.find(({ ref }) => ref.kind !== 'delete')?.ref;
  const trusted = await remoteSide(repo, pushed, ref);
  const accepted = acceptedIds(io.env, []);
  const options = { gitDir: repo.gitDir, ...(io.budget ? { budget: io.budget } : {}) };
  try {
    return await guard(repo, [...pushed], await trusted.read(), accepted, options);
  } catch (error) {
    // A config the remote has but this leakgate refuses (pushed with --no-verify, or valid for
    // an older version) must not block every push, the fix included: the strictest config, the
    // defaults, judges instead, and the fix's entries are widenings to accept.
    if (!(error instanceof ConfigError) || !error.file.startsWith(`${trusted.label}:`)) throw error;
    const guarded = await guard(
      repo,
      [...pushed],
      { label: trusted.label, loaded: { config: withDefaults({}) }, baseline: new Set() },
      accepted,
      options,
    );
    return { ...guarded, notice: `${messages.errorPrefix} ${error.message}\n${messages.remoteConfigInvalid}\n` };
  }
}

/**
 * What judges a push: the remote's own tip of the ref for an update, when git knows it (one
 * cat-file checks and reads); else the first commit on the pushed tip's first-parent line that
 * the push does not send (a tag peeled first: it is no commit to start from).
 */
async function remoteSide(
  repo: Repository,
  pushed: ReadonlySet<string>,
  ref: PushRef | undefined,
): Promise<{ label: string; read: () => Promise<TrustedConfig> }> {
  const remoteTexts =
    ref?.kind === 'update' && !pushed.has(ref.remoteSha) ? await configTextsIfCommit(repo.root, ref.remoteSha) : undefined;
  if (ref && remoteTexts) {
    const label = ref.remoteSha.slice(0, 12);
    return { label, read: async () => configFromTexts(label, ref.remoteSha, remoteTexts) };
  }
  const [parentList, [tip]] = await Promise.all([
    commitParents(repo.root, [...pushed]),
    ref && !pushed.has(ref.localSha) ? repo.peelToCommits([ref.localSha]) : [ref?.localSha],
  ]);
  const parents = new Map(parentList.map(({ sha, parents }) => [sha, parents]));
  let base = tip;
  while (base !== undefined && pushed.has(base)) base = parents.get(base)?.[0];
  const label = base ? base.slice(0, 12) : 'the empty remote';
  return { label, read: () => configAt(repo.root, label, base) };
}

/** `scan --config-from <rev>`: the config and baseline at <rev>, read from git objects. */
export async function trustedSetup(repo: Repository, rev: string, options: { baselineFile?: string; cwd?: string }): Promise<Setup> {
  const commit = await resolveCommit(repo.root, rev);
  if (commit === undefined) throw new UsageError(messages.noSuchRev(rev));
  const trusted = await configAt(repo.root, rev, commit);
  return { ...build(repo, trusted, trusted.loaded.config, trusted.baseline, options), trusted };
}

/**
 * `scan --history`: the widenings among `commits`, and the setup to judge them with (the trusted
 * one plus accepted widenings, or the work tree's as given).
 */
export async function guardHistory(
  repo: Repository,
  commits: readonly string[],
  setup: Setup,
  env: NodeJS.ProcessEnv,
  accept: readonly string[],
): Promise<Guarded> {
  const accepted = acceptedIds(env, accept);
  if (setup.trusted) {
    const options =
      setup.recipe.baselineFile !== undefined ? { baselineFile: setup.recipe.baselineFile, cwd: setup.recipe.cwd ?? repo.root } : {};
    return guard(repo, commits, setup.trusted, accepted, options, setup);
  }
  // The work tree's own allowlist and baseline may accept a widening by fingerprint: a commit
  // adding one is itself a widening, reported in turn.
  const widenings = wideningsIn(repo, commits, undefined, builtInIds());
  return { setup, findings: findingsOf(widenings, accepted, setup) };
}

async function guard(
  repo: Repository,
  commits: readonly string[],
  trusted: TrustedConfig,
  accepted: readonly string[],
  options: { gitDir?: string; budget?: TimeBudget; baselineFile?: string; cwd?: string },
  /** The detector already built from `trusted`, kept when no widening is accepted. */
  built?: Setup,
): Promise<Guarded> {
  const builtIns = builtInIds();
  const trustedView = viewOf(trusted.loaded.config, trusted.loaded.source, trusted.baseline, builtIns);
  const widenings = wideningsIn(repo, commits, trustedView, builtIns);
  const taken = accepted.length ? (await widenings).filter(({ commit }) => isAccepted(commit, accepted)) : [];
  validateAccepted(taken);
  const judged = withAccepted(trusted.loaded.config, trusted.baseline, taken);
  const setup = built && taken.length === 0 ? built : { ...build(repo, trusted, judged.config, judged.baseline, options), trusted };
  return { setup, findings: findingsOf(widenings, accepted, setup) };
}

type Found = { commit: string; widening: Widening; view: ConfigView }[];

function findingsOf(widenings: Promise<Found>, accepted: readonly string[], setup: Setup): Promise<Finding[]> {
  const findings = widenings.then((list) =>
    list
      .filter(({ commit }) => !isAccepted(commit, accepted))
      .map(({ commit, widening, view }) => wideningFinding(commit, widening, view))
      .filter((finding) => !setup.allowedFingerprints.has(finding.fingerprint)),
  );
  // Awaited once the scan is done; a failure in between must not count as unhandled.
  findings.catch(() => undefined);
  return findings;
}

function build(
  repo: Repository,
  trusted: TrustedConfig,
  config: TrustedConfig['loaded']['config'],
  baseline: ReadonlySet<string>,
  options: { gitDir?: string; budget?: TimeBudget; baselineFile?: string; cwd?: string },
): Setup {
  const preloaded = {
    config,
    ...(trusted.loaded.source ? { source: trusted.loaded.source } : {}),
    baseline: [...baseline],
    label: trusted.label,
  };
  return detectorFor(repo.root, { ...options, preloaded });
}

/** Every widening among `commits`, each with the commit and the view it was read from. */
async function wideningsIn(
  repo: Repository,
  commits: readonly string[],
  trusted: ConfigView | undefined,
  builtIns: ReadonlySet<string>,
): Promise<Found> {
  const touching = await commitsTouchingConfig(repo.root, commits);
  if (touching.length === 0) return [];
  const texts = await configTextsAt(
    repo.root,
    touching.flatMap(({ sha, parents }) => [sha, ...parents]),
  );
  const out: Found = [];
  for (const { sha, parents } of touching) {
    const view = looseView(texts.get(sha) ?? {}, builtIns);
    const before = parents.map((parent) => looseView(texts.get(parent) ?? {}, builtIns));
    for (const widening of wideningsBetween(view, before, trusted)) out.push({ commit: sha, widening, view });
  }
  return out;
}

/** Accepted rules (replacements, changed rules) come from history unchecked: validate them before use. */
function validateAccepted(taken: readonly { commit: string; widening: Widening; view: ConfigView }[]): void {
  for (const { commit, widening, view } of taken) {
    const rules = widening.values.flatMap((id) =>
      widening.key === 'rules.add' || widening.key === 'rules.changed' ? [(view.replaced.get(id) ?? view.custom.get(id))!.rule] : [],
    );
    if (rules.length === 0) continue;
    const { validateConfigValue } = require('../config/validators') as typeof Validators;
    validateConfigValue({ rules: { add: rules } }, `${commit.slice(0, 12)}:${widening.file}`, []);
  }
}

function builtInIds(): Set<string> {
  return new Set(loadDetectionCatalogue().rules.map((rule) => rule.id));
}

/** Commit ids (or their first 7+ hex digits) accepted from the environment and the command line. */
export function acceptedIds(env: NodeJS.ProcessEnv, fromFlag: readonly string[]): string[] {
  const fromEnv = (env[ACCEPT_ENV] ?? '').split(/[\s,]+/).filter(Boolean);
  for (const [name, values] of [
    [ACCEPT_ENV, fromEnv],
    ['--accept-config-change', fromFlag],
  ] as const) {
    for (const value of values) if (!/^[0-9a-f]{7,40}$/i.test(value)) throw new UsageError(messages.notACommitId(name, value));
  }
  return [...fromEnv, ...fromFlag].map((id) => id.toLowerCase());
}

function isAccepted(commit: string, accepted: readonly string[]): boolean {
  return accepted.some((id) => commit.startsWith(id));
}
