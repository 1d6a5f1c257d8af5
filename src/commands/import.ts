import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { detectorFor } from '../config/detectorFor';
import { translateDetectSecrets } from '../config/import/detectSecrets';
import { translateGitleaks, type RuleCheck } from '../config/import/gitleaks';
import { translateGitleaksIgnore } from '../config/import/gitleaksIgnore';
import { objectOf, parseJsonFile } from '../config/import/json';
import { translateSecretlint } from '../config/import/secretlint';
import { emptyTranslation, type IgnoredPlace, type Translation, type Untranslated } from '../config/import/translation';
import { loadDetectionCatalogue } from '../config/loadRules';
import { CONFIG_FILE, loadUserConfig } from '../config/loadUserConfig';
import { allowsEveryPath } from '../config/pathGlobSafety';
import { withDefaults, type UserRule } from '../config/userConfig';
import type * as Validators from '../config/validators';
import type { Detector } from '../detect/detector';
import { linearRegexProblem } from '../detect/linearRegex';
import type { Finding } from '../detect/types';
import { ConfigError, EXIT, UsageError } from '../errors';
import { Repository } from '../git/repository';
import { messages } from '../messages';
import { redactSecret } from '../report/redact';
import { quoteUserValue } from '../report/userValue';
import { DEFAULT_BASELINE, readBaseline, writeBaseline } from '../state/baseline';
import { result, type CommandResult, type Io } from './io';

const m = messages.importing;

type Tool = 'gitleaks' | 'gitleaks-ignore' | 'detect-secrets' | 'secretlint';

/** The files `leakgate import` looks for at the root when none is named. */
const KNOWN_FILES: readonly [string, Tool][] = [
  ['.gitleaks.toml', 'gitleaks'],
  ['gitleaks.toml', 'gitleaks'],
  ['.gitleaksignore', 'gitleaks-ignore'],
  ['.secrets.baseline', 'detect-secrets'],
  ['.secretlintrc.json', 'secretlint'],
  ['.secretlintrc', 'secretlint'],
];

export interface ImportOptions {
  files: string[];
  force: boolean;
}

/**
 * `leakgate import [files…] [--force]`: turns gitleaks, detect-secrets and secretlint configs and
 * ignore files into the config in force (.leakgate.json, or package.json's `leakgate` key) and
 * the baseline. It merges: what is there stays; an imported rule whose id is taken by a
 * different rule needs --force. Everything it cannot translate is named with the reason.
 */
export async function importConfigs(options: ImportOptions, io: Io): Promise<CommandResult> {
  const repo = (await Repository.isInside(io.cwd)) ? await Repository.open(io.cwd) : undefined;
  const root = repo?.root ?? io.cwd;
  const files = options.files.length
    ? options.files.map((file) => resolve(io.cwd, file))
    : KNOWN_FILES.map(([name]) => join(root, name)).filter((path) => existsSync(path));
  if (files.length === 0) throw new UsageError(m.nothingToImport(KNOWN_FILES.map(([name]) => name)));

  const catalogue = loadDetectionCatalogue();
  const providers = new Map(catalogue.rules.map((rule) => [rule.id, rule.provider]));
  const ruleIds = new Set([...providers.keys(), ...catalogue.pairs.map((pair) => pair.id)]);
  const check = ruleCheck();
  const imported = emptyTranslation();
  const sources: string[] = [];
  for (const path of files) {
    const label = relative(io.cwd, path) || path;
    const text = readSource(path, label);
    const tool = toolOf(path, text, label);
    sources.push(m.sourceFile(label, tool));
    const translation =
      tool === 'gitleaks'
        ? translateGitleaks(text, label, ruleIds, check)
        : tool === 'gitleaks-ignore'
          ? translateGitleaksIgnore(text, label)
          : tool === 'detect-secrets'
            ? translateDetectSecrets(text, label)
            : translateSecretlint(text, label, providers, check);
    combine(imported, translation);
  }
  uniqueRuleIds(imported);
  keepUsableAllowlist(imported);
  const defaults = detectorFor(root, { preloaded: { config: withDefaults({}), baseline: [], label: CONFIG_FILE } }).detector;
  keepCredentialsOut(imported, defaults);

  // The config in force is validated first: a broken one is reported, not merged into.
  const { source } = loadUserConfig(root);
  const inPackage = source === 'package.json#leakgate';
  const configFile = join(root, inPackage ? 'package.json' : CONFIG_FILE);
  const document = source ? (JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>) : {};
  const config = inPackage ? objectOf(document.leakgate) : document;
  const changes = merge(config, imported, options.force);
  if (inPackage) document.leakgate = config;
  const validators = require('../config/validators') as typeof Validators;
  const merged = withDefaults(
    validators.validateConfigValue(config, inPackage ? 'package.json' : CONFIG_FILE, inPackage ? ['leakgate'] : []),
  );

  const detector = detectorFor(root, { preloaded: { config: merged, baseline: [], label: CONFIG_FILE } }).detector;
  const fingerprints: string[] = [];
  for (const place of imported.ignored) {
    const found = await fingerprintsAt(place, detector, repo, root);
    if (typeof found === 'string') imported.untranslated.push({ file: place.file, ...lineOf(place), what: place.what, reason: found });
    else fingerprints.push(...found);
  }

  const lines = [m.importedFrom(sources)];
  if (changes > 0) {
    writeWhole(configFile, `${JSON.stringify(document, null, 2)}\n`);
    lines.push(m.configWritten(relative(io.cwd, configFile) || configFile, summary(imported)));
  } else lines.push(m.configUnchanged);
  const baselineFile = join(root, DEFAULT_BASELINE);
  const before = fingerprints.length ? readBaseline(baselineFile, DEFAULT_BASELINE, false) : new Set<string>();
  const fresh = new Set(fingerprints.filter((fingerprint) => !before.has(fingerprint)));
  if (fresh.size) {
    const count = writeBaseline(baselineFile, [...before, ...fresh]);
    lines.push(m.baselineWritten(relative(io.cwd, baselineFile) || baselineFile, fresh.size, count));
  } else if (fingerprints.length) lines.push(m.baselineUnchanged(relative(io.cwd, baselineFile) || baselineFile));
  if (changes > 0 || fresh.size) lines.push(m.wideningNote);
  if (imported.untranslated.length)
    lines.push('', m.notTranslatedHeading(imported.untranslated.length), ...imported.untranslated.map(describe));
  return result(EXIT.clean, `${lines.join('\n')}\n`);
}

function readSource(path: string, label: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(label, [
      { path: '', expected: messages.expectedReadableFile((error as NodeJS.ErrnoException).code ?? 'unreadable') },
    ]);
  }
}

/** Which tool wrote a file: by its name, else (JSON) by its shape. */
function toolOf(path: string, text: string, label: string): Tool {
  const name = basename(path);
  const known = KNOWN_FILES.find(([file]) => file === name)?.[1];
  if (known) return known;
  if (name.endsWith('.toml')) return 'gitleaks';
  if (name.endsWith('gitleaksignore')) return 'gitleaks-ignore';
  if (name.includes('secretlintrc')) return 'secretlint';
  const data = objectOf(parseJsonFile(text, label));
  if ('results' in data && ('plugins_used' in data || 'filters_used' in data || 'exclude' in data)) return 'detect-secrets';
  if (Array.isArray(data.rules)) return 'secretlint';
  throw new UsageError(m.unknownSourceFile(quoteUserValue(label)));
}

/** Whether leakgate can run an imported rule: the rule schema's verdict, as `.leakgate.json` would get it. */
export function ruleCheck(): RuleCheck {
  const validators = require('../config/validators') as typeof Validators;
  return (rule: UserRule) => {
    try {
      validators.validateConfigValue({ rules: { add: [rule] } }, CONFIG_FILE, []);
      return undefined;
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((problem) => problem.expected).join('; ');
      throw error;
    }
  };
}

function combine(into: Translation, from: Translation): void {
  into.config.allowlist.paths.push(...from.config.allowlist.paths);
  into.config.allowlist.regexes.push(...from.config.allowlist.regexes);
  into.config.allowlist.stopwords.push(...from.config.allowlist.stopwords);
  into.config.rules.disable.push(...from.config.rules.disable);
  into.config.rules.add.push(...from.config.rules.add);
  into.untranslated.push(...from.untranslated);
  into.ignored.push(...from.ignored);
}

/** Two imported rules with one id (two files, or a gitleaks id used twice) both run: the later gets a suffix. */
function uniqueRuleIds(imported: Translation): void {
  const seen = new Set<string>();
  for (const rule of imported.config.rules.add) {
    let id = rule.id;
    for (let n = 2; seen.has(id); n++) id = `${rule.id}-${n}`;
    rule.id = id;
    seen.add(id);
  }
}

/** Allowlist regexes RE2 cannot run, and globs that would allow every path, are named instead of written. */
function keepUsableAllowlist(imported: Translation): void {
  const { allowlist } = imported.config;
  allowlist.regexes = allowlist.regexes.filter((regex) => {
    const problem = linearRegexProblem(regex);
    if (problem) imported.untranslated.push({ file: m.allSources, what: m.allowlistRegex(regex), reason: messages.linearRegex(problem) });
    return !problem;
  });
  allowlist.paths = allowlist.paths.filter((glob) => {
    const problem = allowsEveryPath(glob);
    if (problem) imported.untranslated.push({ file: m.allSources, what: m.allowlistPath(glob), reason: problem });
    return !problem;
  });
}

/**
 * An allow entry that is itself a credential (secretlint allows a token by its text) would put
 * the secret in clear in the config: it is named, masked, instead; its finding can be allowed by
 * fingerprint (leakgate ignore), which holds no secret.
 */
function keepCredentialsOut(imported: Translation, detector: Detector): void {
  const credentialIn = (text: string) => detector.scanFile({ path: CONFIG_FILE, chunks: [{ startLine: 1, text }] })[0]?.spans[0]?.secret;
  const { allowlist } = imported.config;
  for (const key of ['regexes', 'stopwords'] as const) {
    allowlist[key] = allowlist[key].filter((entry) => {
      const secret = credentialIn(entry);
      if (secret !== undefined)
        imported.untranslated.push({
          file: m.allSources,
          what: m.allowlistEntry(key, entry.replace(secret, redactSecret(secret))),
          reason: m.allowIsCredential,
        });
      return secret === undefined;
    });
  }
}

/** Adds the imported fields to a config object in place; returns how many entries were added. */
function merge(config: Record<string, unknown>, imported: Translation, force: boolean): number {
  let added = 0;
  const allowlist = objectOf(config.allowlist);
  const rules = objectOf(config.rules);
  const addAll = (target: Record<string, unknown>, key: string, values: readonly string[]) => {
    const existing = Array.isArray(target[key]) ? (target[key] as string[]) : [];
    const fresh = [...new Set(values)].filter((value) => !existing.includes(value));
    if (fresh.length) target[key] = [...existing, ...fresh];
    added += fresh.length;
  };
  addAll(allowlist, 'paths', imported.config.allowlist.paths);
  addAll(allowlist, 'regexes', imported.config.allowlist.regexes);
  addAll(allowlist, 'stopwords', imported.config.allowlist.stopwords);
  addAll(rules, 'disable', imported.config.rules.disable);
  const ruleList = Array.isArray(rules.add) ? [...(rules.add as UserRule[])] : [];
  for (const rule of imported.config.rules.add) {
    const at = ruleList.findIndex((existing) => objectOf(existing).id === rule.id);
    if (at === -1) ruleList.push(rule);
    else if (JSON.stringify(ruleList[at]) === JSON.stringify(rule)) continue;
    else if (!force) throw new UsageError(m.ruleIdTaken(quoteUserValue(rule.id)));
    else ruleList[at] = rule;
    added++;
  }
  if (ruleList.length) rules.add = ruleList;
  if (Object.keys(allowlist).length) config.allowlist = allowlist;
  if (Object.keys(rules).length) config.rules = rules;
  return added;
}

/**
 * The fingerprints of leakgate's findings at an ignored place, or why there are none. With a
 * SHA-1 (detect-secrets) only a finding whose secret has that hash counts: the value at that
 * line may have changed since the baseline was made, and then nothing is recorded.
 */
async function fingerprintsAt(
  place: IgnoredPlace,
  detector: Detector,
  repo: Repository | undefined,
  root: string,
): Promise<string[] | string> {
  let text: string;
  if (place.commit !== undefined) {
    const blob = repo ? await repo.blobAt(place.commit, place.path) : undefined;
    const bytes = blob ? (await repo!.readBlobs([blob], Number.MAX_SAFE_INTEGER)).get(blob) : undefined;
    if (!bytes) return m.notAtCommit(place.commit);
    text = bytes.toString('utf8');
  } else {
    try {
      text = readFileSync(join(root, place.path), 'utf8');
    } catch (error) {
      return m.cannotReadPlace((error as NodeJS.ErrnoException).code ?? 'unreadable');
    }
  }
  const findings = detector.scanFile({ path: place.path, chunks: [{ startLine: 1, text }] });
  const atLine = findings.filter((finding) => finding.spans.some((span) => span.line === place.secretLine));
  if (place.sha1 === undefined) return atLine.length ? atLine.map((finding) => finding.fingerprint) : m.nothingAtLine;
  const matching = atLine.filter((finding: Finding) => finding.spans.some((span) => sha1(span.secret) === place.sha1));
  return matching.length ? matching.map((finding) => finding.fingerprint) : atLine.length ? m.hashDiffers : m.nothingAtLine;
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

function lineOf(place: IgnoredPlace): { line?: number } {
  return place.line !== undefined ? { line: place.line } : {};
}

function summary(imported: Translation): string {
  const { allowlist, rules } = imported.config;
  return m.importSummary(
    rules.add.length,
    rules.disable.length,
    allowlist.paths.length,
    allowlist.regexes.length,
    allowlist.stopwords.length,
  );
}

function describe(entry: Untranslated): string {
  return `  ${entry.file}${entry.line !== undefined ? `:${entry.line}` : ''}: ${entry.what}: ${entry.reason}`;
}

/** Written whole and renamed into place: stopping half-way leaves the old file, never half a file. */
function writeWhole(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
