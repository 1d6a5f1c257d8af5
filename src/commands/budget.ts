import { LeakgateError } from '../errors';

/** A hook ran out of time: it stops, blocks, and says what took the time. */
export class TimeBudgetError extends LeakgateError {}

/**
 * The overall time a hook run may take. The detector checks it between files and rules (the
 * scan is synchronous, so no timer could interrupt it); a timer in the bin covers the waits on git.
 */
export class TimeBudget {
  private deadline: number;
  private readonly started: number;
  private phase = 'starting';

  constructor(private seconds: number, private readonly now: () => number = Date.now) {
    this.started = now();
    this.deadline = this.started + seconds * 1000;
  }

  /** The config may set another limit once it is loaded. */
  setLimit(seconds: number): void {
    this.seconds = seconds;
    this.deadline = this.started + seconds * 1000;
  }

  /** Names what is being done now, for the message if time runs out. */
  enter(phase: string): void {
    this.phase = phase;
    this.check();
  }

  expired(): boolean {
    return this.now() > this.deadline;
  }

  /** Throws TimeBudgetError once the budget is spent; `detail` says what was running. */
  check(detail?: string): void {
    if (this.expired()) throw new TimeBudgetError(this.message(detail));
  }

  message(detail?: string): string {
    const elapsed = ((this.now() - this.started) / 1000).toFixed(1);
    return `stopped after ${elapsed} s, over the time budget of ${this.seconds} s, while ${detail ?? this.phase}. Nothing was committed or pushed. Raise "timeBudget" in .leakgate.json if this change is legitimately that large.`;
  }
}
