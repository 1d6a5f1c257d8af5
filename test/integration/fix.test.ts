import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { hclSlots } from '../../src/detect/structure/hcl';
import { fakeGithubToken, fakeMailjetPair } from '../helpers/fakeSecrets';
import { hookedRepoWith, refusedCommit } from '../helpers/installedHook';
import { cleanEnv, tempDir, type TempRepo } from '../helpers/repo';

const TOKEN = fakeGithubToken('leakgate-fix');

/** Runs a toolchain on a copy of the rewritten file, outside the repository (compilers leave files behind). */
function toolchain(file: string, command: (copy: string, dir: string) => [string, string[]], setup?: (dir: string) => void): void {
  const dir = tempDir('leakgate-fix-check-');
  const copy = join(dir, basename(file));
  copyFileSync(file, copy);
  setup?.(dir);
  const [bin, args] = command(copy, dir);
  const run = spawnSync(bin, args, { cwd: dir, encoding: 'utf8', env: cleanEnv({ GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' }) });
  expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({ status: 0, output: expect.any(String) });
  if (bin === 'gofmt') expect(run.stdout).toBe('');
}

interface LanguageCase {
  name: string;
  path: string;
  text: string;
  /** What the line holding the secret reads afterwards. */
  expected: RegExp;
  envName: string;
  check(file: string): void;
}

const CASES: LanguageCase[] = [
  {
    name: 'JavaScript',
    path: 'src/mail.js',
    text: (() => {
      const { apiKey, secretKey } = fakeMailjetPair('leakgate-fix');
      return `const Mailjet = require('node-mailjet');\nconst mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\nmodule.exports = mailjet;\n`;
    })(),
    expected: /Mailjet\.apiConnect\(process\.env\.MJ_APIKEY_PUBLIC, process\.env\.MJ_APIKEY_PRIVATE\)/,
    envName: 'MJ_APIKEY_PRIVATE',
    check: (file) => toolchain(file, (copy) => ['node', ['--check', copy]]),
  },
  {
    name: 'Python',
    path: 'app/settings.py',
    text: `"""Settings."""\nimport sys\n\nGITHUB_TOKEN = "${TOKEN}"\nprint(sys.argv, GITHUB_TOKEN)\n`,
    expected: /^GITHUB_TOKEN = os\.environ\["GITHUB_TOKEN"\]$/m,
    envName: 'GITHUB_TOKEN',
    check: (file) => toolchain(file, (copy) => ['python3', ['-m', 'py_compile', copy]]),
  },
  {
    name: 'Go',
    path: 'cmd/main.go',
    text: `package main\n\nimport (\n\t"fmt"\n\t"strings"\n)\n\nconst token = "${TOKEN}"\n\nfunc main() {\n\tfmt.Println(strings.ToUpper(token))\n}\n`,
    expected: /^var token = os\.Getenv\("GITHUB_TOKEN"\)$/m,
    envName: 'GITHUB_TOKEN',
    check(file) {
      const gomod = (dir: string) => writeFileSync(join(dir, 'go.mod'), 'module fixcheck\n\ngo 1.19\n');
      toolchain(file, () => ['gofmt', ['-l', '.']], gomod);
      toolchain(file, () => ['go', ['vet', './...']], gomod);
    },
  },
  {
    name: 'Java',
    path: 'src/Client.java',
    text: `public class Client {\n  static final String TOKEN = "${TOKEN}";\n  public static void main(String[] args) { System.out.println(TOKEN.length()); }\n}\n`,
    expected: /static final String TOKEN = System\.getenv\("GITHUB_TOKEN"\);/,
    envName: 'GITHUB_TOKEN',
    check: (file) => toolchain(file, (copy, dir) => ['javac', ['-d', join(dir, 'out'), copy]]),
  },
  {
    name: 'Ruby',
    path: 'lib/client.rb',
    text: `require "net/http"\n\nTOKEN = '${TOKEN}'\nputs TOKEN.size\nputs "Authorization: token ${TOKEN}"\n`,
    expected: /^TOKEN = ENV\.fetch\("GITHUB_TOKEN"\)$/m,
    envName: 'GITHUB_TOKEN',
    check(file) {
      expect(readFileSync(file, 'utf8')).toContain('puts "Authorization: token #{ENV.fetch("GITHUB_TOKEN")}"');
      toolchain(file, (copy) => ['ruby', ['-c', copy]]);
    },
  },
  {
    name: 'PHP',
    path: 'web/client.php',
    text: `<?php\nfunction client() {\n  $token = '${TOKEN}';\n  return strlen($token);\n}\n`,
    expected: /\$token = getenv\('GITHUB_TOKEN'\);/,
    envName: 'GITHUB_TOKEN',
    check: (file) => toolchain(file, (copy) => ['php', ['-l', copy]]),
  },
  {
    name: 'C# (no toolchain here: the exact text is checked)',
    path: 'src/Client.cs',
    text: `using System.Net.Http;\n\nclass Client\n{\n    private readonly string token = "${TOKEN}";\n}\n`,
    expected: /private readonly string token = Environment\.GetEnvironmentVariable\("GITHUB_TOKEN"\);/,
    envName: 'GITHUB_TOKEN',
    check: (file) => expect(readFileSync(file, 'utf8')).toMatch(/^using System;\nusing System\.Net\.Http;\n/),
  },
  {
    name: 'shell',
    path: 'scripts/release.sh',
    text: `#!/bin/sh\nset -eu\ncurl -fsS -H "Authorization: token ${TOKEN}" https://api.github.com/user\nexport GH_TOKEN=${TOKEN}\n`,
    expected: /^export GH_TOKEN="\$\{GITHUB_TOKEN\}"$/m,
    envName: 'GITHUB_TOKEN',
    check(file) {
      expect(readFileSync(file, 'utf8')).toContain('-H "Authorization: token ${GITHUB_TOKEN}"');
      toolchain(file, (copy) => ['sh', ['-n', copy]]);
    },
  },
  {
    name: 'docker compose',
    path: 'docker-compose.yml',
    text: `services:\n  app:\n    image: app:1\n    environment:\n      GITHUB_TOKEN: ${TOKEN}\n`,
    expected: /^ {6}GITHUB_TOKEN: "\$\{GITHUB_TOKEN\}"$/m,
    envName: 'GITHUB_TOKEN',
    check(file) {
      const parsed = spawnSync('python3', ['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', file], {
        encoding: 'utf8',
      });
      // Where python3 has no yaml module, the exact text checked above stands.
      if (!/No module named/.test(parsed.stderr)) {
        expect(parsed.status).toBe(0);
        expect(JSON.parse(parsed.stdout).services.app.environment.GITHUB_TOKEN).toBe('${GITHUB_TOKEN}');
      }
    },
  },
  {
    name: 'Terraform',
    path: 'infra/main.tf',
    text: `provider "github" {\n  token = "${TOKEN}"\n}\n`,
    expected: /^ {2}token = var\.github_token$/m,
    envName: 'TF_VAR_github_token',
    check(file) {
      const slots: string[] = [];
      hclSlots(readFileSync(file, 'utf8'), (path, value) => slots.push(`${path.join('.')}=${value}`));
      // A reference is no literal, so the reader yields no value for the token any more.
      expect(slots.filter((slot) => slot.startsWith('provider.'))).toEqual([]);
      expect(slots).toContain('variable.github_token.sensitive=true');
      expect(readFileSync(file, 'utf8')).toMatch(/\nvariable "github_token" \{\n {2}type {6}= string\n {2}sensitive = true\n\}\n$/);
    },
  },
  {
    name: 'a committed .env-style file',
    path: 'config/production.env',
    text: `LOG_LEVEL=info\nDEPLOY_TOKEN=${TOKEN}\n`,
    expected: /^DEPLOY_TOKEN=$/m,
    envName: 'DEPLOY_TOKEN',
    check: (file) => expect(readFileSync(file, 'utf8')).toBe('LOG_LEVEL=info\nDEPLOY_TOKEN=\n'),
  },
];

function fixIn(repo: TempRepo, args: string[] = []): ReturnType<TempRepo['leakgate']> {
  return repo.leakgate(['fix', ...args]);
}

function committedThroughHook(repo: TempRepo): void {
  const head = repo.head();
  const commit = repo.gitResult(['commit', '-q', '-m', 'read the secret from the environment']);
  expect({ status: commit.status, stderr: commit.stderr }).toEqual({ status: 0, stderr: '' });
  expect(repo.head()).not.toBe(head);
}

function secretsOf(text: string): string[] {
  return text === CASES[0]!.text ? Object.values(fakeMailjetPair('leakgate-fix')) : [TOKEN];
}

describe('leakgate fix, after a commit the hook refused', () => {
  for (const lang of CASES) {
    it(`${lang.name}: rewrites, the toolchain accepts it, the commit passes, .env holds the value`, () => {
      const repo = hookedRepoWith({ [lang.path]: lang.text });
      try {
        refusedCommit(repo, 'add the client');
        const fixed = fixIn(repo);
        expect({ status: fixed.status, stderr: fixed.stderr }).toEqual({ status: 0, stderr: '' });
        const secrets = secretsOf(lang.text);
        for (const secret of secrets) expect(fixed.stdout).not.toContain(secret);
        const file = join(repo.dir, lang.path);
        const rewritten = readFileSync(file, 'utf8');
        expect(rewritten).toMatch(lang.expected);
        for (const secret of secrets) expect(rewritten).not.toContain(secret);
        lang.check(file);
        // What is staged is what was rewritten, and the commit now passes the hook.
        expect(repo.git('show', `:${lang.path}`)).toBe(rewritten);
        committedThroughHook(repo);
        const env = readFileSync(join(repo.dir, '.env'), 'utf8');
        expect(env).toContain(`${lang.envName}=${secrets[secrets.length - 1]}`);
        expect(statSync(join(repo.dir, '.env')).mode & 0o777).toBe(0o600);
        expect(repo.gitResult(['check-ignore', '-q', '.env']).status).toBe(0);
        expect(repo.git('show', 'HEAD:.env.example')).toContain(`${lang.envName}=\n`);
        expect(repo.git('show', 'HEAD:.gitignore')).toBe('.env\n');
        expect(repo.git('ls-files')).not.toMatch(/^\.env$/m);
        expect(repo.git('log', '-p', '--all')).not.toContain(secrets[0]);
      } finally {
        repo.cleanup();
      }
    });
  }
});

describe('leakgate fix: the rest of the contract', () => {
  const python = CASES[1]!;

  it('--dry-run shows the diff, secrets redacted, and changes nothing', () => {
    const repo = hookedRepoWith({ [python.path]: python.text });
    try {
      refusedCommit(repo, 'add settings');
      const before = repo.state();
      const dry = fixIn(repo, ['--dry-run']);
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain(`-GITHUB_TOKEN = "${TOKEN.slice(0, 4)}…"`);
      expect(dry.stdout).toContain('+GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]');
      expect(dry.stdout).toContain('+import os');
      expect(dry.stdout).not.toContain(TOKEN);
      expect(repo.state()).toEqual(before);
      expect(existsSync(join(repo.dir, '.env'))).toBe(false);
      expect(existsSync(join(repo.dir, '.git', 'leakgate', 'fix-backup'))).toBe(false);
    } finally {
      repo.cleanup();
    }
  });

  it('keeps the originals under .git/leakgate/fix-backup, readable only by the user', () => {
    const repo = hookedRepoWith({ [python.path]: python.text });
    try {
      refusedCommit(repo, 'add settings');
      expect(fixIn(repo).status).toBe(0);
      const root = join(repo.dir, '.git', 'leakgate', 'fix-backup');
      const [run] = readdirSync(root);
      const original = join(root, run!, 'index', python.path);
      expect(readFileSync(original, 'utf8')).toBe(python.text);
      expect(statSync(original).mode & 0o777).toBe(0o600);
      expect(statSync(root).mode & 0o777).toBe(0o700);
    } finally {
      repo.cleanup();
    }
  });

  it('refuses when .env is tracked: exit 2, nothing changed', () => {
    const repo = hookedRepoWith({ [python.path]: python.text, '.env': 'LOG_LEVEL=info\n' });
    try {
      refusedCommit(repo, 'add settings');
      const before = repo.state();
      const fixed = fixIn(repo);
      expect(fixed.status).toBe(2);
      expect(fixed.stderr).toMatch(/\.env is tracked by git.*git rm --cached \.env/);
      expect(repo.state()).toEqual(before);
    } finally {
      repo.cleanup();
    }
  });

  it('refuses on unstaged changes to the secret line: exit 2, nothing changed; elsewhere, they stay unstaged', () => {
    const repo = hookedRepoWith({ [python.path]: python.text });
    try {
      refusedCommit(repo, 'add settings');
      writeFileSync(join(repo.dir, python.path), python.text.replace('GITHUB_TOKEN = ', 'GITHUB_TOKEN  = '));
      const before = repo.state();
      const refused = fixIn(repo);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/unstaged changes on line 4/);
      expect(repo.state()).toEqual(before);

      writeFileSync(join(repo.dir, python.path), `${python.text}print("unstaged")\n`);
      expect(fixIn(repo).status).toBe(0);
      const staged = repo.git('show', `:${python.path}`);
      expect(staged).toContain('os.environ["GITHUB_TOKEN"]');
      expect(staged).not.toContain('unstaged');
      expect(readFileSync(join(repo.dir, python.path), 'utf8')).toMatch(/os\.environ\["GITHUB_TOKEN"\][\s\S]*print\("unstaged"\)/);
      committedThroughHook(repo);
    } finally {
      repo.cleanup();
    }
  });

  it('leaves alone what it cannot rewrite and names it (exit 1), fixing the rest', () => {
    const url = `https://x-access-token:${fakeGithubToken('in-a-url')}@github.com/acme/app.git`;
    const repo = hookedRepoWith({ [python.path]: python.text, 'deploy/clone.py': `REMOTE = "${url}"\n`, 'notes.txt': `token ${TOKEN}\n` });
    try {
      refusedCommit(repo, 'add settings');
      const fixed = fixIn(repo);
      expect(fixed.status).toBe(1);
      expect(fixed.stdout).toMatch(/Left alone[\s\S]*deploy\/clone\.py:1 \[[\w-]+\]: the value is part of a longer string or URL/);
      expect(fixed.stdout).toMatch(/notes\.txt:1 \[[\w-]+\]: leakgate does not know how notes\.txt reads an environment variable/);
      expect(fixed.stdout).not.toContain(TOKEN);
      expect(readFileSync(join(repo.dir, 'deploy/clone.py'), 'utf8')).toBe(`REMOTE = "${url}"\n`);
      expect(readFileSync(join(repo.dir, python.path), 'utf8')).toMatch(python.expected);
    } finally {
      repo.cleanup();
    }
  });

  it('takes a path or a fingerprint instead of the last run, and keeps an existing .gitignore and .env', () => {
    const repo = hookedRepoWith({ [python.path]: python.text, '.gitignore': 'dist/\n.env\n' });
    try {
      writeFileSync(join(repo.dir, '.env'), 'LOG_LEVEL=debug');
      repo.git('add', python.path);
      const byPath = repo.leakgate(['fix', python.path, '--dry-run']);
      expect(byPath.status).toBe(0);
      expect(byPath.stdout).toContain('+GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]');
      expect(byPath.stdout).not.toContain('.gitignore: ');
      const unknown = repo.leakgate(['fix', `${python.path}:github-pat-classic:v2-0000000000000000`]);
      expect(unknown.stdout).toMatch(/nothing to fix/);
      const fixed = repo.leakgate(['fix', python.path]);
      expect(fixed.status).toBe(0);
      expect(readFileSync(join(repo.dir, '.env'), 'utf8')).toBe(`LOG_LEVEL=debug\nGITHUB_TOKEN=${TOKEN}\n`);
      expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toBe('dist/\n.env\n');
    } finally {
      repo.cleanup();
    }
  });

  it('after `git commit -a` was refused: rewrites the work tree, and the same commit then passes', () => {
    const repo = hookedRepoWith({ [python.path]: 'import sys\n' });
    try {
      repo.commitAll('settings');
      writeFileSync(join(repo.dir, python.path), python.text);
      expect(repo.gitResult(['commit', '-q', '-a', '-m', 'token']).status).toBe(1);
      const fixed = fixIn(repo);
      expect(fixed.status).toBe(0);
      expect(fixed.stdout).toMatch(/working tree only.*settings\.py/);
      expect(readFileSync(join(repo.dir, python.path), 'utf8')).toMatch(python.expected);
      expect(repo.gitResult(['commit', '-q', '-a', '-m', 'token from the environment']).status).toBe(0);
      expect(repo.git('log', '-p', '--all')).not.toContain(TOKEN);
    } finally {
      repo.cleanup();
    }
  });

  it('names a file that is not UTF-8 and leaves it untouched', () => {
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\nTOKEN = "${TOKEN}"\n`)]);
    const repo = hookedRepoWith({});
    try {
      repo.write('app.py', latin1);
      refusedCommit(repo, 'add app');
      const fixed = fixIn(repo);
      expect(fixed.status).toBe(1);
      expect(fixed.stdout).toContain('  app.py: the file is not UTF-8 text');
      expect(readFileSync(join(repo.dir, 'app.py')).equals(latin1)).toBe(true);
    } finally {
      repo.cleanup();
    }
  });

  it('leaves a finding alone when .env already gives its variable another value', () => {
    const repo = hookedRepoWith({ [python.path]: python.text });
    try {
      writeFileSync(join(repo.dir, '.gitignore'), '.env\n');
      writeFileSync(join(repo.dir, '.env'), 'GITHUB_TOKEN=another\n');
      refusedCommit(repo, 'add settings');
      const fixed = fixIn(repo);
      expect(fixed.status).toBe(1);
      expect(fixed.stdout).toMatch(/\.env already sets GITHUB_TOKEN to another value/);
      expect(readFileSync(join(repo.dir, python.path), 'utf8')).toBe(python.text);
    } finally {
      repo.cleanup();
    }
  });

  it('says there is nothing to fix without a blocked run or arguments, and takes no path outside the repository', () => {
    const repo = hookedRepoWith({});
    try {
      const fixed = fixIn(repo);
      expect(fixed.status).toBe(2);
      expect(fixed.stderr).toMatch(/no blocked run to fix/);
      const climbing = fixIn(repo, ['../outside.py:github-pat-classic:v2-0000000000000000']);
      expect(climbing.status).toBe(2);
      expect(climbing.stderr).toMatch(/not a file in this repository/);
      expect(fixIn(repo, ['../outside.py']).status).toBe(2);
    } finally {
      repo.cleanup();
    }
  });
});
