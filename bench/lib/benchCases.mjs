// @ts-check
// The commands run.mjs measures, a list of cases per group (small commit, big commit, history,
// working tree): each names its tool, how it runs, what its run must show, and where its report
// says the planted keys are.
import { join } from 'node:path';
import { measure, WORK } from './common.mjs';
import { exitZero, firstLines, jsonCheck, jsonPlanted, secretlintExit, secretlintPlanted } from './checks.mjs';
import { PLANTS } from './fakes.mjs';
import { reportedCount, SMALL_PLANT, smallCommitCases } from '../precommit.mjs';

/** @typedef {import('./types.js').Artefacts} Artefacts */
/** @typedef {import('./types.js').BenchCase} BenchCase */
/** @typedef {import('./types.js').Measurement} Measurement */
/** @typedef {import('./types.js').Secretlint} Secretlint */
/**
 * How the cases run: the CLI snapshot, the environments, and the runs per case.
 * @typedef {{ cli: string, env: NodeJS.ProcessEnv, treeEnv: NodeJS.ProcessEnv, smallRuns: number, bigRuns: number, warmups: number, lintRuns: number, lintTimeout: number }} CaseSettings
 */

/**
 * Every case of the groups `artefacts` holds, in the order the table shows them.
 * @param {Artefacts} artefacts
 * @param {CaseSettings} settings
 * @returns {BenchCase[]}
 */
export function buildCases(artefacts, settings) {
  return [
    ...smallCases(artefacts, settings),
    ...bigCases(artefacts, settings),
    ...historyCases(artefacts, settings),
    ...treeCases(artefacts, settings),
  ];
}

/**
 * secretlint's arguments: the recommended preset's rc file and the unix formatter, then `extra`.
 * @param {Secretlint} secretlint
 * @param {readonly string[]} extra
 */
function lintArgs(secretlint, extra) {
  return ['--secretlintrc', secretlint.rc, '--format', 'unix', ...extra];
}

/**
 * A secretlint case of `group`: its output checked for the planted keys.
 * @param {Secretlint} secretlint
 * @param {{ group: BenchCase['group'], name: string, cwd: string, args: readonly string[], planted: readonly import('./types.js').Planted[], runs: number, warmups: number, countCheckRun?: boolean }} spec
 * @param {CaseSettings} settings
 * @returns {BenchCase}
 */
function secretlintCase(secretlint, { group, name, cwd, args, planted, runs, warmups, countCheckRun }, settings) {
  return {
    group,
    key: 'secretlint',
    name,
    tool: 'secretlint',
    runs,
    warmups,
    ...(countCheckRun ? { countCheckRun } : {}),
    run: () => measure(secretlint.bin, lintArgs(secretlint, args), { cwd, env: settings.env, timeoutSeconds: settings.lintTimeout }),
    check: secretlintExit,
    planted: (r) => secretlintPlanted(r, planted),
  };
}

/**
 * The small commit: precommit.mjs's cases, and secretlint on the five staged paths.
 * @param {Artefacts} artefacts
 * @param {CaseSettings} settings
 * @returns {BenchCase[]}
 */
function smallCases({ small, secretlint }, settings) {
  if (!small) return [];
  const { cli, env, smallRuns: runs, warmups } = settings;
  /** @type {BenchCase[]} */
  const cases = smallCommitCases({ cli, env, repos: small }).map((c) => ({ ...c, group: 'small', runs, warmups }));
  if (secretlint) {
    const mailjet = {
      plant: /** @type {import('./types.js').Plant} */ (PLANTS.find((plant) => plant.id === 'mailjet')),
      file: SMALL_PLANT.file,
    };
    const spec = {
      group: /** @type {const} */ ('small'),
      name: 'secretlint on the 5 staged paths',
      cwd: small.leaky,
      args: ['--no-glob', ...small.paths],
      planted: [mailjet],
      runs,
      warmups,
    };
    cases.push(secretlintCase(secretlint, spec, settings));
  }
  return cases;
}

/**
 * The big commit: its floor, leakgate pre-commit (exit 1, every planted key counted), secretlint.
 * @param {Artefacts} artefacts
 * @param {CaseSettings} settings
 * @returns {BenchCase[]}
 */
function bigCases({ big, secretlint }, settings) {
  if (!big) return [];
  const { cli, env, bigRuns: runs } = settings;
  /** @param {Measurement} r */
  const blocksEveryKey = (r) => {
    if (r.status !== 1) return `exited ${r.status} (expected 1): ${firstLines(r)}`;
    const count = reportedCount(r.stdout + r.stderr);
    return count !== undefined && count >= big.planted.length
      ? undefined
      : `reported ${count ?? 'no'} secrets (expected at least ${big.planted.length})`;
  };
  /** @type {BenchCase[]} */
  const cases = [
    {
      group: 'big',
      key: 'floor',
      name: 'git diff --cached -U0 > /dev/null',
      tool: 'floor',
      runs,
      warmups: 0,
      run: () => measure('git', ['diff', '--cached', '-U0'], { cwd: big.dir, env, stdout: 'null' }),
      check: exitZero,
    },
    {
      group: 'big',
      key: 'leakgate',
      name: 'leakgate pre-commit',
      tool: 'leakgate',
      runs,
      warmups: 0,
      run: () => measure('node', [cli, 'pre-commit'], { cwd: big.dir, env }),
      check: blocksEveryKey,
    },
  ];
  if (secretlint) {
    const spec = {
      group: /** @type {const} */ ('big'),
      name: `secretlint on the ${big.files} staged paths`,
      cwd: big.dir,
      args: ['--no-glob', ...big.paths],
      planted: big.planted,
    };
    cases.push(secretlintCase(secretlint, { ...spec, runs: settings.lintRuns, warmups: 0, countCheckRun: true }, settings));
  }
  return cases;
}

/**
 * The history: its floor and leakgate scan --history (secretlint has no history mode).
 * @param {Artefacts} artefacts
 * @param {CaseSettings} settings
 * @returns {BenchCase[]}
 */
function historyCases({ history }, { cli, env, bigRuns: runs }) {
  if (!history) return [];
  const out = join(WORK, 'history-report.json');
  return [
    {
      group: 'history',
      key: 'floor',
      name: 'git log -p --all > /dev/null',
      tool: 'floor',
      runs,
      warmups: 0,
      run: () => measure('git', ['log', '-p', '--all'], { cwd: history.dir, env, stdout: 'null' }),
      check: exitZero,
    },
    {
      group: 'history',
      key: 'leakgate',
      name: 'leakgate scan --history',
      tool: 'leakgate',
      runs,
      warmups: 0,
      run: () => measure('node', [cli, 'scan', '--history', '--format', 'json'], { cwd: history.dir, env, stdout: out }),
      check: (r) => jsonCheck(r, out, history.planted),
      planted: () => jsonPlanted(out, history.planted),
    },
  ];
}

/**
 * The working tree: leakgate scan . and secretlint "**\/*" over the whole corpus.
 * @param {Artefacts} artefacts
 * @param {CaseSettings} settings
 * @returns {BenchCase[]}
 */
function treeCases({ tree, secretlint }, settings) {
  if (!tree) return [];
  const out = join(WORK, 'tree-report.json');
  /** @type {BenchCase[]} */
  const cases = [
    {
      group: 'tree',
      key: 'leakgate',
      name: 'leakgate scan .',
      tool: 'leakgate',
      runs: settings.bigRuns,
      warmups: 0,
      run: () => measure('node', [settings.cli, 'scan', '.', '--format', 'json'], { cwd: tree.dir, env: settings.treeEnv, stdout: out }),
      check: (r) => jsonCheck(r, out, tree.planted),
      planted: () => jsonPlanted(out, tree.planted),
    },
  ];
  if (secretlint) {
    const spec = { group: /** @type {const} */ ('tree'), name: 'secretlint "**/*"', cwd: tree.dir, args: ['**/*'], planted: tree.planted };
    cases.push(secretlintCase(secretlint, { ...spec, runs: settings.lintRuns, warmups: 0, countCheckRun: true }, settings));
  }
  return cases;
}
