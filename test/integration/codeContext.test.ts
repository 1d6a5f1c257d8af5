import { fakeGithubToken, fakeMailjetPair } from '../helpers/fakeSecrets';
import { hookedRepoWith, refusedCommit } from '../helpers/installedHook';
import type { TempRepo } from '../helpers/repo';

// Issue 15, point 2: source code read in context. The SDK import names the provider of the
// literals passed to its client, and pieces joined by `+` are one credential.

const { apiKey, secretKey } = fakeMailjetPair('code-context-hook');
const v3 = fakeMailjetPair('code-context-hook-v3');
const token = fakeGithubToken('code-context-hook');

const FILES: Record<string, string> = {
  'src/mail.js': `const Mailjet = require('node-mailjet');\n\nconst mailjet = new Mailjet({\n  apiKey: '${apiKey}',\n  apiSecret: '${secretKey}',\n});\n`,
  'legacy/send.js': `// node-mailjet v3\nconst mailjet = require('node-mailjet').connect('${v3.apiKey}', '${v3.secretKey}');\n`,
  'src/github.ts': `export const token =\n  "${token.slice(0, 12)}" +\n  "${token.slice(12)}";\n`,
};

describe('code context, through the installed hook', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = hookedRepoWith(FILES);
  });
  afterEach(() => repo.cleanup());

  it('refuses new Mailjet({ apiKey, apiSecret }), a v3 .connect(key, secret) and a token joined by +, each at path:line:column', () => {
    const stderr = refusedCommit(repo, 'mail client');
    for (const place of ['src/mail.js:4:12', 'legacy/send.js:2:50', 'src/github.ts:2:4']) expect(stderr).toContain(place);
    expect(stderr).toContain('[mailjet-api-key-pair]');
    expect(stderr).toContain('[github-pat-classic]');
    expect(stderr).toContain('3 secrets in the staged changes');
    for (const secret of [apiKey, secretKey, v3.apiKey, v3.secretKey, token, token.slice(0, 12), token.slice(12)]) {
      expect(stderr).not.toContain(secret);
    }
  });

  it('commits the same code reading its credentials from the environment', () => {
    repo.write(
      'src/mail.js',
      `const Mailjet = require('node-mailjet');\n\nconst mailjet = new Mailjet({\n  apiKey: process.env.MJ_APIKEY_PUBLIC,\n  apiSecret: process.env.MJ_APIKEY_PRIVATE,\n});\n`,
    );
    repo.write(
      'legacy/send.js',
      `const mailjet = require('node-mailjet').connect(process.env.MJ_APIKEY_PUBLIC, process.env.MJ_APIKEY_PRIVATE);\n`,
    );
    repo.write('src/github.ts', `export const token = process.env.GITHUB_TOKEN ?? "";\n`);
    repo.git('add', '-A');
    const commit = repo.gitResult(['commit', '-q', '-m', 'mail client']);
    expect(commit.stderr).toBe('');
    expect(commit.status).toBe(0);
  });
});
