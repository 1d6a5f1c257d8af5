import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintOf, isDay, today, type IgnoreEntry, type RecordedIgnore } from '../config/ignoreEntries';
import { CONFIG_FILE, loadUserConfig } from '../config/loadUserConfig';
import { isLegacyFingerprint } from '../detect/fingerprint';
import { UsageError, EXIT } from '../errors';
import { Repository } from '../git/repository';
import { messages } from '../messages';
import { leakgateCommand } from '../packageInfo';
import { parseSelection } from '../report/selection';
import { quoteUserValue } from '../report/userValue';
import { readLastRun, type LastRunFinding } from '../state/lastRun';
import { result, type CommandResult, type Io } from './io';

const FINGERPRINT = /^.+:[a-z0-9]+(?:-[a-z0-9]+)*:v2-[0-9a-f]{16}$/;

/** How often a question is asked again after an answer it cannot use. */
const ATTEMPTS = 3;

export interface IgnoreOptions {
  fingerprints: string[];
  last: boolean;
  all: boolean;
  list: boolean;
  reason?: string;
  until?: string;
}

/** The config file `ignore` reads and writes: .leakgate.json, or package.json's leakgate key. */
interface ConfigDocument {
  file: string;
  where: string;
  document: Record<string, unknown>;
  allowlist: { fingerprints?: IgnoreEntry[] };
}

/**
 * `leakgate ignore <fingerprint…>` / `--last`: adds fingerprints to the allowlist of the config
 * in force (.leakgate.json, or package.json#leakgate), creating .leakgate.json when there is none,
 * with the reason, who (git user.name and user.email), when, and an optional last day. `--last`
 * asks which findings of the last blocked run on a terminal; elsewhere it needs `--all`.
 * `--list` shows what is ignored and why.
 */
export async function ignore(options: IgnoreOptions, io: Io): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd);
  if (options.list) return list(readConfig(repo.root));
  if (options.until !== undefined && !isDay(options.until))
    throw new UsageError(messages.ignoreUntilNotADay(quoteUserValue(options.until)));
  if (options.until !== undefined && options.until < today()) throw new UsageError(messages.ignoreUntilPast(options.until));
  if (options.all && !options.last) throw new UsageError(messages.ignoreAllNeedsLast);
  checkFingerprints(options.fingerprints);

  let reason = options.reason;
  const wanted = [...options.fingerprints];
  let asked = '';
  if (options.last) {
    // A run recorded before the v2 format holds fingerprints that would match nothing.
    const recorded = readLastRun(repo.gitDir).filter((finding) => !isLegacyFingerprint(finding.fingerprint));
    if (recorded.length === 0) throw new UsageError(messages.noLastRun);
    if (options.all) wanted.push(...recorded.map((finding) => finding.fingerprint));
    else if (io.stdinIsTTY && io.stderrIsTTY && io.ask) {
      const picked = await pick(recorded, io.ask);
      if (picked.length === 0) return result(EXIT.clean, `${messages.ignoredNothing}\n`);
      wanted.push(...picked.map((finding) => finding.fingerprint));
      reason ??= await askReason(io.ask);
      asked = '\n';
    } else {
      throw new UsageError(messages.ignoreLastNeedsChoice(recorded.length, leakgateCommand(io.cwd, io.env)));
    }
  }
  if (wanted.length === 0) throw new UsageError(messages.ignoreNeedsFingerprints);

  // Validates the current config first: a broken one is reported, not overwritten.
  const config = readConfig(repo.root);
  const by = await who(repo);
  const stamp: Omit<RecordedIgnore, 'fingerprint'> = {
    ...(reason !== undefined && reason.trim() !== '' ? { reason: reason.trim() } : {}),
    ...(by !== undefined ? { by } : {}),
    at: new Date().toISOString(),
    ...(options.until !== undefined ? { until: options.until } : {}),
  };
  const added = [...new Set(wanted)];
  // Old-format entries match nothing and keep a guessable hash committed: writing drops them.
  const before = config.allowlist.fingerprints ?? [];
  const kept = before.filter((entry) => !isLegacyFingerprint(fingerprintOf(entry)));
  const dropped = before.length - kept.length;
  // An entry ignored again takes the new reason and day: one entry per fingerprint.
  const replaced = new Set(added);
  config.allowlist.fingerprints = [
    ...kept.filter((entry) => !replaced.has(fingerprintOf(entry))),
    ...added.map((fingerprint) => ({ fingerprint, ...stamp })),
  ];
  writeFileSync(config.file, `${JSON.stringify(config.document, null, 2)}\n`);
  const until = options.until !== undefined ? ` ${messages.ignoredUntil(options.until)}` : '';
  return result(EXIT.clean, `${asked}${messages.fingerprintsAdded(added.length, config.where, dropped)}${until}\n`);
}

function checkFingerprints(fingerprints: readonly string[]): void {
  const legacy = fingerprints.filter(isLegacyFingerprint);
  if (legacy.length) throw new UsageError(messages.legacyFingerprintArgument(legacy.join(', ')));
  const malformed = fingerprints.filter((fingerprint) => !FINGERPRINT.test(fingerprint));
  if (malformed.length) throw new UsageError(messages.notAFingerprint(malformed.map(quoteUserValue).join(', ')));
}

/** The numbered findings, then which to ignore; asked again after an answer that names none of them. */
async function pick(findings: readonly LastRunFinding[], ask: (text: string) => Promise<string | undefined>): Promise<LastRunFinding[]> {
  const listing = findings.map((finding, index) => `${messages.ignoreChoice(index + 1, finding)}\n`).join('');
  let question = `${messages.ignoreListHeading(findings.length)}\n${listing}${messages.ignoreWhich}`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const answer = await ask(question);
    if (answer === undefined) return [];
    const picked = parseSelection(answer, findings.length);
    if (picked) return picked.map((index) => findings[index]!);
    question = messages.ignoreWhichAgain(findings.length);
  }
  throw new UsageError(messages.ignoreNoSelection);
}

/** Why these findings are ignored: a reason is required when a person picks them. */
async function askReason(ask: (text: string) => Promise<string | undefined>): Promise<string> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const answer = (await ask(messages.ignoreWhy))?.trim();
    if (answer === undefined) break;
    if (answer !== '') return answer;
  }
  throw new UsageError(messages.ignoreNeedsReason);
}

/** `Name <email>` from git config, or whichever of the two is set. */
async function who(repo: Repository): Promise<string | undefined> {
  const [name, email] = await Promise.all([repo.configValue('user.name'), repo.configValue('user.email')]);
  if (name && email) return `${name} <${email}>`;
  return name || email || undefined;
}

function readConfig(root: string): ConfigDocument {
  const { source } = loadUserConfig(root);
  const inPackage = source === 'package.json#leakgate';
  const file = join(root, inPackage ? 'package.json' : CONFIG_FILE);
  const document = source ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const config = (inPackage ? document.leakgate : document) as { allowlist?: { fingerprints?: IgnoreEntry[] } };
  config.allowlist ??= {};
  const where = inPackage ? 'package.json (leakgate.allowlist.fingerprints)' : `${CONFIG_FILE} (allowlist.fingerprints)`;
  return { file, where, document, allowlist: config.allowlist };
}

/** Every ignored fingerprint with why, who, when and until when; an expired one is marked (it blocks again). */
function list(config: ConfigDocument): CommandResult {
  const entries = config.allowlist.fingerprints ?? [];
  if (entries.length === 0) return result(EXIT.clean, `${messages.ignoreListEmpty(config.where)}\n`);
  const day = today();
  const lines = [messages.ignoreListHeader(entries.length, config.where)];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      lines.push(`  ${entry}`, `      ${messages.ignoreNoRecord}`);
      continue;
    }
    lines.push(`  ${entry.fingerprint}`);
    lines.push(`      ${messages.ignoreReasonLine(entry.reason)}`);
    lines.push(`      ${messages.ignoreByLine(entry.by, entry.at)}`);
    if (entry.until !== undefined)
      lines.push(`      ${entry.until < day ? messages.ignoreExpired(entry.until) : messages.ignoredUntil(entry.until)}`);
  }
  return result(EXIT.clean, `${lines.join('\n')}\n`);
}
