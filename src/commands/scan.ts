import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectorFor, type Setup } from '../config/detectorFor';
import { EXIT, UsageError } from '../errors';
import { Repository } from '../git/repository';
import { messages } from '../messages';
import { ScanSession, type ScanResult } from '../session/scanSession';
import { CommitSource } from '../sources/commitSource';
import { FileSource, streamPaths, streamTracked } from '../sources/fileSource';
import { StagedSource } from '../sources/stagedSource';
import { recordLastRun } from '../state/lastRun';
import { guardHistory, trustedSetup } from './configGuard';
import { result, type CommandResult, type Io } from './io';
import { progressFor, withProgress } from './progress';
import { layoutOf, reportOf, skippedWarnings, summaryOf } from './reporting';

export type ScanFormat = 'text' | 'json' | 'sarif';

export interface ScanOptions {
  paths: string[];
  format: ScanFormat;
  output?: string;
  staged?: boolean;
  history?: boolean;
  baseline?: string;
  /** `--config-from <rev>`: judge with the config and baseline at <rev>, read from git objects. */
  configFrom?: string;
  /** `--accept-config-change <sha>`: config widenings of these commits are accepted. */
  acceptConfigChange?: string[];
  /** Every finding with its fix steps (text report). */
  verbose?: boolean;
  /** Findings listed before the text report is cut short (0: all). */
  maxFindings?: number;
  /** No progress line. */
  quiet?: boolean;
}

/**
 * `leakgate scan`: files and folders (default: tracked files, or the current folder outside a
 * repository), `--staged`, or `--history [<rev-range>…]` (default: every ref). For CI: the net
 * behind a bypassed hook.
 */
export async function scan(options: ScanOptions, io: Io): Promise<CommandResult> {
  if (options.staged && options.history) throw new UsageError(messages.stagedWithHistory);
  const repo = (await Repository.isInside(io.cwd)) ? await Repository.open(io.cwd) : undefined;
  if ((options.staged || options.history) && !repo)
    throw new UsageError(messages.modeNeedsRepository(options.staged ? 'staged' : 'history'));
  const root = repo?.root ?? io.cwd;
  if (options.configFrom !== undefined && !repo) throw new UsageError(messages.configFromNeedsRepository);
  if (options.acceptConfigChange && !options.history) throw new UsageError(messages.acceptConfigChangeNeedsHistory);
  const baselineOption = { ...(options.baseline !== undefined ? { baselineFile: options.baseline } : {}), cwd: io.cwd };
  const setup =
    options.configFrom !== undefined
      ? await trustedSetup(repo!, options.configFrom, baselineOption)
      : detectorFor(root, { ...baselineOption, ...(repo ? { gitDir: repo.gitDir } : {}) });
  const outcome = await collect(options, setup, repo, root, io);
  const { findings } = outcome;
  // The text report is read by a person, and offers `leakgate ignore --last` for its false
  // positives: that needs the record (fingerprints only, under .git/leakgate). JSON and SARIF go to
  // machines (CI), which accept nothing: they leave .git as it was.
  const notRecorded =
    findings.length && repo && options.format === 'text'
      ? recordLastRun(
          repo.gitDir,
          findings.map((finding) => finding.fingerprint),
        )
      : '';
  const exitCode = findings.length ? EXIT.findings : EXIT.clean;
  const report = {
    mode: 'scan' as const,
    findings,
    skipped: outcome.skipped,
    scanned: outcome.scanned,
    layout: layoutOf(options, io.env),
  };
  const body = reportOf(options.format, io, options.output === undefined ? 'stdout' : 'file').render(report);
  const warnings = skippedWarnings(outcome.skipped) + notRecorded;
  if (options.output !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, options.output), body);
    } catch (error) {
      throw new UsageError(messages.cannotWriteOutput(options.output, (error as NodeJS.ErrnoException).code ?? 'error'));
    }
    // The report went to a file: the terminal still learns what it holds.
    return result(exitCode, '', warnings + summaryOf(report));
  }
  return result(exitCode, body, warnings);
}

/** Every finding the chosen mode yields (also used by `leakgate baseline`). */
export async function collect(options: ScanOptions, setup: Setup, repo: Repository | undefined, root: string, io: Io): Promise<ScanResult> {
  if (options.history) {
    const range = options.paths.length ? options.paths : ['--all'];
    const commits = await repo!.revList(['--reverse', ...range]);
    const guard = await guardHistory(repo!, commits, setup, io.env, options.acceptConfigChange ?? []);
    // Annotated tags: all of them for the default range (every ref), else those of its commits.
    const inRange = options.paths.length > 0 ? new Set(commits) : undefined;
    const tags = { tags: () => repo!.annotatedTags(), ...(inRange ? { keep: (target: string) => inRange.has(target) } : {}) };
    const progress = progressFor(io, { ...quiet(options), commits: commits.length });
    const session = new ScanSession(guard.setup, undefined, progress);
    return withProgress(progress, () =>
      session.scan(new CommitSource(repo!, commits, tags, guard.findings), messages.phaseCommits(commits.length)),
    );
  }
  if (options.staged) return new ScanSession(setup).scan(new StagedSource(repo!, {}), messages.phaseStaged);
  const tracked = repo && options.paths.length === 0 ? await repo.trackedFiles() : undefined;
  const progress = progressFor(io, { ...quiet(options), ...(tracked ? { files: tracked.length } : {}) });
  const session = new ScanSession(setup, undefined, progress);
  const files = new FileSource((isAllowed) => {
    const fileOptions = { maxFileSize: setup.config.maxFileSize, isAllowed, root, cwd: io.cwd };
    if (options.paths.length > 0) return streamPaths(options.paths, fileOptions);
    return tracked ? streamTracked(root, tracked, fileOptions) : streamPaths(['.'], fileOptions);
  });
  return withProgress(progress, () => session.scan(files, messages.phaseFiles));
}

function quiet(options: ScanOptions): { quiet?: boolean } {
  return options.quiet !== undefined ? { quiet: options.quiet } : {};
}
