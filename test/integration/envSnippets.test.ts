import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { languageOf, rewriteLine } from '../../src/report/envSnippet';
import { fakeHex } from '../helpers/fakeSecrets';
import { cleanEnv, tempDir } from '../helpers/repo';

/**
 * Every environment-variable snippet a report prints, and every line it rewrites, compiled by the
 * language's own toolchain inside the smallest unit that language needs (.ci/run installs them).
 */
const VALUE = fakeHex('env-snippet', 24);
const NAME = 'GITHUB_TOKEN';

interface Toolchain {
  file: string;
  check(dir: string, file: string): [string, string[]];
}

const node: Toolchain = { file: 'snippet.js', check: (_dir, file) => ['node', ['--check', file]] };
const python: Toolchain = { file: 'snippet.py', check: (_dir, file) => ['python3', ['-m', 'py_compile', file]] };
const go: Toolchain = { file: 'main.go', check: (_dir, file) => ['go', ['vet', file]] };
const java: Toolchain = { file: 'Snippet.java', check: (dir, file) => ['javac', ['-d', join(dir, 'out'), file]] };
const ruby: Toolchain = { file: 'snippet.rb', check: (_dir, file) => ['ruby', ['-c', file]] };
const php: Toolchain = { file: 'snippet.php', check: (_dir, file) => ['php', ['-l', file]] };
const shell: Toolchain = { file: 'snippet.sh', check: (_dir, file) => ['sh', ['-n', file]] };

let root: string;
beforeAll(() => {
  root = tempDir('leakgate-snippets-');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
/** Writes `source` as the toolchain's file in a fresh folder and runs the check: its status and output. */
function compile(toolchain: Toolchain, source: string): { status: number | null; output: string } {
  const dir = join(root, String(count++));
  mkdirSync(dir);
  const file = join(dir, toolchain.file);
  writeFileSync(file, source);
  const [command, args] = toolchain.check(dir, file);
  const env = cleanEnv({ GOCACHE: join(root, 'gocache'), GOPATH: join(root, 'gopath'), GOFLAGS: '-mod=mod', GO111MODULE: 'auto' });
  const run = spawnSync(command, args, { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function expectCompiles(toolchain: Toolchain, source: string): void {
  const { status, output } = compile(toolchain, source);
  if (status !== 0) throw new Error(`${toolchain.file} did not compile:\n${source}\n${output}`);
}

/** The line as a report prints it: the quoted literal replaced by the language's environment read. */
function rewritten(path: string, line: string): string | undefined {
  const column = line.indexOf(VALUE) + 1;
  return rewriteLine(line, [{ column, secret: VALUE, envVar: NAME }], languageOf(path));
}

function mustRewrite(path: string, line: string): string {
  const result = rewritten(path, line);
  if (result === undefined) throw new Error(`no rewrite for ${line}`);
  expect(result).not.toContain(VALUE);
  return result;
}

describe('environment snippets compile', () => {
  it('JavaScript: node --check', () => {
    expectCompiles(node, `const token = ${languageOf('a.js').read(NAME)};\n`);
    expectCompiles(node, `${mustRewrite('src/a.js', `const token = '${VALUE}';`)}\n`);
    expectCompiles(node, `const config = {\n  ${mustRewrite('src/a.mjs', `token: \`${VALUE}\`,`)}\n};\n`);
  });

  it('Python: py_compile', () => {
    expectCompiles(python, `import os\ntoken = ${languageOf('a.py').read(NAME)}\n`);
    expectCompiles(python, `import os\n${mustRewrite('app/settings.py', `TOKEN = "${VALUE}"`)}\n`);
    expectCompiles(python, `import os\nclient = dict(\n    ${mustRewrite('app.py', `token='${VALUE}',`)}\n)\n`);
  });

  it('Go: go vet, with a const turned into a var and a line inside a const block left alone', () => {
    const unit = (declaration: string) => `package main\n\nimport "os"\n\n${declaration}\n\nfunc main() { _ = token }\n`;
    expectCompiles(go, unit(`var token = ${languageOf('main.go').read(NAME)}`));
    const fromConst = mustRewrite('main.go', `const token = "${VALUE}"`);
    expect(fromConst.startsWith('var ')).toBe(true);
    expectCompiles(go, unit(fromConst));
    expectCompiles(go, unit(mustRewrite('main.go', `var token string = "${VALUE}"`)));
    const short = mustRewrite('cmd/main.go', `\ttoken := "${VALUE}"`);
    expectCompiles(go, `package main\n\nimport "os"\n\nfunc main() {\n\t${short}\n\t_ = token\n}\n`);
    // Inside `const ( … )` no one-line rewrite compiles: the report prints the bare read instead.
    expect(rewritten('main.go', `\tToken = "${VALUE}"`)).toBeUndefined();
    // The rewrite of a real const is what go vet refuses without it.
    expect(compile(go, unit(`const token = ${languageOf('main.go').read(NAME)}`)).status).not.toBe(0);
  });

  it('Java: javac', () => {
    const read = languageOf('App.java').read(NAME);
    expectCompiles(java, `class Snippet {\n  static String token = ${read};\n}\n`);
    const field = mustRewrite('src/App.java', `    private static final String TOKEN = "${VALUE}";`);
    expectCompiles(java, `class Snippet {\n  ${field}\n}\n`);
    const local = mustRewrite('src/App.java', `        String token = "${VALUE}";`);
    expectCompiles(java, `class Snippet {\n  void run() {\n    ${local}\n  }\n}\n`);
  });

  it('Ruby: ruby -c', () => {
    expectCompiles(ruby, `token = ${languageOf('a.rb').read(NAME)}\n`);
    expectCompiles(ruby, `${mustRewrite('config/app.rb', `TOKEN = '${VALUE}'`)}\n`);
    expectCompiles(ruby, `client = Client.new(\n  ${mustRewrite('config/app.rb', `token: "${VALUE}",`)}\n)\n`);
  });

  it('PHP: php -l, with constants and property defaults left alone', () => {
    expectCompiles(php, `<?php\n$token = ${languageOf('a.php').read(NAME)};\n`);
    expectCompiles(php, `<?php\n${mustRewrite('index.php', `$token = '${VALUE}';`)}\n`);
    expectCompiles(php, `<?php\n${mustRewrite('index.php', `$config['token'] = "${VALUE}";`)}\n`);
    expectCompiles(php, `<?php\n${mustRewrite('index.php', `define('TOKEN', '${VALUE}');`)}\n`);
    expect(rewritten('index.php', `    const TOKEN = '${VALUE}';`)).toBeUndefined();
    expect(rewritten('index.php', `    private $token = '${VALUE}';`)).toBeUndefined();
  });

  it('shell: sh -n', () => {
    expectCompiles(shell, `token=${languageOf('a.sh').read(NAME)}\n`);
    expectCompiles(shell, `${mustRewrite('deploy.sh', `export GITHUB_TOKEN='${VALUE}'`)}\n`);
    expectCompiles(shell, `${mustRewrite('deploy.sh', `curl -H "Authorization: token" -d "${VALUE}" https://example.invalid`)}\n`);
  });
});

describe('environment snippets without a toolchain here, kept to forms that compile', () => {
  it('Rust: an expression for a fn body; only an untyped let is rewritten', () => {
    expect(languageOf('src/main.rs').read(NAME)).toBe(`std::env::var("${NAME}").expect("${NAME} is set")`);
    expect(mustRewrite('src/main.rs', `    let token = "${VALUE}";`)).toBe(
      `let token = std::env::var("${NAME}").expect("${NAME} is set");`,
    );
    expect(rewritten('src/main.rs', `const TOKEN: &str = "${VALUE}";`)).toBeUndefined();
    expect(rewritten('src/main.rs', `static TOKEN: &str = "${VALUE}";`)).toBeUndefined();
    expect(rewritten('src/main.rs', `    let token: &str = "${VALUE}";`)).toBeUndefined();
    expect(rewritten('src/main.rs', `    client.auth("${VALUE}");`)).toBeUndefined();
  });

  it('Kotlin: const val becomes val; C#: a const is left alone', () => {
    expect(mustRewrite('App.kt', `    const val TOKEN = "${VALUE}"`)).toBe(`val TOKEN = System.getenv("${NAME}")`);
    expect(mustRewrite('App.cs', `    static readonly string Token = "${VALUE}";`)).toBe(
      `static readonly string Token = System.Environment.GetEnvironmentVariable("${NAME}");`,
    );
    expect(rewritten('App.cs', `    const string Token = "${VALUE}";`)).toBeUndefined();
  });
});

describe('the toolchains are really checking', () => {
  it.each([
    ['node', node, 'const = ;\n'],
    ['python3', python, 'def (:\n'],
    ['javac', java, 'class Snippet { int x = ; }\n'],
    ['ruby', ruby, 'def (\n'],
    ['php', php, '<?php $a = ;\n'],
    ['sh', shell, 'if then fi\n'],
  ])('%s refuses broken code', (_name, toolchain, source) => {
    expect(compile(toolchain, source).status).not.toBe(0);
  });
});
