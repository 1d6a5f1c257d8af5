// @ts-check
// run.mjs's report: the one table (a row per measured command, medians, MB/s, peak RSS, ratios to
// the floor and to secretlint, planted keys, a verdict against each target), then where each
// planted key was found, and the closing line. A verdict is "ok" or "MISS"; a missing planted key
// or a problem, not a missed target, makes the bench exit non-zero.
import { BENCH_EXIT, MB, median, printTable } from './common.mjs';

/** @typedef {import('./types.js').Artefacts} Artefacts */
/** @typedef {import('./types.js').Group} Group */
/** @typedef {import('./types.js').MeasuredCase} MeasuredCase */
/** @typedef {import('./types.js').PlantedByGroup} PlantedByGroup */
/** @typedef {import('./types.js').Stat} Stat */
/** @typedef {import('./types.js').Tool} Tool */
/** @typedef {import('./common.mjs').Cell} Cell */
/** @typedef {{ bytes?: number, floor?: Stat | undefined, lint?: Stat | undefined, verdict?: string, plantedText?: string }} RowOptions */

export const TARGETS = {
  hookVsNode: 1.5,
  bigVsFloor: 2.5,
  bigRssMB: 250,
  historyVsFloor: 1.5,
  treeMBps: 50,
  vsSecretlint: 4,
};

const HEADER = ['case', 'tool', 'runs', 'median', 'MB/s', 'peak RSS MB', '× floor', 'vs secretlint', 'planted keys', 'verdict'];
const RIGHT_ALIGNED = new Set([2, 3, 4, 5, 6, 7]);

/** @param {number} ms */
function fmtMs(ms) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/**
 * @param {number | undefined} bytes
 * @param {number} ms
 */
function mbps(bytes, ms) {
  return bytes && ms > 0 ? (bytes / MB / (ms / 1000)).toFixed(1) : '';
}

/**
 * One row of the table; `s` undefined: the case failed.
 * @param {string} name
 * @param {Tool} tool
 * @param {Stat | undefined} s
 * @param {RowOptions} [options]
 * @returns {Cell[]}
 */
function row(name, tool, s, { bytes, floor, lint, verdict = '', plantedText = '' } = {}) {
  return [
    name,
    tool,
    s ? String(s.runs) : '',
    s ? `${s.timedOut ? '>' : ''}${fmtMs(s.ms)}` : 'failed',
    s ? mbps(bytes, s.ms) : '',
    s && Number.isFinite(s.rssMB) ? s.rssMB.toFixed(0) : '',
    s && floor ? `${(s.ms / floor.ms).toFixed(2)}×` : '',
    s && lint ? `${lint.timedOut ? '>' : ''}${(lint.ms / s.ms).toFixed(1)}× faster` : '',
    plantedText,
    verdict,
  ];
}

/** The rows as they are added, and every verdict given. */
class SummaryTable {
  /**
   * @param {readonly MeasuredCase[]} cases
   * @param {PlantedByGroup} planted
   */
  constructor(cases, planted) {
    this.cases = cases;
    this.planted = planted;
    /** @type {(Cell[] | null)[]} */
    this.rows = [];
    /** @type {boolean[]} */
    this.verdicts = [];
  }

  /**
   * The median and peak RSS of a case, or undefined when it has no samples (it failed).
   * @param {Group} group
   * @param {string} key
   * @returns {Stat | undefined}
   */
  stat(group, key) {
    const c = this.cases.find((item) => item.group === group && item.key === key);
    return c?.samples.length
      ? { ms: median(c.samples), rssMB: Math.max(...c.rss) / 1024, runs: c.samples.length, timedOut: c.timedOut }
      : undefined;
  }

  /**
   * @param {string} label
   * @param {boolean} ok
   */
  judge(label, ok) {
    this.verdicts.push(ok);
    return `${ok ? 'ok' : 'MISS'} ${label}`;
  }

  /**
   * "OK 5/5" for leakgate; for secretlint the count and how many its preset has a rule for.
   * @param {Group} group
   * @param {Tool} tool
   */
  plantedCell(group, tool) {
    const list = this.planted[group]?.[tool];
    if (!list) return '';
    const found = list.filter((entry) => entry.found).length;
    if (tool === 'secretlint') {
      const ruled = list.filter((entry) => entry.plant.secretlint).length;
      return `${found}/${list.length} (${ruled} in preset)`;
    }
    return `${found === list.length ? 'OK' : 'MISSING'} ${found}/${list.length}`;
  }

  /** A row with only its first cell: printed as is. @param {string} text */
  heading(text) {
    this.rows.push([text, '', '', '', '', '', '', '', '', '']);
  }

  separator() {
    this.rows.push(null);
  }

  /**
   * @param {string} name
   * @param {Tool} tool
   * @param {Stat | undefined} s
   * @param {RowOptions} [options]
   */
  add(name, tool, s, options) {
    this.rows.push(row(name, tool, s, options));
  }
}

/**
 * Prints the table of every group measured; returns the verdicts (true: target met).
 * @param {Artefacts} artefacts
 * @param {readonly MeasuredCase[]} cases
 * @param {PlantedByGroup} planted
 */
export function printSummaryTable(artefacts, cases, planted) {
  const table = new SummaryTable(cases, planted);
  const { small, big, history, tree, secretlint } = artefacts;
  if (small) smallRows(table, small, Boolean(secretlint));
  if (big) bigRows(table, big, Boolean(secretlint));
  if (history) historyRows(table, history, artefacts.patchBytes);
  if (tree) treeRows(table, tree, Boolean(secretlint));
  printTable(HEADER, table.rows, RIGHT_ALIGNED);
  return table.verdicts;
}

/**
 * The small commit. A passing commit runs two hooks, pre-commit and commit-msg, each a Node
 * start: the target holds per hook (each ≤1.5× node -e 0); both together are shown beside it.
 * @param {SummaryTable} table
 * @param {import('./types.js').SmallRepos} small
 * @param {boolean} withSecretlint
 */
function smallRows(table, small, withSecretlint) {
  const [node, noVerify, passes, preOnly, blocked, alone, lint] = [
    'node',
    'noVerify',
    'passes',
    'preOnly',
    'blocked',
    'alone',
    'secretlint',
  ].map((key) => table.stat('small', key));
  /** @type {(label: string, ms: number, runs: number) => void} */
  const perHook = (label, ms, runs) => {
    const verdict = table.judge(`≤${TARGETS.hookVsNode}× node`, ms / (node?.ms ?? NaN) <= TARGETS.hookVsNode);
    table.add(`    = ${label}`, 'leakgate', { ms, runs, rssMB: NaN, timedOut: false }, { floor: node, verdict });
  };
  table.heading(`small commit: ${small.files} files, ${small.lines} added lines, 1 key`);
  table.add('  node -e 0', 'floor', node);
  table.add('  git commit --no-verify', 'git', noVerify, { floor: node });
  table.add('  git commit + hooks (passes)', 'leakgate', passes, { floor: node });
  if (passes && noVerify && node) {
    table.add(
      '    = both hooks (passes)',
      'leakgate',
      { ms: passes.ms - noVerify.ms, runs: passes.runs, rssMB: NaN, timedOut: false },
      { floor: node },
    );
    if (preOnly) {
      perHook('pre-commit hook (passes)', preOnly.ms - noVerify.ms, preOnly.runs);
      perHook('commit-msg hook (passes)', passes.ms - preOnly.ms, passes.runs);
    }
  }
  table.add('  git commit + hook (key, blocked)', 'leakgate', blocked, {
    floor: node,
    plantedText: table.plantedCell('small', 'leakgate'),
  });
  if (blocked && noVerify && node) perHook('pre-commit hook (key, blocked)', blocked.ms - noVerify.ms, blocked.runs);
  const verdict = alone && lint ? table.judge(`≥${TARGETS.vsSecretlint}× secretlint`, lint.ms / alone.ms >= TARGETS.vsSecretlint) : '';
  table.add('  leakgate pre-commit alone (key)', 'leakgate', alone, { floor: node, lint, verdict });
  if (withSecretlint)
    table.add('  secretlint, 5 staged paths', 'secretlint', lint, { floor: node, plantedText: table.plantedCell('small', 'secretlint') });
}

/**
 * The big commit: time against the floor, peak RSS, and against secretlint.
 * @param {SummaryTable} table
 * @param {import('./types.js').BigCommit} big
 * @param {boolean} withSecretlint
 */
function bigRows(table, big, withSecretlint) {
  const floor = table.stat('big', 'floor');
  const lg = table.stat('big', 'leakgate');
  const lint = table.stat('big', 'secretlint');
  table.separator();
  table.heading(`big commit: ${big.files} files, ${(big.bytes / MB).toFixed(1)} MB staged, ${big.planted.length} keys`);
  table.add('  git diff --cached -U0', 'floor', floor, { bytes: big.bytes });
  const checks = [];
  if (lg && floor) checks.push(table.judge(`≤${TARGETS.bigVsFloor}× floor`, lg.ms / floor.ms <= TARGETS.bigVsFloor));
  if (lg) checks.push(table.judge(`≤${TARGETS.bigRssMB} MB`, lg.rssMB <= TARGETS.bigRssMB));
  if (lg && lint) checks.push(table.judge(`≥${TARGETS.vsSecretlint}× secretlint`, lint.ms / lg.ms >= TARGETS.vsSecretlint));
  table.add('  leakgate pre-commit', 'leakgate', lg, {
    bytes: big.bytes,
    floor,
    lint,
    verdict: checks.join(', '),
    plantedText: table.plantedCell('big', 'leakgate'),
  });
  if (withSecretlint)
    table.add(`  secretlint, ${big.files} staged paths`, 'secretlint', lint, {
      bytes: big.bytes,
      floor,
      plantedText: table.plantedCell('big', 'secretlint'),
    });
}

/**
 * The history: time against git log -p --all; secretlint has no history mode.
 * @param {SummaryTable} table
 * @param {import('./types.js').History} history
 * @param {number} patchBytes
 */
function historyRows(table, history, patchBytes) {
  const floor = table.stat('history', 'floor');
  const lg = table.stat('history', 'leakgate');
  table.separator();
  table.heading(
    `history: ${history.commits} commits (${history.merges} merges), ${(patchBytes / MB).toFixed(1)} MB of patch text, ${history.planted.length} keys (1 removed later)`,
  );
  table.add('  git log -p --all', 'floor', floor, { bytes: patchBytes });
  const verdict = lg && floor ? table.judge(`≤${TARGETS.historyVsFloor}× floor`, lg.ms / floor.ms <= TARGETS.historyVsFloor) : '';
  table.add('  leakgate scan --history', 'leakgate', lg, {
    bytes: patchBytes,
    floor,
    verdict,
    plantedText: table.plantedCell('history', 'leakgate'),
  });
  table.rows.push(['  secretlint', 'secretlint', '', 'n/a', '', '', '', '', '', 'no history mode']);
}

/**
 * The working tree: throughput, and against secretlint.
 * @param {SummaryTable} table
 * @param {import('./types.js').TreeCase} tree
 * @param {boolean} withSecretlint
 */
function treeRows(table, tree, withSecretlint) {
  const lg = table.stat('tree', 'leakgate');
  const lint = table.stat('tree', 'secretlint');
  table.separator();
  table.heading(`working tree: ${tree.files} files, ${(tree.bytes / MB).toFixed(1)} MB, ${tree.planted.length} keys`);
  const checks = [];
  if (lg) checks.push(table.judge(`≥${TARGETS.treeMBps} MB/s`, tree.bytes / MB / (lg.ms / 1000) >= TARGETS.treeMBps));
  if (lg && lint) checks.push(table.judge(`≥${TARGETS.vsSecretlint}× secretlint`, lint.ms / lg.ms >= TARGETS.vsSecretlint));
  table.add('  leakgate scan .', 'leakgate', lg, {
    bytes: tree.bytes,
    lint,
    verdict: checks.join(', '),
    plantedText: table.plantedCell('tree', 'leakgate'),
  });
  if (withSecretlint)
    table.add('  secretlint "**/*"', 'secretlint', lint, { bytes: tree.bytes, plantedText: table.plantedCell('tree', 'secretlint') });
}

/**
 * Where each planted key was found: rule ids, files and lines only, never the value.
 * @param {PlantedByGroup} planted
 * @param {import('./types.js').History | undefined} history
 */
export function printPlantedKeys(planted, history) {
  for (const [group, byTool] of Object.entries(planted)) {
    for (const [tool, list] of Object.entries(byTool)) {
      for (const entry of list) {
        const where = entry.found
          ? `line ${entry.line ?? '?'}`
          : entry.wrongCommit
            ? `found but attributed to commit ${entry.wrongCommit.slice(0, 10)}`
            : 'NOT FOUND';
        const marker = entry.found ? 'OK     ' : tool === 'secretlint' ? (entry.plant.secretlint ? 'missed ' : 'no rule') : 'MISSING';
        console.log(
          `${marker} ${group.padEnd(7)} ${tool.padEnd(10)} ${entry.plant.what.padEnd(38)} ${entry.file}${entry.commit ? ` @${entry.commit.slice(0, 10)}` : ''}  ${where}`,
        );
      }
    }
  }
  if (history)
    console.log(
      `(history: the ${history.removed.plant} key was removed again in commit ${history.removed.commit.slice(0, 10)}; it must still be reported, attributed to the commit that added it)`,
    );
}

/**
 * The problems, the secretlint notes and the closing line; returns the exit code: non-zero when
 * leakgate missed a planted key or a leakgate or floor run failed.
 * @param {import('./measureCases.mjs').Outcome} outcome
 * @param {readonly boolean[]} verdicts
 */
export function printClosing({ planted, problems, notes }, verdicts) {
  const missing = Object.values(planted)
    .flatMap((byTool) => byTool.leakgate ?? [])
    .filter((entry) => !entry.found);
  console.log('');
  for (const problem of problems) console.log(`PROBLEM: ${problem}`);
  for (const note of notes) console.log(`note (secretlint): ${note}`);
  const misses = verdicts.filter((ok) => !ok).length;
  console.log(
    `${missing.length ? `${missing.length} planted key(s) MISSING` : 'every planted key found'}; ${verdicts.length - misses}/${verdicts.length} targets met${problems.length ? `; ${problems.length} problem(s)` : ''}.`,
  );
  return missing.length || problems.length ? BENCH_EXIT.failed : BENCH_EXIT.ok;
}
