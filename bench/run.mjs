#!/usr/bin/env node
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
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, exec, git, listOption, snapshotCli, log, MB, measure, median, numberOption, PACKAGE_ROOT, printTable, WORK } from './lib/common.mjs';
import { matchPlanted, PLANTS } from './lib/fakes.mjs';
import { ensureBigCommit, ensureCorpus, ensureHistory, ensureSecretlint, ensureTree, NPM_BEFORE } from './lib/setup.mjs';
import { prepareSmallCommit, reportedCount, SMALL_PLANT, smallCommitCases } from './precommit.mjs';

const TARGETS = {
  hookVsNode: 1.5,
  bigVsFloor: 2.5,
  bigRssMB: 250,
  historyVsFloor: 1.5,
  treeMBps: 50,
  vsSecretlint: 4,
};

export async function main(argv = process.argv.slice(2)) {
  const smallRuns = numberOption(argv, '--runs', 15, 1);
  const bigRuns = numberOption(argv, '--runs', 5, 1);
  const warmups = numberOption(argv, '--warmup', 2, 0);
  const only = new Set(listOption(argv, '--only', ['small', 'big', 'history', 'tree']));
  const withSecretlint = !argv.includes('--no-secretlint');
  // secretlint needs minutes on the big cases: one run by default (the check run is the sample).
  const lintRuns = numberOption(argv, '--secretlint-runs', argv.includes('--runs') ? bigRuns : 1, 1);
  const lintTimeout = numberOption(argv, '--secretlint-timeout', 1800, 1);
  const cli = snapshotCli();
  const env = cleanEnv();
  mkdirSync(WORK, { recursive: true });
  const problems = []; // leakgate or floor failures: the bench exits non-zero
  const notes = []; // secretlint failures: reported, not fatal
  const record = (c, result) => {
    c.samples.push(result.ms);
    c.rss.push(result.rssKB);
    if (result.timedOut) c.timedOut = true;
  };
  const load0 = loadavg()[0];

  // ---- build (or reuse) what the cases read
  const needCorpus = only.has('big') || only.has('history') || only.has('tree');
  const corpus = needCorpus ? ensureCorpus() : undefined;
  const secretlint = withSecretlint ? ensureSecretlint() : undefined;
  const tree = only.has('tree') ? ensureTree(corpus) : undefined;
  const big = only.has('big') ? ensureBigCommit(corpus) : undefined;
  const history = only.has('history') ? ensureHistory(corpus) : undefined;
  const small = only.has('small') ? prepareSmallCommit(join(WORK, 'small'), cli, env) : undefined;
  const patchBytes = history ? countBytes('git', ['log', '-p', '--all'], history.dir, env) : 0;
  const treeEnv = cleanEnv({ GIT_CEILING_DIRECTORIES: WORK }); // the tree folder is inside this repository: scan it as a plain folder

  // ---- the cases: { group, key, name, tool, runs, warmups, run(), after?(), check(result) → problem?, planted?(result) }
  const cases = [];
  const lintArgs = (extra) => ['--secretlintrc', secretlint.rc, '--format', 'unix', ...extra];
  if (small) {
    for (const c of smallCommitCases({ cli, env, repos: small })) cases.push({ ...c, group: 'small', tool: c.key === 'node' ? 'floor' : c.key === 'alone' || c.key === 'passes' || c.key === 'preOnly' || c.key === 'blocked' ? 'leakgate' : 'git', runs: smallRuns, warmups });
    if (secretlint) {
      cases.push({
        group: 'small',
        key: 'secretlint',
        name: 'secretlint on the 5 staged paths',
        tool: 'secretlint',
        runs: smallRuns,
        warmups,
        run: () => measure(secretlint.bin, lintArgs(['--no-glob', ...small.paths]), { cwd: small.leaky, env, timeoutSeconds: lintTimeout }),
        check: secretlintExit,
        planted: (r) => secretlintPlanted(r, [{ plant: PLANTS.find((plant) => plant.id === 'mailjet'), file: SMALL_PLANT.file }]),
      });
    }
  }
  if (big) {
    cases.push({ group: 'big', key: 'floor', name: 'git diff --cached -U0 > /dev/null', tool: 'floor', runs: bigRuns, warmups: 0, run: () => measure('git', ['diff', '--cached', '-U0'], { cwd: big.dir, env, stdout: 'null' }), check: exitZero });
    cases.push({
      group: 'big',
      key: 'leakgate',
      name: 'leakgate pre-commit',
      tool: 'leakgate',
      runs: bigRuns,
      warmups: 0,
      run: () => measure('node', [cli, 'pre-commit'], { cwd: big.dir, env }),
      check: (r) => {
        if (r.status !== 1) return `exited ${r.status} (expected 1): ${firstLines(r)}`;
        const count = reportedCount(r.stdout + r.stderr);
        return count !== undefined && count >= big.planted.length ? undefined : `reported ${count ?? 'no'} secrets (expected at least ${big.planted.length})`;
      },
    });
    if (secretlint) {
      cases.push({
        group: 'big',
        key: 'secretlint',
        name: `secretlint on the ${big.files} staged paths`,
        tool: 'secretlint',
        runs: lintRuns,
        warmups: 0,
        countCheckRun: true,
        run: () => measure(secretlint.bin, lintArgs(['--no-glob', ...big.paths]), { cwd: big.dir, env, timeoutSeconds: lintTimeout }),
        check: secretlintExit,
        planted: (r) => secretlintPlanted(r, big.planted),
      });
    }
  }
  if (history) {
    const out = join(WORK, 'history-report.json');
    cases.push({ group: 'history', key: 'floor', name: 'git log -p --all > /dev/null', tool: 'floor', runs: bigRuns, warmups: 0, run: () => measure('git', ['log', '-p', '--all'], { cwd: history.dir, env, stdout: 'null' }), check: exitZero });
    cases.push({
      group: 'history',
      key: 'leakgate',
      name: 'leakgate scan --history',
      tool: 'leakgate',
      runs: bigRuns,
      warmups: 0,
      run: () => measure('node', [cli, 'scan', '--history', '--format', 'json'], { cwd: history.dir, env, stdout: out }),
      check: (r) => jsonCheck(r, out, history.planted),
      planted: () => jsonPlanted(out, history.planted),
    });
  }
  if (tree) {
    const out = join(WORK, 'tree-report.json');
    cases.push({
      group: 'tree',
      key: 'leakgate',
      name: 'leakgate scan .',
      tool: 'leakgate',
      runs: bigRuns,
      warmups: 0,
      run: () => measure('node', [cli, 'scan', '.', '--format', 'json'], { cwd: tree.dir, env: treeEnv, stdout: out }),
      check: (r) => jsonCheck(r, out, tree.planted),
      planted: () => jsonPlanted(out, tree.planted),
    });
    if (secretlint) {
      cases.push({
        group: 'tree',
        key: 'secretlint',
        name: 'secretlint "**/*"',
        tool: 'secretlint',
        runs: lintRuns,
        warmups: 0,
        countCheckRun: true,
        run: () => measure(secretlint.bin, lintArgs(['**/*']), { cwd: tree.dir, env, timeoutSeconds: lintTimeout }),
        check: secretlintExit,
        planted: (r) => secretlintPlanted(r, tree.planted),
      });
    }
  }

  // ---- one untimed check run of each case (a warm-up for the big ones), planted keys identified
  const planted = {};
  const stagedJson = (cwd, expected) => {
    const r = exec('node', [cli, 'scan', '--staged', '--format', 'json'], cwd, env);
    try {
      return matchPlanted(JSON.parse(r.stdout).findings, expected);
    } catch {
      problems.push(`leakgate scan --staged exited ${r.status} without a JSON report: ${firstLines(r)}`);
      return expected.map((entry) => ({ ...entry, found: false }));
    }
  };
  if (small) planted.small = { leakgate: stagedJson(small.leaky, [{ plant: { ...PLANTS.find((plant) => plant.id === 'mailjet'), leakgate: SMALL_PLANT.rules }, file: SMALL_PLANT.file }]) };
  if (big) planted.big = { leakgate: stagedJson(big.dir, big.planted) };
  for (const c of cases) {
    log(`check run: ${c.group} / ${c.name}`);
    const result = c.run();
    if (c.after) c.after(result);
    const problem = c.check(result);
    if (problem) (c.tool === 'secretlint' ? notes : problems).push(`${c.group} / ${c.name}: ${problem}`);
    if (c.planted) (planted[c.group] ??= {})[c.tool] = c.planted(result);
    c.samples = [];
    c.rss = [];
    c.failed = Boolean(problem);
    c.rounds = c.runs + c.warmups - (c.countCheckRun ? 1 : 0);
    if (c.countCheckRun && !problem) record(c, result);
  }

  // ---- timed runs, interleaved round by round so that drift hits every case alike
  const rounds = Math.max(...cases.map((c) => c.rounds), 0);
  for (let round = 0; round < rounds; round++) {
    log(`round ${round + 1}/${rounds}`);
    for (const c of cases) {
      if (round >= c.rounds || c.failed) continue;
      const result = c.run();
      if (c.after) c.after(result);
      const problem = c.check(result);
      if (problem) {
        (c.tool === 'secretlint' ? notes : problems).push(`${c.group} / ${c.name} (run ${round + 1}): ${problem}`);
        c.failed = true;
        continue;
      }
      if (round >= c.warmups) record(c, result);
    }
  }

  // ---- the table
  const stat = (group, key) => {
    const c = cases.find((item) => item.group === group && item.key === key);
    return c && c.samples.length ? { c, ms: median(c.samples), rssMB: Math.max(...c.rss) / 1024, runs: c.samples.length, timedOut: Boolean(c.timedOut) } : undefined;
  };
  const rows = [];
  const verdicts = [];
  const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const mbps = (bytes, ms) => (bytes && ms > 0 ? (bytes / MB / (ms / 1000)).toFixed(1) : '');
  const judge = (label, ok) => {
    verdicts.push(ok);
    return `${ok ? 'ok' : 'MISS'} ${label}`;
  };
  const plantedCell = (group, tool) => {
    const list = planted[group]?.[tool];
    if (!list) return '';
    const found = list.filter((entry) => entry.found).length;
    if (tool === 'secretlint') {
      const ruled = list.filter((entry) => entry.plant.secretlint).length;
      return `${found}/${list.length} (${ruled} in preset)`;
    }
    return `${found === list.length ? 'OK' : 'MISSING'} ${found}/${list.length}`;
  };
  const row = (name, tool, s, { bytes, floor, lint, verdict = '', plantedText = '' } = {}) => [
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

  if (small) {
    const node = stat('small', 'node');
    const alone = stat('small', 'alone');
    const noVerify = stat('small', 'noVerify');
    const passes = stat('small', 'passes');
    const blocked = stat('small', 'blocked');
    const lint = stat('small', 'secretlint');
    rows.push([`small commit: ${small.files} files, ${small.lines} added lines, 1 key`, '', '', '', '', '', '', '', '', '']);
    rows.push(row('  node -e 0', 'floor', node));
    rows.push(row('  git commit --no-verify', 'git', noVerify, { floor: node }));
    const preOnly = stat('small', 'preOnly');
    // A passing commit runs two hooks, pre-commit and commit-msg, each a Node start: the target
    // holds per hook (each ≤1.5× node -e 0); both together are shown beside it.
    const perHook = (label, ms, runs) => {
      const hook = { ms, runs, rssMB: NaN };
      rows.push(row(`    = ${label}`, 'leakgate', hook, { floor: node, verdict: judge(`≤${TARGETS.hookVsNode}× node`, ms / node.ms <= TARGETS.hookVsNode) }));
    };
    rows.push(row('  git commit + hooks (passes)', 'leakgate', passes, { floor: node }));
    if (passes && noVerify && node) {
      rows.push(row('    = both hooks (passes)', 'leakgate', { ms: passes.ms - noVerify.ms, runs: passes.runs, rssMB: NaN }, { floor: node }));
      if (preOnly) {
        perHook('pre-commit hook (passes)', preOnly.ms - noVerify.ms, preOnly.runs);
        perHook('commit-msg hook (passes)', passes.ms - preOnly.ms, passes.runs);
      }
    }
    rows.push(row('  git commit + hook (key, blocked)', 'leakgate', blocked, { floor: node, plantedText: plantedCell('small', 'leakgate') }));
    if (blocked && noVerify && node) perHook('pre-commit hook (key, blocked)', blocked.ms - noVerify.ms, blocked.runs);
    rows.push(
      row('  leakgate pre-commit alone (key)', 'leakgate', alone, {
        floor: node,
        lint,
        verdict: alone && lint ? judge(`≥${TARGETS.vsSecretlint}× secretlint`, lint.ms / alone.ms >= TARGETS.vsSecretlint) : '',
      }),
    );
    if (secretlint) rows.push(row('  secretlint, 5 staged paths', 'secretlint', lint, { floor: node, plantedText: plantedCell('small', 'secretlint') }));
  }
  if (big) {
    const floor = stat('big', 'floor');
    const lg = stat('big', 'leakgate');
    const lint = stat('big', 'secretlint');
    rows.push(null);
    rows.push([`big commit: ${big.files} files, ${(big.bytes / MB).toFixed(1)} MB staged, ${big.planted.length} keys`, '', '', '', '', '', '', '', '', '']);
    rows.push(row('  git diff --cached -U0', 'floor', floor, { bytes: big.bytes }));
    const checks = [];
    if (lg && floor) checks.push(judge(`≤${TARGETS.bigVsFloor}× floor`, lg.ms / floor.ms <= TARGETS.bigVsFloor));
    if (lg) checks.push(judge(`≤${TARGETS.bigRssMB} MB`, lg.rssMB <= TARGETS.bigRssMB));
    if (lg && lint) checks.push(judge(`≥${TARGETS.vsSecretlint}× secretlint`, lint.ms / lg.ms >= TARGETS.vsSecretlint));
    rows.push(row('  leakgate pre-commit', 'leakgate', lg, { bytes: big.bytes, floor, lint, verdict: checks.join(', '), plantedText: plantedCell('big', 'leakgate') }));
    if (secretlint) rows.push(row(`  secretlint, ${big.files} staged paths`, 'secretlint', lint, { bytes: big.bytes, floor, plantedText: plantedCell('big', 'secretlint') }));
  }
  if (history) {
    const floor = stat('history', 'floor');
    const lg = stat('history', 'leakgate');
    rows.push(null);
    rows.push([`history: ${history.commits} commits (${history.merges} merges), ${(patchBytes / MB).toFixed(1)} MB of patch text, ${history.planted.length} keys (1 removed later)`, '', '', '', '', '', '', '', '', '']);
    rows.push(row('  git log -p --all', 'floor', floor, { bytes: patchBytes }));
    rows.push(
      row('  leakgate scan --history', 'leakgate', lg, {
        bytes: patchBytes,
        floor,
        verdict: lg && floor ? judge(`≤${TARGETS.historyVsFloor}× floor`, lg.ms / floor.ms <= TARGETS.historyVsFloor) : '',
        plantedText: plantedCell('history', 'leakgate'),
      }),
    );
    rows.push(['  secretlint', 'secretlint', '', 'n/a', '', '', '', '', '', 'no history mode']);
  }
  if (tree) {
    const lg = stat('tree', 'leakgate');
    const lint = stat('tree', 'secretlint');
    rows.push(null);
    rows.push([`working tree: ${tree.files} files, ${(tree.bytes / MB).toFixed(1)} MB, ${tree.planted.length} keys`, '', '', '', '', '', '', '', '', '']);
    const checks = [];
    if (lg) checks.push(judge(`≥${TARGETS.treeMBps} MB/s`, tree.bytes / MB / (lg.ms / 1000) >= TARGETS.treeMBps));
    if (lg && lint) checks.push(judge(`≥${TARGETS.vsSecretlint}× secretlint`, lint.ms / lg.ms >= TARGETS.vsSecretlint));
    rows.push(row('  leakgate scan .', 'leakgate', lg, { bytes: tree.bytes, lint, verdict: checks.join(', '), plantedText: plantedCell('tree', 'leakgate') }));
    if (secretlint) rows.push(row('  secretlint "**/*"', 'secretlint', lint, { bytes: tree.bytes, plantedText: plantedCell('tree', 'secretlint') }));
  }

  console.log(`leakgate ${leakgateVersion(cli, env)} (${cli}) · node ${process.version} · git ${gitVersion(env)} · ${cpus().length} CPUs · load ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
  if (corpus) console.log(`corpus: ${corpus.files.length} text files, ${(corpus.bytes / MB).toFixed(1)} MB from npm (${Object.entries(corpus.versions).map(([name, version]) => `${name}@${version}`).join(', ')}; dependencies as of ${NPM_BEFORE})`);
  if (secretlint) console.log(`secretlint ${secretlint.version} + @secretlint/secretlint-rule-preset-recommend (unix formatter; commit cases: the staged paths on one command line, as lint-staged passes them)`);
  console.log('');
  printTable(['case', 'tool', 'runs', 'median', 'MB/s', 'peak RSS MB', '× floor', 'vs secretlint', 'planted keys', 'verdict'], rows, new Set([2, 3, 4, 5, 6, 7]));

  // ---- where each planted key was found (rule ids, files and lines only; never the value)
  console.log('');
  for (const [group, byTool] of Object.entries(planted)) {
    for (const [tool, list] of Object.entries(byTool)) {
      for (const entry of list) {
        const where = entry.found ? `line ${entry.line ?? '?'}` : entry.wrongCommit ? `found but attributed to commit ${entry.wrongCommit.slice(0, 10)}` : 'NOT FOUND';
        const marker = entry.found ? 'OK     ' : tool === 'secretlint' ? (entry.plant.secretlint ? 'missed ' : 'no rule') : 'MISSING';
        console.log(`${marker} ${group.padEnd(7)} ${tool.padEnd(10)} ${entry.plant.what.padEnd(38)} ${entry.file}${entry.commit ? ` @${entry.commit.slice(0, 10)}` : ''}  ${where}`);
      }
    }
  }
  if (history) console.log(`(history: the ${history.removed.plant} key was removed again in commit ${history.removed.commit.slice(0, 10)}; it must still be reported, attributed to the commit that added it)`);

  const missing = Object.values(planted).flatMap((byTool) => byTool.leakgate ?? []).filter((entry) => !entry.found);
  console.log('');
  for (const problem of problems) console.log(`PROBLEM: ${problem}`);
  for (const note of notes) console.log(`note (secretlint): ${note}`);
  const misses = verdicts.filter((ok) => !ok).length;
  console.log(`${missing.length ? `${missing.length} planted key(s) MISSING` : 'every planted key found'}; ${verdicts.length - misses}/${verdicts.length} targets met${problems.length ? `; ${problems.length} problem(s)` : ''}.`);
  return missing.length || problems.length ? 1 : 0;
}

function exitZero(r) {
  return r.status === 0 ? undefined : `exited ${r.status}: ${firstLines(r)}`;
}

function secretlintExit(r) {
  if (r.timedOut) return undefined; // a lower bound: shown with ">"
  return r.status === 0 || r.status === 1 ? undefined : `secretlint exited ${r.status}: ${firstLines(r)}`;
}

function firstLines(r) {
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(0, 3).join(' | ');
}

/** secretlint's unix lines: "path:line:col: [ID] message [Error/preset > rule-id]"; only path, line and rule are kept. */
function secretlintFindings(output) {
  const findings = [];
  for (const line of output.split('\n')) {
    const match = /^(.*?):(\d+):(\d+): .*\[(?:Error|Warning|Info)\/([^\]]+)\]\s*$/.exec(line);
    // The rule part reads "preset-id > rule-id" for a rule of a preset: keep the rule's own id.
    if (match) findings.push({ file: match[1], line: Number(match[2]), rule: match[4].split(' > ').pop().trim() });
  }
  return findings;
}

function secretlintPlanted(r, expected) {
  const findings = secretlintFindings(r.stdout);
  return expected.map((entry) => {
    const hit = findings.find((finding) => entry.plant.secretlint && finding.rule === entry.plant.secretlint && finding.file.replace(/\\/g, '/').endsWith(entry.file));
    return { ...entry, found: Boolean(hit), line: hit?.line };
  });
}

function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function jsonCheck(r, file, expected) {
  if (r.status !== 1) return `exited ${r.status} (expected 1): ${firstLines(r)}`;
  const report = readReport(file);
  if (!report) return 'no JSON report';
  const missing = matchPlanted(report.findings, expected).filter((entry) => !entry.found);
  return missing.length ? `planted key(s) not found: ${missing.map((entry) => `${entry.plant.id} in ${entry.file}`).join(', ')}` : undefined;
}

function jsonPlanted(file, expected) {
  const report = readReport(file);
  return report ? matchPlanted(report.findings, expected) : expected.map((entry) => ({ ...entry, found: false }));
}

/** Bytes a command prints (git log -p --all), counted as they stream past. */
function countBytes(command, args, cwd, env) {
  const child = spawnSync('sh', ['-c', `${command} ${args.join(' ')} | wc -c`], { cwd, env, encoding: 'utf8' });
  return Number(child.stdout.trim());
}

function leakgateVersion(cli, env) {
  return exec('node', [cli, '--version'], PACKAGE_ROOT, env).stdout.trim();
}

function gitVersion(env) {
  return git(PACKAGE_ROOT, env, '--version').replace(/^git version /, '');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
