import { Repository } from '../git/repository';
import { gitBlobs } from '../git/objectReader';
import { messages } from '../messages';
import { renderText } from '../report/textReport';
import { maskFindings } from '../report/mask';
import { createStyle, wantsColor } from '../report/style';
import { EntryScanner } from '../sources/fromCommits';
import { recordLastRun } from '../state/lastRun';
import { detectorFor } from '../config/detectorFor';
import { result, type CommandResult, type Io } from './io';
import type { Skipped } from '../io/scanTotals';
import { EXIT } from '../errors';

/** `leakgate pre-commit`: judges exactly what is staged; silent when clean. */
export async function preCommit(io: Io): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd, io.env);
  // git starts diffing now (or did already, in the hook), while the detector is built.
  const staged = repo.startStaged(io.env);
  let setup: ReturnType<typeof detectorFor>;
  try {
    setup = detectorFor(repo.root, { gitDir: repo.gitDir, ...(io.budget ? { budget: io.budget } : {}) });
  } catch (error) {
    staged.stop();
    throw error;
  }
  const { detector, config } = setup;
  // Each staged file is judged as git writes it: a 50 MB commit is never one 50 MB string.
  const newScanner = () => new EntryScanner(detector, config.maxFileSize, gitBlobs(repo.root));
  let scanner = newScanner();
  let handlers = scanner.stagedHandlers();
  await staged.run(config.maxFileSize, {
    entry: (entry) => handlers.entry(entry),
    blob: (entry, content) => handlers.blob(entry, content),
    // The hook's piped diff proved unusable: the same change comes again from git.
    restart: () => {
      scanner = newScanner();
      handlers = scanner.stagedHandlers();
    },
  });
  const { findings, skipped } = await scanner.finish();
  const warnings = skippedWarnings(skipped, config.maxFileSize);
  if (findings.length === 0) return result(EXIT.clean, '', warnings);
  const notRecorded = recordLastRun(repo.gitDir, findings.map((finding) => finding.fingerprint));
  const style = createStyle(wantsColor({ isTTY: io.stderrIsTTY }, io.env));
  // git points hooks at a temporary index for `commit -a` / `commit <path>`; the real one is `index`.
  const indexFile = io.env.GIT_INDEX_FILE;
  const fromWorkTree = indexFile !== undefined && !/(^|[\\/])index$/.test(indexFile);
  const report = renderText({ mode: 'pre-commit', findings: maskFindings(findings), hasHead: await repo.hasHead(), fromWorkTree }, style);
  return result(EXIT.findings, '', warnings + report + notRecorded);
}

/**
 * One warning per file a scan did not judge. Sources judge every file they are given (big ones in
 * windows, binary ones by their text) and stop on one they cannot read, so this stays empty;
 * should anything ever be skipped, it is named, never passed in silence.
 */
export function skippedWarnings(skipped: readonly Skipped[], _maxFileSize?: number): string {
  const lines = skipped.map((entry) => messages.notScanned(entry.file, entry.reason));
  return lines.length ? `${lines.join('\n')}\n` : '';
}
