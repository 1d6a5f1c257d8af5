import { detectorFor } from '../config/detectorFor';
import { EXIT } from '../errors';
import { Repository } from '../git/repository';
import { messages } from '../messages';
import { ScanSession } from '../session/scanSession';
import { StagedSource } from '../sources/stagedSource';
import { recordLastRun } from '../state/lastRun';
import { result, type CommandResult, type Io } from './io';
import { layoutOf, reportOf, skippedWarnings } from './reporting';

/** `leakgate pre-commit`: scans exactly what is staged; silent when clean. */
export async function preCommit(io: Io): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd, io.env);
  // git starts diffing now (or did already, in the hook), while the detector is built.
  const staged = new StagedSource(repo, io.env);
  let setup: ReturnType<typeof detectorFor>;
  try {
    setup = detectorFor(repo.root, { gitDir: repo.gitDir, ...(io.budget ? { budget: io.budget } : {}) });
  } catch (error) {
    staged.stop();
    throw error;
  }
  const scan = await new ScanSession(setup, io.budget).scan(staged, messages.phaseStaged);
  const warnings = skippedWarnings(scan.skipped);
  if (scan.findings.length === 0) return result(EXIT.clean, '', warnings);
  const notRecorded = recordLastRun(
    repo.gitDir,
    scan.findings.map((finding) => finding.fingerprint),
  );
  const report = reportOf('text', io, 'stderr').render({
    mode: 'pre-commit',
    findings: scan.findings,
    skipped: scan.skipped,
    scanned: scan.scanned,
    layout: layoutOf({}, io.env),
    ...(scan.facts.staged ? { staged: scan.facts.staged } : {}),
  });
  return result(EXIT.findings, '', warnings + report + notRecorded);
}
