// The library's public types. They describe the JSON report (`leakgate scan --format json`) and
// `.leakgate.json` on their own, without internal types, so the published declarations are
// small and stable: fields may be added, never renamed.

/** One located half of a paired credential (e.g. a Mailjet key and its secret), masked. */
export interface FindingPart {
  label: string;
  line: number;
  column: number;
  redacted: string;
}

/** One credential found, as the JSON report gives it: the secret is never in it, only `redacted`. */
export interface Finding {
  /** The rule id (`leakgate explain <rule>`). */
  rule: string;
  provider: string;
  /** How bad a leak of it is, from its rule's family: critical (cloud, code and CI, packages, payments, identity, keys), high, medium (observability). */
  severity: 'critical' | 'high' | 'medium';
  description: string;
  /** The path as given, joined with the path below it (repository-relative for staged and history scans). */
  file: string;
  line: number;
  column: number;
  /** The commit that added it (history scans). */
  commit?: string;
  /** The annotated tag whose message holds it (history scans). */
  tag?: { name: string; object: string; target: string };
  /** Identifies the finding without the secret: for `allowlist.fingerprints` and baselines. */
  fingerprint: string;
  /** A few leading characters of the secret, then `…`. */
  redacted: string;
  /** Both halves of a paired credential. */
  parts?: FindingPart[];
}

/** A file a scan did not read, and why. */
export interface Skip {
  file: string;
  reason: string;
  commit?: string;
}

/** What a scan found and read: the JSON report, plus notices the CLI would print on stderr. */
export interface ScanReport {
  findings: Finding[];
  skipped: Skip[];
  scanned: { files: number; bytes: number; commits?: number };
  /** Warnings about the config or baseline (e.g. fingerprints in an old format). */
  notices: string[];
}

/** What to do about a finding of a rule: where to revoke it (a dashboard named in words, a docs URL, or both). */
export interface Remediation {
  envVar: string;
  why?: string | undefined;
  revoke: string;
  investigate?: string | undefined;
  /** Where in the provider's console to revoke or rotate, in words. */
  dashboard?: string | undefined;
  docs?: string | undefined;
}

/** A rule the user adds (`rules.add`): the rules.json schema, remediation and examples optional. */
export interface UserRule {
  id: string;
  provider: string;
  family?: string | undefined;
  description: string;
  /** RE2 syntax; the secret in a capture group. */
  regex?: string | undefined;
  keywords?: string[] | undefined;
  entropy?: number | undefined;
  path?: string | undefined;
  stopwords?: string[] | undefined;
  remediation?: Remediation | undefined;
  examples?: { positive: unknown[]; negative: unknown[] } | undefined;
}

/** The contents of `.leakgate.json` (or package.json's `leakgate` key), validated when used. */
export interface LeakgateConfig {
  $schema?: string;
  allowlist?: { paths?: string[]; regexes?: string[]; stopwords?: string[]; fingerprints?: string[] };
  rules?: { disable?: string[]; add?: UserRule[] };
  /** Bytes, or text such as `"512KB"`. */
  maxFileSize?: number | string;
  /** Seconds a hook run may take. */
  timeBudget?: number;
}

/** A config with its defaults filled in, and where it came from. */
export interface LoadedConfig {
  config: {
    allowlist: { paths: string[]; regexes: string[]; stopwords: string[]; fingerprints: string[] };
    rules: { disable: string[]; add: UserRule[] };
    /** Bytes. */
    maxFileSize: number;
    timeBudget: number;
  };
  /** `.leakgate.json` or `package.json#leakgate`; absent when none exists and defaults apply. */
  source?: string;
}

/** A built-in rule of the catalogue (what `leakgate rules` lists), without its test examples. */
export interface Rule {
  id: string;
  provider: string;
  family: string;
  description: string;
  regex?: string | undefined;
  keywords: string[];
  entropy?: number | undefined;
  path?: string | undefined;
  stopwords?: string[] | undefined;
  remediation: Remediation;
}

/** Two rules whose findings in one file are one credential. */
export interface RulePair {
  id: string;
  provider: string;
  description: string;
  halves: [string, string];
}

/** Options every scan of a repository or folder takes. */
export interface ScanOptions {
  /** Where to run (default: process.cwd()); the repository around it gives the config. */
  cwd?: string;
  /** Use this config instead of the repository's `.leakgate.json` (validated like the file). */
  config?: LeakgateConfig;
  /** A baseline file, relative to cwd (default: `.leakgate-baseline.json` at the root, if present). */
  baseline?: string;
}
