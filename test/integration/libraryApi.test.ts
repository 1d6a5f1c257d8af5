import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeGithubToken, fakeMailjetPair } from '../helpers/fakeSecrets';
import { cleanEnv, TempRepo, tempDir } from '../helpers/repo';

// The library as users get it: the packed tarball installed into a fresh project, loaded with
// `require` and with `import`, compared with the CLI of the same install on the same repository.

const { apiKey, secretKey } = fakeMailjetPair('library');
const oldToken = fakeGithubToken('library-old');
const newToken = fakeGithubToken('library-new');
const stagedSecret = fakeMailjetPair('library-staged').secretKey;
const allowedSecret = fakeMailjetPair('library-fixture').secretKey;
const SECRETS = [apiKey, secretKey, oldToken, newToken, stagedSecret, allowedSecret];

/** What both consumer scripts do with the library `L`; prints one JSON object. */
const CALLS = `
const repo = process.argv[2];
const out = {};
out.tracked = await L.scanFiles([], { cwd: repo });
out.paths = await L.scanFiles(['src', 'config.py'], { cwd: repo });
out.staged = await L.scanStaged({ cwd: repo });
out.range = await L.scanRange({ cwd: repo, range: 'HEAD~1..HEAD' });
out.history = await L.scanRange({ cwd: repo });
out.text = await L.scanText(readFileSync(repo + '/src/app.js', 'utf8'), { path: 'src/app.js' });
out.textAllowed = await L.scanText('MJ_APIKEY_PRIVATE=' + process.argv[3] + '\\n', {
  path: 'fixtures/a.env',
  config: { allowlist: { paths: ['fixtures/**'] } },
});
out.config = await L.loadConfig(repo);
const catalogue = L.rules();
out.rules = { rules: catalogue.rules.length, pairs: catalogue.pairs.length, hasRemediation: catalogue.rules.every((r) => r.remediation.revoke && (r.remediation.docs || r.remediation.dashboard)) };
try {
  await L.scanText('x', { config: { allowlist: { paths: 42 } } });
  out.badConfig = 'accepted';
} catch (error) {
  out.badConfig = { leakgate: error instanceof L.LeakgateError, config: error instanceof L.ConfigError, message: error.message };
}
try {
  await L.scanStaged({ cwd: process.argv[4] });
  out.notRepo = 'accepted';
} catch (error) {
  out.notRepo = { usage: error instanceof L.UsageError, message: error.message };
}
process.stdout.write(JSON.stringify(out));
`;

const CJS = `'use strict';
const { readFileSync } = require('node:fs');
const L = require('leakgate');
(async () => {${CALLS}})();
`;

const ESM = `import { readFileSync } from 'node:fs';
import * as L from 'leakgate';
${CALLS}`;

/** A consumer typed against the published declarations: the wrong call must be refused. */
const TYPED = `import { scanText, scanRange, rules, type Finding, type ScanReport } from 'leakgate';

export async function firstLine(text: string): Promise<number | undefined> {
  const report: ScanReport = await scanText(text, { path: 'a.env', config: { allowlist: { stopwords: ['example'] } } });
  const first: Finding | undefined = report.findings[0];
  const history = await scanRange({ cwd: '.', range: ['main'] });
  const commit: string | undefined = history.findings[0]?.commit;
  return commit === undefined ? first?.line : rules().rules.length;
}
// @ts-expect-error scanText takes text, not a number
void scanText(42);
// @ts-expect-error a finding never carries the secret
export const secretOf = (finding: Finding): string => finding.secret;
`;

describe('the library API from the packed tarball', () => {
  let project: string;
  let repo: TempRepo;
  let outside: string;

  beforeAll(() => {
    project = tempDir('leakgate-consumer-');
    writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
    execFileSync('npm', ['install', process.env.LEAKGATE_TARBALL!, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd: project,
      env: cleanEnv(),
      stdio: 'pipe',
    });
    writeFileSync(join(project, 'scan.cjs'), CJS);
    writeFileSync(join(project, 'scan.mjs'), ESM);
    outside = tempDir();
    repo = TempRepo.withInitialCommit();
    repo.write('.leakgate.json', '{ "allowlist": { "paths": ["fixtures/**"] } }\n');
    repo.write('src/app.js', `const mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\n`);
    repo.write('legacy/old.env', `GITHUB_TOKEN=${oldToken}\n`);
    repo.write('fixtures/sample.env', `MJ_APIKEY_PRIVATE=${allowedSecret}\n`);
    repo.commitAll('app');
    repo.write('config.py', `token = "${newToken}"\n`);
    repo.commitAll('config');
    repo.write('staged.env', `MJ_APIKEY_PRIVATE=${stagedSecret}\n`);
    repo.git('add', 'staged.env');
  });

  afterAll(() => {
    repo.cleanup();
    rmSync(project, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  /** The installed CLI's JSON report for these arguments, run in the repository. */
  function cliReport(args: string[]): unknown {
    const run = spawnSync(join(project, 'node_modules', '.bin', 'leakgate'), ['scan', ...args, '--format', 'json'], {
      cwd: repo.dir,
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout);
  }

  function libraryRun(
    script: string,
  ): Record<string, { findings: { rule: string; file: string; commit?: string }[] } & Record<string, unknown>> {
    const run = spawnSync(process.execPath, [script, repo.dir, allowedSecret, outside], {
      cwd: project,
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    for (const secret of SECRETS) expect(run.stdout).not.toContain(secret);
    return JSON.parse(run.stdout);
  }

  it('require and import give the same findings as the CLI, masked, in every mode', () => {
    const cjs = libraryRun('scan.cjs');
    const esm = libraryRun('scan.mjs');
    expect(esm).toEqual(cjs);
    const withoutNotices = (report: object) => {
      const { notices, ...rest } = report as { notices: string[] };
      expect(notices).toEqual([]);
      return rest;
    };
    expect(withoutNotices(cjs.tracked!)).toEqual(cliReport([]));
    expect(withoutNotices(cjs.paths!)).toEqual(cliReport(['src', 'config.py']));
    expect(withoutNotices(cjs.staged!)).toEqual(cliReport(['--staged']));
    expect(withoutNotices(cjs.range!)).toEqual(cliReport(['--history', 'HEAD~1..HEAD']));
    expect(withoutNotices(cjs.history!)).toEqual(cliReport(['--history']));

    // What each mode should see, so the comparison above is not between two empty reports.
    const rulesAndFiles = (name: string) => cjs[name]!.findings.map((finding) => `${finding.rule} ${finding.file}`).sort();
    expect(rulesAndFiles('tracked')).toEqual([
      'github-pat-classic config.py',
      'github-pat-classic legacy/old.env',
      'mailjet-api-key-pair src/app.js',
      'mailjet-secret-key staged.env',
    ]);
    expect(rulesAndFiles('staged')).toEqual(['mailjet-secret-key staged.env']);
    expect(rulesAndFiles('range')).toEqual(['github-pat-classic config.py']);
    expect(cjs.history!.findings.map((finding) => finding.rule)).toContain('leakgate-config-widened');
  });

  it('scanText finds what a file scan finds in the same text at the same path, and takes a config as a value', () => {
    const { text, paths, textAllowed } = libraryRun('scan.cjs');
    const inApp = paths!.findings.filter((finding) => finding.file === 'src/app.js');
    expect(text!.findings).toEqual(inApp);
    expect(inApp).toHaveLength(1);
    expect(textAllowed!.findings).toEqual([]);
  });

  it('loadConfig, rules and errors', () => {
    const { config, rules, badConfig, notRepo } = libraryRun('scan.mjs');
    expect(config).toMatchObject({
      source: '.leakgate.json',
      config: { allowlist: { paths: ['fixtures/**'] }, maxFileSize: 10 * 1024 * 1024 },
    });
    expect(rules).toEqual({ rules: expect.any(Number), pairs: expect.any(Number), hasRemediation: true });
    expect((rules as unknown as { rules: number }).rules).toBeGreaterThan(200);
    expect(badConfig).toMatchObject({ leakgate: true, config: true });
    expect((badConfig as unknown as { message: string }).message).toContain('allowlist.paths');
    expect(notRepo).toMatchObject({ usage: true, message: '--staged needs a git repository.' });
  });

  it('a big work-tree scan runs in worker threads, as in the CLI, with the same findings', () => {
    const big = join(repo.dir, 'big');
    const filler = `${'const value = 1; // padding for a scan big enough to start the worker pool\n'.repeat(600)}`;
    for (let index = 0; index < 40; index++) repo.write(`big/file${index}.js`, filler);
    repo.write('big/file39.js', `${filler}const token = "${oldToken}";\n`);
    writeFileSync(
      join(project, 'big.cjs'),
      "let workers = 0;\nprocess.on('worker', () => workers++);\nrequire('leakgate').scanFiles([process.argv[2]], { cwd: process.argv[3] }).then((report) => process.stdout.write(JSON.stringify({ workers, report })));\n",
    );
    try {
      const run = spawnSync(process.execPath, ['big.cjs', 'big', repo.dir], {
        cwd: project,
        env: cleanEnv({ LEAKGATE_WORKERS: '1' }),
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      const { workers, report } = JSON.parse(run.stdout) as { workers: number; report: { notices: string[] } & Record<string, unknown> };
      expect(workers).toBe(1);
      const { notices: _notices, ...json } = report;
      expect(json).toEqual(cliReport(['big']));
      expect((json as { findings: unknown[] }).findings).toHaveLength(1);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });

  it('its declarations type a consumer in CommonJS and ESM, and refuse a wrong call', () => {
    writeFileSync(join(project, 'typed.mts'), TYPED);
    writeFileSync(join(project, 'typed.cts'), TYPED);
    const tsc = join(__dirname, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
    const compilerOptions = {
      noEmit: true,
      strict: true,
      exactOptionalPropertyTypes: true,
      module: 'node16',
      moduleResolution: 'node16',
      target: 'es2022',
      types: [],
    };
    const check = (files: string[]) => {
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
      return spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    };
    const typed = check(['typed.mts', 'typed.cts']);
    expect(typed.stdout).toBe('');
    expect(typed.status).toBe(0);
    writeFileSync(join(project, 'wrong.mts'), "import { scanText } from 'leakgate';\nvoid scanText(42);\n");
    const wrong = check(['wrong.mts']);
    expect(wrong.stdout).toContain("Argument of type 'number' is not assignable to parameter of type 'string'");
  });
});
