import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where npm is told `ignore-scripts=true` (so `npm install` skips `prepare`, and husky never sets
 * up a fresh clone's hooks), or undefined when it is not. Read from the files and variables npm
 * itself reads, in npm's order (environment, the project's .npmrc, the user's), without starting
 * npm. The global npmrc is left out: finding it means asking npm for its prefix.
 */
export function ignoreScriptsSource(root: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const [key, value] of Object.entries(env)) {
    // npm reads npm_config_* case-insensitively, with - or _ between words.
    if (/^npm_config_ignore[-_]scripts$/i.test(key)) return isTrue(value ?? '') ? key : undefined;
  }
  const project = npmrcValue(join(root, '.npmrc'));
  if (project !== undefined) return isTrue(project) ? ".npmrc (the repository's, so every clone has it)" : undefined;
  const userFile = envValue(env, 'npm_config_userconfig') ?? join(env.HOME ?? homedir(), '.npmrc');
  const user = npmrcValue(userFile);
  if (user !== undefined) return isTrue(user) ? `${userFile} (your npm config)` : undefined;
  return undefined;
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const key = Object.keys(env).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : env[key];
}

/** The ignore-scripts value of an .npmrc (ini: `key = value`, `;` and `#` comments), if it sets one. */
function npmrcValue(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let value: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const match = /^ignore-scripts\s*(?:=\s*(.*))?$/.exec(line);
    // A bare key is true in npm's ini; the last setting wins.
    if (match) value = match[1] === undefined ? 'true' : match[1].replace(/^(["'])(.*)\1$/, '$2').trim();
  }
  return value;
}

function isTrue(value: string): boolean {
  return /^(true|1)$/i.test(value.trim());
}
