import { ConfigError } from '../../errors';
import { messages } from '../../messages';
import { objectOf, parseJsonFile } from './json';
import { pathRegexToGlob } from './pathRegex';
import { emptyTranslation, type Translation } from './translation';

const m = messages.importing;

/** Filters that are detect-secrets' own false-positive heuristics: leakgate applies its own checks instead. */
const FILTER_EXCLUDE_FILE = 'detect_secrets.filters.regex.should_exclude_file';
const FILTER_EXCLUDE_SECRET = 'detect_secrets.filters.regex.should_exclude_secret';
const FILTER_EXCLUDE_LINE = 'detect_secrets.filters.regex.should_exclude_line';

/**
 * A detect-secrets `.secrets.baseline`: `results` (per file: `hashed_secret`, `line_number`,
 * `type`, `is_secret`), `filters_used` (path and secret exclusions) and, before 1.0, `exclude`.
 * A result holds only the SHA-1 of its secret, so it becomes a place to scan: the leakgate
 * finding at that line whose secret has that SHA-1 is baselined, and only that one. A result
 * an audit marked as a real secret (`is_secret: true`) is never baselined.
 */
export function translateDetectSecrets(text: string, file: string): Translation {
  const data = objectOf(parseJsonFile(text, file));
  const out = emptyTranslation();
  const results = data.results;
  if (!results || typeof results !== 'object' || Array.isArray(results))
    throw new ConfigError(file, [{ path: 'results', expected: m.expectedDetectSecretsResults }]);
  for (const [path, entries] of Object.entries(results)) {
    if (!Array.isArray(entries)) throw new ConfigError(file, [{ path: `results.${path}`, expected: m.expectedArray }]);
    entries.forEach((entry, index) => {
      const { hashed_secret: sha1, line_number: line, type, is_secret: isSecret } = objectOf(entry);
      if (typeof sha1 !== 'string' || !/^[0-9a-f]{40}$/i.test(sha1) || typeof line !== 'number' || line < 1)
        throw new ConfigError(file, [{ path: `results.${path}[${index}]`, expected: m.expectedDetectSecretsResult }]);
      const what = m.ignoredFinding(typeof type === 'string' ? type : '?', path, line);
      if (isSecret === true) out.untranslated.push({ file, what, reason: m.auditedAsSecret });
      else out.ignored.push({ file, what, path, secretLine: line, sha1: sha1.toLowerCase() });
    });
  }
  const filters = Array.isArray(data.filters_used) ? data.filters_used.map(objectOf) : [];
  const heuristics: string[] = [];
  for (const filter of filters) {
    const path = String(filter.path ?? '');
    const patterns = Array.isArray(filter.pattern)
      ? filter.pattern.map(String)
      : typeof filter.pattern === 'string'
        ? [filter.pattern]
        : [];
    if (path === FILTER_EXCLUDE_FILE) for (const pattern of patterns) excludeFile(out, file, pattern);
    else if (path === FILTER_EXCLUDE_SECRET) out.config.allowlist.regexes.push(...patterns);
    else if (path === FILTER_EXCLUDE_LINE)
      for (const pattern of patterns) out.untranslated.push({ file, what: `${path} ${pattern}`, reason: m.lineExclusion });
    else if (path === 'detect_secrets.filters.allowlist.is_line_allowlisted')
      out.untranslated.push({ file, what: path, reason: m.pragmaAllowlist });
    else if (path) heuristics.push(path.replace(/^detect_secrets\.filters\./, ''));
  }
  if (heuristics.length) out.untranslated.push({ file, what: m.heuristicFilters(heuristics), reason: m.ownHeuristics });
  // Before 1.0: `exclude: { files, lines }`, one regex each.
  const exclude = objectOf(data.exclude);
  if (typeof exclude.files === 'string' && exclude.files) excludeFile(out, file, exclude.files);
  if (typeof exclude.lines === 'string' && exclude.lines)
    out.untranslated.push({ file, what: `exclude.lines ${exclude.lines}`, reason: m.lineExclusion });
  const plugins = Array.isArray(data.plugins_used)
    ? data.plugins_used.map((plugin) => String(objectOf(plugin).name ?? '')).filter(Boolean)
    : [];
  if (plugins.length) out.untranslated.push({ file, what: m.plugins(plugins), reason: m.ownCatalogue });
  return out;
}

function excludeFile(out: Translation, file: string, pattern: string): void {
  const glob = pathRegexToGlob(pattern);
  if (glob) out.config.allowlist.paths.push(glob);
  else out.untranslated.push({ file, what: `${FILTER_EXCLUDE_FILE} ${pattern}`, reason: m.pathRegexNoGlob(pattern) });
}
