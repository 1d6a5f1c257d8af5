#!/usr/bin/env node
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
import { cleanEnv, log, snapshotCli, MB, measure, WORK } from './lib/common.mjs';
import { ensureCorpus, ensureSecretlint, NPM_BEFORE } from './lib/setup.mjs';

async function main(argv = process.argv.slice(2)) {
  const withSecretlint = !argv.includes('--no-secretlint');
  const cli = snapshotCli('leakgate-build-precision');
  const corpus = ensureCorpus();
  const secretlint = withSecretlint ? ensureSecretlint() : undefined;

  // leakgate: the corpus folder is inside this repository; the ceiling makes it a plain folder.
  const leakgateOut = join(WORK, 'precision-leakgate.json');
  log('leakgate scan . --format json');
  const lg = measure('node', [cli, 'scan', '.', '--format', 'json'], { cwd: corpus.dir, env: cleanEnv({ GIT_CEILING_DIRECTORIES: WORK }), stdout: leakgateOut });
  if (lg.status !== 0 && lg.status !== 1) throw new Error(`leakgate exited ${lg.status}: ${lg.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
  const lgReport = JSON.parse(readFileSync(leakgateOut, 'utf8'));
  const lgFindings = lgReport.findings.map((finding) => ({ rule: finding.rule, file: finding.file, line: finding.line, redacted: finding.redacted }));

  let slFindings;
  let slBytes = 0;
  let slFiles = 0;
  let sl;
  if (secretlint) {
    const secretlintOut = join(WORK, 'precision-secretlint.json');
    log('secretlint "**/*" --format json');
    sl = measure(secretlint.bin, ['--secretlintrc', secretlint.rc, '--format', 'json', '--output', secretlintOut, '**/*'], { cwd: corpus.dir, env: cleanEnv(), stdout: 'null' });
    if (sl.status !== 0 && sl.status !== 1) throw new Error(`secretlint exited ${sl.status}: ${sl.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
    const results = JSON.parse(readFileSync(secretlintOut, 'utf8'));
    slFindings = [];
    for (const result of results) {
      slFiles++;
      slBytes += Buffer.byteLength(result.sourceContent ?? '', 'utf8');
      const file = String(result.filePath).startsWith(`${corpus.dir}/`) ? String(result.filePath).slice(corpus.dir.length + 1) : String(result.filePath);
      // Only the rule id, the file and the line: secretlint's message and data may quote the match.
      for (const message of result.messages ?? []) slFindings.push({ rule: String(message.ruleId ?? message.ruleParentId ?? '?'), file, line: message.loc?.start?.line ?? '?' });
    }
  }

  const lgBytes = lgReport.scanned?.bytes ?? 0;
  console.log(`corpus: ${corpus.files.length} text files, ${(corpus.bytes / MB).toFixed(1)} MB from npm (${Object.entries(corpus.versions).map(([name, version]) => `${name}@${version}`).join(', ')}; dependencies as of ${NPM_BEFORE})`);
  console.log(`leakgate ${cli}${secretlint ? `; secretlint ${secretlint.version} + recommended preset` : ''}\n`);
  const perMB = (count, bytes) => (bytes ? (count / (bytes / MB)).toFixed(3) : '');
  const rows = [
    ['', 'leakgate', secretlint ? 'secretlint' : ''],
    ['files scanned', String(lgReport.scanned?.files ?? ''), secretlint ? String(slFiles) : ''],
    ['MB scanned', (lgBytes / MB).toFixed(1), secretlint ? (slBytes / MB).toFixed(1) : ''],
    ['files skipped', String(lgReport.skipped?.length ?? 0), ''],
    ['findings', String(lgFindings.length), secretlint ? String(slFindings.length) : ''],
    ['findings per MB', perMB(lgFindings.length, lgBytes), secretlint ? perMB(slFindings.length, slBytes) : ''],
    ['wall time', `${(lg.ms / 1000).toFixed(1)} s`, secretlint ? `${(sl.ms / 1000).toFixed(1)} s` : ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const r of rows) console.log(`${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2].padStart(10)}`.trimEnd());
  if (lgReport.skipped?.length) console.log(`leakgate skipped: ${lgReport.skipped.map((entry) => `${entry.file} (${entry.reason})`).join('; ')}`);

  console.log('\ntop 15 rules by findings');
  const top = (findings) => [...countBy(findings, (finding) => finding.rule)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 15);
  const left = top(lgFindings);
  const right = secretlint ? top(slFindings) : [];
  const lw = Math.max(24, ...left.map(([rule, count]) => `${count}  ${rule}`.length));
  console.log(`${'leakgate'.padEnd(lw)}    ${secretlint ? 'secretlint' : ''}`);
  for (let i = 0; i < Math.max(left.length, right.length, 1); i++) {
    const l = left[i] ? `${String(left[i][1]).padStart(5)}  ${left[i][0]}` : i === 0 ? '    (none)' : '';
    const r = right[i] ? `${String(right[i][1]).padStart(5)}  ${right[i][0]}` : i === 0 && secretlint ? '    (none)' : '';
    console.log(`${l.padEnd(lw)}    ${r}`.trimEnd());
  }

  console.log(`\nleakgate findings (${lgFindings.length}): rule  file:line  redacted (leakgate's own masking)`);
  for (const finding of lgFindings) console.log(`  ${finding.rule}  ${finding.file}:${finding.line}  ${finding.redacted}`);
  if (secretlint) {
    console.log(`\nsecretlint findings (${slFindings.length}): rule  file:line (message not shown: it can quote the match)`);
    for (const finding of slFindings) console.log(`  ${finding.rule}  ${finding.file}:${finding.line}`);
  }
  return 0;
}

function countBy(items, keyOf) {
  const counts = new Map();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`precision bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
