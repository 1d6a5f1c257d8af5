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
//                keys added in five commits, one of them removed again later
import { existsSync, linkSync, lstatSync, mkdirSync, copyFileSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { cleanEnv, exec, git, isBuilt, log, markBuilt, MB, prng, unmark, WORK } from './common.mjs';
import { PLANTS, plantText } from './fakes.mjs';

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

const AUTHOR = 'Bench Author <bench@example.invalid>';

function keyOf(...parts) {
  return createHash('sha256').update(JSON.stringify([BUILD_VERSION, ...parts])).digest('hex');
}

function npmInstall(prefix, packages) {
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), `${JSON.stringify({ name: 'leakgate-bench-deps', private: true, dependencies: packages }, null, 2)}\n`);
  const args = ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--ignore-scripts', `--before=${NPM_BEFORE}`, '--loglevel=error'];
  log(`npm ${args.join(' ')}  (${Object.entries(packages).map(([name, version]) => `${name}@${version}`).join(' ')})`);
  const child = exec('npm', args, prefix, cleanEnv());
  if (child.status !== 0) throw new Error(`npm install in ${prefix} exited ${child.status}:\n${child.stdout}${child.stderr}`);
}

/** Text files below `root` (no symbolic links), sorted by path, with their sizes. */
function listTextFiles(root) {
  const out = [];
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

/** Builds (or reuses) the corpus; returns { dir, files: [{path, size}], bytes, versions }. */
export function ensureCorpus() {
  const key = keyOf(CORPUS_PACKAGES, NPM_BEFORE, TEXT_EXTENSIONS);
  const dir = join(WORK, 'corpus');
  const manifestFile = join(WORK, 'corpus-manifest.json');
  if (!isBuilt('corpus', key) || !existsSync(manifestFile)) {
    unmark('corpus');
    const src = join(WORK, 'corpus-src');
    npmInstall(src, CORPUS_PACKAGES);
    rmSync(dir, { recursive: true, force: true });
    const files = listTextFiles(join(src, 'node_modules')).map((file) => ({ ...file, path: file.path.split('/').map((part) => (part === 'node_modules' ? 'nm' : part)).join('/') }));
    for (const file of files) {
      const target = join(dir, file.path);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file.absolute, target);
    }
    const versions = Object.fromEntries(
      Object.keys(CORPUS_PACKAGES).map((name) => [name, JSON.parse(readFileSync(join(src, 'node_modules', name, 'package.json'), 'utf8')).version]),
    );
    const packages = readdirSync(join(src, 'node_modules')).filter((name) => !name.startsWith('.')).length;
    writeFileSync(manifestFile, JSON.stringify({ versions, packages, files: files.map(({ path, size }) => ({ path, size })) }));
    markBuilt('corpus', key);
    log(`corpus: ${files.length} files, ${(files.reduce((sum, file) => sum + file.size, 0) / MB).toFixed(1)} MB in ${dir}`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  return { dir, key, files: manifest.files, bytes: manifest.files.reduce((sum, file) => sum + file.size, 0), versions: manifest.versions };
}

/** Installs (or reuses) secretlint; returns { bin, rc, version }. */
export function ensureSecretlint() {
  const key = keyOf(SECRETLINT_PACKAGES, NPM_BEFORE);
  const dir = join(WORK, 'secretlint');
  if (!isBuilt('secretlint', key)) {
    unmark('secretlint');
    npmInstall(dir, SECRETLINT_PACKAGES);
    writeFileSync(join(dir, '.secretlintrc.json'), `${JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] })}\n`);
    markBuilt('secretlint', key);
  }
  const version = JSON.parse(readFileSync(join(dir, 'node_modules', 'secretlint', 'package.json'), 'utf8')).version;
  return { bin: join(dir, 'node_modules', '.bin', 'secretlint'), rc: join(dir, '.secretlintrc.json'), version };
}

/** Five plant targets spread over `files`: JavaScript files of 2–64 KB, not in `exclude`. */
function choosePlantFiles(files, count, exclude = new Set()) {
  const candidates = files.filter((file) => file.path.endsWith('.js') && file.size >= 2048 && file.size <= 65536 && !exclude.has(file.path));
  if (candidates.length < count) throw new Error(`only ${candidates.length} files can take a planted key`);
  return Array.from({ length: count }, (_, i) => candidates[Math.floor(((i + 0.5) * candidates.length) / count)]);
}

/** Hard-links (or copies) `files` of the corpus into `dir`, then pastes the plants; returns them. */
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
    const target = join(dir, targets[i].path);
    const text = readFileSync(target, 'utf8');
    rmSync(target); // break the hard link: the corpus stays clean
    writeFileSync(target, text + plantText(plant, `${seed}:${plant.id}`, text));
    return { plant, file: targets[i].path };
  });
}

function bytesOf(dir, files) {
  return files.reduce((sum, file) => sum + lstatSync(join(dir, file.path)).size, 0);
}

/** The working-tree case: the whole corpus in a folder not named node_modules, five keys pasted. */
export function ensureTree(corpus) {
  const key = keyOf(corpus.key, 'tree', PLANTS.map((plant) => plant.lines('x')));
  const dir = join(WORK, 'tree');
  const stateFile = join(WORK, 'tree-state.json');
  if (!isBuilt('tree', key) || !existsSync(stateFile)) {
    unmark('tree');
    const planted = populate(corpus, corpus.files, dir, 'tree');
    writeFileSync(stateFile, JSON.stringify({ planted: planted.map(({ plant, file }) => ({ plant: plant.id, file })), bytes: bytesOf(dir, corpus.files) }));
    markBuilt('tree', key);
  }
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  return { dir, files: corpus.files.length, bytes: state.bytes, planted: revive(state.planted) };
}

function revive(planted) {
  return planted.map((entry) => ({ ...entry, plant: PLANTS.find((plant) => plant.id === entry.plant) }));
}

/**
 * ~5,000 files / ~50 MB of the corpus: the largest files up to what keeps the total near 50 MB,
 * then smaller ones in a fixed pseudo-random order.
 */
function selectBigCommit(files, count = 5000, bytes = 50 * MB) {
  const bySize = [...files].sort((a, b) => b.size - a.size || a.path.localeCompare(b.path));
  const rng = prng(5000);
  const rest = (k) => bySize.slice(k);
  let k = 0;
  let top = 0;
  for (; k < count; k++) {
    const others = rest(k);
    const mean = others.reduce((sum, file) => sum + file.size, 0) / others.length;
    if (top + mean * (count - k) >= bytes) break;
    top += bySize[k].size;
  }
  const shuffled = rest(k)
    .map((file) => ({ file, order: rng() }))
    .sort((a, b) => a.order - b.order)
    .map(({ file }) => file);
  return [...bySize.slice(0, k), ...shuffled.slice(0, count - k)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function initRepo(dir, env) {
  mkdirSync(dir, { recursive: true });
  git(dir, env, 'init', '-q', '-b', 'main');
  git(dir, env, 'config', 'user.name', 'Bench Author');
  git(dir, env, 'config', 'user.email', 'bench@example.invalid');
  git(dir, env, 'config', 'commit.gpgsign', 'false');
}

/** The big-commit case: a fresh repository, nothing committed, ~5,000 files staged. */
export function ensureBigCommit(corpus) {
  const key = keyOf(corpus.key, 'bigcommit', PLANTS.map((plant) => plant.lines('x')));
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
      JSON.stringify({ planted: planted.map(({ plant, file }) => ({ plant: plant.id, file })), files: files.map((file) => file.path), bytes: bytesOf(dir, files) }),
    );
    markBuilt('bigcommit', key);
    log(`big commit: ${files.length} files staged in ${dir}`);
  }
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  return { dir, paths: state.files, files: state.files.length, bytes: state.bytes, planted: revive(state.planted) };
}

/** C-style quoting of a path for git fast-import when it needs it. */
function fiPath(path) {
  return /^"|[\n"\\]/.test(path) ? `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"` : path;
}

/**
 * The history case, written as one git fast-import stream: the corpus files in path order, added
 * 1–10 per commit, ~15% extra commits editing 1–3 files added before, every 400 commits a topic
 * branch (two adds and an edit) merged back while main gets two adds, five commits that paste a
 * fake key into an existing file, and a later commit that takes one of them out again.
 */
export function ensureHistory(corpus) {
  const key = keyOf(corpus.key, 'history', PLANTS.map((plant) => plant.lines('x')));
  const dir = join(WORK, 'history');
  const stateFile = join(WORK, 'history-state.json');
  const env = cleanEnv();
  if (!isBuilt('history', key) || !existsSync(stateFile)) {
    unmark('history');
    rmSync(dir, { recursive: true, force: true });
    initRepo(dir, env);
    const streamFile = join(WORK, 'history.fast-import');
    const marksFile = join(WORK, 'history.marks');
    const plan = writeHistoryStream(corpus, streamFile);
    log(`history: importing ${plan.commits} commits into ${dir}`);
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
        .map(([mark, sha]) => [Number(mark.slice(1)), sha]),
    );
    rmSync(marksFile, { force: true });
    log('history: git gc');
    git(dir, env, 'gc', '-q', '--prune=now');
    const commits = Number(git(dir, env, 'rev-list', '--all', '--count'));
    const merges = Number(git(dir, env, 'rev-list', '--all', '--merges', '--count'));
    const planted = plan.planted.map(({ plant, file, mark }) => ({ plant: plant.id, file, commit: marks.get(mark) }));
    const removed = { plant: plan.removed.plant.id, file: plan.removed.file, commit: marks.get(plan.removed.mark) };
    writeFileSync(stateFile, JSON.stringify({ planted, removed, commits, merges }));
    markBuilt('history', key);
  }
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  return { dir, commits: state.commits, merges: state.merges, planted: revive(state.planted), removed: state.removed };
}

function writeHistoryStream(corpus, streamFile) {
  const out = openSync(streamFile, 'w');
  const write = (data) => writeSync(out, data);
  const rng = prng(20261128);
  const pick = (list) => list[Math.floor(rng() * list.length)];
  let mark = 0;
  let time = 1_700_000_000;
  let commits = 0;
  let revision = 0;

  const sizes = new Map(corpus.files.map((file) => [file.path, file.size]));
  const blob = (data) => {
    const m = ++mark;
    write(`blob\nmark :${m}\ndata ${data.length}\n`);
    write(data);
    write('\n');
    return m;
  };
  const newBranch = (name, from) => ({
    name,
    tip: from?.tip ?? null,
    marks: new Map(from?.marks ?? []),
    content: new Map(from?.content ?? []),
    added: [...(from?.added ?? [])],
    touched: new Set(),
  });
  const read = (branch, path) => branch.content.get(path) ?? readFileSync(join(corpus.dir, path));
  const commit = (branch, message, changes, merge) => {
    for (const change of changes) {
      change.mark ??= blob(change.data);
      branch.marks.set(change.path, change.mark);
      if (change.data) branch.content.set(change.path, change.data);
      branch.touched.add(change.path);
    }
    const m = ++mark;
    time += 300 + Math.floor(rng() * 3600);
    write(`commit refs/heads/${branch.name}\nmark :${m}\nauthor ${AUTHOR} ${time} +0000\ncommitter ${AUTHOR} ${time} +0000\n`);
    const msg = Buffer.from(`${message}\n`);
    write(`data ${msg.length}\n`);
    write(msg);
    if (branch.tip !== null) write(`from :${branch.tip}\n`);
    if (merge) write(`merge :${merge.tip}\n`);
    for (const change of changes) write(`M 100644 :${change.mark} ${fiPath(change.path)}\n`);
    write('\n');
    branch.tip = m;
    commits++;
    return m;
  };

  const queue = corpus.files.map((file) => file.path);
  const maxGroup = Math.max(1, Math.min(10, Math.floor((2 * queue.length) / 2200) - 1));
  const totalAdds = Math.ceil(queue.length / ((maxGroup + 1) / 2));
  const plantAt = PLANTS.map((_, i) => Math.round(totalAdds * (0.08 + 0.19 * i)));
  const removeIndex = 1; // the second plant is taken out again later
  const removeAt = Math.round(totalAdds * 0.75);
  const plantedPaths = new Set();
  const planted = [];
  let removed;

  const addCommit = (branch) => {
    const group = queue.splice(0, 1 + Math.floor(rng() * maxGroup));
    if (!group.length) return;
    const top = group[0].split('/').slice(0, group[0].startsWith('@') ? 2 : 1).join('/');
    commit(branch, `Add ${group.length === 1 ? group[0] : `${group.length} files of ${top}`}`, group.map((path) => ({ path, data: readFileSync(join(corpus.dir, path)) })));
    branch.added.push(...group);
  };
  const editable = (branch) =>
    branch.added.filter((path) => /\.(?:js|ts|mjs|cjs|md)$/.test(path) && sizes.get(path) < 300_000 && !plantedPaths.has(path));
  const modifyCommit = (branch) => {
    const pool = editable(branch);
    if (!pool.length) return;
    const targets = [...new Set(Array.from({ length: 1 + Math.floor(rng() * 3) }, () => pick(pool)))];
    const changes = targets.map((path) => {
      revision++;
      const lines = read(branch, path).toString('utf8').split('\n');
      const note = path.endsWith('.md') ? `Revision ${revision}: wording and links checked.` : `// revision ${revision}: reviewed, behaviour unchanged`;
      lines.splice(Math.floor(rng() * lines.length), 0, note);
      if (!path.endsWith('.md')) {
        const j = Math.floor(rng() * lines.length);
        if (!lines[j].endsWith('\\')) lines[j] = `${lines[j]} // r${revision}`;
      }
      return { path, data: Buffer.from(lines.join('\n')) };
    });
    commit(branch, `Edit ${targets.join(', ')}`.slice(0, 200), changes);
  };
  const plantCommit = (branch, i) => {
    const plant = PLANTS[i];
    const pool = branch.added.filter((path) => path.endsWith('.js') && sizes.get(path) >= 2048 && sizes.get(path) <= 65536 && !plantedPaths.has(path));
    const path = pool[Math.floor(pool.length / 2)];
    plantedPaths.add(path);
    const before = read(branch, path);
    const text = before.toString('utf8');
    const m = commit(branch, `Wire up the ${plant.what.split(' ')[0]} client`, [{ path, data: Buffer.from(text + plantText(plant, `history:${plant.id}`, text)) }]);
    planted.push({ plant, file: path, mark: m, before });
  };

  const main = newBranch('main');
  let adds = 0;
  let topics = 0;
  while (queue.length) {
    if (adds > 0 && adds % 400 === 200 && queue.length > 50) {
      topics++;
      const topic = newBranch(`topic/${topics}`, main);
      const forkedAt = topic.added.length;
      addCommit(topic);
      modifyCommit(topic);
      addCommit(topic);
      addCommit(main);
      addCommit(main);
      adds += 4;
      const changes = [...topic.touched].map((path) => ({ path, mark: topic.marks.get(path), data: topic.content.get(path) }));
      commit(main, `Merge branch 'topic/${topics}'`, changes, topic);
      main.added.push(...topic.added.slice(forkedAt));
    }
    addCommit(main);
    adds++;
    if (rng() < 0.15) modifyCommit(main);
    PLANTS.forEach((_, i) => {
      if (adds >= plantAt[i] && !planted.some((entry) => entry.plant === PLANTS[i])) plantCommit(main, i);
    });
    if (adds >= removeAt && !removed && planted.length > removeIndex) {
      const entry = planted[removeIndex];
      const m = commit(main, `Read the ${entry.plant.what.split(' ')[0]} token from the environment`, [{ path: entry.file, data: entry.before }]);
      removed = { plant: entry.plant, file: entry.file, mark: m };
    }
  }
  closeSync(out);
  if (planted.length !== PLANTS.length || !removed) throw new Error('history plan: not every key was planted');
  return { commits, planted, removed };
}
