#!/usr/bin/env node
// @ts-check
// `leakgate incident` on a mid-size history: how long finding every place of one key takes,
// beside `leakgate scan --history` of the same repository (the scan incident runs first).
//
// The repository is synthetic and built by git fast-import in bench/.work: COMMITS commits, each
// rewriting five of FILES JavaScript files (60 lines each); a fake Mailjet key (derived from a
// hash at run time) is added to one file at commit 1000 and kept in it until commit 2500, so about
// 1500 commits carry it. Cases, each run N times, interleaved round by round:
//   scan --history     every commit's own change, all rules (exit 1, the key found once)
//   incident <fp>      the same scan, plus the index, the work tree and each commit's version of
//                      the key's file (one cat-file --batch-check, each distinct version scanned once)
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  cleanEnv,
  exec,
  git,
  leakgateCli,
  measure,
  median,
  numberOption,
  printTable,
  rejectUnknownOptions,
  runAsEntry,
  WORK,
} from './lib/common.mjs';
import { fakeHex } from './lib/fakes.mjs';

const USAGE = 'usage: node bench/incident.mjs [--runs N] [--commits N]';
const FILES = 400;
const LEAKY = 'src/dir3/file3.js';

/** The fast-import stream of the synthetic history. @param {number} commits @param {string} key */
function history(commits, key) {
  /** @type {string[]} */
  const out = [];
  const leak = `const mailjet = Mailjet.apiConnect('${key}', process.env.MJ_APIKEY_PRIVATE);\n`;
  for (let c = 0; c < commits; c++) {
    const message = `commit ${c}`;
    out.push(`commit refs/heads/main\nmark :${c + 1}\ncommitter Dev <dev@example.invalid> ${1700000000 + c * 60} +0000\n`);
    out.push(`data ${Buffer.byteLength(message)}\n${message}\n${c > 0 ? `from :${c}\n` : ''}`);
    const paths = Array.from({ length: 5 }, (_, k) => (c * 7 + k * 31) % FILES).map((f) => `src/dir${f % 20}/file${f}.js`);
    if (c === 1000) paths.push(LEAKY);
    for (const path of new Set(paths)) {
      let text = Array.from({ length: 60 }, (_, i) => `export const v${i} = ${c * 100 + i};`).join('\n') + '\n';
      if (path === LEAKY && c >= 1000 && c < 2500) text += leak;
      out.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    }
  }
  return out.join('');
}

/** Builds the repository; returns its folder. @param {number} commits @param {NodeJS.ProcessEnv} env */
function buildRepository(commits, env) {
  const dir = join(WORK, 'incident-history');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  git(WORK, env, 'init', '-q', '-b', 'main', dir);
  const imported = exec('git', ['fast-import', '--quiet'], dir, env, {
    input: history(commits, fakeHex('bench-incident')),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (imported.status !== 0) throw new Error(`git fast-import failed: ${imported.stderr}`);
  git(dir, env, 'reset', '-q', '--hard', 'main');
  return dir;
}

async function main() {
  const argv = process.argv.slice(2);
  rejectUnknownOptions(argv, { flags: [], valued: ['--runs', '--commits'], usage: USAGE });
  const runs = numberOption(argv, '--runs', 3, 1);
  const commits = numberOption(argv, '--commits', 3000, 2600);
  const env = cleanEnv();
  const cli = leakgateCli();
  const dir = buildRepository(commits, env);
  const found = measure(process.execPath, [cli, 'scan', '--history', '--format', 'json'], { cwd: dir, env });
  const fingerprint = JSON.parse(found.stdout).findings[0]?.fingerprint;
  if (found.status !== 1 || !fingerprint) throw new Error('scan --history did not find the planted key');
  const cases = [
    { name: 'scan --history', args: [cli, 'scan', '--history'] },
    { name: 'incident <fingerprint>', args: [cli, 'incident', fingerprint] },
  ];
  /** @type {Map<string, { ms: number[], rssKB: number[] }>} */
  const results = new Map(cases.map((c) => [c.name, { ms: [], rssKB: [] }]));
  for (let round = 0; round < runs; round++) {
    for (const c of cases) {
      const run = measure(process.execPath, c.args, { cwd: dir, env, stdout: 'null' });
      if (run.status !== 1) throw new Error(`${c.name} exited ${run.status}: ${run.stderr}`);
      results.get(c.name)?.ms.push(run.ms);
      results.get(c.name)?.rssKB.push(run.rssKB);
    }
  }
  console.log(`${commits} commits, ${FILES} files; the key carried by ${Math.min(commits, 2500) - 1000} commits; ${runs} runs`);
  const rows = [...results].map(([name, r]) => [name, Math.round(median(r.ms)), Math.round(Math.max(...r.rssKB) / 1024)]);
  printTable(['case', 'median ms', 'peak RSS MB'], rows, new Set([1, 2]));
  return 0;
}

runAsEntry(main, { label: 'bench/incident' });
