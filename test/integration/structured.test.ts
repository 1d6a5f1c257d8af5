import { fakeBase62, fakeMailjetPair } from '../helpers/fakeSecrets';
import { hookedRepoWith, refusedCommit } from '../helpers/installedHook';
import type { TempRepo } from '../helpers/repo';

// Issue 15, point 1: a value is read with its key path, so a provider named on a parent key, a
// .NET section, an XML appSettings key or a Terraform provider block names the credential, and an
// unquoted config value is read whole.

const { apiKey, secretKey } = fakeMailjetPair('structured');
// Letters only: no digit, so a line-by-line rule that needs one to tell a value from a name passes it.
const letters = fakeBase62('structured-token', 40).replace(/[0-9]/g, '').slice(0, 20);

const FILES: Record<string, string> = {
  'config/mail.yaml': `app:\n  name: shop\nmailjet:\n  api_key: ${apiKey}\n  secret_key: ${secretKey}\n`,
  'appsettings.json': `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "Mailjet": {\n    "ApiKey": "${apiKey}",\n    "ApiSecret": "${secretKey}"\n  }\n}\n`,
  'web.config': `<?xml version="1.0"?>\n<configuration>\n  <appSettings>\n    <add key="MailjetApiKey" value="${apiKey}" />\n    <add key="MailjetSecretKey" value="${secretKey}" />\n  </appSettings>\n</configuration>\n`,
  'infra/main.tf': `provider "mailjet" {\n  api_key    = "${apiKey}"\n  secret_key = "${secretKey}"\n}\n`,
  '.env': `APP_NAME=shop\nPAYMENT_API_TOKEN=${letters}\n`,
};

/** rule file:line:column for each finding, as `scan --format json` gives them. */
const EXPECTED = [
  'mailjet-api-key-pair config/mail.yaml:4:12',
  'mailjet-api-key-pair appsettings.json:4:16',
  'mailjet-api-key-pair web.config:4:37',
  'mailjet-api-key-pair infra/main.tf:2:17',
  'generic-secret-assignment .env:2:19',
].sort();

describe('config values read with their key paths, through the installed hook and scan', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = hookedRepoWith(FILES);
  });
  afterEach(() => repo.cleanup());

  it('a commit of nested YAML, appsettings.json, web.config, a Terraform provider block and an unquoted .env value is refused, each at its path:line', () => {
    const stderr = refusedCommit(repo, 'config');
    for (const place of ['config/mail.yaml:4:12', 'appsettings.json:4:16', 'web.config:4:37', 'infra/main.tf:2:17', '.env:2:19']) {
      expect(stderr).toContain(place);
    }
    expect(stderr).toContain('5 secrets in the staged changes');
    for (const secret of [apiKey, secretKey, letters]) expect(stderr).not.toContain(secret);
  });

  it('scan names the provider (not the generic rule) with the redacted values', () => {
    const scan = repo.leakgate(['scan', ...Object.keys(FILES), '--format', 'json']);
    expect(scan.status).toBe(1);
    const findings = (
      JSON.parse(scan.stdout) as { findings: { rule: string; file: string; line: number; column: number; redacted: string }[] }
    ).findings;
    expect(findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}:${finding.column}`).sort()).toEqual(EXPECTED);
    const pair = findings.find((finding) => finding.file === 'appsettings.json');
    expect(pair?.redacted).toBe(`${apiKey.slice(0, 4)}… + ${secretKey.slice(0, 4)}…`);
  });
});
