// @ts-check
// The files a history scan reads whole (every file a commit adds), as text in memory, and the
// detector's passes over them: how bench/floors.mjs and bench/against.mjs measure the detector
// apart from git.
import { spawnSync } from 'node:child_process';

/** @typedef {{ wall: number, cpu: number }} Cost */
/** @typedef {{ path: string, text: string }} Text */

/**
 * Every file the history's commits add (diff-tree against the first parent, as a scan reads them),
 * as text; `added`, when the caller has listed them already (historyAdds).
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 * @param {readonly { blob: string, path: string }[]} [added]
 * @returns {Text[]}
 */
export function historyTexts(cwd, env, added = historyAdds(cwd, env).added) {
  return readBlobs(cwd, env, added);
}

/**
 * The history's commits (oldest first, one per line, as `diff-tree --stdin` reads them) and the
 * files they add.
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 */
export function historyAdds(cwd, env) {
  const shas = spawnSync('git', ['rev-list', '--all', '--reverse'], { cwd, env, encoding: 'utf8' }).stdout;
  const raw = spawnSync('git', ['diff-tree', '--stdin', '--root', '-r', '--raw', '-z', '--no-abbrev', '-M'], {
    cwd,
    env,
    input: shas,
    encoding: 'latin1',
    maxBuffer: 1 << 30,
  }).stdout;
  return { shas, added: addedFiles(raw) };
}

/**
 * Added files (status A) of raw -z diff-tree output: blob id and path.
 * @param {string} raw
 */
function addedFiles(raw) {
  const fields = raw.split('\0');
  /** @type {{ blob: string, path: string }[]} */
  const added = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    if (!field.startsWith(':')) continue;
    const [, , , blob = '', status = ''] = field.slice(1).split(' ');
    const path = fields[i + 1] ?? '';
    if (status === 'A') added.push({ blob, path });
    i += status.startsWith('R') || status.startsWith('C') ? 2 : 1;
  }
  return added;
}

/**
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 * @param {readonly { blob: string, path: string }[]} added
 * @returns {Text[]}
 */
function readBlobs(cwd, env, added) {
  const input = `${added.map((file) => file.blob).join('\n')}\n`;
  const out = spawnSync('git', ['cat-file', '--batch'], { cwd, env, input, maxBuffer: 1 << 30 }).stdout;
  /** @type {Text[]} */
  const texts = [];
  let at = 0;
  for (const file of added) {
    const newline = out.indexOf(10, at);
    const size = Number(out.toString('latin1', at, newline).split(' ')[2]);
    texts.push({ path: file.path, text: out.toString('utf8', newline + 1, newline + 1 + size) });
    at = newline + 2 + size;
  }
  return texts;
}

/**
 * Two passes of a detector over the texts: wall and CPU (all threads: V8 compiles on its own
 * threads) of each. The first pass pays V8's compiling and each rule's regex; the second shows
 * the judging alone.
 * @param {{ scanFile(file: { path: string, chunks: { startLine: number, text: string }[] }): unknown }} detector
 * @param {readonly Text[]} texts
 * @returns {[Cost, Cost]}
 */
export function detectorPasses(detector, texts) {
  const pass = () => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (const { path, text } of texts) detector.scanFile({ path, chunks: [{ startLine: 1, text }] });
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
  };
  const first = pass();
  return [first, pass()];
}
