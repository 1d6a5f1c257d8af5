// @ts-check
// Shared helpers of the benchmarks: paths, a clean environment, child processes timed with their
// peak RSS (GNU time), statistics, command-line options and the table printer. No
// credential-shaped literal lives here.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// The build's exit codes (npm run bench builds before it starts): a wrong flag exits as leakgate's own usage errors do.
import { EXIT } from '../../dist/errors.js';

/** @typedef {import('./types.js').Measurement} Measurement */

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WORK = join(PACKAGE_ROOT, 'bench', '.work');
export const TIME_BIN = '/usr/bin/time';

/**
 * The environment of every child: nothing that points git elsewhere (a bench started from a hook
 * inherits GIT_DIR, GIT_INDEX_FILE…) or switches leakgate off; no colour; no npm update notice.
 */
export function cleanEnv(/** @type {Record<string, string>} */ extra = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' };
  for (const name of Object.keys(env)) {
    if (name.startsWith('GIT_') || name === 'LEAKGATE' || name === 'LEAKGATE_BIN' || name === 'FORCE_COLOR' || name === 'HUSKY')
      delete env[name];
  }
  return { ...env, ...extra };
}

/** The CLI the package publishes (package.json "bin"), falling back to dist/cli/main.js. */
export function leakgateCli() {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.leakgate;
  for (const candidate of [bin, 'dist/cli/main.js']) {
    if (candidate && existsSync(join(PACKAGE_ROOT, candidate))) return join(PACKAGE_ROOT, candidate);
  }
  throw new Error(`no leakgate build in ${PACKAGE_ROOT}: run npm run build first`);
}

/**
 * A private copy of the build (dist/, package.json, rules.json, hooks/) under bench/.work: others
 * may rebuild dist/ while a long bench runs, which would swap the CLI under a hook mid-run. The copy
 * still finds its dependencies (zod) in this checkout's node_modules, a parent folder.
 */
export function snapshotCli(name = 'leakgate-build') {
  const cli = leakgateCli();
  const target = join(WORK, name);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const name of ['dist', 'package.json', 'rules.json', 'hooks']) {
    if (existsSync(join(PACKAGE_ROOT, name)))
      cpSync(join(PACKAGE_ROOT, name), join(target, name), { recursive: true, preserveTimestamps: true });
  }
  return join(target, cli.slice(PACKAGE_ROOT.length + 1));
}

/**
 * Runs a command to completion; throws only when it cannot be started.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
export function exec(command, args, cwd, env, options = {}) {
  const child = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
    ...options,
  });
  if (child.error) throw new Error(`${command} ${args.join(' ')}: ${child.error.message}`);
  return { status: child.status, stdout: String(child.stdout ?? ''), stderr: String(child.stderr ?? '') };
}

/**
 * git, failing loudly on a non-zero exit.
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 * @param {...string} args
 */
export function git(cwd, env, ...args) {
  const child = exec('git', args, cwd, env);
  if (child.status !== 0) throw new Error(`git ${args.join(' ')} exited ${child.status} in ${cwd}:\n${child.stderr}`);
  return child.stdout.trim();
}

/**
 * One timed run under GNU time: wall time (hrtime around the child), peak RSS in KB (`%M`, the
 * largest resident set of the process tree git or the shell waited for), exit status and output.
 * `stdout`: 'pipe' (captured), 'null' (/dev/null: the floors that print a lot) or a file path;
 * `input`: written to the command's standard input (else it reads nothing).
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, stdout?: string, timeoutSeconds?: number, input?: string }} options
 * @returns {Measurement}
 */
export function measure(command, args, { cwd, env, stdout = 'pipe', timeoutSeconds, input }) {
  mkdirSync(WORK, { recursive: true });
  const rssFile = join(WORK, `.rss-${process.pid}`);
  rmSync(rssFile, { force: true });
  let outFd;
  if (stdout === 'null') outFd = openSync('/dev/null', 'w');
  else if (stdout !== 'pipe') outFd = openSync(stdout, 'w');
  try {
    const start = process.hrtime.bigint();
    // A time limit goes through coreutils timeout (the child itself is killed, not only GNU time).
    const limited = timeoutSeconds ? ['timeout', '--signal=KILL', String(timeoutSeconds), command, ...args] : [command, ...args];
    const child = spawnSync(TIME_BIN, ['-f', '%M %U %S', '-o', rssFile, ...limited], {
      cwd,
      env,
      encoding: 'utf8',
      ...(input === undefined ? {} : { input }),
      stdio: [input === undefined ? 'ignore' : 'pipe', outFd ?? 'pipe', 'pipe'],
      maxBuffer: 1024 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.error) throw new Error(`${command} ${args.join(' ')}: ${child.error.message}`);
    // GNU time writes "Command exited with non-zero status N" before the format on a failure.
    const lines = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n') : [];
    const [rssKB = NaN, user = NaN, system = NaN] = (lines[lines.length - 1]?.split(' ') ?? []).map(Number);
    const timedOut = Boolean(timeoutSeconds) && child.status === 137;
    return {
      ms,
      timedOut,
      rssKB: Number.isFinite(rssKB) ? rssKB : NaN,
      cpuMs: (user + system) * 1000,
      status: child.status,
      signal: child.signal,
      stdout: child.stdout ?? '',
      stderr: child.stderr ?? '',
    };
  } finally {
    if (outFd !== undefined) closeSync(outFd);
    rmSync(rssFile, { force: true });
  }
}

/** @param {readonly number[]} values */
export function median(values) {
  return percentile(values, 50);
}

/**
 * Linear interpolation between the closest ranks.
 * @param {readonly number[]} values
 * @param {number} p
 */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = /** @type {number} */ (sorted[low]);
  const highValue = /** @type {number} */ (sorted[high]);
  return lowValue + (highValue - lowValue) * (rank - low);
}

/** A wrong command line: the entry prints its message, without a stack, and exits EXIT.error. */
export class BenchUsageError extends Error {}

/** The bench's own exit codes: 1 when a planted key is missing or a measured command failed. */
export const BENCH_EXIT = { ok: 0, failed: 1, usage: EXIT.error };

/**
 * `--name N` (integer ≥ min), or the fallback.
 * @param {readonly string[]} argv
 * @param {string} name
 * @param {number} fallback
 * @param {number} min
 */
export function numberOption(argv, name, fallback, min) {
  const index = argv.indexOf(name);
  if (index === -1) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < min) throw new BenchUsageError(`${name} needs an integer >= ${min}`);
  return value;
}

/**
 * `--name a,b,c`, or the fallback.
 * @param {readonly string[]} argv
 * @param {string} name
 * @param {string[]} fallback
 */
export function listOption(argv, name, fallback) {
  const index = argv.indexOf(name);
  if (index === -1) return fallback;
  const value = argv[index + 1];
  if (!value || value.startsWith('--')) throw new BenchUsageError(`${name} needs a comma-separated list`);
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Rejects what a script does not know: a mistyped flag would otherwise start a run of many
 * minutes that ignores it. `valued` options take the next argument.
 * @param {readonly string[]} argv
 * @param {{ flags: readonly string[], valued: readonly string[], usage: string }} known
 */
export function rejectUnknownOptions(argv, { flags, valued, usage }) {
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    if (valued.includes(arg)) i++;
    else if (!flags.includes(arg)) throw new BenchUsageError(`unknown argument ${arg}\n${usage}`);
  }
}

/**
 * Runs a bench's main as the process's entry: its result is the exit code; a usage error is one
 * line and EXIT.error, any other failure its message (with the stack when asked) and exit 1.
 * @param {() => Promise<number>} main
 * @param {{ label: string, stack?: boolean }} how
 */
export function runAsEntry(main, { label, stack = false }) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      if (error instanceof BenchUsageError) {
        console.error(`${label}: ${error.message}`);
        process.exitCode = BENCH_EXIT.usage;
        return;
      }
      const text = error instanceof Error ? (stack ? (error.stack ?? error.message) : error.message) : String(error);
      console.error(`${label} failed: ${text}`);
      process.exitCode = BENCH_EXIT.failed;
    },
  );
}

/** A table cell; a row `null` is a separator. @typedef {string | number | undefined} Cell */

/**
 * Prints a table; `right` lists the columns aligned right; a row `null` is a separator.
 * @param {readonly string[]} header
 * @param {readonly (readonly Cell[] | null)[]} rows
 * @param {ReadonlySet<number>} [right]
 */
export function printTable(header, rows, right = new Set()) {
  // A row with only its first cell is a heading: printed as is, it does not widen the columns.
  /** @param {readonly Cell[] | null} row */
  const isHeading = (row) => row?.slice(1).every((cell) => cell === '' || cell === undefined);
  const all = [header, ...rows.filter((row) => row && !isHeading(row))];
  const widths = header.map((_, i) => Math.max(...all.map((row) => String(row?.[i] ?? '').length)));
  /** @param {readonly Cell[]} row */
  const line = (row) =>
    row
      .map((cell, i) => (right.has(i) ? String(cell ?? '').padStart(widths[i] ?? 0) : String(cell ?? '').padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  console.log(line(header));
  console.log(rule);
  for (const row of rows) console.log(!row ? rule : isHeading(row) ? row[0] : line(row));
}

/**
 * A marker file (bench/.work/.markers/NAME, outside the scanned folders) records what an artefact
 * was built from: the same key on the next run → reuse it; another key → rebuild.
 */
/**
 * @param {string} name
 * @param {string} key
 */
export function isBuilt(name, key) {
  const marker = join(WORK, '.markers', name);
  return existsSync(marker) && readFileSync(marker, 'utf8') === key;
}

/**
 * @param {string} name
 * @param {string} key
 */
export function markBuilt(name, key) {
  mkdirSync(join(WORK, '.markers'), { recursive: true });
  writeFileSync(join(WORK, '.markers', name), key);
}

/** @param {string} name */
export function unmark(name) {
  rmSync(join(WORK, '.markers', name), { force: true });
}

/** Deterministic pseudo-random numbers (mulberry32): the same repositories on every machine. */
/** @param {number} seed */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const MB = 1e6;

/** @param {string} message */
export function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}
