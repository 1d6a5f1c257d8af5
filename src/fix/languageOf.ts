import { messages } from '../messages';
import { csharp, go, java, javascript, php, python, ruby } from './codeLanguages';
import { compose, dotenvFile, refusedLanguage, shell, spring, terraform } from './configLanguages';
import type { FixLanguage } from './types';

const BY_EXTENSION: Record<string, FixLanguage> = {
  js: javascript,
  mjs: javascript,
  cjs: javascript,
  jsx: javascript,
  ts: javascript,
  mts: javascript,
  cts: javascript,
  tsx: javascript,
  py: python,
  go,
  java,
  rb: ruby,
  rake: ruby,
  php,
  cs: csharp,
  sh: shell,
  bash: shell,
  zsh: shell,
  ksh: shell,
  tf: terraform,
};

/** How `leakgate fix` rewrites a file of this path, or undefined when it does not know the language. */
export function fixLanguageOf(path: string): FixLanguage | undefined {
  const name = path.split('/').pop() ?? path;
  if (/\.min\.[cm]?js$/.test(name)) return refusedLanguage('minified JavaScript', messages.fix.reason.minified);
  if (/^\.env(\..+)?$/.test(name) || name.endsWith('.env')) return dotenvFile;
  if (/\.ya?ml$/i.test(name)) {
    if (/^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/i.test(name)) return compose;
    if (/^application(?:-[\w.-]+)?\.ya?ml$/i.test(name)) return spring;
    if (/(^|\/)\.github\/workflows\/|(^|\/)\.gitlab-ci\.ya?ml$|(^|\/)\.circleci\/|pipelines\.ya?ml$/.test(path))
      return refusedLanguage('CI YAML', messages.fix.reason.ciYaml);
    return refusedLanguage('YAML', messages.fix.reason.unknownYaml(path));
  }
  const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  return BY_EXTENSION[extension];
}
