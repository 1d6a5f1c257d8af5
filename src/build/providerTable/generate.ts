import { messages } from '../../messages';
import { readFileSync } from 'node:fs';
import { isEnglishWord } from '../../config/wordList';
import { isPlaceholder } from '../../detect/placeholders';
import { alphabetChars, valueFor } from './fakeValues';
import { type Kind, KINDS, type KindName } from './kinds';
import { DOCS_OF, KEYWORDS_OF, MANUAL_REGEXES, MANUAL_SHAPES } from './overrides';
import { KIND_OF, NAME_OF } from './providers';

/**
 * Turns the reference table of credential formats (provider-formats.jsonl: facts about each
 * provider's key shape) and the hand-written judgement in this folder (kind of service, display
 * name, docs, keywords) into rule sources, one file per provider. Run by ./writeSources.ts; its
 * output under rules/ is what is committed and reviewed.
 */

/** One credential part of a reference detector, as the table describes it. */
export interface ReferencePart {
  role: string;
  prefix: string | string[] | null;
  charset: string | null;
  length: number | { min: number; max: number | null } | null;
  contextual: boolean;
  notes: string;
  contextWords?: string[];
}

/** One detector of the reference table. */
export interface ReferenceDetector {
  provider: string;
  detector: string;
  service: string;
  keywords: string[];
  parts: ReferencePart[];
  multipart: boolean;
  verifyHost: string | null;
}

/** A rule source entry in rules/*.json (the format the build expands). */
export interface SourceRule {
  id: string;
  provider: string;
  family: string;
  description: string;
  keywords: string[];
  shape?: Record<string, unknown>;
  regex?: string;
  remediation: { envVar: string; why: string; revoke: string; investigate: string; docs?: string; dashboard?: string };
  examples: { positive: { text: string; secret: string }[]; negative: string[] };
}

export interface ProviderSource {
  /** rules/<file>.json */
  file: string;
  provider: string;
  folders: string[];
  rules: SourceRule[];
}

export function readReference(path: string): ReferenceDetector[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as ReferenceDetector);
}

/** Suffixes of a folder name that say which credential it is, longest first, with how to call it. */
const CREDENTIAL_SUFFIXES: readonly [string, string][] = [
  ['personalaccesstoken', 'personal access token'],
  ['organizationapi', 'organization API token'],
  ['subscriptionkey', 'subscribe key'],
  ['applicationdefaultcredentials', 'application default credentials'],
  ['refreshtoken', 'refresh token'],
  ['personaltoken', 'personal token'],
  ['accesstoken', 'access token'],
  ['consumerkey', 'consumer key'],
  ['projectkey', 'project key'],
  ['publishkey', 'publish key'],
  ['channelkey', 'channel key'],
  ['writekey', 'write key'],
  ['readkey', 'read key'],
  ['userkey', 'user key'],
  ['license', 'license key'],
  ['webhook', 'webhook URL'],
  ['oauth2', 'OAuth credential'],
  ['oauth', 'OAuth credential'],
  ['apikey', 'API key'],
  ['token', 'API token'],
  ['key', 'API key'],
];

/** A folder's base name (the provider's word) and what its credential is called. */
export function folderParts(folder: string): { base: string; credential: string } {
  // `bot` ends many names (chatbot, diffbot, testingbot); only here is it the credential.
  if (folder === 'webexbot') return { base: 'webex', credential: 'bot token' };
  for (const [suffix, credential] of CREDENTIAL_SUFFIXES) {
    if (folder.endsWith(suffix) && folder.length > suffix.length + 2) return { base: folder.slice(0, -suffix.length), credential };
  }
  return { base: folder, credential: 'API key' };
}

/** Words too plain to stand for one provider in a name on their own (`float`, `front`, `hive`). */
const AMBIGUOUS = new Set(
  `apollo polygon semaphore hive swell float column deno tableau postman checkout manifest readme sanity harness rev host
   kanban parsers moderation ditto eraser mite wit guru hunter enigma courier front copper raven privacy ramp monday
   delighted refiner verifier twist streak beamer chatbot debounce commodities geocode metabase prefect percy hasura
   vouchery notion intervals juro audd tru lob duo mux wiz tly ngc nvapi column float`.split(/\s+/),
);

export function isAmbiguous(word: string): boolean {
  return word.length < 5 || AMBIGUOUS.has(word) || isEnglishWord(word);
}

/** Slot-name words for a provider word: the word itself when distinctive, else the word joined to a credential word. */
export function slotWordsFor(base: string): string[] {
  // `customerio` is also written CUSTOMER_IO, `clicksendsms` also CLICKSEND: the product word
  // split from its suffix (kept alone only when it is distinctive itself).
  const split = /^([a-z0-9]{4,}?)(io|api|app|hq|crm|sms)$/.exec(base);
  if (split) {
    const [, stem = '', suffix = ''] = split;
    return [`${stem}_${suffix}`, ...(stem.length >= 5 && !isAmbiguous(stem) ? [stem] : [])];
  }
  if (!isAmbiguous(base)) return [base];
  return ['api', 'key', 'token', 'secret', 'access', 'auth', 'url'].map((word) => `${base}_${word}`);
}

/** The prefilter keywords for slot words: each as written with and without its separator. */
export function prefilterWordsFor(slotWords: readonly string[]): string[] {
  return [...new Set(slotWords.flatMap((word) => (word.includes('_') ? [word, word.replace(/_/g, '')] : [word])))];
}

const CHARSETS = new Set(['hex', 'HEX', 'digits', 'alnum', 'alnum_lower', 'alnum_upper', 'base64', 'base64url']);

/**
 * A custom alphabet fit for a value inside code: quotes, backslashes and spaces removed (a value
 * never holds the quote that delimits it), or undefined when nothing usable remains.
 */
export function cleanAlphabet(charset: string): string | undefined {
  if (CHARSETS.has(charset)) return charset;
  if (!charset.startsWith('custom:')) return undefined;
  const chars = charset.slice('custom:'.length).replace(/["'`\\\s]/g, '');
  return chars ? `custom:${chars}` : undefined;
}

/** A prefix that makes a value unmistakable without a keyword around it. */
function distinctivePrefix(prefix: string | string[] | null): prefix is string | string[] {
  if (prefix === null) return false;
  const list = typeof prefix === 'string' ? [prefix] : prefix;
  return list.every((item) => item.length >= 4 && /[_\-.]/.test(item) && !isEnglishWord(item.replace(/[^a-z]/gi, '').toLowerCase()));
}

/**
 * The alphabet plus the separators and segment characters the notes name, when the length counts
 * them (uuid layouts, segments joined by '-', '.', '_'): one class over-approximates the layout,
 * still bounded by the exact length and demanded under the provider's name.
 */
export function widenForSeparators(alphabet: string, notes: string): string {
  if (!/length includes separators|uuid|segments/.test(notes)) return alphabet;
  const extra = new Set<string>();
  if (/uuid/.test(notes)) extra.add('-');
  for (const match of notes.matchAll(/'([^']*)'/g)) for (const char of match[1]!) extra.add(char);
  for (const match of notes.matchAll(/custom:([^\s;,]+)/g)) for (const char of alphabetChars(`custom:${match[1]!}`)) extra.add(char);
  for (const char of [...extra]) if (/["'`\\\s]/.test(char)) extra.delete(char);
  const base = new Set(alphabetChars(alphabet));
  const missing = [...extra].filter((char) => !base.has(char));
  if (missing.length === 0) return alphabet;
  const named: Record<string, string> = {
    hex: '0-9a-f',
    HEX: '0-9A-F',
    digits: '0-9',
    alnum: '0-9A-Za-z',
    alnum_lower: '0-9a-z',
    alnum_upper: '0-9A-Z',
    base64: '0-9A-Za-z+/',
    base64url: '0-9A-Za-z_-',
  };
  const body = alphabet.startsWith('custom:') ? alphabet.slice('custom:'.length) : named[alphabet]!;
  // A '-' must stay last to read as itself.
  const dash = body.endsWith('-') || missing.includes('-');
  const chars = body.replace(/-$/, '') + missing.filter((char) => char !== '-').join('') + (dash ? '-' : '');
  return `custom:${chars}`;
}

interface Candidate {
  detector: ReferenceDetector;
  part: ReferencePart;
  alphabet: string;
  score: number;
  suffix?: string;
}

/** The part a rule is written for: a secret with a regular shape, distinctive prefixes first, newest detector next. */
export function chooseParts(detectors: readonly ReferenceDetector[]): Candidate | undefined {
  const manual = MANUAL_SHAPES.get(detectors[0]?.provider ?? '');
  if (manual) {
    const part: ReferencePart = {
      role: 'secret',
      prefix: manual.prefix ?? null,
      charset: manual.alphabet,
      length: manual.length,
      contextual: true,
      notes: '',
    };
    return { detector: detectors[0]!, part, alphabet: manual.alphabet, score: 0, ...(manual.suffix ? { suffix: manual.suffix } : {}) };
  }
  const candidates: Candidate[] = [];
  detectors.forEach((detector, index) => {
    for (const part of detector.parts) {
      if (!part.role.startsWith('secret') || part.charset === null || part.length === null) continue;
      const clean = cleanAlphabet(part.charset);
      if (!clean) continue;
      const alphabet = widenForSeparators(clean, part.notes);
      const prefixScore = distinctivePrefix(part.prefix) && !part.contextual ? 40 : part.prefix ? 20 : 0;
      const roleScore = part.role === 'secret' ? 5 : 0;
      candidates.push({ detector, part, alphabet, score: prefixScore + roleScore + index });
    }
  });
  return candidates.sort((a, b) => b.score - a.score)[0];
}

/** Upper bound for an open-ended length: room for the longest real tokens, not for a whole file. */
function boundedLength(length: NonNullable<ReferencePart['length']>): number | { min: number; max: number } {
  if (typeof length === 'number') return length;
  // Below eight characters a value is more often a word, a flag or an id than a credential.
  const min = Math.max(length.min, 8);
  const max = Math.max(min, length.max ?? Math.min(4096, Math.max(min * 2, min + 64)));
  return min === max ? max : { min, max };
}

const kebab = (text: string) =>
  text
    .replace(/\(.*?\)/g, '')
    .replace(/&/g, 'and')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const envWord = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** The generator's view of one provider: its folders in the reference table and their rules. */
export function providerSources(reference: readonly ReferenceDetector[], takenIds: ReadonlySet<string>): ProviderSource[] {
  const byFolder = new Map<string, ReferenceDetector[]>();
  for (const detector of reference) byFolder.set(detector.provider, [...(byFolder.get(detector.provider) ?? []), detector]);
  const byName = new Map<string, string[]>();
  for (const folder of KIND_OF.keys()) {
    const detectors = byFolder.get(folder);
    if (!detectors) throw new Error(messages.tableUnknownFolder(folder));
    const name = NAME_OF.get(folder) ?? detectors[0]!.service;
    byName.set(name, [...(byName.get(name) ?? []), folder]);
  }
  const ids = new Set(takenIds);
  const sources: ProviderSource[] = [];
  for (const [name, folders] of byName) {
    const slug = kebab(name);
    const rules: SourceRule[] = [];
    for (const folder of folders) {
      const rule = ruleFor(name, slug, folder, byFolder.get(folder)!, KINDS[KIND_OF.get(folder)!], ids);
      if (rule) {
        ids.add(rule.id);
        rules.push(rule);
      }
    }
    if (rules.length) sources.push({ file: slug, provider: name, folders, rules });
  }
  return sources;
}

function ruleFor(
  name: string,
  slug: string,
  folder: string,
  detectors: readonly ReferenceDetector[],
  kind: Kind,
  ids: Set<string>,
): SourceRule | undefined {
  const { base: folderBase, credential } = folderParts(folder);
  const slotOverride = KEYWORDS_OF.get(folder);
  const base = slotOverride?.[0] ?? folderBase;
  const description = describe(name, credential);
  let id = `${slug}-${kebab(credential)}`.replace(/-api-api-/, '-api-');
  if (ids.has(id)) id = `${slug}-${kebab(folder)}-${kebab(credential)}`;
  if (ids.has(id)) throw new Error(messages.tableIdTaken(folder, id));
  const envVar = `${envWord(base)}_${credential.includes('token') ? 'TOKEN' : credential.includes('URL') ? 'WEBHOOK_URL' : 'API_KEY'}`;
  const docs = DOCS_OF.get(folder);
  const remediation = {
    envVar,
    why: kind.why(name),
    revoke: kind.revoke(name),
    investigate: kind.investigate(name),
    ...(docs ? { docs } : { dashboard: `${name} dashboard → API keys (or the account's developer settings)` }),
  };
  const manual = MANUAL_REGEXES.get(folder);
  if (manual) {
    const fill = (n: number) => valueFor(`${id}:${n}`, 'alnum_lower', n, isPlaceholder);
    const one = manual.example(fill);
    const two = manual.example((n) => valueFor(`${id}:b${n}`, 'alnum_lower', n, isPlaceholder));
    return {
      id,
      provider: name,
      family: kind.family,
      description,
      keywords: manual.keywords,
      regex: manual.regex,
      remediation,
      examples: {
        positive: [
          { text: `${envVar}=${one}`, secret: one },
          { text: `  url: "${two}"`, secret: two },
        ],
        negative: [`${envVar}=${one.slice(0, -1)}`, `${envVar}=${one.replace(/\/[a-z0-9]{32}$/, '/<secret>')}`],
      },
    };
  }
  const chosen = chooseParts(detectors);
  if (!chosen) return undefined;
  const { part, alphabet } = chosen;
  const length = boundedLength(part.length!);
  const slotWords = slotOverride ?? slotWordsFor(base);
  const prefixed = distinctivePrefix(part.prefix) && !part.contextual;
  const prefix = part.prefix ?? undefined;
  const suffix = chosen.suffix ? { suffix: chosen.suffix } : {};
  const shape: Record<string, unknown> = prefixed
    ? { kind: 'prefixed', prefix, alphabet, length, ...suffix }
    : {
        kind: 'keyed',
        ...(prefix !== undefined ? { prefix } : {}),
        alphabet,
        length,
        ...suffix,
        ...(slotWords.some((word) => word.includes('_')) ? { keywords: slotWords } : {}),
      };
  const keywords = prefixed ? prefixKeywords(prefix!) : prefilterWordsFor(slotWords);
  const examples = examplesFor(id, { prefixed, prefix, suffix: chosen.suffix ?? '', alphabet, length, envVar });
  return { id, provider: name, family: kind.family, description, keywords, shape, remediation, examples };
}

/** "Abstract API key", not "Abstract API API key". */
function describe(name: string, credential: string): string {
  return name.endsWith(' API') && credential.startsWith('API ') ? `${name} ${credential.slice(4)}` : `${name} ${credential}`;
}

function prefixKeywords(prefix: string | string[]): string[] {
  return [...new Set((typeof prefix === 'string' ? [prefix] : prefix).map((item) => item.toLowerCase()))];
}

interface ExampleInput {
  prefixed: boolean;
  prefix: string | string[] | undefined;
  alphabet: string;
  length: number | { min: number; max: number };
  suffix: string;
  envVar: string;
}

const camel = (words: string) =>
  words
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('');

/** Positive examples in usage shapes, and negatives that each carry a keyword yet must not fire. */
export function examplesFor(id: string, input: ExampleInput): SourceRule['examples'] {
  const { prefixed, alphabet, length, envVar } = input;
  const firstPrefix = input.prefix === undefined ? '' : typeof input.prefix === 'string' ? input.prefix : input.prefix[0]!;
  const size = typeof length === 'number' ? length : Math.min(length.max, Math.max(length.min, 24));
  const { suffix } = input;
  const value = (salt: string) => firstPrefix + valueFor(`${id}:${salt}`, alphabet, size, isPlaceholder) + suffix;
  const one = value('a');
  const two = value('b');
  const slot = envVar.toLowerCase().replace(/_/g, ' ');
  const camelSlot = camel(slot);
  const snakeSlot = envVar.toLowerCase();
  const templates = [
    (v: string) => `const ${camelSlot} = '${v}';`,
    (v: string) => `${snakeSlot}: "${v}"`,
    (v: string) => `{ "${camelSlot}": "${v}" }`,
    (v: string) => `${envVar} = os.environ.get("${envVar}", "${v}")`,
    (v: string) => `export ${envVar}="${v}"`,
  ];
  const pick = templates[hashOf(id) % templates.length]!;
  const positive = [
    { text: `${envVar}=${one}`, secret: one },
    { text: pick(two), secret: two },
  ];
  const min = typeof length === 'number' ? length : length.min;
  const negative: string[] = [];
  if (min > 4) negative.push(`${envVar}=${firstPrefix}${valueFor(`${id}:short`, alphabet, min - 1, isPlaceholder)}${suffix}`);
  if (prefixed) {
    negative.push(`${envVar}=${firstPrefix}<your-token-here>`);
    negative.push(`${envVar}=x${one}`);
  } else {
    negative.push(`${envVar}=\${${envVar}}`);
    negative.push(`# ${envVar} is read at startup\nrequestId = "${one}"`);
  }
  return { positive, negative };
}

function hashOf(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

export { alphabetChars, type KindName };
