import { z } from 'zod';
import { rulesFileSchema } from './ruleSchema';
import { userConfigSchema } from './userConfigSchema';
import { parseAndValidate, validate } from './validate';

/**
 * Everything that needs zod, in one module the loaders require only when a file's text has not
 * been validated before: zod is most of a hook's start-up time otherwise.
 */
export function validateRulesText(text: string, file: string): unknown {
  return parseAndValidate(rulesFileSchema, text, file);
}

export function validateConfigText(text: string, file: string): unknown {
  return parseAndValidate(userConfigSchema, text, file);
}

export function validateConfigValue(value: unknown, file: string, prefix: (string | number)[]): unknown {
  return validate(userConfigSchema, value, file, prefix);
}

const baselineSchema = z
  .object({
    version: z.literal(1),
    created: z.string().optional(),
    fingerprints: z.array(z.string().min(1)),
  })
  .strict();

export function validateBaselineText(text: string, file: string): unknown {
  return parseAndValidate(baselineSchema, text, file);
}
