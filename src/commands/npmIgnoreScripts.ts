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
  const projectValue = npmrcValue(join(root, '.npmrc'));
  const project =
    projectValue === undefined ? undefined : { on: isTrue(projectValue), where: ".npmrc (the repository's, so every clone has it)" };
  const userFile = envValue(env, 'npm_config_userconfig') ?? join(env.HOME ?? homedir(), '.npmrc');
  const userValue = npmrcValue(userFile);
  const user = userValue === undefined ? undefined : { on: isTrue(userValue), where: `${userFile} (your npm config)` };
  // npm reads npm_config_* case-insensitively, with - or _ between words. npx exports the config
  // it read from the files this way: a true here is named after the file that set it, if one did.
  const key = Object.keys(env).find((name) => /^npm_config_ignore[-_]scripts$/i.test(name));
  if (key !== undefined) {
    if (!isTrue(env[key] ?? '')) return undefined;
    return project?.on ? project.where : user?.on ? user.where : key;
  }
  const setting = project ?? user;
  return setting?.on ? setting.where : undefined;
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
