// The shapes the bench scripts pass around; the .mjs files refer to them in JSDoc and
// `tsc -p bench` (run by npm run bench) checks them.

/** One timed child process (lib/common.mjs measure()). */
export interface Measurement {
  ms: number;
  /** Killed by the --secretlint-timeout limit: `ms` is then a lower bound. */
  timedOut: boolean;
  /** Peak resident set in KB (GNU time's %M), NaN when GNU time did not report it. */
  rssKB: number;
  /** User + system CPU of the command and its children (GNU time's %U + %S), NaN when not reported. */
  cpuMs: number;
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A fake credential the bench pastes into a file (lib/fakes.mjs). */
export interface Plant {
  id: string;
  what: string;
  /** leakgate rule ids that count as finding it (a pair may be reported whole or as halves). */
  leakgate: string[];
  /** The recommended preset's rule that would find it; null: none does. */
  secretlint: string | null;
  lines(seed: string): string[];
}

/** Where a plant was put: the file, and for the history case the commit that added it. */
export interface Planted {
  plant: Plant;
  file: string;
  commit?: string | undefined;
}

/** A plant looked up in a tool's report. */
export interface PlantMatch extends Planted {
  found: boolean;
  line?: number | undefined;
  /** The history case: found, but attributed to another commit than the one that added it. */
  wrongCommit?: string | undefined;
}

export type Group = 'small' | 'big' | 'history' | 'tree';
export type Tool = 'floor' | 'git' | 'leakgate' | 'secretlint';

/** One command measured by run.mjs: a row of the table. */
export interface BenchCase {
  group: Group;
  key: string;
  name: string;
  tool: Tool;
  runs: number;
  warmups: number;
  /** The untimed check run is also the first sample (secretlint's minutes-long cases). */
  countCheckRun?: boolean;
  run(): Measurement;
  /** Undoes what the run changed (a commit to reset). */
  after?(result: Measurement): void;
  /** What went wrong, or undefined. */
  check(result: Measurement): string | undefined;
  /** The planted keys this run's report shows. */
  planted?(result: Measurement): PlantMatch[];
}

/** A case with what its runs collected. */
export interface MeasuredCase extends BenchCase {
  samples: number[];
  rss: number[];
  failed: boolean;
  /** Runs left after the check run, warm-ups included. */
  rounds: number;
  timedOut: boolean;
}

/** A case of the small commit (precommit.mjs), before run.mjs gives it a group and its runs. */
export type SmallCase = Pick<BenchCase, 'key' | 'name' | 'tool' | 'run' | 'after' | 'check'>;

/** The three repositories of the small commit and what is staged in them. */
export interface SmallRepos {
  clean: string;
  leaky: string;
  preOnly: string;
  paths: string[];
  files: number;
  lines: number;
}

export interface CorpusFile {
  path: string;
  size: number;
}

export interface Corpus {
  dir: string;
  key: string;
  files: CorpusFile[];
  bytes: number;
  versions: Record<string, string>;
}

export interface Secretlint {
  bin: string;
  rc: string;
  version: string;
}

export interface TreeCase {
  dir: string;
  files: number;
  bytes: number;
  planted: Planted[];
}

export interface BigCommit {
  dir: string;
  paths: string[];
  files: number;
  bytes: number;
  planted: Planted[];
}

export interface History {
  dir: string;
  commits: number;
  merges: number;
  planted: Planted[];
  /** The plant taken out again in a later commit (ids and sha, as stored in history-state.json). */
  removed: { plant: string; file: string; commit: string };
}

/** What run.mjs measures, each present only when --only asks for its case. */
export interface Artefacts {
  corpus: Corpus | undefined;
  secretlint: Secretlint | undefined;
  tree: TreeCase | undefined;
  big: BigCommit | undefined;
  history: History | undefined;
  small: SmallRepos | undefined;
  /** Bytes of `git log -p --all` in the history repository (0 without it). */
  patchBytes: number;
}

/** The median and peak of a case's samples, as the table shows them. */
export interface Stat {
  ms: number;
  rssMB: number;
  runs: number;
  timedOut: boolean;
}

/** Planted-key results per group, then per tool. */
export type PlantedByGroup = Partial<Record<Group, Partial<Record<Tool, PlantMatch[]>>>>;
