import { z } from 'zod';
import { userRuleSchema } from './ruleSchema';
import { linearRegexProblem } from '../detect/linearRegex';

const size = z.union([
  z.number().int().positive(),
  z.string().regex(/^\s*\d+(\.\d+)?\s*(b|kb|kib|mb|mib|gb|gib)?\s*$/i, 'a size such as 1048576, "512KB" or "10MB"'),
]);

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
        paths: z.array(z.string().min(1)).optional(),
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
