import type * as Vm from 'node:vm';

// A regex that backtracks catastrophically keeps the thread inside V8's regex engine: no timer
// fires and no JavaScript signal handler runs until it returns, which may be hours. The only thing
// that can stop it from outside is V8 itself: vm's `timeout` runs a watchdog thread that
// terminates the running script at the deadline, even inside a regex, and the script's caller
// gets an ordinary exception. So while a time budget is armed, synchronous stretches of scanning
// run through `guarded`. Each guarded call starts a thread: callers guard a slice of work (a few
// files), not each file, and nested calls pass straight through.

/** The deadline in force and what to say when it passes. */
interface Armed {
  deadline: number;
  expired: () => Error;
}

let armed: Armed | undefined;
let inside = false;
let script: Vm.Script | undefined;
const TASK = '__leakgateGuardedTask';

/** From now on, guarded work stops at `deadline` (ms since the epoch) with the error `expired` makes. */
export function armWatchdog(deadline: number, expired: () => Error): void {
  armed = { deadline, expired };
}

/** Guarded work runs unbounded again (tests; a command that ends its budget). */
export function disarmWatchdog(): void {
  armed = undefined;
}

/**
 * Runs `task` now and returns its result. While a deadline is armed, V8 stops the task at the
 * deadline, even in the middle of one regex, and the deadline's error is thrown instead.
 */
export function guarded<T>(task: () => T): T {
  if (!armed || inside) return task();
  const remaining = Math.ceil(armed.deadline - Date.now());
  if (remaining <= 0) throw armed.expired();
  const vm = require('node:vm') as typeof Vm;
  script ??= new vm.Script(`globalThis.${TASK}()`, { filename: 'leakgate-watchdog' });
  let result: T | undefined;
  const global = globalThis as unknown as Record<string, unknown>;
  global[TASK] = () => {
    result = task();
  };
  inside = true;
  try {
    script.runInThisContext({ timeout: remaining, displayErrors: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' && armed) throw armed.expired();
    throw error;
  } finally {
    inside = false;
    global[TASK] = undefined;
  }
  return result as T;
}
