// What a scan reports beside its findings: the files it did not read, and how much it read.
/**
 * Why a scan did not read a file: the error code of a read that failed. The sources leakgate
 * ships stop (exit 2) on such a file instead; a skip is reported, never passed in silence.
 */
export type SkipReason = { kind: 'unreadable'; code: string };

/** A file a scan did not read, and why. */
export interface Skipped {
  file: string;
  reason: SkipReason;
  commit?: string;
}

/** Totals of what a scan read. */
export interface Scanned {
  files: number;
  bytes: number;
  commits?: number;
}
