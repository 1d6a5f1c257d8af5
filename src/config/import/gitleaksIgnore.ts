import { ConfigError } from '../../errors';
import { messages } from '../../messages';
import { emptyTranslation, type Translation } from './translation';

const m = messages.importing;

/**
 * `.gitleaksignore`: one gitleaks fingerprint a line, `<commit>:<path>:<rule>:<line>` (or
 * `<path>:<rule>:<line>` from a scan without git), `#` comments. gitleaks' rule ids are not
 * leakgate's, and its fingerprint holds no hash of the secret: each line becomes a place whose
 * leakgate findings are fingerprinted by scanning it (see IgnoredPlace).
 */
export function translateGitleaksIgnore(text: string, file: string): Translation {
  const out = emptyTranslation();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(':');
    const secretLine = Number(parts.pop());
    const rule = parts.pop();
    if (!Number.isInteger(secretLine) || secretLine < 1 || !rule || parts.length === 0)
      throw new ConfigError(file, [{ path: m.line(index + 1), expected: m.expectedGitleaksFingerprint }]);
    const commit = parts.length > 1 && /^[0-9a-f]{7,64}$/i.test(parts[0]!) ? parts.shift() : undefined;
    const path = parts.join(':');
    out.ignored.push({
      file,
      line: index + 1,
      what: m.ignoredFinding(rule, path, secretLine),
      path,
      secretLine,
      ...(commit ? { commit } : {}),
    });
  });
  return out;
}
