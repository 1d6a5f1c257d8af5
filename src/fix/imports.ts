import type { Insertion } from './types';

/** `import os` where Python allows it: after `from __future__` imports, before the first import, else after the docstring. */
export function pythonImportOs(lines: readonly string[]): Insertion[] {
  const hasOs = lines.some((line) => {
    const names = /^import\s+([^#]+)/.exec(line)?.[1];
    return names?.split(',').some((name) => name.trim() === 'os') ?? false;
  });
  if (hasOs) return [];
  const future = lastIndexWhere(lines, (line) => /^from\s+__future__\s+import\b/.test(line));
  if (future !== -1) return [{ at: future + 1, lines: ['import os'] }];
  const firstImport = lines.findIndex((line) => /^(?:import|from)\s/.test(line));
  if (firstImport !== -1) return [{ at: firstImport, lines: ['import os'] }];
  return [{ at: afterPythonHeader(lines), lines: ['import os'] }];
}

/** The first line after the shebang, comments, blank lines and the module docstring. */
function afterPythonHeader(lines: readonly string[]): number {
  let index = 0;
  while (index < lines.length && /^\s*(?:#.*)?$/.test(lines[index]!)) index++;
  const opening = /^[rRuU]?("""|''')/.exec(lines[index] ?? '');
  if (!opening) return index;
  const quote = opening[1]!;
  const rest = lines[index]!.slice(opening[0].length);
  if (rest.includes(quote)) return index + 1;
  for (let at = index + 1; at < lines.length; at++) if (lines[at]!.includes(quote)) return at + 1;
  return index;
}

/** The `"os"` import: in the first group of an import block (where gofmt keeps it sorted), else a declaration of its own. */
export function goImportOs(lines: readonly string[]): Insertion[] {
  if (lines.some((line) => /^\s*(?:import\s+)?(?:_\s+|\.\s+|os\s+)?"os"\s*(?:\/\/.*)?$/.test(line))) return [];
  const block = lines.findIndex((line) => /^import\s*\(\s*$/.test(line));
  if (block !== -1) {
    let at = block + 1;
    while (at < lines.length && !/^\s*\)/.test(lines[at]!) && lines[at]!.trim() !== '') {
      const path = /"([^"]*)"/.exec(lines[at]!)?.[1];
      if (path !== undefined && path > 'os') break;
      at++;
    }
    return [{ at, lines: ['\t"os"'] }];
  }
  const single = lastIndexWhere(lines, (line) => /^import\s+(?:\w+\s+)?"/.test(line));
  if (single !== -1) return [{ at: single + 1, lines: ['import "os"'] }];
  const pkg = lines.findIndex((line) => /^package\s+\w+/.test(line));
  return [{ at: pkg + 1, lines: ['', 'import "os"'] }];
}

/** `using System;` unless it is there: before the first plain using, after global usings and extern aliases. */
export function csharpUsingSystem(lines: readonly string[]): Insertion[] {
  if (lines.some((line) => /^\s*(?:global\s+)?using\s+System\s*;/.test(line))) return [];
  const firstUsing = lines.findIndex((line) => /^\s*using\s+(?:static\s+)?[\w.]+\s*;/.test(line));
  if (firstUsing !== -1) return [{ at: firstUsing, lines: ['using System;'] }];
  const lastGlobal = lastIndexWhere(lines, (line) => /^\s*(?:global\s+using|extern\s+alias)\b/.test(line));
  return [{ at: lastGlobal + 1, lines: ['using System;'] }];
}

/** A `variable "x" { sensitive = true }` block, at the end, for each variable the file does not declare. */
export function terraformVariables(lines: readonly string[], names: readonly string[]): Insertion[] {
  const missing = [...new Set(names)].filter((name) => !lines.some((line) => new RegExp(`^\\s*variable\\s+"${name}"`).test(line)));
  if (missing.length === 0) return [];
  const block = missing.flatMap((name) => ['', `variable "${name}" {`, '  type      = string', '  sensitive = true', '}']);
  return [{ at: lines.length, lines: block }];
}

/** The index of the last line that passes, or -1 (findLastIndex is ES2023). */
function lastIndexWhere(lines: readonly string[], test: (line: string) => boolean): number {
  for (let at = lines.length - 1; at >= 0; at--) if (test(lines[at]!)) return at;
  return -1;
}
