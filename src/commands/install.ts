import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { LeakgateError, EXIT } from '../errors';
import { messages, shellQuote } from '../messages';
import { Repository } from '../git/repository';
import { CLI_BUNDLE, PACKAGE_ROOT, packageVersion } from '../packageInfo';
import { result, type CommandResult, type Io } from './io';
import { ignoreScriptsSource } from './npmIgnoreScripts';
import { detectHookManager, hookManagerAdvice } from './hookManagers';
import { readInstallRecord, writeInstallRecord, type InstallRecord } from '../state/installRecord';

/** The hooks install writes, uninstall removes and doctor checks. */
export const HOOKS = ['pre-commit', 'pre-push', 'commit-msg'] as const;
/** One of HOOKS. */
export type HookName = (typeof HOOKS)[number];
/** The first line of the block install adds to a husky hook. */
export const BLOCK_START = '# >>> leakgate >>>';
const BLOCK_END = '# <<< leakgate <<<';
/** Marks a plain git hook written by install. */
export const MANAGED_MARK = 'leakgate-managed';
const CHAINED_SUFFIX = '.leakgate-chained';
/** The copy of hooks/run.sh the plain hooks run, and the paths install records beside it. */
export const RUNNER_FILE = 'leakgate-run.sh';
export const PATHS_FILE = 'leakgate-run.paths';
/** The plain hooks' runner, as a hook names it when it lies beside the hooks. */
const RUNNER_BESIDE = `"\${0%/*}/${RUNNER_FILE}"`;
/** Where husky points core.hooksPath. */
export const HUSKY_HOOKS_PATH = '.husky/_';

/**
 * `leakgate install`: through husky where the repository root has a package.json (and no other
 * hooks manager owns core.hooksPath), otherwise as plain git hooks in the directory git really
 * uses. Idempotent; an existing hook is chained, never overwritten. Reports what it changed.
 * Where lefthook, simple-git-hooks or the pre-commit framework owns the hooks, it writes nothing
 * and says what to add to their config, unless `force`.
 */
export async function install(io: Io, options: { force?: boolean } = {}): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd);
  const record = readInstallRecord(await repo.commonDir());
  // lefthook, simple-git-hooks and the pre-commit framework rewrite .git/hooks (or ignore ours):
  // leakgate says what to add to their config instead. Installed before (--force): kept up to date.
  const manager = options.force || record ? undefined : detectHookManager(repo.root);
  if (manager) return result(EXIT.clean, `${hookManagerAdvice(repo.root, manager, packageVersion())}\n`);
  const hooksPath = await repo.configValue('core.hooksPath');
  const hasManifest = existsSync(join(repo.root, 'package.json'));
  const huskyOwnsHooks = hooksPath === undefined || hooksPath.replace(/\/$/, '') === HUSKY_HOOKS_PATH || record?.mode === 'husky';
  const changes: string[] = [];
  let next: InstallRecord;
  if (hasManifest && huskyOwnsHooks) {
    next = await installWithHusky(repo, record, changes);
  } else {
    next = await installPlain(repo, record, changes);
  }
  writeInstallRecord(await repo.commonDir(), next);
  const summary = changes.length ? changes.map((change) => `  ${change}`).join('\n') : `  ${messages.installNothing}`;
  const notes: string[] = [];
  if (next.mode === 'husky') {
    const ignoredBy = ignoreScriptsSource(repo.root, io.env);
    if (ignoredBy) notes.push(messages.ignoreScripts(ignoredBy), messages.teamGetsHooksManually);
    else notes.push(messages.teamGetsHooks);
  } else if (isInside(repo.root, CLI_BUNDLE)) {
    notes.push(messages.cliInWorkTree(CLI_BUNDLE));
  }
  const after = notes.map((note) => `\n${note}`).join('');
  return result(EXIT.clean, `${messages.installHeading(next.mode === 'husky' ? 'husky' : 'git hooks')}\n${summary}${after}\n`);
}

async function installWithHusky(repo: Repository, previous: InstallRecord | undefined, changes: string[]): Promise<InstallRecord> {
  const record: InstallRecord = previous?.mode === 'husky' ? previous : { mode: 'husky', createdFiles: [], packageJson: {} };
  const manifestPath = join(repo.root, 'package.json');
  const manifestText = readFileSync(manifestPath, 'utf8');
  const manifest = parseManifest(manifestText, 'install');
  const version = packageVersion();
  const has = (name: string) => Boolean(manifest.dependencies?.[name] ?? manifest.devDependencies?.[name]);
  if (!has('husky')) {
    manifest.devDependencies = { ...manifest.devDependencies, husky: huskyVersion() };
    record.packageJson.addedHusky = true;
    changes.push(messages.addedDevDependency('husky', huskyVersion()));
  }
  if (!has('leakgate')) {
    manifest.devDependencies = { ...manifest.devDependencies, leakgate: `^${version}` };
    record.packageJson.addedLeakgate = true;
    changes.push(messages.addedDevDependency('leakgate', `^${version}`));
  }
  const prepare = manifest.scripts?.prepare;
  if (!prepare || !/\bhusky\b/.test(prepare)) {
    const script = prepare ? `${prepare} && husky` : 'husky';
    manifest.scripts = { ...manifest.scripts, prepare: script };
    record.packageJson.prepareBefore = prepare ?? null;
    changes.push(messages.setPrepare(script));
  }
  if (changes.length) writeFileSync(manifestPath, `${JSON.stringify(manifest, null, indentOf(manifestText))}\n`);

  const huskyDir = join(repo.root, '.husky');
  for (const hook of HOOKS) {
    const file = join(huskyDir, hook);
    const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const legacy = await legacyHook(repo, hook);
    if (existing?.includes(BLOCK_START)) {
      // Installed before: a block from another version of leakgate is brought up to date.
      const updated = replaceBlock(existing, huskyBlock(legacy));
      if (updated !== existing) {
        writeFileSync(file, updated);
        changes.push(messages.huskyBlockUpdated(relativeTo(repo.root, file)));
      }
      continue;
    }
    const block = huskyBlock(legacy);
    mkdirSync(huskyDir, { recursive: true });
    writeFileSync(file, existing ? `${block}\n${existing}` : block, { mode: 0o755 });
    if (!existing) record.createdFiles.push(relativeTo(repo.root, file));
    changes.push(messages.huskyBlockAdded(relativeTo(repo.root, file), !existing, legacy));
  }

  const before = await repo.configValue('core.hooksPath');
  const message = await runHusky(repo.root);
  if (message) throw new LeakgateError(messages.huskyFailed(message.trim()));
  if (before === undefined) {
    record.setHooksPath = true;
    changes.push(messages.huskySetHooksPath(HUSKY_HOOKS_PATH));
  }
  return record;
}

async function installPlain(repo: Repository, previous: InstallRecord | undefined, changes: string[]): Promise<InstallRecord> {
  const record: InstallRecord = previous?.mode === 'git' ? previous : { mode: 'git', createdFiles: [], packageJson: {} };
  const hooksDir = await repo.hooksDir();
  mkdirSync(hooksDir, { recursive: true });
  const runner = await plainRunner(repo, hooksDir);
  writeRunner(repo.root, runner.dir, changes);
  for (const hook of HOOKS) {
    const file = join(hooksDir, hook);
    const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const fresh = plainHook(hook, runner.word);
    if (existing?.includes(MANAGED_MARK)) {
      // Ours already: a hook written by another version of leakgate is brought up to date.
      if (existing !== fresh) {
        writeFileSync(file, fresh);
        chmodSync(file, 0o755);
        changes.push(messages.hookUpdated(displayPath(repo.root, file), hook));
      }
      continue;
    }
    if (existing !== undefined) {
      renameSync(file, `${file}${CHAINED_SUFFIX}`);
      changes.push(messages.hookChained(displayPath(repo.root, file), `${hook}${CHAINED_SUFFIX}`));
    }
    writeFileSync(file, fresh);
    chmodSync(file, 0o755);
    changes.push(messages.hookWritten(displayPath(repo.root, file), hook));
  }
  return record;
}

/**
 * Where the plain hooks' runner goes, and the shell word by which the hooks name it: beside the
 * hooks, found through the hook's own path (so a moved repository keeps working), unless
 * core.hooksPath puts the hooks in the work tree: a runner there would be whatever the last
 * `git pull` brought, so it goes under the git directory instead, named by its absolute path.
 */
export async function plainRunner(repo: Repository, hooksDir: string): Promise<{ dir: string; word: string }> {
  const commonDir = await repo.commonDir();
  if (!isInside(repo.root, hooksDir) || isInside(commonDir, hooksDir)) return { dir: hooksDir, word: RUNNER_BESIDE };
  const dir = join(commonDir, 'leakgate');
  return { dir, word: shellQuote(join(dir, RUNNER_FILE)) };
}

/** The package's hooks/run.sh copied to `dir`, with the leakgate and node it is to run beside it. */
function writeRunner(root: string, dir: string, changes: string[]): void {
  for (const path of [CLI_BUNDLE, process.execPath]) {
    if (/[\r\n]/.test(path)) throw new LeakgateError(messages.pathHasNewline(path));
  }
  mkdirSync(dir, { recursive: true });
  const runner = join(dir, RUNNER_FILE);
  const text = readFileSync(packageRunner(PACKAGE_ROOT), 'utf8');
  const before = readIfExists(runner);
  if (before !== text) {
    writeFileSync(runner, text);
    changes.push(messages.runnerWritten(displayPath(root, runner), before !== undefined));
  }
  // Even when the text is the same: a hook cannot exec a runner that lost its mode bits.
  chmodSync(runner, 0o755);
  const paths = join(dir, PATHS_FILE);
  const recorded = pathsText(CLI_BUNDLE, process.execPath);
  if (readIfExists(paths) !== recorded) {
    writeFileSync(paths, recorded);
    changes.push(messages.pathsRecorded(displayPath(root, paths), CLI_BUNDLE, process.execPath));
  }
}

/** The runner a package ships. */
export function packageRunner(packageRoot: string): string {
  return join(packageRoot, 'hooks', 'run.sh');
}

/** leakgate-run.paths: one `name=path` a line, which the runner reads with `read` (nothing runs). */
function pathsText(cli: string, node: string): string {
  return `# Written by leakgate install: the leakgate the hooks run (cli) and the node that runs it.\nnode=${node}\ncli=${cli}\n`;
}

/** The paths a leakgate-run.paths records (none when it is missing). */
export function readRecordedPaths(file: string): { cli?: string; node?: string } {
  const recorded: { cli?: string; node?: string } = {};
  for (const line of (readIfExists(file) ?? '').split('\n')) {
    const match = /^(cli|node)=(.*)$/.exec(line);
    if (match?.[1] === 'cli' || match?.[1] === 'node') recorded[match[1]] = match[2] ?? '';
  }
  return recorded;
}

/** `leakgate uninstall`: removes exactly what install added (its record says what that was). */
export async function uninstall(io: Io): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd);
  const commonDir = await repo.commonDir();
  const record = readInstallRecord(commonDir);
  const changes: string[] = [];
  // Read before anything changes: a package.json that cannot be restored stops the whole uninstall.
  const manifestPath = join(repo.root, 'package.json');
  const manifestText = record?.mode === 'husky' && existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : undefined;
  const manifest = manifestText === undefined ? undefined : parseManifest(manifestText, 'uninstall');

  for (const hook of HOOKS) {
    const file = join(repo.root, '.husky', hook);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (!text.includes(BLOCK_START)) continue;
    const rest = removeBlock(text);
    const created = record?.createdFiles.includes(relativeTo(repo.root, file));
    if (created && rest.trim() === '') {
      rmSync(file);
      changes.push(messages.removed(relativeTo(repo.root, file)));
    } else {
      writeFileSync(file, rest);
      changes.push(messages.huskyBlockRemoved(relativeTo(repo.root, file)));
    }
  }

  const hooksDir = await repo.hooksDir();
  for (const hook of HOOKS) {
    const file = join(hooksDir, hook);
    if (!existsSync(file) || !readFileSync(file, 'utf8').includes(MANAGED_MARK)) continue;
    rmSync(file);
    if (existsSync(`${file}${CHAINED_SUFFIX}`)) {
      renameSync(`${file}${CHAINED_SUFFIX}`, file);
      changes.push(messages.hookRestored(displayPath(repo.root, file)));
    } else {
      changes.push(messages.removed(displayPath(repo.root, file)));
    }
  }
  // The runner beside the hooks, or under the git directory when the hooks are in the work tree.
  for (const dir of new Set([hooksDir, join(commonDir, 'leakgate')])) {
    for (const name of [RUNNER_FILE, PATHS_FILE]) {
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      rmSync(file);
      changes.push(messages.removed(displayPath(repo.root, file)));
    }
  }

  if (record?.mode === 'husky') {
    if (manifest && manifestText !== undefined) {
      const { addedHusky, addedLeakgate, prepareBefore } = record.packageJson;
      if (addedHusky && manifest.devDependencies?.husky) {
        delete manifest.devDependencies.husky;
        changes.push(messages.removedDevDependency('husky'));
      }
      if (addedLeakgate && manifest.devDependencies?.leakgate) {
        delete manifest.devDependencies.leakgate;
        changes.push(messages.removedDevDependency('leakgate'));
      }
      if (prepareBefore !== undefined && manifest.scripts) {
        if (prepareBefore === null) delete manifest.scripts.prepare;
        else manifest.scripts.prepare = prepareBefore;
        changes.push(messages.restoredPrepare(prepareBefore));
      }
      if (manifest.devDependencies && Object.keys(manifest.devDependencies).length === 0) delete manifest.devDependencies;
      if (manifest.scripts && Object.keys(manifest.scripts).length === 0) delete manifest.scripts;
      writeFileSync(manifestPath, `${JSON.stringify(manifest, null, indentOf(manifestText))}\n`);
    }
    if (record.setHooksPath) {
      await repo.unsetConfig('core.hooksPath');
      rmSync(join(repo.root, '.husky', '_'), { recursive: true, force: true });
      changes.push(messages.unsetHooksPath);
    }
    const huskyDir = join(repo.root, '.husky');
    if (existsSync(huskyDir) && isEmptyDir(huskyDir)) rmSync(huskyDir, { recursive: true });
  }
  writeInstallRecord(commonDir, undefined);
  // What leakgate remembers of this clone (the install record, the runner of hooks kept in the
  // work tree, the last blocked run of each worktree) goes with it.
  for (const dir of new Set([join(commonDir, 'leakgate'), join(repo.gitDir, 'leakgate')])) {
    if (!existsSync(dir)) continue;
    rmSync(dir, { recursive: true, force: true });
    changes.push(messages.removed(`${displayPath(repo.root, dir)}/`));
  }
  const summary = changes.length ? changes.map((change) => `  ${change}`).join('\n') : `  ${messages.uninstallNothing}`;
  return result(EXIT.clean, `${messages.uninstallHeading}\n${summary}\n`);
}

/** package.json as an object; a broken one is a clear error (exit 2), never a crash. */
function parseManifest(text: string, command: 'install' | 'uninstall'): PackageManifest {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    manifest = undefined;
  }
  if (manifest && typeof manifest === 'object' && !Array.isArray(manifest)) return manifest as PackageManifest;
  throw new LeakgateError(command === 'install' ? messages.manifestBrokenInstall : messages.manifestBrokenUninstall);
}

interface PackageManifest {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

function huskyBlock(legacy: string | undefined): string {
  // `leakgate_chain=1`: the runner also runs the hook in .git/hooks that husky switched off.
  return readFileSync(join(PACKAGE_ROOT, 'hooks', 'husky-block.sh'), 'utf8').replace('@CHAIN@', legacy ? '1' : '0');
}

/** A plain hook as install writes it: one line that runs the runner `word` names. */
export function plainHook(hook: HookName, word: string): string {
  return readFileSync(join(PACKAGE_ROOT, 'hooks', 'git-hook.sh'), 'utf8')
    .replace(/@HOOK@/g, hook)
    .replace('@RUNNER@', () => word);
}

/** A hook in `.git/hooks` that husky's core.hooksPath would silently switch off. */
async function legacyHook(repo: Repository, hook: HookName): Promise<string | undefined> {
  const file = join(await repo.commonDir(), 'hooks', hook);
  return existsSync(file) ? displayPath(repo.root, file) : undefined;
}

/** The text around its leakgate block (markers included in the block), or undefined without one. */
function aroundBlock(text: string): { before: string; after: string } | undefined {
  const start = text.indexOf(BLOCK_START);
  const end = text.indexOf(BLOCK_END, start);
  if (start === -1 || end === -1) return undefined;
  return { before: text.slice(0, start), after: text.slice(end + BLOCK_END.length) };
}

/** The text with its leakgate block replaced by `block`. */
function replaceBlock(text: string, block: string): string {
  const parts = aroundBlock(text);
  return parts ? parts.before + block.replace(/\n$/, '') + parts.after : text;
}

function removeBlock(text: string): string {
  const parts = aroundBlock(text);
  return parts ? parts.before + parts.after.replace(/^\r?\n/, '').replace(/^\n/, '') : text;
}

async function runHusky(root: string): Promise<string> {
  // husky works on the current directory; it is an ES module, hence the dynamic import.
  const previous = process.cwd();
  process.chdir(root);
  try {
    const husky = (await import('husky')) as { default: (dir?: string) => string };
    return husky.default('.husky');
  } finally {
    process.chdir(previous);
  }
}

function huskyVersion(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageManifest;
  return manifest.dependencies?.husky ?? '^9.1.7';
}

function indentOf(text: string): string | number {
  const match = /^[ \t]+(?=")/m.exec(text);
  return match ? match[0] : 2;
}

function relativeTo(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}

/** A hook file as a user finds it: relative to the work tree when inside it, else as it is. */
export function displayPath(root: string, file: string): string {
  const rel = relativeTo(root, isAbsolute(file) ? file : join(root, file));
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** Whether `file` lies in the folder `root` (both physical paths). */
function isInside(root: string, file: string): boolean {
  const rel = relative(realpathOr(root), realpathOr(file));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isEmptyDir(path: string): boolean {
  try {
    return readdirSync(path).length === 0;
  } catch {
    return false;
  }
}
