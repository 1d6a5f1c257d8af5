import { z } from 'zod';
import { regexProblem, userRuleSchema } from './ruleSchema';
import { nestedQuantifierProblem } from './regexSafety';

/** Default for `maxFileSize`: larger files are skipped with a warning that names them. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

const size = z.union([
  z.number().int().positive(),
  z.string().regex(/^\s*\d+(\.\d+)?\s*(b|kb|kib|mb|mib|gb|gib)?\s*$/i, 'a size such as 1048576, "512KB" or "10MB"'),
]);

const userRegex = z.string().min(1).superRefine((source, ctx) => {
  try {
    new RegExp(source);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `a valid JavaScript regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})` });
    return;
  }
  const nested = nestedQuantifierProblem(source);
  if (nested) ctx.addIssue({ code: 'custom', message: `a regex that runs in linear time (${nested})` });
});

/** `.leakgate.json`, or the `leakgate` key of package.json. */
export const userConfigSchema = z
  .object({
    $schema: z.string().optional(),
    allowlist: z
      .object({
        paths: z.array(z.string().min(1)).default([]),
        regexes: z.array(userRegex).default([]),
        stopwords: z.array(z.string().min(1)).default([]),
        fingerprints: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ paths: [], regexes: [], stopwords: [], fingerprints: [] }),
    rules: z
      .object({
        disable: z.array(z.string().min(1)).default([]),
        add: z.array(userRuleSchema).default([]),
      })
      .strict()
      .default({ disable: [], add: [] }),
    maxFileSize: size.default(DEFAULT_MAX_FILE_SIZE),
  })
  .strict();

export type UserConfigInput = z.input<typeof userConfigSchema>;

/** The validated config with sizes in bytes. */
export interface UserConfig {
  allowlist: { paths: string[]; regexes: string[]; stopwords: string[]; fingerprints: string[] };
  rules: { disable: string[]; add: z.infer<typeof userRuleSchema>[] };
  maxFileSize: number;
}

/** Bytes for `1048576`, `"512KB"`, `"10MB"`. */
export function parseSize(value: number | string): number {
  if (typeof value === 'number') return value;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value)!;
  const unit = match[2].toLowerCase();
  const factor = unit.startsWith('g') ? 1024 ** 3 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('k') ? 1024 : 1;
  return Math.round(Number(match[1]) * factor);
}

export { regexProblem };
