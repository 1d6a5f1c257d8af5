import type { Chunk, CommitRef, FileChange, Finding, TagRef } from '../detect/types';
import type { RunPlaces } from '../io/decode';
import type { Skipped } from '../io/scanTotals';
import type { ByteSink } from '../io/sinks';
import type { FileOnDisk } from './fileSource';

// The one contract between where text comes from (the index, pushed commits, history, files,
// messages) and the scan session that turns it into findings. A source does all the reading,
// git included; the session only scans. A source never sees the detector.

/** Where a fragment's text came from. */
export interface Origin {
  path: string;
  /** How to show the path when it differs from `path` (as given on the command line). */
  displayPath?: string;
  commit?: CommitRef;
}

/** One piece of text to scan, with its origin. */
export type Fragment =
  /** Added text already split into chunks: a patch's added lines, or the added runs of a binary blob (`runs` places them in its bytes). */
  | { kind: 'text'; file: FileChange; bytes: number; runs?: RunPlaces }
  /** A file's whole content, decoded where it is scanned (text, UTF-16, or binary with runs of text). */
  | { kind: 'content'; origin: Origin; bytes: Uint8Array }
  /** Content too big to hold: `pour` writes its bytes into the sink as they are read, and it is scanned in windows. */
  | { kind: 'large'; origin: Origin; pour: (sink: ByteSink) => Promise<void> }
  /** A file on disk, read where it is scanned (maybe in a worker thread). */
  | { kind: 'file'; file: FileOnDisk }
  /** A commit's or an annotated tag's message (findings in a tag's message carry the tag). */
  | { kind: 'message'; file: FileChange; tag?: TagRef }
  /** Findings a source makes itself: config widenings, scanned by comparing two configs. */
  | { kind: 'verdict'; findings: Finding[] };

/** Where a source delivers: a scan session. */
export interface FragmentSink {
  /** Content over this many bytes is not held whole: a source delivers it as `large`. */
  readonly maxFileSize: number;
  /** Whether text at this path is wanted at all (false: allowlisted); lets a source skip reading it. */
  wants(path: string): boolean;
  /** Takes a fragment; a source awaits the result before the next one (a full worker pool slows the listing). */
  put(fragment: Fragment): void | Promise<void>;
  skip(skipped: Skipped): void;
  /** Drops everything delivered so far: the source starts over (the hook's piped diff was unusable). */
  restart(): void;
  /**
   * Whether a patched file is better delivered whole, its added lines marked (`onlyLines`): a
   * config file whose added lines may sit under a parent key the patch does not show.
   */
  readsWhole?(path: string, chunks: readonly Chunk[]): boolean;
}

/** What a source learned while reading, for the report: gathered once, never by going back to git. */
export interface SourceFacts {
  /** Commits in the order they are reported (oldest first); absent for sources without commits. */
  commits?: readonly string[];
  /** Subject and author of each commit, read from the commit objects with their messages. */
  commitRefs?: ReadonlyMap<string, CommitRef>;
  /** Staged changes: whether HEAD exists, and whether git pointed the hook at a temporary index. */
  staged?: { hasHead: boolean; fromWorkTree: boolean };
  /** Findings are reported in the order their fragments arrived (a file walk), not by path. */
  inArrivalOrder?: boolean;
}

/** Anything that yields fragments: every scan mode is one of these. */
export interface Source {
  /** Delivers every fragment to `sink`, then says what it learned. */
  feed(sink: FragmentSink): Promise<SourceFacts>;
  /** Stops what the source started (git reading ahead) when the scan fails before or while feeding. */
  stop?(): void;
}
