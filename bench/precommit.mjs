#!/usr/bin/env node
// @ts-check
// Pre-commit benchmark: what the leakgate hook adds to a `git commit` of a small, realistic change.
//
// Two throwaway repositories get the same five-file commit (~200 added lines of JS, Python, YAML,
// JSON and Markdown); in one of them the JS file carries a (fake) Mailjet key pair. The hooks are
// the real ones: `leakgate install` (plain git hooks, this checkout's build) in each repository.
// Cases, each measured N times after warm-ups, interleaved round by round:
//   node -e 0                          the floor: starting Node and nothing else
//   leakgate pre-commit (key)          the CLI alone on the staged change with the key: exit 1, 1 finding
//   git commit --no-verify (clean)     the commit without any hook (then git reset --soft HEAD~1)
//   git commit + hook (clean, passes)  the commit with the hooks: pre-commit and commit-msg (then git reset --soft HEAD~1)
//   git commit + pre-commit hook only  the same with the commit-msg hook removed: splits the two hooks' times
//   git commit + hook (key, blocked)   the hook refuses the commit (nothing to reset)
// The hook's own time is the commit with the hook minus the commit without it.
//
// bench/run.mjs imports prepareSmallCommit() and smallCommitCases() to put these cases in its one
// table (with secretlint beside them); run alone, this file prints its own table (USAGE below).
// The five files are written by lib/smallCommitFiles.mjs, whose fake key pair is derived from a
// hash at run time: no credential-looking literal sits in the bench sources.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BENCH_EXIT,
  cleanEnv,
  git,
  measure,
  median,
  numberOption,
  percentile,
  rejectUnknownOptions,
  runAsEntry,
  snapshotCli,
} from './lib/common.mjs';
import { smallCommitFiles } from './lib/smallCommitFiles.mjs';

/** @typedef {import('./lib/types.js').Measurement} Measurement */
/** @typedef {import('./lib/types.js').SmallCase} SmallCase */
/** @typedef {import('./lib/types.js').SmallRepos} SmallRepos */

const USAGE = 'usage: node bench/precommit.mjs [--runs N] [--warmup N]';
const COMMIT_MESSAGE = 'Add billing service';

/** The planted key of the small commit: where it is and what leakgate calls it. */
export const SMALL_PLANT = { file: 'src/routes.js', rules: ['mailjet-api-key-pair', 'mailjet-api-key', 'mailjet-secret-key'] };

/**
 * Two repositories under `workDir` with the hooks installed by `leakgate install` and the
 * five-file change staged: `clean` (passes) and `leaky` (a fake Mailjet key pair in src/routes.js).
 * @param {string} workDir
 * @param {string} cli
 * @param {NodeJS.ProcessEnv} env
 * @returns {SmallRepos}
 */
export function prepareSmallCommit(workDir, cli, env) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const clean = makeRepo(join(workDir, 'clean'), cli, env, false);
  const leaky = makeRepo(join(workDir, 'leaky'), cli, env, true);
  // The same clean change with the pre-commit hook alone: a passing commit runs two hooks (each
  // starts Node), and this splits their times apart.
  const preOnly = makeRepo(join(workDir, 'pre-only'), cli, env, false);
  rmSync(join(preOnly, '.git', 'hooks', 'commit-msg'));
  const numstat = git(clean, env, 'diff', '--cached', '--numstat').split('\n').filter(Boolean);
  return {
    clean,
    leaky,
    preOnly,
    paths: numstat.map((line) => String(line.split('\t')[2])),
    files: numstat.length,
    lines: numstat.reduce((sum, line) => sum + Number(line.split('\t')[0]), 0),
  };
}

/**
 * The count in leakgate's hook report ("… blocked this commit: N secrets …"), or undefined.
 * @param {string} output
 */
export function reportedCount(output) {
  const match = /blocked this commit: (\d+) secrets?/.exec(output);
  return match ? Number(match[1]) : undefined;
}

/**
 * The small-commit cases, each { key, name, tool, run() → measure() result, after?(), check(result)
 * → undefined or what went wrong }.
 * @param {{ cli: string, env: NodeJS.ProcessEnv, repos: SmallRepos }} setup
 * @returns {SmallCase[]}
 */
export function smallCommitCases({ cli, env, repos }) {
  /** @type {(cwd: string, command: string, args: string[]) => () => Measurement} */
  const timed = (cwd, command, args) => () => measure(command, args, { cwd, env });
  const commit = ['commit', '-q', '-m', COMMIT_MESSAGE];
  return [
    { key: 'node', name: 'node -e 0', tool: 'floor', run: timed(repos.clean, 'node', ['-e', '0']), check: exitIs(0) },
    {
      key: 'alone',
      name: 'leakgate pre-commit alone (key)',
      tool: 'leakgate',
      run: timed(repos.leaky, 'node', [cli, 'pre-commit']),
      check: reportsOneSecret,
    },
    {
      key: 'noVerify',
      name: 'git commit --no-verify (clean)',
      tool: 'git',
      run: timed(repos.clean, 'git', ['commit', '-q', '--no-verify', '-m', COMMIT_MESSAGE]),
      after: undoCommit(repos.clean, env),
      check: exitIs(0),
    },
    {
      key: 'passes',
      name: 'git commit + hook (clean, passes)',
      tool: 'leakgate',
      run: timed(repos.clean, 'git', commit),
      after: undoCommit(repos.clean, env),
      check: exitIs(0),
    },
    {
      key: 'preOnly',
      name: 'git commit + pre-commit hook only (clean)',
      tool: 'leakgate',
      run: timed(repos.preOnly, 'git', commit),
      after: undoCommit(repos.preOnly, env),
      check: exitIs(0),
    },
    {
      key: 'blocked',
      name: 'git commit + hook (key, blocked)',
      tool: 'leakgate',
      run: timed(repos.leaky, 'git', commit),
      check: blockedCheck(repos.leaky, env),
    },
  ];
}

/** @param {Measurement} r */
function firstLines(r) {
  return (r.stdout + r.stderr).trim().split('\n').slice(0, 3).join(' | ');
}

/** @param {number} expected */
function exitIs(expected) {
  return (/** @type {Measurement} */ r) =>
    r.status === expected ? undefined : `exited ${r.status} (expected ${expected}): ${firstLines(r)}`;
}

/** leakgate pre-commit on the leaky change: exit 1 and exactly the one planted secret. @param {Measurement} r */
function reportsOneSecret(r) {
  if (r.status !== 1) return exitIs(1)(r);
  const count = reportedCount(r.stdout + r.stderr);
  return count === 1 ? undefined : `reported ${count ?? 'no'} secrets (expected 1)`;
}

/**
 * Undoes the commit only when it was made (a failed commit leaves HEAD on the initial commit).
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 */
function undoCommit(cwd, env) {
  return (/** @type {Measurement} */ r) => {
    if (r.status === 0) git(cwd, env, 'reset', '-q', '--soft', 'HEAD~1');
  };
}

/**
 * The commit with the key: refused, HEAD where it was, one secret reported.
 * @param {string} leaky
 * @param {NodeJS.ProcessEnv} env
 */
function blockedCheck(leaky, env) {
  const leakyHead = git(leaky, env, 'rev-parse', 'HEAD');
  return (/** @type {Measurement} */ r) => {
    if (r.status === 0) return 'the commit with the key was NOT blocked';
    if (git(leaky, env, 'rev-parse', 'HEAD') !== leakyHead) return 'HEAD moved: the commit went through';
    const count = reportedCount(r.stdout + r.stderr);
    if (count !== 1) return `the hook reported ${count ?? 'no'} secrets (expected 1)`;
    return undefined;
  };
}

/** Run alone: measures the small commit and prints its own table. @param {string[]} argv */
export async function main(argv = process.argv.slice(2)) {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return BENCH_EXIT.ok;
  }
  rejectUnknownOptions(argv, { flags: ['--help'], valued: ['--runs', '--warmup'], usage: USAGE });
  const runs = numberOption(argv, '--runs', 15, 1);
  const warmups = numberOption(argv, '--warmup', 2, 0);
  const cli = snapshotCli('leakgate-build-precommit');
  const env = cleanEnv();
  const workDir = mkdtempSync(join(tmpdir(), 'leakgate-bench-'));
  try {
    const repos = prepareSmallCommit(workDir, cli, env);
    console.log(`leakgate pre-commit benchmark: ${cli}`);
    console.log(
      `commit: ${repos.files} files, ${repos.lines} added lines; ${runs} runs after ${warmups} warm-ups; node ${process.version}, git ${gitVersion(env)}\n`,
    );
    const cases = smallCommitCases({ cli, env, repos });
    printHookTable(cases, measureInterleaved(cases, runs, warmups));
    console.log(
      `\nblocked variant: exit 1 and 1 secret reported by leakgate pre-commit; git commit refused in every run and HEAD did not move → really blocked`,
    );
    return BENCH_EXIT.ok;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Every case once per round, warm-ups first: drift hits every case alike. A failed check stops
 * the bench. Returns the timed samples per case key.
 * @param {readonly SmallCase[]} cases
 * @param {number} runs
 * @param {number} warmups
 * @returns {Map<string, number[]>}
 */
function measureInterleaved(cases, runs, warmups) {
  const samples = new Map(cases.map((c) => [c.key, /** @type {number[]} */ ([])]));
  for (let round = 0; round < warmups + runs; round++) {
    for (const c of cases) {
      const result = c.run();
      if (c.after) c.after(result);
      const problem = c.check(result);
      if (problem) throw new Error(`${c.name} (round ${round + 1}): ${problem}`);
      if (round >= warmups) samples.get(c.key)?.push(result.ms);
    }
  }
  return samples;
}

/**
 * The cases' medians and 90th percentiles against `node -e 0`, then the hooks' own times: the
 * commit with the hooks minus the commit without them.
 * @param {readonly SmallCase[]} cases
 * @param {Map<string, number[]>} samples
 */
function printHookTable(cases, samples) {
  const of = (/** @type {string} */ key) => samples.get(key) ?? [];
  const floor = median(of('node'));
  const ratio = (/** @type {number} */ ms) => `${(ms / floor).toFixed(2)}×`;
  const rows = cases.map((c) => [c.name, fmt(median(of(c.key))), fmt(percentile(of(c.key), 90)), ratio(median(of(c.key)))]);
  const noVerify = median(of('noVerify'));
  const hookPass = median(of('passes')) - noVerify;
  const hookPre = median(of('preOnly')) - noVerify;
  const hookBlocked = median(of('blocked')) - noVerify;
  const extra = [
    ['hooks overhead, passing commit', fmt(hookPass), '', ratio(hookPass)],
    ['  of which pre-commit', fmt(hookPre), '', ratio(hookPre)],
    ['  of which commit-msg', fmt(hookPass - hookPre), '', ratio(hookPass - hookPre)],
    ['hook overhead, blocked commit', fmt(hookBlocked), '', ratio(hookBlocked)],
  ];
  printSplitTable(['case', 'median ms', 'p90 ms', 'vs node -e 0'], rows, extra);
}

/** @param {NodeJS.ProcessEnv} env */
function gitVersion(env) {
  return spawnSync('git', ['--version'], { env, encoding: 'utf8' })
    .stdout.trim()
    .replace(/^git version /, '');
}

/**
 * A repository with the real hooks, as a user gets them (`leakgate install`, no package.json yet:
 * plain git hooks that run this build), and the five-file change staged.
 * @param {string} dir
 * @param {string} cli
 * @param {NodeJS.ProcessEnv} env
 * @param {boolean} withKey
 */
function makeRepo(dir, cli, env, withKey) {
  mkdirSync(dir, { recursive: true });
  git(dir, env, 'init', '-q', '-b', 'main');
  git(dir, env, 'config', 'user.name', 'leakgate bench');
  git(dir, env, 'config', 'user.email', 'bench@example.invalid');
  git(dir, env, 'config', 'commit.gpgsign', 'false');
  writeFileSync(join(dir, 'README.md'), '# billing\n\nInternal billing service.\n');
  git(dir, env, 'add', '-A');
  git(dir, env, 'commit', '-q', '--no-verify', '-m', 'Initial commit');
  const install = spawnSync('node', [cli, 'install'], { cwd: dir, env, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`leakgate install exited ${install.status} in ${dir}:\n${install.stdout}${install.stderr}`);
  for (const [path, text] of Object.entries(smallCommitFiles(withKey))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, env, 'add', '-A');
  return dir;
}

/** @param {number} ms */
function fmt(ms) {
  return ms.toFixed(1);
}

/**
 * The cases, a rule, then the derived rows: first column left-aligned, the others right.
 * @param {readonly string[]} header
 * @param {readonly string[][]} rows
 * @param {readonly string[][]} extra
 */
function printSplitTable(header, rows, extra) {
  const all = [header, ...rows, ...extra];
  const widths = header.map((_, i) => Math.max(...all.map((row) => String(row[i]).length)));
  const line = (/** @type {readonly string[]} */ row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  console.log(line(header));
  console.log(rule);
  for (const row of rows) console.log(line(row));
  console.log(rule);
  for (const row of extra) console.log(line(row));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runAsEntry(main, { label: 'bench' });
