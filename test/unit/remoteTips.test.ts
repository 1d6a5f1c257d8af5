import { noPromptEnv, withoutCredentials } from '../../src/git/remoteTips';
import { terminalSafe } from '../../src/report/terminalSafe';
import { fakeBase62 } from '../helpers/fakeSecrets';

describe('asking the remote without a prompt', () => {
  it('turns every prompt off and sets batch-mode ssh only when the user has no ssh command of their own', () => {
    const env = noPromptEnv({ PATH: '/bin', GIT_ASKPASS: '/usr/bin/askpass-gui', SSH_ASKPASS: '/usr/bin/ssh-askpass' }, false);
    expect(env).toMatchObject({
      PATH: '/bin',
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: '',
      SSH_ASKPASS: '',
      SSH_ASKPASS_REQUIRE: 'never',
      GCM_INTERACTIVE: 'never',
    });
    expect(env.GIT_SSH_COMMAND).toContain('-o BatchMode=yes');
    const own = noPromptEnv({ GIT_SSH_COMMAND: 'plink -batch' }, true);
    expect(own.GIT_SSH_COMMAND).toBe('plink -batch');
    expect(noPromptEnv({}, true).GIT_SSH_COMMAND).toBeUndefined();
  });

  it('prints no credential of a URL and no control character a server sent', () => {
    const password = fakeBase62('remote-password', 20);
    expect(withoutCredentials(`unable to access 'https://me:${password}@example.invalid/x.git/': 403`)).toBe(
      "unable to access 'https://example.invalid/x.git/': 403",
    );
    expect(terminalSafe('remote: \u001b]0;owned\u0007 denied\r')).toBe('remote: \\x1b]0;owned\\x07 denied\\x0d');
  });
});
