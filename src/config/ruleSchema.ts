import { z } from 'zod';
import { CHECKSUM_KINDS } from '../detect/checksums';
import { linearGroupCount, linearRegexProblem } from '../detect/linearRegex';
import { nestedQuantifierProblem, regexErrorReason } from './regexSafety';
import { messages } from '../messages';

/**
 * Rule families, used to group the catalogue (`leakgate rules`) and count coverage, in the order
 * their rules take in rules.json. When two rules report the very same characters, the earlier one
 * names the finding: providers first, then the format families that catch any provider's
 * credential (connection strings, URLs, headers, key blocks), the generic rule last.
 */
export const FAMILIES = [
  'cloud',
  'identity',
  'code-ci',
  'packages',
  'payments',
  'messaging',
  'chat',
  'ai',
  'observability',
  'data',
  'security',
  'business',
  'content',
  'web-apis',
  'keys',
  'generic',
] as const;

export const fileExample = z.object({ path: z.string().min(1), text: z.string() }).strict();

/**
 * A positive example that also says where its rule must report it: the 1-based line and column
 * of the secret in `text`, and the secret as reports show it (redacted). A finding somewhere else
 * in the text, or a different span of it, would otherwise still pass as "found".
 */
export const pinnedExample = z
  .object({
    path: z.string().min(1).optional(),
    text: z.string(),
    line: z.number().int().min(1),
    column: z.number().int().min(1),
    redacted: z.string().min(1),
  })
  .strict()
  .superRefine((pinned, ctx) => {
    const line = pinned.text.split('\n')[pinned.line - 1];
    if (line === undefined) ctx.addIssue({ code: 'custom', path: ['line'], message: messages.pinInsideText });
    else if (pinned.column > line.length) ctx.addIssue({ code: 'custom', path: ['column'], message: messages.pinInsideText });
  });

export const example = z.union([z.string(), fileExample]);
const positiveExample = z.union([z.string(), fileExample, pinnedExample]);

const remediationFields = {
  envVar: z.string().min(1),
  why: z.string().min(1).optional(),
  revoke: z.string().min(1),
  investigate: z.string().min(1).optional(),
  /** A documentation URL, given only when it is known to exist. */
  docs: z.string().url().optional(),
  /** Where to revoke, in words, for a provider whose docs URL is not certain. */
  dashboard: z.string().min(1).optional(),
};

/** Either a docs URL or the dashboard in words: a developer must learn where to go. */
function docsOrDashboard(guide: { docs?: string | undefined; dashboard?: string | undefined }, ctx: z.RefinementCtx): void {
  if (guide.docs === undefined && guide.dashboard === undefined) {
    ctx.addIssue({ code: 'custom', path: ['docs'], message: messages.docsOrDashboard });
  }
}

const remediation = z.object(remediationFields).strict().superRefine(docsOrDashboard);

export const builtinRemediation = z
  .object({ ...remediationFields, why: z.string().min(1), investigate: z.string().min(1) })
  .strict()
  .superRefine(docsOrDashboard);

/** Checksums a token format carries, verified before a finding is reported. */
export const CHECKSUMS = CHECKSUM_KINDS;

const ruleFields = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, messages.kebabCaseId),
    provider: z.string().min(1),
    family: z.enum(FAMILIES).optional(),
    description: z.string().min(1),
    regex: z.string().min(1).optional(),
    keywords: z.array(z.string().min(1)).optional(),
    entropy: z.number().min(0).max(8).optional(),
    path: z.string().min(1).optional(),
    stopwords: z.array(z.string().min(1)).optional(),
    checksum: z.enum(CHECKSUMS).optional(),
    pairOnly: z.boolean().optional(),
    remediation: remediation.optional(),
    examples: z
      .object({ positive: z.array(positiveExample), negative: z.array(example) })
      .strict()
      .optional(),
  })
  .strict();

type RuleFields = z.infer<typeof ruleFields>;

/** Checks every rule shares; `regexCheck` differs between the user's rules and the catalogue's. */
function ruleChecks(regexCheck: (source: string) => string | undefined) {
  return (rule: RuleFields, ctx: z.RefinementCtx) => {
    if (rule.regex === undefined && rule.path === undefined) {
      ctx.addIssue({ code: 'custom', path: ['regex'], message: messages.regexOrPath });
    }
    if (rule.regex !== undefined) {
      const problem = regexCheck(rule.regex);
      if (problem) ctx.addIssue({ code: 'custom', path: ['regex'], message: problem });
    }
    rule.keywords?.forEach((keyword, index) => {
      if (keyword !== keyword.toLowerCase()) {
        ctx.addIssue({ code: 'custom', path: ['keywords', index], message: messages.lowercaseKeyword });
      } else if ([...keyword].some((char) => char.charCodeAt(0) > 0x7f)) {
        // The keyword automaton, which large texts go through, is built over ASCII only.
        ctx.addIssue({ code: 'custom', path: ['keywords', index], message: messages.asciiKeyword });
      }
    });
  };
}

/**
 * A user-added rule (`rules.add`): the rules.json schema with remediation and examples optional.
 * Its regex is RE2 syntax (it runs on the linear-time engine: see detect/linearRegex.ts).
 */
export const userRuleSchema = ruleFields.superRefine(ruleChecks(userRegexProblem));

/** A built-in rule: everything a developer needs at the moment of the block is mandatory. */
export const builtinRuleSchema = ruleFields
  .safeExtend({
    family: z.enum(FAMILIES),
    keywords: z.array(z.string().min(1)),
    remediation: builtinRemediation,
    examples: z.object({ positive: z.array(positiveExample).min(2), negative: z.array(example).min(2) }).strict(),
  })
  .superRefine(ruleChecks(regexProblem));

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Two rules whose findings in one file are one credential (Mailjet key + secret, AWS id + secret). */
export const pairSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    provider: z.string().min(1),
    description: z.string().min(1),
    halves: z.tuple([z.string().min(1), z.string().min(1)]),
  })
  .strict();

/** rules.json as shipped. */
export const rulesFileSchema = z
  .object({
    version: z.literal(1),
    rules: z.array(builtinRuleSchema),
    pairs: z.array(pairSchema).default([]),
  })
  .strict();

export type UserRuleDef = z.infer<typeof userRuleSchema>;
export type BuiltinRuleDef = z.infer<typeof builtinRuleSchema>;
export type PairDef = z.infer<typeof pairSchema>;
export type RuleExample = z.infer<typeof positiveExample>;

/**
 * Why a user's regex cannot be used as a rule, or undefined when it can: RE2 syntax (no
 * lookarounds or backreferences), with the secret in a capture group.
 */
export function userRegexProblem(source: string): string | undefined {
  const problem = linearRegexProblem(source);
  if (problem) return messages.linearRegex(problem);
  if (linearGroupCount(source) === 0) return messages.captureGroup;
  return undefined;
}

/** Why a built-in rule's regex source cannot be used, or undefined when it can. */
export function regexProblem(source: string): string | undefined {
  const { pattern, flags } = splitInlineFlags(source);
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern, flags);
  } catch (error) {
    return messages.validJavaScriptRegex(regexErrorReason(error));
  }
  const groups = new RegExp(`${compiled.source}|`, flags).exec('')!.length - 1;
  if (groups === 0) return messages.captureGroup;
  const nested = nestedQuantifierProblem(pattern);
  if (nested) return messages.noNestedQuantifier(nested);
  return undefined;
}

/** `(?i)` at the start of a rule regex is the one inline flag we accept (as gitleaks does). */
export function splitInlineFlags(source: string): { pattern: string; flags: string } {
  return source.startsWith('(?i)') ? { pattern: source.slice(4), flags: 'i' } : { pattern: source, flags: '' };
}
