import { jsonReporter } from '../../src/report/reporter';
import {
  expectNoSecret,
  OLDER,
  pairFinding,
  reportOf,
  TAG,
  tagMessageFinding,
  TIP,
  tokenFinding,
  wideningOf,
} from '../helpers/reportFindings';

const json = jsonReporter();

describe('JSON reporter', () => {
  it('one finding: its fields in their stable order, redacted, never the secret', () => {
    const finding = tokenFinding(TIP);
    const text = json.render(reportOf({ mode: 'scan', findings: [finding] }));
    expectNoSecret(text);
    const [entry] = JSON.parse(text).findings;
    expect(entry).toEqual({
      rule: 'github-pat-classic',
      provider: 'GitHub',
      description: 'GitHub personal access token (classic)',
      file: 'src/app.js',
      line: 2,
      column: 16,
      commit: TIP.sha,
      fingerprint: finding.fingerprint,
      redacted: 'ghp_…',
      severity: 'critical',
    });
    expect(entry.fingerprint).toMatch(/^src\/app\.js:github-pat-classic:v2-[0-9a-f]{16}$/);
    // Consumers may read the document by position (jq paths, diffs of reports): fields keep their order.
    expect(Object.keys(entry)).toEqual([
      'rule',
      'provider',
      'description',
      'file',
      'line',
      'column',
      'commit',
      'fingerprint',
      'redacted',
      'severity',
    ]);
  });

  it('a pair: both halves in `parts`, each located and redacted; no commit field without a commit', () => {
    const pair = pairFinding();
    const [key, secret] = pair.spans.map((span) => `${span.secret.slice(0, 4)}…`);
    const text = json.render(reportOf({ mode: 'scan', findings: [pair] }));
    expectNoSecret(text);
    const [entry] = JSON.parse(text).findings;
    expect(entry).toMatchObject({ rule: 'mailjet-api-key-pair', file: 'app/mail.py', line: 2, column: 31, redacted: `${key} + ${secret}` });
    expect(entry.parts).toEqual([
      { label: 'Mailjet API key (public half of the key pair)', line: 2, column: 31, redacted: key },
      { label: 'Mailjet secret key (private half of the key pair)', line: 2, column: 67, redacted: secret },
    ]);
    expect(entry).not.toHaveProperty('commit');
  });

  it('a tag message: the tag (name, object, target) instead of a commit; single findings have no parts', () => {
    const text = json.render(
      reportOf({
        mode: 'pre-push',
        findings: [tagMessageFinding()],
        push: { remote: 'origin', tips: new Set(), commitCount: 0, tagCount: 1 },
      }),
    );
    expectNoSecret(text);
    const [entry] = JSON.parse(text).findings;
    expect(entry).toMatchObject({ file: '(tag message v1.0)', line: 3, column: 1, redacted: 'ghp_…' });
    expect(entry.tag).toEqual({ name: TAG.name, object: TAG.object, target: TAG.target });
    expect(entry).not.toHaveProperty('commit');
    expect(entry).not.toHaveProperty('parts');
  });

  it('a config widening: its line in the config file, and the commit that made it', () => {
    const [entry] = JSON.parse(json.render(reportOf({ mode: 'scan', findings: [wideningOf(OLDER)] }))).findings;
    expect(entry).toMatchObject({ rule: 'leakgate-config-widened', file: '.leakgate.json', line: 3, column: 1, commit: OLDER.sha });
  });

  it('skipped files with the reason as text, and the totals as given', () => {
    const text = json.render(
      reportOf({
        mode: 'scan',
        findings: [tokenFinding()],
        skipped: [
          { file: 'secret.bin', reason: { kind: 'unreadable', code: 'EACCES' } },
          { file: 'old.txt', reason: { kind: 'unreadable', code: 'EIO' }, commit: OLDER.sha },
        ],
        scanned: { files: 7, bytes: 4096, commits: 2 },
      }),
    );
    expectNoSecret(text);
    const document = JSON.parse(text);
    expect(document.skipped).toEqual([
      { file: 'secret.bin', reason: 'unreadable (EACCES)' },
      { file: 'old.txt', reason: 'unreadable (EIO)', commit: OLDER.sha },
    ]);
    expect(document.scanned).toEqual({ files: 7, bytes: 4096, commits: 2 });
    expect(Object.keys(document)).toEqual(['findings', 'skipped', 'scanned']);
  });

  it('a clean run: exactly this document, indented by two, ending in a newline', () => {
    expect(json.render(reportOf({ mode: 'scan', findings: [], scanned: { files: 3, bytes: 100 } }))).toBe(
      '{\n  "findings": [],\n  "skipped": [],\n  "scanned": {\n    "files": 3,\n    "bytes": 100\n  }\n}\n',
    );
  });
});
