import { fakeBase62, fakeMailjetPair } from '../helpers/fakeSecrets';
import { hookedRepoWith, refusedCommit } from '../helpers/installedHook';
import type { TempRepo } from '../helpers/repo';

// Issue 15, point 4: credentials in URLs, connection strings and the dot-files tools read them
// from, refused by the installed hook at the path:line:column of each secret.

const pw = fakeBase62('url-credentials-hook', 16);
const { apiKey, secretKey } = fakeMailjetPair('url-credentials-hook');
const dockerAuth = Buffer.from(`ci-bot:${pw}`).toString('base64');

const FILES: Record<string, string> = {
  'deploy/.env.production': `APP=shop\nSMTP_URL=smtps://alerts:${pw}@smtp.corp.local:465\nHTTPS_PROXY=http://ops:${pw}@proxy.corp.local:3128\n`,
  'src/Data/appsettings.Production.json': `{\n  "ConnectionStrings": {\n    "Default": "Host=pg01;Database=app;Username=svc;Password=${pw}"\n  }\n}\n`,
  'cmd/api/db.go': `package main\n\nconst dsn = "orders:${pw}@tcp(db.corp.local:3306)/orders"\n`,
  'ci/netrc': `machine git.corp.local\n  login ci-bot\n  password ${pw}\n`,
  'deploy/registry-login.json': `{\n  "auths": {\n    "registry.corp.local": { "auth": "${dockerAuth}" }\n  }\n}\n`,
  // GitLab reads a registry login from this variable: Docker's JSON as a YAML string.
  '.gitlab-ci.yml': `build:\n  variables:\n    DOCKER_AUTH_CONFIG: '{"auths":{"registry.corp.local":{"auth":"${dockerAuth}"}}}'\n`,
  'src/mail.js': `const MAILJET = 'https://${apiKey}:${secretKey}@api.mailjet.com/v3.1/send';\n`,
};

/** rule file:line:column for each finding, as `scan --format json` gives them. */
const EXPECTED = [
  'smtp-url-password deploy/.env.production:2:25',
  'url-basic-auth deploy/.env.production:3:24',
  'npgsql-connection-string src/Data/appsettings.Production.json:3:62',
  'go-sql-dsn cmd/api/db.go:3:21',
  'netrc-password ci/netrc:3:12',
  'docker-config-auth deploy/registry-login.json:3:39',
  'docker-config-auth .gitlab-ci.yml:3:67',
  'mailjet-api-key-pair src/mail.js:1:26',
].sort();

describe('credentials in URLs and connection strings, through the installed hook and scan', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = hookedRepoWith(FILES);
  });
  afterEach(() => repo.cleanup());

  it("a commit of an SMTP URL, a proxy URL, an Npgsql string, a Go DSN, a .netrc, Docker auths (a config.json, GitLab's DOCKER_AUTH_CONFIG) and a Mailjet URL is refused at each path:line:column", () => {
    const stderr = refusedCommit(repo, 'config');
    for (const expected of EXPECTED) expect(stderr).toContain(expected.split(' ')[1]);
    expect(stderr).toContain(`${EXPECTED.length} secrets in the staged changes`);
    for (const secret of [pw, apiKey, secretKey, dockerAuth]) expect(stderr).not.toContain(secret);
  });

  it('scan names the rule of each shape', () => {
    const scan = repo.leakgate(['scan', ...Object.keys(FILES), '--format', 'json']);
    expect(scan.status).toBe(1);
    const findings = (JSON.parse(scan.stdout) as { findings: { rule: string; file: string; line: number; column: number }[] }).findings;
    expect(findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}:${finding.column}`).sort()).toEqual(EXPECTED);
  });
});
