#!/usr/bin/env node
// @ts-check
// npm run bench:floors: what the speed targets of `npm run bench` leave to leakgate's own work,
// measured part by part on this machine, so a missed target can be told apart from an
// impossible one (bench/NOTES.md, "Floors").
//
// The hook (the small commit of run.mjs, its real installed hooks), medians of interleaved rounds:
//   node -e 0                          the floor the hook targets are counted in
//   start-up                           node + the bundle from V8's code cache, nothing judged
//                                      (`LEAKGATE=0 node leakgate.js pre-commit` returns at once)
//   one v2 fingerprint                 node + node:crypto + one scrypt with leakgate's parameters
//   pre-commit hook, passing / blocked the hook leakgate install wrote, run alone
// The history (run.mjs's history repository):
//   git log -p --all                   the floor the history target is counted in (wall, CPU)
//   git's part of a scan               the three git processes of `scan --history`, run alone (CPU)
//   the detector, first / second pass  the shipped detector over the history's added files, in
//                                      this process, texts already in memory (wall, CPU of all threads)
//
//   node bench/floors.mjs [--runs N] [--only hook,history]
import { join } from 'node:path';
import {
  BENCH_EXIT,
  cleanEnv,
  listOption,
  measure,
  median,
  numberOption,
  printTable,
  rejectUnknownOptions,
  runAsEntry,
  snapshotCli,
  WORK,
} from './lib/common.mjs';
import { ensureCorpus, ensureHistory } from './lib/setup.mjs';
import { detectorPasses, historyAdds, historyTexts } from './lib/historyTexts.mjs';
import { shippedDetector } from './lib/shippedDetector.mjs';
import { prepareSmallCommit } from './precommit.mjs';

const USAGE = 'usage: node bench/floors.mjs [--runs N] [--only hook,history]';
/** The v2 fingerprint's scrypt (src/detect/fingerprint.ts). */
const SCRYPT = "require('node:crypto').scryptSync('a-secret','leakgate fingerprint v2\\0rule',8,{N:2048,r:8,p:1})";

/** @typedef {{ wall: number, cpu: number }} Cost */

/** @param {string[]} argv */
async function main(argv = process.argv.slice(2)) {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return BENCH_EXIT.ok;
  }
  rejectUnknownOptions(argv, { flags: ['--help'], valued: ['--runs', '--only'], usage: USAGE });
  const runs = numberOption(argv, '--runs', 21, 3);
  const only = new Set(listOption(argv, '--only', ['hook', 'history']));
  const cli = snapshotCli('leakgate-build-floors');
  if (only.has('hook')) hookFloors(cli, runs);
  if (only.has('history')) historyFloors(Math.max(3, Math.round(runs / 4)));
  return BENCH_EXIT.ok;
}

/**
 * A command's wall and CPU time (its children included), as run.mjs measures its cases.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, input?: string }} options
 * @returns {Cost}
 */
function cost(command, args, options) {
  const run = measure(command, args, { ...options, stdout: 'null' });
  return { wall: run.ms, cpu: run.cpuMs };
}

/**
 * @param {string} cli
 * @param {number} runs
 */
function hookFloors(cli, runs) {
  const env = cleanEnv();
  const repos = prepareSmallCommit(join(WORK, 'floors-small'), cli, env);
  const hook = join('.git', 'hooks', 'pre-commit');
  /** @type {[string, string, string[], string, NodeJS.ProcessEnv?][]} */
  const cases = [
    ['node -e 0', 'node', ['-e', '0'], repos.clean],
    ['start-up (bundle from code cache, nothing judged)', 'node', [cli, 'pre-commit'], repos.clean, { ...env, LEAKGATE: '0' }],
    ['node + one v2 fingerprint (scrypt)', 'node', ['-e', SCRYPT], repos.clean],
    ['pre-commit hook, passing', hook, [], repos.clean],
    ['pre-commit hook, blocked', hook, [], repos.leaky],
  ];
  // Two untimed rounds: the hooks write V8's code cache on their first runs.
  const times = cases.map(() => /** @type {number[]} */ ([]));
  for (let round = -2; round < runs; round++) {
    cases.forEach(([, command, args, cwd, caseEnv], index) => {
      const { wall } = cost(command, args, { cwd, env: caseEnv ?? env });
      if (round >= 0) times[index]?.push(wall);
    });
  }
  const [node = NaN, startUp = NaN, scrypt = NaN, passing = NaN, blocked = NaN] = times.map((samples) => median(samples));
  printTable(
    ['the hook (medians of ' + runs + ')', 'ms', '× node -e 0'],
    cases.map(([name], index) => {
      const ms = median(times[index] ?? []);
      return [name, ms.toFixed(1), (ms / node).toFixed(2)];
    }),
    new Set([1, 2]),
  );
  const budget = 1.5 * node;
  console.log(
    `\n1.5 × node -e 0 = ${budget.toFixed(1)} ms. Start-up takes ${(startUp - node).toFixed(1)} ms of the ${(budget - node).toFixed(1)} above node;`,
  );
  console.log(
    `a fingerprint ${(scrypt - node).toFixed(1)} ms. A blocked hook then has ${(budget - startUp - (scrypt - node)).toFixed(1)} ms for git, config,`,
  );
  console.log(`detection and the report; the passing hook's own work (passing − start-up) is ${(passing - startUp).toFixed(1)} ms,`);
  console.log(`and the blocked one's ${(blocked - startUp).toFixed(1)} ms.\n`);
}

/** @param {number} runs */
function historyFloors(runs) {
  const env = cleanEnv();
  const history = ensureHistory(ensureCorpus());
  const cwd = history.dir;
  const { shas, added } = historyAdds(cwd, env);
  const blobInput = `${added.map((file) => file.blob).join('\n')}\n`;
  const rows = [];
  const logCosts = repeat(runs, () => cost('git', ['log', '-p', '--all'], { cwd, env }));
  rows.push(['git log -p --all', ...format(logCosts)]);
  const gitCosts = repeat(runs, () =>
    sum([
      cost('git', ['diff-tree', '--stdin', '--always', '--root', '-r', '--cc', '--raw', '-z', '--no-abbrev', '-M'], {
        cwd,
        env,
        input: shas,
      }),
      cost(
        'git',
        ['diff-tree', '--stdin', '--always', '--root', '-r', '--raw', '-z', '--no-abbrev', '-M', '-p', '-U0', '--diff-filter=CMRT'],
        { cwd, env, input: shas },
      ),
      cost('git', ['cat-file', '--batch', '--buffer'], { cwd, env, input: blobInput }),
    ]),
  );
  rows.push(["git's three processes of a scan, one after another", ...format(gitCosts)]);
  const texts = historyTexts(cwd, env, added);
  const [first, second] = detectorPasses(shippedDetector(), texts);
  rows.push([`the detector's first pass (${texts.length} added files, in memory)`, first.wall.toFixed(0), first.cpu.toFixed(0)]);
  rows.push(['the same detector, second pass', second.wall.toFixed(0), second.cpu.toFixed(0)]);
  printTable(['the history (medians of ' + runs + ')', 'wall ms', 'CPU ms'], rows, new Set([1, 2]));
  const log = median(logCosts.map((c) => c.wall));
  console.log(`\n1.5 × git log -p --all = ${(1.5 * log).toFixed(0)} ms. The detector's first pass alone, on one thread with the`);
  console.log(
    `texts in memory, is ${(first.wall / log).toFixed(2)}× git log (${(second.wall / log).toFixed(2)}× on a second pass, once V8 has compiled it).`,
  );
}

/**
 * @param {number} runs
 * @param {() => Cost} measureOnce
 */
function repeat(runs, measureOnce) {
  return Array.from({ length: runs }, measureOnce);
}

/** @param {readonly Cost[]} costs */
function sum(costs) {
  return costs.reduce((total, c) => ({ wall: total.wall + c.wall, cpu: total.cpu + c.cpu }), { wall: 0, cpu: 0 });
}

/** @param {readonly Cost[]} costs */
function format(costs) {
  return [median(costs.map((c) => c.wall)).toFixed(0), median(costs.map((c) => c.cpu)).toFixed(0)];
}

runAsEntry(main, { label: 'bench:floors' });
