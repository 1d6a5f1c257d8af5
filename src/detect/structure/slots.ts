import { envSlots } from './env';
import { hclSlots } from './hcl';
import { iniSlots, propertiesSlots } from './ini';
import { jsonSlots } from './json';
import { decodeLayers, dockerAuths } from './kubernetes';
import { SlotLimitReached, SlotSink } from './sink';
import { tomlSlots } from './toml';
import { xmlSlots } from './xml';
import { yamlSlots } from './yaml';

/** The config formats whose values are read with their key paths. */
export type SlotFormat = 'yaml' | 'json' | 'toml' | 'ini' | 'properties' | 'env' | 'xml' | 'hcl';

/** One scalar value of a config file, with the key path that leads to it and its place. */
export interface Slot {
  /** Key path from the document root: ['mailjet', 'api_key'], ['Mailjet', 'ApiSecret'], ['services', 'web', 'environment', 'MJ_APIKEY_PRIVATE'], ['provider', 'mailjet', 'api_key'] for HCL `provider "mailjet" { api_key = "…" }`. Sequence items use their index as a string ('0', '1', …). */
  path: string[];
  /** The value as the program reading the file would see it: quotes removed, escapes decoded (JSON \uXXXX, \/, \n; YAML double-quoted escapes; TOML basic strings), YAML block scalars (| and >) joined. */
  value: string;
  /** Offset of the value's first character in the text (inside the quotes). */
  offset: number;
  /** 1-based line and column of the value's first character in the text (inside the quotes). */
  line: number;
  column: number;
  /** Length of the value as written in the text (without quotes), so a report can point at it. */
  rawLength: number;
  format: SlotFormat;
  /** Set when the value was decoded from another encoding before it became this value (Kubernetes Secret `data`: base64). */
  decodedFrom?: 'base64';
}

const BY_EXTENSION: Record<string, SlotFormat> = {
  yml: 'yaml',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'json',
  json5: 'json',
  toml: 'toml',
  ini: 'ini',
  cfg: 'ini',
  cnf: 'ini',
  properties: 'properties',
  env: 'env',
  xml: 'xml',
  config: 'xml',
  csproj: 'xml',
  vbproj: 'xml',
  fsproj: 'xml',
  props: 'xml',
  targets: 'xml',
  pom: 'xml',
  nuspec: 'xml',
  resx: 'xml',
  plist: 'xml',
  xsd: 'xml',
  wsdl: 'xml',
  jmx: 'xml',
  tf: 'hcl',
  tfvars: 'hcl',
  hcl: 'hcl',
  nomad: 'hcl',
};

const BY_NAME: Record<string, SlotFormat> = {
  '.env': 'env',
  '.envrc': 'env',
  '.flaskenv': 'env',
  '.npmrc': 'ini',
  '.pypirc': 'ini',
  '.gitconfig': 'ini',
  '.editorconfig': 'ini',
  '.s3cfg': 'ini',
  '.boto': 'ini',
  pipfile: 'toml',
  'cargo.lock': 'toml',
  'poetry.lock': 'toml',
  'uv.lock': 'toml',
  '.terraformrc': 'hcl',
  'terraform.rc': 'hcl',
  'composer.lock': 'json',
  'pipfile.lock': 'json',
  '.babelrc': 'json',
  '.dockercfg': 'json',
};

/** Files named as templates or samples of a config file: the format is the name before the suffix. */
const TEMPLATE_SUFFIXES = [
  '.j2',
  '.jinja',
  '.jinja2',
  '.tpl',
  '.tmpl',
  '.template',
  '.dist',
  '.example',
  '.sample',
  '.default',
  '.orig',
  '.bak',
  '.local',
  '.gotmpl',
];

/** Names without a config extension that are looked at (credentials, config, …); source code is not. */
const SNIFFED_EXTENSIONS = new Set(['', 'config', 'conf', 'txt', 'rc', 'cf', 'settings', 'secret', 'secrets', 'credentials', 'creds']);

/** Extensionless names that are code or prose, never config: not sniffed. */
const NOT_CONFIG = new Set([
  'makefile',
  'dockerfile',
  'containerfile',
  'jenkinsfile',
  'vagrantfile',
  'gemfile',
  'rakefile',
  'podfile',
  'brewfile',
  'license',
  'readme',
  'changelog',
  'authors',
  'notice',
  'copying',
  'codeowners',
]);

/** The format a file is in, from its name first and else from a cheap look at its first bytes; undefined for anything else (source code). */
export function structureOf(path: string, text: string): SlotFormat | undefined {
  let name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  for (let round = 0; round < 3; round++) {
    const known = BY_NAME[name];
    if (known) return known;
    if (name.startsWith('.env.') || name.endsWith('.env')) return 'env';
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 ? name.slice(dot + 1) : '';
    const byExtension = extension ? BY_EXTENSION[extension] : undefined;
    // `.config` is .NET XML (web.config, app.config) but not always: trust the extension only for XML-looking text.
    if (byExtension && (extension !== 'config' || sniff(text) === 'xml')) return byExtension;
    const suffix = TEMPLATE_SUFFIXES.find((candidate) => name.endsWith(candidate) && name.length > candidate.length);
    if (!suffix) break;
    name = name.slice(0, name.length - suffix.length);
  }
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1) : '';
  if (!SNIFFED_EXTENSIONS.has(extension) || NOT_CONFIG.has(dot > 0 ? name.slice(0, dot) : name)) return undefined;
  return sniff(text);
}

/** The format the first meaningful line of a text suggests, looking at no more than its first 4 KB. */
function sniff(text: string): SlotFormat | undefined {
  const head = text.slice(0, 4096);
  let at = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (at < head.length) {
    const newline = head.indexOf('\n', at);
    const end = newline === -1 ? head.length : newline;
    const line = head.slice(at, end).trim();
    at = end + 1;
    if (!line) continue;
    if (line.startsWith('#!')) return undefined;
    if (line.startsWith('<?xml') || /^<[A-Za-z!]/.test(line)) return 'xml';
    if (line.startsWith('#') || line.startsWith(';') || line.startsWith('//')) continue;
    if (line.startsWith('{')) return 'json';
    if (line.startsWith('---') || line.startsWith('%YAML')) return 'yaml';
    if (/^\[[A-Za-z_][^\]]*\]$/.test(line)) return 'ini';
    if (line.startsWith('[')) return 'json';
    if (/^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*=/.test(line)) return 'env';
    if (/^[A-Za-z_][\w.-]*:(?:\s|$)/.test(line) || /^- /.test(line)) return 'yaml';
    if (/^[A-Za-z_][\w.-]*\s*[=:]/.test(line)) return 'ini';
    return undefined;
  }
  return undefined;
}

/** Every slot of the text in that format. Never throws; linear in the text's size; bounded nesting depth; tolerant of broken files and templates ({{ … }}, ${…}, Jinja, Helm). */
export function slotsOf(path: string, text: string, format?: SlotFormat): Slot[] {
  const resolved = format ?? structureOf(path, text);
  if (!resolved) return [];
  const sink = new SlotSink(text, resolved);
  try {
    fill(sink);
  } catch {
    // A parser bug must never cost the scan: what was read before it stands.
  }
  return sorted(sink.slots);
}

/**
 * slotsOf without its safety net, for tests: a parser that throws shows it here. Stops quietly at
 * MAX_SLOTS all the same.
 */
export function slotsOfOrThrow(text: string, format: SlotFormat): Slot[] {
  const sink = new SlotSink(text, format);
  try {
    fill(sink);
  } catch (error) {
    if (!(error instanceof SlotLimitReached)) throw error;
  }
  return sorted(sink.slots);
}

function fill(sink: SlotSink): void {
  const { text } = sink;
  const emit = (path: readonly string[], value: string, offset: number, rawLength: number): void =>
    sink.add(path, value, offset, rawLength);
  switch (sink.format) {
    case 'yaml': {
      let documentStart = 0;
      yamlSlots(text, emit, () => {
        decodeLayers(sink, documentStart);
        documentStart = sink.slots.length;
      });
      return;
    }
    case 'json':
      jsonSlots(text, emit);
      decodeLayers(sink, 0);
      return;
    case 'toml':
      tomlSlots(text, emit);
      break;
    case 'ini':
      iniSlots(text, emit);
      break;
    case 'properties':
      propertiesSlots(text, emit);
      break;
    case 'env':
      envSlots(text, emit);
      break;
    case 'xml':
      xmlSlots(text, emit);
      break;
    case 'hcl':
      hclSlots(text, emit);
      break;
  }
  // Docker's config JSON held in a value of any format (GitLab's DOCKER_AUTH_CONFIG in an env file).
  dockerAuths(sink, 0);
}

/** In the order of the text; slots decoded from another (inner JSON, base64) follow the outer one. */
function sorted(slots: Slot[]): Slot[] {
  return slots.sort((a, b) => a.line - b.line || a.column - b.column);
}
