import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { installedLeakgate } from '../helpers/installedHook';
import { cleanEnv, TempRepo, tempDir } from '../helpers/repo';

// Issue 13, point 5: the scanned tree cannot silence its own scan. A branch that widens the
// allowlist (.leakgate.json or package.json#leakgate) or the baseline is judged by the config
// the remote already has, and the widening commit is itself a finding.

const { secretKey } = fakeMailjetPair('widen');
const envLine = `MJ_APIKEY_PRIVATE=${secretKey}\n`;

let bin: string;

beforeAll(() => {
  bin = installedLeakgate();
}, 180_000);

function leakgate(repo: TempRepo, args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(bin, args, { cwd: repo.dir, env: cleanEnv(env), encoding: 'utf8' });
}

/** A repository whose hooks `leakgate install` wrote (plain git hooks), main pushed to a local bare remote. */
function setup(): { repo: TempRepo; remote: TempRepo; heads: () => string } {
  const remote = new TempRepo(tempDir('leakgate-remote-'), { init: false });
  remote.git('init', '-q', '--bare', '-b', 'main');
  const repo = TempRepo.withInitialCommit();
  repo.git('remote', 'add', 'origin', remote.dir);
  execFileSync(bin, ['install'], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
  const first = repo.gitResult(['push', '-q', 'origin', 'main']);
  expect(first.status).toBe(0);
  return { repo, remote, heads: () => remote.git('for-each-ref', '--format=%(refname) %(objectname)') };
}

type Variant = 'allowlist' | 'package' | 'baseline';

/** The fingerprint leakgate gives the secret in `.env` (computed by leakgate, never hard-coded). */
function fingerprintOfSecret(repo: TempRepo): string {
  repo.write('.env', envLine);
  const run = leakgate(repo, ['scan', '.env', '--format', 'json']);
  expect(run.status).toBe(1);
  const [finding] = JSON.parse(run.stdout).findings as { fingerprint: string }[];
  return finding!.fingerprint;
}

/** A commit that widens the config the given way, then a commit with the secret. Returns the widening commit. */
function widenThenLeak(repo: TempRepo, variant: Variant): string {
  // Just the file the secret lands in: a catch-all such as "**" is refused as config outright.
  if (variant === 'allowlist') repo.write('.leakgate.json', `${JSON.stringify({ allowlist: { paths: ['.env'] } }, null, 2)}\n`);
  if (variant === 'package')
    repo.write(
      'package.json',
      `${JSON.stringify({ name: 'app', private: true, leakgate: { allowlist: { paths: ['.env'] } } }, null, 2)}\n`,
    );
  if (variant === 'baseline') {
    const fingerprint = fingerprintOfSecret(repo);
    repo.write('.leakgate-baseline.json', `${JSON.stringify({ version: 1, fingerprints: [fingerprint] }, null, 2)}\n`);
    repo.git('add', '.leakgate-baseline.json');
    repo.git('commit', '-q', '--no-verify', '-m', 'widen');
  } else repo.commitAll('widen');
  const widening = repo.git('rev-parse', 'HEAD').trim();
  repo.write('.env', envLine);
  repo.commitAll('leak');
  return widening;
}

const WHAT: Record<Variant, { file: string; text: string }> = {
  allowlist: { file: '.leakgate.json', text: 'allowlist.paths += ".env"' },
  package: { file: 'package.json', text: 'allowlist.paths += ".env"' },
  baseline: { file: '.leakgate-baseline.json', text: '.leakgate-baseline.json += ' },
};

function noSecretIn(output: string): void {
  expect(output).not.toContain(secretKey);
}

describe('a branch cannot silence its own push (hooks written by leakgate install)', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });
  afterEach(() => {
    env.repo.cleanup();
    env.remote.cleanup();
  });

  it.each<Variant>(['allowlist', 'package', 'baseline'])(
    'refuses a new branch whose commit widens the config (%s) to let a secret through',
    (variant) => {
      const { repo, heads } = env;
      repo.git('checkout', '-q', '-b', 'feature');
      const widening = widenThenLeak(repo, variant);
      const before = heads();
      const push = repo.gitResult(['push', 'origin', 'feature']);
      expect(push.status).not.toBe(0);
      expect(push.stderr).toContain('leakgate blocked this push');
      expect(push.stderr).toContain('[leakgate-config-widened]');
      expect(push.stderr).toContain(`${WHAT[variant].file}:`);
      expect(push.stderr).toContain(WHAT[variant].text);
      expect(push.stderr).toContain(`commit ${widening.slice(0, 10)} "widen"`);
      // Judged by the remote's config, the secret itself is reported too.
      expect(push.stderr).toContain('mailjet-secret-key');
      expect(push.stderr).toContain(`LEAKGATE_ACCEPT_CONFIG=${widening.slice(0, 12)}`);
      noSecretIn(push.stdout + push.stderr);
      expect(heads()).toBe(before);
    },
  );

  it('refuses an update of main whose package.json gains a leakgate allowlist', () => {
    const { repo, heads } = env;
    const widening = widenThenLeak(repo, 'package');
    const before = heads();
    const push = repo.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain(`commit ${widening.slice(0, 10)}`);
    expect(push.stderr).toContain('package.json:');
    expect(heads()).toBe(before);
  });

  it('refuses an annotated tag pushed alone on a commit that widens the config (judged from below the tag)', () => {
    const { repo, heads } = env;
    repo.git('checkout', '-q', '-b', 'tagged');
    const widening = widenThenLeak(repo, 'allowlist');
    repo.git('tag', '-a', 'v1', '-m', 'release');
    const before = heads();
    const push = repo.gitResult(['push', 'origin', 'v1']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain(`commit ${widening.slice(0, 10)} "widen"`);
    expect(push.stderr).toContain('mailjet-secret-key');
    expect(heads()).toBe(before);
  });

  it('passes a widening accepted from outside the tree (LEAKGATE_ACCEPT_CONFIG), and only that one', () => {
    const { repo, heads } = env;
    repo.git('checkout', '-q', '-b', 'fixtures');
    repo.write('.leakgate.json', `${JSON.stringify({ allowlist: { paths: ['test/fixtures/**'] } }, null, 2)}\n`);
    repo.commitAll('allow fixtures');
    const accepted = repo.git('rev-parse', 'HEAD').trim();
    repo.write('test/fixtures/mail.env', envLine);
    repo.commitAll('fixture');

    const refused = repo.gitResult(['push', 'origin', 'fixtures']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('allowlist.paths += "test/fixtures/**"');

    const ci = leakgate(repo, [
      'scan',
      '--history',
      'origin/main..HEAD',
      '--config-from',
      'origin/main',
      '--accept-config-change',
      accepted.slice(0, 12),
    ]);
    expect(ci.stderr).toBe('');
    expect(ci.status).toBe(0);

    const push = repo.gitResult(['push', 'origin', 'fixtures'], undefined, { LEAKGATE_ACCEPT_CONFIG: accepted.slice(0, 12) });
    expect(push.stderr).not.toContain('blocked');
    expect(push.status).toBe(0);

    // The next widening is a new finding: accepting one commit accepts nothing else.
    repo.write('.leakgate.json', `${JSON.stringify({ allowlist: { paths: ['test/fixtures/**', 'src/**'] } }, null, 2)}\n`);
    repo.commitAll('allow src');
    const next = repo.git('rev-parse', 'HEAD').trim();
    repo.write('src/mail.env', envLine);
    repo.commitAll('leak in src');
    const before = heads();
    const again = repo.gitResult(['push', 'origin', 'fixtures'], undefined, { LEAKGATE_ACCEPT_CONFIG: accepted.slice(0, 12) });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain(`commit ${next.slice(0, 10)} "allow src"`);
    expect(again.stderr).toContain('allowlist.paths += "src/**"');
    expect(again.stderr).not.toContain(`commit ${accepted.slice(0, 10)}`);
    expect(heads()).toBe(before);
  });

  it('a config the remote has but leakgate refuses does not block every push: the defaults judge, the fix is a widening to accept', () => {
    const { repo } = env;
    repo.write('.leakgate.json', '{ "allowlist": { "paths": "docs/**" } }\n');
    repo.commitAll('broken config');
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    repo.write('src/app.js', 'module.exports = 1;\n');
    repo.commitAll('clean work');
    const clean = repo.gitResult(['push', 'origin', 'main']);
    expect(clean.stderr).toMatch(/:\.leakgate\.json is not valid/);
    expect(clean.stderr).toContain('judged by the defaults');
    expect(clean.status).toBe(0);

    repo.write('.leakgate.json', `${JSON.stringify({ allowlist: { paths: ['docs/**'] } }, null, 2)}\n`);
    repo.commitAll('fix config');
    const fix = repo.git('rev-parse', 'HEAD').trim();
    const refused = repo.gitResult(['push', 'origin', 'main']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('allowlist.paths += "docs/**"');
    const accepted = repo.gitResult(['push', 'origin', 'main'], undefined, { LEAKGATE_ACCEPT_CONFIG: fix });
    expect(accepted.stderr).not.toContain('blocked');
    expect(accepted.status).toBe(0);
    // Now valid on the remote: it judges the next push.
    repo.write('docs/notes.env', envLine);
    repo.commitAll('docs');
    const next = repo.gitResult(['push', 'origin', 'main']);
    expect(next.stderr).not.toContain('not valid');
    expect(next.status).toBe(0);
  });

  it('passes a branch that narrows the config, by push and by the CI scan', () => {
    const { repo } = env;
    repo.write(
      '.leakgate.json',
      `${JSON.stringify({ allowlist: { paths: ['docs/**', 'test/fixtures/**'] }, maxFileSize: '5MB' }, null, 2)}\n`,
    );
    repo.commitAll('team config');
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    repo.git('checkout', '-q', '-b', 'narrow');
    repo.write('.leakgate.json', `${JSON.stringify({ allowlist: { paths: ['docs/**'] }, maxFileSize: '1MB' }, null, 2)}\n`);
    repo.write('src/app.js', 'module.exports = process.env.MJ_APIKEY_PRIVATE;\n');
    repo.commitAll('narrow');
    expect(leakgate(repo, ['scan', '--history', 'origin/main..HEAD', '--config-from', 'origin/main']).status).toBe(0);
    expect(leakgate(repo, ['scan', '--history', 'origin/main..HEAD']).status).toBe(0);
    const push = repo.gitResult(['push', 'origin', 'narrow']);
    expect(push.stderr).not.toContain('blocked');
    expect(push.status).toBe(0);
  });
});

describe('the CI scan (scan --history) cannot be silenced by the branch it scans', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
    env.repo.git('checkout', '-q', '-b', 'feature');
  });
  afterEach(() => {
    env.repo.cleanup();
    env.remote.cleanup();
  });

  it.each<Variant>(['allowlist', 'package', 'baseline'])(
    'refuses a branch that widens the config (%s), with and without --config-from',
    (variant) => {
      const { repo } = env;
      const widening = widenThenLeak(repo, variant);
      // Today's documented job: the whole history, config from the checked-out tree.
      for (const args of [
        ['scan', '--history'],
        ['scan', '--history', 'origin/main..HEAD'],
        ['scan', '--history', 'origin/main..HEAD', '--config-from', 'origin/main'],
      ]) {
        const run = leakgate(repo, [...args, '--format', 'json']);
        expect(run.status).toBe(1);
        const findings = JSON.parse(run.stdout).findings as {
          rule: string;
          file: string;
          commit?: string;
          description: string;
          fingerprint: string;
        }[];
        const widened = findings.find((finding) => finding.rule === 'leakgate-config-widened');
        expect(widened).toMatchObject({ file: WHAT[variant].file, commit: widening });
        expect(widened!.description).toContain(WHAT[variant].text);
        noSecretIn(run.stdout + run.stderr);
      }
      // With the base branch's config, the secret is reported as well.
      const judged = leakgate(repo, ['scan', '--history', 'origin/main..HEAD', '--config-from', 'origin/main', '--format', 'json']);
      expect((JSON.parse(judged.stdout).findings as { rule: string }[]).map((finding) => finding.rule)).toContain('mailjet-secret-key');
      // SARIF carries the widening like any other finding.
      const sarif = JSON.parse(leakgate(repo, ['scan', '--history', 'origin/main..HEAD', '--format', 'sarif']).stdout);
      expect(sarif.runs[0].results.map((result: { ruleId: string }) => result.ruleId)).toContain('leakgate-config-widened');
    },
  );

  it('--config-from origin/main ignores the branch config for a work-tree scan too, and names <rev>:file in errors', () => {
    const { repo } = env;
    widenThenLeak(repo, 'allowlist');
    expect(leakgate(repo, ['scan']).status).toBe(0); // the branch's own ".env" silences a plain scan
    const run = leakgate(repo, ['scan', '--config-from', 'origin/main', '--format', 'json']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).findings).toEqual([expect.objectContaining({ rule: 'mailjet-secret-key', file: '.env' })]);

    repo.write('.leakgate.json', '{ "allowlist": { "paths": ".env" } }\n');
    repo.commitAll('broken config');
    repo.git('tag', 'broken');
    const broken = leakgate(repo, ['scan', '--history', 'origin/main..HEAD', '--config-from', 'broken']);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('broken:.leakgate.json is not valid');
    expect(broken.stderr).toContain('allowlist.paths');
    const missing = leakgate(repo, ['scan', '--history', '--config-from', 'no-such-branch']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no-such-branch');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('accepts a widening by commit id on the command line or in the environment, and refuses a malformed id', () => {
    const { repo } = env;
    const widening = widenThenLeak(repo, 'allowlist');
    const report = JSON.parse(
      leakgate(repo, ['scan', '--history', 'origin/main..HEAD', '--config-from', 'origin/main', '--format', 'json']).stdout,
    );
    const widened = report.findings.find((finding: { rule: string }) => finding.rule === 'leakgate-config-widened');
    expect(widened.commit).toBe(widening);
    // Accepting by command line: the secret is then let through by the accepted ".env".
    expect(
      leakgate(repo, ['scan', '--history', 'origin/main..HEAD', '--config-from', 'origin/main', '--accept-config-change', widening]).status,
    ).toBe(0);
    expect(
      leakgate(repo, ['scan', '--history', 'origin/main..HEAD', '--config-from', 'origin/main'], {
        LEAKGATE_ACCEPT_CONFIG: widening.slice(0, 7),
      }).status,
    ).toBe(0);
    const bad = leakgate(repo, ['scan', '--history', '--accept-config-change', 'HEAD']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('not a commit id');
  });
});
