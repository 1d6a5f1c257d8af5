import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeGithubToken } from '../helpers/fakeSecrets';
import { installedLeakgate, installHooks } from '../helpers/installedHook';
import { underPty } from '../helpers/pty';
import { CLI, cleanEnv, TempRepo, tempDir } from '../helpers/repo';

// Issue 17, point 2: long work shows progress on stderr when it is a terminal, and only then.

const CLEAR = '\r\u001b[K';
const COMMITS = 40;
/** A history scan reads the first commit too; a push sends the COMMITS the remote lacks. */
const HISTORY_PROGRESS = /leakgate: \d+\/41 commits, \d+\.\d MB\/s/;
const PUSH_PROGRESS = /leakgate: \d+\/40 commits, \d+\.\d MB\/s/;
/**
 * A person's terminal: no CI variable (these tests may run in CI), no colour (it would wrap the
 * report's first line in escapes: these tests read the words).
 */
function terminal(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = cleanEnv({ NO_COLOR: '1' });
  delete env.CI;
  return { ...env, ...extra };
}

/** A repository of COMMITS commits, the last of which adds a token; unpushed to its bare remote. */
function history(): { repo: TempRepo; remote: TempRepo } {
  const remote = new TempRepo(tempDir('leakgate-remote-'), { init: false });
  remote.git('init', '-q', '--bare', '-b', 'main');
  const repo = TempRepo.pushingTo(remote);
  for (let index = 0; index < COMMITS - 1; index++) {
    repo.write(`src/m${index}.js`, `module.exports = ${index};\n`);
    repo.commitAll(`module ${index}`);
  }
  repo.write('src/client.js', `const token = '${fakeGithubToken('progress')}';\n`);
  repo.commitAll('client');
  return { repo, remote };
}

/** Everything written after the last progress line was erased: what stays on the screen. */
function afterProgress(output: string): string {
  return output.slice(output.lastIndexOf(CLEAR) + CLEAR.length);
}

describe('progress on a terminal', () => {
  let env: ReturnType<typeof history>;
  beforeAll(() => {
    installedLeakgate();
    env = history();
  }, 180_000);
  afterAll(() => {
    env.repo.cleanup();
    env.remote.cleanup();
  });

  it('scan --history on a terminal: commits done out of the total and MB/s, erased before the report', () => {
    const run = underPty(process.execPath, [CLI, 'scan', '--history'], { cwd: env.repo.dir, env: terminal() });
    expect(run.status).toBe(1);
    expect(run.output).toMatch(HISTORY_PROGRESS);
    expect(run.output.startsWith(CLEAR)).toBe(true);
    const screen = afterProgress(run.output);
    expect(screen).not.toMatch(HISTORY_PROGRESS);
    expect(screen).toMatch(/^✖ leakgate found 1 secret\./);
  });

  it('nothing without a terminal, under CI=1, or with --quiet', () => {
    const piped = spawnSync(process.execPath, [CLI, 'scan', '--history'], { cwd: env.repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(piped.status).toBe(1);
    expect(piped.stderr + piped.stdout).not.toMatch(/MB\/s/);
    expect(piped.stderr + piped.stdout).not.toContain('\u001b');
    for (const [args, extra] of [
      [['scan', '--history'], { CI: '1' }],
      [['scan', '--history', '--quiet'], {}],
      [['scan'], { CI: 'true' }],
    ] as const) {
      const run = underPty(process.execPath, [CLI, ...args], { cwd: env.repo.dir, env: terminal(extra) });
      expect(run.status).toBe(1);
      expect(run.output).not.toContain('MB/s');
      expect(run.output).not.toContain(CLEAR);
    }
  });

  it('a big scan of files: files done out of the tracked ones', () => {
    const run = underPty(process.execPath, [CLI, 'scan'], { cwd: env.repo.dir, env: terminal() });
    expect(run.output).toMatch(/leakgate: \d+\/41 files, \d+\.\d MB\/s/);
    expect(afterProgress(run.output)).toMatch(/^✖ leakgate found 1 secret\./);
  });

  it('scan --output FILE on a terminal: the report in the file, the summary line on the terminal', () => {
    const out = join(tempDir('leakgate-out-'), 'report.txt');
    const run = underPty(process.execPath, [CLI, 'scan', '--history', '--output', out], { cwd: env.repo.dir, env: terminal() });
    expect(run.status).toBe(1);
    expect(afterProgress(run.output)).toMatch(/^Summary: 1 secret \(critical 1; GitHub 1\) in 1 file and 1 commit; scanned 41 commits/);
    expect(readFileSync(out, 'utf8')).toContain('✖ leakgate found 1 secret.');
  });

  it('a push of many commits through the installed hook shows progress, then the report', () => {
    installHooks(env.repo);
    const run = underPty('git', ['push', 'origin', 'main'], { cwd: env.repo.dir, env: terminal() });
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(PUSH_PROGRESS);
    expect(afterProgress(run.output)).toMatch(/^✖ leakgate blocked this push: 1 secret in the 40 commits origin does not have yet\./);
    const quiet = underPty('git', ['push', 'origin', 'main'], { cwd: env.repo.dir, env: terminal({ CI: '1' }) });
    expect(quiet.output).not.toContain('MB/s');
  });
});
