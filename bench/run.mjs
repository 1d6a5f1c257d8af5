#!/usr/bin/env node
// @ts-check
// npm run bench: builds first (package.json), then measures leakgate beside its floors and beside
// secretlint (recommended preset) on four cases, and prints ONE table:
//
//   small commit  five files, ~200 added lines, one fake key: the installed hook's time (git commit
//                 minus git commit --no-verify) and `leakgate pre-commit` alone; floor: node -e 0
//   big commit    ~5,000 files / ~50 MB of real package source staged at once in a fresh repository,
//                 five fake keys; `leakgate pre-commit`; floor: git diff --cached -U0 > /dev/null
//   history       `leakgate scan --history` over 2,000+ commits built from the same source (adds,
//                 edits, merges), five fake keys, one removed later; floor: git log -p --all > /dev/null
//   working tree  `leakgate scan .` over the whole corpus (~75 MB) in a folder not named node_modules
//
// Per case: median wall time over N runs (default 15 for the small commit, after 2 warm-ups; 5 for
// the big cases, after one untimed check run), MB/s where it means something, peak RSS (GNU time's
// %M), the ratio to the case's floor and to secretlint, whether every planted key was found, and a
// verdict against the targets. A missing planted key (or a leakgate crash) exits non-zero.
//
//   node bench/run.mjs [--runs N] [--warmup N] [--only small,big,history,tree] [--no-secretlint]
//                      [--secretlint-runs N] [--secretlint-timeout SECONDS]
// secretlint takes minutes on the big cases (about 5 on the big commit, about 17 on the tree here):
// it runs once there by default (its check run is the sample; --runs N or --secretlint-runs N for
// more), killed after --secretlint-timeout seconds (default 1800; the time is then shown as ">").
//
// Everything it needs is built once under bench/.work/ (see lib/setup.mjs) and reused afterwards.
// The fake keys are derived from hashes at run time (lib/fakes.mjs) and are never printed.
// The cases are in lib/benchCases.mjs, how they run in lib/measureCases.mjs, the table and its
// targets in lib/summary.mjs; `tsc -p bench` (npm run bench) checks the types of them all.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  BenchUsageError,
  BENCH_EXIT,
  cleanEnv,
  exec,
  git,
  listOption,
  MB,
  numberOption,
  PACKAGE_ROOT,
  rejectUnknownOptions,
  runAsEntry,
  snapshotCli,
  WORK,
} from './lib/common.mjs';
import { buildCases } from './lib/benchCases.mjs';
import { PLANTS } from './lib/fakes.mjs';
import { checkRuns, emptyOutcome, stagedPlanted, timedRounds } from './lib/measureCases.mjs';
import { ensureBigCommit, ensureCorpus, ensureHistory, ensureSecretlint, ensureTree, NPM_BEFORE } from './lib/setup.mjs';
import { printClosing, printPlantedKeys, printSummaryTable } from './lib/summary.mjs';
import { prepareSmallCommit, SMALL_PLANT } from './precommit.mjs';

/** @typedef {import('./lib/types.js').Artefacts} Artefacts */
/** @typedef {import('./lib/measureCases.mjs').Outcome} Outcome */
/** @typedef {{ smallRuns: number, bigRuns: number, warmups: number, only: Set<string>, withSecretlint: boolean, lintRuns: number, lintTimeout: number }} RunOptions */

const GROUPS = ['small', 'big', 'history', 'tree'];
const USAGE = `usage: node bench/run.mjs [--runs N] [--warmup N] [--only ${GROUPS.join(',')}] [--no-secretlint]
                          [--secretlint-runs N] [--secretlint-timeout SECONDS]`;

/** @param {string[]} argv */
export async function main(argv = process.argv.slice(2)) {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return BENCH_EXIT.ok;
  }
  const options = parseOptions(argv);
  const cli = snapshotCli();
  const env = cleanEnv();
  mkdirSync(WORK, { recursive: true });
  const load0 = loadavg()[0] ?? 0;
  const artefacts = prepareArtefacts(options, cli, env);
  // The tree folder is inside this repository: the ceiling makes leakgate scan it as a plain folder.
  const treeEnv = cleanEnv({ GIT_CEILING_DIRECTORIES: WORK });
  const cases = buildCases(artefacts, { ...options, cli, env, treeEnv });
  const outcome = emptyOutcome();
  plantedInStaged(artefacts, cli, env, outcome);
  const measured = checkRuns(cases, outcome);
  timedRounds(measured, outcome);

  printPreamble(artefacts, cli, env, load0);
  const verdicts = printSummaryTable(artefacts, measured, outcome.planted);
  console.log('');
  printPlantedKeys(outcome.planted, artefacts.history);
  return printClosing(outcome, verdicts);
}

/**
 * @param {readonly string[]} argv
 * @returns {RunOptions}
 */
function parseOptions(argv) {
  rejectUnknownOptions(argv, {
    flags: ['--no-secretlint', '--help'],
    valued: ['--runs', '--warmup', '--only', '--secretlint-runs', '--secretlint-timeout'],
    usage: USAGE,
  });
  const smallRuns = numberOption(argv, '--runs', 15, 1);
  const bigRuns = numberOption(argv, '--runs', 5, 1);
  const warmups = numberOption(argv, '--warmup', 2, 0);
  const only = new Set(listOption(argv, '--only', GROUPS));
  const unknown = [...only].filter((group) => !GROUPS.includes(group));
  if (unknown.length) throw new BenchUsageError(`--only: unknown case ${unknown.join(', ')} (cases: ${GROUPS.join(', ')})`);
  // secretlint needs minutes on the big cases: one run by default (the check run is the sample).
  const lintRuns = numberOption(argv, '--secretlint-runs', argv.includes('--runs') ? bigRuns : 1, 1);
  const lintTimeout = numberOption(argv, '--secretlint-timeout', 1800, 1);
  return { smallRuns, bigRuns, warmups, only, withSecretlint: !argv.includes('--no-secretlint'), lintRuns, lintTimeout };
}

/**
 * Builds (or reuses) what the cases asked for read.
 * @param {RunOptions} options
 * @param {string} cli
 * @param {NodeJS.ProcessEnv} env
 * @returns {Artefacts}
 */
function prepareArtefacts({ only, withSecretlint }, cli, env) {
  const needCorpus = only.has('big') || only.has('history') || only.has('tree');
  const corpus = needCorpus ? ensureCorpus() : undefined;
  const secretlint = withSecretlint ? ensureSecretlint() : undefined;
  const tree = corpus && only.has('tree') ? ensureTree(corpus) : undefined;
  const big = corpus && only.has('big') ? ensureBigCommit(corpus) : undefined;
  const history = corpus && only.has('history') ? ensureHistory(corpus) : undefined;
  const small = only.has('small') ? prepareSmallCommit(join(WORK, 'small'), cli, env) : undefined;
  const patchBytes = history ? countBytes('git', ['log', '-p', '--all'], history.dir, env) : 0;
  return { corpus, secretlint, tree, big, history, small, patchBytes };
}

/**
 * The planted keys of the two commit cases, from `leakgate scan --staged`: the hook's own report
 * does not say where a key is.
 * @param {Artefacts} artefacts
 * @param {string} cli
 * @param {NodeJS.ProcessEnv} env
 * @param {Outcome} outcome
 */
function plantedInStaged({ small, big }, cli, env, outcome) {
  if (small) {
    const mailjet = /** @type {import('./lib/types.js').Plant} */ (PLANTS.find((plant) => plant.id === 'mailjet'));
    const expected = [{ plant: { ...mailjet, leakgate: SMALL_PLANT.rules }, file: SMALL_PLANT.file }];
    outcome.planted.small = { leakgate: stagedPlanted(cli, env, small.leaky, expected, outcome) };
  }
  if (big) outcome.planted.big = { leakgate: stagedPlanted(cli, env, big.dir, big.planted, outcome) };
}

/**
 * The lines above the table: versions, machine and load, the corpus, secretlint.
 * @param {Artefacts} artefacts
 * @param {string} cli
 * @param {NodeJS.ProcessEnv} env
 * @param {number} load0
 */
function printPreamble({ corpus, secretlint }, cli, env, load0) {
  console.log(
    `leakgate ${leakgateVersion(cli, env)} (${cli}) · node ${process.version} · git ${gitVersion(env)} · ${cpus().length} CPUs · load ${load0.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`,
  );
  if (corpus)
    console.log(
      `corpus: ${corpus.files.length} text files, ${(corpus.bytes / MB).toFixed(1)} MB from npm (${Object.entries(corpus.versions)
        .map(([name, version]) => `${name}@${version}`)
        .join(', ')}; dependencies as of ${NPM_BEFORE})`,
    );
  if (secretlint)
    console.log(
      `secretlint ${secretlint.version} + @secretlint/secretlint-rule-preset-recommend (unix formatter; commit cases: the staged paths on one command line, as lint-staged passes them)`,
    );
  console.log('');
}

/**
 * Bytes a command prints (git log -p --all), counted as they stream past.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 */
function countBytes(command, args, cwd, env) {
  const child = spawnSync('sh', ['-c', `${command} ${args.join(' ')} | wc -c`], { cwd, env, encoding: 'utf8' });
  return Number(child.stdout.trim());
}

/**
 * @param {string} cli
 * @param {NodeJS.ProcessEnv} env
 */
function leakgateVersion(cli, env) {
  return exec('node', [cli, '--version'], PACKAGE_ROOT, env).stdout.trim();
}

/** @param {NodeJS.ProcessEnv} env */
function gitVersion(env) {
  return git(PACKAGE_ROOT, env, '--version').replace(/^git version /, '');
}

runAsEntry(main, { label: 'bench', stack: true });
