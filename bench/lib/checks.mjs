// @ts-check
// What run.mjs asks of each measured run: the exit status it expects, and the planted keys found
// in leakgate's JSON report or in secretlint's unix output. Findings are reduced to rule ids,
// files and lines: a matched value is never kept or printed.
import { readFileSync } from 'node:fs';
import { matchPlanted } from './fakes.mjs';

/** @typedef {import('./types.js').Measurement} Measurement */
/** @typedef {import('./types.js').Planted} Planted */
/** @typedef {import('./types.js').PlantMatch} PlantMatch */

/**
 * The first three lines of what a run printed, for a problem's one line.
 * @param {{ stdout?: string, stderr?: string }} r
 */
export function firstLines(r) {
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(0, 3).join(' | ');
}

/** @param {Measurement} r */
export function exitZero(r) {
  return r.status === 0 ? undefined : `exited ${r.status}: ${firstLines(r)}`;
}

/** secretlint exits 1 when it finds something; a timed-out run is kept as a lower bound. @param {Measurement} r */
export function secretlintExit(r) {
  if (r.timedOut) return undefined; // a lower bound: shown with ">"
  return r.status === 0 || r.status === 1 ? undefined : `secretlint exited ${r.status}: ${firstLines(r)}`;
}

/**
 * secretlint's unix lines: "path:line:col: [ID] message [Error/preset > rule-id]"; only path, line
 * and rule are kept.
 * @param {string} output
 */
function secretlintFindings(output) {
  /** @type {{ file: string, line: number, rule: string }[]} */
  const findings = [];
  for (const line of output.split('\n')) {
    const match = /^(.*?):(\d+):(\d+): .*\[(?:Error|Warning|Info)\/([^\]]+)\]\s*$/.exec(line);
    // The rule part reads "preset-id > rule-id" for a rule of a preset: keep the rule's own id.
    if (match) findings.push({ file: String(match[1]), line: Number(match[2]), rule: String(String(match[4]).split(' > ').pop()).trim() });
  }
  return findings;
}

/**
 * The planted keys in secretlint's output: found when the plant's secretlint rule names its file.
 * @param {Measurement} r
 * @param {readonly Planted[]} expected
 * @returns {PlantMatch[]}
 */
export function secretlintPlanted(r, expected) {
  const findings = secretlintFindings(r.stdout);
  return expected.map((entry) => {
    const hit = findings.find(
      (finding) =>
        entry.plant.secretlint && finding.rule === entry.plant.secretlint && finding.file.replace(/\\/g, '/').endsWith(entry.file),
    );
    return { ...entry, found: Boolean(hit), line: hit?.line };
  });
}

/**
 * leakgate's JSON report, or undefined when the file holds none.
 * @param {string} file
 * @returns {{ findings: import('./fakes.mjs').LeakgateFinding[] } | undefined}
 */
function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * A leakgate scan that wrote its JSON report to `file`: exit 1 and every planted key in it.
 * @param {Measurement} r
 * @param {string} file
 * @param {readonly Planted[]} expected
 */
export function jsonCheck(r, file, expected) {
  if (r.status !== 1) return `exited ${r.status} (expected 1): ${firstLines(r)}`;
  const report = readReport(file);
  if (!report) return 'no JSON report';
  const missing = matchPlanted(report.findings, expected).filter((entry) => !entry.found);
  return missing.length
    ? `planted key(s) not found: ${missing.map((entry) => `${entry.plant.id} in ${entry.file}`).join(', ')}`
    : undefined;
}

/**
 * The planted keys in leakgate's JSON report in `file` (none found when there is no report).
 * @param {string} file
 * @param {readonly Planted[]} expected
 */
export function jsonPlanted(file, expected) {
  const report = readReport(file);
  return report ? matchPlanted(report.findings, expected) : notFound(expected);
}

/**
 * @param {readonly Planted[]} expected
 * @returns {PlantMatch[]}
 */
export function notFound(expected) {
  return expected.map((entry) => ({ ...entry, found: false }));
}
