import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, TempRepo, tempDir } from '../helpers/repo';

/** An npm user config of our own: the machine's ~/.npmrc must not decide a test. */
let home: string;
let npmEnv: NodeJS.ProcessEnv;

beforeAll(() => {
  home = tempDir('leakgate-home-');
  writeFileSync(join(home, '.npmrc'), 'fund=false\n');
  npmEnv = { HOME: home, npm_config_userconfig: join(home, '.npmrc') };
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** A clone of a repository with one commit, as a teammate gets it: no hooks. */
function freshClone(setup?: (origin: TempRepo) => void): { origin: TempRepo; clone: TempRepo } {
  const origin = TempRepo.withInitialCommit();
  if (setup) {
    setup(origin);
    origin.commitAll('setup');
  }
  const dir = tempDir('leakgate-clone-');
  origin.git('clone', '-q', origin.dir, dir);
  return { origin, clone: new TempRepo(dir, { init: false }) };
}

describe('leakgate doctor (plain git hooks)', () => {
  let origin: TempRepo;
  let clone: TempRepo;

  beforeEach(() => ({ origin, clone } = freshClone()));
  afterEach(() => {
    origin.cleanup();
    clone.cleanup();
  });

  it('exits 1 on a fresh clone, naming each missing hook', () => {
    const run = clone.leakgate(['doctor'], { env: npmEnv });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    for (const hook of ['pre-commit', 'pre-push', 'commit-msg']) expect(run.stdout).toContain(`✖ ${hook}: missing (.git/hooks/${hook})`);
    expect(run.stdout).toContain('leakgate install');
  });

  it('exits 0 after install, naming the leakgate the hooks run and its version', () => {
    expect(clone.leakgate(['install']).status).toBe(0);
    const run = clone.leakgate(['doctor'], { env: npmEnv });
    expect(run.stdout).toContain('All well');
    expect(run.status).toBe(0);
    const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
    expect(run.stdout).toContain(`✔ leakgate: ${CLI} ${version}`);
    expect(run.stdout).toContain("✔ runner: .git/hooks/leakgate-run.sh is leakgate's hooks/run.sh");
    expect(run.stdout).toContain('✔ config: none (defaults)');
  });

  it('exits 1 when the runner the hooks run is gone, saying how to bring it back', () => {
    expect(clone.leakgate(['install']).status).toBe(0);
    rmSync(join(clone.dir, '.git/hooks/leakgate-run.sh'));
    const run = clone.leakgate(['doctor'], { env: npmEnv });
    expect(run.stdout).toContain(
      '✖ runner: .git/hooks/leakgate-run.sh, which the hooks run, is missing or not executable (run leakgate install)',
    );
    expect(run.status).toBe(1);
    expect(clone.leakgate(['install']).stdout).toContain(".git/hooks/leakgate-run.sh: the hooks' runner written");
    expect(clone.leakgate(['doctor'], { env: npmEnv }).status).toBe(0);
  });

  it('exits 1 naming the problem when the config is invalid (never a crash)', () => {
    clone.leakgate(['install']);
    clone.write('.leakgate.json', JSON.stringify({ maxFileSize: true }));
    const run = clone.leakgate(['doctor'], { env: npmEnv });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✖ config: .leakgate.json is not valid');
    expect(run.stdout).toContain('maxFileSize');
    clone.write('.leakgate.json', '{ not json');
    expect(clone.leakgate(['doctor'], { env: npmEnv }).stdout).toContain('✖ config: .leakgate.json is not valid');
  });

  it('exits 1 on a broken baseline and on a hook git would skip (not executable)', () => {
    clone.leakgate(['install']);
    clone.write('.leakgate-baseline.json', '{"version": 2}');
    chmodSync(join(clone.dir, '.git/hooks/pre-push'), 0o644);
    const run = clone.leakgate(['doctor'], { env: npmEnv });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✖ baseline: .leakgate-baseline.json is not valid');
    expect(run.stdout).toContain('✖ pre-push: .git/hooks/pre-push is not executable');
    expect(run.stdout).toContain('✔ pre-commit');
  });
});

describe('install through husky warns when npm will not run prepare (ignore-scripts)', () => {
  const manifest = `${JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2)}\n`;
  let repo: TempRepo;

  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    repo.write('package.json', manifest);
  });
  afterEach(() => repo.cleanup());

  it("says teammates get no hooks when the repository's .npmrc sets ignore-scripts=true, and what to do", () => {
    repo.write('.npmrc', 'save-exact=true\nignore-scripts = true\n');
    const run = repo.leakgate(['install'], { env: npmEnv });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(".npmrc (the repository's, so every clone has it) sets ignore-scripts=true");
    expect(run.stdout).toContain('npx leakgate install');
    expect(run.stdout).toContain('npx leakgate doctor');
    expect(run.stdout).not.toContain('gets the hooks on `npm install`');
  });

  it('says so too when the user npm config or the environment sets it, and not when nothing does', () => {
    const plain = repo.leakgate(['install'], { env: npmEnv });
    expect(plain.stdout).not.toContain('ignore-scripts');
    expect(plain.stdout).toContain('your team gets the hooks on `npm install`');
    expect(repo.leakgate(['install'], { env: { ...npmEnv, NPM_CONFIG_IGNORE_SCRIPTS: 'true' } }).stdout).toContain(
      'NPM_CONFIG_IGNORE_SCRIPTS sets ignore-scripts=true',
    );
    writeFileSync(join(home, 'user.npmrc'), 'ignore-scripts=true\n');
    const user = repo.leakgate(['install'], { env: { ...npmEnv, npm_config_userconfig: join(home, 'user.npmrc') } });
    expect(user.stdout).toContain(`${join(home, 'user.npmrc')} (your npm config) sets ignore-scripts=true`);
  });
});

describe('uninstall with a broken package.json', () => {
  it('says so in one sentence, exits 2 and changes nothing', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write('package.json', '{"name": "app", "private": true}\n');
      expect(repo.leakgate(['install']).status).toBe(0);
      repo.write('package.json', '{"name": "app", "private": true,\n');
      const before = { hook: readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8'), hooksPath: repo.git('config', 'core.hooksPath') };
      const run = repo.leakgate(['uninstall']);
      expect(run.stderr).toBe(
        'leakgate: package.json is not valid JSON; fix it first, then run leakgate uninstall again (it restores the scripts and devDependencies install changed there). Nothing was changed.\n',
      );
      expect(run.status).toBe(2);
      expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe(before.hook);
      expect(repo.git('config', 'core.hooksPath')).toBe(before.hooksPath);
    } finally {
      repo.cleanup();
    }
  });
});
