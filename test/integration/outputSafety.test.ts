import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeGithubToken, fakeHex } from '../helpers/fakeSecrets';
import { installedLeakgate } from '../helpers/installedHook';
import { cleanEnv, TempRepo } from '../helpers/repo';

// Output safety through the product as a user gets it: the packed tarball installed on the
// machine, the hooks `leakgate install` writes, real git.

const ESC = '\u001b';
const BEL = '\u0007';
/** What a terminal would act on, once leakgate's own colour codes are taken out. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const withoutOwnColour = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('output safety (installed from the packed tarball)', () => {
  let bin: string;
  let repo: TempRepo;
  const token = fakeGithubToken('output-safety');
  const password = `Tr0ub4dor-${fakeHex('output-safety-pw', 4)}`;

  beforeAll(() => {
    bin = installedLeakgate();
  }, 180_000);

  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    execFileSync(bin, ['install'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
  });
  afterEach(() => repo.cleanup());

  it('a blocked commit shows a hostile file name and line escaped, with colour still on', () => {
    const file = `${ESC}]0;owned${BEL}.env`;
    repo.write(file, `GITHUB_TOKEN=${token} ${ESC}[2J ${ESC}[8m \u202e hidden\n`);
    repo.git('add', '-A');
    const run = repo.gitResult(['commit', '-m', 'config'], undefined, { FORCE_COLOR: '1' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${ESC}[31m`);
    expect(withoutOwnColour(run.stderr)).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain('\\x1b]0;owned\\x07.env');
    expect(run.stderr).toContain('\\x1b[2J');
    expect(run.stderr).toContain('\\u202e');
    expect(run.stderr).not.toContain(token);
  });

  it('a blocked commit masks an undetected password next to the detected token', () => {
    repo.write('.env', `GITHUB_TOKEN=${token} DB_PASSWORD=${password}\n`);
    repo.git('add', '.env');
    const run = repo.gitResult(['commit', '-m', 'config']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('[github-pat-classic]');
    expect(run.stderr).toContain(`DB_PASSWORD=${password.slice(0, 3)}…`);
    expect(run.stdout + run.stderr).not.toContain(password);
    expect(run.stdout + run.stderr).not.toContain(token);
  });

  it('scan --history shows a commit subject with an OSC 8 hyperlink escaped; JSON keeps it as it was', () => {
    const subject = `fix ${ESC}]8;;https://evil.example/${BEL}docs${ESC}]8;;${BEL} \u202eexe.txt`;
    const file = `app${ESC}[2J\u202e.env`;
    repo.write(file, `GITHUB_TOKEN=${token}\n`);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', subject);
    const text = spawnSync(bin, ['scan', '--history'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('\\x1b]8;;https://evil.example/\\x07docs');
    expect(text.stdout + text.stderr).not.toMatch(RAW_CONTROL);
    const json = spawnSync(bin, ['scan', '--history', '--format', 'json'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect((JSON.parse(json.stdout) as { findings: { file: string }[] }).findings[0]!.file).toBe(file);
  });

  it('an error that quotes a hostile path has it escaped', () => {
    const run = spawnSync(bin, ['scan', '--baseline', `${ESC}]0;owned${BEL}${ESC}[2J.json`], {
      cwd: repo.dir,
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('\\x1b]0;owned\\x07');
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });

  it('a passing commit never loads node:crypto; a blocked one does, for its fingerprint', () => {
    const probe = repo.write(
      '../probe.cjs',
      "process.on('exit', () => require('fs').appendFileSync(process.env.PROBE_OUT, (process.moduleLoadList.includes('NativeModule crypto') ? 'crypto' : 'none') + '\\n'));\n",
    );
    const out = join(repo.dir, '..', `probe-${process.pid}.txt`);
    const env = { NODE_OPTIONS: `--require ${probe}`, PROBE_OUT: out };
    try {
      repo.write('app.js', 'console.log(process.env.GITHUB_TOKEN);\n');
      repo.git('add', 'app.js');
      expect(repo.gitResult(['commit', '-q', '-m', 'clean'], undefined, env).status).toBe(0);
      // Two Node processes judge a commit: the pre-commit and the commit-msg hooks.
      expect(readFileSync(out, 'utf8')).toBe('none\nnone\n');
      writeFileSync(out, '');
      repo.write('.env', `GITHUB_TOKEN=${token}\n`);
      repo.git('add', '.env');
      expect(repo.gitResult(['commit', '-q', '-m', 'env'], undefined, env).status).toBe(1);
      expect(readFileSync(out, 'utf8')).toBe('crypto\n'); // refused at pre-commit: commit-msg never runs
    } finally {
      execFileSync('rm', ['-f', probe, out]);
    }
  });

  it('a baseline holding old-format fingerprints no longer matches, says so in one line, and `leakgate baseline` regenerates it', () => {
    repo.write('.env', `GITHUB_TOKEN=${token}\n`);
    repo.commitAll('legacy secret');
    const oldHash = createHash('sha256').update(`github-pat-classic\0${token}`).digest('hex').slice(0, 16);
    repo.write('.leakgate-baseline.json', JSON.stringify({ version: 1, fingerprints: [`.env:github-pat-classic:${oldHash}`] }));
    repo.commitAll('baseline');
    repo.write('.env', `GITHUB_TOKEN=${token}\nOTHER=1\n`);
    const scan = spawnSync(bin, ['scan'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(scan.status).toBe(1);
    const notes = scan.stderr.split('\n').filter((line) => line.includes('old, guessable format'));
    expect(notes).toEqual([
      'leakgate: note: 1 fingerprint in .leakgate-baseline.json is in the old, guessable format and no longer matches; regenerate with `leakgate baseline`.',
    ]);

    execFileSync(bin, ['baseline'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    const baseline = JSON.parse(readFileSync(join(repo.dir, '.leakgate-baseline.json'), 'utf8')) as { fingerprints: string[] };
    // The history holds the commit that added the old baseline: a config widening, recorded too.
    expect(baseline.fingerprints.sort()).toEqual([
      expect.stringMatching(/^\.env:github-pat-classic:v2-[0-9a-f]{16}$/),
      expect.stringMatching(/^\.leakgate-baseline\.json:leakgate-config-widened:v2-[0-9a-f]{16}$/),
    ]);
    const again = spawnSync(bin, ['scan'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stderr).not.toContain('old, guessable format');
  });

  it('an allowlist holding an old-format fingerprint gets the notice; ignore refuses old ones and drops them when it writes', () => {
    repo.write('.env', `GITHUB_TOKEN=${token}\n`);
    const oldHash = createHash('sha256').update(`github-pat-classic\0${token}`).digest('hex').slice(0, 16);
    const old = `.env:github-pat-classic:${oldHash}`;
    repo.write('.leakgate.json', JSON.stringify({ allowlist: { fingerprints: [old] } }));
    repo.git('add', '-A');
    const scan = spawnSync(bin, ['scan'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(scan.status).toBe(1);
    expect(scan.stderr).toContain('1 fingerprint in .leakgate.json (allowlist.fingerprints) is in the old, guessable format');

    const refused = spawnSync(bin, ['ignore', old], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('old-format fingerprint');

    const ignored = spawnSync(bin, ['ignore', '--last', '--all'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(ignored.stdout).toContain('Removed 1 old-format fingerprint');
    const config = JSON.parse(readFileSync(join(repo.dir, '.leakgate.json'), 'utf8')) as { allowlist: { fingerprints: unknown[] } };
    expect(config.allowlist.fingerprints).toEqual([
      expect.objectContaining({ fingerprint: expect.stringMatching(/^\.env:github-pat-classic:v2-[0-9a-f]{16}$/) }),
    ]);
    const again = spawnSync(bin, ['scan'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
  });
});
