import type { MaskedFinding } from '../../src/report/mask';
import { createStyle } from '../../src/report/style';
import { renderText } from '../../src/report/textReport';
import { COMMIT_MESSAGE_PATH, tagMessagePath } from '../../src/detect/messageFragments';
import { fakeHex } from '../helpers/fakeSecrets';

const plain = createStyle(false);
const sha = fakeHex('message-commit', 40);
const older = fakeHex('older-commit', 40);

function finding(file: string, extra: Partial<MaskedFinding> = {}): MaskedFinding {
  return {
    ruleId: 'github-pat-classic',
    provider: 'GitHub',
    severity: 'critical',
    description: 'GitHub token',
    file,
    line: 3,
    column: 6,
    fingerprint: `${file}:github-pat-classic:0123456789abcdef`,
    redacted: 'ghp_…',
    redactedLine: 'used ghp_… here',
    parts: [],
    remediation: [{ envVar: 'GITHUB_TOKEN', revoke: 'Revoke it.', docs: '' }],
    ...extra,
  };
}

const push = (tips: string[]) => ({ remote: 'origin', tips: new Set(tips), commitCount: 2 });

describe('fix steps for a secret in a message', () => {
  const commit = { sha, subject: 'deploy fix', author: 'A <a@example.invalid>' };

  it('pre-push: amend the last commit, reword an older one; no "read it from the environment" step', () => {
    const last = renderText({ mode: 'pre-push', findings: [finding(COMMIT_MESSAGE_PATH, { commit })], push: push([sha]) }, plain);
    expect(last).toContain('git commit --amend');
    expect(last).not.toContain('environment instead');
    expect(last).toContain('2. If it was ever pushed');
    const old = renderText(
      { mode: 'pre-push', findings: [finding(COMMIT_MESSAGE_PATH, { commit: { ...commit, sha: older } })], push: push([sha]) },
      plain,
    );
    expect(old).toContain(`git rebase -i ${older.slice(0, 10)}^`);
    expect(old).toContain('"reword"');
  });

  it('a tag message: delete the tag and create it again on the same target', () => {
    const tag = { name: 'v1.0', object: fakeHex('tag-object', 40), target: sha, subject: 'release', tagger: 'T <t@example.invalid>' };
    const text = renderText(
      { mode: 'pre-push', findings: [finding(tagMessagePath('v1.0'), { tag })], push: { ...push([]), tagCount: 1 } },
      plain,
    );
    expect(text).toContain('in the 2 commits and 1 tag origin does not have yet');
    expect(text).toContain(`tag v1.0 (${tag.object.slice(0, 10)}) "release" by T <t@example.invalid>`);
    expect(text).toContain(`git tag -d v1.0  then  git tag -a v1.0 ${sha.slice(0, 10)} -m`);
  });

  it('scan: reword in history and revoke first; a message not yet committed: just edit it', () => {
    const scan = renderText({ mode: 'scan', findings: [finding(COMMIT_MESSAGE_PATH, { commit })] }, plain);
    expect(scan).toContain(`git rebase -i ${sha.slice(0, 10)}^`);
    expect(scan).toContain('revoke the secret first');
    const uncommitted = renderText({ mode: 'pre-commit', findings: [finding(COMMIT_MESSAGE_PATH)] }, plain);
    expect(uncommitted).toContain('Remove it from the message, then commit again.');
  });
});
