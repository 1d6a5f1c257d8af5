import { z } from 'zod';
import { userRuleSchema } from './ruleSchema';
import { linearRegexProblem } from '../detect/linearRegex';
import { parseSize, SIZE_TEXT } from './userConfig';
import { allowsEveryPath } from './pathGlobSafety';
import { messages } from '../messages';
import { isDay } from './ignoreEntries';

const size = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(SIZE_TEXT, messages.sizeText)
    // "0KB" (or "0.4B") rounds to 0 bytes, which the number form already refuses.
    .refine((text) => !SIZE_TEXT.test(text) || parseSize(text) >= 1, messages.sizeAtLeastOneByte),
]);

const pathGlob = z
  .string()
  .min(1)
  .superRefine((glob, ctx) => {
    const everything = allowsEveryPath(glob);
    if (everything) ctx.addIssue({ code: 'custom', message: everything });
  });

/** Globs that each leave files to scan, but together match every path (`["*.*", "!*.*"]`). */
function allowlistLeavesFiles(globs: string[], ctx: z.RefinementCtx): void {
  const problem = globs.length > 1 && globs.every((glob) => !allowsEveryPath(glob)) ? allowsEveryPath(globs) : undefined;
  if (problem) ctx.addIssue({ code: 'custom', message: messages.globsLeaveFiles });
}

/** An allowlist regex: RE2 syntax, run on the linear-time engine (see detect/linearRegex.ts). */
const userRegex = z
  .string()
  .min(1)
  .superRefine((source, ctx) => {
    const problem = linearRegexProblem(source);
    if (problem) ctx.addIssue({ code: 'custom', message: messages.linearRegex(problem) });
  });

/** An allowlisted fingerprint as `leakgate ignore` records it: why, who, when, until when. */
const recordedIgnore = z
  .object({
    fingerprint: z.string().min(1),
    reason: z.string().optional(),
    by: z.string().optional(),
    at: z.string().optional(),
    until: z.string().refine(isDay, { message: messages.expectedDay }).optional(),
  })
  .strict();

/** `.leakgate.json`, or the `leakgate` key of package.json. Defaults are filled by withDefaults. */
export const userConfigSchema = z
  .object({
    $schema: z.string().optional(),
    allowlist: z
      .object({
        paths: z.array(pathGlob).superRefine(allowlistLeavesFiles).optional(),
        regexes: z.array(userRegex).optional(),
        stopwords: z.array(z.string().min(1)).optional(),
        fingerprints: z.array(z.union([z.string().min(1), recordedIgnore])).optional(),
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
