import { messages } from '../../messages';
import type { UserRule } from '../userConfig';
import type { RuleCheck } from './gitleaks';
import { objectOf, parseJsonFile } from './json';
import { emptyTranslation, type Translation } from './translation';

const m = messages.importing;

const PREFIX = '@secretlint/secretlint-rule-';

/** secretlint rules and the providers of leakgate's catalogue that find the same credentials. */
const PROVIDERS: Record<string, string[]> = {
  aws: ['AWS'],
  gcp: ['Google Cloud'],
  azure: ['Azure'],
  github: ['GitHub'],
  npm: ['npm'],
  slack: ['Slack'],
  sendgrid: ['Twilio SendGrid'],
  shopify: ['Shopify'],
  openai: ['OpenAI'],
  anthropic: ['Anthropic'],
  linear: ['Linear'],
  '1password': ['1Password'],
  privatekey: ['Private key', 'PGP', 'PuTTY'],
  basicauth: ['URL credentials', 'HTTP Authorization'],
};

/**
 * A secretlint config (`.secretlintrc.json`): `rules[]` with `id`, `options` (`allows`, the
 * pattern rule's `patterns`), `disabled`, `allowMessageIds`, and presets holding `rules` of their
 * own. `catalogue` gives each leakgate rule's provider, so a disabled secretlint rule disables
 * the leakgate rules of the same provider.
 */
export function translateSecretlint(text: string, file: string, catalogue: ReadonlyMap<string, string>, check: RuleCheck): Translation {
  const out = emptyTranslation();
  const visit = (entries: unknown): void => {
    if (!Array.isArray(entries)) return;
    for (const entry of entries.map(objectOf)) {
      const id = String(entry.id ?? '');
      const name = id.startsWith(PREFIX) ? id.slice(PREFIX.length) : id;
      const options = objectOf(entry.options);
      if (entry.disabled === true) {
        const providers = PROVIDERS[name];
        const ids = providers ? [...catalogue].filter(([, provider]) => providers.includes(provider)).map(([ruleId]) => ruleId) : [];
        if (ids.length) out.config.rules.disable.push(...ids);
        else out.untranslated.push({ file, what: m.ruleNamed(id), reason: m.noMatchingProvider });
        continue;
      }
      for (const allow of Array.isArray(options.allows) ? options.allows.map(String) : []) {
        const regex = regexOfAllow(allow);
        if (regex) out.config.allowlist.regexes.push(regex);
        else out.untranslated.push({ file, what: m.allowIn(id, allow), reason: m.regexFlags });
      }
      if (name === 'pattern') patternRules(out, file, id, options.patterns, check);
      const ignoredOptions = Object.keys(options).filter((key) => key !== 'allows' && !(name === 'pattern' && key === 'patterns'));
      for (const key of ignoredOptions) out.untranslated.push({ file, what: m.optionOf(id, key), reason: m.noSuchOption });
      if (Array.isArray(entry.allowMessageIds) && entry.allowMessageIds.length)
        out.untranslated.push({ file, what: m.optionOf(id, 'allowMessageIds'), reason: m.messageIds });
      visit(entry.rules);
    }
  };
  visit(objectOf(parseJsonFile(text, file)).rules);
  return out;
}

/**
 * secretlint matches `allows` against each matched secret: `"/re/flags"` as that regex (flag `i`
 * as `(?i)`), any other string as a substring (case-sensitive): a regex of that text. Undefined:
 * flags leakgate cannot honour.
 */
function regexOfAllow(allow: string): string | undefined {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(allow);
  if (!literal) return allow.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  const [, body = '', flags = ''] = literal;
  if (/[^gi]/.test(flags)) return undefined;
  return flags.includes('i') ? `(?i)${body}` : body;
}

/** The pattern rule's `patterns: [{ name, pattern }]`: each a leakgate rule. */
function patternRules(out: Translation, file: string, id: string, patterns: unknown, check: RuleCheck): void {
  if (!Array.isArray(patterns)) return;
  for (const pattern of patterns.map(objectOf)) {
    const name = String(pattern.name ?? '');
    const regex = typeof pattern.pattern === 'string' ? regexOfAllow(pattern.pattern) : undefined;
    const what = m.patternNamed(id, name);
    if (!regex || !pattern.pattern || !String(pattern.pattern).startsWith('/')) {
      out.untranslated.push({ file, what, reason: m.regexFlags });
      continue;
    }
    const ruleId =
      `secretlint-${name}`
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'secretlint-pattern';
    const withGroup = /\((?!\?)/.test(regex) ? regex : regex.replace(/^(\(\?i\))?(.*)$/s, '$1($2)');
    const rule: UserRule = { id: ruleId, provider: m.importedProvider('secretlint'), description: name || ruleId, regex: withGroup };
    const problem = check(rule);
    if (problem) out.untranslated.push({ file, what, reason: problem });
    else out.config.rules.add.push(rule);
  }
}
