import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRuleSchema, type BuiltinRuleDef } from '../config/ruleSchema';
import { validate } from '../config/validate';
import { isEnglishWord } from '../config/wordList';
import { EXIT } from '../errors';
import { messages } from '../messages';
import { PACKAGE_ROOT } from '../packageInfo';
import { exampleProblems, expandRule, pinBySecret, ruleSourceFiles } from './assembleRules';
import type { SourceRule } from './ruleSourceSchema';
import { USAGE_SHAPE_EXCLUSIONS, type UsageShape, usageShapesOf } from './usageShapes';

/**
 * `node dist/build/usageExamples.js`: gives every provider rule of rules/ a positive example in
 * each usage shape it lacks (env file, code, YAML, JSON; see usageShapes.ts), written around a
 * secret the rule's own examples already pin, so the value stays one a person checked against
 * the format. For each missing shape it tries the ways people write it, most typical first
 * (nested under the provider's name, a client of a package named after the provider), and keeps
 * the first that the rule, run alone, reports at its pin. What no candidate shows is printed: a
 * gap in detection to fix, or a rule to list in USAGE_SHAPE_EXCLUSIONS with its reason.
 * Idempotent: a rule that shows all four shapes is left as it is. Run it after writeSources.
 */

type Positive = SourceRule['examples']['positive'][number];
interface Candidate {
  path: string;
  text: string;
}

const CREDENTIAL_TOKENS = new Set(['key', 'token', 'secret', 'password', 'pat', 'sid', 'credential', 'credentials', 'auth', 'dsn']);

/** The words a name is written in: `ACME_API_KEY` → acme, api, key. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const pascal = (words: readonly string[]) => words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
const camel = (words: readonly string[]) => {
  const joined = pascal(words);
  return joined.charAt(0).toLowerCase() + joined.slice(1);
};

/** The slot a credential goes in, from its env var: `ACME_API_KEY` → api, key; `ACME_TOKEN` → token. */
function slotOf(envVar: string): { provider: string[]; slot: string[] } {
  const words = wordsOf(envVar);
  const take = words.length >= 3 ? 2 : 1;
  const slot = words.slice(-take);
  const provider = words.slice(0, -take);
  if (!slot.some((word) => CREDENTIAL_TOKENS.has(word)) || provider.length === 0) return { provider: words, slot: ['api', 'key'] };
  return { provider, slot };
}

/** A keyword a package of the provider would be named after: distinctive, no separator (it must occur in the text as written). */
function packageWord(rule: SourceRule, keywords: readonly string[]): string | undefined {
  const usable = keywords.filter((keyword) => /^[a-z][a-z0-9]{4,}$/.test(keyword) && !isEnglishWord(keyword));
  const plain = usable.filter((keyword) => !/(key|token|secret|access|auth|url|password)$/.test(keyword));
  // A value that needs no name (a prefixed token, a URL) is found in any client: the provider's name will do.
  const named = rule.shape?.kind === 'keyed' || rule.shape?.kind === 'uuid';
  return plain[0] ?? usable[0] ?? (named ? undefined : wordsOf(rule.provider).join(''));
}

function candidatesFor(shape: UsageShape, rule: SourceRule, secret: string, keywords: readonly string[]): Candidate[] {
  const envVar = rule.remediation.envVar ?? `${wordsOf(rule.provider).join('_').toUpperCase()}_API_KEY`;
  const { provider, slot } = slotOf(envVar);
  const providerWords = wordsOf(rule.provider);
  const file = providerWords.join('-') || 'provider';
  const parents = [...new Set([provider.join('_'), providerWords.join('_'), providerWords.join('')])].filter(Boolean);
  const word = packageWord(rule, keywords);
  const hash = [...rule.id].reduce((sum, char) => sum + char.charCodeAt(0), 0);
  switch (shape) {
    case 'env':
      return [
        { path: '.env', text: `${envVar}=${secret}` },
        { path: '.env', text: `${envVar}="${secret}"` },
        { path: '.env.production', text: `# ${rule.provider}\n${envVar}=${secret}` },
      ];
    case 'yaml':
      return [
        ...parents.map((parent) => ({ path: `config/${file}.yaml`, text: `${parent}:\n  ${slot.join('_')}: "${secret}"\n` })),
        ...parents.map((parent) => ({ path: `config/${file}.yaml`, text: `${parent}:\n  ${envVar.toLowerCase()}: "${secret}"\n` })),
        { path: 'deploy/values.yaml', text: `app:\n  env:\n    ${envVar}: "${secret}"\n` },
      ];
    case 'json':
      return [
        ...parents.map((parent) => ({
          path: 'appsettings.json',
          text: `{\n  "${pascal(wordsOf(parent))}": {\n    "${pascal(slot)}": "${secret}"\n  }\n}\n`,
        })),
        ...parents.map((parent) => ({
          path: `config/${file}.json`,
          text: `{\n  "${parent}": {\n    "${envVar.toLowerCase()}": "${secret}"\n  }\n}\n`,
        })),
        { path: 'config/secrets.json', text: `{\n  "env": {\n    "${envVar}": "${secret}"\n  }\n}\n` },
      ];
    case 'code': {
      const sdk: Candidate[] = [];
      if (word !== undefined) {
        const name = pascal(providerWords) || 'Client';
        const js = {
          path: `src/${file}.js`,
          text: `import { ${name} } from '${word}';\n\nconst client = new ${name}({ ${camel(slot)}: '${secret}' });\n`,
        };
        const python = {
          path: `app/${file.replace(/-/g, '_')}.py`,
          text: `from ${word} import Client\n\nclient = Client(${slot.join('_')}="${secret}")\n`,
        };
        const go = {
          path: 'main.go',
          text: `package main\n\nimport "github.com/${word}/${word}-go"\n\nvar client = ${word}.NewClient("${secret}")\n`,
        };
        const ruby = {
          path: `lib/${file}.rb`,
          text: `require '${word}'\n\nclient = ${name}::Client.new(${slot.join('_')}: '${secret}')\n`,
        };
        const all = [js, python, go, ruby];
        sdk.push(...all.slice(hash % all.length), ...all.slice(0, hash % all.length));
      }
      return [
        ...sdk,
        { path: `src/${file}.ts`, text: `const ${camel(wordsOf(envVar))} = '${secret}';\n` },
        { path: `app/${file.replace(/-/g, '_')}.py`, text: `${envVar} = "${secret}"\n` },
      ];
    }
  }
}

/** The secret the rule's examples pin first (a two-span pin has none to reuse), and the text it came in. */
function pinnedSecret(positives: readonly Positive[]): { secret: string; text: string } | undefined {
  for (const positive of positives) if (typeof positive !== 'string' && 'secret' in positive) return positive;
  return undefined;
}

/**
 * Values to write the secret as: the secret alone, and the whole value it was written in (a URL,
 * a connection string, a header) when the rule finds only a part of one.
 */
function valuesAround(text: string, secret: string): string[] {
  const at = text.indexOf(secret);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd);
  const inLine = at - lineStart;
  const values = [secret];
  for (const quote of ['"', "'", '`']) {
    const open = line.lastIndexOf(quote, inLine - 1);
    const close = line.indexOf(quote, inLine + secret.length);
    if (open !== -1 && close !== -1) values.push(line.slice(open + 1, close));
  }
  let start = inLine;
  while (start > 0 && !/\s/.test(line[start - 1]!)) start--;
  let end = inLine + secret.length;
  while (end < line.length && !/[\s"'`,;]/.test(line[end]!)) end++;
  values.push(line.slice(start, end).replace(/^[A-Za-z_][\w.-]*[=:]/, ''));
  values.push(line.replace(/^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*[=:]\s*/, '').replace(/^["']|["'];?$/g, ''));
  return [...new Set(values)].filter((value) => value.includes(secret) && !/["\\]/.test(value));
}

function reportedAlone(rule: SourceRule, candidate: Candidate, secret: string): boolean {
  const built: BuiltinRuleDef = validate(builtinRuleSchema, expandRule(rule), rule.id);
  // The candidate alone: the rule's other examples were checked by the build.
  return exampleProblems({ ...built, examples: { positive: [pinBySecret({ ...candidate, secret })], negative: [] } }).length === 0;
}

function main(): void {
  const dir = join(PACKAGE_ROOT, 'rules');
  const gaps: string[] = [];
  let added = 0;
  for (const name of ruleSourceFiles(dir)) {
    const path = join(dir, name);
    const source = JSON.parse(readFileSync(path, 'utf8')) as { rules: SourceRule[] };
    let changed = false;
    for (const rule of source.rules) {
      if (rule.family === 'generic' || rule.path !== undefined || USAGE_SHAPE_EXCLUSIONS[rule.id]?.shapes === 'all') continue;
      const excluded = new Set(USAGE_SHAPE_EXCLUSIONS[rule.id]?.shapes ?? []);
      const shown = new Set(usageShapesOf(rule.examples.positive));
      const pinned = pinnedSecret(rule.examples.positive);
      const secret = pinned?.secret;
      const values = pinned ? valuesAround(pinned.text, pinned.secret) : [];
      const keywords = (expandRule(rule) as { keywords: string[] }).keywords;
      for (const shape of ['env', 'code', 'yaml', 'json'] as const) {
        if (shown.has(shape) || excluded.has(shape)) continue;
        const found =
          secret === undefined
            ? undefined
            : values.flatMap((value) => candidatesFor(shape, rule, value, keywords)).find((c) => reportedAlone(rule, c, secret));
        if (!found || secret === undefined) {
          gaps.push(`${name}: ${rule.id}: ${shape}`);
          continue;
        }
        rule.examples.positive.push({ ...found, secret });
        changed = true;
        added++;
      }
    }
    if (changed) writeFileSync(path, `${JSON.stringify(source, null, 2)}\n`);
  }
  process.stdout.write(`${messages.usageExamplesWritten(added, gaps)}\n`);
  if (gaps.length > 0) process.exitCode = EXIT.error;
}

main();
