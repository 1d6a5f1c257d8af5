import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeGithubToken, fakeMailjetPair } from '../helpers/fakeSecrets';
import { hookedRepoWith, installedLeakgate, installHooks, refusedCommit } from '../helpers/installedHook';
import { TempRepo, tempDir } from '../helpers/repo';

// Issue 17, point 1: a big blocked push prints a compact report that fits a screen, grouped by
// provider and rule, ending in a summary line; the full list is one variable away.

const COMMITS = 15;

/** A repository with the installed hooks, COMMITS unpushed commits each adding a token and a Mailjet pair, and its bare remote. */
function bigPush(): { repo: TempRepo; remote: TempRepo } {
  const remote = new TempRepo(tempDir('leakgate-remote-'), { init: false });
  remote.git('init', '-q', '--bare', '-b', 'main');
  const repo = TempRepo.pushingTo(remote);
  for (let index = 0; index < COMMITS; index++) {
    const { apiKey, secretKey } = fakeMailjetPair(`layout-${index}`);
    repo.write(
      `src/client${index}.js`,
      `const token = '${fakeGithubToken(`layout-${index}`)}';\nconst mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\n`,
    );
    repo.commitAll(`client ${index}`);
  }
  installHooks(repo);
  return { repo, remote };
}

describe('the layout of a big blocked push, through a real git push', () => {
  let env: ReturnType<typeof bigPush>;
  beforeAll(() => {
    installedLeakgate();
    env = bigPush();
  }, 180_000);
  afterAll(() => {
    env.repo.cleanup();
    env.remote.cleanup();
  });

  it('by default: compact, grouped by provider and rule, one revoke line per provider, a summary line last', () => {
    const push = env.repo.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    const lines = push.stderr.split('\n');
    expect(lines).toContain(`✖ leakgate blocked this push: ${2 * COMMITS} secrets in the ${COMMITS} commits origin does not have yet.`);
    expect(lines).toContain(`GitHub: GitHub personal access token (classic) [github-pat-classic], ${COMMITS} findings`);
    expect(lines).toContain(`Mailjet: Mailjet API key and secret key (the full credential) [mailjet-api-key-pair], ${COMMITS} findings`);
    expect(lines.filter((line) => /^ {2}src\/client\d+\.js:\d+:\d+ {2}\[/.test(line))).toHaveLength(2 * COMMITS);
    expect(lines.filter((line) => line.startsWith('If GitHub secrets were ever pushed'))).toHaveLength(1);
    expect(push.stderr).toContain('LEAKGATE_VERBOSE=1 git push');
    const summary = lines.filter((line) => line.startsWith('Summary: '));
    expect(summary).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Summary: ${2 * COMMITS} secrets \\(critical ${COMMITS}, high ${COMMITS}; GitHub ${COMMITS}, Mailjet ${COMMITS}\\) in ${COMMITS} files and ${COMMITS} commits; scanned ${COMMITS} commits, `,
        ),
      ),
    ]);
    expect(lines.length).toBeLessThan(60);
    expect(push.stderr).not.toContain('How to fix\n');
  });

  it('LEAKGATE_MAX_FINDINGS=4 cuts the list; LEAKGATE_VERBOSE=1 prints every finding with its fix steps', () => {
    const cut = env.repo.gitResult(['push', 'origin', 'main'], undefined, { LEAKGATE_MAX_FINDINGS: '4' });
    expect(cut.stderr).toContain(`Listed 4 of ${2 * COMMITS} findings`);
    expect(cut.stderr).toContain(`  … and ${COMMITS - 2} more`);
    const verbose = env.repo.gitResult(['push', 'origin', 'main'], undefined, { LEAKGATE_VERBOSE: '1' });
    expect(verbose.status).not.toBe(0);
    expect(verbose.stderr.split('How to fix').length - 1).toBe(2 * COMMITS);
    expect(verbose.stderr.split('\n').length).toBeGreaterThan(10 * COMMITS);
    expect(verbose.stderr).toMatch(/^Summary: /m);
  });

  it('a bad LEAKGATE_MAX_FINDINGS blocks with a clear message (exit 2), never a stack trace', () => {
    const push = env.repo.gitResult(['push', 'origin', 'main'], undefined, { LEAKGATE_MAX_FINDINGS: 'lots' });
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('LEAKGATE_MAX_FINDINGS takes a whole number (0 lists every finding), not "lots".');
    expect(push.stderr).not.toMatch(/\n\s+at /);
  });

  it('scan --history --output FILE: the report in the file, its summary line on the terminal; --max-findings on the command line', () => {
    const out = join(tempDir('leakgate-out-'), 'report.txt');
    const scan = env.repo.leakgate(['scan', '--history', '--output', out, '--max-findings', '3']);
    expect(scan.status).toBe(1);
    expect(scan.stdout).toBe('');
    expect(scan.stderr).toMatch(
      new RegExp(`^Summary: ${2 * COMMITS} secrets \\(critical ${COMMITS}, high ${COMMITS}; GitHub ${COMMITS}, Mailjet ${COMMITS}\\)`, 'm'),
    );
    const report = readFileSync(out, 'utf8');
    expect(report).toContain(`Listed 3 of ${2 * COMMITS} findings`);
    const bad = env.repo.leakgate(['scan', '--max-findings', 'x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--max-findings takes a whole number');
  });

  it('scan --format json --output FILE: JSON in the file, the summary line on the terminal', () => {
    const out = join(tempDir('leakgate-out-'), 'report.json');
    const scan = env.repo.leakgate(['scan', '--format', 'json', '--output', out]);
    expect(scan.status).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).findings).toHaveLength(2 * COMMITS);
    expect(scan.stderr).toMatch(/^Summary: /m);
  });
});

describe('the layout of a big blocked commit, through the installed pre-commit hook', () => {
  it('12 staged secrets: compact, the unstage command in the one-line fix, a summary line last; LEAKGATE_VERBOSE=1: each in full', () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 12; index++) files[`src/c${index}.js`] = `const token = '${fakeGithubToken(`layout-commit-${index}`)}';\n`;
    const repo = hookedRepoWith(files);
    try {
      const stderr = refusedCommit(repo, 'tokens');
      const lines = stderr.split('\n');
      expect(lines).toContain('GitHub: GitHub personal access token (classic) [github-pat-classic], 12 findings');
      expect(lines).toContain(
        'How to fix: take each file out of this commit (git restore --staged -- <path>), delete the secret, read it from the environment instead, and stage it again.',
      );
      expect(lines.filter((line) => line.startsWith('Summary: '))).toEqual([
        expect.stringMatching(/^Summary: 12 secrets \(critical 12; GitHub 12\) in 12 files; scanned 12 files, /),
      ]);
      const verbose = repo.gitResult(['commit', '-q', '-m', 'tokens'], undefined, { LEAKGATE_VERBOSE: '1' });
      expect(verbose.status).not.toBe(0);
      expect(verbose.stderr.split('How to fix\n').length - 1).toBe(12);
    } finally {
      repo.cleanup();
    }
  });
});
