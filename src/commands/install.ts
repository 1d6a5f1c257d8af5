import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { LeakgateError, EXIT } from '../errors';
import { messages } from '../messages';
import { Repository } from '../git/repository';
import { pipeStagedDiff } from '../git/stagedInput';
import { CLI_BUNDLE, PACKAGE_ROOT, packageVersion } from '../packageInfo';
import { result, type CommandResult, type Io } from './io';
import { ignoreScriptsSource } from './npmIgnoreScripts';
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
/** Where husky points core.hooksPath. */
export const HUSKY_HOOKS_PATH = '.husky/_';

/**
 * `leakgate install`: through husky where the repository root has a package.json (and no other
 * hooks manager owns core.hooksPath), otherwise as plain git hooks in the directory git really
 * uses. Idempotent; an existing hook is chained, never overwritten. Reports what it changed.
 */
export async function install(io: Io): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd);
  const record = readInstallRecord(await repo.commonDir());
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
  const summary = changes.length ? changes.map((change) => `  ${change}`).join('\n') : '  nothing to change: already installed';
  const notes: string[] = [];
  if (next.mode === 'husky') {
    const ignoredBy = ignoreScriptsSource(repo.root, io.env);
    if (ignoredBy) notes.push(messages.ignoreScripts(ignoredBy), messages.teamGetsHooksManually);
    else notes.push(messages.teamGetsHooks);
  } else if (isInside(repo.root, CLI_BUNDLE)) {
    notes.push(messages.cliInWorkTree(CLI_BUNDLE));
  }
  const after = notes.map((note) => `\n${note}`).join('');
  return result(EXIT.clean, `leakgate install (${next.mode === 'husky' ? 'husky' : 'git hooks'}):\n${summary}${after}\n`);
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
    changes.push(`package.json: devDependencies.husky = ${huskyVersion()}`);
  }
  if (!has('leakgate')) {
    manifest.devDependencies = { ...manifest.devDependencies, leakgate: `^${version}` };
    record.packageJson.addedLeakgate = true;
    changes.push(`package.json: devDependencies.leakgate = ^${version} (run npm install so the hooks find it)`);
  }
  const prepare = manifest.scripts?.prepare;
  if (!prepare || !/\bhusky\b/.test(prepare)) {
    manifest.scripts = { ...manifest.scripts, prepare: prepare ? `${prepare} && husky` : 'husky' };
    record.packageJson.prepareBefore = prepare ?? null;
    changes.push(`package.json: scripts.prepare = "${manifest.scripts.prepare}"`);
  }
  if (changes.length) writeFileSync(manifestPath, `${JSON.stringify(manifest, null, indentOf(manifestText))}\n`);

  const huskyDir = join(repo.root, '.husky');
  for (const hook of HOOKS) {
    const file = join(huskyDir, hook);
    const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const legacy = await legacyHook(repo, hook);
    if (existing?.includes(BLOCK_START)) {
      // Installed before: a block from another version of leakgate is brought up to date.
      const updated = replaceBlock(existing, huskyBlock(hook, legacy));
      if (updated !== existing) {
        writeFileSync(file, updated);
        changes.push(`${relativeTo(repo.root, file)}: leakgate block updated`);
      }
      continue;
    }
    const block = huskyBlock(hook, legacy);
    mkdirSync(huskyDir, { recursive: true });
    writeFileSync(file, existing ? `${block}\n${existing}` : block, { mode: 0o755 });
    if (!existing) record.createdFiles.push(relativeTo(repo.root, file));
    changes.push(`${relativeTo(repo.root, file)}: ${existing ? 'leakgate block added at the top' : 'created'}${legacy ? ` (chains the existing ${legacy})` : ''}`);
  }

  const before = await repo.configValue('core.hooksPath');
  const message = await runHusky(repo.root);
  if (message) throw new LeakgateError(`husky could not set up the hooks: ${message.trim()}`);
  if (before === undefined) {
    record.setHooksPath = true;
    changes.push(`git config core.hooksPath = ${HUSKY_HOOKS_PATH} (husky)`);
  }
  return record;
}

async function installPlain(repo: Repository, previous: InstallRecord | undefined, changes: string[]): Promise<InstallRecord> {
  const record: InstallRecord = previous?.mode === 'git' ? previous : { mode: 'git', createdFiles: [], packageJson: {} };
  const hooksDir = await repo.hooksDir();
  mkdirSync(hooksDir, { recursive: true });
  for (const hook of HOOKS) {
    const file = join(hooksDir, hook);
    const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (existing?.includes(MANAGED_MARK)) {
      // Ours already: a hook written by another version of leakgate is brought up to date.
      const fresh = plainHook(hook);
      if (existing !== fresh) {
        writeFileSync(file, fresh);
        changes.push(`${displayPath(repo.root, file)}: leakgate ${hook} hook updated`);
      }
      continue;
    }
    if (existing !== undefined) {
      renameSync(file, `${file}${CHAINED_SUFFIX}`);
      changes.push(`${displayPath(repo.root, file)}: the existing hook moved to ${hook}${CHAINED_SUFFIX} and chained after leakgate`);
    }
    writeFileSync(file, plainHook(hook));
    chmodSync(file, 0o755);
    changes.push(`${displayPath(repo.root, file)}: leakgate ${hook} hook written`);
  }
  return record;
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
      changes.push(`${relativeTo(repo.root, file)}: removed`);
    } else {
      writeFileSync(file, rest);
      changes.push(`${relativeTo(repo.root, file)}: leakgate block removed`);
    }
  }

  const hooksDir = await repo.hooksDir();
  for (const hook of HOOKS) {
    const file = join(hooksDir, hook);
    if (!existsSync(file) || !readFileSync(file, 'utf8').includes(MANAGED_MARK)) continue;
    rmSync(file);
    if (existsSync(`${file}${CHAINED_SUFFIX}`)) {
      renameSync(`${file}${CHAINED_SUFFIX}`, file);
      changes.push(`${displayPath(repo.root, file)}: the original hook restored`);
    } else {
      changes.push(`${displayPath(repo.root, file)}: removed`);
    }
  }

  if (record?.mode === 'husky') {
    if (manifest && manifestText !== undefined) {
      const { addedHusky, addedLeakgate, prepareBefore } = record.packageJson;
      if (addedHusky && manifest.devDependencies?.husky) {
        delete manifest.devDependencies.husky;
        changes.push('package.json: devDependencies.husky removed');
      }
      if (addedLeakgate && manifest.devDependencies?.leakgate) {
        delete manifest.devDependencies.leakgate;
        changes.push('package.json: devDependencies.leakgate removed');
      }
      if (prepareBefore !== undefined && manifest.scripts) {
        if (prepareBefore === null) delete manifest.scripts.prepare;
        else manifest.scripts.prepare = prepareBefore;
        changes.push(`package.json: scripts.prepare ${prepareBefore === null ? 'removed' : `restored to "${prepareBefore}"`}`);
      }
      if (manifest.devDependencies && Object.keys(manifest.devDependencies).length === 0) delete manifest.devDependencies;
      if (manifest.scripts && Object.keys(manifest.scripts).length === 0) delete manifest.scripts;
      writeFileSync(manifestPath, `${JSON.stringify(manifest, null, indentOf(manifestText))}\n`);
    }
    if (record.setHooksPath) {
      await repo.unsetConfig('core.hooksPath');
      rmSync(join(repo.root, '.husky', '_'), { recursive: true, force: true });
      changes.push('git config core.hooksPath unset, .husky/_ removed');
    }
    const huskyDir = join(repo.root, '.husky');
    if (existsSync(huskyDir) && isEmptyDir(huskyDir)) rmSync(huskyDir, { recursive: true });
  }
  writeInstallRecord(commonDir, undefined);
  const summary = changes.length ? changes.map((change) => `  ${change}`).join('\n') : '  nothing to remove: leakgate was not installed here';
  return result(EXIT.clean, `leakgate uninstall:\n${summary}\n`);
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

function huskyBlock(hook: HookName, legacy: string | undefined): string {
  let block = readFileSync(join(PACKAGE_ROOT, 'hooks', `husky-${hook}.sh`), 'utf8').replace('@RUN_HOOK@', () => pipeStagedDiff('node_modules/.bin/leakgate pre-commit'));
  if (legacy) {
    const chain =
      hook === 'pre-push'
        ? `legacy_hook="$(git rev-parse --git-common-dir)/hooks/${hook}"\nif [ -x "$legacy_hook" ]; then printf '%s\\n' "$leakgate_refs" | "$legacy_hook" "$@"; fi\n`
        : `legacy_hook="$(git rev-parse --git-common-dir)/hooks/${hook}"\nif [ -x "$legacy_hook" ]; then "$legacy_hook" "$@"; fi\n`;
    block = block.replace(BLOCK_END, `# The ${hook} hook that ran before husky took over core.hooksPath:\n${chain}${BLOCK_END}`);
  }
  return block;
}

function plainHook(hook: HookName): string {
  const quoted = (text: string) => text.replace(/'/g, `'\\''`);
  const run = hook === 'commit-msg' ? 'leakgate_run commit-msg "$@"' : pipeStagedDiff('leakgate_run pre-commit');
  return readFileSync(join(PACKAGE_ROOT, 'hooks', 'git-hook.sh'), 'utf8')
    .replace(/@HOOK@/g, hook)
    .replace(/@LEAKGATE_CLI@/g, () => quoted(CLI_BUNDLE))
    .replace(/@NODE@/g, () => quoted(process.execPath))
    .replace(/@BYPASS@/g, hook === 'pre-push' ? 'git push --no-verify' : 'git commit --no-verify')
    .replace('@RUN_HOOK@', () => run);
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

function isEmptyDir(path: string): boolean {
  try {
    return readdirSync(path).length === 0;
  } catch {
    return false;
  }
}
