// @ts-check
// The history case's repository, written as one git fast-import stream (lib/setup.mjs imports it):
// the corpus files in path order, added 1–10 per commit, ~15% extra commits editing 1–3 files added
// before, every 400 commits a topic branch (two adds and an edit) merged back while main gets two
// adds, five commits that paste a fake key into an existing file, and a later commit that takes
// one of them out again. Every choice comes from one seeded generator, drawn in a fixed order: the
// same corpus gives the same history, byte for byte, on every machine.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from './common.mjs';
import { PLANTS, plantText } from './fakes.mjs';

/** @typedef {import('./types.js').Corpus} Corpus */
/** @typedef {import('./types.js').Plant} Plant */
/**
 * A branch as the stream builds it: its tip's mark, the blob mark and (once edited) the content
 * of each path, the paths added on it, and the paths its own commits touched.
 * @typedef {{ name: string, tip: number | null, marks: Map<string, number>, content: Map<string, Buffer>, added: string[], touched: Set<string> }} Branch
 */
/** A file a commit writes: new data, or the mark of a blob already in the stream. @typedef {{ path: string, data?: Buffer | undefined, mark?: number | undefined }} Change */
/** A planted key: the commit's mark, and the file's bytes before, to take the key out again. @typedef {{ plant: Plant, file: string, mark: number, before: Buffer }} PlantedCommit */
/** @typedef {{ commits: number, planted: PlantedCommit[], removed: { plant: Plant, file: string, mark: number } }} HistoryPlan */

const AUTHOR = 'Bench Author <bench@example.invalid>';
/** The second plant is taken out again later. */
const REMOVE_INDEX = 1;

/**
 * Writes the stream to `streamFile`; returns how many commits it holds and the marks of the
 * commits that planted and removed keys.
 * @param {Corpus} corpus
 * @param {string} streamFile
 * @returns {HistoryPlan}
 */
export function writeHistoryStream(corpus, streamFile) {
  const stream = new HistoryStream(corpus, streamFile);
  try {
    stream.writeAll();
  } finally {
    stream.close();
  }
  return stream.plan();
}

/**
 * @param {string} name
 * @param {Branch} [from]
 * @returns {Branch}
 */
function newBranch(name, from) {
  return {
    name,
    tip: from?.tip ?? null,
    marks: new Map(from?.marks ?? []),
    content: new Map(from?.content ?? []),
    added: [...(from?.added ?? [])],
    touched: new Set(),
  };
}

/** C-style quoting of a path for git fast-import when it needs it. @param {string} path */
function fiPath(path) {
  return /^"|[\n"\\]/.test(path) ? `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"` : path;
}

/** The fast-import primitives: blobs and commits, with marks and a clock that moves on. */
class StreamWriter {
  /**
   * @param {string} corpusDir
   * @param {string} streamFile
   */
  constructor(corpusDir, streamFile) {
    this.corpusDir = corpusDir;
    this.out = openSync(streamFile, 'w');
    this.rng = prng(20261128);
    this.mark = 0;
    this.time = 1_700_000_000;
    this.commits = 0;
  }

  close() {
    closeSync(this.out);
  }

  /** @param {string | Buffer} data */
  write(data) {
    if (typeof data === 'string') writeSync(this.out, data);
    else writeSync(this.out, data);
  }

  /** @param {Buffer} data */
  blob(data) {
    const m = ++this.mark;
    this.write(`blob\nmark :${m}\ndata ${data.length}\n`);
    this.write(data);
    this.write('\n');
    return m;
  }

  /**
   * The path's text on `branch`: its last edit there, or the corpus file.
   * @param {Branch} branch
   * @param {string} path
   */
  read(branch, path) {
    return branch.content.get(path) ?? readFileSync(join(this.corpusDir, path));
  }

  /**
   * A commit on `branch` (a merge of `merge` when given); returns its mark.
   * @param {Branch} branch
   * @param {string} message
   * @param {Change[]} changes
   * @param {Branch} [merge]
   */
  commit(branch, message, changes, merge) {
    const marks = changes.map((change) => this.recordChange(branch, change));
    const m = ++this.mark;
    this.time += 300 + Math.floor(this.rng() * 3600);
    this.write(
      `commit refs/heads/${branch.name}\nmark :${m}\nauthor ${AUTHOR} ${this.time} +0000\ncommitter ${AUTHOR} ${this.time} +0000\n`,
    );
    const msg = Buffer.from(`${message}\n`);
    this.write(`data ${msg.length}\n`);
    this.write(msg);
    if (branch.tip !== null) this.write(`from :${branch.tip}\n`);
    if (merge) this.write(`merge :${merge.tip}\n`);
    for (const [i, change] of changes.entries()) this.write(`M 100644 :${marks[i]} ${fiPath(change.path)}\n`);
    this.write('\n');
    branch.tip = m;
    this.commits++;
    return m;
  }

  /**
   * Writes the change's blob unless it names one, and notes it on the branch; returns the blob's mark.
   * @param {Branch} branch
   * @param {Change} change
   */
  recordChange(branch, change) {
    const mark = change.mark ?? this.blob(/** @type {Buffer} */ (change.data));
    branch.marks.set(change.path, mark);
    if (change.data) branch.content.set(change.path, change.data);
    branch.touched.add(change.path);
    return mark;
  }
}

/** The history's plan on top of the writer: which files each commit adds, edits or plants into. */
class HistoryStream extends StreamWriter {
  /**
   * @param {Corpus} corpus
   * @param {string} streamFile
   */
  constructor(corpus, streamFile) {
    super(corpus.dir, streamFile);
    this.sizes = new Map(corpus.files.map((file) => [file.path, file.size]));
    this.queue = corpus.files.map((file) => file.path);
    this.maxGroup = Math.max(1, Math.min(10, Math.floor((2 * this.queue.length) / 2200) - 1));
    const totalAdds = Math.ceil(this.queue.length / ((this.maxGroup + 1) / 2));
    this.plantAt = PLANTS.map((_, i) => Math.round(totalAdds * (0.08 + 0.19 * i)));
    this.removeAt = Math.round(totalAdds * 0.75);
    this.revision = 0;
    this.adds = 0;
    this.topics = 0;
    /** @type {Set<string>} */
    this.plantedPaths = new Set();
    /** @type {PlantedCommit[]} */
    this.planted = [];
    /** @type {HistoryPlan['removed'] | undefined} */
    this.removed = undefined;
  }

  /** @returns {HistoryPlan} */
  plan() {
    if (this.planted.length !== PLANTS.length || !this.removed) throw new Error('history plan: not every key was planted');
    return { commits: this.commits, planted: this.planted, removed: this.removed };
  }

  writeAll() {
    const main = newBranch('main');
    while (this.queue.length) {
      if (this.adds > 0 && this.adds % 400 === 200 && this.queue.length > 50) this.topicAndMerge(main);
      this.addCommit(main);
      this.adds++;
      if (this.rng() < 0.15) this.modifyCommit(main);
      PLANTS.forEach((plant, i) => {
        if (this.adds >= /** @type {number} */ (this.plantAt[i]) && !this.planted.some((entry) => entry.plant === plant))
          this.plantCommit(main, plant);
      });
      if (this.adds >= this.removeAt && !this.removed && this.planted.length > REMOVE_INDEX) this.removeCommit(main);
    }
  }

  /** @template T @param {readonly T[]} list */
  pick(list) {
    return /** @type {T} */ (list[Math.floor(this.rng() * list.length)]);
  }

  /** A topic branch forked from main (two adds and an edit), merged back after two adds on main. @param {Branch} main */
  topicAndMerge(main) {
    this.topics++;
    const topic = newBranch(`topic/${this.topics}`, main);
    const forkedAt = topic.added.length;
    this.addCommit(topic);
    this.modifyCommit(topic);
    this.addCommit(topic);
    this.addCommit(main);
    this.addCommit(main);
    this.adds += 4;
    const changes = [...topic.touched].map((path) => ({ path, mark: topic.marks.get(path), data: topic.content.get(path) }));
    this.commit(main, `Merge branch 'topic/${this.topics}'`, changes, topic);
    main.added.push(...topic.added.slice(forkedAt));
  }

  /** The next 1–maxGroup files of the corpus, in path order. @param {Branch} branch */
  addCommit(branch) {
    const group = this.queue.splice(0, 1 + Math.floor(this.rng() * this.maxGroup));
    const first = group[0];
    if (first === undefined) return;
    const top = first
      .split('/')
      .slice(0, first.startsWith('@') ? 2 : 1)
      .join('/');
    const message = `Add ${group.length === 1 ? first : `${group.length} files of ${top}`}`;
    this.commit(
      branch,
      message,
      group.map((path) => ({ path, data: readFileSync(join(this.corpusDir, path)) })),
    );
    branch.added.push(...group);
  }

  /** Added files small enough to edit, without a planted key. @param {Branch} branch */
  editable(branch) {
    return branch.added.filter(
      (path) => /\.(?:js|ts|mjs|cjs|md)$/.test(path) && (this.sizes.get(path) ?? 0) < 300_000 && !this.plantedPaths.has(path),
    );
  }

  /** A commit that edits 1–3 files added before: a note line, and a trailing comment in code. @param {Branch} branch */
  modifyCommit(branch) {
    const pool = this.editable(branch);
    if (!pool.length) return;
    const targets = [...new Set(Array.from({ length: 1 + Math.floor(this.rng() * 3) }, () => this.pick(pool)))];
    const changes = targets.map((path) => ({ path, data: Buffer.from(this.editedLines(branch, path).join('\n')) }));
    this.commit(branch, `Edit ${targets.join(', ')}`.slice(0, 200), changes);
  }

  /**
   * @param {Branch} branch
   * @param {string} path
   */
  editedLines(branch, path) {
    this.revision++;
    const lines = this.read(branch, path).toString('utf8').split('\n');
    const note = path.endsWith('.md')
      ? `Revision ${this.revision}: wording and links checked.`
      : `// revision ${this.revision}: reviewed, behaviour unchanged`;
    lines.splice(Math.floor(this.rng() * lines.length), 0, note);
    if (!path.endsWith('.md')) {
      const j = Math.floor(this.rng() * lines.length);
      const line = /** @type {string} */ (lines[j]);
      if (!line.endsWith('\\')) lines[j] = `${line} // r${this.revision}`;
    }
    return lines;
  }

  /**
   * A commit that pastes `plant` into a mid-sized JavaScript file already on the branch.
   * @param {Branch} branch
   * @param {Plant} plant
   */
  plantCommit(branch, plant) {
    const fits = (/** @type {string} */ path) => {
      const size = this.sizes.get(path) ?? 0;
      return path.endsWith('.js') && size >= 2048 && size <= 65536 && !this.plantedPaths.has(path);
    };
    const pool = branch.added.filter(fits);
    const path = /** @type {string} */ (pool[Math.floor(pool.length / 2)]);
    this.plantedPaths.add(path);
    const before = this.read(branch, path);
    const text = before.toString('utf8');
    const m = this.commit(branch, `Wire up the ${plant.what.split(' ')[0]} client`, [
      { path, data: Buffer.from(text + plantText(plant, `history:${plant.id}`, text)) },
    ]);
    this.planted.push({ plant, file: path, mark: m, before });
  }

  /** A commit that puts the file of the REMOVE_INDEX plant back as it was. @param {Branch} main */
  removeCommit(main) {
    const entry = /** @type {PlantedCommit} */ (this.planted[REMOVE_INDEX]);
    const m = this.commit(main, `Read the ${entry.plant.what.split(' ')[0]} token from the environment`, [
      { path: entry.file, data: entry.before },
    ]);
    this.removed = { plant: entry.plant, file: entry.file, mark: m };
  }
}
