// @ts-check
// Everything the big benchmarks need, built once in bench/.work/ from the npm registry only and
// reused by later runs (a marker per artefact records what it was built from):
//   corpus-src/  npm install of a few large packages, versions pinned below
//   corpus/      their text files (.js .mjs .cjs .ts .mts .cts .json .md; no .map, no binaries),
//                relative paths kept, nested node_modules folders renamed nm (leakgate skips folders
//                named node_modules, secretlint does not: both must read the same files)
//   secretlint/  secretlint + its recommended preset, and .secretlintrc.json
//   tree/        the corpus (hard links) with five fake keys pasted into five files
//   bigcommit/   a fresh repository with ~5,000 corpus files (~50 MB) staged, five fake keys
//   history/     a repository of 2,000+ commits made of the corpus (adds, edits, merges), five fake
//                keys added in five commits, one of them removed again later (lib/historyStream.mjs)
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  copyFileSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { cleanEnv, exec, git, isBuilt, log, markBuilt, MB, prng, unmark, WORK } from './common.mjs';
import { PLANTS, plantText } from './fakes.mjs';
import { writeHistoryStream } from './historyStream.mjs';

/** @typedef {import('./types.js').Corpus} Corpus */
/** @typedef {import('./types.js').CorpusFile} CorpusFile */
/** @typedef {import('./types.js').Planted} Planted */
/** @typedef {import('./types.js').History} History */
/** What a state file stores of a plant: its id, not the object. @typedef {{ plant: string, file: string, commit?: string }} StoredPlant */

/** The corpus: large packages with lots of JS/TS source. Exact versions, and every transitive
 * dependency resolved as the registry was on NPM_BEFORE, so two runs read the same bytes. */
export const CORPUS_PACKAGES = {
  typescript: '5.9.3',
  '@babel/core': '7.28.6',
  '@babel/preset-env': '7.28.6',
  webpack: '5.112.2',
  eslint: '9.39.5',
  rxjs: '7.8.2',
  lodash: '4.17.21',
  'date-fns': '2.30.0',
};
/** secretlint 11.7 is the last line that supports Node 20 (leakgate's floor); 12+ wants Node 22. */
export const SECRETLINT_PACKAGES = {
  secretlint: '11.7.1',
  '@secretlint/secretlint-rule-preset-recommend': '11.7.1',
};
export const NPM_BEFORE = '2026-11-05';
export const TEXT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.json', '.md'];
const BUILD_VERSION = 3; // bump when the way an artefact is built changes

/** What an artefact is built from, as its marker stores it. @param {...unknown} parts */
function keyOf(...parts) {
  return createHash('sha256')
    .update(JSON.stringify([BUILD_VERSION, ...parts]))
    .digest('hex');
}

/**
 * @param {string} prefix
 * @param {Record<string, string>} packages
 */
function npmInstall(prefix, packages) {
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(
    join(prefix, 'package.json'),
    `${JSON.stringify({ name: 'leakgate-bench-deps', private: true, dependencies: packages }, null, 2)}\n`,
  );
  const args = ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--ignore-scripts', `--before=${NPM_BEFORE}`, '--loglevel=error'];
  log(
    `npm ${args.join(' ')}  (${Object.entries(packages)
      .map(([name, version]) => `${name}@${version}`)
      .join(' ')})`,
  );
  const child = exec('npm', args, prefix, cleanEnv());
  if (child.status !== 0) throw new Error(`npm install in ${prefix} exited ${child.status}:\n${child.stdout}${child.stderr}`);
}

/**
 * Text files below `root` (no symbolic links), sorted by path, with their sizes.
 * @param {string} root
 * @returns {(CorpusFile & { absolute: string })[]}
 */
function listTextFiles(root) {
  /** @type {(CorpusFile & { absolute: string })[]} */
  const out = [];
  /** @type {(dir: string, rel: string) => void} */
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir).sort()) {
      const absolute = join(dir, name);
      const relative = rel ? `${rel}/${name}` : name;
      const stats = lstatSync(absolute);
      if (stats.isSymbolicLink()) continue;
      if (stats.isDirectory()) {
        if (name === '.bin' || name === '.cache' || name === '.git') continue;
        walk(absolute, relative);
      } else if (stats.isFile() && TEXT_EXTENSIONS.some((ext) => name.endsWith(ext)) && name !== '.package-lock.json') {
        out.push({ path: relative, size: stats.size, absolute });
      }
    }
  };
  walk(root, '');
  return out;
}

/**
 * Builds (or reuses) the corpus.
 * @returns {Corpus}
 */
export function ensureCorpus() {
  const key = keyOf(CORPUS_PACKAGES, NPM_BEFORE, TEXT_EXTENSIONS);
  const dir = join(WORK, 'corpus');
  const manifestFile = join(WORK, 'corpus-manifest.json');
  if (!isBuilt('corpus', key) || !existsSync(manifestFile)) {
    unmark('corpus');
    buildCorpus(dir, manifestFile);
    markBuilt('corpus', key);
  }
  /** @type {{ files: CorpusFile[], versions: Record<string, string> }} */
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  return { dir, key, files: manifest.files, bytes: manifest.files.reduce((sum, file) => sum + file.size, 0), versions: manifest.versions };
}

/**
 * npm install of the corpus packages, their text files copied into `dir` (node_modules → nm), and
 * the manifest: the installed versions and each file's path and size.
 * @param {string} dir
 * @param {string} manifestFile
 */
function buildCorpus(dir, manifestFile) {
  const src = join(WORK, 'corpus-src');
  npmInstall(src, CORPUS_PACKAGES);
  rmSync(dir, { recursive: true, force: true });
  const files = listTextFiles(join(src, 'node_modules')).map((file) => ({
    ...file,
    path: file.path
      .split('/')
      .map((part) => (part === 'node_modules' ? 'nm' : part))
      .join('/'),
  }));
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file.absolute, target);
  }
  const versions = Object.fromEntries(
    Object.keys(CORPUS_PACKAGES).map((name) => [
      name,
      JSON.parse(readFileSync(join(src, 'node_modules', name, 'package.json'), 'utf8')).version,
    ]),
  );
  const packages = readdirSync(join(src, 'node_modules')).filter((name) => !name.startsWith('.')).length;
  writeFileSync(manifestFile, JSON.stringify({ versions, packages, files: files.map(({ path, size }) => ({ path, size })) }));
  log(`corpus: ${files.length} files, ${(files.reduce((sum, file) => sum + file.size, 0) / MB).toFixed(1)} MB in ${dir}`);
}

/**
 * Installs (or reuses) secretlint.
 * @returns {import('./types.js').Secretlint}
 */
export function ensureSecretlint() {
  const key = keyOf(SECRETLINT_PACKAGES, NPM_BEFORE);
  const dir = join(WORK, 'secretlint');
  if (!isBuilt('secretlint', key)) {
    unmark('secretlint');
    npmInstall(dir, SECRETLINT_PACKAGES);
    writeFileSync(
      join(dir, '.secretlintrc.json'),
      `${JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] })}\n`,
    );
    markBuilt('secretlint', key);
  }
  const version = JSON.parse(readFileSync(join(dir, 'node_modules', 'secretlint', 'package.json'), 'utf8')).version;
  return { bin: join(dir, 'node_modules', '.bin', 'secretlint'), rc: join(dir, '.secretlintrc.json'), version };
}

/**
 * Five plant targets spread over `files`: JavaScript files of 2–64 KB, not in `exclude`.
 * @param {readonly CorpusFile[]} files
 * @param {number} count
 * @param {ReadonlySet<string>} [exclude]
 */
function choosePlantFiles(files, count, exclude = new Set()) {
  const candidates = files.filter(
    (file) => file.path.endsWith('.js') && file.size >= 2048 && file.size <= 65536 && !exclude.has(file.path),
  );
  if (candidates.length < count) throw new Error(`only ${candidates.length} files can take a planted key`);
  return Array.from(
    { length: count },
    (_, i) => /** @type {CorpusFile} */ (candidates[Math.floor(((i + 0.5) * candidates.length) / count)]),
  );
}

/**
 * Hard-links (or copies) `files` of the corpus into `dir`, then pastes the plants; returns them.
 * @param {Corpus} corpus
 * @param {readonly CorpusFile[]} files
 * @param {string} dir
 * @param {string} seed
 * @returns {Planted[]}
 */
function populate(corpus, files, dir, seed) {
  rmSync(dir, { recursive: true, force: true });
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    try {
      linkSync(join(corpus.dir, file.path), target);
    } catch {
      copyFileSync(join(corpus.dir, file.path), target);
    }
  }
  const targets = choosePlantFiles(files, PLANTS.length);
  return PLANTS.map((plant, i) => {
    const file = /** @type {CorpusFile} */ (targets[i]).path;
    const target = join(dir, file);
    const text = readFileSync(target, 'utf8');
    rmSync(target); // break the hard link: the corpus stays clean
    writeFileSync(target, text + plantText(plant, `${seed}:${plant.id}`, text));
    return { plant, file };
  });
}

/**
 * @param {string} dir
 * @param {readonly CorpusFile[]} files
 */
function bytesOf(dir, files) {
  return files.reduce((sum, file) => sum + lstatSync(join(dir, file.path)).size, 0);
}

/**
 * The working-tree case: the whole corpus in a folder not named node_modules, five keys pasted.
 * @param {Corpus} corpus
 * @returns {import('./types.js').TreeCase}
 */
export function ensureTree(corpus) {
  const key = keyOf(
    corpus.key,
    'tree',
    PLANTS.map((plant) => plant.lines('x')),
  );
  const dir = join(WORK, 'tree');
  const stateFile = join(WORK, 'tree-state.json');
  if (!isBuilt('tree', key) || !existsSync(stateFile)) {
    unmark('tree');
    const planted = populate(corpus, corpus.files, dir, 'tree');
    writeFileSync(
      stateFile,
      JSON.stringify({ planted: planted.map(({ plant, file }) => ({ plant: plant.id, file })), bytes: bytesOf(dir, corpus.files) }),
    );
    markBuilt('tree', key);
  }
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  return { dir, files: corpus.files.length, bytes: state.bytes, planted: revive(state.planted) };
}

/**
 * Plants as a state file stores them (ids) turned back into plants.
 * @param {readonly StoredPlant[]} planted
 * @returns {Planted[]}
 */
function revive(planted) {
  return planted.map((entry) => {
    const plant = PLANTS.find((candidate) => candidate.id === entry.plant);
    if (!plant) throw new Error(`bench/.work holds an unknown plant ${entry.plant}: delete bench/.work/.markers to rebuild`);
    return { ...entry, plant };
  });
}

/**
 * ~5,000 files / ~50 MB of the corpus: the largest files up to what keeps the total near 50 MB,
 * then smaller ones in a fixed pseudo-random order.
 * @param {readonly CorpusFile[]} files
 */
function selectBigCommit(files, count = 5000, bytes = 50 * MB) {
  const bySize = [...files].sort((a, b) => b.size - a.size || a.path.localeCompare(b.path));
  const rng = prng(5000);
  const rest = (/** @type {number} */ k) => bySize.slice(k);
  let k = 0;
  let top = 0;
  for (; k < count; k++) {
    const others = rest(k);
    const mean = others.reduce((sum, file) => sum + file.size, 0) / others.length;
    if (top + mean * (count - k) >= bytes) break;
    top += /** @type {CorpusFile} */ (bySize[k]).size;
  }
  const shuffled = rest(k)
    .map((file) => ({ file, order: rng() }))
    .sort((a, b) => a.order - b.order)
    .map(({ file }) => file);
  return [...bySize.slice(0, k), ...shuffled.slice(0, count - k)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * @param {string} dir
 * @param {NodeJS.ProcessEnv} env
 */
function initRepo(dir, env) {
  mkdirSync(dir, { recursive: true });
  git(dir, env, 'init', '-q', '-b', 'main');
  git(dir, env, 'config', 'user.name', 'Bench Author');
  git(dir, env, 'config', 'user.email', 'bench@example.invalid');
  git(dir, env, 'config', 'commit.gpgsign', 'false');
}

/**
 * The big-commit case: a fresh repository, nothing committed, ~5,000 files staged.
 * @param {Corpus} corpus
 * @returns {import('./types.js').BigCommit}
 */
export function ensureBigCommit(corpus) {
  const key = keyOf(
    corpus.key,
    'bigcommit',
    PLANTS.map((plant) => plant.lines('x')),
  );
  const dir = join(WORK, 'bigcommit');
  const stateFile = join(WORK, 'bigcommit-state.json');
  const env = cleanEnv();
  if (!isBuilt('bigcommit', key) || !existsSync(stateFile)) {
    unmark('bigcommit');
    const files = selectBigCommit(corpus.files);
    const planted = populate(corpus, files, dir, 'bigcommit');
    initRepo(dir, env);
    git(dir, env, 'add', '-A');
    writeFileSync(
      stateFile,
      JSON.stringify({
        planted: planted.map(({ plant, file }) => ({ plant: plant.id, file })),
        files: files.map((file) => file.path),
        bytes: bytesOf(dir, files),
      }),
    );
    markBuilt('bigcommit', key);
    log(`big commit: ${files.length} files staged in ${dir}`);
  }
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  return { dir, paths: state.files, files: state.files.length, bytes: state.bytes, planted: revive(state.planted) };
}

/**
 * The history case: a repository of 2,000+ commits made of the corpus (lib/historyStream.mjs).
 * @param {Corpus} corpus
 * @returns {History}
 */
export function ensureHistory(corpus) {
  const key = keyOf(
    corpus.key,
    'history',
    PLANTS.map((plant) => plant.lines('x')),
  );
  const dir = join(WORK, 'history');
  const stateFile = join(WORK, 'history-state.json');
  if (!isBuilt('history', key) || !existsSync(stateFile)) {
    unmark('history');
    writeFileSync(stateFile, JSON.stringify(buildHistory(corpus, dir)));
    markBuilt('history', key);
  }
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  return { dir, commits: state.commits, merges: state.merges, planted: revive(state.planted), removed: state.removed };
}

/**
 * Imports the history stream into a fresh repository at `dir`; returns its state: the planted
 * and removed keys with their commits, and the counts of commits and merges.
 * @param {Corpus} corpus
 * @param {string} dir
 */
function buildHistory(corpus, dir) {
  const env = cleanEnv();
  rmSync(dir, { recursive: true, force: true });
  initRepo(dir, env);
  const streamFile = join(WORK, 'history.fast-import');
  const plan = writeHistoryStream(corpus, streamFile);
  log(`history: importing ${plan.commits} commits into ${dir}`);
  const marks = fastImport(dir, env, streamFile);
  log('history: git gc');
  git(dir, env, 'gc', '-q', '--prune=now');
  const commits = Number(git(dir, env, 'rev-list', '--all', '--count'));
  const merges = Number(git(dir, env, 'rev-list', '--all', '--merges', '--count'));
  const planted = plan.planted.map(({ plant, file, mark }) => ({ plant: plant.id, file, commit: marks.get(mark) }));
  const removed = { plant: plan.removed.plant.id, file: plan.removed.file, commit: marks.get(plan.removed.mark) };
  return { planted, removed, commits, merges };
}

/**
 * Runs git fast-import on `streamFile` (deleted afterwards); returns the commit of each mark.
 * @param {string} dir
 * @param {NodeJS.ProcessEnv} env
 * @param {string} streamFile
 * @returns {Map<number, string>}
 */
function fastImport(dir, env, streamFile) {
  const marksFile = join(WORK, 'history.marks');
  const input = openSync(streamFile, 'r');
  try {
    const child = exec('git', ['fast-import', '--quiet', `--export-marks=${marksFile}`], dir, env, { stdio: [input, 'pipe', 'pipe'] });
    if (child.status !== 0) throw new Error(`git fast-import exited ${child.status}:\n${child.stderr}`);
  } finally {
    closeSync(input);
  }
  rmSync(streamFile, { force: true });
  const marks = new Map(
    readFileSync(marksFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .map(([mark, sha]) => [Number(String(mark).slice(1)), String(sha)]),
  );
  rmSync(marksFile, { force: true });
  return marks;
}
