import { checksumHolds } from './checksums';
import { codeContext, PROVIDER_CONTEXTS, sdkNamesOf } from './codeContext';
import { mayBeNamedByModule, type SdkNames } from './sdkNames';
import { DECODING_MARKERS, type DecodedSegment, type DecodedView, decodedViews, isNotebook, segmentAt } from './decodedViews';
import { shannonEntropy } from './entropy';
import { fingerprintOf } from './fingerprint';
import { isPlaceholder } from './placeholders';
import { fewWords, isCredentialValue, isWordy, type IsWord } from './secretValue';
import { KeywordIndex, type KeywordHits } from './keywordIndex';
import { matchesOf } from './ruleMatches';
import { lineIndexAt, lineStarts } from './lines';
import { type SlotPlace, slotText } from './slotText';
import { type SlotFormat, structureOf } from './structure/slots';
import {
  INLINE_ALLOW,
  type AllowPolicy,
  type Chunk,
  type CompiledPair,
  type CompiledRule,
  type FileChange,
  type Finding,
  type SecretSpan,
} from './types';

/** The keyword index's item for the decoding layers' markers (decodedViews.ts): not a rule. */
const DECODING = Symbol('decoding markers');
/** A hand-listed SDK context (codeContext.ts) whose names occur in a text: found in the same keyword pass. */
class SdkContextNamed {
  constructor(readonly index: number) {}
}
type Indexed = CompiledRule | typeof DECODING | SdkContextNamed;

function isRule(item: Indexed): item is CompiledRule {
  return item !== DECODING && !(item instanceof SdkContextNamed);
}

/** How many layers deep decoded text is decoded again (a JSON document in a JSON string in a notebook). */
const MAX_DECODING_DEPTH = 2;

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  span: SecretSpan;
  /** How much text the rule's match needed around the secret: a rule that needs its provider named beats one that does not. */
  context?: number;
}

/**
 * Turns text into findings. Pure: no git, no file system, no process; the same input gives
 * the same findings, which is what lets every source (staged diff, push range, files) share it.
 */
export class Detector {
  private readonly keywordIndex: KeywordIndex<Indexed>;
  /** Keywords of the index that are no rule's: decoding markers and SDK names. */
  private readonly markers: ReadonlySet<string>;
  private decodingDepth = 0;
  private readonly pathOnlyRules: CompiledRule[];
  private readonly ruleOrder = new Map<string, number>();
  private readonly rulesById = new Map<string, CompiledRule>();
  private sdkNameIndex: SdkNames | undefined;
  /** Which provider a module name or API host names (codeContext.ts), built the first time a code file imports one. */
  private readonly sdkNames = (): SdkNames => {
    this.sdkNameIndex ??= sdkNamesOf(this.rules, this.isWord);
    return this.sdkNameIndex;
  };

  constructor(
    readonly rules: readonly CompiledRule[],
    private readonly pairs: readonly CompiledPair[],
    private readonly policy: AllowPolicy,
    /** Called before each rule runs on a chunk; may throw to stop (the hooks' time budget). */
    private readonly checkpoint: (path: string, ruleId: string) => void = () => undefined,
    /** Whether a token is a word, for values in credential slots (see secretValue.ts). */
    private readonly isWord: IsWord = fewWords,
    /**
     * A finding's fingerprint. scrypt by design (slow to guess back): the build, which checks
     * thousands of rule examples and never shows a fingerprint, passes a cheap stand-in.
     */
    private readonly fingerprint: typeof fingerprintOf = fingerprintOf,
  ) {
    const contentRules = rules.filter((rule) => rule.hasRegex);
    // Each hand-listed SDK's names, so its context looks for them only in a text that holds one
    // (ignoring case): otherwise every code file paid a substring search per name.
    const sdkContextNames = PROVIDER_CONTEXTS.map((provider) => [...new Set(provider.names.map((name) => name.toLowerCase()))]);
    this.keywordIndex = new KeywordIndex<Indexed>([
      ...contentRules.map((rule) => ({ item: rule, keywords: rule.keywords })),
      { item: DECODING, keywords: DECODING_MARKERS },
      ...sdkContextNames.map((keywords, index) => ({ item: new SdkContextNamed(index), keywords })),
    ]);
    const ruleKeywords = new Set(contentRules.flatMap((rule) => rule.keywords));
    this.markers = new Set([...DECODING_MARKERS, ...sdkContextNames.flat()].filter((word) => !ruleKeywords.has(word)));
    this.pathOnlyRules = rules.filter((rule) => !rule.hasRegex);
    rules.forEach((rule, index) => {
      this.ruleOrder.set(rule.id, index);
      this.rulesById.set(rule.id, rule);
    });
  }

  /**
   * Whether a patched file's added lines are better read in the whole new file: a config file
   * (by its name or look) whose added text holds a rule's keyword, where a parent key the patch
   * does not show (`mailjet:` above an added `api_key:`) may name the credential.
   */
  readsWhole(path: string, chunks: readonly Chunk[]): boolean {
    if (this.policy.isPathAllowed(path)) return false;
    const text = chunks.map((chunk) => chunk.text).join('\n');
    if (!structureOf(path, text)) return false;
    return this.keywordIndex.search(text).items.some(isRule);
  }

  /** True when the user config allowlists this path: the source may skip reading it at all. */
  isPathAllowed(path: string): boolean {
    return this.policy.isPathAllowed(path);
  }

  /** Every finding in one file's added text, pairs merged, allowlists applied. */
  scanFile(file: FileChange): Finding[] {
    if (this.policy.isPathAllowed(file.path)) return [];
    // Lists are joined with append(), not spread into push: a text may hold more findings than a call takes arguments.
    let spans: SecretSpan[] = [];
    for (const chunk of file.chunks) append(spans, this.scanChunk(file.path, chunk));
    if (file.onlyLines) {
      const lines = file.onlyLines;
      spans = spans.filter((span) => lines.has(span.line));
    }
    append(spans, this.pathOnlyFindings(file));
    if (spans.length === 0) return []; // most files: no pairing, sorting or fingerprinting to do
    return this.toFindings(file, spans).filter((finding) => !this.policy.fingerprints.has(finding.fingerprint));
  }

  private pathOnlyFindings(file: FileChange): SecretSpan[] {
    return this.pathOnlyRules
      .filter((rule) => rule.appliesTo?.(file.path))
      .map((rule) => ({ ruleId: rule.id, label: rule.description, line: 1, column: 1, secret: file.path, lineText: '' }));
  }

  /** `withSlots`: also read the chunk's config values with their key paths (not for slot text itself). */
  /** `admits`: which findings may be reported at all, decided before overlaps are resolved (a restated line's own rules). */
  private scanChunk(path: string, chunk: Chunk, withSlots = true, admits?: (span: SecretSpan) => boolean): SecretSpan[] {
    const text = chunk.text;
    const candidates: Candidate[] = [];
    const lines = new LineMap(text, chunk.startLine);
    const { items: found, hits } = this.keywordIndex.search(text);
    const items = found.filter(isRule);
    const decoding = withSlots && this.decodingDepth < MAX_DECODING_DEPTH && (found.includes(DECODING) || isNotebook(path));
    for (const rule of items) {
      if (rule.appliesTo && !rule.appliesTo(path)) continue;
      this.checkpoint(path, rule.id);
      for (const match of matchesOf(rule, text, hits)) {
        const located = secretOf(match);
        if (!located) continue;
        const { secret, start } = located;
        if (!this.isCredible(rule, secret)) continue;
        const { line, column, lineText } = lines.locate(start);
        if (lineText.includes(INLINE_ALLOW)) continue;
        candidates.push({
          rule,
          start,
          end: start + secret.length,
          span: { ruleId: rule.id, label: rule.description, line, column, secret, lineText },
          context: match[0].length - secret.length,
        });
      }
    }
    // Structure only where a keyword stands where a key does, or a Secret may hide values in
    // base64: most files, even config files, pay nothing for it.
    // Where the rules' keywords (not the decoding markers) start: read by both readers below, built once.
    let keywordStarts: ReadonlyMap<string, readonly number[]> | undefined;
    const ruleKeywordStarts = (found: KeywordHits) => (keywordStarts ??= withoutMarkers(found.occurrences(), this.markers));
    const format = withSlots && items.length > 0 ? structureOf(path, text) : undefined;
    if (format) {
      const keyed = keyedKeywords(text, hits ? ruleKeywordStarts(hits) : occurrencesIn(text, items));
      if (keyed.length > 0 || mayHoldEncoded(text)) append(candidates, this.scanSlots(path, format, chunk, lines, keyed));
    }
    // Source code restated where an SDK, a concatenation or an env fallback hides a value (codeContext.ts).
    const code =
      withSlots && items.length > 0
        ? codeContext(
            path,
            text,
            (id) => items.some((rule) => rule.id === id),
            hits && (() => ruleKeywordStarts(hits).values()),
            () => (items.some((rule) => mayBeNamedByModule(rule) && this.sdkNames().covers(rule.id)) ? this.sdkNames() : undefined),
            () => new Set(found.flatMap((item) => (item instanceof SdkContextNamed ? [item.index] : []))),
          )
        : undefined;
    if (code) append(candidates, this.scanRestated(path, code, lines));
    // Text behind one layer of encoding (JSON escapes, a notebook's cells, %XX, base64), where its marker shows.
    if (decoding) {
      for (const view of decodedViews(path, text, hits && ((marker) => hits.occurrences().get(marker)))) {
        append(candidates, this.scanView(view, lines));
      }
    }
    const admitted = admits ? candidates.filter((candidate) => admits(candidate.span)) : candidates;
    return this.resolveOverlaps(admitted).map((candidate) => candidate.span);
  }

  /**
   * Values of a config file read with their key paths (see slotText): `mailjet:` over `api_key:`
   * in YAML, `"Mailjet": { "ApiKey": … }` in appsettings.json, a Kubernetes Secret's base64 `data`.
   * A finding points at the value as written in the file (the encoded one, for decoded values):
   * that is what to mask and fingerprint.
   */
  private scanSlots(path: string, format: SlotFormat, chunk: Chunk, lines: LineMap, present: readonly string[]): Candidate[] {
    // A keyword in a key path is in the text too: only the keywords the text holds are looked for.
    // A decoded value never was in the text: its words are searched in full.
    const wanted = (words: string, decoded: boolean) => {
      if (decoded) return this.keywordIndex.search(words).items.some(isRule);
      const lower = words.toLowerCase();
      return present.some((keyword) => lower.includes(keyword));
    };
    const slots = slotText(path, format, chunk.text, wanted);
    return slots ? this.scanRestated(path, slots, lines) : [];
  }

  /**
   * A decoded view scanned like a file; a finding points at its value in the file's text where
   * the value is written there as decoded, else at the whole encoded stretch (what to mask and
   * fingerprint: the text the file holds).
   */
  private scanView(view: DecodedView, lines: LineMap): Candidate[] {
    this.decodingDepth++;
    let spans: SecretSpan[];
    try {
      spans = this.scanChunk(view.path, { startLine: 1, text: view.text });
    } finally {
      this.decodingDepth--;
    }
    if (spans.length === 0) return [];
    const starts = lineStarts(view.text);
    const candidates: Candidate[] = [];
    for (const span of spans) {
      const at = (starts[span.line - 1] ?? 0) + span.column - 1;
      const segment = segmentAt(view, at);
      if (!segment) continue;
      const { start, secret } = encodedPlace(segment, at - segment.at, span.secret);
      const { line, column, lineText } = lines.locate(start);
      if (lineText.includes(INLINE_ALLOW)) continue;
      const label = secret === span.secret ? span.label : `${span.label} (${LAYER_NAMES[view.layer]})`;
      candidates.push({
        rule: this.rulesById.get(span.ruleId)!,
        start,
        end: start + secret.length,
        span: { ...span, label, line, column, secret, lineText },
      });
    }
    return candidates;
  }

  /** Restated lines (`key = "value"`) scanned, each finding mapped back to the value's place in the text. */
  private scanRestated(
    path: string,
    restated: { text: string; places: readonly (SlotPlace & { ruleIds?: readonly string[] })[] },
    lines: LineMap,
  ): Candidate[] {
    const candidates: Candidate[] = [];
    // A line restated for one provider is that provider's: another rule matching it (`ipapi` in
    // `zipapi_api_key`) must not take the place its own rule finds, only to be dropped below.
    const admits = (span: SecretSpan) => {
      const ruleIds = restated.places[span.line - 1]?.ruleIds;
      return !ruleIds || ruleIds.includes(span.ruleId);
    };
    for (const span of this.scanChunk(path, { startLine: 1, text: restated.text }, false, admits)) {
      const place = restated.places[span.line - 1];
      if (!place || (place.ruleIds && !place.ruleIds.includes(span.ruleId))) continue;
      const inValue = span.column - 1 - place.prefix;
      const exact = place.exact && inValue >= 0 && inValue + span.secret.length <= place.raw.length;
      const start = exact ? place.offset + inValue : place.offset;
      const secret = exact ? span.secret : place.raw;
      const { line, column, lineText } = lines.locate(start);
      if (lineText.includes(INLINE_ALLOW)) continue;
      const label = place.decodedFrom === 'base64' ? `${span.label} (base64-decoded)` : span.label;
      candidates.push({
        rule: this.rulesById.get(span.ruleId)!,
        start,
        end: start + secret.length,
        span: { ...span, label, line, column, secret, lineText },
        // The key path or name in front of the value is the context its rule read.
        context: place.prefix,
      });
    }
    return candidates;
  }

  private isCredible(rule: CompiledRule, secret: string): boolean {
    // A generic rule knows only that the value sits in a credential-named slot: what decides is
    // whether a person wrote it (a word, an identifier, a placeholder), never its entropy, which
    // random keys fall below by chance (see secretValue.ts).
    // isCredentialValue refuses placeholders itself.
    if (rule.family === 'generic' ? !isCredentialValue(secret, this.isWord) : isPlaceholder(secret)) return false;
    // A provider's name or words where its key goes (`dotdigital=dotdigital;` in a table of names):
    // a key of letters alone that reads as words, or the rule's own keyword, is no key.
    const core = secret.replace(/^[^A-Za-z]{1,2}|[^A-Za-z]{1,2}$/g, '');
    if (rule.family !== 'generic' && /^[A-Za-z._-]+$/.test(core)) {
      if (rule.keywords.includes(core.toLowerCase()) || isWordy(core, this.isWord)) return false;
    }
    if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
    if (rule.checksum !== undefined && !checksumHolds(rule.checksum, secret)) return false;
    const lower = secret.toLowerCase();
    if (rule.stopwords.some((word) => lower.includes(word))) return false;
    if (this.policy.stopwords.some((word) => lower.includes(word))) return false;
    return !this.policy.secretRegexes.some((regex) => regex.test(secret));
  }

  /**
   * A specific rule beats the generic one on the same text, and two specific rules matching the
   * very same characters report once (the one that needed the most context, then the first in
   * catalogue order).
   */
  private resolveOverlaps(candidates: Candidate[]): Candidate[] {
    const specific = candidates.filter((c) => c.rule.family !== 'generic');
    const kept: Candidate[] = [];
    const seenRanges = new Set<string>();
    // Of rules matching the very same characters: a provider's before a shape's (a bearer header,
    // a JWT, a PEM block: the `keys` family), then one whose match needed text around the value
    // before one that matches the value alone (`GEMINI_API_KEY=AIza…` is Gemini's before it is
    // any Google key), then catalogue order.
    const shape = (candidate: Candidate) => (candidate.rule.family === 'keys' ? 1 : 0);
    const bare = (candidate: Candidate) => ((candidate.context ?? 0) > 1 ? 0 : 1);
    const ranked = [...specific].sort((a, b) => shape(a) - shape(b) || bare(a) - bare(b) || this.orderOf(a.rule) - this.orderOf(b.rule));
    for (const candidate of ranked) {
      const range = `${candidate.start}:${candidate.end}`;
      if (seenRanges.has(range)) continue;
      seenRanges.add(range);
      kept.push(candidate);
    }
    // Of generic findings on overlapping text, the longest: a value joined from pieces (codeContext.ts)
    // is one credential, not also its first piece.
    const generic = candidates.filter((c) => c.rule.family === 'generic').sort((a, b) => b.end - b.start - (a.end - a.start));
    const keptGeneric: Candidate[] = [];
    for (const candidate of generic) {
      const overlaps = (others: Candidate[]) => others.some((s) => s.start < candidate.end && candidate.start < s.end);
      if (!overlaps(specific) && !overlaps(keptGeneric)) keptGeneric.push(candidate);
    }
    append(kept, keptGeneric);
    return kept.sort((a, b) => a.start - b.start);
  }

  private orderOf(rule: CompiledRule): number {
    return this.ruleOrder.get(rule.id) ?? Number.MAX_SAFE_INTEGER;
  }

  private toFindings(file: FileChange, spans: SecretSpan[]): Finding[] {
    const unpaired = new Set(spans);
    const findings: Finding[] = [];
    for (const pair of this.pairs) {
      const [firstId, secondId] = pair.halves;
      const seconds = spans.filter((s) => s.ruleId === secondId);
      for (const first of spans.filter((s) => s.ruleId === firstId)) {
        const partner = nearest(
          first,
          seconds.filter((s) => unpaired.has(s)),
        );
        if (!partner || !unpaired.has(first)) continue;
        unpaired.delete(first);
        unpaired.delete(partner);
        findings.push(this.finding(file, pair.id, pair.provider, pair.description, [first, partner]));
      }
    }
    for (const span of spans) {
      if (!unpaired.has(span)) continue;
      const rule = this.rulesById.get(span.ruleId)!;
      // An app or client id alone is public (in every frontend that calls the provider): no finding.
      if (rule.pairOnly && this.pairs.some((pair) => pair.halves.includes(rule.id))) continue;
      findings.push(this.finding(file, rule.id, rule.provider, rule.description, [span]));
    }
    // A finding has one span, or two for a pair.
    return findings.sort((a, b) => a.spans[0]!.line - b.spans[0]!.line || a.spans[0]!.column - b.spans[0]!.column);
  }

  private finding(file: FileChange, ruleId: string, provider: string, description: string, spans: SecretSpan[]): Finding {
    const rules = spans.map((span) => this.rulesById.get(span.ruleId)!);
    return {
      ruleId,
      provider,
      description,
      family: rules[0]!.family, // spans: one, or a pair's two
      path: file.path,
      ...(file.displayPath !== undefined ? { displayPath: file.displayPath } : {}),
      ...(file.commit ? { commit: file.commit } : {}),
      spans,
      fingerprint: this.fingerprint(
        file.path,
        ruleId,
        spans.map((span) => span.secret),
      ),
      remediation: rules.map((rule) => rule.remediation),
    };
  }
}

/** `items` added at the end of `list` (a spread into push fails past ~120,000 arguments). */
function append<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}

function nearest(span: SecretSpan, others: SecretSpan[]): SecretSpan | undefined {
  let best: SecretSpan | undefined;
  for (const other of others) {
    if (!best || Math.abs(other.line - span.line) < Math.abs(best.line - span.line)) best = other;
  }
  return best;
}

/** The secret of a match: the `secret` named group, else the first capture group that matched. */
function secretOf(match: RegExpExecArray): { secret: string; start: number } | undefined {
  const indices = match.indices!;
  if (match.groups?.secret !== undefined) {
    const [start] = indices.groups!.secret!;
    return match.groups.secret ? { secret: match.groups.secret, start } : undefined;
  }
  for (let group = 1; group < match.length; group++) {
    const secret = match[group];
    if (secret) return { secret, start: indices[group]![0] };
  }
  return undefined;
}

/** Offsets to 1-based line and column, computed only for fragments that produce a match. */
class LineMap {
  private starts: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly firstLine: number,
  ) {}

  locate(offset: number): { line: number; column: number; lineText: string } {
    const starts = (this.starts ??= lineStarts(this.text));
    const index = lineIndexAt(starts, offset);
    // lineIndexAt stays within starts, which holds at least the first line's 0.
    const lineStart = starts[index]!;
    const next = this.text.indexOf('\n', lineStart);
    const lineText = this.text.slice(lineStart, next === -1 ? undefined : next).replace(/\r$/, '');
    return { line: this.firstLine + index, column: offset - lineStart + 1, lineText };
  }
}

/** Where the keywords of these rules start in a small text (no automaton hits to read them from). */
function occurrencesIn(text: string, rules: readonly CompiledRule[]): Map<string, number[]> {
  const lower = text.toLowerCase();
  const found = new Map<string, number[]>();
  for (const keyword of new Set(rules.flatMap((rule) => rule.keywords))) {
    const starts: number[] = [];
    for (let at = lower.indexOf(keyword); at !== -1; at = lower.indexOf(keyword, at + 1)) starts.push(at);
    if (starts.length > 0) found.set(keyword, starts);
  }
  return found;
}

/**
 * Where a value found in a decoded segment is written in the file: exactly the characters it was
 * decoded from when the layer tracked them (or when it is written there as is), else the whole
 * encoded stretch (a base64 run).
 */
function encodedPlace(segment: DecodedSegment, inDecoded: number, value: string): { start: number; secret: string } {
  const { positions, raw, offset } = segment;
  if (positions && inDecoded >= 0 && inDecoded + value.length < positions.length) {
    const from = positions[inDecoded]!;
    const to = positions[inDecoded + value.length]!;
    return { start: offset + from, secret: raw.slice(from, to) };
  }
  const verbatim = raw.indexOf(value);
  return verbatim === -1 ? { start: offset, secret: raw } : { start: offset + verbatim, secret: value };
}

/** Keyword occurrences without the markers (decoding markers and SDK names that are no rule's keywords). */
function withoutMarkers(
  occurrences: ReadonlyMap<string, readonly number[]>,
  markers: ReadonlySet<string>,
): ReadonlyMap<string, readonly number[]> {
  for (const keyword of occurrences.keys()) {
    if (markers.has(keyword)) return new Map([...occurrences].filter(([word]) => !markers.has(word)));
  }
  return occurrences;
}

const LAYER_NAMES: Record<DecodedView['layer'], string> = {
  json: 'JSON-decoded',
  notebook: 'in a notebook cell',
  url: 'URL-decoded',
  base64: 'base64-decoded',
};

/** After a keyword, the rest of a key: `_api_key:`, `Key": {`, `" {` (a block label), `]`, `>`. */
const KEY_AFTER = /^[\w.-]{0,60}["']?[ \t]*(?:[:=]|\{|\]|\/?>)/;
/** Before a keyword, an XML attribute that names a key: `<add key="Mailjet…`. */
const KEY_ATTRIBUTE = /(?:key|name)[ \t]*=[ \t]*["'][\w.:-]{0,60}$/i;

/**
 * The keywords (made of word characters: a key path holds no `://`) that occur at least once
 * where a key is written. Looks at a few dozen characters around each occurrence.
 */
function keyedKeywords(text: string, occurrences: ReadonlyMap<string, readonly number[]>): string[] {
  const keyed: string[] = [];
  for (const [keyword, starts] of occurrences) {
    if (!/^\w+$/.test(keyword)) continue;
    // A word of its own in the key: `pat` in `path` is no keyword (a lower-case letter goes on).
    const isKey = (start: number) =>
      !/[a-z]/.test(text[start + keyword.length] ?? '') &&
      (KEY_AFTER.test(text.slice(start + keyword.length, start + keyword.length + 80)) ||
        KEY_ATTRIBUTE.test(text.slice(Math.max(0, start - 80), start)));
    if (starts.some(isKey)) keyed.push(keyword);
  }
  return keyed;
}

/** A Kubernetes Secret or a Docker config: values in base64, whose words the keyword search never saw. */
function mayHoldEncoded(text: string): boolean {
  if (!text.includes('Secret') && !text.includes('auths')) return false;
  return /["']?kind["']?[ \t]*:[ \t]*["']?Secret\b|["']?auths["']?[ \t]*:/.test(text);
}
