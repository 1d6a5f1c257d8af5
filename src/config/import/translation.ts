import type { UserRule } from '../userConfig';

/** What an import adds to `.leakgate.json` (only the fields a source tool can fill). */
export interface ImportedConfig {
  allowlist: { paths: string[]; regexes: string[]; stopwords: string[] };
  rules: { disable: string[]; add: UserRule[] };
}

/** Something of the source tool's config that has no leakgate equivalent, and why. */
export interface Untranslated {
  /** The source file, and the line the entry starts on when known. */
  file: string;
  line?: number;
  /** The entry, e.g. `rule aws-custom` or `allowlist.commits`. */
  what: string;
  reason: string;
}

/**
 * A place whose findings the source tool ignores (a `.gitleaksignore` line, a detect-secrets
 * baseline entry): leakgate fingerprints what it finds there now and records it in the baseline.
 */
export interface IgnoredPlace {
  file: string;
  line?: number;
  what: string;
  /** Repository-relative path of the scanned file. */
  path: string;
  /** The commit to read it at (undefined: the work tree). */
  commit?: string;
  /** The 1-based line of the secret in that file. */
  secretLine: number;
  /** detect-secrets: the SHA-1 (hex) of the secret; only a finding whose secret hashes to it is recorded. */
  sha1?: string;
}

export interface Translation {
  config: ImportedConfig;
  untranslated: Untranslated[];
  ignored: IgnoredPlace[];
}

export function emptyTranslation(): Translation {
  return {
    config: { allowlist: { paths: [], regexes: [], stopwords: [] }, rules: { disable: [], add: [] } },
    untranslated: [],
    ignored: [],
  };
}
