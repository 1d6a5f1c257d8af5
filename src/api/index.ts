import { join, resolve } from 'node:path';
import { collect } from '../commands/scan';
import type { Io } from '../commands/io';
import { detectorFor, type Setup } from '../config/detectorFor';
import { loadRules } from '../config/loadRules';
import { loadUserConfig } from '../config/loadUserConfig';
import { withDefaults } from '../config/userConfig';
import type * as Validators from '../config/validators';
import { UsageError } from '../errors';
import { Repository } from '../git/repository';
import { messages } from '../messages';
import { jsonReportOf } from '../report/jsonReport';
import { maskFindings } from '../report/mask';
import { takeNotices } from '../report/notices';
import { isScanWorker, runScanWorker, setScanWorkerEntry } from '../session/scanPool';
import { ScanSession, type ScanResult } from '../session/scanSession';
import type { Source } from '../sources/fragments';
import { DEFAULT_BASELINE, readBaseline } from '../state/baseline';
import type { LeakgateConfig, LoadedConfig, Rule, RulePair, ScanOptions, ScanReport } from './types';

export type { Finding, FindingPart, LeakgateConfig, LoadedConfig, Rule, RulePair, ScanOptions, ScanReport, Skip, UserRule } from './types';
export { ConfigError, GitError, LeakgateError, UsageError } from '../errors';

// The library API: the CLI's scans, returning the JSON report as a value. Findings are masked
// exactly as in the CLI's reports; there is deliberately no way to get a secret in clear (a
// caller that needs the value has the file and the line). Errors are thrown as LeakgateError
// (ConfigError for a bad config, UsageError for a bad call, GitError when git fails), with the
// message the CLI would print.

// Big work-tree scans get worker threads as in the CLI: a worker runs this very file (the
// bundle, dist/index.js) and, finding itself a worker, serves the pool instead.
if (isScanWorker()) runScanWorker();
else setScanWorkerEntry(__filename);

/** Scans one text as if it were the content of a file at `path` (default `<text>`): no git, no files read. */
export async function scanText(text: string, options: { path?: string; config?: LeakgateConfig } = {}): Promise<ScanReport> {
  const path = options.path ?? '<text>';
  const setup = setupWith(process.cwd(), options.config, []);
  const bytes = Buffer.from(text, 'utf8');
  const source: Source = {
    async feed(sink) {
      await sink.put({ kind: 'content', origin: { path }, bytes });
      return {};
    },
  };
  return reportOf(await new ScanSession(setup).scan(source, messages.phaseFiles));
}

/** Scans files and folders (relative to `cwd`) as `leakgate scan <paths…>` does; no paths: the repository's tracked files. */
export async function scanFiles(paths: readonly string[], options: ScanOptions = {}): Promise<ScanReport> {
  return runScan({ paths: [...paths] }, options);
}

/** Scans what is staged (the index against HEAD), as `leakgate scan --staged` does. */
export async function scanStaged(options: ScanOptions = {}): Promise<ScanReport> {
  return runScan({ paths: [], staged: true }, options);
}

/**
 * Scans each commit of a range (e.g. `origin/main..HEAD`, or several ranges; default every ref),
 * commit and tag messages included, as `leakgate scan --history <range>` does.
 */
export async function scanRange(options: ScanOptions & { range?: string | readonly string[] } = {}): Promise<ScanReport> {
  const range = options.range === undefined ? [] : typeof options.range === 'string' ? [options.range] : [...options.range];
  return runScan({ paths: range, history: true }, options);
}

/** The config in force at `cwd`'s repository root (or `cwd` outside one), validated, defaults filled in. */
export async function loadConfig(cwd: string = process.cwd()): Promise<LoadedConfig> {
  const repo = (await Repository.isInside(cwd)) ? await Repository.open(cwd) : undefined;
  const loaded = loadUserConfig(repo?.root ?? resolve(cwd));
  return { config: loaded.config, ...(loaded.source !== undefined ? { source: loaded.source } : {}) };
}

/** The built-in catalogue: every rule (without its test examples) and every pair, as `leakgate rules` lists them. */
export function rules(): { rules: Rule[]; pairs: RulePair[] } {
  const catalogue = loadRules();
  return {
    rules: catalogue.rules.map(({ examples: _examples, ...rule }) => ({ ...rule, keywords: [...rule.keywords] })),
    pairs: catalogue.pairs.map((pair) => ({ ...pair, halves: [...pair.halves] })),
  };
}

async function runScan(mode: { paths: string[]; staged?: boolean; history?: boolean }, options: ScanOptions): Promise<ScanReport> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const repo = (await Repository.isInside(cwd)) ? await Repository.open(cwd) : undefined;
  if ((mode.staged || mode.history) && !repo) throw new UsageError(messages.modeNeedsRepository(mode.staged ? 'staged' : 'history'));
  const root = repo?.root ?? cwd;
  const io: Io = { cwd, env: process.env, stdoutIsTTY: false, stderrIsTTY: false, readStdin: async () => '' };
  let setup: Setup;
  if (options.config !== undefined) {
    const baseline =
      options.baseline !== undefined
        ? readBaseline(resolve(cwd, options.baseline), options.baseline, true)
        : readBaseline(join(root, DEFAULT_BASELINE), DEFAULT_BASELINE, false);
    setup = setupWith(root, options.config, [...baseline]);
  } else {
    setup = detectorFor(root, {
      cwd,
      ...(options.baseline !== undefined ? { baselineFile: options.baseline } : {}),
      ...(repo ? { gitDir: repo.gitDir } : {}),
    });
  }
  const outcome = await collect({ format: 'json', ...mode }, setup, repo, root, io);
  return reportOf(outcome);
}

/** The detector for a config given as a value, validated as `.leakgate.json` would be. */
function setupWith(root: string, config: LeakgateConfig | undefined, baseline: string[]): Setup {
  const validated =
    config === undefined
      ? withDefaults({})
      : withDefaults((require('../config/validators') as typeof Validators).validateConfigValue(config, 'config', []));
  return detectorFor(root, { preloaded: { config: validated, baseline, label: 'options' } });
}

function reportOf(outcome: ScanResult): ScanReport {
  const report: Omit<ScanReport, 'notices'> = jsonReportOf(maskFindings(outcome.findings), outcome.skipped, outcome.scanned);
  const notices = takeNotices().split('\n').filter(Boolean);
  return { ...report, notices };
}
