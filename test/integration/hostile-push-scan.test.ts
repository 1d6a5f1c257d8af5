import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeMailjetPair } from '../helpers/fakeSecrets';
import { spawnSync } from 'node:child_process';
import { installedLeakgate, installHooks } from '../helpers/installedHook';
import { TempRepo, cleanEnv, tempDir, listFiles } from '../helpers/repo';

// Every hook here is the one `leakgate install` writes, run from the installed package.
beforeAll(() => {
  installedLeakgate();
}, 180_000);

/**
 * Hostile conditions for pushes and scans: shallow clones, remotes on paths with spaces, and a
 * user git config that turns on every setting that changes what git prints. The verdict and the
 * reported path:line must not move.
 */

const { secretKey } = fakeMailjetPair('hostile-push');
const SECRET_LINE = `MJ_APIKEY_PRIVATE=${secretKey}`;
const envWithSecretOnLine2 = `A=1\n${SECRET_LINE}\n`;

interface Snapshot {
  state: ReturnType<TempRepo['state']>;
  files: string[];
  remoteRefs: string;
  remoteFiles: string[];
}

function snapshot(repo: TempRepo, remote: TempRepo): Snapshot {
  const files = listFiles(repo.dir);
  return { state: repo.state(), files, remoteRefs: refsOf(remote), remoteFiles: listFiles(remote.dir) };
}

function refsOf(remote: TempRepo): string {
  return remote.git('for-each-ref', '--format=%(refname) %(objectname)');
}

/** Local HEAD, index, work tree, stash, remote refs and files as before; no temporary file left. */
function expectUnchanged(repo: TempRepo, remote: TempRepo, before: Snapshot): void {
  const files = listFiles(repo.dir);
  expect(files.filter((file) => /\.(tmp|lock)$/.test(file))).toEqual([]);
  expect(files).toEqual(before.files);
  expect(repo.state()).toEqual(before.state);
  expect(refsOf(remote)).toBe(before.remoteRefs);
  expect(listFiles(remote.dir)).toEqual(before.remoteFiles);
}

function bareRemote(prefix: string): TempRepo {
  const remote = new TempRepo(tempDir(prefix), { init: false });
  remote.git('init', '-q', '--bare', '-b', 'main');
  return remote;
}

describe('hostile push: a shallow clone pushing to its origin (a bare remote on a path with spaces)', () => {
  let remote: TempRepo;
  let clone: TempRepo;
  beforeAll(() => {
    remote = bareRemote('leakgate origin with spaces-');
    const seed = new TempRepo();
    try {
      seed.git('remote', 'add', 'origin', remote.dir);
      for (const n of [1, 2, 3]) {
        seed.write(`f${n}.txt`, `${n}\n`);
        seed.commitAll(`seed ${n}`);
      }
      seed.git('push', '-q', 'origin', 'main');
    } finally {
      seed.cleanup();
    }
  });
  afterAll(() => remote.cleanup());
  beforeEach(() => {
    const parent = tempDir('leakgate-shallow-');
    clone = new TempRepo(join(parent, 'shallow clone'), { init: false });
    const cloned = spawnSync('git', ['clone', '-q', '--depth', '1', `file://${remote.dir}`, clone.dir], {
      cwd: parent,
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(cloned.stderr).toBe('');
    expect(cloned.status).toBe(0);
    clone.git('config', 'commit.gpgsign', 'false');
    installHooks(clone);
    expect(clone.git('rev-parse', '--is-shallow-repository').trim()).toBe('true');
  });
  afterEach(() => rmSync(join(clone.dir, '..'), { recursive: true, force: true }));

  it('refuses a new commit carrying a secret, at its path:line; origin and the clone are unchanged', () => {
    clone.write('conf/prod.env', envWithSecretOnLine2);
    clone.commitAll('prod config');
    const before = snapshot(clone, remote);
    const push = clone.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('leakgate blocked this push');
    expect(push.stderr).toContain('conf/prod.env:2:19');
    expect(push.stderr).toContain('"prod config"');
    expect(push.stderr).toContain('1 secret in the 1 commit');
    expectUnchanged(clone, remote, before);
  });

  it('passes a clean commit', () => {
    clone.write('f4.txt', '4\n');
    clone.commitAll('clean');
    const push = clone.gitResult(['push', 'origin', 'main']);
    expect(push.stderr).not.toContain('leakgate:');
    expect(push.stderr).not.toContain('blocked');
    expect(push.status).toBe(0);
    expect(refsOf(remote)).toContain(clone.head()!);
  });

  it('refuses a new branch carrying a secret two commits back (the rest of history is not fetched)', () => {
    clone.git('checkout', '-q', '-b', 'feature');
    clone.write('a.env', envWithSecretOnLine2);
    clone.commitAll('leak');
    clone.write('b.txt', 'b\n');
    clone.commitAll('after');
    const before = snapshot(clone, remote);
    const push = clone.gitResult(['push', 'origin', 'feature']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('a.env:2:19');
    expect(push.stderr).toContain('1 secret in the 2 commits');
    expectUnchanged(clone, remote, before);
  });
});

/** Settings that change what git prints or how it reads files; each alone, then all at once. */
const garbageDiff = (dir: string) => {
  const script = join(dir, 'garbage-diff.sh');
  writeFileSync(script, '#!/bin/sh\necho "diff --git a/x b/x"\necho "@@ -1 +1 @@"\necho "+MJ_APIKEY_PRIVATE=not-a-real-one"\nexit 0\n');
  chmodSync(script, 0o755);
  return script;
};
const allDiff = (dir: string) => {
  const attributes = join(dir, 'attributes');
  writeFileSync(attributes, '* -diff\n');
  return attributes;
};

type Settings = [string, (dir: string) => Record<string, string>][];

/** Settings that change what git prints (quoting, prefixes, colour, external diffs, context). */
const DISPLAY_SETTINGS: Settings = [
  ['no setting (control)', () => ({})],
  ['core.quotepath=true', () => ({ 'core.quotepath': 'true' })],
  ['diff.noprefix=true', () => ({ 'diff.noprefix': 'true' })],
  ['diff.external=/bin/false', () => ({ 'diff.external': '/bin/false' })],
  ['diff.external=a script printing garbage', (dir) => ({ 'diff.external': garbageDiff(dir) })],
  ['color.ui=always (and color.diff=always)', () => ({ 'color.ui': 'always', 'color.diff': 'always' })],
  ['diff.mnemonicPrefix=true', () => ({ 'diff.mnemonicPrefix': 'true' })],
  ['diff.renames=copies', () => ({ 'diff.renames': 'copies' })],
];

/** Also in force in the all-at-once cases below (not worth a row of their own). */
const MORE_DISPLAY_SETTINGS: Record<string, string> = {
  'diff.relative': 'true',
  'diff.context': '20',
  'diff.interHunkContext': '20',
  'diff.algorithm': 'histogram',
};

/** Settings that make git call a text file binary in its diffs (so a scanner trusting git skips it). */
const BINARY_SETTINGS: Settings = [
  ['core.bigFileThreshold=1k (git then calls every bigger file binary)', () => ({ 'core.bigFileThreshold': '1k' })],
  ['core.attributesFile marking every file -diff', (dir) => ({ 'core.attributesFile': allDiff(dir) })],
];

const SETTINGS: Settings = [...DISPLAY_SETTINGS, ...BINARY_SETTINGS];

function globalConfig(dir: string, settings: Record<string, string>): string {
  const file = join(dir, 'gitconfig');
  const sections = new Map<string, string[]>();
  for (const [key, value] of Object.entries(settings)) {
    const [section = '', name] = key.split('.');
    sections.set(section, [...(sections.get(section) ?? []), `\t${name} = ${value}`]);
  }
  writeFileSync(file, [...sections].map(([section, lines]) => `[${section}]\n${lines.join('\n')}\n`).join(''));
  return file;
}

describe('hostile user git config: the verdict and the reported path:line stay right', () => {
  let repo: TempRepo;
  let remote: TempRepo;
  let configDir: string;
  const filler = Array.from({ length: 60 }, (_, i) => `FILLER_${i + 1}=${'value '.repeat(4)}`).join('\n') + '\n';
  const oldJs = Array.from({ length: 12 }, (_, i) => `exports.v${i} = ${i};`).join('\n') + '\n';

  beforeAll(() => {
    remote = bareRemote('leakgate-remote with spaces-');
    repo = new TempRepo(tempDir('leakgate repo with spaces-'));
    repo.git('remote', 'add', 'origin', remote.dir);
    repo.write('README.md', '# app\n');
    repo.write('lib/old name.js', oldJs);
    repo.write('dé jà/ñ.env', filler);
    repo.commitAll('init');
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    installHooks(repo);
    configDir = tempDir('leakgate-gitconfig-');
  });
  afterAll(() => {
    repo.cleanup();
    remote.cleanup();
    rmSync(configDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    repo.git('reset', '-q', '--hard', 'origin/main');
    repo.git('clean', '-q', '-fdx');
  });

  /** The change every case makes: a rename with a secret added, and a secret in a unicode path past 1 KB. */
  function stageHostileChange(): void {
    repo.git('mv', 'lib/old name.js', 'lib/new name.js');
    repo.write('lib/new name.js', `${oldJs}const MJ_APIKEY_PRIVATE = '${secretKey}';\n`);
    repo.write('dé jà/ñ.env', `${filler}${SECRET_LINE}\n`);
    repo.git('add', '-A');
  }

  it.each(SETTINGS)(
    '%s: pre-commit (real git commit) and pre-push (real git push) refuse at "lib/new name.js:13" and "dé jà/ñ.env:61:19"',
    (_label, settingsOf) => {
      const env = { GIT_CONFIG_GLOBAL: globalConfig(configDir, settingsOf(configDir)) };
      stageHostileChange();
      const beforeCommit = snapshot(repo, remote);
      const commit = repo.gitResult(['commit', '-m', 'hostile'], undefined, env);
      expect(commit.status).toBe(1);
      expect(commit.stderr).toContain('lib/new name.js:13:');
      expect(commit.stderr).toContain('dé jà/ñ.env:61:19');
      expect(commit.stderr).not.toContain('old name.js');
      expectUnchanged(repo, remote, beforeCommit);

      repo.git('commit', '-q', '--no-verify', '-m', 'hostile');
      const beforePush = snapshot(repo, remote);
      const push = repo.gitResult(['push', 'origin', 'main'], undefined, env);
      expect(push.status).not.toBe(0);
      expect(push.stderr).toContain('lib/new name.js:13:');
      expect(push.stderr).toContain('dé jà/ñ.env:61:19');
      expect(push.stderr).not.toContain('old name.js');
      expectUnchanged(repo, remote, beforePush);
    },
  );

  it('every hostile setting at once: a clean change passes both pre-commit and pre-push', () => {
    const all = Object.assign({}, ...SETTINGS.map(([, settingsOf]) => settingsOf(configDir)), MORE_DISPLAY_SETTINGS);
    const env = { GIT_CONFIG_GLOBAL: globalConfig(configDir, all) };
    repo.git('mv', 'lib/old name.js', 'lib/new name.js');
    repo.write('dé jà/ñ.env', `${filler}MJ_APIKEY_PRIVATE=\n`);
    repo.git('add', '-A');
    const commit = repo.gitResult(['commit', '-q', '-m', 'clean'], undefined, env);
    expect(commit.stderr).toBe('');
    expect(commit.status).toBe(0);
    const push = repo.gitResult(['push', '-q', 'origin', 'main'], undefined, env);
    expect(push.stderr).toBe('');
    expect(push.status).toBe(0);
    // Put the remote back for the next case.
    repo.git('push', '-q', '--no-verify', '--force', 'origin', 'HEAD~1:main');
    repo.git('fetch', '-q', 'origin');
  });

  it('scan --history under every hostile setting at once attributes the secrets to their commit at the right path:line', () => {
    const all = Object.assign({}, ...SETTINGS.map(([, settingsOf]) => settingsOf(configDir)), MORE_DISPLAY_SETTINGS);
    const env = { GIT_CONFIG_GLOBAL: globalConfig(configDir, all) };
    stageHostileChange();
    repo.git('commit', '-q', '--no-verify', '-m', 'hostile');
    const before = snapshot(repo, remote);
    const run = repo.leakgate(['scan', '--history', 'origin/main..HEAD', '--format', 'json'], { env });
    expect(run.status).toBe(1);
    expectUnchanged(repo, remote, before);
    const findings = JSON.parse(run.stdout).findings.map(
      (f: { file: string; line: number; commit: string }) => `${f.file}:${f.line}@${f.commit}`,
    );
    const head = repo.head();
    expect(findings.sort()).toEqual([`dé jà/ñ.env:61@${head}`, `lib/new name.js:13@${head}`].sort());
  });
});

describe('hostile push: contents and names in the pushed commits', () => {
  let repo: TempRepo;
  let remote: TempRepo;
  beforeAll(() => {
    remote = bareRemote('leakgate-remote with spaces-');
    repo = TempRepo.pushingTo(remote);
    installHooks(repo);
  });
  afterAll(() => {
    repo.cleanup();
    remote.cleanup();
  });
  beforeEach(() => {
    repo.git('reset', '-q', '--hard', 'origin/main');
    repo.git('clean', '-q', '-fdx');
  });

  it('odd file names (newline, quotes, leading dash, unicode) in pushed commits are each reported at name:2:19', () => {
    const names = ['new\nline.env', `it's "q".env`, '-rf.env', 'dé jà/ñ.env'];
    for (const name of names) {
      repo.write(name, envWithSecretOnLine2);
      repo.git('add', '--', name);
      repo.git('commit', '-q', '--no-verify', '-m', `add ${name.replace(/\n/g, ' ')}`);
    }
    const before = snapshot(repo, remote);
    const push = repo.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    for (const name of names) expect(push.stderr).toContain(`${name.replace(/\n/g, '\\x0a')}:2:19`);
    expect(push.stderr).toContain('4 secrets in the 4 commits');
    expectUnchanged(repo, remote, before);
  });

  it('a CRLF file and a file with invalid UTF-8 in a pushed commit: line numbers right', () => {
    repo.write('win.env', `A=1\r\nB=2\r\n${SECRET_LINE}\r\n`);
    repo.write('bytes.env', Buffer.concat([Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(`${SECRET_LINE}\n`)]));
    repo.commitAll('two files');
    const before = snapshot(repo, remote);
    const push = repo.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('win.env:3:19');
    expect(push.stderr).toContain('bytes.env:2:19');
    expect(push.stderr).not.toContain('\r');
    expectUnchanged(repo, remote, before);
  });

  it('a pushed UTF-16LE file with a BOM holding a secret is refused at its path:line, like the staged one', () => {
    repo.write('utf16.env', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`A=1\n${SECRET_LINE}\n`, 'utf16le')]));
    repo.commitAll('utf-16 config');
    const before = snapshot(repo, remote);
    const push = repo.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('utf16.env:2:19');
    expectUnchanged(repo, remote, before);
  });

  it('a pushed file over maxFileSize is judged in windows, and a pushed binary file by its printable text: the key in it is refused', () => {
    // A push is judged by the config the remote has: the smaller maxFileSize goes first (a narrowing passes).
    repo.write('.leakgate.json', JSON.stringify({ maxFileSize: '1KB' }));
    repo.commitAll('smaller maxFileSize');
    expect(repo.gitResult(['push', 'origin', 'main']).status).toBe(0);
    repo.write('big notes.txt', `${'just words\n'.repeat(200)}${SECRET_LINE}\n`);
    repo.write('img.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(SECRET_LINE)]));
    repo.commitAll('big and binary');
    const before = snapshot(repo, remote);
    const push = repo.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('big notes.txt:201:19');
    expect(push.stderr).toContain('img.bin:1:23');
    expect(push.stderr).not.toMatch(/warning/);
    expectUnchanged(repo, remote, before);
    // Back to before the config commit, here and on the remote, for the tests that follow.
    repo.git('reset', '-q', '--hard', 'HEAD~2');
    repo.git('push', '-q', '--no-verify', '--force', 'origin', 'HEAD:main');
    repo.git('fetch', '-q', 'origin');
  });

  it('a pushed rename that adds a secret is reported under the new path; a pure rename of a file holding a pushed secret passes', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `K${i}=${i}`).join('\n') + '\n';
    repo.write('a.env', lines);
    repo.commitAll('a');
    repo.git('mv', 'a.env', 'b.env');
    repo.write('b.env', `${lines}${SECRET_LINE}\n`);
    repo.commitAll('rename with secret');
    const before = snapshot(repo, remote);
    const push = repo.gitResult(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain('b.env:11:19');
    expect(push.stderr).not.toContain('a.env');
    expectUnchanged(repo, remote, before);
    // Once that history is on the remote, only moving the file around sends no new secret.
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    repo.git('mv', 'b.env', 'c.env');
    repo.commitAll('pure rename');
    const rename = repo.gitResult(['push', 'origin', 'main']);
    expect(rename.status).toBe(0);
    repo.git('push', '-q', '--no-verify', '--force', 'origin', 'HEAD~3:main');
    repo.git('fetch', '-q', 'origin');
  });
});
