import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../detect/types';
import { messages } from '../messages';
import { redactSecret } from '../report/redact';

/** A finding of the last blocked run as `ignore --last` lists it: where and what, redacted (never the secret). */
export interface LastRunFinding {
  fingerprint: string;
  file: string;
  line: number;
  rule: string;
  redacted: string;
  commit?: string;
}

/**
 * The fingerprints of the last blocked run, kept under the worktree's own git directory (never
 * in the work tree, never a secret), for `leakgate ignore --last`. Written to a temporary file
 * and renamed, so two hooks at once never leave a torn file. Returns a warning when it cannot be
 * written (a read-only .git): the report of the blocked run matters more than the record, and a
 * record left from an earlier run is removed when possible, so `--last` never means that run.
 */
export function recordLastRun(gitDir: string, findings: readonly Finding[]): string {
  const seen = new Set<string>();
  const listed: LastRunFinding[] = [];
  for (const finding of findings) {
    if (seen.has(finding.fingerprint)) continue;
    seen.add(finding.fingerprint);
    listed.push({
      fingerprint: finding.fingerprint,
      file: finding.displayPath ?? finding.path,
      line: finding.spans[0]?.line ?? 0,
      rule: finding.ruleId,
      redacted: finding.spans.map((span) => redactSecret(span.secret)).join(' + '),
      ...(finding.commit ? { commit: finding.commit.sha.slice(0, 10) } : {}),
    });
  }
  const directory = join(gitDir, 'leakgate');
  const target = join(directory, 'last-run.json');
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(directory, { recursive: true });
    writeFileSync(temporary, `${JSON.stringify({ fingerprints: [...seen], findings: listed }, null, 2)}\n`);
    renameSync(temporary, target);
    return '';
  } catch (error) {
    for (const file of [temporary, target]) {
      try {
        rmSync(file, { force: true });
      } catch {
        // as unwritable as the rest: `ignore --last` may then name an earlier run (the warning says so)
      }
    }
    return `${messages.lastRunNotRecorded((error as NodeJS.ErrnoException).code ?? 'error')}\n`;
  }
}

/**
 * The findings recorded by the last blocked run, or [] when there was none. A record written
 * before findings were listed holds fingerprints only: those come back with the fingerprint's
 * own path and rule (path:rule:hash) and nothing else.
 */
export function readLastRun(gitDir: string): LastRunFinding[] {
  let data: { fingerprints?: unknown; findings?: unknown };
  try {
    data = JSON.parse(readFileSync(join(gitDir, 'leakgate', 'last-run.json'), 'utf8')) as typeof data;
  } catch {
    return [];
  }
  const fingerprints = Array.isArray(data.fingerprints) ? data.fingerprints.filter((f): f is string => typeof f === 'string') : [];
  const listed = new Map<string, LastRunFinding>();
  if (Array.isArray(data.findings)) {
    for (const item of data.findings as Partial<LastRunFinding>[]) {
      if (item && typeof item.fingerprint === 'string' && typeof item.file === 'string')
        listed.set(item.fingerprint, item as LastRunFinding);
    }
  }
  return fingerprints.map((fingerprint) => listed.get(fingerprint) ?? fromFingerprint(fingerprint));
}

function fromFingerprint(fingerprint: string): LastRunFinding {
  const parts = /^(.+):([a-z0-9]+(?:-[a-z0-9]+)*):v2-[0-9a-f]{16}$/.exec(fingerprint);
  return { fingerprint, file: parts?.[1] ?? fingerprint, line: 0, rule: parts?.[2] ?? '', redacted: '' };
}
