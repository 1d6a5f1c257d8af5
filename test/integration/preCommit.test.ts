import { chmodSync } from 'node:fs';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { TempRepo } from '../helpers/repo';

const { apiKey, secretKey } = fakeMailjetPair('pre-commit');
const mailJs = `const Mailjet = require('node-mailjet');\nconst mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\nmodule.exports = mailjet;\n`;

function expectNoSecret(output: string): void {
  expect(output).not.toContain(apiKey);
  expect(output).not.toContain(secretKey);
  // Not even a long prefix of either.
  expect(output).not.toContain(apiKey.slice(0, 8));
  expect(output).not.toContain(secretKey.slice(0, 8));
}

describe('leakgate pre-commit', () => {
  let repo: TempRepo;

  beforeEach(() => {
    repo = TempRepo.withInitialCommit();
  });
  afterEach(() => repo.cleanup());

  it('refuses a Mailjet key pair in src/mail.js, names both keys, prints neither, changes nothing', () => {
    repo.write('src/mail.js', mailJs);
    repo.git('add', 'src/mail.js');
    const before = repo.state();
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('src/mail.js:2:');
    expect(run.stderr).toContain('mailjet-api-key-pair');
    expect(run.stderr).toContain('Mailjet API key');
    expect(run.stderr).toContain('Mailjet secret key');
    expect(run.stderr).toContain('git restore --staged -- src/mail.js');
    expect(run.stderr).toContain('process.env.MJ_APIKEY_PUBLIC');
    expect(run.stderr).toContain('process.env.MJ_APIKEY_PRIVATE');
    expect(run.stderr).toContain('https://app.mailjet.com/account/apikeys');
    expect(run.stderr).toContain('git commit --no-verify');
    expectNoSecret(run.stdout + run.stderr);
    expect(repo.state()).toEqual(before);
  });

  it('blocks a real git commit through the hook and leaves HEAD and the index alone', () => {
    repo.write(
      '.git/hooks/pre-commit',
      `#!/bin/sh\nexec "${process.execPath}" "${require.resolve('../../dist/leakgate.js')}" pre-commit\n`,
    );
    chmodSync(`${repo.dir}/.git/hooks/pre-commit`, 0o755);
    repo.write('src/mail.js', mailJs);
    repo.git('add', 'src/mail.js');
    const before = repo.state();
    const commit = repo.gitResult(['commit', '-m', 'add mail']);
    expect(commit.status).not.toBe(0);
    expectNoSecret(commit.stdout + commit.stderr);
    expect(repo.state()).toEqual(before);
    // A clean change passes the same hook.
    repo.git('rm', '-q', '--cached', 'src/mail.js');
    repo.write('src/ok.js', 'module.exports = () => process.env.MJ_APIKEY_PRIVATE;\n');
    repo.git('add', 'src/ok.js');
    expect(repo.gitResult(['commit', '-q', '-m', 'clean']).status).toBe(0);
  });

  it('passes a clean change silently', () => {
    repo.write('src/app.js', 'const key = process.env.MJ_APIKEY_PUBLIC;\nconsole.log("hello");\n');
    repo.git('add', '.');
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });

  it('judges what is staged, not the work tree: staged secret then cleaned file is still refused', () => {
    repo.write('src/mail.js', mailJs);
    repo.git('add', 'src/mail.js');
    repo.write('src/mail.js', 'module.exports = null;\n');
    expect(repo.leakgate(['pre-commit']).status).toBe(1);
  });

  it('judges a partially staged file on its staged part only', () => {
    repo.write('src/config.js', 'module.exports = {};\n');
    repo.commitAll('config');
    // Stage a clean edit, then add the secret to the work tree only.
    repo.write('src/config.js', 'module.exports = { region: "eu" };\n');
    repo.git('add', 'src/config.js');
    repo.write('src/config.js', `module.exports = { region: "eu" };\nexports.key = 'x';\nMJ_APIKEY_PRIVATE='${secretKey}'\n`);
    expect(repo.leakgate(['pre-commit']).status).toBe(0);
    // And the other way round: the secret staged, the work tree cleaned up.
    repo.git('add', 'src/config.js');
    repo.write('src/config.js', 'module.exports = { region: "eu" };\n');
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('src/config.js:3:');
  });

  it('reports only added lines, with their line numbers in the staged file', () => {
    repo.write('.env', ['A=1', 'B=2', 'C=3', 'D=4'].join('\n') + '\n');
    repo.commitAll('env');
    repo.write('.env', ['A=1', 'B=2', `MJ_APIKEY_PRIVATE=${secretKey}`, 'C=3', 'D=4'].join('\n') + '\n');
    repo.git('add', '.env');
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('.env:3:19');
    expect(run.stderr).toContain('MJ_APIKEY_PRIVATE='); // the .env advice
  });

  it('does not report a secret that was already committed and is only moved around by context', () => {
    repo.write('.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
    repo.commitAll('legacy secret');
    repo.write('.env', `MJ_APIKEY_PRIVATE=${secretKey}\nOTHER=1\n`);
    repo.git('add', '.env');
    expect(repo.leakgate(['pre-commit']).status).toBe(0);
  });

  it('reports a secret in a renamed file under its new path and skips deleted files', () => {
    repo.write('old/mail.js', 'module.exports = 1;\n');
    repo.commitAll('old');
    repo.git('mv', 'old/mail.js', 'old/renamed.js');
    repo.write('old/renamed.js', `module.exports = 1;\nconst mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\n`);
    repo.git('add', '-A');
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('old/renamed.js:2:');
    expect(run.stderr).not.toContain('old/mail.js');
    repo.git('reset', '-q', '--hard');
    repo.git('rm', '-q', 'old/mail.js');
    expect(repo.leakgate(['pre-commit']).status).toBe(0);
  });

  it('judges the printable text inside binary files: a key after NUL bytes is refused at its byte column', () => {
    repo.write('img.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`MJ_APIKEY_PRIVATE=${secretKey}`)]));
    repo.git('add', '.');
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('img.bin:1:23 ');
  });

  it('honours an allowlisted path and an inline leakgate:allow', () => {
    repo.write('.leakgate.json', JSON.stringify({ allowlist: { paths: ['fixtures/**'] } }));
    repo.write('fixtures/mail.js', mailJs);
    repo.write(
      'src/doc.js',
      `// leakgate:allow documented sample\nconst mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}'); // leakgate:allow\n`,
    );
    repo.git('add', '.');
    expect(repo.leakgate(['pre-commit']).status).toBe(0);
  });

  it('reads the config from the leakgate key of package.json', () => {
    repo.write('package.json', JSON.stringify({ name: 'x', leakgate: { rules: { disable: ['mailjet-secret-key'] } } }));
    repo.write('.env', `MJ_APIKEY_PRIVATE=${secretKey}\n`);
    repo.git('add', '.');
    expect(repo.leakgate(['pre-commit']).status).toBe(0);
  });

  it('applies rules added in the config', () => {
    repo.write(
      '.leakgate.json',
      JSON.stringify({
        rules: {
          add: [
            {
              id: 'acme-token',
              provider: 'Acme',
              description: 'Acme internal token',
              regex: '\\b(acme_[a-z0-9]{20})\\b',
              keywords: ['acme_'],
            },
          ],
        },
      }),
    );
    repo.write('src/a.js', `const t = "acme_${apiKey.slice(0, 20)}";\n`);
    repo.git('add', '.');
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('acme-token');
  });
});

describe('leakgate pre-commit on a first commit', () => {
  it('scans everything staged against the empty tree and suggests git rm --cached', () => {
    const repo = new TempRepo();
    try {
      repo.write('src/mail.js', mailJs);
      repo.git('add', '.');
      const run = repo.leakgate(['pre-commit']);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('git rm --cached -- src/mail.js');
      expect(repo.head()).toBeUndefined();
    } finally {
      repo.cleanup();
    }
  });

  it('passes an empty index', () => {
    const repo = new TempRepo();
    try {
      expect(repo.leakgate(['pre-commit']).status).toBe(0);
    } finally {
      repo.cleanup();
    }
  });
});

describe('errors fail closed with exit 2 and a clear message', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.cleanup());

  it('names the file, the JSON path and what was expected for a broken config', () => {
    repo.write('.leakgate.json', JSON.stringify({ allowlist: { paths: ['ok', 3] }, rules: { disable: 'x' } }));
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('.leakgate.json');
    expect(run.stderr).toContain('allowlist.paths[1]: expected string, got number');
    expect(run.stderr).toContain('rules.disable: expected array, got string');
    expect(run.stderr).toContain('git commit --no-verify');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports JSON syntax errors by line and column without echoing the content', () => {
    repo.write('.leakgate.json', '{\n  "allowlist": { "paths": [ "a", ] }\n}\n');
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.leakgate\.json[\s\S]*valid JSON \(syntax error at line 2, column \d+\)/);
  });

  it('rejects a user regex that needs backtracking and an invalid one; nested quantifiers are fine on the linear engine', () => {
    repo.write('.leakgate.json', JSON.stringify({ allowlist: { regexes: ['(a+)+$', '(?=x)y', '(unclosed'] } }));
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(2);
    expect(run.stderr).not.toContain('allowlist.regexes[0]');
    expect(run.stderr).toContain(
      'allowlist.regexes[1]: expected a regex in RE2 syntax, which runs in linear time (invalid or unsupported Perl syntax',
    );
    expect(run.stderr).toContain('allowlist.regexes[2]: expected a regex in RE2 syntax, which runs in linear time (missing closing )');
  });

  it('rejects an unknown rule id in rules.disable and unknown keys', () => {
    repo.write('.leakgate.json', JSON.stringify({ rules: { disable: ['no-such-rule'] } }));
    expect(repo.leakgate(['pre-commit']).stderr).toContain('rules.disable[0]: expected the id of a rule');
    repo.write('.leakgate.json', JSON.stringify({ allowlists: {} }));
    expect(repo.leakgate(['pre-commit']).stderr).toContain('unknown key "allowlists"');
  });

  it('refuses outside a repository and on an unknown option', () => {
    const outside = new TempRepo(undefined, { init: false });
    try {
      const run = outside.leakgate(['pre-commit']);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('not inside a git repository');
    } finally {
      outside.cleanup();
    }
    const unknown = repo.leakgate(['pre-commit', '--frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--frobnicate'");
  });

  it('stops at the time budget on a pathological change and fails closed naming what took the time', () => {
    repo.write('.leakgate.json', JSON.stringify({ timeBudget: 0.05 }));
    // One 4 MB line that many rules' keywords appear in: slow to judge, never a hang.
    repo.write('src/huge.min.js', `${'token=secret&password=pass;api_key='.repeat(120000)}\n`);
    repo.git('add', '.');
    const before = repo.state();
    const run = repo.leakgate(['pre-commit']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /over the time budget of 0\.05 s, while (scanning src\/huge\.min\.js with rule [a-z0-9-]+|scanning the staged changes|starting)/,
    );
    // Said once: the scan that stops also stops git, so the bin's own timer never fires after it.
    expect(run.stderr.match(/over the time budget/g)).toHaveLength(1);
    expect(run.stderr).toContain('git commit --no-verify');
    expect(repo.state()).toEqual(before);
  });

  it('is skipped with LEAKGATE=0', () => {
    repo.write('.leakgate.json', '{ broken');
    const run = repo.leakgate(['pre-commit'], { env: { LEAKGATE: '0' } });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('skipped');
  });
});
