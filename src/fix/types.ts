/** A replacement of [from, to) on one line by `text`. */
export interface LineEdit {
  from: number;
  to: number;
  text: string;
}

/** Why a finding is left alone, in words for the user. */
export interface Refusal {
  reason: string;
}

/** Lines to insert before line `at` (0-based; the line count inserts at the end). */
export interface Insertion {
  at: number;
  lines: string[];
}

/** One value to rewrite: where it is on a line, and the variable that should hold it. */
export interface RewriteRequest {
  /** The file's lines, without line endings. */
  lines: readonly string[];
  index: number;
  start: number;
  end: number;
  secret: string;
  envVar: string;
}

/** How one file type reads an environment variable, and how to rewrite a literal into that read. */
export interface FixLanguage {
  name: string;
  /** The name the value is stored under in .env (Terraform: TF_VAR_x; a .env-style file: its own key). */
  stored(request: RewriteRequest): string | Refusal;
  rewrite(request: RewriteRequest): LineEdit[] | Refusal;
  /** What the file needs once it reads these variables (an import, a Terraform variable block). */
  prepare?(lines: readonly string[], envVars: readonly string[]): Insertion[];
  /** How the value gets from .env to the program. */
  note: string;
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'reason' in value;
}
