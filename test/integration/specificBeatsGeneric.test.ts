import { loadRules } from '../../src/config/loadRules';
import { catalogueDetector, ruleDetector, scanText } from '../helpers/detector';
import { fakeBase62, fakeGithubToken, fakeHex } from '../helpers/fakeSecrets';
import { hookedRepoWith, refusedCommit } from '../helpers/installedHook';
import type { TempRepo } from '../helpers/repo';

// Issue 16, point 4: where a provider rule and the generic assignment rule both match a value
// (a provider's key in a slot named secret, token or api_key), the report names the provider,
// once.

const stripe = `sk_live_${fakeBase62('specific-stripe', 32)}`;
const github = fakeGithubToken('specific-github');
const datadog = fakeHex('specific-datadog');
const mailjet = fakeHex('specific-mailjet');

const FILES: Record<string, string> = {
  'deploy/.env': `STRIPE_SECRET_KEY=${stripe}\n`,
  'ci/release.sh': `export GITHUB_TOKEN="${github}"\n`,
  'config/monitoring.yaml': `datadog:\n  api_key: "${datadog}"\n`,
  'src/mail.py': `MAILJET_SECRET_KEY = "${mailjet}"\n`,
};

const EXPECTED = [
  'stripe-secret-key deploy/.env:1:19',
  'github-pat-classic ci/release.sh:1:22',
  'datadog-api-key config/monitoring.yaml:2:13',
  'mailjet-secret-key src/mail.py:1:23',
].sort();

describe('specific beats generic', () => {
  it('the generic rule alone would report each of these values', () => {
    const generic = loadRules().rules.filter((rule) => rule.family === 'generic');
    const detector = ruleDetector(generic);
    for (const [path, text] of Object.entries(FILES)) {
      expect([path, scanText(detector, text, path).map((finding) => finding.ruleId)]).toEqual([path, ['generic-secret-assignment']]);
    }
    // With every rule, the provider's finding replaces it.
    const full = catalogueDetector();
    for (const [path, text] of Object.entries(FILES)) expect(scanText(full, text, path)).toHaveLength(1);
  });

  describe('through the installed hook', () => {
    let repo: TempRepo;
    beforeEach(() => {
      repo = hookedRepoWith(FILES);
    });
    afterEach(() => repo.cleanup());

    it('a commit of four provider keys in credential-named slots is refused, each named by its provider, once', () => {
      const stderr = refusedCommit(repo, 'keys');
      expect(stderr).toContain('4 secrets in the staged changes');
      for (const provider of ['Stripe', 'GitHub', 'Datadog', 'Mailjet']) expect(stderr).toContain(provider);
      expect(stderr).not.toContain('generic-secret-assignment');
      for (const secret of [stripe, github, datadog, mailjet]) expect(stderr).not.toContain(secret);
      const scan = repo.leakgate(['scan', ...Object.keys(FILES), '--format', 'json']);
      const findings = (JSON.parse(scan.stdout) as { findings: { rule: string; file: string; line: number; column: number }[] }).findings;
      expect(findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}:${finding.column}`).sort()).toEqual(EXPECTED);
    });
  });
});
