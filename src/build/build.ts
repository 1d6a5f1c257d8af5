import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUILTIN_RULES_PATH,
  DETECTION_CATALOGUE_PATH,
  detectionCatalogueFiles,
  REMEDIATION_PATH,
  validateRules,
} from '../config/loadRules';
import { PACKAGE_ROOT } from '../packageInfo';
import { WORD_LIST_PATH } from '../config/wordList';
import { EXIT } from '../errors';
import { assembleRules, catalogueText, ruleSourceJsonSchema, SOURCE_SCHEMA_NAME } from './assembleRules';

/** The rule sources contributors edit; the build assembles rules.json from them. */
const RULES_DIR = join(PACKAGE_ROOT, 'rules');

/** Writes a file only when its content changes: rules.json's stamp (size, mtime) tells hooks it is unchanged. */
function writeIfChanged(path: string, text: string): void {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  writeFileSync(path, text);
}

/**
 * Build step after tsc: assembles rules.json from rules/*.json (shapes expanded, examples run),
 * validates rules.json (the build fails on a broken catalogue) and writes
 * the detection catalogue (rules without examples, with the hash of what was validated); bundles the CLI into one file, so a hook loads one
 * script instead of resolving a hundred modules. zod, re2js and husky stay outside the bundle: zod
 * is only loaded when a file needs validating, re2js when a config holds a user regex, husky only
 * by `install`.
 */
async function main(): Promise<void> {
  // A packed package has no rules/: its rules.json was assembled before packing.
  if (existsSync(RULES_DIR)) {
    writeIfChanged(join(RULES_DIR, SOURCE_SCHEMA_NAME), ruleSourceJsonSchema());
    writeIfChanged(BUILTIN_RULES_PATH, catalogueText(assembleRules(RULES_DIR)));
  }
  const text = readFileSync(BUILTIN_RULES_PATH, 'utf8');
  const catalogue = validateRules(text, 'rules.json');
  const files = detectionCatalogueFiles(catalogue, text);
  writeFileSync(REMEDIATION_PATH, files.remediation);
  writeFileSync(DETECTION_CATALOGUE_PATH, files.catalogue);
  copyFileSync(join(PACKAGE_ROOT, 'src', 'config', 'words.txt'), WORD_LIST_PATH);
  // esbuild is a devDependency: the packed package ships the bundle, never builds.
  const esbuild = require('esbuild') as typeof import('esbuild');
  const options: import('esbuild').BuildOptions = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['zod', 're2js', 'husky', 'esbuild'],
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
  };
  // A code cache made from an older bundle would be rejected anyway; none is ever packed.
  rmSync(join(PACKAGE_ROOT, 'dist', '.cache'), { recursive: true, force: true });
  await esbuild.build({
    ...options,
    entryPoints: [join(PACKAGE_ROOT, 'src', 'cli', 'main.ts')],
    outfile: join(PACKAGE_ROOT, 'dist', 'cli.js'),
  });
  // The bin: a launcher that runs cli.js from V8's code cache (see src/cli/launch.ts).
  await esbuild.build({
    ...options,
    entryPoints: [join(PACKAGE_ROOT, 'src', 'cli', 'launch.ts')],
    outfile: join(PACKAGE_ROOT, 'dist', 'leakgate.js'),
  });
  await buildLibrary(esbuild, options);
  process.stdout.write(
    `build: rules.json validated (${catalogue.rules.length} rules, ${catalogue.pairs.length} pairs), dist/leakgate.js bundled\n`,
  );
}

/**
 * The library (package.json `exports`): one CommonJS bundle for `require`, an ES module beside it
 * for `import` that re-exports the bundle's names (listed from the bundle itself, so the two never
 * disagree), and declarations for both that point at the ones tsc wrote for src/api.
 */
async function buildLibrary(esbuild: typeof import('esbuild'), options: import('esbuild').BuildOptions): Promise<void> {
  const dist = join(PACKAGE_ROOT, 'dist');
  const bundle = join(dist, 'index.js');
  await esbuild.build({ ...options, entryPoints: [join(PACKAGE_ROOT, 'src', 'api', 'index.ts')], outfile: bundle });
  delete require.cache[bundle];
  const names = Object.keys(require(bundle) as object).sort();
  const wrapper = [
    "import library from './index.js';",
    '',
    ...names.map((name) => `export const ${name} = library.${name};`),
    'export default library;',
    '',
  ].join('\n');
  writeFileSync(join(dist, 'index.mjs'), wrapper);
  writeFileSync(join(dist, 'index.d.ts'), "export * from './api/index';\n");
  writeFileSync(join(dist, 'index.d.mts'), "export * from './api/index.js';\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = EXIT.error;
});
