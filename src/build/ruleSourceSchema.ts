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
  .describe(
    'hex, HEX, digits, alnum, alnum_lower, alnum_upper, base64, base64url, or "custom:<chars>" (x-y between letters/digits is a range)',
  );

const length = z
  .union([
    z.number().int().min(1).max(MAX_SHAPE_LENGTH),
    z.object({ min: z.number().int().min(1), max: z.number().int().min(1).max(MAX_SHAPE_LENGTH) }).strict(),
  ])
  .describe('characters after the prefix: exact, or {min, max}');

const literalList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const words = z.array(z.string().min(1)).min(1);

const valueFields = {
  alphabet,
  length,
  prefix: literalList.optional().describe('literal(s) the value starts with (part of the secret)'),
  suffix: z.string().min(1).optional().describe('literal the value ends with (part of the secret)'),
  padding: z.boolean().optional().describe('allow ={0,2} after the value (base64 padding)'),
};

const slotFields = {
  keywords: words.optional().describe("words the slot name must contain, if not the rule's keywords"),
  nameWords: words.optional().describe('the slot name must also contain one of these after the keyword'),
  notNameWords: words.optional().describe('the slot name must contain none of these after the keyword'),
};

export const shapeSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('keyed'), ...valueFields, ...slotFields })
    .strict()
    .describe('a value assigned to (or passed under) a name containing a keyword: NAME=…, "name": "…", obj.name = \'…\''),
  z
    .object({ kind: z.literal('prefixed'), ...valueFields, prefix: literalList })
    .strict()
    .describe('a distinctive literal prefix, then the alphabet: no keyword needed around it'),
  z
    .object({ kind: z.literal('uuid'), ...slotFields })
    .strict()
    .describe('a uuid assigned to a name containing a keyword'),
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
    .describe("scheme://user:SECRET@host (or scheme://SECRET@host) where host is the provider's"),
]);

/** A positive example pinned by its secret: the build finds it in the text and writes line and column. */
const secretPinnedExample = z
  .object({ path: z.string().min(1).optional(), text: z.string(), secret: z.string().min(1) })
  .strict()
  .refine((pinned) => pinned.text.includes(pinned.secret), { message: messages.secretInText, path: ['secret'] });

const sourcePositive = z.union([secretPinnedExample, pinnedExample, z.string(), fileExample]);

export const sourceRuleSchema = z
  .object({
    id: z.string().regex(ID_PATTERN),
    provider: z.string().min(1),
    family: z.enum(FAMILIES),
    description: z.string().min(1),
    keywords: z.array(z.string().min(1)).optional(),
    shape: shapeSchema.optional(),
    regex: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    entropy: z.number().min(0).max(8).optional(),
    stopwords: z.array(z.string().min(1)).optional(),
    checksum: z.enum(CHECKSUMS).optional(),
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
