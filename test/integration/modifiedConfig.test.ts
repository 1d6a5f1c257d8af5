import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { installHooks } from '../helpers/installedHook';
import { TempRepo } from '../helpers/repo';

// Issue 15, point 1, for a change to a file that already exists: git's patch shows only the added
// lines, not the parent key above them. A config file whose added lines hold a keyword is read
// whole, so `api_key:` added under an existing `mailjet:` block is Mailjet's key; findings stay
// on the added lines.

const { apiKey, secretKey } = fakeMailjetPair('modified-config');
const BEFORE = `app:\n  name: shop\nmailjet:\n  region: eu\n  sender: shop@example.com\n`;
const AFTER = `app:\n  name: shop\nmailjet:\n  region: eu\n  api_key: ${apiKey}\n  sender: shop@example.com\n`;

describe('a key added under an existing parent key, through the installed hook, scan --history and pre-push', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
    repo.write('config/mail.yaml', BEFORE);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'mail config');
    installHooks(repo);
  });
  afterEach(() => repo.cleanup());

  it('is refused as the provider’s key at its line, and history names it too', () => {
    repo.write('config/mail.yaml', AFTER);
    repo.git('add', '-A');
    const head = repo.head();
    const commit = repo.gitResult(['commit', '-q', '-m', 'mailjet key']);
    expect(commit.status).toBe(1);
    expect(commit.stderr).toContain('config/mail.yaml:5:12');
    expect(commit.stderr).toContain('[mailjet-api-key]');
    expect(commit.stderr).not.toContain(apiKey);
    expect(repo.head()).toBe(head);

    repo.git('commit', '-q', '--no-verify', '-m', 'mailjet key');
    const history = repo.leakgate(['scan', '--history', '--format', 'json']);
    expect(history.status).toBe(1);
    const found = (JSON.parse(history.stdout) as { findings: { rule: string; file: string; line: number; column: number }[] }).findings;
    expect(found.map((finding) => `${finding.rule} ${finding.file}:${finding.line}:${finding.column}`)).toEqual([
      'mailjet-api-key config/mail.yaml:5:12',
    ]);
  });

  it('a line changed elsewhere in the file does not report a value already there', () => {
    // The secret went in before the hooks did; the next change touches another line only.
    repo.write('config/mail.yaml', AFTER.replace('  sender:', `  secret_key: ${secretKey}\n  sender:`));
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'old secret');
    repo.write('config/mail.yaml', AFTER.replace('  sender:', `  secret_key: ${secretKey}\n  sender:`).replace('region: eu', 'region: us'));
    repo.git('add', '-A');
    const commit = repo.gitResult(['commit', '-q', '-m', 'region']);
    expect(commit.stderr).toBe('');
    expect(commit.status).toBe(0);
  });
});
