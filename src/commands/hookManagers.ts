import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../messages';

/** A hooks manager that owns a repository's git hooks, so a hook leakgate wrote would clash with it. */
export type HookManager = 'lefthook' | 'simple-git-hooks' | 'pre-commit';

/** The manager a repository's files name, the file that names it, and whether that file already runs leakgate. */
export interface DetectedManager {
  manager: HookManager;
  /** Repository-relative, as the user knows it (`package.json` for a simple-git-hooks key). */
  config: string;
  runsLeakgate: boolean;
}

// Each manager's own config file names, in the order the manager looks for them.
const CONFIG_FILES: readonly [HookManager, readonly string[]][] = [
  ['pre-commit', ['.pre-commit-config.yaml', '.pre-commit-config.yml']],
  [
    'lefthook',
    [
      'lefthook.yml',
      '.lefthook.yml',
      'lefthook.yaml',
      '.lefthook.yaml',
      'lefthook.toml',
      '.lefthook.toml',
      'lefthook.json',
      '.lefthook.json',
      '.config/lefthook.yml',
      '.config/lefthook.yaml',
    ],
  ],
  [
    'simple-git-hooks',
    [
      '.simple-git-hooks.cjs',
      '.simple-git-hooks.js',
      '.simple-git-hooks.mjs',
      '.simple-git-hooks.json',
      'simple-git-hooks.cjs',
      'simple-git-hooks.js',
      'simple-git-hooks.mjs',
      'simple-git-hooks.json',
    ],
  ],
];

/**
 * The hooks manager this repository uses, found by its config file (or the `simple-git-hooks` key
 * of package.json), or undefined. Only files are read: nothing of the repository runs.
 */
export function detectHookManager(root: string): DetectedManager | undefined {
  for (const [manager, files] of CONFIG_FILES) {
    for (const file of files) {
      const text = readIfFile(join(root, file));
      if (text !== undefined) return { manager, config: file, runsLeakgate: /\bleakgate\b/.test(text) };
    }
  }
  const manifest = readIfFile(join(root, 'package.json'));
  if (manifest === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifest);
  } catch {
    return undefined; // install reports a broken package.json itself
  }
  const hooks = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)['simple-git-hooks'] : undefined;
  if (hooks === undefined) return undefined;
  return { manager: 'simple-git-hooks', config: 'package.json', runsLeakgate: /\bleakgate\b/.test(JSON.stringify(hooks)) };
}

function readIfFile(file: string): string | undefined {
  try {
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined; // a directory or an unreadable file names no manager
  }
}

/**
 * How a manager's hooks call leakgate: the project's own devDependency where there is a
 * package.json (npx would cost a second start of npm on every commit), else the one on PATH.
 */
function runCommand(root: string): string {
  return existsSync(join(root, 'package.json')) ? 'node_modules/.bin/leakgate' : 'leakgate';
}

const NAMES: Record<HookManager, string> = {
  lefthook: 'lefthook',
  'simple-git-hooks': 'simple-git-hooks',
  'pre-commit': 'the pre-commit framework',
};

/** What `leakgate install` says instead of writing hooks where a manager owns them. */
export function hookManagerAdvice(root: string, found: DetectedManager, version: string): string {
  const run = runCommand(root);
  const name = NAMES[found.manager];
  if (found.runsLeakgate) return messages.hookManagerRunsLeakgate(name, found.config);
  const snippet =
    found.manager === 'lefthook'
      ? messages.lefthookSnippet(run)
      : found.manager === 'simple-git-hooks'
        ? messages.simpleGitHooksSnippet(run)
        : messages.preCommitFrameworkSnippet(version);
  return messages.hookManagerFound(name, found.config, snippet);
}
