import { appendLines, envLine, envValues, exampleLines } from '../../src/fix/envFiles';
import { diffText } from '../../src/fix/diffText';
import { type FindingTarget, rewriteFile } from '../../src/fix/rewriteFile';
import { parseOldRanges } from '../../src/git/indexEdits';
import { fakeHex } from '../helpers/fakeSecrets';

const SECRET = fakeHex('fix-unit');
const OTHER = fakeHex('fix-unit-other');

/** The file with `§` standing for the secret, and the finding that points at it. */
function fileWith(template: string, envVar = 'API_TOKEN', fingerprint = 'f1'): { text: string; target: FindingTarget } {
  const text = template.replace('§', SECRET);
  const before = text.slice(0, text.indexOf(SECRET));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return { text, target: { fingerprint, spans: [{ line, column, secret: SECRET, envVar }] } };
}

function rewritten(path: string, template: string, envVar?: string): string {
  const { text, target } = fileWith(template, envVar);
  const result = rewriteFile(path, text, [target]);
  expect(result.refused).toEqual([]);
  expect(result.text).not.toContain(SECRET);
  return result.text;
}

function refusal(path: string, template: string): string {
  const { text, target } = fileWith(template);
  const result = rewriteFile(path, text, [target]);
  expect(result.fixed).toEqual([]);
  expect(result.text).toBe(text);
  return result.refused[0]!.reason;
}

describe('rewriteFile: each language reads the variable in its own idiom', () => {
  it('JavaScript and TypeScript: process.env', () => {
    expect(rewritten('src/a.js', "const key = '§';\n")).toBe('const key = process.env.API_TOKEN;\n');
    expect(rewritten('src/a.ts', 'client({ token: `§` });\n')).toBe('client({ token: process.env.API_TOKEN });\n');
  });

  it('inside a string that interpolates: a JavaScript template literal, a Ruby double-quoted string', () => {
    expect(rewritten('a.js', 'fetch(url, { headers: { auth: `Bearer §` } });\n')).toBe(
      'fetch(url, { headers: { auth: `Bearer ${process.env.API_TOKEN}` } });\n',
    );
    expect(rewritten('a.rb', 'AUTH = "Bearer §"\n')).toBe('AUTH = "Bearer #{ENV.fetch("API_TOKEN")}"\n');
    expect(refusal('a.js', 'const q = sql`token §`;\n')).toMatch(/longer string/);
    expect(refusal('a.rb', "AUTH = 'Bearer §'\n")).toMatch(/longer string/);
  });

  it('Python: os.environ, with import os after __future__ imports or before the first import', () => {
    expect(rewritten('a.py', 'import sys\n\nKEY = "§"\n')).toBe('import os\nimport sys\n\nKEY = os.environ["API_TOKEN"]\n');
    expect(rewritten('a.py', 'from __future__ import annotations\nKEY = "§"\n')).toBe(
      'from __future__ import annotations\nimport os\nKEY = os.environ["API_TOKEN"]\n',
    );
    expect(rewritten('a.py', '"""Doc\nstring."""\nKEY = \'§\'\n')).toBe('"""Doc\nstring."""\nimport os\nKEY = os.environ["API_TOKEN"]\n');
    expect(rewritten('a.py', 'import os, sys\nKEY = "§"\n')).toBe('import os, sys\nKEY = os.environ["API_TOKEN"]\n');
  });

  it('Go: os.Getenv, "os" sorted into the import block, a const becomes a var', () => {
    expect(rewritten('main.go', 'package main\n\nimport (\n\t"fmt"\n\t"strings"\n)\n\nconst key = "§"\n')).toBe(
      'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nvar key = os.Getenv("API_TOKEN")\n',
    );
    expect(rewritten('main.go', 'package main\n\nfunc f() string { return "§" }\n')).toBe(
      'package main\n\nimport "os"\n\nfunc f() string { return os.Getenv("API_TOKEN") }\n',
    );
  });

  it('Java, Ruby, PHP and C#', () => {
    expect(rewritten('A.java', 'class A { static final String K = "§"; }\n')).toBe(
      'class A { static final String K = System.getenv("API_TOKEN"); }\n',
    );
    expect(rewritten('a.rb', "KEY = '§'\n")).toBe('KEY = ENV.fetch("API_TOKEN")\n');
    expect(rewritten('a.php', "<?php\n$key = '§';\n")).toBe("<?php\n$key = getenv('API_TOKEN');\n");
    expect(rewritten('A.cs', 'using System.Net;\nclass A { string k = "§"; }\n')).toBe(
      'using System;\nusing System.Net;\nclass A { string k = Environment.GetEnvironmentVariable("API_TOKEN"); }\n',
    );
  });

  it('shell: "${X}" unquoted, ${X} inside double quotes, closing and reopening single quotes', () => {
    expect(rewritten('run.sh', 'TOKEN=§\n')).toBe('TOKEN="${API_TOKEN}"\n');
    expect(rewritten('run.sh', 'curl -H "Authorization: Bearer §" x\n')).toBe('curl -H "Authorization: Bearer ${API_TOKEN}" x\n');
    expect(rewritten('run.sh', "curl -H 'Bearer §' x\n")).toBe("curl -H 'Bearer '\"${API_TOKEN}\"'' x\n");
    expect(rewritten('run.sh', "export TOKEN='§'\n")).toBe('export TOKEN="${API_TOKEN}"\n');
  });

  it('docker compose and Spring YAML: ${X}, quoted when it was the whole plain value', () => {
    expect(rewritten('docker-compose.yml', 'services:\n  app:\n    environment:\n      TOKEN: §\n')).toBe(
      'services:\n  app:\n    environment:\n      TOKEN: "${API_TOKEN}"\n',
    );
    expect(rewritten('compose.yaml', 'x:\n  environment:\n    - TOKEN=§\n')).toBe('x:\n  environment:\n    - TOKEN=${API_TOKEN}\n');
    expect(rewritten('src/main/resources/application.yml', 'api:\n  token: "§"\n')).toBe('api:\n  token: "${API_TOKEN}"\n');
  });

  it('Terraform: var.x, ${var.x} inside a string, and a sensitive variable block', () => {
    expect(rewritten('main.tf', 'provider "x" {\n  token = "§"\n}\n')).toBe(
      'provider "x" {\n  token = var.api_token\n}\n\nvariable "api_token" {\n  type      = string\n  sensitive = true\n}\n',
    );
    expect(rewritten('main.tf', 'variable "api_token" {}\nlocals {\n  h = "Bearer §"\n}\n')).toBe(
      'variable "api_token" {}\nlocals {\n  h = "Bearer ${var.api_token}"\n}\n',
    );
  });

  it('a committed .env-style file keeps the key, and the value is stored under that key', () => {
    const { text, target } = fileWith('# prod\nSERVICE_TOKEN="§"\n');
    const result = rewriteFile('config/.env.production', text, [target]);
    expect(result.text).toBe('# prod\nSERVICE_TOKEN=\n');
    expect(result.fixed).toEqual([{ fingerprint: 'f1', stored: [{ name: 'SERVICE_TOKEN', value: SECRET }] }]);
  });

  it('rewrites every copy of one value (one fingerprint) together', () => {
    const text = `A="${SECRET}"\nexport B=${SECRET}\n`;
    const spans = [
      { line: 1, column: 4, secret: SECRET, envVar: 'API_TOKEN' },
      { line: 2, column: 10, secret: SECRET, envVar: 'API_TOKEN' },
    ];
    const result = rewriteFile('run.sh', text, [
      { fingerprint: 'same', spans: [spans[0]!] },
      { fingerprint: 'same', spans: [spans[1]!] },
    ]);
    expect(result.text).toBe('A="${API_TOKEN}"\nexport B="${API_TOKEN}"\n');
    expect(result.fixed).toHaveLength(1);
  });

  it('keeps CRLF line endings, on inserted lines too', () => {
    expect(rewritten('a.py', 'import sys\r\nKEY = "§"\r\n')).toBe('import os\r\nimport sys\r\nKEY = os.environ["API_TOKEN"]\r\n');
  });

  it('rewrites both halves of a pair on one line, or neither', () => {
    const text = `connect('${SECRET}', '${OTHER}');\n`;
    const pair: FindingTarget = {
      fingerprint: 'pair',
      spans: [
        { line: 1, column: 10, secret: SECRET, envVar: 'MJ_APIKEY_PUBLIC' },
        { line: 1, column: 14 + SECRET.length, secret: OTHER, envVar: 'MJ_APIKEY_PRIVATE' },
      ],
    };
    expect(rewriteFile('a.js', text, [pair]).text).toBe('connect(process.env.MJ_APIKEY_PUBLIC, process.env.MJ_APIKEY_PRIVATE);\n');
    const half = `connect('${SECRET}', 'x${OTHER}');\n`;
    const refused = rewriteFile('a.js', half, [{ ...pair, spans: [pair.spans[0]!, { ...pair.spans[1]!, column: 15 + SECRET.length }] }]);
    expect(refused.text).toBe(half);
    expect(refused.refused).toHaveLength(1);
  });
});

describe('rewriteFile: what it leaves alone, and why', () => {
  it('an unknown language, minified code, CI and unknown YAML', () => {
    expect(refusal('notes.txt', 'token §\n')).toMatch(/does not know how notes.txt reads/);
    expect(refusal('app.min.js', 'var a="§";\n')).toMatch(/minified/);
    expect(refusal('a.js', `var a="§";${' '.repeat(1200)}\n`)).toMatch(/minified/);
    expect(refusal('.github/workflows/ci.yml', 'env:\n  TOKEN: §\n')).toMatch(/CI settings/);
    expect(refusal('k8s/deploy.yaml', 'token: §\n')).toMatch(/cannot tell/);
  });

  it('a value inside a longer string or URL, in a comment, in a prefixed literal', () => {
    expect(refusal('a.js', 'const url = "https://x:§§host";\n')).toMatch(/longer string/);
    expect(refusal('a.py', '# token = "§"\n')).toMatch(/comment/);
    expect(refusal('a.py', 'KEY = b"§"\n')).toMatch(/prefixed/);
    expect(refusal('a.py', 'KEY = """§"""\n')).toMatch(/prefixed/);
    expect(refusal('a.cs', 'var k = @"§";\n')).toMatch(/prefixed/);
  });

  it('where the language needs a constant', () => {
    expect(refusal('a.php', "<?php\nclass A { private $key = '§'; }\n")).toMatch(/constant/);
    expect(refusal('a.php', "<?php\nclass A { const KEY = '§'; }\n")).toMatch(/constant/);
    expect(refusal('a.php', "<?php\nfunction f($k = '§') {}\n")).toMatch(/constant/);
    expect(rewritten('a.php', "<?php\nfunction f() { return '§'; }\n")).toBe("<?php\nfunction f() { return getenv('API_TOKEN'); }\n");
    expect(refusal('A.cs', 'class A { const string K = "§"; }\n')).toMatch(/constant/);
    expect(refusal('A.java', '@Key("§") class A {}\n')).toMatch(/constant/);
    expect(refusal('main.go', 'package main\n\nconst (\n\tkey = "§"\n)\n')).toMatch(/const block/);
  });

  it('a value that appears twice, or not as written', () => {
    expect(refusal('a.js', `const a = "§";\n// was ${SECRET}\n`)).toMatch(/elsewhere/);
    const text = 'const a = "x";\n';
    const result = rewriteFile('a.js', text, [{ fingerprint: 'f', spans: [{ line: 1, column: 12, secret: SECRET, envVar: 'A' }] }]);
    expect(result.refused[0]!.reason).toMatch(/not written as it is/);
  });

  it('an excluded finding, with the reason given', () => {
    const { text, target } = fileWith("const k = '§';\n");
    expect(rewriteFile('a.js', text, [target], new Map([['f1', 'because']])).refused).toEqual([{ fingerprint: 'f1', reason: 'because' }]);
  });
});

describe('diffText', () => {
  it('numbers hunks on both sides and redacts every secret', () => {
    const { text, target } = fileWith('import sys\nKEY = "§"\n');
    const result = rewriteFile('a.py', text, [target]);
    const diff = diffText('a.py', result.changes, [SECRET]);
    expect(diff).toBe(
      [
        '--- a/a.py',
        '+++ b/a.py',
        '@@ -0,0 +1 @@',
        '+import os',
        '@@ -2 +3 @@',
        `-KEY = "${SECRET.slice(0, 4)}…"`,
        '+KEY = os.environ["API_TOKEN"]',
        '',
      ].join('\n'),
    );
    expect(diff).not.toContain(SECRET);
  });
});

describe('.env files', () => {
  it('reads values bare, quoted and exported', () => {
    expect(envValues(`A=1\nexport B="two words"\nC='x' # note\n# D=4\n`)).toEqual(
      new Map([
        ['A', '1'],
        ['B', 'two words'],
        ['C', 'x'],
      ]),
    );
  });

  it('writes a value so that it reads back the same, or refuses', () => {
    expect(envLine('A', SECRET)).toBe(`A=${SECRET}`);
    expect(envLine('A', 'has space')).toBe("A='has space'");
    expect(envValues(`${envLine('A', 'p#ss word')!}\n`).get('A')).toBe('p#ss word');
    expect(envLine('A', "it's")).toBeUndefined();
  });

  it('appends on a line of its own, and lists only missing names', () => {
    expect(appendLines('A=1', ['B=2'])).toBe('A=1\nB=2\n');
    expect(appendLines('', ['.env'])).toBe('.env\n');
    expect(exampleLines('A=\n', ['A', 'B', 'B'])).toEqual(['B=']);
  });
});

describe('parseOldRanges', () => {
  it('reads the lines each hunk changes on the staged side', () => {
    expect(parseOldRanges('@@ -3 +3 @@\n-a\n+b\n@@ -10,2 +10,0 @@\n@@ -20,0 +19,3 @@\n')).toEqual([
      [3, 3],
      [10, 11],
    ]);
  });
});
