// One-line notices found while setting up (an outdated baseline), for the bin to print before
// the command's own output. Collected here because they arise deep in setup, where a command
// result is not yet being built; the bin is still the only place that prints.

const pending = new Set<string>();

/** Queues a one-line notice for the terminal (the same line twice prints once). */
export function addNotice(line: string): void {
  pending.add(line);
}

/** Every queued notice as text ending in a newline, and the queue emptied. */
export function takeNotices(): string {
  const text = [...pending].map((line) => `${line}\n`).join('');
  pending.clear();
  return text;
}
