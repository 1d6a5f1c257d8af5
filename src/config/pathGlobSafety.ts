import { globMatcher } from '../detect/compile';
import { messages } from '../messages';

/**
 * Paths of different shapes that a project may hold: a root file, a file without extension, a
 * dotfile, a file in a dot folder, a deep path, spaces, unicode, a leading dash. A glob in
 * `allowlist.paths` that matches every one of them would skip every file (`**`, `**\/*`, `*`,
 * which matches base names anywhere, `{**,x}`, `?*`…); a real allowlist leaves one of them out.
 */
export const PROBE_PATHS: readonly string[] = [
  'README.md',
  'Makefile',
  '.env',
  '.github/workflows/ci.yml',
  'src/a/b/c/d/e/f/g/h/deep.ts',
  'dir with space/file name.txt',
  'ünïcödé/данные.json',
  '-leading-dash.txt',
];

/** Why path globs cannot be an allowlist (together they match every probe path), or undefined. */
export function allowsEveryPath(globs: string | readonly string[]): string | undefined {
  const list = (typeof globs === 'string' ? [globs] : globs).filter((glob) => glob.length > 0); // an empty glob is refused on its own
  if (list.length === 0) return undefined;
  const matches = globMatcher(list);
  return PROBE_PATHS.every((path) => matches(path)) ? messages.globLeavesFiles : undefined;
}
