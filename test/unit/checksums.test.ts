import { base62Checksum, checksumHolds, crc32 } from '../../src/detect/checksums';
import { loadRules } from '../../src/config/loadRules';
import { catalogueDetector, ruleDetector, scanText } from '../helpers/detector';
import { fakeBase62, fakeGithubToken, fakeJwt, fakePypiToken, fakeSentryOrgToken, fakeSupabaseKey } from '../helpers/fakeSecrets';

/** The same token with one character of its random part changed. */
function mistyped(token: string, at: number): string {
  const char = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${char}${token.slice(at + 1)}`;
}

describe('GitHub and npm checksums', () => {
  it('computes CRC-32 as zlib does, in base62 padded to 6', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
    expect(base62Checksum('')).toBe('000000');
    expect(base62Checksum('FAKEEXAMPLE')).toMatch(/^[0-9A-Za-z]{6}$/);
  });

  it('accepts a token whose last 6 characters are the checksum of the 30 before them', () => {
    for (const prefix of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'])
      expect(checksumHolds('github', fakeGithubToken(prefix, prefix))).toBe(true);
    expect(checksumHolds('npm', fakeGithubToken('npm', 'npm_'))).toBe(true);
  });

  it('refuses one changed character, in the random part or the checksum', () => {
    const token = fakeGithubToken('one-char');
    expect(checksumHolds('github', mistyped(token, 10))).toBe(false);
    expect(checksumHolds('github', mistyped(token, token.length - 1))).toBe(false);
    expect(checksumHolds('npm', mistyped(fakeGithubToken('npm', 'npm_'), 5))).toBe(false);
  });

  it('leaves a refresh token of the longer format alone: no known checksum', () => {
    expect(checksumHolds('github', `ghr_${fakeBase62('long-refresh', 76)}`)).toBe(true);
  });
});

describe('PyPI macaroons', () => {
  it('accepts a version-2 macaroon located at PyPI or TestPyPI', () => {
    expect(checksumHolds('pypi', fakePypiToken())).toBe(true);
    expect(checksumHolds('pypi', fakePypiToken('test', 'test.pypi.org'))).toBe(true);
  });

  it('refuses another location, bytes after the signature, a cut token, random base64', () => {
    expect(checksumHolds('pypi', fakePypiToken('elsewhere', 'pypi.example.org'))).toBe(false);
    expect(checksumHolds('pypi', fakePypiToken('tail', 'pypi.org', Buffer.from([1, 2, 3])))).toBe(false);
    const token = fakePypiToken('cut');
    expect(checksumHolds('pypi', token.slice(0, -4))).toBe(false);
    expect(checksumHolds('pypi', `pypi-AgEIcHlwaS5vcmc${fakeBase62('random', 120)}`)).toBe(false);
  });
});

describe('Sentry organization tokens', () => {
  it('accepts a payload that is a JSON object with the Sentry URL or org', () => {
    expect(checksumHolds('sentry-org', fakeSentryOrgToken())).toBe(true);
    expect(checksumHolds('sentry-org', fakeSentryOrgToken('org-only', { iat: 1, org: 'acme-fake' }))).toBe(true);
  });

  it('refuses a payload that is not that object', () => {
    expect(checksumHolds('sentry-org', fakeSentryOrgToken('array', ['https://sentry.io']))).toBe(false);
    expect(checksumHolds('sentry-org', fakeSentryOrgToken('other', { iat: 1, user: 'x' }))).toBe(false);
    expect(checksumHolds('sentry-org', `sntrys_eyJ${fakeBase62('not-json', 60)}_${fakeBase62('s', 43)}`)).toBe(false);
  });
});

describe('Basic auth (Docker auths.*.auth)', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const password = fakeBase62('docker-login', 20);

  it('accepts base64 of user:password, the password as written (any characters)', () => {
    expect(checksumHolds('basic-auth', b64(`ci-bot:${password}`))).toBe(true);
    expect(checksumHolds('basic-auth', b64(`robot$acme:${password}:with:colons`))).toBe(true);
    expect(checksumHolds('basic-auth', Buffer.from(`me:${password}?`).toString('base64url'))).toBe(true);
  });

  it('refuses a value that is no login: no colon, no user, a short or stand-in password, not base64', () => {
    for (const login of [
      'no-colon-in-here',
      `:${password}`,
      'me:ab',
      'me:changeme',
      'me:${REGISTRY_PASSWORD}',
      'me:password',
      'me:xxxxxxxx',
    ])
      expect([login, checksumHolds('basic-auth', b64(login))]).toEqual([login, false]);
    expect(checksumHolds('basic-auth', '$(printf %s:%s "$U" "$T" | base64)')).toBe(false);
    expect(checksumHolds('basic-auth', b64('me:\u0000\u0001binary'))).toBe(false);
  });
});

describe('JWTs and Supabase keys', () => {
  it('holds for any JWT but a Supabase anon key, public by design', () => {
    expect(checksumHolds('jwt', fakeJwt({ sub: 'user-1', iat: 1700000000 }))).toBe(true);
    expect(checksumHolds('jwt', fakeSupabaseKey('service_role'))).toBe(true);
    expect(checksumHolds('jwt', fakeJwt({ iss: 'acme', role: 'anon' }))).toBe(true);
    expect(checksumHolds('jwt', `eyJ${fakeBase62('not-json-header', 20)}.eyJ${fakeBase62('not-json', 30)}.${fakeBase62('sig', 43)}`)).toBe(
      true,
    );
    expect(checksumHolds('jwt', fakeSupabaseKey('anon'))).toBe(false);
  });

  it("holds for a Supabase service_role key only, read from the token's payload", () => {
    expect(checksumHolds('supabase-service-role', fakeSupabaseKey('service_role'))).toBe(true);
    expect(checksumHolds('supabase-service-role', fakeSupabaseKey('anon'))).toBe(false);
    expect(checksumHolds('supabase-service-role', fakeJwt({ iss: 'acme', role: 'service_role' }))).toBe(false);
    expect(checksumHolds('supabase-service-role', `eyJ${fakeBase62('h', 20)}.eyJ${fakeBase62('p', 30)}.${fakeBase62('s', 43)}`)).toBe(
      false,
    );
  });

  it('with the whole catalogue: the service_role key is Supabase at its place under any name, the anon key nothing', () => {
    const service = fakeSupabaseKey('service_role', 'catalogue');
    const code = `const admin = createClient('https://fakeprojectref01.supabase.co', '${service}');\n`;
    expect(scanText(catalogueDetector(), code, 'scripts/admin.js').map((finding) => [finding.ruleId, finding.spans[0]?.column])).toEqual([
      ['supabase-service-role-jwt', code.indexOf(service) + 1],
    ]);
    const anon = fakeSupabaseKey('anon', 'catalogue');
    expect(scanText(catalogueDetector(), `NEXT_PUBLIC_SUPABASE_ANON_KEY=${anon}\n`, '.env.local')).toEqual([]);
  });
});

describe('rules with a checksum', () => {
  const rules = loadRules().rules;
  const rule = (id: string) => rules.find((candidate) => candidate.id === id)!;

  it.each([
    ['github-pat-classic', (seed: string) => fakeGithubToken(seed), 'GITHUB_TOKEN'],
    ['github-oauth-token', (seed: string) => fakeGithubToken(seed, 'gho_'), 'GITHUB_TOKEN'],
    ['npm-access-token', (seed: string) => fakeGithubToken(seed, 'npm_'), 'NPM_TOKEN'],
    ['pypi-upload-token', (seed: string) => fakePypiToken(seed), 'PYPI_API_TOKEN'],
    ['sentry-org-auth-token', (seed: string) => fakeSentryOrgToken(seed), 'SENTRY_AUTH_TOKEN'],
  ] as const)('%s reports a token whose checksum holds, and not one whose checksum fails', (id, make, envVar) => {
    expect(rule(id).checksum).toBeDefined();
    const detector = ruleDetector([rule(id)]);
    const token = make(`${id}-valid`);
    expect(scanText(detector, `${envVar}=${token}\n`).map((finding) => finding.ruleId)).toEqual([id]);
    const broken = id.startsWith('sentry') ? fakeSentryOrgToken(id, { not: 'sentry' }) : mistyped(token, 12);
    expect(scanText(detector, `${envVar}=${broken}\n`)).toEqual([]);
  });

  it('leaves a token whose checksum fails to no provider, with the whole catalogue', () => {
    const findings = scanText(catalogueDetector(), `const banner = "${mistyped(fakeGithubToken('banner'), 8)}";\n`);
    expect(findings.map((finding) => finding.provider)).not.toContain('GitHub');
  });
});
