import { ConfigError } from '../../errors';
import { messages } from '../../messages';

/** JSON of a source tool's file; a syntax error is a ConfigError naming the file and the line. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = (error as Error).message;
    const line = /line (\d+)/.exec(reason)?.[1] ?? lineAt(text, Number(/position (\d+)/.exec(reason)?.[1] ?? text.length));
    throw new ConfigError(file, [{ path: messages.importing.line(Number(line)), expected: messages.importing.expectedJson }]);
  }
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** A JSON object's field, for the translators: `{}` for a missing one. */
export function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
