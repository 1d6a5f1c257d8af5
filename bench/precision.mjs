#!/usr/bin/env node
// @ts-check
// npm run bench:precision: false positives on real third-party code. Scans the bench corpus (the
// text files of a few large npm packages, see lib/setup.mjs; no live secrets expected there) with
// leakgate (`scan . --format json`) and with secretlint's recommended preset (`--format json`), and
// prints side by side: MB scanned, findings, findings per MB, the top 15 rules of each; then every
// leakgate finding (rule, file:line, leakgate's own redaction) so a person can judge whether it
// looks like a real credential, and every secretlint finding as rule, file:line only (its messages
// and data can hold the matched text: they are never printed).
//
//   node bench/precision.mjs [--no-secretlint]
//
// Build leakgate first (npm run build); the corpus and secretlint are built/reused in bench/.work/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_EXIT, cleanEnv, log, MB, measure, rejectUnknownOptions, runAsEntry, snapshotCli, WORK } from './lib/common.mjs';
import { ensureCorpus, ensureSecretlint, NPM_BEFORE } from './lib/setup.mjs';

/** @typedef {import('./lib/types.js').Corpus} Corpus */
/** @typedef {import('./lib/types.js').Measurement} Measurement */
/** A finding as this bench keeps it; `redacted` only from leakgate. @typedef {{ rule: string, file: string, line: number | string, redacted?: string | undefined }} Finding */
/** @typedef {{ file: string, reason: string }} Skip */
/** @typedef {{ run: Measurement, findings: Finding[], files: number, bytes: number, skipped: Skip[] }} ToolScan */

const USAGE = 'usage: node bench/precision.mjs [--no-secretlint]';

/** @param {string[]} argv */
async function main(argv = process.argv.slice(2)) {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return BENCH_EXIT.ok;
  }
  rejectUnknownOptions(argv, { flags: ['--no-secretlint', '--help'], valued: [], usage: USAGE });
  const withSecretlint = !argv.includes('--no-secretlint');
  const cli = snapshotCli('leakgate-build-precision');
  const corpus = ensureCorpus();
  const secretlint = withSecretlint ? ensureSecretlint() : undefined;
  const lg = scanWithLeakgate(cli, corpus);
  const sl = secretlint ? scanWithSecretlint(secretlint, corpus) : undefined;

  console.log(
    `corpus: ${corpus.files.length} text files, ${(corpus.bytes / MB).toFixed(1)} MB from npm (${Object.entries(corpus.versions)
      .map(([name, version]) => `${name}@${version}`)
      .join(', ')}; dependencies as of ${NPM_BEFORE})`,
  );
  console.log(`leakgate ${cli}${secretlint ? `; secretlint ${secretlint.version} + recommended preset` : ''}\n`);
  printTotals(lg, sl);
  printTopRules(lg.findings, sl?.findings);
  printFindings(lg.findings, sl?.findings);
  return BENCH_EXIT.ok;
}

/**
 * leakgate scan . --format json over the corpus. The corpus folder is inside this repository;
 * the ceiling makes it a plain folder.
 * @param {string} cli
 * @param {Corpus} corpus
 * @returns {ToolScan}
 */
function scanWithLeakgate(cli, corpus) {
  const out = join(WORK, 'precision-leakgate.json');
  log('leakgate scan . --format json');
  const run = measure('node', [cli, 'scan', '.', '--format', 'json'], {
    cwd: corpus.dir,
    env: cleanEnv({ GIT_CEILING_DIRECTORIES: WORK }),
    stdout: out,
  });
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`leakgate exited ${run.status}: ${run.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
  /** @type {{ findings: Finding[], scanned?: { files: number, bytes: number }, skipped?: Skip[] }} */
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const findings = report.findings.map((finding) => ({
    rule: finding.rule,
    file: finding.file,
    line: finding.line,
    redacted: finding.redacted,
  }));
  return { run, findings, files: report.scanned?.files ?? NaN, bytes: report.scanned?.bytes ?? 0, skipped: report.skipped ?? [] };
}

/**
 * secretlint "**\/*" --format json over the corpus: rule, file and line of each message only
 * (its message and data may quote the match).
 * @param {import('./lib/types.js').Secretlint} secretlint
 * @param {Corpus} corpus
 * @returns {ToolScan}
 */
function scanWithSecretlint(secretlint, corpus) {
  const out = join(WORK, 'precision-secretlint.json');
  log('secretlint "**/*" --format json');
  const run = measure(secretlint.bin, ['--secretlintrc', secretlint.rc, '--format', 'json', '--output', out, '**/*'], {
    cwd: corpus.dir,
    env: cleanEnv(),
    stdout: 'null',
  });
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`secretlint exited ${run.status}: ${run.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
  /** @type {{ filePath: string, sourceContent?: string, messages?: { ruleId?: string, ruleParentId?: string, loc?: { start?: { line?: number } } }[] }[]} */
  const results = JSON.parse(readFileSync(out, 'utf8'));
  /** @type {Finding[]} */
  const findings = [];
  let bytes = 0;
  for (const result of results) {
    bytes += Buffer.byteLength(result.sourceContent ?? '', 'utf8');
    const file = String(result.filePath).startsWith(`${corpus.dir}/`)
      ? String(result.filePath).slice(corpus.dir.length + 1)
      : String(result.filePath);
    for (const message of result.messages ?? [])
      findings.push({ rule: String(message.ruleId ?? message.ruleParentId ?? '?'), file, line: message.loc?.start?.line ?? '?' });
  }
  return { run, findings, files: results.length, bytes, skipped: [] };
}

/**
 * Files, MB, skips, findings, findings per MB and wall time of both tools side by side.
 * @param {ToolScan} lg
 * @param {ToolScan | undefined} sl
 */
function printTotals(lg, sl) {
  const perMB = (/** @type {number} */ count, /** @type {number} */ bytes) => (bytes ? (count / (bytes / MB)).toFixed(3) : '');
  const rows = [
    ['', 'leakgate', sl ? 'secretlint' : ''],
    ['files scanned', Number.isNaN(lg.files) ? '' : String(lg.files), sl ? String(sl.files) : ''],
    ['MB scanned', (lg.bytes / MB).toFixed(1), sl ? (sl.bytes / MB).toFixed(1) : ''],
    ['files skipped', String(lg.skipped.length), ''],
    ['findings', String(lg.findings.length), sl ? String(sl.findings.length) : ''],
    ['findings per MB', perMB(lg.findings.length, lg.bytes), sl ? perMB(sl.findings.length, sl.bytes) : ''],
    ['wall time', `${(lg.run.ms / 1000).toFixed(1)} s`, sl ? `${(sl.run.ms / 1000).toFixed(1)} s` : ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0]?.length ?? 0));
  const w1 = Math.max(...rows.map((r) => r[1]?.length ?? 0));
  for (const [name = '', left = '', right = ''] of rows)
    console.log(`${name.padEnd(w0)}  ${left.padStart(w1)}  ${right.padStart(10)}`.trimEnd());
  if (lg.skipped.length) console.log(`leakgate skipped: ${lg.skipped.map((entry) => `${entry.file} (${entry.reason})`).join('; ')}`);
}

/**
 * The 15 rules with the most findings, leakgate's beside secretlint's.
 * @param {readonly Finding[]} lgFindings
 * @param {readonly Finding[] | undefined} slFindings
 */
function printTopRules(lgFindings, slFindings) {
  console.log('\ntop 15 rules by findings');
  const top = (/** @type {readonly Finding[]} */ findings) =>
    [...countBy(findings, (finding) => finding.rule)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 15);
  const left = top(lgFindings);
  const right = slFindings ? top(slFindings) : [];
  const lw = Math.max(24, ...left.map(([rule, count]) => `${count}  ${rule}`.length));
  console.log(`${'leakgate'.padEnd(lw)}    ${slFindings ? 'secretlint' : ''}`);
  /** @type {(entry: [string, number] | undefined, first: boolean) => string} */
  const cell = (entry, first) => (entry ? `${String(entry[1]).padStart(5)}  ${entry[0]}` : first ? '    (none)' : '');
  for (let i = 0; i < Math.max(left.length, right.length, 1); i++) {
    console.log(`${cell(left[i], i === 0).padEnd(lw)}    ${cell(right[i], i === 0 && Boolean(slFindings))}`.trimEnd());
  }
}

/**
 * Every leakgate finding with leakgate's own redaction, and every secretlint finding as rule and
 * place only: a person judges whether one looks like a real credential.
 * @param {readonly Finding[]} lgFindings
 * @param {readonly Finding[] | undefined} slFindings
 */
function printFindings(lgFindings, slFindings) {
  console.log(`\nleakgate findings (${lgFindings.length}): rule  file:line  redacted (leakgate's own masking)`);
  for (const finding of lgFindings) console.log(`  ${finding.rule}  ${finding.file}:${finding.line}  ${finding.redacted}`);
  if (slFindings) {
    console.log(`\nsecretlint findings (${slFindings.length}): rule  file:line (message not shown: it can quote the match)`);
    for (const finding of slFindings) console.log(`  ${finding.rule}  ${finding.file}:${finding.line}`);
  }
}

/**
 * @template T
 * @param {readonly T[]} items
 * @param {(item: T) => string} keyOf
 */
function countBy(items, keyOf) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

runAsEntry(main, { label: 'precision bench' });
