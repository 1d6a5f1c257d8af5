import type { Detector } from '../detect/detector';
import type { Finding } from '../detect/types';
import type { RunPlaces } from '../io/decode';

const pathOnlyRules = new WeakMap<Detector, ReadonlySet<string>>();

/**
 * Moves findings in a binary file's runs of text (see TextRuns) to their line:column in its raw
 * bytes. Findings by path alone (line 1, column 1 of the file) stay where they are.
 */
export function placeInBytes(detector: Detector, findings: readonly Finding[], binary: RunPlaces): void {
  let pathOnly = pathOnlyRules.get(detector);
  if (!pathOnly) pathOnlyRules.set(detector, (pathOnly = new Set(detector.rules.filter((rule) => !rule.hasRegex).map((rule) => rule.id))));
  for (const finding of findings) {
    for (const span of finding.spans) {
      if (pathOnly.has(span.ruleId)) continue;
      const { line, column } = binary.place(span.line, span.column);
      span.line = line;
      span.column = column;
    }
  }
}
