import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { packageVersion } from '../packageInfo';
import { loadRules } from '../config/loadRules';
import type { Finding } from '../detect/types';
import { EXIT, UsageError } from '../errors';
import { Repository } from '../git/repository';
import { gitBlobs } from '../git/objectReader';
import { messages, plural } from '../messages';
import { renderJson, type Skipped } from '../report/jsonReport';
import { maskFindings } from '../report/mask';
import { renderSarif, type SarifRuleInfo } from '../report/sarif';
import { createStyle, wantsColor } from '../report/style';
import { renderText } from '../report/textReport';
import { streamPaths, streamTracked } from '../sources/fileSource';
import { EntryScanner, scanCommits } from '../sources/fromCommits';
import { scanHistoryMessages } from '../sources/fromMessages';
import { FileJudge } from '../sources/fileJudge';
import { recordLastRun } from '../state/lastRun';
import { detectorFor, type Setup } from '../config/detectorFor';
import { guardHistory, trustedSetup } from './configGuard';
import { wideningRuleInfo } from '../sources/configWidening';
import { result, type CommandResult, type Io } from './io';
import { skippedWarnings } from './preCommit';

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
}

/** What any scan mode yields before reporting. */
export interface ScanOutcome {
  findings: Finding[];
  skipped: Skipped[];
  scanned: { files: number; bytes: number; commits?: number };
}

/**
 * `leakgate scan`: files and folders (default: tracked files, or the current folder outside a
 * repository), `--staged`, or `--history [<rev-range>…]` (default: every ref). For CI: the net
 * behind a bypassed hook.
 */
export async function scan(options: ScanOptions, io: Io): Promise<CommandResult> {
  if (options.staged && options.history) throw new UsageError('--staged and --history cannot be combined.');
  const repo = (await Repository.isInside(io.cwd)) ? await Repository.open(io.cwd) : undefined;
  if ((options.staged || options.history) && !repo) throw new UsageError(`--${options.staged ? 'staged' : 'history'} needs a git repository.`);
  const root = repo?.root ?? io.cwd;
  if (options.configFrom !== undefined && !repo) throw new UsageError('--config-from needs a git repository.');
  if (options.acceptConfigChange && !options.history) throw new UsageError('--accept-config-change applies to --history scans (config changes are judged per commit).');
  const baselineOption = { ...(options.baseline !== undefined ? { baselineFile: options.baseline } : {}), cwd: io.cwd };
  const setup = options.configFrom !== undefined ? await trustedSetup(repo!, options.configFrom, baselineOption) : detectorFor(root, { ...baselineOption, ...(repo ? { gitDir: repo.gitDir } : {}) });
  const outcome = await collect(options, setup, repo, root, io);
  const { findings } = outcome;
  const notRecorded = findings.length && repo ? recordLastRun(repo.gitDir, findings.map((finding) => finding.fingerprint)) : '';
  const exitCode = findings.length ? EXIT.findings : EXIT.clean;
  const body = render(options, outcome, io);
  const warnings = skippedWarnings(outcome.skipped, setup.config.maxFileSize) + notRecorded;
  if (options.output !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, options.output), body);
    } catch (error) {
      throw new UsageError(`cannot write ${options.output} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    return result(exitCode, '', warnings);
  }
  return result(exitCode, body, warnings);
}

/** Every finding the chosen mode yields (also used by `leakgate baseline`). */
export async function collect(options: ScanOptions, setup: Setup, repo: Repository | undefined, root: string, io: Io): Promise<ScanOutcome> {
  const { detector, config } = setup;
  if (options.history) {
    const range = options.paths.length ? options.paths : ['--all'];
    const commits = (await repo!.revList(['--reverse', ...range]));
    const guard = await guardHistory(repo!, commits, setup, io.env, options.acceptConfigChange ?? []);
    const judging = guard.setup;
    // Commit and tag messages too (see scanHistoryMessages for which tags), read beside the changes.
    const [scan, messageFindings] = await Promise.all([
      scanCommits(root, commits, judging.detector, judging.config.maxFileSize, (shas, max) => repo!.readBlobs(shas, max)),
      scanHistoryMessages(repo!, commits, options.paths.length > 0, judging.detector),
    ]);
    const findings = [...scan.findings, ...messageFindings, ...(await guard.findings)];
    const infos = await repo!.commitInfos([...new Set(findings.flatMap((finding) => (finding.commit ? [finding.commit.sha] : [])))]);
    for (const finding of findings) {
      const info = finding.commit && infos.get(finding.commit.sha);
      if (info) finding.commit = { sha: finding.commit!.sha, subject: info.subject, author: info.author };
    }
    const bytes = [...scan.bytesByCommit.values()].reduce((sum, value) => sum + value, 0);
    return { findings, skipped: scan.skipped, scanned: { files: scan.files, bytes, commits: commits.length } };
  }
  if (options.staged) {
    const scanner = new EntryScanner(detector, config.maxFileSize, gitBlobs(repo!.root));
    await repo!.streamStaged(config.maxFileSize, scanner.stagedHandlers());
    const { findings, skipped, files, bytesByCommit } = await scanner.finish();
    return { findings, skipped, scanned: { files, bytes: bytesByCommit.get('') ?? 0 } };
  }
  const fileOptions = { maxFileSize: config.maxFileSize, isAllowed: (path: string) => detector.isPathAllowed(path), root, cwd: io.cwd };
  const stream =
    options.paths.length > 0
      ? streamPaths(options.paths, fileOptions)
      : repo
        ? streamTracked(repo.root, await repo.trackedFiles(), fileOptions)
        : streamPaths(['.'], fileOptions);
  // Files are judged in reading order, maybe by workers that answer in any order: sort back.
  const judge = new FileJudge(detector, setup.recipe);
  const results: { order: number; findings: Finding[] }[] = [];
  let files = 0;
  let bytes = 0;
  let listed = 0;
  for (const file of stream.files) {
    const order = listed++;
    judge.judgeFile(file, config.maxFileSize, (verdict) => {
      if (verdict.kind === 'skipped') stream.skipped.push({ file: file.displayPath, reason: verdict.reason });
      if (verdict.kind !== 'judged') return;
      files++;
      const { findings } = verdict.judgement;
      bytes += verdict.bytes; // binary files too: their printable runs are judged
      if (findings.length) results.push({ order, findings });
    });
    // Yield every few files: Ctrl-C is handled mid-scan, and workers' answers come in (each
    // gets its next batch) while this thread judges files too.
    if (listed % 16 === 0 || !judge.ready()) {
      await judge.whenReady();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await judge.finish();
  const findings = results.sort((a, b) => a.order - b.order).flatMap((result) => result.findings);
  const skipped = stream.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { findings, skipped, scanned: { files, bytes } };
}

function render(options: ScanOptions, outcome: ScanOutcome, io: Io): string {
  const masked = maskFindings(outcome.findings);
  if (options.format === 'json') return renderJson(masked, outcome.skipped, outcome.scanned);
  if (options.format === 'sarif') return renderSarif(masked, sarifRules(), packageVersion());
  const style = createStyle(options.output === undefined && wantsColor({ isTTY: io.stdoutIsTTY }, io.env));
  if (masked.length === 0) {
    const what = outcome.scanned.commits !== undefined ? plural(outcome.scanned.commits, 'commit') : plural(outcome.scanned.files, 'file');
    return `${messages.clean(what)}\n`;
  }
  return renderText({ mode: 'scan', findings: masked }, style);
}

function sarifRules(): Map<string, SarifRuleInfo> {
  const { rules, pairs } = loadRules();
  const infos = new Map<string, SarifRuleInfo>();
  for (const rule of rules) infos.set(rule.id, { id: rule.id, provider: rule.provider, description: rule.description, ...rule.remediation });
  infos.set(wideningRuleInfo.id, wideningRuleInfo);
  for (const pair of pairs) {
    const first = infos.get(pair.halves[0]);
    if (first) infos.set(pair.id, { ...first, id: pair.id, description: pair.description });
  }
  return infos;
}
