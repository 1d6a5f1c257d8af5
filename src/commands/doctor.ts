import { accessSync, constants, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, relative } from 'node:path';
import { Repository } from '../git/repository';
import { childProcess } from '../git/gitRunner';
import { DEFAULT_BASELINE, readBaseline } from '../state/baseline';
import { detectorFor } from '../config/detectorFor';
import {
  BLOCK_START,
  displayPath,
  HOOKS,
  HUSKY_HOOKS_PATH,
  MANAGED_MARK,
  packageRunner,
  PATHS_FILE,
  plainHook as installedHook,
  plainRunner,
  readRecordedPaths,
  RUNNER_FILE,
  type HookName,
} from './install';
import { result, type CommandResult, type Io } from './io';
import { EXIT } from '../errors';
import { messages } from '../messages';
import { PACKAGE_ROOT } from '../packageInfo';

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
    {
      ok: true,
      text: messages.doctorHooksDir(
        displayPath(repo.root, hooksDir),
        hooksPath !== undefined ? `core.hooksPath${husky ? ', husky' : ''}` : undefined,
      ),
    },
  ];
  if (husky && io.env.HUSKY === '0') checks.push({ ok: false, text: messages.doctorHuskyOff });

  const hookTexts = new Map<HookName, string>();
  const runners = new Set<string>();
  const expected = await plainRunner(repo, hooksDir);
  for (const hook of HOOKS) {
    const check = husky
      ? huskyHook(repo.root, hooksDir, hook, hookTexts)
      : plainHook(repo.root, hooksDir, expected, hook, hookTexts, runners);
    checks.push(check);
  }
  const hooksMissing = checks.some((check) => !check.ok);
  const huskyBlock = [...hookTexts.values()].some((text) => text.includes(BLOCK_START));
  const [runner] = runners;
  if (runner !== undefined) checks.push(plainRunnerCheck(repo.root, runner));
  else if (huskyBlock) checks.push(huskyRunnerCheck(repo.root));
  checks.push(leakgateCheck(repo.root, husky || huskyBlock, runner, io.env));
  checks.push(...configChecks(repo.root));

  const problems = checks.filter((check) => !check.ok).length;
  const lines = checks.map((check) => `  ${check.ok ? '✔' : '✖'} ${check.text}`);
  const verdict = problems === 0 ? messages.doctorAllWell : messages.doctorProblems(problems, hooksMissing);
  // Exit 1, as a scan that finds something: CI fails on a clone whose hooks would not protect it.
  return result(problems === 0 ? EXIT.clean : EXIT.findings, `${messages.doctorHeading}\n${lines.join('\n')}\n${verdict}\n`);
}

/** husky: git runs .husky/_/<hook>, a shim that runs .husky/<hook>, which must carry our block. */
function huskyHook(root: string, hooksDir: string, hook: HookName, texts: Map<HookName, string>): Check {
  const shim = join(hooksDir, hook);
  const script = join(root, '.husky', hook);
  if (!isExecutable(shim) || !existsSync(join(hooksDir, 'h'))) {
    return { ok: false, text: messages.doctorHuskyShimMissing(hook, displayPath(root, shim)) };
  }
  const text = readIfFile(script);
  if (text === undefined) return { ok: false, text: messages.doctorHookMissing(hook, displayPath(root, script)) };
  if (!text.includes(BLOCK_START) && !/\bleakgate\b/.test(text))
    return { ok: false, text: messages.doctorHookForeign(hook, displayPath(root, script)) };
  texts.set(hook, text);
  return { ok: true, text: messages.doctorHookRuns(hook, displayPath(root, script)) };
}

/** Plain git hooks: <hooks dir>/<hook>, executable, running leakgate; ours name the runner they run. */
function plainHook(
  root: string,
  hooksDir: string,
  runner: { dir: string; word: string },
  hook: HookName,
  texts: Map<HookName, string>,
  runners: Set<string>,
): Check {
  const file = join(hooksDir, hook);
  const shown = displayPath(root, file);
  const text = readIfFile(file);
  if (text === undefined) return { ok: false, text: messages.doctorHookMissing(hook, shown) };
  if (!isExecutable(file)) return { ok: false, text: messages.doctorHookNotExecutable(hook, shown) };
  if (!/\bleakgate\b/.test(text)) return { ok: false, text: messages.doctorHookForeign(hook, shown) };
  if (text.includes(MANAGED_MARK)) {
    // Anything but what install writes now is brought up to date by install.
    if (text !== installedHook(hook, runner.word)) return { ok: false, text: messages.doctorHookOld(hook, shown) };
    runners.add(join(runner.dir, RUNNER_FILE));
  }
  texts.set(hook, text);
  return { ok: true, text: messages.doctorHookRuns(hook, shown) };
}

/** The runner copy install made: present, executable, and the installed package's hooks/run.sh. */
function plainRunnerCheck(root: string, runner: string): Check {
  const shown = displayPath(root, runner);
  const text = isExecutable(runner) ? readIfFile(runner) : undefined;
  if (text === undefined) return { ok: false, text: messages.doctorRunnerMissing(shown) };
  // The package whose leakgate the hooks run: after an upgrade in place, its run.sh is the new one.
  const { cli } = readRecordedPaths(join(dirname(runner), PATHS_FILE));
  const recordedRoot = cli === undefined ? undefined : dirname(dirname(cli));
  const source = packageRunner(recordedRoot !== undefined && existsSync(packageRunner(recordedRoot)) ? recordedRoot : PACKAGE_ROOT);
  if (readIfFile(source) !== text) return { ok: false, text: messages.doctorRunnerStale(shown, source) };
  return { ok: true, text: messages.doctorRunnerOk(shown) };
}

/** husky's blocks source the runner of the leakgate in node_modules. */
function huskyRunnerCheck(root: string): Check {
  const runner = packageRunner(join(root, 'node_modules', 'leakgate'));
  if (!existsSync(runner)) return { ok: false, text: messages.doctorRunnerMissing(displayPath(root, runner)) };
  return { ok: true, text: messages.doctorRunnerOk(displayPath(root, runner)) };
}

/** The leakgate the hooks would run, found the way the runner finds it, with its version. */
function leakgateCheck(root: string, husky: boolean, runner: string | undefined, env: NodeJS.ProcessEnv): Check {
  if (env.LEAKGATE_BIN) return versionCheck(env.LEAKGATE_BIN, [], env, ' (LEAKGATE_BIN)');
  if (husky) {
    const bin = join(root, 'node_modules', '.bin', 'leakgate');
    if (!isExecutable(bin)) return { ok: false, text: messages.doctorNoNodeModules };
    return versionCheck(bin, [], env, '');
  }
  const recorded = runner === undefined ? {} : readRecordedPaths(join(dirname(runner), PATHS_FILE));
  if (recorded.cli && existsSync(recorded.cli) && outside(root, recorded.cli)) {
    const node = recorded.node && isExecutable(recorded.node) && outside(root, recorded.node) ? recorded.node : onPath('node', root, env);
    if (node) return versionCheck(node, [recorded.cli], env, ` (recorded by leakgate install, run by ${node})`);
  }
  const found = onPath('leakgate', root, env);
  if (found) return versionCheck(found, [], env, ' (from PATH)');
  return { ok: false, text: messages.doctorNoLeakgate };
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
  if (!version)
    return { ok: false, text: messages.doctorLeakgateBroken(path, how, run.error?.message ?? `exit ${run.status ?? run.signal}`) };
  return { ok: true, text: messages.doctorLeakgateOk(path, version, how) };
}

/** The config and the baseline, read with the loaders the hooks use; a problem is a line, not a crash. */
function configChecks(root: string): Check[] {
  const checks: Check[] = [];
  try {
    // No git directory: no validation stamp, so the config is validated in full.
    const { configSource } = detectorFor(root, { ignoreBaseline: true });
    checks.push({ ok: true, text: messages.doctorConfigValid(configSource) });
  } catch (error) {
    checks.push({ ok: false, text: `config: ${indentMore(error instanceof Error ? error.message : String(error))}` });
  }
  try {
    const fingerprints = readBaseline(join(root, DEFAULT_BASELINE), DEFAULT_BASELINE, false);
    if (existsSync(join(root, DEFAULT_BASELINE)))
      checks.push({ ok: true, text: messages.doctorBaselineValid(DEFAULT_BASELINE, fingerprints.size) });
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
