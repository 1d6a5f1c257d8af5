import { z } from 'zod';
import { builtinRemediation, CHECKSUMS, example, FAMILIES, fileExample, ID_PATTERN, pinnedExample } from '../config/ruleSchema';
import { messages } from '../messages';
import { ALPHABETS, MAX_SHAPE_LENGTH } from './shapes';

/**
 * The format of a rule source file, rules/<provider>.json: what contributors write. The build
 * expands it into rules.json entries (config/ruleSchema.ts), which are validated again there.
 * The JSON Schema editors use (rules/rule-source.schema.json) is generated from this one.
 */

const alphabet = z
  .union([z.enum(Object.keys(ALPHABETS) as [keyof typeof ALPHABETS]), z.string().regex(/^custom:[\x21-\x7e]+$/)])
  .describe(messages.ruleSourceHelp.alphabet);

const length = z
  .union([
    z.number().int().min(1).max(MAX_SHAPE_LENGTH),
    z.object({ min: z.number().int().min(1), max: z.number().int().min(1).max(MAX_SHAPE_LENGTH) }).strict(),
  ])
  .describe(messages.ruleSourceHelp.length);

const literalList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const words = z.array(z.string().min(1)).min(1);

const valueFields = {
  alphabet,
  length,
  prefix: literalList.optional().describe(messages.ruleSourceHelp.prefix),
  suffix: z.string().min(1).optional().describe(messages.ruleSourceHelp.suffix),
  padding: z.boolean().optional().describe(messages.ruleSourceHelp.padding),
};

const slotFields = {
  keywords: words.optional().describe(messages.ruleSourceHelp.slotKeywords),
  nameWords: words.optional().describe(messages.ruleSourceHelp.nameWords),
  notNameWords: words.optional().describe(messages.ruleSourceHelp.notNameWords),
};

export const shapeSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('keyed'), ...valueFields, ...slotFields })
    .strict()
    .describe(messages.ruleSourceHelp.keyed),
  z
    .object({ kind: z.literal('prefixed'), ...valueFields, prefix: literalList })
    .strict()
    .describe(messages.ruleSourceHelp.prefixed),
  z
    .object({ kind: z.literal('uuid'), ...slotFields })
    .strict()
    .describe(messages.ruleSourceHelp.uuid),
  z
    .object({
      kind: z.literal('url'),
      hosts: z.array(z.string().regex(/^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/)).min(1),
      part: z.enum(['password', 'user']).optional(),
      schemes: z
        .array(z.string().regex(/^[a-z][a-z0-9+.-]*$/))
        .min(1)
        .optional(),
      alphabet: alphabet.optional(),
      length: length.optional(),
      prefix: literalList.optional(),
      padding: z.boolean().optional(),
    })
    .strict()
    .describe(messages.ruleSourceHelp.url),
]);

/** A positive example pinned by its secret: the build finds it in the text and writes line and column. */
const secretPinnedExample = z
  .object({ path: z.string().min(1).optional(), text: z.string(), secret: z.string().min(1) })
  .strict()
  .refine((pinned) => pinned.text.includes(pinned.secret), { message: messages.secretInText, path: ['secret'] })
  .describe(messages.ruleSourceHelp.secretPin);

const sourcePositive = z.union([secretPinnedExample, pinnedExample, z.string(), fileExample]);

export const sourceRuleSchema = z
  .object({
    id: z.string().regex(ID_PATTERN),
    provider: z.string().min(1),
    family: z.enum(FAMILIES),
    description: z.string().min(1),
    keywords: z.array(z.string().min(1)).optional().describe(messages.ruleSourceHelp.keywords),
    shape: shapeSchema.optional().describe(messages.ruleSourceHelp.shape),
    regex: z.string().min(1).optional().describe(messages.ruleSourceHelp.regex),
    path: z.string().min(1).optional(),
    entropy: z.number().min(0).max(8).optional(),
    stopwords: z.array(z.string().min(1)).optional(),
    checksum: z.enum(CHECKSUMS).optional().describe(messages.ruleSourceHelp.checksum),
    pairOnly: z.boolean().optional().describe(messages.ruleSourceHelp.pairOnly),
    remediation: builtinRemediation,
    examples: z.object({ positive: z.array(sourcePositive).min(2), negative: z.array(example).min(2) }).strict(),
  })
  .strict();

export const sourcePairSchema = z
  .object({
    id: z.string().regex(ID_PATTERN),
    provider: z.string().min(1).optional(),
    description: z.string().min(1),
    halves: z.tuple([z.string().min(1), z.string().min(1)]),
  })
  .strict();

export const ruleSourceFileSchema = z
  .object({
    $schema: z.string().optional(),
    rules: z.array(sourceRuleSchema),
    pairs: z.array(sourcePairSchema).optional(),
  })
  .strict();

export type SourceRule = z.infer<typeof sourceRuleSchema>;
export type SourcePair = z.infer<typeof sourcePairSchema>;
export type RuleSourceFile = z.infer<typeof ruleSourceFileSchema>;
