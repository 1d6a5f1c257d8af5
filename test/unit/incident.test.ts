import { parseCommandLine } from '../../src/cli/args';
import { HELP, helpFor } from '../../src/cli/help';
import { UsageError } from '../../src/errors';
import { parseFingerprint } from '../../src/detect/fingerprint';
import { commitsReaching, refKind } from '../../src/git/reach';
import { parseBlobIds, parseCommitGraph, parseReflog, parseRefTips, parseRenames } from '../../src/git/whereabouts';
import { renderIncidents, type Incident } from '../../src/report/incidentReport';

const sha = (digit: string) => digit.repeat(40);

describe('incident: fingerprints name a secret at any path', () => {
  it('splits path, rule and hash; the secret key ignores the path', () => {
    const a = parseFingerprint('src/a.js:mailjet-api-key:v2-0123456789abcdef');
    const b = parseFingerprint('dir:with:colons/b.env:mailjet-api-key:v2-0123456789abcdef');
    expect(a).toEqual({
      path: 'src/a.js',
      ruleId: 'mailjet-api-key',
      hash: 'v2-0123456789abcdef',
      secretKey: 'mailjet-api-key:v2-0123456789abcdef',
    });
    expect(b?.path).toBe('dir:with:colons/b.env');
    expect(b?.secretKey).toBe(a?.secretKey);
    expect(parseFingerprint('src/a.js:mailjet-api-key:0123456789abcdef')).toBeUndefined();
    expect(parseFingerprint('mailjet-api-key:v2-0123456789abcdef')).toBeUndefined();
  });
});

describe('incident: git output parsers', () => {
  it('reads rev-list --parents, for-each-ref, reflog -z and cat-file --batch-check', () => {
    expect(parseCommitGraph(`${sha('a')}\n${sha('b')} ${sha('a')}\n${sha('c')} ${sha('a')} ${sha('b')}\n`)).toEqual([
      { sha: sha('a'), parents: [] },
      { sha: sha('b'), parents: [sha('a')] },
      { sha: sha('c'), parents: [sha('a'), sha('b')] },
    ]);
    expect(parseRefTips(`${sha('a')}\t\trefs/heads/main\n${sha('d')}\t${sha('b')}\trefs/tags/v1\n`)).toEqual([
      { name: 'refs/heads/main', commit: sha('a') },
      { name: 'refs/tags/v1', commit: sha('b') },
    ]);
    expect(parseReflog(`${sha('a')}\x1fHEAD@{0}\x1fcommit: x\0\n${sha('b')}\x1frefs/stash@{1}\x1fWIP on main\0`)).toEqual([
      { commit: sha('a'), selector: 'HEAD@{0}', subject: 'commit: x' },
      { commit: sha('b'), selector: 'refs/stash@{1}', subject: 'WIP on main' },
    ]);
    expect(parseRenames('R100\0a.env\0config/b.env\0\nR067\0x y\0z\0')).toEqual([
      ['a.env', 'config/b.env'],
      ['x y', 'z'],
    ]);
    expect(parseBlobIds(`${sha('e')} blob 12\nHEAD:gone missing\n${sha('f')} tree 40\n`, 3)).toEqual([
      { blob: sha('e'), size: 12 },
      undefined,
      undefined,
    ]);
  });
});

describe('incident: which refs reach the secret', () => {
  it('marks the seeds and every descendant, through merges', () => {
    const graph = [
      { sha: 'root', parents: [] },
      { sha: 'side', parents: ['root'] },
      { sha: 'leak', parents: ['root'] },
      { sha: 'fix', parents: ['leak'] },
      { sha: 'merge', parents: ['side', 'fix'] },
    ];
    expect([...commitsReaching(graph, new Set(['leak']))].sort()).toEqual(['fix', 'leak', 'merge']);
  });

  it('names branches, tags, the stash and remote-tracking refs, remotes with slashes included', () => {
    const remotes = ['origin', 'team/fork'];
    expect(refKind('refs/heads/feature/x', remotes)).toEqual({ kind: 'branch', name: 'feature/x' });
    expect(refKind('refs/tags/v1', remotes)).toEqual({ kind: 'tag', name: 'v1' });
    expect(refKind('refs/stash', remotes)).toEqual({ kind: 'stash' });
    expect(refKind('refs/remotes/team/fork/main', remotes)).toEqual({ kind: 'remote', remote: 'team/fork', name: 'team/fork/main' });
    expect(refKind('refs/remotes/gone/main', remotes)).toEqual({ kind: 'remote', remote: 'gone', name: 'gone/main' });
    expect(refKind('refs/notes/commits', remotes)).toEqual({ kind: 'other', name: 'refs/notes/commits' });
  });
});

function incident(overrides: Partial<Incident>): Incident {
  return {
    fingerprint: 'a.env:mailjet-api-key:v2-0123456789abcdef',
    ruleId: 'mailjet-api-key',
    provider: 'Mailjet',
    description: 'Mailjet API key',
    redacted: ['9f3b…'],
    remediation: [
      {
        envVar: 'MJ_APIKEY_PUBLIC',
        revoke: 'Rotate it in Mailjet.',
        investigate: 'Check the sends.',
        docs: 'https://example.invalid/keys',
      },
    ],
    workTree: [],
    ignoredFiles: [],
    index: [],
    laterCommits: [],
    inMessages: [],
    branches: [],
    remoteBranches: [],
    tags: [],
    stashes: [],
    otherRefs: [],
    reflogs: [],
    pushedTo: [],
    pushedVia: [],
    historyPaths: [],
    headOnly: false,
    root: '/work/app',
    today: '2026-12-03',
    ...overrides,
  };
}

const first = {
  sha: sha('a'),
  short: 'aaaaaaa',
  author: 'Ada <ada@example.invalid>',
  date: '2026-11-02T09:30:00+01:00',
  subject: 'add <b>key</b>',
  paths: ['a.env'],
};

describe('incident: the report', () => {
  it('says plainly when the key is nowhere', () => {
    const text = renderIncidents([incident({})], 'text');
    expect(text).toContain('Not found in git in this clone');
    expect(text).not.toContain('What to do');
  });

  it('a pushed key: the checklist names the dates, the env var and a filter-repo per remote', () => {
    const text = renderIncidents(
      [
        incident({
          firstCommit: first,
          branches: ['main'],
          remoteBranches: ['origin/main'],
          pushedTo: ['origin'],
          historyPaths: ['a.env', "it's.env"],
        }),
      ],
      'text',
    );
    expect(text).toContain(
      "5. Check Mailjet's logs for use of the old key between 2026-11-02 (the first commit) and now (2026-12-03). Check the sends.",
    );
    expect(text).toContain('the environment variable MJ_APIKEY_PUBLIC');
    expect(text).toContain(`git filter-repo --invert-paths --path a.env --path 'it'\\''s.env'`);
    expect(text).toContain('git clone --mirror "$(git -C /work/app remote get-url origin)" ../purge-origin.git');
  });

  it('markdown escapes what came from commits and groups commands in one block', () => {
    const markdown = renderIncidents(
      [incident({ firstCommit: first, branches: ['main'], reflogs: [{ ref: 'HEAD', selectors: ['HEAD@{0}'] }] })],
      'markdown',
    );
    expect(markdown).toContain('"add &lt;b&gt;key&lt;/b&gt;" by Ada &lt;ada@example.invalid&gt;');
    expect(markdown).not.toContain('<b>');
    expect(markdown).toContain('filter-repo writes \\*\\*\\*REMOVED\\*\\*\\* in its place');
    expect(markdown).toContain('```sh\ngit filter-repo --force --replace-text ../leakgate-replacements.txt --refs refs/heads/main\n```');
  });

  it('a commit subject cannot drive the terminal', () => {
    const text = renderIncidents([incident({ firstCommit: { ...first, subject: 'x\u001b[2Jy' }, branches: ['main'] })], 'text');
    expect(text).not.toContain('\u001b');
    expect(text).toContain('x\\x1b[2Jy');
  });

  it('a key in the last commit only is amended; stashes are dropped highest first', () => {
    const text = renderIncidents(
      [incident({ firstCommit: first, headOnly: true, branches: ['main'], stashes: ['stash@{0}', 'stash@{2}'], workTree: ['a.env'] })],
      'text',
    );
    expect(text).toContain('git commit --amend --no-edit');
    expect(text.indexOf("git stash drop 'stash@{2}'")).toBeLessThan(text.indexOf("git stash drop 'stash@{0}'"));
    expect(text).not.toContain('filter-repo');
  });
});

describe('incident: the command line', () => {
  it('parses fingerprints, --last and --format, and is in the help', () => {
    expect(parseCommandLine(['incident', 'a:b:v2-0123456789abcdef']).invocation).toEqual({
      command: 'incident',
      fingerprints: ['a:b:v2-0123456789abcdef'],
      last: false,
      format: 'text',
    });
    expect(parseCommandLine(['incident', '--last', '-f', 'markdown']).invocation).toMatchObject({ last: true, format: 'markdown' });
    expect(() => parseCommandLine(['incident', '--format', 'json'])).toThrow(UsageError);
    expect(HELP).toContain('incident <fingerprint…>');
    expect(helpFor('incident')).toMatch(/^Usage: leakgate incident <fingerprint…> \| --last/);
  });
});
