import type { Finding } from '../detect/types';
import { Repository } from '../git/repository';
import { formatBytes, messages } from '../messages';
import { renderText } from '../report/textReport';
import { maskFindings } from '../report/mask';
import { createStyle, wantsColor } from '../report/style';
import { filesFromDiff, textOfBinaryBlobs } from '../sources/fromDiff';
import { recordLastRun } from '../state/lastRun';
import { detectorFor } from './detectorFor';
import { result, type CommandResult, type Io } from './io';
import type { Skipped } from '../report/jsonReport';

/** `leakgate pre-commit`: judges exactly what is staged; silent when clean. */
export async function preCommit(io: Io): Promise<CommandResult> {
  const { repo, staged: entries } = await Repository.openWithStaged(io.cwd, io.env);
  const { detector, config } = detectorFor(repo.root, { gitDir: repo.gitDir, ...(io.budget ? { budget: io.budget } : {}) });
  const binaryText = await textOfBinaryBlobs(entries, config.maxFileSize, (shas, max) => repo.readBlobs(shas, max));
  const source = filesFromDiff(entries, config.maxFileSize, (path) => detector.isPathAllowed(path), undefined, binaryText);
  const findings: Finding[] = source.files.flatMap((file) => detector.scanFile(file));
  const warnings = skippedWarnings(source.skipped, config.maxFileSize);
  if (findings.length === 0) return result(0, '', warnings);
  recordLastRun(repo.gitDir, findings.map((finding) => finding.fingerprint));
  const style = createStyle(wantsColor({ isTTY: io.stderrIsTTY }, io.env));
  // git points hooks at a temporary index for `commit -a` / `commit <path>`; the real one is `index`.
  const indexFile = io.env.GIT_INDEX_FILE;
  const fromWorkTree = indexFile !== undefined && !/(^|[\\/])index$/.test(indexFile);
  const report = renderText({ mode: 'pre-commit', findings: maskFindings(findings), hasHead: await repo.hasHead(), fromWorkTree }, style);
  return result(1, '', warnings + report);
}

/** Large files are named one by one; binary files are counted (they are usually images). */
export function skippedWarnings(skipped: readonly Skipped[], maxFileSize: number): string {
  const lines = skipped
    .filter((entry) => entry.reason.startsWith('larger'))
    .map((entry) => messages.skippedLarge(entry.file, entry.reason.replace(/^.*\((.*) > .*\)$/, '$1'), formatBytes(maxFileSize)));
  return lines.length ? `${lines.join('\n')}\n` : '';
}
