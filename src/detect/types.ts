import type { ChecksumKind } from './checksums';
import type { KeywordOffsets } from './keywordOffsets';
import type { RuleRegex, StringTest } from './linearRegex';

/** What the provider says to do when one of its credentials leaks (from rules.json). */
export interface Remediation {
  envVar: string;
  why?: string;
  revoke: string;
  investigate?: string;
  /** A documentation URL, when one is known to exist. */
  docs?: string | undefined;
  /** Where to revoke, in words, when no docs URL is certain. */
  dashboard?: string | undefined;
}

/** The commit a change belongs to, for pre-push and history scans. */
export interface CommitRef {
  sha: string;
  subject: string;
  author: string;
}

/** The annotated tag a message finding came from (a tag object is not a commit). */
export interface TagRef {
  /** The tag's name (the pushed ref's, or the object's own for a tag a tag points at). */
  name: string;
  /** The tag object's id. */
  object: string;
  /** What the tag finally points at, through tags of tags (usually a commit). */
  target: string;
  subject: string;
  tagger: string;
}

/** Consecutive added lines of one file (or a whole file), starting at `startLine` (1-based). */
export interface Chunk {
  startLine: number;
  text: string;
}

/** One file as a source yields it: its path, the text to scan, and where it came from. */
export interface FileChange {
  path: string;
  /** How to show the path when it differs from `path` (as given on the command line). */
  displayPath?: string;
  chunks: Chunk[];
  commit?: CommitRef;
  /**
   * The lines findings may sit on, when `chunks` hold more of the file than its change: a
   * modified config file read whole, so its added lines are read under their parent keys.
   */
  onlyLines?: ReadonlySet<number>;
}

/** A rule ready to run: regex compiled once, path glob turned into a matcher. */
export interface CompiledRule {
  id: string;
  provider: string;
  family: string;
  description: string;
  /** Whether the rule reads content (false: a credential file, found by its path alone). */
  hasRegex: boolean;
  /** The compiled regex, built on first use: most rules never meet text with their keywords. */
  regex(): RuleRegex;
  /** The same regex, sticky: tried at one position (see keywordOffsets). */
  stickyRegex(): RuleRegex;
  /**
   * Where this rule's keywords sit from the start of any match, when its regex proves it
   * (analysed on first use), else undefined: the regex then sweeps the whole text.
   */
  keywordOffsets(): KeywordOffsets | undefined;
  keywords: string[];
  entropy?: number | undefined;
  /** A checksum the format carries: a value that fails it is not this credential. */
  checksum?: ChecksumKind | undefined;
  /** An identifier the provider treats as public: reported only as half of a pair this detector judges. */
  pairOnly?: boolean | undefined;
  appliesTo?: (path: string) => boolean;
  stopwords: string[];
  remediation: Remediation;
}

/** Two rules whose findings in one file are one credential. */
export interface CompiledPair {
  id: string;
  provider: string;
  description: string;
  halves: [string, string];
}

/** Where one secret sits. Holds the secret itself: never leaves the process unmasked. */
export interface SecretSpan {
  ruleId: string;
  label: string;
  line: number;
  column: number;
  secret: string;
  lineText: string;
}

/** One credential found: one span, or two for a pair (key + secret). */
export interface Finding {
  ruleId: string;
  provider: string;
  description: string;
  family: string;
  path: string;
  displayPath?: string;
  commit?: CommitRef;
  /** Set on findings in an annotated tag's message. */
  tag?: TagRef;
  spans: SecretSpan[];
  fingerprint: string;
  remediation: Remediation[];
}

/** What the user config allows; applied inside the detector so every source gets the same policy. */
export interface AllowPolicy {
  isPathAllowed(path: string): boolean;
  /** User regexes: run on a linear-time engine (see linearRegex.ts). */
  secretRegexes: StringTest[];
  stopwords: string[];
  fingerprints: ReadonlySet<string>;
}

/** The marker that silences a line: `// leakgate:allow`. */
export const INLINE_ALLOW = 'leakgate:allow';
