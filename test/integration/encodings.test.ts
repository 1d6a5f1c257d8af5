import { realBinaries, utf16, utf32 } from '../helpers/encodings';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { installHooks } from '../helpers/installedHook';
import { TempRepo } from '../helpers/repo';

/**
 * Text that looks binary (issue 15, point 7): UTF-16 and UTF-32 with or without a BOM, and UTF-8
 * with stray NULs, are decoded and judged like any text, through the hook `leakgate install`
 * writes, `leakgate scan` and `scan --history`; real binaries beside them still pass.
 */

const { secretKey } = fakeMailjetPair('encodings');
const SECRET_LINE = `MJ_APIKEY_PRIVATE=${secretKey}`;
/** The key on line 2, after "X=ü€ " (5 characters, 7 bytes in UTF-8): its value starts at column 24. */
const TEXT = `A=1\nX=ü€ ${SECRET_LINE}\n`;
const AT = '2:24';

/** The same text in each way a reader may have saved it, by file name. */
const FILES: Record<string, Buffer> = {
  'utf16le-nobom.env': utf16(TEXT),
  'utf16be-nobom.env': utf16(TEXT, { bigEndian: true }),
  'utf32le-bom.txt': utf32(TEXT, { bom: true }),
  'utf32be-bom.txt': utf32(TEXT, { bom: true, bigEndian: true }),
  'utf32le-nobom.txt': utf32(TEXT),
  'utf32be-nobom.txt': utf32(TEXT, { bigEndian: true }),
  'stray-nul.env': Buffer.from(`\0${TEXT}`),
};
const PLACES = Object.keys(FILES)
  .map((file) => `${file}:${AT}`)
  .sort();

type JsonFinding = { file: string; line: number; column: number; rule: string; redacted: string; fingerprint: string };
const located = (stdout: string) =>
  (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}`).sort();

describe('text that looks binary, through the installed hook, scan and scan --history', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    installHooks(repo);
  });
  afterEach(() => repo.cleanup());

  it('a commit of UTF-16 without a BOM, UTF-32 with and without one, and a .env after a stray NUL is refused at each path:line:column; the real binaries beside them pass', () => {
    for (const [file, bytes] of Object.entries(FILES)) repo.write(file, bytes);
    for (const [name, bytes] of Object.entries(realBinaries())) repo.write(`assets/${name}.bin`, bytes);
    repo.git('add', '-A');
    expect(repo.git('diff', '--cached', '--numstat', '--', 'utf16le-nobom.env')).toMatch(/^-\t-\t/); // git's own verdict: binary
    const head = repo.head();
    const commit = repo.gitResult(['commit', '-q', '-m', 'encodings']);
    expect(commit.status).toBe(1);
    for (const place of PLACES) expect(commit.stderr).toContain(`${place} `);
    expect(commit.stderr).toContain(`${PLACES.length} secrets in the staged changes`);
    expect(commit.stderr).not.toContain('assets/');
    expect(commit.stderr).not.toContain(secretKey);
    expect(commit.stderr).not.toMatch(/[\0\ufffd]/);
    expect(repo.head()).toBe(head);

    // The binaries alone: nothing to refuse.
    repo.git('reset', '-q');
    repo.git('add', 'assets');
    const binaries = repo.gitResult(['commit', '-q', '-m', 'assets']);
    expect(binaries.stderr).toBe('');
    expect(binaries.status).toBe(0);
  });

  it('`leakgate scan <file>` reports each as the same text in UTF-8 would be: line, column, redacted value, fingerprint', () => {
    repo.write('app.env', TEXT);
    const plain = repo.leakgate(['scan', 'app.env', '--format', 'json']);
    expect(plain.status).toBe(1);
    const [expected] = (JSON.parse(plain.stdout) as { findings: JsonFinding[] }).findings;
    expect(expected).toMatchObject({ line: 2, column: 24, rule: 'mailjet-secret-key' });
    for (const bytes of Object.values(FILES)) {
      repo.write('app.env', bytes);
      const scan = repo.leakgate(['scan', 'app.env', '--format', 'json']);
      expect(scan.status).toBe(1);
      expect((JSON.parse(scan.stdout) as { findings: JsonFinding[] }).findings).toEqual([expected]);
    }
  });

  it('`scan --history` of a commit holding them (made with --no-verify) finds each at its path:line:column', () => {
    for (const [file, bytes] of Object.entries(FILES)) repo.write(file, bytes);
    repo.commitAll('encodings');
    const history = repo.leakgate(['scan', '--history', '--format', 'json']);
    expect(history.status).toBe(1);
    expect(located(history.stdout)).toEqual(PLACES);
  });

  it('over maxFileSize, streamed in pieces and judged in windows: UTF-16 without a BOM and UTF-32 refused at their line:column by the hook, scan and scan --history', () => {
    repo.write('.leakgate.json', JSON.stringify({ maxFileSize: '1KB' }));
    repo.commitAll('config');
    // 20 000 lines before the key: several windows, the key in a later one.
    const filler = 'lorem ipsum dolor sit amet, ünï\n'.repeat(20_000);
    const big: Record<string, Buffer> = { 'big16.env': utf16(filler + TEXT), 'big32.txt': utf32(filler + TEXT, { bigEndian: true }) };
    for (const [file, bytes] of Object.entries(big)) repo.write(file, bytes);
    const places = Object.keys(big)
      .map((file) => `${file}:20002:24`)
      .sort();
    repo.git('add', '-A');
    const commit = repo.gitResult(['commit', '-q', '-m', 'big']);
    expect(commit.status).toBe(1);
    for (const place of places) expect(commit.stderr).toContain(`${place} `);
    expect(commit.stderr).toContain('2 secrets in the staged changes');
    expect(located(repo.leakgate(['scan', '.', '--format', 'json']).stdout)).toEqual(places);
    repo.git('commit', '-q', '--no-verify', '-m', 'big');
    expect(located(repo.leakgate(['scan', '--history', '--format', 'json']).stdout)).toEqual(places);
  });
});
