import type { TimeBudget } from '../runtime/timeBudget';

/** What a command may know of its process: passed in, so commands run in tests without one. */
export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Reads all of standard input (pre-push gets its refs there). */
  readStdin(): Promise<string>;
  /** Writes straight to stderr as the work goes (a progress line); absent: nothing is shown. */
  writeProgress?(text: string): void;
  /** The hooks' overall time budget (absent: no limit). */
  budget?: TimeBudget;
}

/** What a command produces; only the bin prints it and exits. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function result(exitCode: number, stdout = '', stderr = ''): CommandResult {
  return { exitCode, stdout, stderr };
}
