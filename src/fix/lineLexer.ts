/** A string literal on one line: the indices of its opening and closing quotes. */
export interface LineLiteral {
  open: number;
  close: number;
  quote: string;
}

/** What one line holds, as far as a rewrite needs to know: its string literals and where a comment starts. */
export interface LineShape {
  literals: LineLiteral[];
  /** Index where a comment starts, if one does. */
  commentAt?: number;
  /** Index of a quote that opens a string the line does not close (it goes on below). */
  unterminatedAt?: number;
}

/** How a C-like language writes strings and comments, enough to read one line. */
export interface LexicalRules {
  quotes: string;
  lineComments: readonly string[];
  /** Quotes inside which a backslash escapes nothing (Go's raw strings). */
  rawQuotes?: string;
}

/**
 * Reads one line for its string literals and comment. A line cannot say whether it starts inside
 * a string or comment opened above: the rewrite's toolchain tests are the net for that.
 */
export function shapeOf(line: string, rules: LexicalRules): LineShape {
  const literals: LineLiteral[] = [];
  let index = 0;
  while (index < line.length) {
    const char = line[index]!;
    if (rules.lineComments.some((start) => line.startsWith(start, index))) return { literals, commentAt: index };
    if (line.startsWith('/*', index) && rules.lineComments.includes('//')) {
      const end = line.indexOf('*/', index + 2);
      if (end === -1) return { literals, commentAt: index };
      index = end + 2;
      continue;
    }
    if (rules.quotes.includes(char)) {
      const raw = rules.rawQuotes?.includes(char) ?? false;
      let at = index + 1;
      while (at < line.length && line[at] !== char) at += !raw && line[at] === '\\' ? 2 : 1;
      if (at >= line.length) return { literals, unterminatedAt: index };
      literals.push({ open: index, close: at, quote: char });
      index = at + 1;
      continue;
    }
    index++;
  }
  return { literals };
}

/** Where the text [start, end) sits on a line of this shape. */
export type Placement =
  | { kind: 'whole'; literal: LineLiteral }
  | { kind: 'inside'; literal: LineLiteral }
  | { kind: 'comment' }
  | { kind: 'open-string' }
  | { kind: 'code' };

export function placementOf(shape: LineShape, start: number, end: number): Placement {
  if (shape.commentAt !== undefined && start >= shape.commentAt) return { kind: 'comment' };
  if (shape.unterminatedAt !== undefined && start > shape.unterminatedAt) return { kind: 'open-string' };
  for (const literal of shape.literals) {
    if (literal.open === start - 1 && literal.close === end) return { kind: 'whole', literal };
    if (literal.open < start && end <= literal.close) return { kind: 'inside', literal };
  }
  return { kind: 'code' };
}

/** Where [start, end) sits in a POSIX shell line: unquoted, in single or double quotes, or a comment. */
export type ShellPlacement = { kind: 'unquoted' | 'comment' | 'mixed' } | { kind: 'single' | 'double'; open: number; close: number };

export function shellPlacementOf(line: string, start: number, end: number): ShellPlacement {
  let index = 0;
  while (index < start) {
    const char = line[index]!;
    if (char === '#' && (index === 0 || /[\s;]/.test(line[index - 1]!))) return { kind: 'comment' };
    if (char === '\\') {
      index += 2;
      continue;
    }
    if (char === "'" || char === '"') {
      let at = index + 1;
      while (at < line.length && line[at] !== char) at += char === '"' && line[at] === '\\' ? 2 : 1;
      if (at < start) {
        index = at + 1;
        continue;
      }
      if (end <= at && at < line.length) return { kind: char === "'" ? 'single' : 'double', open: index, close: at };
      return { kind: 'mixed' };
    }
    index++;
  }
  // Unquoted from here: the value must not run into a quote or escape of its own.
  return index === start ? { kind: 'unquoted' } : { kind: 'mixed' };
}
