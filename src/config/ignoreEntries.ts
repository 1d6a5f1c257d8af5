/**
 * An entry of `allowlist.fingerprints`: a bare fingerprint (the form before `ignore` recorded
 * why), or one `leakgate ignore` wrote with its reason, who, when, and an optional last day.
 */
export type IgnoreEntry = string | RecordedIgnore;

export interface RecordedIgnore {
  fingerprint: string;
  reason?: string;
  /** `Name <email>` from git config, when set. */
  by?: string;
  /** When it was ignored (ISO 8601). */
  at?: string;
  /** The last day (YYYY-MM-DD, UTC) it is ignored; from the next day on it blocks again. */
  until?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Today in UTC, YYYY-MM-DD: the day an `until` is compared with. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The fingerprint of an entry, either form. */
export function fingerprintOf(entry: IgnoreEntry): string {
  return typeof entry === 'string' ? entry : entry.fingerprint;
}

/** Whether an entry still silences its finding on `day`: no `until`, or `until` not yet past. */
export function isActive(entry: IgnoreEntry, day: string): boolean {
  return typeof entry === 'string' || entry.until === undefined || entry.until >= day;
}

/** The fingerprints that silence findings on `day` (expired entries left out: they block again). */
export function activeFingerprints(entries: readonly IgnoreEntry[], day: string = today()): string[] {
  return entries.filter((entry) => isActive(entry, day)).map(fingerprintOf);
}

/**
 * The entries of an unvalidated `allowlist.fingerprints` value (read loosely from git objects):
 * strings, and objects whose fingerprint is a string; anything else is left out.
 */
export function looseEntries(value: unknown): IgnoreEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): IgnoreEntry[] => {
    if (typeof item === 'string') return [item];
    if (item && typeof item === 'object' && typeof (item as RecordedIgnore).fingerprint === 'string') {
      const until = (item as RecordedIgnore).until;
      return [{ fingerprint: (item as RecordedIgnore).fingerprint, ...(typeof until === 'string' ? { until } : {}) }];
    }
    return [];
  });
}
