import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/**
 * The layers of src/, lowest first (README, "Development"). A module may import its own layer and
 * the ones below, never one above: the detector stays pure, git knows nothing of commands, and
 * setup (config, catalogue, baseline) sits below the sources that use it.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['errors', 'exitCodes', 'messages', 'packageInfo', 'runtime', 'io'],
  ['detect'],
  ['report', 'fix'],
  ['git'],
  ['config', 'state'],
  ['sources'],
  ['session'],
  ['commands', 'api'],
  ['cli', 'build'],
];

const SRC = join(__dirname, '..', '..', 'src');

/** The layer part of a path below src/: its folder, or the file's name for a top-level module. */
function partOf(file: string): string {
  const [first = '', ...rest] = relative(SRC, file).split(sep);
  return rest.length ? first : first.replace(/\.ts$/, '');
}

function rankOf(part: string): number {
  return LAYERS.findIndex((layer) => layer.includes(part));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module a file imports or requires (type-only imports included). */
function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom|\brequire\(|\bimport\()\s*['"](\.[^'"]+)['"]/g)].map((match) => match[1]!);
  return specifiers.map((specifier) => normalize(join(dirname(file), specifier)));
}

/** Imports that run up a layer, as "from → to" lines. */
function upwardImports(files: readonly string[], read: (file: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = rankOf(partOf(file));
    for (const target of importsOf(file, read(file))) {
      if (rankOf(partOf(target)) > from) found.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
    }
  }
  return found;
}

describe('layers of src/', () => {
  const files = sourceFiles(SRC);

  it('every folder and top-level module of src/ has a layer', () => {
    expect([...new Set(files.map(partOf))].filter((part) => rankOf(part) === -1)).toEqual([]);
  });

  it('no import runs up a layer', () => {
    expect(upwardImports(files, (file) => readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('the check sees an upward import when there is one (git → commands, a type import from detect → config)', () => {
    const fake = new Map([
      [join(SRC, 'git', 'fake.ts'), "import { x } from '../commands/scan';\nconst y = require('./gitFeed');\n"],
      [join(SRC, 'detect', 'fake.ts'), "import type { UserConfig } from '../config/userConfig';\n"],
      [join(SRC, 'commands', 'fake.ts'), "import { z } from '../git/gitFeed';\n"],
    ]);
    expect(upwardImports([...fake.keys()], (file) => fake.get(file)!)).toEqual([
      `git${sep}fake.ts → commands${sep}scan`,
      `detect${sep}fake.ts → config${sep}userConfig`,
    ]);
  });
});

/** Lines that give an exit code as a number. git's own statuses (`exitCode === 0` of a git process) are another contract. */
const LITERAL_EXIT = /\bresult\(\s*\d|\bexitCode\s*[:=]\s*\d|\bprocess\.exit\(\s*\d|\bcode === [0-9] &&/;

function literalExitCodes(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => (LITERAL_EXIT.test(line) ? [`${file}:${index + 1}`] : []));
}

describe('exit codes', () => {
  it('of the CLI, the launcher and the build come from EXIT (src/errors.ts), never as literals', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !file.endsWith(`${sep}errors.ts`))
      .flatMap((file) => literalExitCodes(relative(SRC, file), readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check sees a literal exit code in each form', () => {
    const fake = [
      "return result(2, '', text);",
      'process.exitCode = 1;',
      'return { exitCode: 0, stdout, stderr };',
      'process.exit(2);',
      "process.once('exit', (code) => { if (code === 1 && !usable) save(); });",
      'process.exitCode = EXIT.error;',
      'if (exitCode === 0) return undefined;',
    ].join('\n');
    expect(literalExitCodes('fake.ts', fake)).toEqual(['fake.ts:1', 'fake.ts:2', 'fake.ts:3', 'fake.ts:4', 'fake.ts:5']);
  });
});

describe('the launcher', () => {
  it('imports only node built-ins and the exit codes: it is compiled on every hook run, before the code cache', () => {
    const text = readFileSync(join(SRC, 'cli', 'launch.ts'), 'utf8');
    const specifiers = [...text.matchAll(/(?:\bfrom|\brequire\(|\bimport\()\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);
    expect(specifiers.filter((specifier) => !specifier?.startsWith('node:') && specifier !== '../exitCodes')).toEqual([]);
  });
});
