#!/usr/bin/env node
// @ts-check
// npm run bench:against -- [--commit SHA]: this build beside an earlier commit's build, on the
// cases `npm run bench` holds targets for, so what a change of depth or catalogue costs is
// measured in one run rather than told apart from the machine's drift (bench/NOTES.md,
// "Against an earlier commit").
//
// The earlier commit (default 7198252: issue 14's one pipeline, before issue 15 read structure,
// code context and encodings, and before issue 16 grew the catalogue from 289 to 1,021 rules) is
// exported with `git archive` to bench/.work/against-<sha>/ and built there once, with this
// checkout's node_modules.
//
//   history    `leakgate scan --history` over run.mjs's history repository, earlier and now,
//              beside `git log -p --all` (medians of interleaved rounds, wall)
//   hooks      `leakgate pre-commit` on run.mjs's small commit, passing and blocked, earlier and
//              now, beside `node -e 0` (each reads the staged change with its own git)
//   detector   a detector's first and second pass over the history's added files, each in a
//              fresh process: the earlier build's; this build's with only the earlier catalogue's
//              rules; this build's whole. The second splits depth from catalogue size.
//
//   node bench/against.mjs [--commit SHA] [--runs N] [--only history,hooks,detector]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BenchUsageError,
  BENCH_EXIT,
  cleanEnv,
  exec,
  git,
  isBuilt,
  listOption,
  log,
  markBuilt,
  measure,
  median,
  numberOption,
  PACKAGE_ROOT,
  printTable,
  rejectUnknownOptions,
  runAsEntry,
  snapshotCli,
  WORK,
} from './lib/common.mjs';
import { historyTexts } from './lib/historyTexts.mjs';
import { ensureCorpus, ensureHistory } from './lib/setup.mjs';
import { prepareSmallCommit } from './precommit.mjs';

const USAGE = 'usage: node bench/against.mjs [--commit SHA] [--runs N] [--only history,hooks,detector]';
/** The last commit of issue 14 (one pipeline) before issue 15's structure reading and issue 16's catalogue. */
const DEFAULT_COMMIT = '7198252';
const PASSES_CHILD = join(PACKAGE_ROOT, 'bench', 'lib', 'detectorPassesChild.mjs');

/** @typedef {{ wall: number, cpu: number }} Cost */
/** @typedef {{ label: string, command: string, args: string[], cwd: string }} Case */

/** @param {string[]} argv */
async function main(argv = process.argv.slice(2)) {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return BENCH_EXIT.ok;
  }
  rejectUnknownOptions(argv, { flags: ['--help'], valued: ['--commit', '--runs', '--only'], usage: USAGE });
  const runs = numberOption(argv, '--runs', 9, 3);
  const only = new Set(listOption(argv, '--only', ['history', 'hooks', 'detector']));
  const commitIndex = argv.indexOf('--commit');
  const earlier = buildEarlier(commitIndex === -1 ? DEFAULT_COMMIT : String(argv[commitIndex + 1]));
  const now = snapshotCli('leakgate-build-against');
  console.log(`earlier: ${earlier.sha.slice(0, 7)} ${earlier.subject} (${earlier.rules.length} rules)\n`);
  if (only.has('history')) compareHistory(earlier, now, runs);
  if (only.has('hooks')) compareHooks(earlier, now, runs * 3);
  if (only.has('detector')) compareDetectors(earlier, Math.max(3, Math.round(runs / 3)));
  return BENCH_EXIT.ok;
}

/**
 * The earlier commit exported and built under bench/.work (once per commit).
 * @param {string} commit
 */
function buildEarlier(commit) {
  const env = cleanEnv();
  const resolved = exec('git', ['rev-parse', '--verify', '--quiet', `${commit}^{commit}`], PACKAGE_ROOT, env);
  if (resolved.status !== 0) throw new BenchUsageError(`--commit ${commit}: no such commit in this clone`);
  const sha = resolved.stdout.trim();
  const subject = git(PACKAGE_ROOT, env, 'log', '-1', '--format=%s', sha);
  const dir = join(WORK, `against-${sha.slice(0, 12)}`);
  const manifest = () => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!isBuilt(`against-${sha}`, sha)) {
    log(`building ${sha.slice(0, 7)} in ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const archive = spawnSync('git', ['archive', '--format=tar', sha], { cwd: PACKAGE_ROOT, env, maxBuffer: 1 << 30 });
    const unpacked = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout, env });
    if (archive.status !== 0 || unpacked.status !== 0) throw new Error(`could not export ${sha} to ${dir}`);
    // Its own dependencies would need the registry; this checkout's serve a build of the same tool.
    symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(dir, 'node_modules'));
    const build = exec('npm', ['run', 'build'], dir, env);
    if (build.status !== 0) throw new Error(`npm run build failed for ${sha}:\n${build.stdout}${build.stderr}`);
    markBuilt(`against-${sha}`, sha);
  }
  const bin = manifest().bin;
  const cli = join(dir, typeof bin === 'string' ? bin : bin.leakgate);
  const catalogue = JSON.parse(readFileSync(join(dir, 'rules.json'), 'utf8'));
  /** @type {string[]} */
  const rules = (Array.isArray(catalogue) ? catalogue : catalogue.rules).map((/** @type {{ id: string }} */ rule) => rule.id);
  return { sha, subject, cli, dist: join(dir, 'dist'), rules };
}

/**
 * Medians of interleaved rounds (the first `warmup` untimed: the hooks write V8's code cache).
 * @param {readonly Case[]} cases
 * @param {number} runs
 * @param {number} warmup
 */
function interleaved(cases, runs, warmup) {
  const env = cleanEnv();
  const times = cases.map(() => /** @type {number[]} */ ([]));
  for (let round = -warmup; round < runs; round++) {
    cases.forEach(({ command, args, cwd }, index) => {
      const { ms } = measure(command, args, { cwd, env, stdout: 'null' });
      if (round >= 0) times[index]?.push(ms);
    });
  }
  return times.map((samples) => median(samples));
}

/**
 * @param {ReturnType<typeof buildEarlier>} earlier
 * @param {string} now
 * @param {number} runs
 */
function compareHistory(earlier, now, runs) {
  const cwd = ensureHistory(ensureCorpus()).dir;
  const short = earlier.sha.slice(0, 7);
  /** @type {Case[]} */
  const cases = [
    { label: 'git log -p --all', command: 'git', args: ['log', '-p', '--all'], cwd },
    { label: `leakgate scan --history, ${short}`, command: 'node', args: [earlier.cli, 'scan', '--history'], cwd },
    { label: 'leakgate scan --history, now', command: 'node', args: [now, 'scan', '--history'], cwd },
  ];
  const times = interleaved(cases, runs, 1);
  printAgainstFloor([`history (medians of ${runs})`, 'ms', '× git log -p'], cases, times, 0);
  const [, before = NaN, after = NaN] = times;
  console.log(`\nnow against ${short}: ${signed(after - before)} ms (${signed((100 * (after - before)) / before)} %).\n`);
}

/**
 * @param {ReturnType<typeof buildEarlier>} earlier
 * @param {string} now
 * @param {number} runs
 */
function compareHooks(earlier, now, runs) {
  const repos = prepareSmallCommit(join(WORK, 'against-small'), now, cleanEnv());
  const short = earlier.sha.slice(0, 7);
  /** @type {Case[]} */
  const cases = [
    { label: 'node -e 0', command: 'node', args: ['-e', '0'], cwd: repos.clean },
    { label: `leakgate pre-commit, passing, ${short}`, command: 'node', args: [earlier.cli, 'pre-commit'], cwd: repos.clean },
    { label: 'leakgate pre-commit, passing, now', command: 'node', args: [now, 'pre-commit'], cwd: repos.clean },
    { label: `leakgate pre-commit, blocked, ${short}`, command: 'node', args: [earlier.cli, 'pre-commit'], cwd: repos.leaky },
    { label: 'leakgate pre-commit, blocked, now', command: 'node', args: [now, 'pre-commit'], cwd: repos.leaky },
  ];
  printAgainstFloor([`the small commit (medians of ${runs})`, 'ms', '× node -e 0'], cases, interleaved(cases, runs, 2), 1);
  console.log();
}

/**
 * One row per case: its median and its ratio to the first case, the floor.
 * @param {readonly string[]} header
 * @param {readonly Case[]} cases
 * @param {readonly number[]} times
 * @param {number} digits
 */
function printAgainstFloor(header, cases, times, digits) {
  const floor = times[0] ?? NaN;
  printTable(
    header,
    cases.map(({ label }, index) => {
      const ms = times[index] ?? NaN;
      return [label, ms.toFixed(digits), (ms / floor).toFixed(2)];
    }),
    new Set([1, 2]),
  );
}

/**
 * @param {ReturnType<typeof buildEarlier>} earlier
 * @param {number} runs
 */
function compareDetectors(earlier, runs) {
  const env = cleanEnv();
  const textsFile = join(WORK, 'history-texts.json');
  const texts = historyTexts(ensureHistory(ensureCorpus()).dir, env);
  writeFileSync(textsFile, JSON.stringify(texts));
  const idsFile = join(WORK, `against-${earlier.sha.slice(0, 12)}-rules.json`);
  writeFileSync(idsFile, JSON.stringify(earlier.rules));
  const short = earlier.sha.slice(0, 7);
  const variants = [
    { label: `${short}'s detector, its ${earlier.rules.length} rules`, args: [earlier.dist, textsFile] },
    { label: `this detector, ${short}'s ${earlier.rules.length} rules only`, args: [join(PACKAGE_ROOT, 'dist'), textsFile, idsFile] },
    { label: 'this detector, its whole catalogue', args: [join(PACKAGE_ROOT, 'dist'), textsFile] },
  ];
  /** @type {{ first: Cost, second: Cost }[][]} */
  const results = variants.map(() => []);
  for (let round = 0; round < runs; round++) {
    variants.forEach(({ args }, index) => {
      const child = exec('node', [PASSES_CHILD, ...args], PACKAGE_ROOT, env);
      if (child.status !== 0) throw new Error(`detector passes failed: ${child.stderr}`);
      results[index]?.push(JSON.parse(child.stdout));
    });
  }
  /** @param {readonly { first: Cost, second: Cost }[]} samples @param {'first' | 'second'} pass @param {'wall' | 'cpu'} kind */
  const at = (samples, pass, kind) => median(samples.map((sample) => sample[pass][kind])).toFixed(0);
  printTable(
    [
      `the detector over ${texts.length} added files, in memory (medians of ${runs})`,
      'first wall',
      'first CPU',
      'second wall',
      'second CPU',
    ],
    variants.map(({ label }, index) => {
      const samples = results[index] ?? [];
      return [
        label,
        at(samples, 'first', 'wall'),
        at(samples, 'first', 'cpu'),
        at(samples, 'second', 'wall'),
        at(samples, 'second', 'cpu'),
      ];
    }),
    new Set([1, 2, 3, 4]),
  );
  rmSync(textsFile, { force: true });
}

/** @param {number} value */
function signed(value) {
  return `${value >= 0 ? '+' : ''}${value.toFixed(value >= 100 || value <= -100 ? 0 : 1)}`;
}

runAsEntry(main, { label: 'bench:against' });
