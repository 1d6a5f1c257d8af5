import { type NamedProvider, SdkNames, tokensOf, type IndexedRule } from './sdkNames';
import type { IsWord } from './secretValue';
import type { SlotPlace } from './slotText';

/**
 * Source code restated as `name = "value"` lines for the rules to read (the way slotText does
 * for config files), in three shapes a line-by-line regex cannot see:
 * - a provider named by its SDK import or API host: literal arguments of its client calls and
 *   its object keys (`new Mailjet({ apiKey: '…' })`, `.connect('…', '…')`) are restated under
 *   the names that provider's rules know (`mailjet_api_key = "…"`);
 * - literal pieces joined by `+` (JS, TS, Java, C#, …) or by Python's implicit concatenation,
 *   PEM keys built line by line included: restated joined, under the name they are assigned to;
 * - an environment lookup with a literal fallback (`os.getenv('X', '…')`, `process.env.X || '…'`,
 *   `${X:-…}`): the fallback restated under the variable's name;
 * - any other provider of the catalogue named by an imported module or an API host (sdkNames.ts):
 *   literals in constructor and client-call arguments and under credential-named keys are
 *   restated under the provider's keyword (`new Acme({ apiKey: '…' })` after
 *   `import … from 'acme-sdk'` reads `acme_api_key = "…"`), for that provider's rules only.
 *   Nothing of it runs on a file that imports no module and names no API host.
 *
 * Every scan here is a forward walk from an `indexOf` hit with bounded look-around: no regex
 * runs over a whole line, so a megabyte of minified code costs a few passes of indexOf.
 */

/** A provider whose SDK or API host in a file names the credentials passed to its client. */
export interface ProviderContext {
  /** Text whose presence names the provider: SDK package and module names, API hosts. */
  names: readonly string[];
  /** Calls whose literal arguments are its credentials (`Client(`, `.connect(`, `auth=(`). */
  calls: readonly string[];
  /** Restated name of each literal argument, by position. */
  positional: readonly string[];
  /** Object and keyword-argument keys, with the restated name of their literal value. */
  keys: Readonly<Record<string, string>>;
  /** The rules whose findings a restated line of this provider may give. */
  ruleIds: readonly string[];
}

/** One line per provider: what names it, which calls and keys carry its credentials. */
export const PROVIDER_CONTEXTS: readonly ProviderContext[] = [
  {
    // Node (node-mailjet), Python (mailjet_rest), Go, PHP, Java, .NET SDKs, and the REST host.
    names: [
      'node-mailjet',
      'mailjet_rest',
      'mailjet-apiv3-go',
      'mailjet/mailjet-apiv3-php',
      'com.mailjet.client',
      'Mailjet.Client',
      'api.mailjet.com',
    ],
    calls: ['Mailjet', 'connect', 'apiConnect', 'Client', 'MailjetClient', 'NewMailjetClient', 'auth'],
    positional: ['mailjet_api_key', 'mailjet_secret_key'],
    keys: {
      apiKey: 'mailjet_api_key',
      apiSecret: 'mailjet_secret_key',
      api_key: 'mailjet_api_key',
      api_secret: 'mailjet_secret_key',
      secret_key: 'mailjet_secret_key',
    },
    ruleIds: ['mailjet-api-key', 'mailjet-secret-key'],
  },
  {
    // algoliasearch (JS, Python), algolia/algoliasearch-client-php, the Java and Go clients, and the REST hosts.
    names: ['algoliasearch', 'AlgoliaSearch', 'com.algolia', 'algolia.net'],
    calls: ['algoliasearch', 'create', 'searchClient', 'NewClient'],
    positional: ['algolia_app_id', 'algolia_admin_api_key'],
    keys: { apiKey: 'algolia_admin_api_key', api_key: 'algolia_admin_api_key', appId: 'algolia_app_id', app_id: 'algolia_app_id' },
    ruleIds: ['algolia-app-id', 'algolia-admin-api-key'],
  },
  {
    // datadog-api-client (JS, Python, Go, Java), the legacy `datadog` Python package, and the API hosts.
    names: ['datadog-api-client', 'datadog_api_client', 'from datadog import', 'import datadog', 'datadoghq.com', 'com.datadog.api'],
    calls: [],
    positional: [],
    keys: { apiKeyAuth: 'datadog_api_key', appKeyAuth: 'datadog_app_key', api_key: 'datadog_api_key', app_key: 'datadog_app_key' },
    ruleIds: ['datadog-api-key', 'datadog-app-key'],
  },
  {
    // postmark (JS), postmarker (Python), postmark-rails/postmark (Ruby), Postmark .NET and PHP, and the API host.
    names: ['postmark', 'Postmark', 'postmarker', 'api.postmarkapp.com'],
    calls: ['ServerClient', 'PostmarkClient', 'ApiClient.new'],
    positional: ['postmark_server_token'],
    keys: { serverToken: 'postmark_server_token', server_token: 'postmark_server_token', api_token: 'postmark_server_token' },
    ruleIds: ['postmark-server-token'],
  },
  {
    // @vonage/server-sdk, the vonage and nexmo Python packages, vonage/client (PHP), and the REST host.
    names: ['@vonage/', 'import vonage', 'Vonage\\', 'nexmo', 'api.nexmo.com'],
    calls: ['Basic', 'Client', 'Vonage', 'Nexmo'],
    positional: ['vonage_api_key', 'vonage_api_secret'],
    keys: { apiKey: 'vonage_api_key', apiSecret: 'vonage_api_secret', key: 'vonage_api_key', secret: 'vonage_api_secret' },
    ruleIds: ['vonage-api-key', 'vonage-api-secret'],
  },
  {
    // The cloudflare SDKs (JS, Python, Go: cloudflare-go) and the API host.
    names: ['cloudflare', 'Cloudflare', 'api.cloudflare.com'],
    calls: [],
    positional: [],
    keys: {
      apiToken: 'cloudflare_api_token',
      api_token: 'cloudflare_api_token',
      apiKey: 'cloudflare_api_key',
      api_key: 'cloudflare_api_key',
    },
    ruleIds: ['cloudflare-api-token', 'cloudflare-global-api-key'],
  },
  {
    // The Okta management SDKs (Node, Python, Java, .NET, Go): a short word, too plain for the generic SDK context.
    names: ['@okta/okta-sdk-nodejs', 'from okta', 'com.okta.sdk', 'Okta.Sdk', 'okta-sdk-golang'],
    calls: [],
    positional: [],
    keys: { token: 'okta_api_token', apiToken: 'okta_api_token', api_token: 'okta_api_token' },
    ruleIds: ['okta-api-token'],
  },
  {
    // HashiCorp Vault clients: hvac (Python), node-vault, the Go api package, VaultSharp (.NET).
    names: ['import hvac', 'node-vault', 'hashicorp/vault/api', 'VaultSharp'],
    calls: ['SetToken', 'TokenAuthMethodInfo'],
    positional: ['vault_token'],
    keys: { token: 'vault_token', vaultToken: 'vault_token' },
    ruleIds: ['hashicorp-vault-legacy-token'],
  },
  {
    // The Box SDKs (Node, Python, Java, .NET): `box` is too plain a word for the generic SDK context.
    // Only calls that take the developer token alone: a constructor's first argument may be a client id.
    names: ['box-node-sdk', 'boxsdk', 'com.box.sdk', 'Box.V2', 'box-python-sdk-gen', 'box_sdk_gen'],
    calls: ['getBasicClient'],
    positional: ['box_developer_token'],
    keys: {
      clientSecret: 'box_client_secret',
      client_secret: 'box_client_secret',
      developerToken: 'box_developer_token',
      access_token: 'box_developer_token',
      accessToken: 'box_developer_token',
    },
    ruleIds: ['box-developer-token', 'box-client-secret'],
  },
  {
    // logzio-nodejs, logzio-python-handler, logzio-java-sender, and the listener host.
    names: ['logzio', 'listener.logz.io'],
    calls: [],
    positional: [],
    keys: { token: 'logzio_token', shippingToken: 'logzio_token', shipping_token: 'logzio_token' },
    ruleIds: ['logzio-token'],
  },
  {
    // jfrog-client-js, pyartifactory, the JFrog Go client and the Artifactory REST host.
    names: ['jfrog', 'pyartifactory', 'artifactory'],
    calls: [],
    positional: [],
    keys: {
      accessToken: 'jfrog_access_token',
      access_token: 'jfrog_access_token',
      apiKey: 'jfrog_api_key',
      api_key: 'jfrog_api_key',
      token: 'jfrog_access_token',
    },
    ruleIds: ['jfrog-reference-token', 'jfrog-access-token', 'jfrog-api-key'],
  },
  {
    // Honeycomb's OpenTelemetry distributions, the Beelines and libhoney: `honeycomb` is a plain word.
    names: ['@honeycombio/', 'honeycomb-beeline', 'beeline-python', 'libhoney', 'api.honeycomb.io'],
    calls: [],
    positional: [],
    keys: { apiKey: 'honeycomb_api_key', api_key: 'honeycomb_api_key', writeKey: 'honeycomb_api_key', writekey: 'honeycomb_api_key' },
    ruleIds: ['honeycomb-api-key'],
  },
  {
    // The IBM Cloud SDK core (Python, Node, Go, Java): `IAMAuthenticator('<api key>')`, `{ apikey: '…' }`.
    names: ['ibm_cloud_sdk_core', 'ibm-cloud-sdk-core', 'IBM/go-sdk-core', 'com.ibm.cloud.sdk'],
    calls: ['IAMAuthenticator'],
    positional: ['ibm_cloud_api_key'],
    keys: { apikey: 'ibm_cloud_api_key', apiKey: 'ibm_cloud_api_key', api_key: 'ibm_cloud_api_key', ApiKey: 'ibm_cloud_api_key' },
    ruleIds: ['ibm-cloud-api-key'],
  },
  {
    // The sumologic-sdk Python client (`SumoLogic(access_id, access_key)`) and the API hosts.
    names: ['from sumologic import', 'import sumologic', 'api.sumologic.com'],
    calls: ['SumoLogic'],
    positional: ['sumologic_access_id', 'sumologic_access_key'],
    keys: {
      accessId: 'sumologic_access_id',
      access_id: 'sumologic_access_id',
      accessKey: 'sumologic_access_key',
      access_key: 'sumologic_access_key',
    },
    ruleIds: ['sumologic-access-id', 'sumologic-access-key'],
  },
];

/** Calls that read an environment variable (`getenv` also in os.getenv, System.getenv): the first argument names it, a second is the fallback. */
const ENV_CALLS = ['os.environ.get', 'getenv', 'ENV.fetch', 'Environment.GetEnvironmentVariable'];

/** Extensions of source code and of the files that hold shell-style `${X:-…}` defaults. */
// biome-ignore format: a table, grouped by language family
const CODE_EXTENSIONS = new Set([
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'vue', 'svelte',
  'py', 'pyw', 'rb', 'php', 'go', 'java', 'kt', 'kts', 'scala', 'groovy', 'gradle', 'cs', 'swift', 'dart',
  'rs', 'c', 'cc', 'cpp', 'h', 'hpp', 'm', 'pl', 'pm', 'lua', 'r', 'ex', 'exs',
  'sh', 'bash', 'zsh', 'ksh', 'ps1', 'yml', 'yaml', 'env',
]);

/** Extensionless names that hold shell or code. */
const CODE_NAMES = new Set(['dockerfile', 'containerfile', 'makefile', 'jenkinsfile', 'rakefile', 'gemfile', '.envrc', '.env']);

/** A literal longer than this is no credential, a joined one longer than this no PEM key. */
const MAX_LITERAL = 4096;
const MAX_JOINED = 20000;
/** How far a call's arguments are read, and how many. */
const MAX_ARGUMENTS_SPAN = 600;
const MAX_ARGUMENTS = 4;
const MAX_DEPTH = 2;

/** Restated lines with their places; also the rules each line may give (undefined: any). */
export interface CodeContext {
  text: string;
  places: (SlotPlace & { ruleIds?: readonly string[] })[];
}

/** Whether `path` is source code (or shell-like config) that code context reads. */
export function isCodePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (CODE_NAMES.has(name) || name.startsWith('.env.') || name.startsWith('dockerfile.')) return true;
  const dot = name.lastIndexOf('.');
  return dot > 0 && CODE_EXTENSIONS.has(name.slice(dot + 1));
}

/**
 * The code context of one text, or undefined when it holds none of the shapes (most files).
 * `hasRule` says whether the text holds a keyword of that rule: a provider's SDK names are
 * looked for only then (its rules could not match the restated lines otherwise). `keywordsAt`,
 * where rule keywords start in the text when the caller knows: an environment lookup is looked
 * for only shortly before one, where its variable name or fallback would hold it.
 */
export function codeContext(
  path: string,
  text: string,
  hasRule: (id: string) => boolean = () => true,
  keywordsAt?: () => Iterable<readonly number[]>,
  /** The SDK-name index, or undefined when no module of this text could name a provider. Asked only of code. */
  sdkNames?: () => SdkNames | undefined,
  /** Indices of the PROVIDER_CONTEXTS some name of which the text holds, ignoring case (absent: look for them all). Asked only of code. */
  contextsNamed?: () => ReadonlySet<number>,
): CodeContext | undefined {
  if (!isCodePath(path)) return undefined;
  const out = new Restatement(text);
  const named = contextsNamed?.();
  PROVIDER_CONTEXTS.forEach((provider, index) => {
    if ((named && !named.has(index)) || !provider.ruleIds.some(hasRule)) return;
    if (provider.names.some((name) => text.includes(name))) providerLiterals(text, provider, out);
  });
  const index = sdkNames?.();
  if (index) sdkLiterals(path, text, index, out);
  if (text.includes('+')) plusConcatenations(text, out);
  if (path.toLowerCase().endsWith('.py') || path.toLowerCase().endsWith('.pyw')) implicitConcatenations(text, out);
  for (const [from, to] of keywordsAt ? lookupWindows(keywordsAt()) : [[0, text.length] as const]) envFallbacks(text, out, from, to);
  return out.result();
}

class Restatement {
  private readonly lines: string[] = [];
  private readonly places: CodeContext['places'] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly text: string) {}

  /** `name = "value"`, pointing at `text[from, to)`, the value as written. */
  add(name: string, value: string, from: number, to: number, ruleIds?: readonly string[]): void {
    if (value.length < 8 || value.includes('\n')) return;
    const key = `${name}@${from}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const prefix = `${name} = "`;
    const raw = this.text.slice(from, to);
    this.lines.push(`${prefix}${value}"`);
    this.places.push({ offset: from, raw, prefix: prefix.length, exact: raw === value, ...(ruleIds ? { ruleIds } : {}) });
  }

  result(): CodeContext | undefined {
    return this.lines.length ? { text: this.lines.join('\n'), places: this.places } : undefined;
  }
}

/** A string literal: its content's bounds (inside the quotes) and where the literal ends. */
interface Literal {
  start: number;
  end: number;
  after: number;
}

const QUOTES = '"\'`';

/**
 * The single-line string literal whose opening quote is at `at`, or undefined. A template
 * literal with `${…}` is not a literal: its value is computed.
 */
function literalAt(text: string, at: number): Literal | undefined {
  return scanLiteral(text, at).literal;
}

/** literalAt, and where the scan stopped: no literal of that quote opens before there on that line. */
function scanLiteral(text: string, at: number): { literal?: Literal; stop: number } {
  const quote = text[at];
  if (quote === undefined || !QUOTES.includes(quote)) return { stop: at + 1 };
  const limit = Math.min(text.length, at + 1 + MAX_LITERAL);
  for (let index = at + 1; index < limit; index++) {
    const char = text[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === '\n') return { stop: index };
    if (quote === '`' && char === '$' && text[index + 1] === '{') return { stop: index };
    if (char === quote) return { literal: { start: at + 1, end: index, after: index + 1 }, stop: index + 1 };
  }
  return { stop: limit };
}

/** The literal whose closing quote is at `at`, read backwards, or undefined. */
function literalEndingAt(text: string, at: number): Literal | undefined {
  const quote = text[at];
  if (quote === undefined || !QUOTES.includes(quote) || isEscaped(text, at)) return undefined;
  const limit = Math.max(0, at - MAX_LITERAL);
  for (let index = at - 1; index >= limit; index--) {
    const char = text[index];
    if (char === '\n') return undefined;
    if (char !== quote || isEscaped(text, index)) continue;
    return { start: index + 1, end: at, after: at + 1 };
  }
  return undefined;
}

/** Whether the character at `at` follows an odd run of backslashes (bounded: a run that long is no code). */
/** Whether the character at `at` follows an odd run of backslashes (looked at up to 64 back: bounded cost). */
export function isEscaped(text: string, at: number): boolean {
  let slashes = 0;
  while (slashes < 64 && text[at - 1 - slashes] === '\\') slashes++;
  return slashes % 2 === 1;
}

function skipSpace(text: string, at: number, newlines = true): number {
  let index = at;
  while (index < text.length) {
    const char = text[index];
    if (char === ' ' || char === '\t' || char === '\r' || (newlines && char === '\n')) index++;
    else break;
  }
  return index;
}

function skipSpaceBack(text: string, at: number, newlines = true): number {
  let index = at;
  while (index >= 0) {
    const char = text[index];
    if (char === ' ' || char === '\t' || char === '\r' || (newlines && char === '\n')) index--;
    else break;
  }
  return index;
}

function isIdentifierChar(char: string | undefined): boolean {
  return char !== undefined && /[\w$]/.test(char);
}

/**
 * The top-level arguments of the call whose `(` is at `open`: each a literal or undefined (any
 * other expression), read no further than MAX_ARGUMENTS_SPAN characters.
 */
function argumentsAt(text: string, open: number): { literals: (Literal | undefined)[]; close: number } | undefined {
  const literals: (Literal | undefined)[] = [];
  const limit = Math.min(text.length, open + MAX_ARGUMENTS_SPAN);
  let depth = 0;
  let argumentStart = open + 1;
  const finish = (end: number) => {
    const from = skipSpace(text, argumentStart);
    const literal = literalAt(text, from);
    literals.push(literal && skipSpace(text, literal.after) === end ? literal : undefined);
  };
  for (let index = open + 1; index < limit; index++) {
    const char = text[index]!;
    if (QUOTES.includes(char)) {
      const literal = literalAt(text, index);
      if (!literal) return undefined;
      index = literal.after - 1;
    } else if (char === '(' || char === '[' || char === '{') {
      // Credentials are passed shallow: a deeper argument is not read (nor re-read by every nested call).
      if (++depth > MAX_DEPTH) return undefined;
    } else if ((char === ')' || char === ']' || char === '}') && depth > 0) depth--;
    else if (char === ')' && depth === 0) {
      if (skipSpace(text, argumentStart) < index) finish(index);
      return { literals, close: index };
    } else if (char === ',' && depth === 0) {
      finish(index);
      if (literals.length >= MAX_ARGUMENTS) return { literals, close: index };
      argumentStart = index + 1;
    }
  }
  return undefined;
}

/** Each place `word` occurs as a whole word (not inside a longer identifier). */
function* wordsAt(text: string, word: string): Generator<number> {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
    if (isIdentifierChar(text[at - 1]) || isIdentifierChar(text[at + word.length])) continue;
    yield at;
  }
}

function providerLiterals(text: string, provider: ProviderContext, out: Restatement): void {
  for (const call of provider.calls) {
    for (const at of wordsAt(text, call)) {
      // `Client(`, `Mailjet (`, and Python's keyword argument `auth=(`.
      let open = skipSpace(text, at + call.length, false);
      if (text[open] === '=') open = skipSpace(text, open + 1, false);
      if (text[open] !== '(') continue;
      const parsed = argumentsAt(text, open);
      if (!parsed) continue;
      parsed.literals.forEach((literal, index) => {
        const name = provider.positional[index];
        if (literal && name) out.add(name, text.slice(literal.start, literal.end), literal.start, literal.end, provider.ruleIds);
      });
    }
  }
  for (const [key, name] of Object.entries(provider.keys)) {
    for (const at of wordsAt(text, key)) {
      // `apiKey: '…'`, `"apiKey": "…"`, `api_key='…'` (a keyword argument).
      let next = at + key.length;
      if (text[next] === '"' || text[next] === "'") next++;
      // Python's `configuration.api_key["apiKeyAuth"] = "…"`.
      if (text[next] === ']') next++;
      next = skipSpace(text, next, false);
      if (text[next] !== ':' && text[next] !== '=') continue;
      if (text[next + 1] === '=') continue;
      const literal = literalAt(text, skipSpace(text, next + 1, false));
      if (literal) out.add(name, text.slice(literal.start, literal.end), literal.start, literal.end, provider.ruleIds);
    }
  }
}

/** The name a value at `at` is assigned to (`token = `, `"password": `, `secret := (`), or ''. */
function assignedName(text: string, at: number): string {
  let index = skipSpaceBack(text, at - 1);
  if (text[index] === '(') index = skipSpaceBack(text, index - 1);
  const operator = text[index];
  if (operator !== '=' && operator !== ':' && operator !== '>') return '';
  if (operator === '=' && '=!<>'.includes(text[index - 1] ?? '')) return '';
  index--;
  if (operator === '>' && text[index] === '=') index--;
  else if (text[index] === ':') index--;
  index = skipSpaceBack(text, index, false);
  if (text[index] === '"' || text[index] === "'" || text[index] === ']') index--;
  const end = index + 1;
  let start = end;
  while (start > 0 && end - start < 80 && /[\w$.-]/.test(text[start - 1]!)) start--;
  return text.slice(start, end).replace(/^[.-]+/, '');
}

/** A chain of literal pieces: restated joined, pointing at the first piece through the last as written. */
function addJoined(text: string, pieces: Literal[], out: Restatement): void {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  let joined = '';
  for (const piece of pieces) joined += text.slice(piece.start, piece.end);
  if (joined.length > MAX_JOINED) return;
  const name = assignedName(text, first.start - 1) || 'joined';
  out.add(name, joined, first.start, last.end);
}

/** `"…" + "…"` chains: each `+` with a literal on either side joins them. */
function plusConcatenations(text: string, out: Restatement): void {
  let pieces: Literal[] = [];
  for (let at = text.indexOf('+'); at !== -1; at = text.indexOf('+', at + 1)) {
    const leftQuote = skipSpaceBack(text, at - 1);
    if (!QUOTES.includes(text[leftQuote] ?? 'x')) continue;
    const rightQuote = skipSpace(text, at + 1);
    if (!QUOTES.includes(text[rightQuote] ?? 'x')) continue;
    const last = pieces[pieces.length - 1];
    const left = last && last.end === leftQuote ? last : literalEndingAt(text, leftQuote);
    const right = literalAt(text, rightQuote);
    if (!left || !right) continue;
    if (left !== last) {
      if (pieces.length > 1) addJoined(text, pieces, out);
      pieces = [left];
    }
    pieces.push(right);
    at = right.after - 1;
  }
  if (pieces.length > 1) addJoined(text, pieces, out);
}

/** Python's `("…" "…")`: literals with nothing but white space between them. */
function implicitConcatenations(text: string, out: Restatement): void {
  const quotes = new NextQuote(text);
  for (let at = 0; at < text.length; ) {
    const quote = quotes.from(at);
    if (quote === -1) return;
    const { literal: first, stop } = scanLiteral(text, quote);
    if (!first) {
      // No literal opens at a quote before `stop` either (an unclosed quote runs to the line's end).
      at = Math.max(stop, quote + 1);
      continue;
    }
    const pieces = [first];
    for (let next = skipSpace(text, first.after); pieces.length < 200; next = skipSpace(text, pieces[pieces.length - 1]!.after)) {
      const piece = literalAt(text, next);
      if (!piece || text[next] === '`') break;
      pieces.push(piece);
    }
    if (pieces.length > 1) addJoined(text, pieces, out);
    at = pieces[pieces.length - 1]!.after;
  }
}

/** The next `"` or `'` from an offset, each found by one forward pass of indexOf over the text. */
class NextQuote {
  private double = -2;
  private single = -2;

  constructor(private readonly text: string) {}

  from(at: number): number {
    if (this.double !== -1 && this.double < at) this.double = this.text.indexOf('"', at);
    if (this.single !== -1 && this.single < at) this.single = this.text.indexOf("'", at);
    if (this.double === -1) return this.single;
    if (this.single === -1) return this.double;
    return Math.min(this.double, this.single);
  }
}

/** A literal after a fallback operator (`||`, `??`, `?:`, `or`) at `at`, else undefined. */
function fallbackAfter(text: string, at: number): Literal | undefined {
  const index = skipSpace(text, at, false);
  const two = text.slice(index, index + 2);
  if (two !== '||' && two !== '??' && two !== '?:' && two !== 'or') return undefined;
  if (two === 'or' && isIdentifierChar(text[index + 2])) return undefined;
  return literalAt(text, skipSpace(text, index + 2, false));
}

/** How far before a keyword an environment lookup starts: `os.environ.get('…', '<keyword>…')`. */
const LOOKUP_REACH = 300;

/**
 * Stretches of text that end just after a keyword and start LOOKUP_REACH before it, merged.
 * `keywordsAt`: each keyword's start offsets, ascending (a big text holds thousands: they are
 * gathered into one typed array and sorted natively).
 */
function lookupWindows(keywordsAt: Iterable<readonly number[]>): [number, number][] {
  const lists = [...keywordsAt];
  const starts = new Int32Array(lists.reduce((sum, list) => sum + list.length, 0));
  let filled = 0;
  for (const list of lists) {
    starts.set(list, filled);
    filled += list.length;
  }
  starts.sort();
  const windows: [number, number][] = [];
  for (const start of starts) {
    const from = Math.max(0, start - LOOKUP_REACH);
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = start + 1;
    else windows.push([from, start + 1]);
  }
  return windows;
}

/** Environment lookups with a literal fallback whose lookup word starts in `[from, to)`. */
function envFallbacks(text: string, out: Restatement, from: number, to: number): void {
  // One case-blind pass for `env` finds every lookup (getenv, environ, process.env, ENV,
  // Environment): each word is then checked where that hit would sit in it.
  // The lookup word may run on past `to`, a `${NAME:-` past the keyword in its name. Searched in
  // a slice: a search from `from` in the whole text would run on to the next hit, however far.
  const window = text.slice(from, Math.min(text.length, to + 100));
  const hits = /env/gi;
  for (let hit = hits.exec(window); hit; hit = hits.exec(window)) {
    const at = from + hit.index;
    if (text.startsWith(PROCESS_ENV, at - PROCESS_ENV.length + 3)) processEnvFallback(text, at + 3, out);
    for (const call of ENV_CALLS) {
      const start = at - call.toLowerCase().indexOf('env');
      if (start >= 0 && text.startsWith(call, start)) callFallback(text, start, call, out);
    }
  }
  for (let found = window.indexOf(':-'); found !== -1; found = window.indexOf(':-', found + 2)) {
    const at = from + found;
    // `${NAME:-value}`: the name back to `${`, the value (quoted or not) up to `}`.
    let start = at;
    while (start > 0 && at - start < 100 && /\w/.test(text[start - 1]!)) start--;
    if (start === at || text[start - 1] !== '{' || text[start - 2] !== '$') continue;
    const quoted = literalAt(text, at + 2);
    if (quoted) {
      if (text[quoted.after] === '}') addFallback(text, text.slice(start, at), quoted, out);
      continue;
    }
    let end = at + 2;
    while (end < text.length && end - at < MAX_LITERAL && !'}$\n"\' \t'.includes(text[end]!)) end++;
    if (text[end] === '}') addFallback(text, text.slice(start, at), { start: at + 2, end, after: end + 1 }, out);
  }
}

const PROCESS_ENV = 'process.env';

/** `getenv('X', '…')`, `os.environ.get('X', '…')`, `getenv('X') ?: '…'` with the call at `at`. */
function callFallback(text: string, at: number, call: string, out: Restatement): void {
  if (isIdentifierChar(text[at - 1])) return;
  const open = skipSpace(text, at + call.length, false);
  if (text[open] !== '(') return;
  const parsed = argumentsAt(text, open);
  const variable = parsed?.literals[0];
  if (!parsed || !variable) return;
  const fallback = parsed.literals[1] ?? (text[parsed.close] === ')' ? fallbackAfter(text, parsed.close + 1) : undefined);
  if (fallback) addFallback(text, text.slice(variable.start, variable.end), fallback, out);
}

/** `process.env.X || '…'`, `process.env['X'] ?? '…'`, `index` just after `process.env`. */
function processEnvFallback(text: string, after: number, out: Restatement): void {
  let index = after;
  let variable: string;
  if (text[index] === '.') {
    const start = index + 1;
    index = start;
    while (isIdentifierChar(text[index]) && index - start < 100) index++;
    variable = text.slice(start, index);
  } else if (text[index] === '[') {
    const literal = literalAt(text, index + 1);
    if (!literal || text[literal.after] !== ']') return;
    variable = text.slice(literal.start, literal.end);
    index = literal.after + 1;
  } else return;
  const fallback = variable ? fallbackAfter(text, index) : undefined;
  if (fallback) addFallback(text, variable, fallback, out);
}

function addFallback(text: string, variable: string, fallback: Literal, out: Restatement): void {
  if (!/^[A-Za-z_][\w.-]*$/.test(variable)) return;
  out.add(variable, text.slice(fallback.start, fallback.end), fallback.start, fallback.end);
}

/** The SDK-name index of a catalogue; the rules a PROVIDER_CONTEXTS entry ties to its SDK are left to it. */
export function sdkNamesOf(rules: readonly IndexedRule[], isWord: IsWord): SdkNames {
  return new SdkNames(rules, isWord, new Set(PROVIDER_CONTEXTS.flatMap((provider) => provider.ruleIds)));
}

/** Words that start a module name (`import`, `require`, `from`, `using`, PHP/Rust `use`, Ruby `gem`, Gradle `implementation`), by language. */
const MODULE_MARKERS = ['import', 'require', 'from', 'using', 'use', 'gem', 'implementation'];
// biome-ignore format: a table
const MARKERS_BY_EXTENSION: Readonly<Record<string, readonly string[]>> = {
  js: ['import', 'require'], mjs: ['import'], cjs: ['require'], jsx: ['import', 'require'],
  ts: ['import', 'require'], mts: ['import'], cts: ['import', 'require'], tsx: ['import'],
  vue: ['import'], svelte: ['import'], py: ['import'], pyw: ['import'],
  rb: ['require', 'gem'], go: ['import'], java: ['import'], kt: ['import'], scala: ['import'], groovy: ['import'],
  gradle: ['implementation'], kts: ['import', 'implementation'], cs: ['using'], php: ['use', 'require'], rs: ['use'],
  swift: ['import'], dart: ['import'], ex: ['alias', 'import'], exs: ['alias', 'import'],
};

/** The module markers of a path's language (all of them where the extension says none). */
function markersOf(path: string): readonly string[] {
  const dot = path.lastIndexOf('.');
  return (dot > path.lastIndexOf('/') && MARKERS_BY_EXTENSION[path.slice(dot + 1).toLowerCase()]) || MODULE_MARKERS;
}
/** How many module names and hosts one file may offer: a file with more is generated, not written. */
const MAX_NAMES = 2000;
/** How much of a file is read for its imports. */
const MODULE_HEAD = 64 * 1024;
const MAX_NAME = 200;
/** Calls whose literal arguments are a client's credentials, whatever its provider (besides any `new X(…)`). */
// biome-ignore format: a list
const CLIENT_CALLS = [
  'Client', 'connect', 'init', 'initialize', 'configure', 'setApiKey', 'set_api_key', 'setAccessToken', 'authenticate',
  'createClient', 'NewClient', 'new_client',
];
/** Name tokens that make a key credential-named (`apiKey`, `ACCESS_TOKEN`, `client_secret`, `accountSid`). */
// biome-ignore format: a list
const CREDENTIAL_TOKENS = new Set([
  'key', 'apikey', 'token', 'secret', 'password', 'passwd', 'pwd', 'credential', 'credentials', 'auth', 'authtoken',
  'accesstoken', 'secretkey', 'accesskey', 'privatekey', 'sid',
]);

/** Literals a provider named by a module or host is handed: restated under its keyword, for its rules only. */
function sdkLiterals(path: string, text: string, sdkNames: SdkNames, out: Restatement): void {
  const named = new ModuleNames(text, sdkNames, markersOf(path));
  const providers = named.providers();
  if (providers.length === 0) return;
  const add = (slot: string, literal: Literal) => {
    for (const provider of providers) {
      out.add(`${provider.keyword}_${slot}`, text.slice(literal.start, literal.end), literal.start, literal.end, provider.ruleIds);
    }
  };
  const positional = (literals: readonly (Literal | undefined)[]) => {
    literals.forEach((literal, index) => {
      if (literal) add(POSITIONAL_SLOTS[Math.min(index, POSITIONAL_SLOTS.length - 1)]!, literal);
    });
  };
  for (const open of named.calls) {
    const parsed = argumentsAt(text, open);
    if (parsed) positional(parsed.literals);
  }
  for (const at of wordsAt(text, 'new')) {
    // `new Acme(…)`, `new acme.Client(…)`, Ruby's `Acme::Client.new(…)`.
    let open = skipSpace(text, at + 3, false);
    while (open < text.length && open - at < 100 && /[\w$.:]/.test(text[open]!)) open++;
    if (text[open] !== '(') continue;
    const parsed = argumentsAt(text, open);
    if (parsed) positional(parsed.literals);
  }
  for (const call of CLIENT_CALLS) {
    for (const at of wordsAt(text, call)) {
      const open = skipSpace(text, at + call.length, false);
      if (text[open] !== '(') continue;
      const parsed = argumentsAt(text, open);
      if (parsed) positional(parsed.literals);
    }
  }
  credentialKeys(text, (slot, literal) => add(slot, literal));
}

/** Restated names of positional arguments: a key, then its secret, then tokens. */
const POSITIONAL_SLOTS = ['api_key', 'api_secret', 'token'];

/**
 * `apiKey: '…'`, `"api_key": "…"`, `api_key='…'`, `:api_key => '…'`, `APIKey: "…"`, `acme.api_key = '…'`,
 * `.apiKey("…")`: each credential-named key, attribute or setter with a literal value.
 */
function credentialKeys(text: string, found: (slot: string, literal: Literal) => void): void {
  const hits = /key|token|secret|passw|pwd|credential|auth|sid/gi;
  let lastEnd = -1;
  for (let hit = hits.exec(text); hit; hit = hits.exec(text)) {
    let start = hit.index;
    while (start > 0 && hit.index - start < 60 && isIdentifierChar(text[start - 1])) start--;
    let end = hit.index + hit[0].length;
    while (end < text.length && end - start < 80 && isIdentifierChar(text[end])) end++;
    if (end <= lastEnd) continue;
    lastEnd = end;
    hits.lastIndex = end;
    const slot = tokensOf(text.slice(start, end)).join('_');
    if (!slot.split('_').some((token) => CREDENTIAL_TOKENS.has(token))) continue;
    let next = end;
    if (text[next] === '"' || text[next] === "'" || text[next] === ']') next++;
    next = skipSpace(text, next, false);
    const operator = text[next];
    if (operator === '(') {
      // A builder or setter: `.apiKey("…")`, `setApiKey('…')`, `WithToken("…")`: a literal as the only argument.
      const literal = literalAt(text, skipSpace(text, next + 1, false));
      if (literal && text[skipSpace(text, literal.after, false)] === ')') found(slot, literal);
      continue;
    }
    if (operator !== ':' && operator !== '=') continue;
    if (text[next + 1] === '=' || text[next + 1] === ':') continue;
    next += text[next + 1] === '>' ? 2 : 1;
    const literal = literalAt(text, skipSpace(text, next, false));
    if (literal) found(slot, literal);
  }
}

/** Each place `word` occurs as a whole word: wordsAt with character codes (a marker such as `from` is in most prose). */
function* markerWordsAt(text: string, word: string): Generator<number> {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
    if (isWordCode(text.charCodeAt(at - 1)) || isWordCode(text.charCodeAt(at + word.length))) continue;
    yield at;
  }
}

/** `[A-Za-z0-9_$]` by character code (NaN, out of the text, is none). */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

/** Letters, digits and `_ . \\ / : @ -`: the characters of a module name or a URL's authority. */
function isModuleChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 58) ||
    code === 95 ||
    code === 46 ||
    code === 92 ||
    code === 47 ||
    code === 64 ||
    code === 45
  );
}

/** The module names and API hosts of a file, read from one indexOf pass per marker. */
class ModuleNames {
  /** Where a call on a required module opens: `require('acme')(` */
  readonly calls: number[] = [];
  private budget = MAX_NAMES;
  private readonly found = new Map<string, NamedProvider>();

  constructor(
    private readonly text: string,
    private readonly sdkNames: SdkNames,
    private readonly markers: readonly string[],
  ) {}

  providers(): NamedProvider[] {
    const text = this.text;
    // Modules are imported at the top of a file; past MODULE_HEAD a file is a bundle or generated.
    const head = text.length > MODULE_HEAD ? text.slice(0, MODULE_HEAD) : text;
    for (const marker of this.markers) {
      for (const at of markerWordsAt(head, marker)) {
        if (--this.budget < 0) return [...this.found.values()];
        this.moduleAfter(at + marker.length, marker === 'require');
        if (marker === 'import' && !this.markers.includes('from')) this.fromClauseOf(at);
      }
    }
    for (let at = text.indexOf('://'); at !== -1 && --this.budget >= 0; at = text.indexOf('://', at + 3)) this.hostAt(at + 3);
    return [...this.found.values()];
  }

  private name(name: string): void {
    // A relative or absolute path (`./util`, `/lib/x`) is the project's own module.
    if (name.length < 3 || name.charCodeAt(0) === 46 || name.charCodeAt(0) === 47) return;
    // Where a module is hosted (Go's `github.com/acme/acme-go`, Java's `com.github.acme`) names its host, not its provider.
    const module = name.replace(/^(?:[\w-]+\.)+[a-z]{2,}\//, '').replace(/^(?:com|io)\.(?:github|gitlab)\./, '');
    for (const provider of this.sdkNames.providersOf(module)) this.found.set(provider.keyword, provider);
  }

  /** A module name after its marker: quoted (`from 'acme'`, `require("acme")`, Go's `import (` block) or bare (`import acme.client`). */
  private moduleAfter(after: number, required: boolean): void {
    const text = this.text;
    let at = skipSpace(text, after, false);
    if (text[at] === '(') {
      at = skipSpace(text, at + 1);
      // Go's import block: one quoted path a line, up to its `)`.
      for (let count = 0; count < 100 && text[at] !== ')' && QUOTES.includes(text[at] ?? 'x'); count++) {
        const literal = literalAt(text, at);
        if (!literal) return;
        this.name(text.slice(literal.start, literal.end));
        if (required && text[literal.after] === ')' && text[literal.after + 1] === '(') this.calls.push(literal.after + 1);
        at = skipSpace(text, literal.after);
        if (text[at] === ',') at = skipSpace(text, at + 1);
      }
      return;
    }
    if (QUOTES.includes(text[at] ?? 'x')) {
      const literal = literalAt(text, at);
      if (literal && literal.end - literal.start <= MAX_NAME) this.name(text.slice(literal.start, literal.end));
      return;
    }
    let end = at;
    while (end < text.length && end - at < MAX_NAME && isModuleChar(text.charCodeAt(end))) end++;
    if (end > at) this.name(text.slice(at, end));
  }

  /**
   * The module of an `import` read from its `from` (one marker, `import`, instead of two: `from`
   * is in most prose): JS's `import { Acme } from 'acme'` after it, Python's `from acme import …`
   * before it on its line.
   */
  private fromClauseOf(at: number): void {
    const text = this.text;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const before = skipSpace(text, lineStart, false);
    if (text.startsWith('from', before) && before + 4 < at) {
      this.moduleAfter(before + 4, false);
      return;
    }
    const from = text.indexOf('from', at + 6);
    if (from === -1 || from - at > MAX_ARGUMENTS_SPAN || isWordCode(text.charCodeAt(from - 1)) || isWordCode(text.charCodeAt(from + 4)))
      return;
    const quote = skipSpace(text, from + 4, false);
    if (QUOTES.includes(text[quote] ?? 'x')) this.moduleAfter(from + 4, false);
  }

  /** An API host (`api.acme.io`, `acme.io/v1/…`): a host alone names its provider only when the URL is an API's. */
  private hostAt(after: number): void {
    const text = this.text;
    let end = after;
    while (end < text.length && end - after < MAX_NAME && isModuleChar(text.charCodeAt(end)) && text.charCodeAt(end) !== 47) end++;
    const authority = text.slice(after, end);
    const path = text.slice(end, end + 8);
    const apiPath = /^\/(api|v\d)/i.test(path);
    // Most URLs (links in comments, schema ids) name no API: read no further.
    if (!apiPath && !authority.toLowerCase().includes('api')) return;
    const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '');
    if (!tokensOf(host).includes('api') && !apiPath) {
      // `acmeapi.com`: the keyword itself says api.
      for (const provider of this.sdkNames.providersOf(host))
        if (provider.keyword.includes('api')) this.found.set(provider.keyword, provider);
      return;
    }
    this.name(host);
  }
}
