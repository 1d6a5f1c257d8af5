import { resolve } from 'node:path';
import { Repository } from '../git/repository';
import { messages } from '../messages';
import { DEFAULT_BASELINE, writeBaseline } from '../state/baseline';
import { collect } from './scan';
import { detectorFor } from '../config/detectorFor';
import { result, type CommandResult, type Io } from './io';
import { EXIT } from '../errors';

/**
 * `leakgate baseline [FILE]`: records today's findings (tracked files and the whole history) so
 * they stop blocking while new ones still do. Written relative to the current directory; the
 * default file at the repository root is read by every command.
 */
export async function baseline(file: string | undefined, io: Io): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd);
  // Start from no baseline: a baseline records everything found today.
  const setup = detectorFor(repo.root, { ignoreBaseline: true, gitDir: repo.gitDir });
  const tree = await collect({ paths: [], format: 'json' }, setup, repo, repo.root, io);
  const history = await collect({ paths: [], format: 'json', history: true }, setup, repo, repo.root, io);
  const target = file ? resolve(io.cwd, file) : resolve(repo.root, DEFAULT_BASELINE);
  const count = writeBaseline(
    target,
    [...tree.findings, ...history.findings].map((finding) => finding.fingerprint),
  );
  const note = file && target !== resolve(repo.root, DEFAULT_BASELINE) ? messages.baselinePassIt(file) : messages.baselineReadByAll;
  return result(
    EXIT.clean,
    `${messages.baselineWritten(count, file ?? DEFAULT_BASELINE)} ${note}\n${file ? '' : `${messages.baselineIsWidening}\n`}`,
  );
}
