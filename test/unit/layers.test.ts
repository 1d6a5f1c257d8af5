import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/**
 * The layers of src/, lowest first (README, "Development"). A module may import its own layer and
 * the ones below, never one above: the detector stays pure, git knows nothing of commands, and
 * setup (config, catalogue, baseline) sits below the sources that use it.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['errors', 'messages', 'packageInfo', 'runtime', 'io'],
  ['detect'],
  ['report'],
  ['git'],
  ['config', 'state'],
  ['sources'],
  ['commands'],
  ['cli', 'build'],
];

const SRC = join(__dirname, '..', '..', 'src');

/** The layer part of a path below src/: its folder, or the file's name for a top-level module. */
function partOf(file: string): string {
  const [first, ...rest] = relative(SRC, file).split(sep);
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
  const specifiers = [...text.matchAll(/(?:\bfrom|\brequire\(|\bimport\()\s*['"](\.[^'"]+)['"]/g)].map((match) => match[1]);
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

describe('exit codes', () => {
  it('of the CLI come from EXIT (src/errors.ts), never as literals', () => {
    // The build step (a dev script, not the CLI) and git's own exit statuses are other contracts.
    const literal = /\bresult\(\s*\d|\bexitCode\s*[:=]\s*\d|\bprocess\.exit\(\s*\d|\bcode === [0-9] &&/;
    const offenders = sourceFiles(SRC)
      .filter((file) => !file.endsWith(`${sep}errors.ts`) && !relative(SRC, file).startsWith(`build${sep}`))
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, index) => ({ file, line, index })))
      .filter(({ line }) => literal.test(line))
      .map(({ file, index }) => `${relative(SRC, file)}:${index + 1}`);
    expect(offenders).toEqual([]);
  });
});
