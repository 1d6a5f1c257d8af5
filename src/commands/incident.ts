import { detectorFor } from '../config/detectorFor';
import { loadUserConfig } from '../config/loadUserConfig';
import { EXIT, UsageError } from '../errors';
import { isLegacyFingerprint, parseFingerprint, type FingerprintParts } from '../detect/fingerprint';
import { Repository } from '../git/repository';
import { messages } from '../messages';
import { isLocated, renderIncidents } from '../report/incidentReport';
import { quoteUserValue } from '../report/userValue';
import { readLastRun } from '../state/lastRun';
import { locate } from './incidentPlaces';
import { result, type CommandResult, type Io } from './io';

export interface IncidentOptions {
  fingerprints: string[];
  last: boolean;
  format: 'text' | 'markdown';
}

/**
 * `leakgate incident <fingerprint… | --last>`: for a key that may be out, every place it is in
 * this clone, whether a remote has it, and the rotation checklist for its provider. Exit 1 when
 * the key is somewhere in the clone, 0 when it is nowhere.
 */
export async function incident(options: IncidentOptions, io: Io): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd);
  const targets = targetsOf(options, repo.gitDir);
  const { config, source } = loadUserConfig(repo.root, repo.gitDir);
  // The key is looked for wherever it is: a fingerprint someone allowlisted or baselined still
  // names a real key, so neither hides it here. Path and value allowlists still apply.
  const setup = detectorFor(repo.root, {
    gitDir: repo.gitDir,
    ignoreBaseline: true,
    preloaded: {
      config: { ...config, allowlist: { ...config.allowlist, fingerprints: [] } },
      baseline: [],
      label: source ?? '.leakgate.json',
      ...(source ? { source } : {}),
    },
  });
  const incidents = await locate(repo, setup, targets, new Date().toISOString().slice(0, 10));
  const located = incidents.some(isLocated);
  return result(located ? EXIT.findings : EXIT.clean, renderIncidents(incidents, options.format));
}

/** The fingerprints asked about, one per secret (rule + hash), checked before any git runs. */
function targetsOf(options: IncidentOptions, gitDir: string): FingerprintParts[] {
  const wanted = [...options.fingerprints];
  if (options.last) {
    const recorded = readLastRun(gitDir)
      .map((finding) => finding.fingerprint)
      .filter((fingerprint) => !isLegacyFingerprint(fingerprint));
    if (recorded.length === 0) throw new UsageError(messages.noLastRun);
    wanted.push(...recorded);
  }
  if (wanted.length === 0) throw new UsageError(messages.incident.needsTarget);
  const legacy = wanted.filter(isLegacyFingerprint);
  if (legacy.length) throw new UsageError(messages.legacyFingerprintArgument(legacy.join(', ')));
  const malformed = wanted.filter((fingerprint) => parseFingerprint(fingerprint) === undefined);
  if (malformed.length) throw new UsageError(messages.notAFingerprint(malformed.map(quoteUserValue).join(', ')));
  const bySecret = new Map<string, FingerprintParts>();
  for (const fingerprint of wanted) {
    const parts = parseFingerprint(fingerprint)!;
    if (!bySecret.has(parts.secretKey)) bySecret.set(parts.secretKey, parts);
  }
  return [...bySecret.values()];
}
