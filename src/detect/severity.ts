/**
 * How bad a leak of a rule's credential is, from what its family of providers lets a holder do.
 * A family is what the catalogue knows of every rule; a rule-by-rule judgement would be a guess
 * repeated a thousand times.
 */
export type Severity = 'critical' | 'high' | 'medium';

/** The order reports count them in. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium'];

/**
 * - critical: control of infrastructure (cloud), of code and what ships from it (code-ci,
 *   packages), of money (payments), of identities and signing (identity, keys);
 * - medium: monitoring (observability): mostly ingest and read access to telemetry;
 * - high: the rest: data, messages sent in your name, paid APIs, and generic passwords, whose
 *   reach is unknown.
 */
export function severityOf(family: string): Severity {
  if (CRITICAL.has(family)) return 'critical';
  if (family === 'observability') return 'medium';
  return 'high';
}

const CRITICAL = new Set(['cloud', 'code-ci', 'packages', 'payments', 'identity', 'keys']);
