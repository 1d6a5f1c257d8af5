import { messages } from '../messages';
import { fixLanguageOf } from './languageOf';
import { type FixLanguage, type Insertion, isRefusal, type LineEdit } from './types';

const reasons = messages.fix.reason;

/** Past this many characters a line is minified code, or data: not rewritten. */
const MINIFIED_LINE = 1000;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One secret of a finding: where the detector saw it, and the variable its provider reads it from. */
export interface SpanTarget {
  line: number;
  column: number;
  secret: string;
  envVar: string;
}

/** A finding to fix: all its spans (a key pair has two), or none of them. */
export interface FindingTarget {
  fingerprint: string;
  spans: readonly SpanTarget[];
}

/** A value that moves to .env under `name`. Holds the secret: never printed. */
export interface StoredValue {
  name: string;
  value: string;
}

/** Lines removed and added before line `line` (1-based, of the old text). */
export interface LineChange {
  line: number;
  removed: string[];
  added: string[];
}

export interface FileRewrite {
  /** The language the file was read as, when leakgate knows it. */
  language?: FixLanguage;
  text: string;
  changes: LineChange[];
  fixed: { fingerprint: string; stored: StoredValue[] }[];
  refused: { fingerprint: string; reason: string }[];
}

interface Planned {
  target: FindingTarget;
  edits: { index: number; edit: LineEdit }[];
  stored: StoredValue[];
  envVars: string[];
}

/**
 * Rewrites the findings' literals in one file's text to read environment variables. Pure: text in,
 * text and the list of changes out. A finding is rewritten whole or not at all; `exclude` names
 * findings to leave alone (with the reason), e.g. when .env already holds their variable.
 */
export function rewriteFile(
  path: string,
  text: string,
  targets: readonly FindingTarget[],
  exclude: ReadonlyMap<string, string> = new Map(),
): FileRewrite {
  const language = fixLanguageOf(path);
  const lines = text.split('\n');
  const bodies = lines.map((line) => line.replace(/\r$/, ''));
  const refused: FileRewrite['refused'] = [];
  const planned: Planned[] = [];
  for (const target of byFingerprint(targets)) {
    const excluded = exclude.get(target.fingerprint);
    const plan = excluded !== undefined ? { reason: excluded } : language ? planFinding(language, bodies, target) : undefined;
    if (plan === undefined) refused.push({ fingerprint: target.fingerprint, reason: reasons.unknownLanguage(path) });
    else if (isRefusal(plan)) refused.push({ fingerprint: target.fingerprint, reason: plan.reason });
    else planned.push(plan);
  }
  const accepted = withoutOverlaps(planned, refused);
  // The value must be gone from the file once its literal is rewritten; another copy is a use leakgate did not follow.
  const kept = accepted.filter((plan) => {
    const after = applyEdits(bodies, [plan]).join('\n');
    const left = plan.target.spans.some((span) => after.includes(span.secret));
    if (left) refused.push({ fingerprint: plan.target.fingerprint, reason: reasons.stillThere });
    return !left;
  });
  if (!language || kept.length === 0) return { ...(language ? { language } : {}), text, changes: [], fixed: [], refused };
  const rewritten = applyEdits(bodies, kept);
  const insertions = language.prepare?.(bodies, [...new Set(kept.flatMap((plan) => plan.envVars))]) ?? [];
  const { text: newText, changes } = assemble(lines, bodies, rewritten, insertions);
  return {
    language,
    text: newText,
    changes,
    fixed: kept.map((plan) => ({ fingerprint: plan.target.fingerprint, stored: plan.stored })),
    refused,
  };
}

/** One target per fingerprint: the same value twice in a file is one finding, rewritten everywhere or nowhere. */
function byFingerprint(targets: readonly FindingTarget[]): FindingTarget[] {
  const merged = new Map<string, FindingTarget>();
  for (const target of targets) {
    const known = merged.get(target.fingerprint);
    merged.set(target.fingerprint, known ? { fingerprint: target.fingerprint, spans: [...known.spans, ...target.spans] } : target);
  }
  return [...merged.values()];
}

function planFinding(language: FixLanguage, bodies: readonly string[], target: FindingTarget): Planned | { reason: string } {
  const edits: Planned['edits'] = [];
  const stored: StoredValue[] = [];
  const envVars: string[] = [];
  for (const span of target.spans) {
    const index = span.line - 1;
    const line = bodies[index];
    if (line === undefined || span.secret.length === 0) return { reason: reasons.noLocation };
    if (span.secret.includes('\n')) return { reason: reasons.multiLine };
    if (line.length > MINIFIED_LINE) return { reason: reasons.minified };
    if (!VARIABLE_NAME.test(span.envVar)) return { reason: reasons.badVariable(span.envVar) };
    const start = span.column - 1;
    const end = start + span.secret.length;
    if (line.slice(start, end) !== span.secret) return { reason: reasons.notAsWritten };
    const request = { lines: bodies, index, start, end, secret: span.secret, envVar: span.envVar };
    const name = language.stored(request);
    if (isRefusal(name)) return name;
    if (!VARIABLE_NAME.test(name)) return { reason: reasons.badVariable(name) };
    const lineEdits = language.rewrite(request);
    if (isRefusal(lineEdits)) return lineEdits;
    edits.push(...lineEdits.map((edit) => ({ index, edit })));
    stored.push({ name, value: span.secret });
    envVars.push(span.envVar);
  }
  return { target, edits, stored, envVars };
}

/** Findings whose edits collide with an earlier finding's (other than the very same edit) are left alone. */
function withoutOverlaps(planned: readonly Planned[], refused: FileRewrite['refused']): Planned[] {
  const taken: { index: number; edit: LineEdit }[] = [];
  const accepted: Planned[] = [];
  for (const plan of planned) {
    const clash = plan.edits.some(({ index, edit }) =>
      taken.some(
        (other) =>
          other.index === index &&
          !(other.edit.from === edit.from && other.edit.to === edit.to && other.edit.text === edit.text) &&
          other.edit.from < edit.to &&
          edit.from < other.edit.to,
      ),
    );
    if (clash) {
      refused.push({ fingerprint: plan.target.fingerprint, reason: reasons.overlaps });
      continue;
    }
    taken.push(...plan.edits);
    accepted.push(plan);
  }
  return accepted;
}

function applyEdits(bodies: readonly string[], plans: readonly Planned[]): string[] {
  const byLine = new Map<number, LineEdit[]>();
  for (const { index, edit } of plans.flatMap((plan) => plan.edits)) {
    const edits = byLine.get(index) ?? [];
    if (!edits.some((other) => other.from === edit.from && other.to === edit.to)) edits.push(edit);
    byLine.set(index, edits);
  }
  const result = [...bodies];
  for (const [index, edits] of byLine) {
    let line = result[index]!;
    for (const edit of [...edits].sort((a, b) => b.from - a.from)) line = line.slice(0, edit.from) + edit.text + line.slice(edit.to);
    result[index] = line;
  }
  return result;
}

/** The new text, with each line's own ending kept (and the file's first one for inserted lines), and what changed. */
function assemble(
  lines: readonly string[],
  bodies: readonly string[],
  rewritten: readonly string[],
  insertions: readonly Insertion[],
): { text: string; changes: LineChange[] } {
  const eol = lines[0]?.endsWith('\r') ? '\r' : '';
  // Inserting "at the end" of a file that ends with a newline means before its last, empty piece.
  const endsWithNewline = lines.length > 1 && lines[lines.length - 1] === '';
  const at = (insertion: Insertion) => (insertion.at >= bodies.length && endsWithNewline ? bodies.length - 1 : insertion.at);
  const out: string[] = [];
  const changes: LineChange[] = [];
  for (let index = 0; index <= lines.length; index++) {
    const inserted = insertions.filter((insertion) => at(insertion) === index).flatMap((insertion) => insertion.lines);
    if (inserted.length) {
      out.push(...inserted.map((line) => line + eol));
      changes.push({ line: index + 1, removed: [], added: inserted });
    }
    if (index === lines.length) break;
    const ending = lines[index]!.endsWith('\r') ? '\r' : '';
    out.push(rewritten[index]! + ending);
    if (rewritten[index] !== bodies[index]) changes.push({ line: index + 1, removed: [bodies[index]!], added: [rewritten[index]!] });
  }
  return { text: out.join('\n'), changes };
}
