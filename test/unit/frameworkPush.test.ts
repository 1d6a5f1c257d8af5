import { frameworkPushOf, parsePushLines, pushLine } from '../../src/git/pushRefs';

const LOCAL = 'a'.repeat(40);
const REMOTE = 'b'.repeat(40);
const framework = {
  PRE_COMMIT_REMOTE_NAME: 'origin',
  PRE_COMMIT_REMOTE_URL: '/srv/app.git',
  PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/main',
  PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/main',
};

describe("the pre-commit framework's pre-push variables as git's pre-push line", () => {
  it('an update: the remote commit and the local one', () => {
    const push = frameworkPushOf({ ...framework, PRE_COMMIT_FROM_REF: REMOTE, PRE_COMMIT_TO_REF: LOCAL })!;
    expect(push).toEqual({
      remote: 'origin',
      url: '/srv/app.git',
      localRef: 'refs/heads/main',
      localSha: LOCAL,
      remoteRef: 'refs/heads/main',
      remoteSha: REMOTE,
    });
    expect(parsePushLines(pushLine(push.localRef, LOCAL, push.remoteRef, push.remoteSha))).toEqual([
      { localRef: 'refs/heads/main', localSha: LOCAL, remoteRef: 'refs/heads/main', remoteSha: REMOTE, kind: 'update' },
    ]);
  });

  it('a push of a root commit names no range: a new branch, its commit resolved by the caller', () => {
    const push = frameworkPushOf(framework)!;
    expect(push.localSha).toBeUndefined();
    expect(push.remoteSha).toBeUndefined();
    expect(parsePushLines(pushLine(push.localRef, LOCAL, push.remoteRef, push.remoteSha))[0]?.kind).toBe('new');
    expect(pushLine('HEAD', 'c'.repeat(64), 'refs/heads/x', undefined)).toBe(`HEAD ${'c'.repeat(64)} refs/heads/x ${'0'.repeat(64)}\n`);
  });

  it('nothing outside a framework pre-push (a manual `pre-commit run --from-ref` sets no remote), and no malformed id passes', () => {
    expect(frameworkPushOf({})).toBeUndefined();
    expect(frameworkPushOf({ PRE_COMMIT_FROM_REF: REMOTE, PRE_COMMIT_TO_REF: LOCAL })).toBeUndefined();
    expect(frameworkPushOf({ ...framework, PRE_COMMIT_TO_REF: 'main; rm -rf /' })?.localSha).toBeUndefined();
  });
});
