import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { catalogueDetector, ruleDetector, scanText, unhashedFingerprint } from '../helpers/detector';
import { fakeBase62, fakeHex, fakeMailjetPair } from '../helpers/fakeSecrets';
import { shannonEntropy } from '../../src/detect/entropy';
import { isPlaceholder } from '../../src/detect/placeholders';
import { KeywordIndex } from '../../src/detect/keywordIndex';
import { loadRules } from '../../src/config/loadRules';

const catalogue = loadRules();

const detector = catalogueDetector();
const { apiKey, secretKey } = fakeMailjetPair();

describe('Mailjet', () => {
  it('reports a key and secret in one file as one pair finding naming both halves', () => {
    const text = `const Mailjet = require('node-mailjet');\nconst mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');\n`;
    const findings = scanText(detector, text, 'src/mail.js');
    expect(findings).toHaveLength(1);
    const pair = findings[0]!;
    expect(pair.ruleId).toBe('mailjet-api-key-pair');
    expect(pair.spans.map((span) => span.ruleId)).toEqual(['mailjet-api-key', 'mailjet-secret-key']);
    expect(pair.spans.map((span) => span.secret)).toEqual([apiKey, secretKey]);
    expect(pair.spans[0]).toMatchObject({ line: 2, column: text.split('\n')[1]!.indexOf(apiKey) + 1 });
  });

  it('pairs halves on different lines of one file', () => {
    const text = `MJ_APIKEY_PUBLIC=${apiKey}\nOTHER=1\nMJ_APIKEY_PRIVATE=${secretKey}\n`;
    const findings = scanText(detector, text, '.env');
    expect(findings.map((finding) => finding.ruleId)).toEqual(['mailjet-api-key-pair']);
    expect(findings[0]!.spans.map((span) => span.line)).toEqual([1, 3]);
  });

  it('reports either half alone', () => {
    expect(scanText(detector, `MJ_APIKEY_PUBLIC=${apiKey}\n`, '.env').map((f) => f.ruleId)).toEqual(['mailjet-api-key']);
    expect(scanText(detector, `MJ_APIKEY_PRIVATE=${secretKey}\n`, '.env').map((f) => f.ruleId)).toEqual(['mailjet-secret-key']);
  });

  it('reports an app id, public by design, only as half of its pair (Algolia, Twilio)', () => {
    const appId = fakeBase62('algolia-app', 10).toUpperCase();
    const adminKey = fakeHex('algolia-admin', 32);
    expect(scanText(detector, `ALGOLIA_APP_ID=${appId}\n`, '.env')).toEqual([]);
    expect(scanText(detector, `ALGOLIA_APP_ID=${appId}\nALGOLIA_ADMIN_KEY=${adminKey}\n`, '.env').map((f) => f.ruleId)).toEqual([
      'algolia-admin-key-pair',
    ]);
    expect(scanText(detector, `ALGOLIA_ADMIN_KEY=${adminKey}\n`, '.env').map((f) => f.ruleId)).toEqual(['algolia-admin-api-key']);
    const sid = `AC${fakeHex('twilio-sid', 32)}`;
    expect(scanText(detector, `TWILIO_ACCOUNT_SID=${sid}\n`, '.env')).toEqual([]);
    const token = fakeHex('twilio-token', 32);
    expect(scanText(detector, `TWILIO_ACCOUNT_SID=${sid}\nTWILIO_AUTH_TOKEN=${token}\n`, '.env').map((f) => f.ruleId)).toEqual([
      'twilio-account-credentials',
    ]);
  });

  it('still reports an app id alone where its pair is not judged (the rule run by itself)', () => {
    const rule = catalogue.rules.find((candidate) => candidate.id === 'algolia-app-id')!;
    const appId = fakeBase62('algolia-alone', 10).toUpperCase();
    expect(scanText(ruleDetector([rule]), `ALGOLIA_APP_ID=${appId}\n`, '.env').map((f) => f.ruleId)).toEqual(['algolia-app-id']);
  });

  it('does not take a bare 32-hex string without context for a Mailjet key', () => {
    expect(scanText(detector, `const id = '${apiKey}';\nconst etag = "${secretKey}";\n`)).toEqual([]);
  });

  it('does not flag environment references or placeholders', () => {
    const text = [
      'const mailjet = Mailjet.apiConnect(process.env.MJ_APIKEY_PUBLIC, process.env.MJ_APIKEY_PRIVATE);',
      'MJ_APIKEY_PUBLIC=${MJ_APIKEY_PUBLIC}',
      'mailjet_secret = os.environ["MJ_APIKEY_PRIVATE"]',
      'MJ_APIKEY_PRIVATE=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ].join('\n');
    expect(scanText(detector, text)).toEqual([]);
  });
});

describe('detector mechanics', () => {
  const tokenRule = {
    id: 'acme-token',
    provider: 'Acme',
    family: 'code-ci',
    description: 'Acme token',
    regex: '\\b(acme_[a-f0-9]{24})\\b',
    keywords: ['acme_'],
  };
  const genericRule = {
    id: 'generic-thing',
    provider: 'Generic',
    family: 'generic',
    description: 'Generic secret',
    regex: "token\\s*=\\s*'([^']{12,})'",
    keywords: ['token'],
  };
  const token = `acme_${fakeHex('acme', 24)}`;

  it('skips lines marked leakgate:allow', () => {
    const d = ruleDetector([tokenRule]);
    expect(scanText(d, `a = '${token}' // leakgate:allow\nb = '${token}'\n`).map((f) => f.spans[0]!.line)).toEqual([2]);
  });

  it('reports every finding of a text holding more of them than a call takes arguments', () => {
    const d = ruleDetector([tokenRule], unhashedFingerprint);
    const count = 130_000;
    const suffix = fakeHex('acme-many', 16);
    const text = Array.from({ length: count }, (_, i) => `acme_${(i + 0x10000000).toString(16)}${suffix}`).join('\n');
    const findings = d.scanFile({ path: 'dump.txt', chunks: [{ startLine: 1, text }] });
    expect([findings.length, findings.at(-1)?.spans[0]?.line]).toEqual([count, count]);
  });

  it('lets a specific rule win over the generic one on the same text', () => {
    const d = ruleDetector([genericRule, tokenRule]);
    expect(scanText(d, `token = '${token}'`).map((f) => f.ruleId)).toEqual(['acme-token']);
  });

  it('numbers lines from the chunk start and handles CRLF', () => {
    const d = ruleDetector([tokenRule]);
    const findings = d.scanFile({ path: 'a.txt', chunks: [{ startLine: 40, text: `x\r\ny = ${token}\r\n` }] });
    expect(findings[0]!.spans[0]).toMatchObject({ line: 41, column: 5, lineText: `y = ${token}` });
  });

  it('computes the same fingerprint wherever the line moves, different per path and rule', () => {
    const d = ruleDetector([tokenRule]);
    const a = scanText(d, `${token}`, 'a.js')[0]!.fingerprint;
    const b = scanText(d, `\n\n\n  ${token}`, 'a.js')[0]!.fingerprint;
    const c = scanText(d, `${token}`, 'b.js')[0]!.fingerprint;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a).toMatch(/^a\.js:acme-token:v2-[0-9a-f]{16}$/);
    expect(a).not.toContain(token.slice(5));
  });

  it('runs only rules whose keywords occur (case-insensitively)', () => {
    const index = new KeywordIndex([
      { item: 'a', keywords: ['sk_live_'] },
      { item: 'b', keywords: ['live'] },
      { item: 'c', keywords: ['ghp_'] },
      { item: 'd', keywords: [] },
    ]);
    expect(new Set(index.candidates('X = "SK_LIVE_abc"'))).toEqual(new Set(['a', 'b', 'd']));
    expect(new Set(index.candidates('nothing here'))).toEqual(new Set(['d']));
  });
});

describe('entropy and placeholders', () => {
  it('scores random text high and repeated text low', () => {
    expect(shannonEntropy('aaaaaaaa')).toBe(0);
    expect(shannonEntropy(fakeHex('e', 64))).toBeGreaterThan(3.5);
  });

  it.each([
    '__WEBPACK_MODULE_REFERENCE__',
    'xxxxxxxxxxxxxxxx',
    '<your-api-key>',
    '${API_KEY}',
    '{{ token }}',
    '%TOKEN%',
    '$API_TOKEN',
    'your_api_key_here',
    'changeme-please',
    '1234567890abcdef',
    '****************',
    'aaaaaaaaaaaaaaaaaaaa',
  ])('treats %s as a placeholder', (value) => expect(isPlaceholder(value)).toBe(true));

  it.each(['yourKey_here', 'MyDummyValue', 'LOREM-IPSUM-DOLOR', 'Lorem.ipsum.dolor', 'replaceMe-now'])(
    'treats %s as a placeholder: its word in a case people type',
    (value) => expect(isPlaceholder(value)).toBe(true),
  );

  // Random mixed-case keys spell a placeholder word in a mix of cases by chance (bench/randomKeys.mjs).
  it.each([`Z4rInC${fakeBase62('yo', 6)}7YoUR-NmVt`, `19Jlo${'REM'}veYcvWzumAKOMl6P3SWVIYWS`, `kI5A${'FlORem'}E2qVX4B8l`])(
    'keeps %s: the word only in a mix of cases a person does not type',
    (value) => expect(isPlaceholder(value)).toBe(false),
  );

  // A well-formed token that says it is an example is still a token (built at run time).
  it.each([fakeHex('p', 32), `ghp_EXAMPLE${fakeBase62('gh', 29)}`])('keeps %s', (value) => expect(isPlaceholder(value)).toBe(false));
});

describe('user allowlist', () => {
  const text = `MJ_APIKEY_PRIVATE=${secretKey}\n`;

  it('drops findings in allowlisted paths', () => {
    expect(scanText(catalogueDetector({ paths: ['config/**'] }), text, 'config/.env')).toEqual([]);
    expect(scanText(catalogueDetector({ paths: ['config/**'] }), text, 'src/.env')).toHaveLength(1);
  });

  it('accepts Windows separators in path globs', () => {
    expect(scanText(catalogueDetector({ paths: ['config\\**'] }), text, 'config/.env')).toEqual([]);
  });

  it('drops secrets matching an allowlisted regex or containing a stopword', () => {
    expect(scanText(catalogueDetector({ regexes: [`^${secretKey.slice(0, 6)}`] }), text, '.env')).toEqual([]);
    expect(scanText(catalogueDetector({ stopwords: [secretKey.slice(10, 16)] }), text, '.env')).toEqual([]);
  });

  it('drops findings by fingerprint and keeps others', () => {
    const finding = scanText(detector, text, '.env')[0]!;
    expect(scanText(catalogueDetector({ fingerprints: [finding.fingerprint] }), text, '.env')).toEqual([]);
    expect(scanText(catalogueDetector({ fingerprints: [finding.fingerprint] }), text, 'other/.env')).toHaveLength(1);
  });
});

/** Every occurrence of every keyword, as "end:keyword index", by a plain search (A-Z folded only). */
function occurrences(text: string, keywords: readonly string[]): string[] {
  const lower = text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  const found: string[] = [];
  keywords.forEach((keyword, index) => {
    for (let at = lower.indexOf(keyword); at !== -1; at = lower.indexOf(keyword, at + 1)) found.push(`${at + keyword.length - 1}:${index}`);
  });
  return found.sort();
}

function automatonOccurrences(automaton: import('../../src/detect/keywordAutomaton').KeywordAutomaton, text: string): string[] {
  const { hits, count } = automaton.find(text);
  return Array.from({ length: count }, (_, i) => `${hits[i * 2]}:${hits[i * 2 + 1]}`).sort();
}

describe('keyword automaton', () => {
  it('finds every occurrence a plain search finds, case-insensitively, overlapping and nested', () => {
    const { KeywordAutomaton } = require('../../src/detect/keywordAutomaton') as typeof import('../../src/detect/keywordAutomaton');
    const keywords = ['sk_live_', 'live', 'ghp_', 'he', 'she', 'hers', 'xoxb-', 'mailjet'];
    const automaton = new KeywordAutomaton(keywords);
    const texts = ['USHERS and SK_LIVE_abc', 'nothing', 'xoxb-1 mailJet', 'é😀 ghp_ ünïcode he', '', 'hehehe shershe'.repeat(20)];
    for (const text of texts) {
      const expected = occurrences(text, keywords);
      expect(automatonOccurrences(automaton, text)).toEqual(expected);
    }
    expect(automatonOccurrences(automaton, 'USHERS')).toEqual(['3:3', '3:4', '5:5'].sort()); // he, she, hers
  });

  it('property: with the whole catalogue, finds exactly the occurrences a lower-cased substring search finds', () => {
    const { KeywordAutomaton } = require('../../src/detect/keywordAutomaton') as typeof import('../../src/detect/keywordAutomaton');
    const rules = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'rules.json'), 'utf8')) as { rules: { keywords?: string[] }[] })
      .rules;
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords ?? []).map((keyword) => keyword.toLowerCase()))];
    const automaton = new KeywordAutomaton(keywords);
    const fragment = fc.oneof(
      fc.constantFrom(...keywords).map((keyword) => keyword.slice(0, 1 + Math.floor(keyword.length / 2))),
      fc.constantFrom(...keywords),
      fc.constantFrom(...keywords).map((keyword) => keyword.toUpperCase()),
      fc.string({ maxLength: 6 }),
      fc.constantFrom('é', '😀', 'İ', '\n', ' ', '\u212a'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        // The automaton folds A-Z only (toLowerCase would also turn the Kelvin sign into k).
        expect(automatonOccurrences(automaton, text)).toEqual(occurrences(text, keywords));
      }),
      { numRuns: 400 },
    );
  });

  it('long texts (walked as two halves): every occurrence, including one across the middle, at every offset', () => {
    const { KeywordAutomaton } = require('../../src/detect/keywordAutomaton') as typeof import('../../src/detect/keywordAutomaton');
    const rules = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'rules.json'), 'utf8')) as { rules: { keywords?: string[] }[] })
      .rules;
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords ?? []).map((keyword) => keyword.toLowerCase()))];
    const automaton = new KeywordAutomaton(keywords);
    const longest = keywords.reduce((a, b) => (b.length > a.length ? b : a));
    for (const length of [4096, 4097, 9001]) {
      const half = length >> 1;
      for (const keyword of [longest, 'st.', 'aws', 'xoxb-']) {
        for (let start = half - keyword.length - 1; start <= half + 1; start++) {
          const text = `${'q'.repeat(start)}${keyword.toUpperCase()}${'q'.repeat(length - start - keyword.length)}`;
          expect([start, automatonOccurrences(automaton, text)]).toEqual([start, occurrences(text, keywords)]);
        }
      }
    }
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...keywords), fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 30 }),
        fc.nat(200),
        (parts, shift) => {
          const text = `${'z'.repeat(shift)}${parts.join(' ').repeat(Math.ceil(4200 / Math.max(1, parts.join(' ').length)))}`;
          expect(automatonOccurrences(automaton, text)).toEqual(occurrences(text, keywords));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives the same candidates for a large text as for a small one', () => {
    const index = new KeywordIndex([
      { item: 'a', keywords: ['sk_live_'] },
      { item: 'b', keywords: ['live'] },
      { item: 'c', keywords: ['ghp_'] },
    ]);
    const big = `${'x'.repeat(20000)} SK_LIVE_abc ${'y'.repeat(100)}`;
    expect(new Set(index.candidates(big))).toEqual(new Set(['a', 'b']));
  });
});

describe('Kubernetes Secret manifests', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const password = `Zq${fakeHex('k8s-pass', 20)}X9`;
  const url = `postgres://app:${fakeHex('k8s-db', 16)}@db.internal:5432/app`;
  const manifest = [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: app',
    'type: Opaque',
    'data:',
    `  DATABASE_URL: ${b64(url)}`,
    `  DB_PASSWORD: ${b64(password)}`,
    `  LOG_LEVEL: ${b64('debug')}`,
    '',
  ].join('\n');

  it('decodes base64 data values and reports findings at the encoded value', () => {
    const findings = scanText(detector, manifest, 'k8s/app-secret.yaml');
    expect(findings.map((f) => [f.ruleId, f.spans[0]!.line])).toEqual([
      ['postgres-connection-string', 7],
      ['generic-secret-assignment', 8],
    ]);
    expect(findings[0]!.spans[0]!.secret).toBe(b64(url));
    expect(findings[0]!.spans[0]!.column).toBe(17);
  });

  it('does not decode values of YAML that is not a Secret', () => {
    const configMap = scanText(detector, manifest.replace('kind: Secret', 'kind: ConfigMap'), 'k8s/app.yaml');
    expect(configMap.map((f) => f.ruleId)).not.toContain('postgres-connection-string');
  });
});
