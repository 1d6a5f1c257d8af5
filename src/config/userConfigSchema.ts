import { z } from 'zod';
import { userRuleSchema } from './ruleSchema';
import { linearRegexProblem } from '../detect/linearRegex';
import { parseSize, SIZE_TEXT } from './userConfig';
import { allowsEveryPath } from './pathGlobSafety';


const size = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(SIZE_TEXT, 'a size such as 1048576, "512KB" or "10MB"')
    // "0KB" (or "0.4B") rounds to 0 bytes, which the number form already refuses.
    .refine((text) => !SIZE_TEXT.test(text) || parseSize(text) >= 1, 'a size of at least 1 byte, such as "512KB" or "10MB"'),
]);

const pathGlob = z.string().min(1).superRefine((glob, ctx) => {
  const everything = allowsEveryPath(glob);
  if (everything) ctx.addIssue({ code: 'custom', message: everything });
});

/** Globs that each leave files to scan, but together match every path (`["*.*", "!*.*"]`). */
function allowlistLeavesFiles(globs: string[], ctx: z.RefinementCtx): void {
  const problem = globs.length > 1 && globs.every((glob) => !allowsEveryPath(glob)) ? allowsEveryPath(globs) : undefined;
  if (problem) ctx.addIssue({ code: 'custom', message: 'globs that leave files to scan (together these match every path, so nothing would be scanned)' });
}

/** An allowlist regex: RE2 syntax, run on the linear-time engine (see detect/linearRegex.ts). */
const userRegex = z.string().min(1).superRefine((source, ctx) => {
  const problem = linearRegexProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', message: `a regex in RE2 syntax, which runs in linear time (${problem})` });
});

/** `.leakgate.json`, or the `leakgate` key of package.json. Defaults are filled by withDefaults. */
export const userConfigSchema = z
  .object({
    $schema: z.string().optional(),
    allowlist: z
      .object({
        paths: z.array(pathGlob).superRefine(allowlistLeavesFiles).optional(),
        regexes: z.array(userRegex).optional(),
        stopwords: z.array(z.string().min(1)).optional(),
        fingerprints: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    rules: z
      .object({
        disable: z.array(z.string().min(1)).optional(),
        add: z.array(userRuleSchema).optional(),
      })
      .strict()
      .optional(),
    maxFileSize: size.optional(),
    timeBudget: z.number().positive().optional(),
  })
  .strict();
