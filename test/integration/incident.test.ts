import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { TempRepo, tempDir } from '../helpers/repo';

const { apiKey } = fakeMailjetPair('incident');
const envLine = `MJ_APIKEY_PUBLIC=${apiKey}\n`;

/** The fingerprint a JSON scan prints for the key. */
function fingerprintOf(repo: TempRepo, args: string[]): string {
  const run = repo.leakgate(['scan', ...args, '--format', 'json']);
  expect(run.status).toBe(1);
  const findings = JSON.parse(run.stdout).findings as { fingerprint: string; rule: string }[];
  expect([...new Set(findings.map((finding) => finding.rule))]).toEqual(['mailjet-api-key']);
  return findings[0]!.fingerprint;
}

/** Neither the key nor any stretch of its middle is in the output. */
function noSecretIn(output: string): void {
  expect(output).not.toContain(apiKey);
  expect(output).not.toContain(apiKey.slice(4, 20));
  expect(output).not.toContain(apiKey.slice(12, 28));
}

/** The lines of the report's section under `heading`, up to the next blank line. */
function section(output: string, heading: string): string[] {
  const lines = output.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThan(-1);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end).map((line) => line.trim());
}

function incident(repo: TempRepo, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = repo.leakgate(['incident', ...args]);
  noSecretIn(run.stdout + run.stderr);
  return run;
}

describe('leakgate incident', () => {
  const repos: TempRepo[] = [];
  const track = (repo: TempRepo) => {
    repos.push(repo);
    return repo;
  };
  afterEach(() => {
    for (const repo of repos.splice(0)) repo.cleanup();
  });

  it('a key only in the index: never committed, only local, a rewrite and no revocation', () => {
    const repo = track(TempRepo.withInitialCommit());
    repo.write('settings.env', envLine);
    repo.git('add', 'settings.env');
    const fingerprint = fingerprintOf(repo, ['--staged']);
    const before = repo.state();
    const run = incident(repo, [fingerprint]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(section(run.stdout, 'Where it is in this clone')).toEqual(['work tree: settings.env', 'index: settings.env']);
    expect(run.stdout).toContain('No, only local');
    expect(run.stdout).toContain('never committed');
    expect(run.stdout).toContain('needs no revocation, only a rewrite');
    expect(section(run.stdout, 'How to rewrite it away (nothing to revoke)')).toEqual([
      'Take it out of settings.env (or let `leakgate fix` move it to .env), then stage the clean file so the index no longer holds it:',
      'git add -- settings.env',
    ]);
    expect(run.stdout).not.toContain('What to do, in this order');
    expect(run.stdout).not.toContain('filter-repo');
    expect(repo.state()).toEqual(before);
  });

  it('a key in a local commit: the first commit with author and date, and amending it is enough', () => {
    const repo = track(TempRepo.withInitialCommit());
    repo.write('config/settings.env', envLine);
    repo.git('add', '-A');
    repo.gitResult(['commit', '-q', '--no-verify', '-m', 'add settings'], undefined, {
      GIT_AUTHOR_NAME: 'Ada Dev',
      GIT_AUTHOR_EMAIL: 'ada@example.invalid',
      GIT_AUTHOR_DATE: '2026-11-02T09:30:00+01:00',
    });
    const sha = repo.git('rev-parse', '--short', 'HEAD').trim();
    const run = incident(repo, [fingerprintOf(repo, [])]);
    expect(run.status).toBe(1);
    const where = section(run.stdout, 'Where it is in this clone');
    expect(where).toContain(
      `first commit that added it: ${sha} "add settings" by Ada Dev <ada@example.invalid>, 2026-11-02T09:30:00+01:00 (config/settings.env)`,
    );
    expect(where).toContain('branches: main');
    expect(where).not.toContain('remote-tracking branches');
    expect(run.stdout).toContain('No, only local');
    const rewrite = section(run.stdout, 'How to rewrite it away (nothing to revoke)');
    expect(rewrite).toContain('git commit --amend --no-edit');
    expect(rewrite).toContain('git reflog expire --expire-unreachable=now refs/heads/main HEAD && git gc --prune=now');
    expect(run.stdout).not.toContain('What to do, in this order');
  });

  it('a key pushed to a local bare remote: the remote named, the six steps in order, filter-repo commands', () => {
    const remote = track(new TempRepo(tempDir('leakgate-remote-'), { init: false }));
    remote.git('init', '-q', '--bare', '-b', 'main');
    const repo = track(TempRepo.pushingTo(remote));
    repo.write('src/mail.js', `const mailjet = Mailjet.apiConnect('${apiKey}', process.env.MJ_APIKEY_PRIVATE);\n`);
    repo.gitResult(['add', '-A']);
    repo.gitResult(['commit', '-q', '--no-verify', '-m', 'send mail'], undefined, { GIT_AUTHOR_DATE: '2026-10-05T12:00:00Z' });
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    repo.write('README.md', '# app, more\n');
    repo.commitAll('later work');
    const later = repo.git('rev-parse', '--short', 'HEAD').trim();
    fingerprintOf(repo, []);
    // A text scan records the run for --last (JSON and SARIF scans leave .git as it was).
    expect(repo.leakgate(['scan']).status).toBe(1);
    const run = incident(repo, ['--last']);
    expect(run.status).toBe(1);
    const where = section(run.stdout, 'Where it is in this clone');
    expect(where).toContain('later commits that still carry it: 1');
    expect(where).toContain(`${later} "later work" (src/mail.js)`);
    expect(where).toContain('remote-tracking branches: origin/main');
    expect(section(run.stdout, 'Was it pushed?')[0]).toMatch(/^Yes: origin \(origin\/main\)/);
    const steps = section(run.stdout, 'What to do, in this order');
    const numbered = steps.filter((line) => /^\d\. /.test(line));
    expect(numbered.map((line) => line.split(/[.:] /).slice(0, 2).join('. '))).toEqual([
      '1. Create a new key',
      '2. Put the new key in your secret store',
      '3. Update every service that uses the old key (staging first), reading the new one from the secret store.',
      '4. Deactivate and delete the old key (https://app.mailjet.com/account/apikeys), once nothing uses it any more.',
      "5. Check Mailjet's logs for use of the old key between 2026-10-05 (the first commit) and now (" +
        `${new Date().toISOString().slice(0, 10)})`,
      '6. Purge history where needed, only after revoking',
    ]);
    expect(numbered[1]).toContain('MJ_APIKEY_PUBLIC');
    expect(numbered[1]).toContain('HashiCorp Vault');
    expect(numbered[4]).toContain(`between 2026-10-05 (the first commit) and now (${new Date().toISOString().slice(0, 10)})`);
    expect(numbered[5]).toContain('only after revoking: purging does not un-leak');
    expect(steps).toContain(
      `git clone --mirror "$(git -C ${repo.dir} remote get-url origin)" ../purge-origin.git && cd ../purge-origin.git`,
    );
    expect(steps).toContain('git filter-repo --replace-text ../leakgate-replacements.txt');
    expect(steps).toContain('git filter-repo --invert-paths --path src/mail.js');
    expect(steps).toContain(`git push --force --mirror "$(git -C ${repo.dir} remote get-url origin)"`);
    expect(run.stdout).not.toContain('only local');

    const markdown = incident(repo, ['--last', '--format', 'markdown']);
    expect(markdown.status).toBe(1);
    expect(markdown.stdout).toMatch(/^## leakgate incident: Mailjet API key/);
    expect(markdown.stdout).toContain('### What to do, in this order');
    expect(markdown.stdout).toContain('- [ ] 1. Create a new key.');
    expect(markdown.stdout).toContain('- [ ] 6. Purge history');
    expect(markdown.stdout).toContain('```sh\n  git filter-repo --invert-paths --path src/mail.js\n');
  });

  it('a key force-pushed away is still a pushed key: the remote-tracking reflog shows it was there', () => {
    const remote = track(new TempRepo(tempDir('leakgate-remote-'), { init: false }));
    remote.git('init', '-q', '--bare', '-b', 'main');
    const repo = track(TempRepo.pushingTo(remote));
    repo.write('settings.env', envLine);
    repo.commitAll('add settings');
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    const fingerprint = fingerprintOf(repo, []);
    repo.git('rm', '-q', 'settings.env');
    repo.git('commit', '-q', '--no-verify', '--allow-empty', '--amend', '-m', 'no settings');
    repo.git('push', '-q', '--no-verify', '--force', 'origin', 'main');
    const run = incident(repo, [fingerprint]);
    expect(run.status).toBe(1);
    const where = section(run.stdout, 'Where it is in this clone');
    expect(where).not.toContain('branches: main');
    expect(where).toContain('reflog of refs/remotes/origin/main: 1 entry (refs/remotes/origin/main@{1})');
    expect(section(run.stdout, 'Was it pushed?')[0]).toMatch(/^Yes: origin \(refs\/remotes\/origin\/main@\{1\}\)/);
    expect(run.stdout).toContain('What to do, in this order');
  });

  it('a key in a stash and on two branches: both branches, the stash entry that holds it, the later commits', () => {
    const repo = track(TempRepo.withInitialCommit());
    repo.git('checkout', '-q', '-b', 'one');
    repo.write('settings.env', envLine);
    repo.git('add', '-A');
    // A day earlier than the stash: the first commit is told by date (commits of one second tie).
    repo.gitResult(['commit', '-q', '--no-verify', '-m', 'add settings'], undefined, { GIT_AUTHOR_DATE: '2026-01-02T10:00:00Z' });
    const added = repo.git('rev-parse', '--short', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'two');
    repo.write('notes.txt', 'two\n');
    repo.commitAll('work on two');
    repo.git('checkout', '-q', 'main');
    // The key stashed on main, then an unrelated stash on top: stash@{1} holds it, stash@{0} does not.
    repo.write('local.env', envLine);
    repo.git('add', 'local.env');
    repo.git('stash', '-q');
    repo.write('README.md', '# app, edited\n');
    repo.git('stash', '-q');
    const before = repo.state();
    const run = incident(repo, [fingerprintOf(repo, ['--history'])]);
    expect(run.status).toBe(1);
    const where = section(run.stdout, 'Where it is in this clone');
    expect(where.find((line) => line.startsWith('first commit that added it:'))).toContain(`${added} "add settings"`);
    expect(where).toContain('branches: one, two');
    expect(where).toContain('stashes: stash@{1}');
    expect(where.find((line) => line.startsWith('later commits that still carry it:'))).toBe('later commits that still carry it: 3');
    expect(where.some((line) => line.includes('"work on two" (settings.env)'))).toBe(true);
    expect(where.some((line) => line.includes('"index on main') && line.includes('(local.env)'))).toBe(true);
    expect(where.some((line) => line.includes('"WIP on main') && line.includes('(local.env)'))).toBe(true);
    expect(where.some((line) => line.startsWith('work tree') || line.startsWith('index'))).toBe(false);
    expect(run.stdout).toContain('No, only local');
    const rewrite = section(run.stdout, 'How to rewrite it away (nothing to revoke)');
    expect(rewrite).toContain('git filter-repo --force --replace-text ../leakgate-replacements.txt --refs refs/heads/one refs/heads/two');
    expect(rewrite).toContain("git stash drop 'stash@{1}'");
    expect(rewrite.some((line) => line.includes("'stash@{0}'"))).toBe(false);
    expect(repo.state()).toEqual(before);
  });

  it('a key quoted in a commit message: that message is a place, and every subject shown is masked', () => {
    const repo = track(TempRepo.withInitialCommit());
    repo.write('settings.env', envLine);
    repo.commitAll('add settings');
    repo.write('README.md', '# app, notes\n');
    repo.commitAll(`notes (was ${envLine.trim()})`);
    const quoted = repo.git('rev-parse', '--short', 'HEAD').trim();
    const run = incident(repo, [fingerprintOf(repo, ['--history'])]);
    expect(run.status).toBe(1);
    const where = section(run.stdout, 'Where it is in this clone');
    expect(where).toContain(`in messages: commit ${quoted}`);
    expect(where).toContain(`${quoted} "notes (was MJ_APIKEY_PUBLIC=${apiKey.slice(0, 4)}…)" (settings.env)`);
  });

  it('a key in a renamed file: the commits after the rename carry it at the new path', () => {
    const repo = track(TempRepo.withInitialCommit());
    repo.write('settings.env', envLine);
    repo.commitAll('add settings');
    repo.git('mv', 'settings.env', 'app.env');
    repo.commitAll('move settings');
    const moved = repo.git('rev-parse', '--short', 'HEAD').trim();
    // Deleted since: only the rename says where it went.
    repo.git('rm', '-q', 'app.env');
    repo.commitAll('drop settings');
    const run = incident(repo, [fingerprintOf(repo, ['--history'])]);
    expect(run.status).toBe(1);
    const where = section(run.stdout, 'Where it is in this clone');
    expect(where).toContain('later commits that still carry it: 1');
    expect(where).toContain(`${moved} "move settings" (app.env)`);
    expect(where.some((line) => line.startsWith('work tree'))).toBe(false);
  });

  it('a key found nowhere says so and exits 0; bad arguments are exit 2 with a clear message', () => {
    const repo = track(TempRepo.withInitialCommit());
    repo.write('settings.env', envLine);
    const fingerprint = fingerprintOf(repo, ['settings.env']);
    repo.write('settings.env', 'MJ_APIKEY_PUBLIC=\n');
    // Moved to an ignored .env (what `leakgate fix` does): not in git, but named as the place to rotate.
    repo.write('.gitignore', '.env\nnode_modules/\n');
    repo.write('.env', envLine);
    repo.write('node_modules/lib/.env', envLine);
    const gone = incident(repo, [fingerprint]);
    expect(gone.status).toBe(0);
    expect(gone.stdout).toContain('Not found in git in this clone');
    expect(gone.stdout).toContain('files git ignores (not in git; put the new key there when you rotate): .env\n');
    expect(gone.stdout).not.toContain('node_modules');

    const none = incident(repo, []);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('incident needs a fingerprint');
    const malformed = incident(repo, ['not-a-fingerprint']);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('not a fingerprint');
    const format = incident(repo, [fingerprint, '--format', 'sarif']);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('--format must be text or markdown');
    const fresh = track(TempRepo.withInitialCommit());
    const noLast = incident(fresh, ['--last']);
    expect(noLast.status).toBe(2);
    expect(noLast.stderr).toContain('no blocked run');
  });
});
