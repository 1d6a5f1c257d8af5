import { fakeGithubToken, fakeHex, fakeMailjetPair } from '../helpers/fakeSecrets';
import { TempRepo, tempDir } from '../helpers/repo';

// A big work-tree scan is judged by worker threads (above a few MB, with more than two cores), a
// small one on the main thread. Whoever judges, the verdict must be the same: the same findings at
// the same places, in the same order, the same skipped files and totals. LEAKGATE_WORKERS=2 forces
// two workers and LEAKGATE_WORKERS=0 the main thread, so the scan runs both ways and the JSON
// reports are compared. The same repository then goes through the git-fed modes (added files read
// as blobs, beside patches).

const { apiKey, secretKey } = fakeMailjetPair('workers');
const github = fakeGithubToken('workers');

/** ~10 MB of ordinary source in 400 files, three secrets among them, a binary file and an oversized one. */
function fillRepo(repo: TempRepo): void {
  const filler = (index: number) =>
    Array.from(
      { length: 500 },
      (_, line) => `export const value${index}_${line} = computeSomething(${line}, "token-free text ${fakeHex(`${index}`, 8)}");`,
    ).join('\n') + '\n';
  for (let index = 0; index < 400; index++) repo.write(`src/part${Math.floor(index / 50)}/file${index}.js`, filler(index));
  repo.write('src/part3/file150.js', `${filler(150)}const mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\n`);
  repo.write('src/part7/file399.js', `${filler(399)}const token = '${github}';\n`);
  repo.write('config/.env', `A=1\nMJ_APIKEY_PRIVATE=${secretKey}\n`);
  repo.write('assets/logo.bin', Buffer.from([0, 1, 2, 3, 0, 255]));
  repo.write('data/huge.txt', 'plain words only\n'.repeat(200_000));
  repo.write('.leakgate.json', JSON.stringify({ maxFileSize: '2MB' }));
}

describe('big runs: worker threads judge like the main thread; blobs and patches agree', () => {
  const repo = new TempRepo();
  const remote = new TempRepo(tempDir('leakgate-remote-'), { init: false });
  beforeAll(() => {
    remote.git('init', '-q', '--bare', '-b', 'main');
    fillRepo(repo);
    repo.git('add', '-A');
  });
  afterAll(() => {
    repo.cleanup();
    remote.cleanup();
  });

  const bothWays = (args: string[]) => {
    const threads = repo.leakgate(args, { env: { LEAKGATE_WORKERS: '2' } });
    const single = repo.leakgate(args, { env: { LEAKGATE_WORKERS: '0' } });
    expect(threads.stderr).toBe(single.stderr);
    expect(threads.status).toBe(single.status);
    expect(threads.stdout).toBe(single.stdout);
    return JSON.parse(threads.stdout);
  };

  it('scan --staged (400 added files: read as blobs): every secret found, binary and oversized judged, none skipped', () => {
    const run = repo.leakgate(['scan', '--staged', '--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((finding: { file: string; rule: string }) => `${finding.file} ${finding.rule}`)).toEqual([
      'config/.env mailjet-secret-key',
      'src/part3/file150.js mailjet-api-key-pair',
      'src/part7/file399.js github-pat-classic',
    ]);
    expect(report.skipped).toEqual([]); // the binary file is judged by its printable text, the oversized one in windows
    expect(report.scanned.bytes).toBeGreaterThan(8_000_000);
  });

  it('the pre-commit hook blocks with all three, and changes nothing', () => {
    const before = repo.state();
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('3 secrets in the staged changes');
    expect(repo.state()).toEqual(before);
  });

  it('scan of the work tree: same report with workers and without', () => {
    const tree = bothWays(['scan', '--format', 'json']);
    expect(tree.findings.map((finding: { file: string }) => finding.file)).toEqual([
      'config/.env',
      'src/part3/file150.js',
      'src/part7/file399.js',
    ]);
    expect(tree.skipped).toEqual([]);
  });

  it('scan --history: the big commit read as blobs, the edit as a patch, each finding on its commit', () => {
    repo.git('commit', '-q', '--no-verify', '-m', 'big');
    repo.write('src/part0/file0.js', `// edited\nconst again = '${github}';\n`);
    repo.git('commit', '-q', '--no-verify', '-am', 'edit');
    const [edit, big] = repo.git('rev-list', 'HEAD').trim().split('\n');
    const run = repo.leakgate(['scan', '--history', '--format', 'json']);
    expect(run.status).toBe(1);
    const history = JSON.parse(run.stdout);
    expect(history.findings.map((finding: { file: string; commit: string }) => `${finding.commit} ${finding.file}`)).toEqual([
      `${big} config/.env`,
      `${big} src/part3/file150.js`,
      `${big} src/part7/file399.js`,
      `${edit} src/part0/file0.js`,
    ]);
    expect(history.findings[3]).toMatchObject({ line: 2 });
  });
});
