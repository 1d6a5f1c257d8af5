import { messages } from '../messages';

/**
 * What is wrong with a regex, without the pattern itself: V8 quotes the pattern in its message,
 * and an allowlist pattern may well contain the very key it allowlists.
 */
export function regexErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.slice(message.lastIndexOf(': ') + 2);
  return reason || messages.invalidPattern;
}

/**
 * Rejects regexes that can backtrack catastrophically: a quantified group that itself holds
 * a quantifier, e.g. `(a+)+`, `(\w+\s?)*`, `(?:x|y+){2,}`. JavaScript's engine backtracks, so
 * one such user regex on one long line could hang every commit; we refuse it up front instead.
 * Returns a reason, or undefined when the source is safe.
 */
export function nestedQuantifierProblem(source: string): string | undefined {
  // Stack of open groups: whether a quantifier occurred inside each.
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
    } else if (ch === '(') {
      groups.push(false);
    } else if (ch === ')') {
      const hadQuantifier = groups.pop() ?? false;
      const next = source[i + 1];
      const quantified = next === '*' || next === '+' || next === '?' || (next === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i + 1)));
      const repeats = quantified && !(next === '?' || /^\{(0,)?1\}/.test(source.slice(i + 1)));
      if (hadQuantifier && repeats) {
        return messages.nestedQuantifier(i + 1);
      }
      const variable = next === '*' || next === '+' || (next === '{' && isVariableBrace(source.slice(i + 1)));
      if (groups.length > 0 && (hadQuantifier || variable)) groups[groups.length - 1] = true;
    } else if (ch === '*' || ch === '+' || (ch === '{' && isVariableBrace(source.slice(i)))) {
      if (groups.length > 0) groups[groups.length - 1] = true;
    }
  }
  return undefined;
}

/** `{2,}` or `{2,5}` repeat a variable number of times; `{4}` is fixed width and cannot blow up. */
function isVariableBrace(text: string): boolean {
  const match = /^\{(\d+)(,(\d*))?\}/.exec(text);
  if (!match || match[2] === undefined) return false;
  return match[3] === '' || Number(match[3]) > Number(match[1]);
}
