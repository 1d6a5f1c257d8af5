import { TimeBudgetError } from '../errors';
import { messages } from '../messages';
import { armWatchdog } from './watchdog';

/**
 * The overall time a hook run may take. The detector checks it between files and rules; within
 * one rule on one text only V8 can stop the work, so the budget also arms the watchdog (see
 * runtime/watchdog.ts) that guarded stretches of scanning run under. A timer in the bin covers
 * the waits on git.
 */
export class TimeBudget {
  private deadline: number;
  private readonly started: number;
  private phase = 'starting';
  /** What the detector is on now (kept as parts: building the sentence per rule would cost). */
  private scanning: { path: string; ruleId: string } | undefined;

  constructor(
    private seconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    this.deadline = this.started + seconds * 1000;
    this.arm();
  }

  /** The config may set another limit once it is loaded. */
  setLimit(seconds: number): void {
    this.seconds = seconds;
    this.deadline = this.started + seconds * 1000;
    this.arm();
  }

  /** Names what is being done now, for the message if time runs out. */
  enter(phase: string): void {
    this.phase = phase;
    this.scanning = undefined;
    this.check();
  }

  /** The detector starts a rule on a file: remembered for the message, then the budget checked. */
  scanningWith(path: string, ruleId: string): void {
    this.scanning = { path, ruleId };
    if (this.now() > this.deadline) throw this.error();
  }

  expired(): boolean {
    return this.now() > this.deadline;
  }

  /** Throws TimeBudgetError once the budget is spent; `detail` says what was running. */
  check(detail?: string): void {
    if (this.expired()) throw this.error(detail);
  }

  /** The error for a spent budget, naming what was running (the file and rule, when scanning). */
  error(detail?: string): TimeBudgetError {
    return new TimeBudgetError(this.message(detail));
  }

  message(detail?: string): string {
    const elapsed = ((this.now() - this.started) / 1000).toFixed(1);
    const doing = detail ?? (this.scanning ? messages.scanningWithRule(this.scanning.path, this.scanning.ruleId) : this.phase);
    return messages.overTimeBudget(elapsed, this.seconds, doing);
  }

  private arm(): void {
    armWatchdog(this.deadline, () => this.error());
  }
}
