import { accessSync, constants, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative } from 'node:path';
import { Repository } from '../git/repository';
import { childProcess } from '../git/gitRunner';
import { DEFAULT_BASELINE, readBaseline } from '../state/baseline';
import { detectorFor } from '../config/detectorFor';
import { BLOCK_START, displayPath, HOOKS, HUSKY_HOOKS_PATH, MANAGED_MARK, type HookName } from './install';
import { result, type CommandResult, type Io } from './io';
import { EXIT } from '../errors';

/** One line of the checklist. */
interface Check {
  ok: boolean;
  text: string;
}

/**
 * `leakgate doctor`: whether this clone's hooks are active, which leakgate they run, and whether
 * the config is valid, as a short checklist. Exit 1 when anything is wrong, so CI can check that
 * a fresh clone really gets the hooks.
 */
export async function doctor(io: Io): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd, io.env);
  const hooksPath = await repo.configValue('core.hooksPath');
  const hooksDir = await repo.hooksDir();
  const husky = hooksPath !== undefined && hooksPath.replace(/\/$/, '') === HUSKY_HOOKS_PATH;
  const checks: Check[] = [
    { ok: true, text: `hooks: git runs them from ${displayPath(repo.root, hooksDir)}${hooksPath !== undefined ? ` (core.hooksPath${husky ? ', husky' : ''})` : ''}` },
  ];
  if (husky && io.env.HUSKY === '0') checks.push({ ok: false, text: 'hooks: HUSKY=0 is set in this environment, so husky runs no hook' });

  const hookTexts = new Map<HookName, string>();
  for (const hook of HOOKS) {
    const check = husky ? huskyHook(repo.root, hooksDir, hook, hookTexts) : plainHook(repo.root, hooksDir, hook, hookTexts);
    checks.push(check);
  }
  const hooksMissing = checks.some((check) => !check.ok);
  checks.push(runnerCheck(repo.root, husky, hookTexts, io.env));
  checks.push(...configChecks(repo.root));

  const problems = checks.filter((check) => !check.ok).length;
  const lines = checks.map((check) => `  ${check.ok ? '✔' : '✖'} ${check.text}`);
  const verdict =
    problems === 0
      ? 'All well: this clone runs leakgate on every commit and push.'
      : `${problems} problem${problems === 1 ? '' : 's'}${hooksMissing ? '; `leakgate install` sets up the hooks' : ''}.`;
  // Exit 1, as a scan that finds something: CI fails on a clone whose hooks would not protect it.
  return result(problems === 0 ? EXIT.clean : EXIT.findings, `leakgate doctor:\n${lines.join('\n')}\n${verdict}\n`);
}

/** husky: git runs .husky/_/<hook>, a shim that runs .husky/<hook>, which must carry our block. */
function huskyHook(root: string, hooksDir: string, hook: HookName, texts: Map<HookName, string>): Check {
  const shim = join(hooksDir, hook);
  const script = join(root, '.husky', hook);
  if (!isExecutable(shim) || !existsSync(join(hooksDir, 'h'))) {
    return { ok: false, text: `${hook}: husky's ${displayPath(root, shim)} is missing (run npx husky, or leakgate install)` };
  }
  const text = readIfFile(script);
  if (text === undefined) return { ok: false, text: `${hook}: missing (${displayPath(root, script)})` };
  if (!text.includes(BLOCK_START) && !/\bleakgate\b/.test(text)) return { ok: false, text: `${hook}: ${displayPath(root, script)} does not run leakgate` };
  texts.set(hook, text);
  return { ok: true, text: `${hook}: ${displayPath(root, script)} runs leakgate` };
}

/** Plain git hooks: <hooks dir>/<hook>, executable, running leakgate. */
function plainHook(root: string, hooksDir: string, hook: HookName, texts: Map<HookName, string>): Check {
  const file = join(hooksDir, hook);
  const text = readIfFile(file);
  if (text === undefined) return { ok: false, text: `${hook}: missing (${displayPath(root, file)})` };
  if (!isExecutable(file)) return { ok: false, text: `${hook}: ${displayPath(root, file)} is not executable, so git skips it (chmod +x)` };
  if (!/\bleakgate\b/.test(text)) return { ok: false, text: `${hook}: ${displayPath(root, file)} does not run leakgate` };
  if (text.includes(MANAGED_MARK) && !text.includes('leakgate_outside')) {
    return { ok: false, text: `${hook}: ${displayPath(root, file)} was written by an older leakgate that may run a leakgate from the work tree (run leakgate install)` };
  }
  texts.set(hook, text);
  return { ok: true, text: `${hook}: ${displayPath(root, file)} runs leakgate` };
}

/** The leakgate the hooks would run, found the way they find it, with its version. */
function runnerCheck(root: string, husky: boolean, texts: Map<HookName, string>, env: NodeJS.ProcessEnv): Check {
  if (env.LEAKGATE_BIN) return versionCheck(env.LEAKGATE_BIN, [], env, ' (LEAKGATE_BIN)');
  const huskyBlock = [...texts.values()].some((text) => text.includes(BLOCK_START));
  if (husky || huskyBlock) {
    const bin = join(root, 'node_modules', '.bin', 'leakgate');
    if (!isExecutable(bin)) return { ok: false, text: 'leakgate: not in node_modules/.bin, so the hooks stop every commit (run npm install)' };
    return versionCheck(bin, [], env, '');
  }
  const managed = [...texts.values()].find((text) => text.includes(MANAGED_MARK));
  const recorded = managed ? recordedCli(managed) : undefined;
  if (recorded && existsSync(recorded.cli) && outside(root, recorded.cli)) {
    const node = recorded.node && isExecutable(recorded.node) && outside(root, recorded.node) ? recorded.node : onPath('node', root, env);
    if (node) return versionCheck(node, [recorded.cli], env, ` (recorded by leakgate install, run by ${node})`);
  }
  const found = onPath('leakgate', root, env);
  if (found) return versionCheck(found, [], env, ' (from PATH)');
  return { ok: false, text: 'leakgate: none outside this work tree (not where install recorded it, not on PATH): npm install -g leakgate, then leakgate install' };
}

/** The CLI and node a plain hook was written with (its single-quoted shell words, unquoted). */
function recordedCli(text: string): { cli: string; node?: string } | undefined {
  const word = "'((?:[^']|'\\\\'')*)'";
  const cli = new RegExp(`\\[ -f ${word} \\] && leakgate_outside`).exec(text)?.[1];
  const node = new RegExp(`\\[ -x ${word} \\] && leakgate_outside`).exec(text)?.[1];
  const unquote = (value: string) => value.replace(/'\\''/g, "'");
  return cli === undefined ? undefined : { cli: unquote(cli), ...(node !== undefined ? { node: unquote(node) } : {}) };
}

/** The first `name` on PATH outside the work tree (as the hook looks for it). */
function onPath(name: string, root: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!isAbsolute(dir) || !outside(root, dir)) continue;
    const file = join(dir, name);
    if (isExecutable(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

function versionCheck(command: string, args: string[], env: NodeJS.ProcessEnv, how: string): Check {
  const run = childProcess().spawnSync(command, [...args, '--version'], { env, encoding: 'utf8', timeout: 20_000 });
  const version = run.status === 0 ? run.stdout.trim().split('\n')[0] : undefined;
  const path = args[0] ?? command;
  if (!version) return { ok: false, text: `leakgate: ${path}${how} does not run (${run.error?.message ?? `exit ${run.status ?? run.signal}`})` };
  return { ok: true, text: `leakgate: ${path} ${version}${how}` };
}

/** The config and the baseline, read with the loaders the hooks use; a problem is a line, not a crash. */
function configChecks(root: string): Check[] {
  const checks: Check[] = [];
  try {
    // No git directory: no validation stamp, so the config is validated in full.
    const { configSource } = detectorFor(root, { ignoreBaseline: true });
    checks.push({ ok: true, text: `config: ${configSource ? `${configSource} is valid` : 'none (defaults)'}` });
  } catch (error) {
    checks.push({ ok: false, text: `config: ${indentMore(error instanceof Error ? error.message : String(error))}` });
  }
  try {
    const fingerprints = readBaseline(join(root, DEFAULT_BASELINE), DEFAULT_BASELINE, false);
    if (existsSync(join(root, DEFAULT_BASELINE))) checks.push({ ok: true, text: `baseline: ${DEFAULT_BASELINE} is valid (${fingerprints.size} fingerprints)` });
  } catch (error) {
    checks.push({ ok: false, text: `baseline: ${indentMore(error instanceof Error ? error.message : String(error))}` });
  }
  return checks;
}

function indentMore(text: string): string {
  return text.trimEnd().replace(/\n/g, '\n    ');
}

function readIfFile(file: string): string | undefined {
  try {
    return statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether a path lies outside the work tree, symlinks resolved. */
function outside(root: string, path: string): boolean {
  const rel = relative(physical(root), physical(path));
  return rel.startsWith('..') || isAbsolute(rel);
}

function physical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
