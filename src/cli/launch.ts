#!/usr/bin/env node
// The bin. A hook starts Node on every commit, so start-up time is most of what a developer
// waits for, and compiling the bundled CLI is a measurable part of it (bench/NOTES.md).
// This launcher runs the bundle (cli.js) from V8's code cache when one matches, and writes one
// after a run that had none. The cache lives in dist/.cache/, beside the code it was made from
// (a cache in a shared temp folder could be planted by another user). Only the hooks use it.
// Anything unusual (an old Node without the dynamic-import hook for vm, an unwritable folder,
// a cache V8 rejects, LEAKGATE_CODE_CACHE=0) falls back: the cache only ever saves time.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';
import { EXIT } from '../exitCodes';

const CLI = join(__dirname, 'cli.js');

interface Cli {
  cliMain(): void;
}

function launch(): void {
  const importLoader = (vm as unknown as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } }).constants
    ?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  // Only the hooks run on every commit; other commands load plainly (`install` imports husky, and
  // a dynamic import from code restored from a cache finds no loader on some Node 20 releases).
  const hook = process.argv[2] === 'pre-commit' || process.argv[2] === 'pre-push' || process.argv[2] === 'commit-msg';
  if (!hook || !importLoader || process.env.LEAKGATE_CODE_CACHE === '0') {
    (require(CLI) as Cli).cliMain();
    return;
  }
  const cacheDir = join(__dirname, '.cache');
  const base = join(cacheDir, `cli-${process.version}-${process.arch}`);
  // V8 caches what a run compiled. A run that blocked also compiled the report: its cache serves
  // both kinds of run, so it is preferred; a passing run's cache left a blocked one compiling
  // the report anew each time (bench/NOTES.md, "Code cache").
  const reportCache = `${base}.report.v8cache`;
  const plainCache = `${base}.v8cache`;
  let loaded = reportCache;
  let cachedData = readIfPresent(reportCache);
  if (!cachedData) {
    loaded = plainCache;
    cachedData = readIfPresent(plainCache);
  }
  // Node strips a #! line before wrapping a module; so must we (keeping the line count). The
  // bundle is ASCII (esbuild escapes the rest), so latin1 reads it exactly, without decoding.
  const source = readFileSync(CLI, 'latin1').replace(/^#!.*/, '');
  const script = new vm.Script(Module.wrap(source), {
    filename: CLI,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: importLoader as never,
  });
  const cli = new Module(CLI, module);
  cli.filename = CLI;
  cli.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(__dirname);
  cli.loaded = true;
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeRequire,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(cli.exports, cli.exports, Module.createRequire(CLI), cli, CLI, __dirname);
  const usable = cachedData !== undefined && !script.cachedDataRejected;
  // At exit the cache also holds the functions this run compiled, not only the top level.
  process.once('exit', (code) => {
    if (code === EXIT.findings && !(usable && loaded === reportCache)) saveCache(script, cacheDir, reportCache);
    else if (!usable) {
      // A stale report cache (another build) would be preferred, and rejected, on every run.
      if (loaded === reportCache) removeQuietly(reportCache);
      saveCache(script, cacheDir, plainCache);
    }
  });
  (cli.exports as Cli).cliMain();
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // A read-only install: the cache is only ever a saving.
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function saveCache(script: vm.Script, cacheDir: string, cacheFile: string): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
  } catch {
    // A read-only install: no cache, no harm.
  }
}

launch();
