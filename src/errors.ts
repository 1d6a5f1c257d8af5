import { messages } from './messages';

export { EXIT } from './exitCodes';

/** A failure the user can act on: printed as one clear message, never as a stack trace. */
export class LeakgateError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A wrong command line: unknown option, missing argument. */
export class UsageError extends LeakgateError {}

/** A config or rules file that does not validate; names the file, the JSON path and what was expected. */
export class ConfigError extends LeakgateError {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super([messages.configInvalid(file), ...problems.map((p) => `  ${p.path || messages.configTopLevel}: ${p.expected}`)].join('\n'));
  }
}

/** One validation problem: where in the JSON it is and what was expected there. */
export interface ConfigProblem {
  path: string;
  expected: string;
}

/** git failed or is not usable here (not a repository, git missing, corrupt index). */
export class GitError extends LeakgateError {}

/** A hook ran out of time (its time budget): it stops, blocks, and says what took the time. */
export class TimeBudgetError extends LeakgateError {}
