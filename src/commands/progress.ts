import { ProgressLine } from '../report/progress';
import type { Io } from './io';

/**
 * A progress line for long work, or undefined: only when stderr is a terminal, not under CI
 * (CI=1, CI=true…: logs are no terminal even through a pseudo one) and not with --quiet. The
 * cheap checks come first: asking whether stderr is a terminal loads node:tty.
 */
export function progressFor(io: Io, options: { quiet?: boolean; commits?: number; files?: number }): ProgressLine | undefined {
  if (options.quiet || !io.writeProgress) return undefined;
  const ci = io.env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return undefined;
  if (!io.stderrIsTTY) return undefined;
  const total = {
    ...(options.commits !== undefined ? { commits: options.commits } : {}),
    ...(options.files !== undefined ? { files: options.files } : {}),
  };
  return new ProgressLine(io.writeProgress, total);
}

/** Runs the work, then erases the progress line (whatever happened), so nothing prints over it. */
export async function withProgress<T>(progress: ProgressLine | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    progress?.finish();
  }
}
