/** The variables a .env text sets, with their values unquoted (`KEY=v`, `export KEY="v"`, `KEY='v'`). */
export function envValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const raw = match[2]!;
    const quoted = /^(["'])(.*)\1\s*(?:#.*)?$/.exec(raw);
    values.set(
      match[1]!,
      quoted
        ? quoted[1] === '"'
          ? raw.slice(1, raw.lastIndexOf('"')).replace(/\\(["\\$`])/g, '$1')
          : quoted[2]!
        : raw.replace(/\s+#.*$/, '').trim(),
    );
  }
  return values;
}

/**
 * `NAME=value` as dotenv, docker compose and `set -a; . ./.env` all read it back unchanged: bare
 * when the value is plain, else single-quoted; undefined when it holds a single quote or a newline.
 */
export function envLine(name: string, value: string): string | undefined {
  if (/^[A-Za-z0-9_\-./+=:@~%^,]+$/.test(value)) return `${name}=${value}`;
  if (/['\n\r]/.test(value)) return undefined;
  return `${name}='${value}'`;
}

/** `text` with `lines` appended, on lines of their own. */
export function appendLines(text: string, lines: readonly string[]): string {
  if (lines.length === 0) return text;
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${separator}${lines.join('\n')}\n`;
}

/** The names .env.example does not list yet, as `NAME=` lines. */
export function exampleLines(text: string, names: readonly string[]): string[] {
  const listed = envValues(text);
  return [...new Set(names)].filter((name) => !listed.has(name)).map((name) => `${name}=`);
}
