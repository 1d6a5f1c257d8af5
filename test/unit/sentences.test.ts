import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every sentence leakgate says lives in src/messages.ts (the help page in src/cli/help.ts), so
 * wording stays consistent and reviewable. This check finds the usual ways a sentence gets
 * written in place elsewhere: an error made from a literal, a config problem or zod message
 * spelt out, a "warning:" or "leakgate:" line, a literal written to stderr.
 */
const SRC = join(__dirname, '..', '..', 'src');

/** Files that may hold sentences. */
const HOMES = new Set(['messages.ts', join('cli', 'help.ts')]);

/** A quote that opens a string literal. */
const Q = '[\'"`]';
const SENTENCE_IN_PLACE: readonly { what: string; pattern: RegExp }[] = [
  { what: 'an error made from a literal', pattern: new RegExp(`\\bnew \\w*Error\\(\\s*${Q}`) },
  { what: 'a config problem spelt out', pattern: new RegExp(`\\bexpected:\\s*${Q}`) },
  { what: 'a zod issue message spelt out', pattern: new RegExp(`\\bmessage:\\s*${Q}[^'"\`]*\\s`) },
  {
    what: 'a zod check message spelt out',
    pattern: new RegExp(`\\.(?:regex|refine|min|max|length)\\(.*,\\s*${Q}[^'"\`]*\\s[^'"\`]*${Q}\\s*\\)`),
  },
  { what: 'a warning or notice spelt out', pattern: new RegExp(`${Q}(?:warning|note|leakgate|error|internal error):\\s`) },
  { what: 'a literal written to stderr', pattern: new RegExp(`\\bstderr(?::|\\.write\\()\\s*${Q}[A-Za-z]`) },
];

/** "file:line (what)" for each line that writes a sentence in place. */
function sentencesInPlace(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => {
    const comment = /^\s*(?:\/\/|\*|\/\*)/.test(line);
    const hit = comment ? undefined : SENTENCE_IN_PLACE.find(({ pattern }) => pattern.test(line));
    return hit ? [`${file}:${index + 1} (${hit.what})`] : [];
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('sentences live in messages.ts', () => {
  const files = sourceFiles(SRC)
    .map((path) => relative(SRC, path))
    .filter((file) => !HOMES.has(file));
  const offenders = new Map(files.map((file) => [file, sentencesInPlace(file, readFileSync(join(SRC, file), 'utf8'))]));

  it('no file outside messages.ts and the help page writes a sentence in place', () => {
    expect([...offenders].flatMap(([, lines]) => lines)).toEqual([]);
  });

  it('the check sees a sentence written in place, in each of its forms', () => {
    const fake = [
      "throw new UsageError('explain takes one rule id.');",
      'throw new GitError(`git failed: ${reason}`);',
      "    throw Object.assign(new Error('symbolic link'), { code: 'SYMLINK' });",
      "problems.push({ path: 'x', expected: `expected a unique id (${id})` });",
      "ctx.addIssue({ code: 'custom', message: 'a lowercase keyword (the prefilter compares lowercased text)' });",
      "z.string().regex(SIZE_TEXT, 'a size such as 1048576')",
      'return `warning: ${file} was not scanned.`;',
      "return { exitCode: EXIT.clean, stdout: '', stderr: 'leakgate: skipped (LEAKGATE=0).\\n' };",
      "process.stderr.write('cannot read the index\\n');",
    ].join('\n');
    expect(sentencesInPlace('fake.ts', fake).map((line) => line.replace(/^fake\.ts:\d+ /, ''))).toEqual([
      '(an error made from a literal)',
      '(an error made from a literal)',
      '(an error made from a literal)',
      '(a config problem spelt out)',
      '(a zod issue message spelt out)',
      '(a zod check message spelt out)',
      '(a warning or notice spelt out)',
      '(a warning or notice spelt out)',
      '(a literal written to stderr)',
    ]);
  });

  it('the check lets sentences from messages.ts and code that only looks alike pass', () => {
    const fine = [
      'throw new UsageError(messages.explainArguments);',
      "throw new ConfigError(file, [{ path: '', expected: messages.expectedReadableFile(code) }]);",
      "ctx.addIssue({ code: 'custom', path: ['regex'], message: problem });",
      'const key = z.string().min(1).regex(/^[a-z]+$/, messages.kebabCaseId);',
      "return { exitCode: EXIT.error, stdout: '', stderr: `${lines.join('\\n')}\\n` };",
      "// a comment may say: new Error('x') or warning: y",
      "    logLevel: 'warning',",
    ].join('\n');
    expect(sentencesInPlace('fine.ts', fine)).toEqual([]);
  });
});
