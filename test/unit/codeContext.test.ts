import { codeContext, isCodePath } from '../../src/detect/codeContext';
import type { Finding } from '../../src/detect/types';
import { textReporter } from '../../src/report/reporter';
import { createStyle } from '../../src/report/style';
import { catalogueDetector, scanText } from '../helpers/detector';
import { fakeBase62, fakeGithubToken, fakeHex, fakeMailjetPair } from '../helpers/fakeSecrets';

// Issue 15, point 2: a provider named by its SDK, literal pieces joined by concatenation and an
// environment lookup's literal fallback are read the way the program reads them.

const detector = catalogueDetector();
const { apiKey, secretKey } = fakeMailjetPair('code-context');
const token = fakeGithubToken('code-context');
/** A random-looking value with no provider shape: only a credential-named variable makes it one. */
const plain = fakeBase62('code-context-plain', 24);

/** rule line:column secret, for each span of each finding. */
function placesOf(findings: Finding[]): string[] {
  return findings.flatMap((finding) => finding.spans.map((span) => `${finding.ruleId} ${span.line}:${span.column} ${span.secret}`));
}

describe('a provider named by its SDK or host: literal arguments are its credentials', () => {
  it.each([
    [
      'new Mailjet({ apiKey, apiSecret }) after require',
      'src/mail.js',
      `const Mailjet = require('node-mailjet');\nconst mailjet = new Mailjet({\n  apiKey: '${apiKey}',\n  apiSecret: '${secretKey}',\n});\n`,
      [`mailjet-api-key-pair 3:12 ${apiKey}`, `mailjet-api-key-pair 4:15 ${secretKey}`],
    ],
    [
      "node-mailjet v3's require(…).connect(key, secret)",
      'src/mail.js',
      `const mailjet = require('node-mailjet').connect('${apiKey}', '${secretKey}');\n`,
      [`mailjet-api-key-pair 1:50 ${apiKey}`, `mailjet-api-key-pair 1:86 ${secretKey}`],
    ],
    [
      'an ES import and Mailjet.apiConnect on the next lines',
      'src/mail.ts',
      `import Mailjet from 'node-mailjet';\n\nconst mailjet = Mailjet.apiConnect(\n  "${apiKey}",\n  "${secretKey}",\n);\n`,
      [`mailjet-api-key-pair 4:4 ${apiKey}`, `mailjet-api-key-pair 5:4 ${secretKey}`],
    ],
    [
      'the connect call with the client in a variable',
      'src/mail.js',
      `const mailjet = require('node-mailjet');\nconst client = mailjet.connect('${apiKey}', '${secretKey}');\n`,
      [`mailjet-api-key-pair 2:33 ${apiKey}`, `mailjet-api-key-pair 2:69 ${secretKey}`],
    ],
    [
      "Python's mailjet_rest Client(auth=(key, secret))",
      'app/mail.py',
      `from mailjet_rest import Client\n\nmailjet = Client(auth=('${apiKey}', '${secretKey}'), version='v3.1')\n`,
      [`mailjet-api-key-pair 3:25 ${apiKey}`, `mailjet-api-key-pair 3:61 ${secretKey}`],
    ],
    [
      'Go, the SDK named by its module path',
      'main.go',
      `import mailjet "github.com/mailjet/mailjet-apiv3-go"\n\nclient := mailjet.NewMailjetClient(\n\t"${apiKey}",\n\t"${secretKey}")\n`,
      [`mailjet-api-key-pair 4:3 ${apiKey}`, `mailjet-api-key-pair 5:3 ${secretKey}`],
    ],
  ])('%s', (_, path, text, expected) => {
    expect(placesOf(scanText(detector, text, path))).toEqual(expected);
  });

  it('a call with the API host in the file and the keys in a fetch option object', () => {
    const text = `const url = 'https://api.mailjet.com/v3.1/send';\nconst auth = {\n  api_key: "${apiKey}",\n  api_secret: "${secretKey}",\n};\n`;
    expect(placesOf(scanText(detector, text, 'src/send.js'))).toEqual([
      `mailjet-api-key-pair 3:13 ${apiKey}`,
      `mailjet-api-key-pair 4:16 ${secretKey}`,
    ]);
  });

  it('variables, env lookups and a file that never names the SDK give nothing', () => {
    const calls = [
      `const Mailjet = require('node-mailjet');\nconst mailjet = new Mailjet({ apiKey: process.env.MJ_APIKEY_PUBLIC, apiSecret: secret });\n`,
      `const mailjet = require('node-mailjet').connect(key, process.env.MJ_APIKEY_PRIVATE);\n`,
      `from mailjet_rest import Client\nmailjet = Client(auth=(api_key, api_secret), version='v3.1')\n`,
    ];
    for (const text of calls) expect(placesOf(scanText(detector, text, 'src/mail.js'))).toEqual([]);
    // The same literals in a client of some other service: nothing names Mailjet (the generic
    // rule still reads the credential-named keys).
    const other = `const client = new Client({ apiKey: '${apiKey}', apiSecret: '${secretKey}' }); // mailjet-like\n`;
    expect(scanText(detector, other, 'src/mail.js').map((finding) => finding.provider)).toEqual(['Generic', 'Generic']);
  });

  it('a literal that is no key (a version, a path) in the SDK call gives nothing', () => {
    const text = `const mailjet = require('node-mailjet').connect(key, secret, { version: 'v3.1', url: 'api.mailjet.com' });\nmailjet.post('send', { version: 'v3.1' });\n`;
    expect(placesOf(scanText(detector, text, 'src/mail.js'))).toEqual([]);
  });
});

describe('literal pieces joined before matching', () => {
  it('"…" + "…" in JavaScript: reported at the first piece, the secret as written from the first piece to the last', () => {
    const text = `const x = 1;\nconst token = "${token.slice(0, 10)}" + "${token.slice(10, 25)}" +\n  "${token.slice(25)}";\n`;
    expect(placesOf(scanText(detector, text, 'src/app.js'))).toEqual([
      `github-pat-classic 2:16 ${token.slice(0, 10)}" + "${token.slice(10, 25)}" +\n  "${token.slice(25)}`,
    ]);
  });

  it('a credential-named variable in Java and C# joins a plain value, judged by the generic rule', () => {
    const java = `class A {\n  private static final String API_KEY = "${plain.slice(0, 12)}" + "${plain.slice(12)}";\n}\n`;
    expect(placesOf(scanText(detector, java, 'src/A.java'))).toEqual([
      `generic-secret-assignment 2:42 ${plain.slice(0, 12)}" + "${plain.slice(12)}`,
    ]);
    const csharp = `var password = "${plain.slice(0, 8)}"\n    + "${plain.slice(8)}";\n`;
    expect(placesOf(scanText(detector, csharp, 'src/A.cs'))).toEqual([
      `generic-secret-assignment 1:17 ${plain.slice(0, 8)}"\n    + "${plain.slice(8)}`,
    ]);
  });

  it("Python's implicit concatenation inside parentheses", () => {
    const text = `import os\n\nGITHUB = (\n    "${token.slice(0, 20)}"\n    "${token.slice(20)}"\n)\n`;
    expect(placesOf(scanText(detector, text, 'app/settings.py'))).toEqual([
      `github-pat-classic 4:6 ${token.slice(0, 20)}"\n    "${token.slice(20)}`,
    ]);
  });

  it('a PEM key built line by line is one private key, reported at its BEGIN line', () => {
    const body = [0, 1, 2, 3].map((row) => `"${fakeBase62(`pem-${row}`, 64)}\\n" +`);
    const text = `const key =\n  "-----BEGIN RSA PRIVATE KEY-----\\n" +\n  ${body.join('\n  ')}\n  "-----END RSA PRIVATE KEY-----\\n";\n`;
    const [finding, ...more] = scanText(detector, text, 'src/key.js');
    expect(more).toEqual([]);
    expect(finding?.ruleId).toBe('private-key-rsa');
    expect(finding?.spans.map((span) => [span.line, span.column])).toEqual([[2, 4]]);
    expect(finding?.spans[0]?.secret.startsWith('-----BEGIN RSA PRIVATE KEY-----\\n" +\n')).toBe(true);
    expect(finding?.spans[0]?.secret.endsWith('-----END RSA PRIVATE KEY-----\\n')).toBe(true);
  });

  it('concatenations of words, of a name and a value, or of a variable give nothing', () => {
    const texts = [
      `const message = "Your token " + "has expired, please sign in again";\n`,
      `const tokenUrl = "https://auth.example.com/" + "oauth/token";\n`,
      `const token = "${token.slice(0, 6)}" + suffix + "${token.slice(6, 12)}";\n`,
      `const password = prefix + "${plain}";\n`,
      `log("password reset for " + "user@example.com");\n`,
    ];
    for (const text of texts) expect(placesOf(scanText(detector, text, 'src/app.js'))).toEqual([]);
  });

  it('the rendered report masks the joined secret on its line', () => {
    const text = `const token = "${token.slice(0, 10)}" + "${token.slice(10)}";\n`;
    const findings = scanText(detector, text, 'src/app.js');
    expect(findings).toHaveLength(1);
    const out = textReporter(createStyle(false)).render({
      mode: 'scan',
      findings,
      skipped: [],
      scanned: { files: 1, bytes: text.length },
    });
    expect(out).toContain('const token = "ghp_…";');
    for (const piece of [token, token.slice(0, 10), token.slice(10), token.slice(-8)]) expect(out).not.toContain(piece);
  });
});

describe('an environment lookup is judged on its literal fallback', () => {
  it.each([
    [
      'Python os.environ.get',
      'app/mail.py',
      `secret = os.environ.get('MJ_APIKEY_PRIVATE', '${secretKey}')\n`,
      `mailjet-secret-key 1:47 ${secretKey}`,
    ],
    ['Python os.getenv', 'app/conf.py', `API = os.getenv("API_TOKEN", "${plain}")\n`, `generic-secret-assignment 1:31 ${plain}`],
    ['Node ||', 'src/conf.js', `const key = process.env.MJ_APIKEY_PRIVATE || '${secretKey}';\n`, `mailjet-secret-key 1:47 ${secretKey}`],
    ['Node ??', 'src/conf.ts', `export const api = process.env.API_TOKEN ?? "${plain}";\n`, `generic-secret-assignment 1:46 ${plain}`],
    [
      "Node process.env['X'] ||",
      'src/conf.js',
      `const api = process.env['DB_PASSWORD'] || '${plain}';\n`,
      `generic-secret-assignment 1:44 ${plain}`,
    ],
    ['shell ${X:-…}', 'deploy/run.sh', `export API=\${API_TOKEN:-${plain}}\n`, `generic-secret-assignment 1:25 ${plain}`],
    [
      'compose ${X:-…}',
      'docker-compose.yml',
      `services:\n  web:\n    environment:\n      - API=\${API_TOKEN:-${plain}}\n`,
      `generic-secret-assignment 4:26 ${plain}`,
    ],
    ['Ruby ENV.fetch', 'config/app.rb', `api = ENV.fetch('API_TOKEN', '${plain}')\n`, `generic-secret-assignment 1:31 ${plain}`],
    ['PHP getenv ?:', 'config/app.php', `<?php\n$api = getenv('API_TOKEN') ?: '${plain}';\n`, `generic-secret-assignment 2:32 ${plain}`],
  ])('%s', (_, path, text, expected) => {
    expect(placesOf(scanText(detector, text, path))).toEqual([expected]);
  });

  it('in a large file (keyword places known), lookups are found near their keywords, far apart', () => {
    const filler = 'const total = items.reduce((sum, item) => sum + item.price, 0);\n'.repeat(2000);
    const text = `${filler}const api = process.env.API_TOKEN || '${plain}';\n${filler}const key = os.getenv("MJ_APIKEY_PRIVATE") || "${secretKey}";\nconst url = \`\${HOST:-localhost}\`;\nconst b = \`\${DB_PASSWORD:-${plain}}\`;\n`;
    expect(text.length).toBeGreaterThan(128 * 1024);
    expect(placesOf(scanText(detector, text, 'src/big.js'))).toEqual([
      `generic-secret-assignment 2001:39 ${plain}`,
      `mailjet-secret-key 4002:48 ${secretKey}`,
      `generic-secret-assignment 4004:27 ${plain}`,
    ]);
  });

  it('lookups without a fallback, or with a placeholder or empty one, give nothing', () => {
    const texts: [string, string][] = [
      ['app/conf.py', `token = os.environ.get('API_TOKEN')\nsecret = os.getenv("MJ_APIKEY_PRIVATE", "")\n`],
      ['src/conf.js', `const token = process.env.API_TOKEN || '';\nconst key = process.env.API_TOKEN ?? 'changeme';\n`],
      ['deploy/run.sh', 'export API=${API_TOKEN:-}\nexport B=${API_TOKEN:-your_token_here}\nexport C=${API_TOKEN:-$DEFAULT_TOKEN}\n'],
      ['config/app.rb', "token = ENV.fetch('API_TOKEN') { raise 'missing' }\n"],
      ['src/conf.js', `const mode = process.env.TOKEN_MODE || 'production-default';\n`],
    ];
    for (const [path, text] of texts) expect(placesOf(scanText(detector, text, path))).toEqual([]);
  });
});

describe('cost and scope', () => {
  it('reads source code only: a Markdown file or a CSV is not restated', () => {
    expect(isCodePath('README.md')).toBe(false);
    expect(isCodePath('data/keys.csv')).toBe(false);
    expect(isCodePath('src/app.ts')).toBe(true);
    expect(isCodePath('Dockerfile')).toBe(true);
    expect(codeContext('README.md', `const token = "${token.slice(0, 10)}" + "${token.slice(10)}";`)).toBeUndefined();
  });

  it('restates nothing in code without the shapes', () => {
    expect(codeContext('src/a.js', 'const a = b + c;\nconst s = `x${y}` + z;\nfunction f() { return 1 }\n')).toBeUndefined();
  });

  it('a 1 MB minified line of near-misses is read in linear time', () => {
    const shapes = [
      '"a"+"b"+',
      '\\"+\\"+',
      "'\\'+'\\'",
      'process.env.X||x,',
      '${X:-${',
      'getenv("X",',
      'connect(connect(',
      '"x" "',
      "require('node-mailjet').connect(connect(",
    ];
    for (const shape of shapes) {
      const line = shape.repeat(Math.ceil(1_000_000 / shape.length));
      const started = process.hrtime.bigint();
      codeContext('dist/app.min.js', line);
      codeContext('dist/app.py', line);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Generous for a shared machine; a quadratic walk takes minutes here.
      expect(seconds).toBeLessThan(3);
    }
  });
});

describe('more providers named by their SDKs (the usage corpus, bench/usageCorpus.mjs)', () => {
  const hex = (seed: string, length = 32) => fakeHex(`code-context-${seed}`, length);
  const uuid = (seed: string) => {
    const h = hex(seed);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  };
  const appId = fakeBase62('code-context-algolia-app', 10).toUpperCase();
  const cloudflare = fakeBase62('code-context-cloudflare', 40);
  const vonageSecret = fakeBase62('code-context-vonage', 16);
  it.each([
    [
      'Algolia in JS',
      'src/search.js',
      `const algoliasearch = require('algoliasearch');\nconst client = algoliasearch('${appId}', '${hex('algolia')}');\n`,
      'algolia-admin-api-key',
      hex('algolia'),
    ],
    [
      'Algolia in PHP',
      'src/Search.php',
      `<?php\nuse Algolia\\AlgoliaSearch\\SearchClient;\n$client = SearchClient::create('${appId}', '${hex('algolia')}');\n`,
      'algolia-admin-api-key',
      hex('algolia'),
    ],
    [
      'Datadog by object key',
      'src/metrics.ts',
      `import { client } from '@datadog/datadog-api-client';\nconst c = client.createConfiguration({ authMethods: { apiKeyAuth: '${hex('dd')}' } });\n`,
      'datadog-api-key',
      hex('dd'),
    ],
    [
      'Datadog by subscript',
      'ops/metrics.py',
      `from datadog_api_client import Configuration\nconfiguration = Configuration()\nconfiguration.api_key["apiKeyAuth"] = "${hex('dd')}"\n`,
      'datadog-api-key',
      hex('dd'),
    ],
    [
      'Postmark in Ruby',
      'app/mailer.rb',
      `require 'postmark'\nclient = Postmark::ApiClient.new('${uuid('postmark')}')\n`,
      'postmark-server-token',
      uuid('postmark'),
    ],
    [
      'Postmark in Python',
      'mail/pm.py',
      `from postmarker.core import PostmarkClient\npostmark = PostmarkClient(server_token="${uuid('postmark')}")\n`,
      'postmark-server-token',
      uuid('postmark'),
    ],
    [
      'Vonage in Python',
      'sms/send.py',
      `import vonage\nclient = vonage.Client(key="${hex('vonage', 8)}", secret="${vonageSecret}")\n`,
      'vonage-api-secret',
      vonageSecret,
    ],
    [
      'Vonage in PHP',
      'src/Sms.php',
      `<?php\n$basic = new \\Vonage\\Client\\Credentials\\Basic('${hex('vonage', 8)}', '${vonageSecret}');\n`,
      'vonage-api-secret',
      vonageSecret,
    ],
    [
      'Cloudflare in TS',
      'src/cf.ts',
      `import Cloudflare from 'cloudflare';\nconst cf = new Cloudflare({ apiToken: '${cloudflare}' });\n`,
      'cloudflare-api-token',
      cloudflare,
    ],
  ])('%s: the literal is that provider’s credential', (_name, path, text, ruleId, secret) => {
    const found = scanText(detector, text, path).flatMap((finding) => finding.spans.map((span) => `${span.ruleId} ${span.secret}`));
    expect(found).toContain(`${ruleId} ${secret}`);
  });

  it('without the SDK named, the same call is left to the other rules', () => {
    const text = `const client = algoliasearch('${appId}', '${hex('algolia')}');\n`;
    expect(scanText(detector, text, 'src/search.js').map((finding) => finding.ruleId)).not.toContain('algolia-admin-api-key');
  });
});

describe('two rules on the very same characters: the one the context names', () => {
  const gemini = `AIza${fakeBase62('code-context-gemini', 35)}`;
  const openai = `sk-proj-${fakeBase62('code-context-openai', 60)}`;
  it.each([
    ['a Gemini key named by its variable, not any Google key', '.env', `GEMINI_API_KEY=${gemini}\n`, 'google-gemini-api-key'],
    ['a Gemini key under a gemini: block', 'config/ai.yaml', `gemini:\n  api_key: ${gemini}\n`, 'google-gemini-api-key'],
    [
      'an OpenAI key in a bearer header: the provider, not the header shape',
      'scripts/m.sh',
      `curl https://api.openai.com/v1/models -H "Authorization: Bearer ${openai}"\n`,
      'openai-project-api-key',
    ],
  ])('%s', (_name, path, text, ruleId) => {
    expect(scanText(detector, text, path).map((finding) => finding.ruleId)).toEqual([ruleId]);
  });
});
