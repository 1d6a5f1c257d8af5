import type { FileChange } from '../detect/types';
import type { Skipped } from '../report/jsonReport';

/** What a source hands the detector: the files to judge, what it skipped, and how much it read. */
export interface SourceResult {
  files: FileChange[];
  skipped: Skipped[];
  bytes: number;
}
