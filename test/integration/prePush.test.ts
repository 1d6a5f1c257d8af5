import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { fakeGithubToken, fakeMailjetPair } from '../helpers/fakeSecrets';
import { installedLeakgate, installHooks } from '../helpers/installedHook';
import { TempRepo, tempDir } from '../helpers/repo';

const { apiKey, secretKey } = fakeMailjetPair('push');
const envLine = `MJ_APIKEY_PRIVATE=${secretKey}\n`;

/** A working repository with the hooks `leakgate install` writes and a local bare remote. */
function setup(): { repo: TempRepo; remote: TempRepo; remoteHeads: () => string } {
  const remoteDir = tempDir('leakgate-remote with space-');
  const remote = new TempRepo(remoteDir, { init: false });
  remote.git('init', '-q', '--bare', '-b', 'main');
  const repo = TempRepo.pushingTo(remote);
  installHooks(repo);
  return { repo, remote, remoteHeads: () => remote.git('for-each-ref', '--format=%(refname) %(objectname)') };
}

function noSecretIn(output: string): void {
  expect(output).not.toContain(secretKey);
  expect(output).not.toContain(apiKey);
}

describe('leakgate pre-push through a real git push to a local bare remote', () => {
  let env: ReturnType<typeof setup>;
  beforeAll(() => {
    installedLeakgate();
  }, 180_000);
  beforeEach(() => {
    env = setup();
  });
  afterEach(() => {
    env.repo.cleanup();
    env.remote.cleanup();
  });

  it('refuses a new branch whose history holds a secret two commits back, and the remote stays unchanged', () => {
    const { repo, remoteHeads } = env;
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('.env', envLine);
    repo.commitAll('add env (bypassed)');
    repo.git('rm', '-q', '.env');
    repo.commitAll('remove env');
    repo.write('src/a.js', 'module.exports = 1;\n');
    repo.commitAll('more work');
    const before = remoteHeads();
    const push = repo.gitResult(['push', 'origin', 'feature']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('leakgate blocked this push');
    expect(push.stderr).toContain('"add env (bypassed)"');
    // Added and removed inside the push: the commits that carry it are folded, not edited.
    expect(push.stderr).toContain('added and removed again');
    expect(push.stderr).toContain('git reset --soft ');
    expect(push.stderr).toContain('git push --no-verify');
    noSecretIn(push.stdout + push.stderr);
    expect(remoteHeads()).toBe(before);
  });

  it('suggests amending when the secret is in the last commit', () => {
    const { repo } = env;
    repo.write('.env', envLine);
    repo.commitAll('env');
    const push = repo.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('git commit --amend --no-edit');
  });

  it('refuses two refs pushed at once when only the second is dirty', () => {
    const { repo, remoteHeads } = env;
    repo.git('checkout', '-q', '-b', 'a-clean');
    repo.write('clean.txt', 'ok\n');
    repo.commitAll('clean');
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-q', '-b', 'b-dirty');
    repo.write('.env', envLine);
    repo.commitAll('dirty');
    const before = remoteHeads();
    const push = repo.gitResult(['push', 'origin', 'a-clean', 'b-dirty']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('"dirty"');
    expect(remoteHeads()).toBe(before);
  });

  it('passes a deletion push', () => {
    const { repo, remoteHeads } = env;
    repo.git('push', '-q', '--no-verify', 'origin', 'main:old-branch');
    const push = repo.gitResult(['push', 'origin', '--delete', 'old-branch']);
    expect(push.status).toBe(0);
    expect(remoteHeads()).not.toContain('old-branch');
  });

  it('passes a force push that replaces a dirty remote commit with a clean one', () => {
    const { repo } = env;
    repo.write('.env', envLine);
    repo.commitAll('dirty');
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    repo.write('clean.txt', 'ok\n');
    repo.commitAll('clean replacement');
    const push = repo.gitResult(['push', '--force', 'origin', 'main']);
    expect(push.stderr).not.toContain('blocked');
    expect(push.status).toBe(0);
  });

  it('passes a force push where the overwritten remote commit is unknown locally', () => {
    const { repo, remote } = env;
    // Someone else pushed a dirty commit we never fetched.
    const other = new TempRepo();
    try {
      other.git('remote', 'add', 'origin', remote.dir);
      other.git('fetch', '-q', 'origin');
      other.git('checkout', '-q', '-b', 'main', 'origin/main');
      other.write('.env', envLine);
      other.commitAll('their secret');
      other.git('push', '-q', '--no-verify', 'origin', 'main');
    } finally {
      other.cleanup();
    }
    repo.write('mine.txt', 'ok\n');
    repo.commitAll('mine');
    const push = repo.gitResult(['push', '--force', 'origin', 'main']);
    expect(push.status).toBe(0);
  });

  it('scans a pushed tag', () => {
    const { repo } = env;
    repo.git('checkout', '-q', '--detach');
    repo.write('.env', envLine);
    repo.commitAll('release with secret');
    repo.git('tag', '-a', 'v1.0.0', '-m', 'release');
    repo.git('checkout', '-q', 'main');
    const push = repo.gitResult(['push', 'origin', 'v1.0.0']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('"release with secret"');
  });

  it('passes a merge that only joins clean branches', () => {
    const { repo } = env;
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('side.txt', 'side\n');
    repo.commitAll('side');
    repo.git('checkout', '-q', 'main');
    repo.write('main.txt', 'main\n');
    repo.commitAll('main work');
    repo.git('merge', '-q', '--no-edit', 'side');
    expect(repo.gitResult(['push', 'origin', 'main']).status).toBe(0);
  });

  it('judges a merge on its conflict resolution: a secret added there is refused', () => {
    const { repo } = env;
    repo.write('config.js', 'module.exports = { a: 1 };\n');
    repo.commitAll('config');
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('config.js', 'module.exports = { a: 2 };\n');
    repo.commitAll('side change');
    repo.git('checkout', '-q', 'main');
    repo.write('config.js', 'module.exports = { a: 3 };\n');
    repo.commitAll('main change');
    expect(repo.gitResult(['merge', 'side']).status).not.toBe(0); // conflict
    repo.write('config.js', `module.exports = { a: 4 };\nconst mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\n`);
    repo.git('add', 'config.js');
    repo.git('commit', '-q', '--no-verify', '--no-edit');
    const push = repo.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('mailjet-api-key-pair');
    expect(push.stderr).toContain("Merge branch 'side'");
  });

  it('does not blame a merge for a secret its second parent brought (that commit is judged itself)', () => {
    const { repo } = env;
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('.env', envLine);
    repo.commitAll('side secret');
    repo.git('checkout', '-q', 'main');
    repo.write('main.txt', 'x\n');
    repo.commitAll('main');
    repo.git('merge', '-q', '--no-edit', 'side');
    const push = repo.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('"side secret"');
    expect(push.stderr).not.toContain("Merge branch 'side'");
    expect(push.stderr).toContain('1 secret in the 3 commits');
  });
});

describe('leakgate pre-push fails closed', () => {
  it('exits 2 on empty input, a malformed line, or a sha it cannot resolve, with the bypass', () => {
    const repo = new TempRepo();
    try {
      repo.commitAll('init');
      const empty = repo.leakgate(['pre-push', 'origin', 'x'], { input: '' });
      expect(empty.status).toBe(2);
      expect(empty.stderr).toContain('no refs on standard input');
      expect(empty.stderr).toContain('git push --no-verify');
      const malformed = repo.leakgate(['pre-push', 'origin', 'x'], { input: 'garbage\n' });
      expect(malformed.status).toBe(2);
      const zero = '0'.repeat(40);
      const unknown = repo.leakgate(['pre-push', 'origin', 'x'], { input: `refs/heads/main ${'a'.repeat(40)} refs/heads/main ${zero}\n` });
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('cannot resolve');
    } finally {
      repo.cleanup();
    }
  });

  it('--verbose prints commits and bytes per ref, each shared commit scanned once', () => {
    const repo = new TempRepo();
    try {
      repo.write('a.txt', 'hello\n');
      repo.commitAll('one');
      repo.write('b.txt', 'world\n');
      repo.commitAll('two');
      const head = repo.head()!;
      const zero = '0'.repeat(40);
      const input = `refs/heads/main ${head} refs/heads/main ${zero}\nrefs/heads/main ${head} refs/heads/copy ${zero}\n`;
      const run = repo.leakgate(['pre-push', 'origin', 'x', '--verbose'], { input });
      expect(run.status).toBe(0);
      expect(run.stderr).toContain('refs/heads/main → refs/heads/main (new): 2 commits');
      expect(run.stderr).toContain('refs/heads/main → refs/heads/copy (new): 2 commits');
    } finally {
      repo.cleanup();
    }
  });
});

describe('scan --history, SARIF, baseline and ignore', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withInitialCommit('# x\n');
    repo.write('.env', envLine);
    repo.commitAll('leak');
    repo.git('rm', '-q', '.env');
    repo.commitAll('cleanup');
  });
  afterEach(() => repo.cleanup());

  it('attributes each history finding to the commit that added it', () => {
    const run = repo.leakgate(['scan', '--history', '--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    const leak = repo.git('rev-parse', 'HEAD~1').trim();
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ rule: 'mailjet-secret-key', file: '.env', line: 1, commit: leak });
    expect(report.scanned.commits).toBe(3);
    expect(repo.leakgate(['scan', '--history', 'HEAD~1..HEAD']).status).toBe(0);
    expect(repo.leakgate(['scan']).status).toBe(0);
  });

  it('writes SARIF 2.1.0 that validates against the schema, with no secret in it', () => {
    const run = repo.leakgate(['scan', '--history', '--format', 'sarif', '--output', 'out.sarif']);
    expect(run.status).toBe(1);
    const text = readFileSync(join(repo.dir, 'out.sarif'), 'utf8');
    expect(text).not.toContain(secretKey);
    const sarif = JSON.parse(text);
    const schema = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const [result] = sarif.runs[0].results;
    expect(result.ruleId).toBe('mailjet-secret-key');
    expect(result.partialFingerprints['leakgate/v2']).toMatch(/^\.env:mailjet-secret-key:v2-[0-9a-f]{16}$/);
    expect(sarif.runs[0].tool.driver.rules[0].help.text).toContain('Revoke and rotate');
  });

  it("baseline records today's findings: they stop blocking, new ones still block", () => {
    const made = repo.leakgate(['baseline']);
    expect(made.status).toBe(0);
    const baselineText = readFileSync(join(repo.dir, '.leakgate-baseline.json'), 'utf8');
    expect(baselineText).not.toContain(secretKey);
    expect(JSON.parse(baselineText).fingerprints).toHaveLength(1);
    expect(repo.leakgate(['scan', '--history']).status).toBe(0);
    // Committed, the baseline is a config widening of its own until accepted from outside the tree.
    repo.commitAll('baseline');
    const baselineCommit = repo.git('rev-parse', 'HEAD').trim();
    const widened = repo.leakgate(['scan', '--history', '--format', 'json']);
    expect(widened.status).toBe(1);
    expect(JSON.parse(widened.stdout).findings).toEqual([
      expect.objectContaining({ rule: 'leakgate-config-widened', file: '.leakgate-baseline.json', commit: baselineCommit }),
    ]);
    const accept = { env: { LEAKGATE_ACCEPT_CONFIG: baselineCommit } };
    expect(repo.leakgate(['scan', '--history'], accept).status).toBe(0);
    repo.write('app.py', `MAILJET_API_KEY = "${apiKey}"\n`);
    repo.commitAll('new leak');
    const after = repo.leakgate(['scan', '--history', '--format', 'json'], accept);
    expect(after.status).toBe(1);
    expect(JSON.parse(after.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['app.py']);
    // An explicit baseline file, given on the command line.
    expect(repo.leakgate(['baseline', 'other-baseline.json']).status).toBe(0);
    expect(repo.leakgate(['scan', '--history', '--baseline', 'other-baseline.json']).status).toBe(0);
  });

  it('ignore <fingerprint> allowlists exactly that finding', () => {
    const report = JSON.parse(repo.leakgate(['scan', '--history', '--format', 'json']).stdout);
    const run = repo.leakgate(['ignore', report.findings[0].fingerprint]);
    expect(run.status).toBe(0);
    expect(repo.leakgate(['scan', '--history']).status).toBe(0);
  });

  it('scan --staged judges the index', () => {
    repo.write('token.txt', `token: ${fakeGithubToken()}\n${envLine}`);
    repo.git('add', 'token.txt');
    const run = repo.leakgate(['scan', '--staged', '--format', 'json']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).findings.map((f: { line: number }) => f.line)).toContain(2);
  });
});
