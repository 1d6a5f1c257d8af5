import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeGithubToken } from '../helpers/fakeSecrets';
import { cleanEnv, TempRepo, tempDir } from '../helpers/repo';

// The GitHub Action's steps run here as a runner would run them: action.yml read, each `run`
// step executed by bash with its `env` filled in from the inputs (or their defaults) and the
// scan step's outputs, in a checkout with an `origin`, with the variables a runner sets
// (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH with a real event JSON, GITHUB_OUTPUT, RUNNER_TEMP…).
// leakgate comes from the packed tarball (LEAKGATE_PACKAGE), at the version action.yml pins.

const root = join(__dirname, '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const token = fakeGithubToken('github-action');
const ZERO = '0'.repeat(40);

interface ActionStep {
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

// PyYAML comes with the pre-commit framework, which CI installs for its own tests.
const action = JSON.parse(
  execFileSync(
    'python3',
    ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', join(root, 'action.yml')],
    {
      encoding: 'utf8',
    },
  ),
) as Action;

interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('the GitHub Action (action.yml and action/run.sh) on a temporary repository', () => {
  let remote: TempRepo;
  let checkout: TempRepo;
  let runnerTemp: string;
  let base: string;
  let leaky: string;

  beforeAll(() => {
    runnerTemp = tempDir('leakgate-runner-');
    remote = new TempRepo(undefined, { init: false });
    remote.git('init', '-q', '--bare', '-b', 'main');
    checkout = TempRepo.pushingTo(remote);
    base = checkout.head()!;
    checkout.git('checkout', '-q', '-b', 'feature');
    checkout.write('settings.py', `GITHUB_TOKEN = "${token}"\n`);
    checkout.commitAll('Add settings');
    leaky = checkout.head()!;
    checkout.git('push', '-q', '--no-verify', 'origin', 'feature');
    checkout.git('fetch', '-q', 'origin');
  });

  afterAll(() => {
    checkout?.cleanup();
    remote?.cleanup();
    if (runnerTemp) rmSync(runnerTemp, { recursive: true, force: true });
  });

  /** Runs the action's steps in `dir` for an event; stops after a failing step, as a runner does. */
  function runAction(
    dir: string,
    event: { name: string; payload: object; ref: string; sha: string },
    inputs: Record<string, string> = {},
  ): { steps: StepRun[]; outputs: Record<string, string>; summary: string } {
    const work = tempDir('leakgate-step-');
    const eventPath = join(work, 'event.json');
    writeFileSync(eventPath, JSON.stringify(event.payload));
    const outputs: Record<string, string> = {};
    const steps: StepRun[] = [];
    const summaryPath = join(work, 'summary.md');
    try {
      for (const step of action.runs.steps) {
        if (!step.run) continue;
        const outputPath = join(work, `output-${steps.length}`);
        writeFileSync(outputPath, '');
        const fill = (text: string) =>
          text
            .replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_m, name: string) => inputs[name] ?? action.inputs[name]?.default ?? '')
            .replace(/\$\{\{ steps\.scan\.outputs\.([\w-]+) \}\}/g, (_m, name: string) => outputs[name] ?? '');
        const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, fill(value)]));
        const result = spawnSync('bash', ['-e', '-c', step.run], {
          cwd: dir,
          encoding: 'utf8',
          env: cleanEnv({
            ...stepEnv,
            GITHUB_ACTIONS: 'true',
            GITHUB_ACTION_PATH: root,
            GITHUB_EVENT_NAME: event.name,
            GITHUB_EVENT_PATH: eventPath,
            GITHUB_REF: event.ref,
            GITHUB_SHA: event.sha,
            GITHUB_WORKSPACE: dir,
            GITHUB_OUTPUT: outputPath,
            GITHUB_STEP_SUMMARY: summaryPath,
            RUNNER_TEMP: runnerTemp,
            LEAKGATE_PACKAGE: process.env.LEAKGATE_TARBALL!,
          }),
        });
        steps.push({ status: result.status, stdout: result.stdout, stderr: result.stderr });
        if (step.id === 'scan') {
          for (const line of readFileSync(outputPath, 'utf8').split('\n')) {
            const at = line.indexOf('=');
            if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
          }
        }
        if (result.status !== 0) break;
      }
      return { steps, outputs, summary: existsSync(summaryPath) ? readFileSync(summaryPath, 'utf8') : '' };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  const repository = { default_branch: 'main', full_name: 'example/app' };
  const pushOf = (ref: string, before: string, after: string) => ({
    name: 'push',
    ref,
    sha: after,
    payload: { ref, before, after, deleted: false, created: before === ZERO, repository },
  });

  it('is a composite action whose shell steps run action/run.sh, uploading SARIF with a major-pinned codeql action', () => {
    expect(action.runs.using).toBe('composite');
    const runs = action.runs.steps.filter((step) => step.run);
    expect(runs.map((step) => step.run)).toEqual([
      '"$GITHUB_ACTION_PATH/action/run.sh" scan',
      '"$GITHUB_ACTION_PATH/action/run.sh" verdict',
    ]);
    for (const step of runs) expect(step.shell).toBe('bash');
    const upload = action.runs.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    expect(upload.uses).toMatch(/@v\d+$/);
    expect(upload.with?.sarif_file).toBe('${{ steps.scan.outputs.report }}');
    expect(upload.if).toContain("inputs.upload-sarif == 'true'");
    // Upload comes before the verdict: a failing job still shows its findings in code scanning.
    expect(action.runs.steps.indexOf(upload)).toBeLessThan(action.runs.steps.indexOf(runs[1]!));
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['range', 'format', 'fail-on-findings', 'config-from', 'upload-sarif', 'leakgate-version']),
    );
    expect(readFileSync(join(root, 'action', 'run.sh'), 'utf8')).not.toMatch(/npx/);
  });

  it('action/run.sh passes shellcheck (bash, every severity)', () => {
    const check = spawnSync('shellcheck', ['--shell=bash', '--severity=info', join(root, 'action', 'run.sh')], { encoding: 'utf8' });
    if (check.error) throw new Error('shellcheck is not installed: .ci/run installs it (apt-get install shellcheck).');
    expect({ status: check.status, output: check.stdout + check.stderr }).toEqual({ status: 0, output: '' });
  });

  it('a push: scans before..after, writes SARIF with the finding, and fails the job at the verdict', () => {
    const run = runAction(checkout.dir, pushOf('refs/heads/feature', base, leaky));
    expect(run.steps).toHaveLength(2);
    expect(run.steps[0]!.status).toBe(0);
    expect(run.outputs).toMatchObject({ 'exit-code': '1', findings: '1', report: 'leakgate.sarif' });
    const sarif = JSON.parse(readFileSync(join(checkout.dir, 'leakgate.sarif'), 'utf8'));
    const [result] = sarif.runs[0].results;
    expect(result.ruleId).toBe('github-pat-classic');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('settings.py');
    expect(result.properties.commit).toBe(leaky);
    expect(sarif.runs[0].tool.driver.version).toBe(version);
    expect(JSON.stringify(sarif)).not.toContain(token);
    expect(run.steps[1]!.status).toBe(1);
    expect(run.steps[1]!.stderr).toContain('::error title=leakgate::1 secret(s) found');
    expect(run.summary).toContain(`1 finding(s) in ${base}..${leaky}`);
    rmSync(join(checkout.dir, 'leakgate.sarif'));
  });

  it('fail-on-findings false: the job passes, the outputs still say what was found', () => {
    const run = runAction(checkout.dir, pushOf('refs/heads/feature', base, leaky), { 'fail-on-findings': 'false', format: 'json' });
    expect(run.steps.map((step) => step.status)).toEqual([0, 0]);
    expect(run.outputs).toMatchObject({ 'exit-code': '1', findings: '1', report: 'leakgate.json' });
    rmSync(join(checkout.dir, 'leakgate.json'));
  });

  it("a new branch (before is all zeros): only what the default branch lacks, judged by the default branch's config", () => {
    const run = runAction(checkout.dir, pushOf('refs/heads/feature', ZERO, leaky), { format: 'json', 'fail-on-findings': 'false' });
    expect(run.steps[0]!.status).toBe(0);
    const report = JSON.parse(readFileSync(join(checkout.dir, 'leakgate.json'), 'utf8'));
    expect(report.scanned.commits).toBe(1);
    expect(report.findings.map((finding: { commit: string }) => finding.commit)).toEqual([leaky]);
    expect(run.summary).toContain(`${leaky} ^refs/remotes/origin/main`);
    rmSync(join(checkout.dir, 'leakgate.json'));
  });

  it("a pull request: base..head, judged by the base's config (the pull request's own allowlist does not silence it)", () => {
    checkout.write('.leakgate.json', `${JSON.stringify({ allowlist: { paths: ['settings.py'] } })}\n`);
    checkout.commitAll('Allow settings.py');
    const head = checkout.head()!;
    try {
      const payload = { number: 7, pull_request: { base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } }, repository };
      const run = runAction(checkout.dir, { name: 'pull_request', ref: 'refs/pull/7/merge', sha: head, payload }, { format: 'json' });
      expect(run.steps[0]!.status).toBe(0);
      const report = JSON.parse(readFileSync(join(checkout.dir, 'leakgate.json'), 'utf8'));
      expect(report.scanned.commits).toBe(2);
      const rules = report.findings.map((finding: { rule: string }) => finding.rule).sort();
      expect(rules).toContain('github-pat-classic');
      expect(rules.length).toBe(2); // the token, and the commit that widened the allowlist
      expect(run.steps[1]!.status).toBe(1);
      rmSync(join(checkout.dir, 'leakgate.json'));
    } finally {
      checkout.git('reset', '-q', '--hard', leaky);
    }
  });

  it('a merge queue group: base_sha..head_sha', () => {
    const payload = { merge_group: { base_sha: base, head_sha: leaky, base_ref: 'refs/heads/main' }, repository };
    const run = runAction(
      checkout.dir,
      { name: 'merge_group', ref: 'refs/heads/gh-readonly-queue/main/pr-7', sha: leaky, payload },
      { format: 'json', 'fail-on-findings': 'false' },
    );
    expect(run.steps[0]!.status).toBe(0);
    expect(run.outputs).toMatchObject({ 'exit-code': '1', findings: '1' });
    expect(run.summary).toContain(`${base}..${leaky}`);
    rmSync(join(checkout.dir, 'leakgate.json'));
  });

  it('a clean push passes; a branch deletion scans nothing', () => {
    const clean = runAction(checkout.dir, pushOf('refs/heads/main', base, base), {});
    expect(clean.steps.map((step) => step.status)).toEqual([0, 0]);
    expect(clean.outputs['exit-code']).toBe('0');
    rmSync(join(checkout.dir, 'leakgate.sarif'));
    const deletion = runAction(checkout.dir, {
      name: 'push',
      ref: 'refs/heads/old',
      sha: ZERO,
      payload: { ref: 'refs/heads/old', before: leaky, after: ZERO, deleted: true, repository },
    });
    expect(deletion.steps.map((step) => step.status)).toEqual([0, 0]);
    expect(deletion.summary).toContain('nothing to scan');
  });

  it('a shallow checkout (actions/checkout without fetch-depth: 0) is deepened before the range is scanned', () => {
    const shallow = tempDir('leakgate-shallow-');
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${remote.dir}`, shallow], { env: cleanEnv() });
      expect(execFileSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: shallow, encoding: 'utf8' }).trim()).toBe('true');
      const run = runAction(shallow, pushOf('refs/heads/feature', base, leaky), { 'fail-on-findings': 'false' });
      expect(run.steps[0]!.status).toBe(0);
      expect(run.outputs).toMatchObject({ 'exit-code': '1', findings: '1' });
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  it('bad input fails the step with an annotation: an unknown format, an unpinned version', () => {
    const format = runAction(checkout.dir, pushOf('refs/heads/feature', base, leaky), { format: 'xml' });
    expect(format.steps).toHaveLength(1);
    expect(format.steps[0]!.status).toBe(2);
    expect(format.steps[0]!.stderr).toContain("::error title=leakgate::format must be sarif, json or text, not 'xml'");
    const unpinned = runAction(checkout.dir, pushOf('refs/heads/feature', base, leaky), { 'leakgate-version': 'latest' });
    expect(unpinned.steps[0]!.status).toBe(2);
    expect(unpinned.steps[0]!.stderr).toContain('must be an exact version');
    const upload = runAction(checkout.dir, pushOf('refs/heads/feature', base, leaky), { format: 'json', 'upload-sarif': 'true' });
    expect(upload.steps[0]!.status).toBe(2);
    expect(upload.steps[0]!.stderr).toContain('upload-sarif needs format: sarif');
  });
});
