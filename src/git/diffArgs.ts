/**
 * Settings that would change what git prints. The user's own git config may turn any of them on
 * (colour, no prefixes, quoted paths, relative diffs); we pin them per command.
 */
export const NEUTRAL_CONFIG = [
  'core.quotepath=off',
  // Above this size git calls any file binary; a user setting of 1k would hide every secret.
  'core.bigFileThreshold=2g',
  'color.ui=never',
  'color.diff=never',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'diff.relative=false',
];

/** NEUTRAL_CONFIG as git's leading `-c` options. */
export const CONFIG_ARGS = NEUTRAL_CONFIG.flatMap((setting) => ['-c', setting]);

/**
 * How leakgate asks git for changes. Every setting that changes the output's shape is pinned on
 * the command line (with NEUTRAL_CONFIG), so a user's git config cannot reshape it.
 */
const SHAPE_ARGS = ['--raw', '-z', '--no-abbrev', '--no-relative', '-M', '--ignore-submodules=none'];

/** NUL-separated paths then `-U0` patches of added lines (every kind of change with new content). */
export const ADDED_LINES_DIFF_ARGS = [
  ...SHAPE_ARGS,
  '-p',
  '-U0',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--diff-filter=ACMRT',
];

/** What is staged: the index against HEAD, as the pre-commit hook reads it (see stagedInput.ts). */
export const STAGED_DIFF_ARGS = ['diff', '--cached', ...ADDED_LINES_DIFF_ARGS];

/** Only the raw records (paths, modes, blob ids): enough to read added files whole as blobs. */
export const RAW_ONLY_ARGS = [...SHAPE_ARGS, '--diff-filter=ACMRT'];

/** Patches of files that existed before (copies, edits, renames, type changes): added files are read as blobs. */
export const CHANGED_LINES_DIFF_ARGS = ADDED_LINES_DIFF_ARGS.map((arg) => (arg === '--diff-filter=ACMRT' ? '--diff-filter=CMRT' : arg));

/** For a merge's combined diff (`--cc`): every status, since a merge's "added" file may be a resolution. */
export const COMBINED_DIFF_ARGS = ADDED_LINES_DIFF_ARGS.filter((arg) => !arg.startsWith('--diff-filter'));
