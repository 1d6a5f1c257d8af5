#!/usr/bin/env node
// How long a blocked push's report is (issue 17, "reports that fit a screen"): a generated
// history of COMMITS commits, each adding a file with three planted credentials (bench/lib/
// fakes.mjs), is pushed for real to a local bare remote through the hooks `leakgate install`
// writes. Prints the lines the push wrote to the terminal: by default, with LEAKGATE_VERBOSE=1
// (every finding with its fix steps) and LEAKGATE_MAX_FINDINGS=0 (every finding on one line).
// `--before CLI` adds the same push judged by another build (e.g. main's dist/leakgate.js).
// Target: about 900 findings print at most 150 lines by default. Run `npm run build` first.
//
//   node bench/reportLines.mjs [--commits N] [--before path/to/leakgate.js] [--show]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BENCH_EXIT,
  BenchUsageError,
  cleanEnv,
  exec,
  git,
  numberOption,
  printTable,
  rejectUnknownOptions,
  runAsEntry,
  snapshotCli,
} from './lib/common.mjs';
import { PLANTS } from './lib/fakes.mjs';

const USAGE = 'usage: node bench/reportLines.mjs [--commits N] [--before path/to/leakgate.js] [--show]';
const PER_COMMIT = 3;

/**
 * A working repository whose main has COMMITS unpushed commits full of planted keys, and its bare
 * remote (which has the first commit only).
 * @param {string} root
 * @param {number} commits
 * @param {NodeJS.ProcessEnv} env
 */
function generateHistory(root, commits, env) {
  const remote = join(root, 'remote.git');
  const work = join(root, 'work');
  git(root, env, 'init', '-q', '--bare', '-b', 'main', remote);
  git(root, env, 'init', '-q', '-b', 'main', work);
  writeFileSync(join(work, 'README.md'), '# generated\n');
  git(work, env, 'add', '-A');
  git(work, env, 'commit', '-q', '-m', 'init');
  git(work, env, 'remote', 'add', 'origin', remote);
  git(work, env, 'push', '-q', 'origin', 'main');
  for (let index = 0; index < commits; index++) {
    const lines = [];
    for (let plant = 0; plant < PER_COMMIT; plant++) {
      const chosen = /** @type {import('./lib/types.js').Plant} */ (PLANTS[(index * PER_COMMIT + plant) % PLANTS.length]);
      lines.push(...chosen.lines(`report-lines-${index}-${plant}`), '');
    }
    writeFileSync(join(work, `module${index}.js`), `${lines.join('\n')}\n`);
    git(work, env, 'add', '-A');
    git(work, env, 'commit', '-q', '-m', `add module ${index}`);
  }
  return work;
}

/**
 * Installs `cli`'s hooks in `work`, pushes, and returns the terminal lines and the push's status.
 * @param {string} cli
 * @param {string} work
 * @param {NodeJS.ProcessEnv} env
 */
function pushWith(cli, work, env) {
  const install = exec(process.execPath, [cli, 'install'], work, env);
  if (install.status !== 0) throw new Error(`leakgate install failed:\n${install.stderr}`);
  const push = exec('git', ['push', 'origin', 'main'], work, env);
  const text = push.stdout + push.stderr;
  return { status: push.status, text, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) };
}

/**
 * The findings a push report names (its summary line, or the heading of an older build).
 * @param {string} text
 */
function findingsOf(text) {
  const match = /leakgate blocked this push: (\d+) secrets?/.exec(text);
  return match ? Number(match[1]) : undefined;
}

async function main() {
  const argv = process.argv.slice(2);
  rejectUnknownOptions(argv, { flags: ['--show'], valued: ['--commits', '--before'], usage: USAGE });
  const commits = numberOption(argv, '--commits', 300, 1);
  const beforeAt = argv.indexOf('--before');
  const before = beforeAt === -1 ? undefined : argv[beforeAt + 1];
  if (beforeAt !== -1 && !before) throw new BenchUsageError(`--before needs a path\n${USAGE}`);
  const cli = snapshotCli('report-lines-build');
  const root = mkdtempSync(join(tmpdir(), 'leakgate-report-lines-'));
  try {
    const env = cleanEnv({
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Bench',
      GIT_AUTHOR_EMAIL: 'bench@example.invalid',
      GIT_COMMITTER_NAME: 'Bench',
      GIT_COMMITTER_EMAIL: 'bench@example.invalid',
    });
    const work = generateHistory(root, commits, env);
    /** @type {[string, string, NodeJS.ProcessEnv][]} */
    const runs = [
      ['default', cli, env],
      ['LEAKGATE_MAX_FINDINGS=0', cli, { ...env, LEAKGATE_MAX_FINDINGS: '0' }],
      ['LEAKGATE_VERBOSE=1', cli, { ...env, LEAKGATE_VERBOSE: '1' }],
    ];
    if (before) runs.unshift(['--before build', before, env]);
    const rows = runs.map(([label, which, runEnv]) => {
      const run = pushWith(which, work, runEnv);
      if (run.status === 0) throw new Error(`the push of ${label} was not blocked`);
      if (argv.includes('--show') && label === 'default') process.stdout.write(`${run.text}\n`);
      return [label, findingsOf(run.text), run.lines];
    });
    printTable(['report', 'findings', 'lines'], rows, new Set([1, 2]));
    return BENCH_EXIT.ok;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

runAsEntry(main, { label: 'reportLines' });
