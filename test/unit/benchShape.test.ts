import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * bench/ is read by people deciding whether a number can be trusted (issue 14): each function
 * does one job and fits on a screen. A function past this many lines, nested ones included, fails.
 */
const MAX_LINES = 80;

const BENCH = join(__dirname, '..', '..', 'bench');

/** The bench's scripts, without bench/.work (installed packages and the corpus live there). */
function benchScripts(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === '.work' || name === 'node_modules') return [];
    return statSync(path).isDirectory() ? benchScripts(path) : /\.m?js$/.test(name) ? [path] : [];
  });
}

interface FunctionSpan {
  name: string;
  line: number;
  lines: number;
}

function nameOf(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

/** Every function, method and arrow function in `text`, with the lines it spans. */
function functionSpans(fileName: string, text: string): FunctionSpan[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const spans: FunctionSpan[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      spans.push({ name: nameOf(node), line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return spans;
}

describe('shape of bench/', () => {
  const files = benchScripts(BENCH);

  it('counts the lines of functions, methods and arrows, nested ones too', () => {
    const body = Array.from({ length: 90 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = `function long() {\n${body}\n}\nclass A {\n  short() {\n    return 1;\n  }\n}\nconst arrow = () => {\n  return 2;\n};\n`;
    expect(functionSpans('sample.mjs', text)).toEqual([
      { name: 'long', line: 1, lines: 92 },
      { name: 'short', line: 94, lines: 3 },
      { name: 'arrow', line: 98, lines: 3 },
    ]);
  });

  it('finds the scripts and their functions', () => {
    const names = files.map((file) => relative(BENCH, file));
    expect(names).toEqual(expect.arrayContaining(['run.mjs', 'precommit.mjs', 'precision.mjs', join('lib', 'common.mjs')]));
    expect(functionSpans('run.mjs', readFileSync(join(BENCH, 'run.mjs'), 'utf8')).map((span) => span.name)).toContain('main');
  });

  it(`has no function longer than ${MAX_LINES} lines`, () => {
    const long = files.flatMap((file) =>
      functionSpans(file, readFileSync(file, 'utf8'))
        .filter((span) => span.lines > MAX_LINES)
        .map((span) => `${relative(BENCH, file)}:${span.line} ${span.name} (${span.lines} lines)`),
    );
    expect(long).toEqual([]);
  });
});
