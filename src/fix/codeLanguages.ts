import { messages } from '../messages';
import { csharpUsingSystem, goImportOs, pythonImportOs } from './imports';
import { type LexicalRules, type LineLiteral, placementOf, shapeOf } from './lineLexer';
import type { FixLanguage, LineEdit, Refusal, RewriteRequest } from './types';

const reasons = messages.fix.reason;

interface CodeStyle {
  name: string;
  lexical: LexicalRules;
  read(envVar: string): string;
  /** A refusal where the language needs a constant, or extra edits (Go: `const` becomes `var`). */
  around?(request: RewriteRequest): LineEdit[] | Refusal;
  prepare?: FixLanguage['prepare'];
  /** A string quote that interpolates, and how to write the read inside it (`${…}` in a JS template, `#{…}` in Ruby). */
  interpolation?: { quote: string; wrap(read: string): string };
}

/** A language whose secret is a whole string literal, replaced by an expression that reads the variable. */
function codeLanguage(style: CodeStyle): FixLanguage {
  return {
    name: style.name,
    note: messages.fix.note.code,
    stored: (request) => request.envVar,
    rewrite(request) {
      const { lines, index, start, end, secret, envVar } = request;
      const line = lines[index]!;
      const placement = placementOf(shapeOf(line, style.lexical), start, end);
      switch (placement.kind) {
        case 'comment':
          return { reason: reasons.inComment };
        case 'open-string':
          return { reason: reasons.openString };
        case 'inside':
          return interpolated(style, request, placement.literal);
        case 'code':
          return { reason: reasons.notLiteral };
      }
      const { open, close, quote } = placement.literal;
      const before = line[open - 1] ?? '';
      if (/[\w@$]/.test(before)) return { reason: reasons.prefixed };
      const after = line[close + 1] ?? '';
      // A triple-quoted string, or two literals run together: not one plain literal.
      if ((before && style.lexical.quotes.includes(before)) || (after && style.lexical.quotes.includes(after))) {
        return { reason: reasons.prefixed };
      }
      if (secret.includes('\\') || secret.includes(quote)) return { reason: reasons.escapes };
      const extra = style.around?.(request) ?? [];
      if (!Array.isArray(extra)) return extra;
      return [{ from: open, to: close + 1, text: style.read(envVar) }, ...extra];
    },
    ...(style.prepare ? { prepare: style.prepare } : {}),
  };
}

/**
 * Part of a string that interpolates: the read goes inside it, so the string keeps its value. A
 * tagged template (sql`…`) would pass the read as an argument instead: left alone.
 */
function interpolated(style: CodeStyle, request: RewriteRequest, literal: LineLiteral): LineEdit[] | Refusal {
  const { lines, index, start, end, secret, envVar } = request;
  const tagged = /[\w$.)\]]/.test(lines[index]![literal.open - 1] ?? '');
  if (!style.interpolation || style.interpolation.quote !== literal.quote || tagged) return { reason: reasons.insideString };
  if (/[\\`"'{}$#]/.test(secret)) return { reason: reasons.escapes };
  const extra = style.around?.(request) ?? [];
  if (!Array.isArray(extra)) return extra;
  return [{ from: start, to: end, text: style.interpolation.wrap(style.read(envVar)) }, ...extra];
}

const C_LIKE: LexicalRules = { quotes: `"'\``, lineComments: ['//'] };

export const javascript = codeLanguage({
  name: 'JavaScript/TypeScript',
  lexical: C_LIKE,
  read: (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `process.env.${name}` : `process.env[${JSON.stringify(name)}]`),
  interpolation: { quote: '`', wrap: (read) => `\${${read}}` },
});

export const python = codeLanguage({
  name: 'Python',
  lexical: { quotes: `"'`, lineComments: ['#'] },
  read: (name) => `os.environ[${JSON.stringify(name)}]`,
  prepare: pythonImportOs,
});

export const go = codeLanguage({
  name: 'Go',
  lexical: { quotes: '"`', lineComments: ['//'], rawQuotes: '`' },
  read: (name) => `os.Getenv(${JSON.stringify(name)})`,
  around({ lines, index }) {
    const line = lines[index]!;
    const single = /^(\s*)const(\s)/.exec(line);
    // A constant cannot hold a call: `const k = "…"` becomes `var k = os.Getenv("…")`.
    if (single) return [{ from: single[1]!.length, to: single[1]!.length + 5, text: 'var' }];
    if (inGoConstBlock(lines, index)) return { reason: reasons.goConstBlock };
    return [];
  },
  prepare: goImportOs,
});

function inGoConstBlock(lines: readonly string[], index: number): boolean {
  for (let at = index - 1; at >= 0; at--) {
    const line = lines[at]!;
    if (/^\s*const\s*\(/.test(line)) return true;
    if (/^\S/.test(line) || /^\s*\)/.test(line)) return false;
  }
  return false;
}

export const java = codeLanguage({
  name: 'Java',
  lexical: { quotes: `"'`, lineComments: ['//'] },
  read: (name) => `System.getenv(${JSON.stringify(name)})`,
  around: ({ lines, index, start }) => (/@\w+\s*\(|\bcase\b/.test(lines[index]!.slice(0, start)) ? { reason: reasons.needsConstant } : []),
});

export const ruby = codeLanguage({
  name: 'Ruby',
  lexical: { quotes: `"'`, lineComments: ['#'] },
  read: (name) => `ENV.fetch(${JSON.stringify(name)})`,
  interpolation: { quote: '"', wrap: (read) => `#{${read}}` },
});

export const php = codeLanguage({
  name: 'PHP',
  lexical: { quotes: `"'`, lineComments: ['//', '#'] },
  read: (name) => `getenv('${name}')`,
  around({ lines, index, start }) {
    const before = lines[index]!.slice(0, start);
    const constant =
      /(?:^|[{;])\s*(?:(?:public|private|protected|final)\s+)*const\s/.test(before) ||
      /(?:^|[{;])\s*(?:(?:public|private|protected|static|readonly|var)\s+)+(?:[\w?\\|]+\s+)?\$\w+\s*=/.test(before) ||
      // A default argument (the literal inside `function f($k = '…'`) or an attribute.
      /\bfunction\b[^)]*\([^)]*$|#\[/.test(before);
    return constant ? { reason: reasons.needsConstant } : [];
  },
});

export const csharp = codeLanguage({
  name: 'C#',
  lexical: { quotes: `"'`, lineComments: ['//'] },
  read: (name) => `Environment.GetEnvironmentVariable(${JSON.stringify(name)})`,
  around: ({ lines, index, start }) =>
    /\bconst\b|^\s*\[|\bcase\b|\(.*\bstring\s+\w+\s*=\s*$/.test(lines[index]!.slice(0, start)) ? { reason: reasons.needsConstant } : [],
  prepare: csharpUsingSystem,
});
