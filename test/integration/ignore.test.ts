import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeGithubToken, fakeMailjetPair } from '../helpers/fakeSecrets';
import { runOnTerminal } from '../helpers/ptyDialogue';
import { CLI, TempRepo } from '../helpers/repo';

/**
 * `leakgate ignore`: deliberate, recorded, and able to expire. Findings come from real blocked
 * runs in real repositories; the terminal path runs on a pseudo-terminal.
 */
const token = fakeGithubToken('ignore');
const { secretKey } = fakeMailjetPair('ignore');

interface Entry {
  fingerprint: string;
  reason?: string;
  by?: string;
  at?: string;
  until?: string;
}

/** A repository whose staged change holds three secrets, blocked once so `--last` has a run. */
function blockedRepo(): TempRepo {
  const repo = TempRepo.withInitialCommit();
  repo.git('config', 'user.name', 'Ada Lovelace');
  repo.git('config', 'user.email', 'ada@example.invalid');
  repo.write('a.env', `GITHUB_TOKEN=${token}\n`);
  repo.write('b.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
  repo.write('src/c.js', `const token = '${token}';\n`);
  repo.git('add', '-A');
  expect(repo.leakgate(['pre-commit']).status).toBe(1);
  return repo;
}

function entries(repo: TempRepo): (string | Entry)[] {
  return (JSON.parse(readFileSync(join(repo.dir, '.leakgate.json'), 'utf8')) as { allowlist: { fingerprints: (string | Entry)[] } })
    .allowlist.fingerprints;
}

function lastRunFingerprints(repo: TempRepo): string[] {
  return (JSON.parse(readFileSync(join(repo.dir, '.git/leakgate/last-run.json'), 'utf8')) as { fingerprints: string[] }).fingerprints;
}

function futureDay(): string {
  return new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
}

describe('leakgate ignore', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = blockedRepo();
  });
  afterEach(() => repo.cleanup());

  it('without a terminal, --last needs --all or fingerprints: exit 2, nothing written', () => {
    const run = repo.leakgate(['ignore', '--last']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('would allowlist 3 findings of the last blocked run');
    expect(run.stderr).toContain('ignore --last --all --reason');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(() => readFileSync(join(repo.dir, '.leakgate.json'))).toThrow();
    expect(repo.leakgate(['ignore', '--all']).status).toBe(2);
  });

  it('--last --all records the reason, who, when and until; --list shows them; the findings stop blocking', () => {
    const until = futureDay();
    const run = repo.leakgate(['ignore', '--last', '--all', '--reason', 'fixture keys for the tests', '--until', until]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('added 3 fingerprints');
    const recorded = entries(repo) as Entry[];
    expect(recorded.map((entry) => entry.fingerprint).sort()).toEqual([...lastRunFingerprints(repo)].sort());
    for (const entry of recorded) {
      expect(entry).toEqual({
        fingerprint: expect.any(String),
        reason: 'fixture keys for the tests',
        by: 'Ada Lovelace <ada@example.invalid>',
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        until,
      });
    }
    expect(JSON.stringify(recorded)).not.toContain(token);
    expect(repo.leakgate(['pre-commit']).status).toBe(0);

    const list = repo.leakgate(['ignore', '--list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('3 ignored fingerprints in .leakgate.json');
    expect(list.stdout).toContain('reason: fixture keys for the tests');
    expect(list.stdout).toContain(`by Ada Lovelace <ada@example.invalid> on ${new Date().toISOString().slice(0, 10)}`);
    expect(list.stdout).toContain(`Ignored until ${until}`);
  });

  it('an entry past its until day blocks again; an old bare fingerprint still silences, and both are listed', () => {
    const [first, second] = lastRunFingerprints(repo).sort();
    const third = lastRunFingerprints(repo).sort()[2]!;
    repo.write(
      '.leakgate.json',
      JSON.stringify({
        allowlist: { fingerprints: [first, { fingerprint: second, reason: 'until the migration', until: '2020-01-31' }, third] },
      }),
    );
    const blocked = repo.leakgate(['pre-commit']);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('blocked this commit: 1 secret');
    expect(blocked.stderr).toContain(second!.split(':')[0]);
    // The same entry with a day still ahead silences it again.
    repo.write(
      '.leakgate.json',
      JSON.stringify({
        allowlist: { fingerprints: [first, { fingerprint: second, reason: 'until the migration', until: futureDay() }, third] },
      }),
    );
    expect(repo.leakgate(['pre-commit']).status).toBe(0);
    repo.write(
      '.leakgate.json',
      JSON.stringify({
        allowlist: { fingerprints: [first, { fingerprint: second, reason: 'until the migration', until: '2020-01-31' }, third] },
      }),
    );
    const list = repo.leakgate(['ignore', '--list']);
    expect(list.stdout).toContain('Expired on 2020-01-31: it blocks again.');
    expect(list.stdout).toContain('(recorded without a reason');
    // Ignoring it again keeps the bare entries as they are and records the new reason.
    expect(repo.leakgate(['ignore', second!, '--reason', 'extended', '--until', futureDay()]).status).toBe(0);
    const after = entries(repo);
    expect(after.filter((entry) => typeof entry === 'string')).toEqual([first, third]);
    expect(after.find((entry) => typeof entry !== 'string')).toMatchObject({ fingerprint: second, reason: 'extended' });
  });

  it('refuses a day that is not one, or already past, and a malformed until in the config', () => {
    for (const bad of ['2027-02-30', 'tomorrow', '2020-01-01']) {
      const run = repo.leakgate(['ignore', '--last', '--all', '--until', bad]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('--until');
    }
    repo.write(
      '.leakgate.json',
      JSON.stringify({ allowlist: { fingerprints: [{ fingerprint: 'a:b:v2-0123456789abcdef', until: 'soon' }] } }),
    );
    const scan = repo.leakgate(['pre-commit']);
    expect(scan.status).toBe(2);
    expect(scan.stderr).toContain('expected a day written YYYY-MM-DD');
  });
});

describe('leakgate ignore --last on a terminal', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = blockedRepo();
  });
  afterEach(() => repo.cleanup());

  it('lists the findings redacted, takes a selection and a reason, and records only those', () => {
    const { status, output } = runOnTerminal(
      [process.execPath, CLI, 'ignore', '--last'],
      [
        ['Ignore which?', '9'],
        ['numbers from 1 to 3', '1,3'],
        ['Why are they', ''],
        ['Why are they', 'test fixtures'],
      ],
      { cwd: repo.dir },
    );
    expect(status).toBe(0);
    expect(output).toContain('The last blocked run found 3 secrets (redacted):');
    expect(output).toContain('a.env:1  github-pat-classic  ghp_…');
    expect(output).not.toContain(token);
    expect(output).not.toContain(secretKey);
    expect(output).toContain('added 2 fingerprints');
    const listed = output.split('\n').filter((line) => /^\s+\d\. /.test(line));
    expect(listed).toHaveLength(3);
    const chosen = [listed[0]!, listed[2]!].map((line) => line.trim().split(/\s+/)[1]!.replace(/:\d+$/, ''));
    const recorded = entries(repo) as Entry[];
    expect(recorded.map((entry) => entry.fingerprint.split(':')[0]).sort()).toEqual(chosen.sort());
    expect(recorded.every((entry) => entry.reason === 'test fixtures' && entry.by === 'Ada Lovelace <ada@example.invalid>')).toBe(true);
  });

  it('none ignores nothing', () => {
    const { status, output } = runOnTerminal([process.execPath, CLI, 'ignore', '--last'], [['Ignore which?', 'none']], { cwd: repo.dir });
    expect(status).toBe(0);
    expect(output).toContain('nothing ignored');
    expect(() => readFileSync(join(repo.dir, '.leakgate.json'))).toThrow();
  });
});
