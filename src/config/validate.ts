import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../errors';
import { messages } from '../messages';
import { clipCredentialWords, credentialShaped, quoteUserValue } from '../report/userValue';
import { redactSecret } from '../report/redact';

/**
 * Parses JSON text and validates it, collecting every problem into one ConfigError that names
 * the file, each JSON path and what was expected there. Never echoes file content: a config
 * file can itself hold a secret by mistake.
 */
export function parseAndValidate<S extends z.ZodType>(schema: S, text: string, file: string, prefix: (string | number)[] = []): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [{ path: '', expected: messages.expectedJson(jsonSyntaxWhere(text, error as Error)) }]);
  }
  return validate(schema, data, file, prefix);
}

/** Validates already-parsed data; see parseAndValidate. */
export function validate<S extends z.ZodType>(schema: S, data: unknown, file: string, prefix: (string | number)[] = []): z.infer<S> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const problems: ConfigProblem[] = result.error.issues.map((issue) => ({
    path: formatJsonPath([...prefix, ...(issue.path as (string | number)[])]),
    expected: describeIssue(issue),
  }));
  throw new ConfigError(file, problems);
}

/** `rules.add[0].regex` style paths. */
export function formatJsonPath(path: readonly (string | number)[]): string {
  return path
    .map((part) => (typeof part === 'string' && credentialShaped(part) ? redactSecret(part) : part))
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return messages.expectedType(issue.expected, issue.input === undefined ? undefined : describeValue(issue.input));
    case 'unrecognized_keys':
      return messages.unknownKeys(issue.keys.map(quoteUserValue));
    case 'invalid_value':
      return messages.expectedOneOf(issue.values.map((v) => JSON.stringify(v)));
    // Messages are ours, but a regex engine's reason may quote the pattern, which may hold the key.
    case 'custom':
      return messages.expected(clipCredentialWords(issue.message));
    default:
      return messages.expected(clipCredentialWords(issue.message.replace(/^Invalid input: /, '').replace(/^expected /, '')));
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function jsonSyntaxWhere(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  const offset = position ? Number(position[1]) : firstJsonErrorOffset(text);
  if (offset === undefined) return messages.jsonSyntaxError;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return messages.jsonSyntaxErrorAt(line, column);
}

/**
 * Where JSON.parse gave up. Node 20's messages quote the text around the error instead of giving
 * a position, and the text may hold a secret, so we find the offset ourselves.
 */
export function firstJsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail();
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (ch === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value();
    space();
    return i < text.length ? i : undefined;
  } catch (offset) {
    return typeof offset === 'number' ? offset : undefined;
  }
}
