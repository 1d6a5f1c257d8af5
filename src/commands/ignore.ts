import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, loadUserConfig } from '../config/loadUserConfig';
import { UsageError, EXIT } from '../errors';
import { Repository } from '../git/repository';
import { messages } from '../messages';
import { isLegacyFingerprint } from '../detect/fingerprint';
import { quoteUserValue } from '../report/userValue';
import { readLastRun } from '../state/lastRun';
import { result, type CommandResult, type Io } from './io';

const FINGERPRINT = /^.+:[a-z0-9]+(?:-[a-z0-9]+)*:v2-[0-9a-f]{16}$/;

/**
 * `leakgate ignore <fingerprint…>` / `--last`: adds fingerprints to the allowlist of the config
 * in force (.leakgate.json, or package.json#leakgate), creating .leakgate.json when there is none.
 */
export async function ignore(fingerprints: string[], last: boolean, io: Io): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd);
  const wanted = [...fingerprints];
  if (last) {
    // A run recorded before the v2 format holds fingerprints that would match nothing.
    const recorded = readLastRun(repo.gitDir).filter((fingerprint) => !isLegacyFingerprint(fingerprint));
    if (recorded.length === 0) throw new UsageError(messages.noLastRun);
    wanted.push(...recorded);
  }
  if (wanted.length === 0) throw new UsageError(messages.ignoreNeedsFingerprints);
  const legacy = wanted.filter(isLegacyFingerprint);
  if (legacy.length) throw new UsageError(messages.legacyFingerprintArgument(legacy.join(', ')));
  const malformed = wanted.filter((fingerprint) => !FINGERPRINT.test(fingerprint));
  if (malformed.length) throw new UsageError(messages.notAFingerprint(malformed.map(quoteUserValue).join(', ')));

  // Validates the current config first: a broken one is reported, not overwritten.
  const { source } = loadUserConfig(repo.root);
  const inPackage = source === 'package.json#leakgate';
  const file = join(repo.root, inPackage ? 'package.json' : CONFIG_FILE);
  const document = source ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const config = (inPackage ? (document.leakgate as Record<string, unknown>) : document) as { allowlist?: { fingerprints?: string[] } };
  config.allowlist ??= {};
  // Old-format entries match nothing and keep a guessable hash committed: writing drops them.
  const before = config.allowlist.fingerprints ?? [];
  const existing = new Set(before.filter((fingerprint) => !isLegacyFingerprint(fingerprint)));
  const dropped = before.length - before.filter((fingerprint) => !isLegacyFingerprint(fingerprint)).length;
  const added = wanted.filter((fingerprint) => !existing.has(fingerprint));
  config.allowlist.fingerprints = [...existing, ...new Set(added)];
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  const where = inPackage ? 'package.json (leakgate.allowlist.fingerprints)' : `${CONFIG_FILE} (allowlist.fingerprints)`;
  return result(EXIT.clean, `${messages.fingerprintsAdded(new Set(added).size, where, dropped)}\n`);
}
