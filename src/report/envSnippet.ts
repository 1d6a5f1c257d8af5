import { messages } from '../messages';

/** How a file's language reads an environment variable, and how to say it in a report. */
export interface LanguageStyle {
  language: string;
  read(envVar: string): string;
  note?: string;
  /**
   * The rewritten line made valid where the literal sat in a constant context (Go `const`,
   * Kotlin `const val`): undefined when no one-line change is sure to compile. Absent: any line.
   */
  declaration?(rewritten: string): string | undefined;
}

const js: LanguageStyle = { language: 'JavaScript/TypeScript', read: (name) => `process.env.${name}` };
const python: LanguageStyle = { language: 'Python', read: (name) => `os.environ["${name}"]`, note: 'import os' };
// Go: os.Getenv is no constant expression, so a `const` becomes a `var`; a bare `X = "…"` line
// may sit inside a const ( … ) block, which one line cannot tell: only declarations and `:=`.
const go: LanguageStyle = {
  language: 'Go',
  read: (name) => `os.Getenv("${name}")`,
  note: 'import "os"',
  declaration: (line) => {
    if (/^const\s/.test(line)) return line.replace(/^const/, 'var');
    return /^var\s/.test(line) || /:=/.test(line) ? line : undefined;
  },
};
const java: LanguageStyle = { language: 'Java', read: (name) => `System.getenv("${name}")` };
// Kotlin: a `const val` needs a compile-time constant; a plain `val` takes any expression.
const kotlin: LanguageStyle = {
  language: 'Kotlin',
  read: (name) => `System.getenv("${name}")`,
  declaration: (line) => line.replace(/(^|\s)const\s+val\s/, '$1val '),
};
const ruby: LanguageStyle = { language: 'Ruby', read: (name) => `ENV.fetch("${name}")` };
// PHP: constants and property defaults take constant expressions only: rewrite plain assignments.
const php: LanguageStyle = {
  language: 'PHP',
  read: (name) => `getenv('${name}')`,
  declaration: (line) => (/^\$[A-Za-z_]\w*(\[[^\]]*\])*\s*=[^=]/.test(line) || /^define\s*\(/.test(line) ? line : undefined),
};
// C#: a `const` field or local takes no method call, and which replacement fits depends on where it sits.
const csharp: LanguageStyle = {
  language: 'C#',
  read: (name) => `System.Environment.GetEnvironmentVariable("${name}")`,
  declaration: (line) => (/(^|\s)const\s/.test(line) ? undefined : line),
};
// Rust: env::var returns a String at run time, so neither a `const`/`static` nor a `&str` slot
// takes it; only an untyped `let` is sure to compile.
const rust: LanguageStyle = {
  language: 'Rust',
  read: (name) => `std::env::var("${name}").expect("${name} is set")`,
  declaration: (line) => (/^let\s+(mut\s+)?[A-Za-z_]\w*\s*=/.test(line) ? line : undefined),
};
const shell: LanguageStyle = { language: 'shell', read: (name) => `"$${name}"`, note: messages.envNoteShell };
const dotenv: LanguageStyle = {
  language: '.env',
  read: (name) => `${name}=`,
  note: messages.envNoteDotenv,
};
const ciYaml: LanguageStyle = {
  language: 'CI YAML',
  read: (name) => `\${{ secrets.${name} }}`,
  note: messages.envNoteCiYaml,
};
const yaml: LanguageStyle = {
  language: 'YAML',
  read: (name) => `\${${name}}`,
  note: messages.envNoteYaml,
};
const generic: LanguageStyle = {
  language: 'config',
  read: (name) => `\${${name}}`,
  note: messages.envNoteGeneric,
};

const BY_EXTENSION: Record<string, LanguageStyle> = {
  js,
  mjs: js,
  cjs: js,
  jsx: js,
  ts: js,
  mts: js,
  cts: js,
  tsx: js,
  vue: js,
  svelte: js,
  py: python,
  pyw: python,
  ipynb: python,
  go,
  java,
  kt: kotlin,
  kts: kotlin,
  scala: java,
  groovy: java,
  gradle: java,
  rb: ruby,
  erb: ruby,
  rake: ruby,
  php,
  cs: csharp,
  csx: csharp,
  rs: rust,
  sh: shell,
  bash: shell,
  zsh: shell,
  ksh: shell,
  fish: shell,
  env: dotenv,
  yml: yaml,
  yaml,
};

/** The language style for a path: by extension, `.env*` files, and CI pipeline files. */
export function languageOf(path: string): LanguageStyle {
  const name = path.split('/').pop() ?? path;
  if (/^\.env(\..+)?$/.test(name) || name.endsWith('.env')) return dotenv;
  if (
    /(^|\/)\.github\/workflows\/|(^|\/)\.gitlab-ci\.ya?ml$|(^|\/)\.circleci\/|azure-pipelines\.ya?ml$|bitbucket-pipelines\.ya?ml$/.test(
      path,
    )
  )
    return ciYaml;
  if (name === 'Dockerfile' || name === 'Makefile') return shell;
  const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  return BY_EXTENSION[extension] ?? generic;
}

/**
 * The line rewritten to read each secret from the environment, when each secret is a whole
 * quoted literal (`'…'`, `"…"`, `` `…` ``); undefined when the rewrite would not be valid code.
 */
export function rewriteLine(
  lineText: string,
  replacements: readonly { column: number; secret: string; envVar: string }[],
  style: LanguageStyle,
): string | undefined {
  if (style === dotenv || style === generic || style === yaml || style === ciYaml) return undefined;
  let line = lineText;
  for (const { column, secret, envVar } of [...replacements].sort((a, b) => b.column - a.column)) {
    const start = column - 1;
    const end = start + secret.length;
    const quote = line[start - 1];
    if (!(quote === '"' || quote === "'" || quote === '`') || line[end] !== quote) return undefined;
    line = line.slice(0, start - 1) + style.read(envVar) + line.slice(end + 1);
  }
  const rewritten = line.trim();
  return style.declaration ? style.declaration(rewritten) : rewritten;
}
