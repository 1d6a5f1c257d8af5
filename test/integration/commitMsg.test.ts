import { fakeGithubToken } from '../helpers/fakeSecrets';
import { TempRepo } from '../helpers/repo';

const token = fakeGithubToken('commit-msg-command');
const scissors = '------------------------ >8 ------------------------';

describe('leakgate commit-msg <file>', () => {
  let repo: TempRepo;

  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
  });
  afterEach(() => repo.cleanup());

  /** Runs the command on a message file; GIT_EDITOR=":" is how git tells a hook no editor ran. */
  function judge(message: string, editor: boolean, env: NodeJS.ProcessEnv = {}) {
    repo.write('.git/COMMIT_EDITMSG', message);
    return repo.leakgate(['commit-msg', '.git/COMMIT_EDITMSG'], { env: editor ? env : { GIT_EDITOR: ':', ...env } });
  }

  it('blocks a token in the message, says where the message is kept, and never prints the token', () => {
    const run = judge(`Deploy\n\nwith ${token}\n`, false);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('(commit message):3:6');
    expect(run.stderr).toContain('git commit -e -F .git/COMMIT_EDITMSG');
    expect(run.stderr).not.toContain(token);
    expect(judge('Deploy\n\nThe token comes from GITHUB_TOKEN.\n', false).status).toBe(0);
  });

  it('drops what git drops from an edited message (comments, the commit -v diff), and only that', () => {
    expect(judge(`Subject\n# was ${token}\n`, true).status).toBe(0);
    expect(judge(`Subject\n# ${scissors}\n+ const t = "${token}";\n`, true).status).toBe(0);
    // No editor: git keeps every line, so every line is judged.
    expect(judge(`Subject\n# was ${token}\n`, false).status).toBe(1);
    expect(judge(`Subject\n# ${scissors}\n+ const t = "${token}";\n`, false).status).toBe(1);
  });

  it('follows core.commentChar and commit.cleanup', () => {
    repo.git('config', 'core.commentChar', ';');
    expect(judge(`Subject\n; was ${token}\n`, true).status).toBe(0);
    expect(judge(`Subject\n# was ${token}\n`, true).status).toBe(1);
    repo.git('config', 'commit.cleanup', 'verbatim');
    expect(judge(`Subject\n; was ${token}\n`, true).status).toBe(1);
  });

  it('fails closed: an unreadable file or a broken config is exit 2 with the bypass; LEAKGATE=0 skips', () => {
    const missing = repo.leakgate(['commit-msg', 'no-such-file']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read the commit message file no-such-file');
    expect(missing.stderr).toContain('git commit --no-verify');
    expect(repo.leakgate(['commit-msg']).status).toBe(2);
    repo.write('.leakgate.json', '{ broken');
    const broken = judge('Subject\n', false);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('.leakgate.json');
    expect(judge(`Use ${token}\n`, false, { LEAKGATE: '0' }).status).toBe(0);
  });
});
