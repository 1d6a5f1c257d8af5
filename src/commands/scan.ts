import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Repository } from '../git/repository';
import { UsageError } from '../errors';
import { renderJson } from '../report/jsonReport';
import { maskFindings } from '../report/mask';
import { createStyle, wantsColor } from '../report/style';
import { renderText } from '../report/textReport';
import { readPaths, readTracked } from '../sources/fileSource';
import type { SourceResult } from '../sources/types';
import { recordLastRun } from '../state/lastRun';
import { detectorFor } from './detectorFor';
import { result, type CommandResult, type Io } from './io';
import { skippedWarnings } from './preCommit';
import { messages } from '../messages';

export type ScanFormat = 'text' | 'json';

export interface ScanOptions {
  paths: string[];
  format: ScanFormat;
  output?: string;
}

/**
 * `leakgate scan [paths…]`: files and folders, inside a repository or not. Without paths: the
 * tracked files of the repository, or the current folder outside one.
 */
export async function scan(options: ScanOptions, io: Io): Promise<CommandResult> {
  const repo = (await Repository.isInside(io.cwd)) ? await Repository.open(io.cwd) : undefined;
  const root = repo?.root ?? io.cwd;
  const { detector, config } = detectorFor(root);
  const fileOptions = { maxFileSize: config.maxFileSize, isAllowed: (path: string) => detector.isPathAllowed(path), root, cwd: io.cwd };
  let source: SourceResult;
  if (options.paths.length > 0) source = readPaths(options.paths, fileOptions);
  else if (repo) source = readTracked(repo.root, await repo.trackedFiles(), fileOptions);
  else source = readPaths(['.'], fileOptions);

  const findings = source.files.flatMap((file) => detector.scanFile(file));
  if (findings.length && repo) recordLastRun(await repo.gitDir(), findings.map((finding) => finding.fingerprint));
  const masked = maskFindings(findings);
  const exitCode = findings.length ? 1 : 0;
  const scanned = { files: source.files.length, bytes: source.bytes };
  let body: string;
  if (options.format === 'json') {
    body = renderJson(masked, source.skipped, scanned);
  } else {
    const toFile = options.output !== undefined;
    const style = createStyle(!toFile && wantsColor({ isTTY: io.stdoutIsTTY }, io.env));
    body = findings.length ? renderText({ mode: 'scan', findings: masked }, style) : `${messages.clean(scanned.files)}\n`;
  }
  const warnings = skippedWarnings(source.skipped, config.maxFileSize);
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
