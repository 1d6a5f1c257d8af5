// @ts-check
// How run.mjs runs its cases: one untimed check run of each (a warm-up for the big ones, and where
// the planted keys are looked up), then the timed runs interleaved round by round, so that drift
// of the machine hits every case alike. A leakgate or floor failure is a problem (the bench exits
// non-zero); a secretlint failure only a note.
import { exec, log } from './common.mjs';
import { firstLines, notFound } from './checks.mjs';
import { matchPlanted } from './fakes.mjs';

/** @typedef {import('./types.js').BenchCase} BenchCase */
/** @typedef {import('./types.js').MeasuredCase} MeasuredCase */
/** @typedef {import('./types.js').Measurement} Measurement */
/** @typedef {import('./types.js').Planted} Planted */
/** @typedef {import('./types.js').PlantedByGroup} PlantedByGroup */
/** What the runs found besides their times. @typedef {{ problems: string[], notes: string[], planted: PlantedByGroup }} Outcome */

/** @returns {Outcome} */
export function emptyOutcome() {
  return { problems: [], notes: [], planted: {} };
}

/**
 * The planted keys in `leakgate scan --staged` of the repository at `cwd` (the hook's own report
 * does not say where a key is).
 * @param {string} cli
 * @param {NodeJS.ProcessEnv} env
 * @param {string} cwd
 * @param {readonly Planted[]} expected
 * @param {Outcome} outcome
 */
export function stagedPlanted(cli, env, cwd, expected, outcome) {
  const r = exec('node', [cli, 'scan', '--staged', '--format', 'json'], cwd, env);
  try {
    return matchPlanted(JSON.parse(r.stdout).findings, expected);
  } catch {
    outcome.problems.push(`leakgate scan --staged exited ${r.status} without a JSON report: ${firstLines(r)}`);
    return notFound(expected);
  }
}

/**
 * A failed check goes to the problems, or to the notes for secretlint.
 * @param {BenchCase} c
 * @param {string} problem
 * @param {Outcome} outcome
 */
function report(c, problem, outcome) {
  (c.tool === 'secretlint' ? outcome.notes : outcome.problems).push(problem);
}

/**
 * @param {MeasuredCase} c
 * @param {Measurement} result
 */
function record(c, result) {
  c.samples.push(result.ms);
  c.rss.push(result.rssKB);
  if (result.timedOut) c.timedOut = true;
}

/**
 * One untimed run of each case: checked, planted keys looked up, and the count of timed runs
 * left. A case whose check fails is not timed.
 * @param {readonly BenchCase[]} cases
 * @param {Outcome} outcome
 * @returns {MeasuredCase[]}
 */
export function checkRuns(cases, outcome) {
  return cases.map((c) => {
    log(`check run: ${c.group} / ${c.name}`);
    const result = c.run();
    if (c.after) c.after(result);
    const problem = c.check(result);
    if (problem) report(c, `${c.group} / ${c.name}: ${problem}`, outcome);
    if (c.planted) (outcome.planted[c.group] ??= {})[c.tool] = c.planted(result);
    const rounds = c.runs + c.warmups - (c.countCheckRun ? 1 : 0);
    /** @type {MeasuredCase} */
    const measured = { ...c, samples: [], rss: [], failed: Boolean(problem), rounds, timedOut: false };
    if (c.countCheckRun && !problem) record(measured, result);
    return measured;
  });
}

/**
 * The timed runs: round after round, every case still due runs once; warm-up rounds are not
 * recorded, and a case stops at its first failed check.
 * @param {readonly MeasuredCase[]} cases
 * @param {Outcome} outcome
 */
export function timedRounds(cases, outcome) {
  const rounds = Math.max(...cases.map((c) => c.rounds), 0);
  for (let round = 0; round < rounds; round++) {
    log(`round ${round + 1}/${rounds}`);
    for (const c of cases) {
      if (round >= c.rounds || c.failed) continue;
      const result = c.run();
      if (c.after) c.after(result);
      const problem = c.check(result);
      if (problem) {
        report(c, `${c.group} / ${c.name} (run ${round + 1}): ${problem}`, outcome);
        c.failed = true;
        continue;
      }
      if (round >= c.warmups) record(c, result);
    }
  }
}
