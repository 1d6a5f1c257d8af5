/**
 * The usage shapes of a rule's positive example (issue 15, point 6): the ways a developer writes
 * a credential down, which every provider rule must be shown to find. Read from the example's
 * path when it has one, else from its text.
 */
export const USAGE_SHAPES = ['env', 'code', 'yaml', 'json'] as const;
export type UsageShape = (typeof USAGE_SHAPES)[number];

/** Source code a developer writes a client in (not config, not shell). */
// biome-ignore format: a table, grouped by language family
const CODE_EXTENSIONS = new Set([
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'vue', 'svelte',
  'py', 'rb', 'php', 'go', 'java', 'kt', 'kts', 'scala', 'groovy', 'gradle', 'cs', 'swift', 'dart', 'rs', 'ex', 'exs',
]);

/** `NAME=value` (or `export NAME=value`), upper-case as env files name them. */
const ENV_LINE = /^(?:export\s+)?[A-Z][A-Z0-9_]*=\S/;
/** A YAML mapping line: `key: value`, `key:` or a list item `- key: value`. */
const YAML_LINE = /^\s*(?:-\s+)?["']?[\w.@/-]+["']?:(?:\s|$)/;
/** Source code around a value: a call, a declaration or a quoted assignment. */
const CODE_MARK = /(?:[\w\])]\s*\(|\b(?:const|let|var|new|import|require|def|func|val|using|package)\b|[\w\]]\s*(?::=|=)\s*["'`(])/;

/** The shape of a positive example (`undefined`: none of the four, e.g. a bare header or URL). */
export function usageShapeOf(example: { path?: string | undefined; text: string }): UsageShape | undefined {
  const byPath = example.path === undefined ? undefined : shapeOfPath(example.path);
  if (byPath !== undefined) return byPath ?? undefined;
  return shapeOfText(example.text);
}

/** The shape a path says (`null`: a path that says none of them, e.g. a `.txt`, which then goes by text). */
function shapeOfPath(path: string): UsageShape | null {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'env';
  const dot = name.lastIndexOf('.');
  const extension = dot >= 0 ? name.slice(dot + 1) : '';
  if (extension === 'yaml' || extension === 'yml') return 'yaml';
  if (extension === 'json' || extension === 'jsonc') return 'json';
  if (CODE_EXTENSIONS.has(extension)) return 'code';
  return null;
}

function shapeOfText(text: string): UsageShape | undefined {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !/^\s*(?:#|\/\/)/.test(line));
  if (lines.length === 0) return undefined;
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && isJson(trimmed)) return 'json';
  if (lines.every((line) => ENV_LINE.test(line))) return 'env';
  // YAML without a path counts when nested (`acme:` over `  api_key: …`): one `key: value` line is any config's.
  const yaml = lines.every((line) => YAML_LINE.test(line)) && !lines.some((line) => CODE_MARK.test(line));
  if (yaml && lines.some((line) => /^\s/.test(line))) return 'yaml';
  if (CODE_MARK.test(text)) return 'code';
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The shapes a rule's positives show, in USAGE_SHAPES order. */
export function usageShapesOf(positives: readonly (string | { path?: string | undefined; text: string })[]): UsageShape[] {
  const shown = new Set(positives.map((example) => usageShapeOf(typeof example === 'string' ? { text: example } : example)));
  return USAGE_SHAPES.filter((shape) => shown.has(shape));
}

/**
 * Rules exempt from showing some (or all) of the four shapes, each with the reason: a credential
 * that lives in a file format of its own, never in an env file, a client call or a config tree.
 * Rules bound to a file name (`path`: .npmrc, settings.xml, *.tfstate) are exempt by that alone.
 */
export const USAGE_SHAPE_EXCLUSIONS: Readonly<Record<string, { shapes: readonly UsageShape[] | 'all'; reason: string }>> = {
  'netrc-password': { shapes: 'all', reason: 'a .netrc machine entry: that file format only' },
  'putty-private-key': { shapes: 'all', reason: 'a PuTTY .ppk key file: a multi-line file format, never a config value' },
  'docker-auths-credential': {
    shapes: ['env', 'code'],
    reason:
      "reads Docker's auths where a config's structure holds them (a pull secret's YAML); Docker's JSON written as text, in an env var (GitLab's DOCKER_AUTH_CONFIG) or in code, is docker-config-auth's, whose examples show those shapes",
  },
};
