import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { BuiltinRuleDef, PairDef } from './ruleSchema';

// The build writes the detection catalogue in the form a hook loads fastest. A hook needs every
// rule's id and keywords at start (the keyword prefilter), but the rest of a rule (regex,
// description, offsets) only for the few rules whose keywords a commit holds. Parsing all of it
// as objects, and the scavenges that copied them, were most of what the catalogue cost a
// passing hook (bench/NOTES.md, "Catalogue at start-up"). So the file is one header line (ids, keywords
// and where each rule's line starts) and then one JSON line per rule, parsed on first use. The
// text is ASCII (JSON escapes), so byte offsets are character offsets and latin1 reads it exactly.

/** What the build records of the rules.json it validated. */
export interface BuildStamp {
  rulesHash: string;
  rulesSize: number;
  rulesMtimeMs: number;
}

type Remediation = BuiltinRuleDef['remediation'];

/** A catalogue rule as detection uses it: no examples, remediation read apart. */
export type DetectionRule = Omit<BuiltinRuleDef, 'examples' | 'remediation'> & {
  remediation?: Remediation;
  /** The build's keyword-offset analysis of the regex (see RuleDefinition.keywordOffsets). */
  keywordOffsets?: [string, number[]][] | false;
};

/** The header line. Offsets count bytes from the first rule line (of this file; of the remediation file). */
interface Header extends BuildStamp {
  pairs: PairDef[];
  /**
   * Per rule, in catalogue order: id, keywords, 1 when it has a regex, its family ('' for none),
   * its path glob if any. The family is here because the SDK-name index reads every rule's.
   */
  rules: [id: string, keywords: string[], hasRegex: 0 | 1, family: string, path?: string][];
  /** Where each rule's line starts, then where the last one ends. */
  lines: number[];
  /** Where each rule's remediation line starts in the remediation file, then the end. */
  remediation: number[];
}

/** The two files the build writes: the detection catalogue and the remediation lines (`["<id>",{…}]`). */
export function catalogueFiles(
  rules: readonly (DetectionRule & { remediation: Remediation })[],
  pairs: PairDef[],
  stamp: BuildStamp,
): { catalogue: string; remediation: string } {
  const ruleLines = rules.map(({ remediation: _remediation, ...rule }) => `${asciiJson(rule)}\n`);
  const remediationLines = rules.map((rule) => `${asciiJson([rule.id, rule.remediation])}\n`);
  const header: Header = {
    ...stamp,
    pairs,
    rules: rules.map((rule) => {
      const entry: Header['rules'][number] = [rule.id, rule.keywords ?? [], rule.regex === undefined ? 0 : 1, rule.family ?? ''];
      if (rule.path !== undefined) entry.push(rule.path);
      return entry;
    }),
    lines: offsetsOf(ruleLines),
    remediation: offsetsOf(remediationLines),
  };
  return { catalogue: `${asciiJson(header)}\n${ruleLines.join('')}`, remediation: remediationLines.join('') };
}

/** The catalogue a build wrote. */
export type BuiltCatalogue = BuildStamp & {
  rules: RuleDefinitionOnDemand[];
  pairs: PairDef[];
  remediationOf(id: string): Remediation | undefined;
};

/**
 * The built catalogue: rules whose definitions are parsed on first use, remediation read by
 * position. Undefined when the file is missing or its header is not JSON (running from source).
 */
export function readCatalogueFile(file: string, remediationFile: string): BuiltCatalogue | undefined {
  let bytes: Buffer;
  let header: Header;
  let body: number;
  try {
    bytes = readFileSync(file);
    const headerEnd = bytes.indexOf(10);
    body = headerEnd + 1;
    header = JSON.parse(bytes.toString('latin1', 0, headerEnd === -1 ? bytes.length : headerEnd)) as Header;
  } catch {
    return undefined;
  }
  const lines: RuleLines = { bytes, body, offsets: header.lines };
  const rules = header.rules.map(
    ([id, keywords, hasRegex, family, path], index) =>
      new RuleDefinitionOnDemand(id, keywords, hasRegex === 1, family === '' ? undefined : family, path, lines, index),
  );
  let positions: Map<string, number> | undefined;
  const remediationOf = (id: string): Remediation | undefined => {
    positions ??= new Map(header.rules.map(([ruleId], index) => [ruleId, index]));
    const index = positions.get(id);
    if (index === undefined) return undefined;
    const start = header.remediation[index]!;
    const line = readBytes(remediationFile, start, header.remediation[index + 1]! - start);
    // A remediation file from another build than the header (a half-copied install): its line is
    // elsewhere, so it is found by its id.
    let entry: [string, Remediation] | undefined;
    try {
      entry = JSON.parse(line) as [string, Remediation];
    } catch {
      entry = undefined;
    }
    return entry?.[0] === id ? entry[1] : remediationById(remediationFile, id);
  };
  return {
    rulesHash: header.rulesHash,
    rulesSize: header.rulesSize,
    rulesMtimeMs: header.rulesMtimeMs,
    rules,
    pairs: header.pairs,
    remediationOf,
  };
}

/** The rule lines of the catalogue file: where they start in its bytes, and each one's offset from there. */
interface RuleLines {
  bytes: Buffer;
  body: number;
  offsets: readonly number[];
}

/**
 * A catalogue rule whose id, keywords, family and path are known at once and whose other fields are
 * parsed from its line when first read. Fields are getters: spread it and they are gone.
 */
export class RuleDefinitionOnDemand {
  private definition: DetectionRule | undefined;

  constructor(
    readonly id: string,
    readonly keywords: string[],
    readonly hasRegex: boolean,
    readonly family: string | undefined,
    readonly path: string | undefined,
    private readonly lines: RuleLines,
    private readonly index: number,
  ) {}

  private get full(): DetectionRule {
    if (!this.definition) {
      const { bytes, body, offsets } = this.lines;
      this.definition = JSON.parse(bytes.toString('latin1', body + offsets[this.index]!, body + offsets[this.index + 1]!)) as DetectionRule;
    }
    return this.definition;
  }

  get regex(): string | undefined {
    return this.hasRegex ? this.full.regex : undefined;
  }
  get provider(): string {
    return this.full.provider;
  }
  get description(): string {
    return this.full.description;
  }
  get entropy(): number | undefined {
    return this.full.entropy;
  }
  get stopwords(): string[] | undefined {
    return this.full.stopwords;
  }
  get checksum(): DetectionRule['checksum'] {
    return this.full.checksum;
  }
  get pairOnly(): DetectionRule['pairOnly'] {
    return this.full.pairOnly;
  }
  get keywordOffsets(): DetectionRule['keywordOffsets'] {
    return this.full.keywordOffsets;
  }
}

/** Where each text starts when they are written one after another, then where the last ends. */
function offsetsOf(texts: readonly string[]): number[] {
  const offsets = [0];
  for (const text of texts) offsets.push(offsets[offsets.length - 1]! + text.length);
  return offsets;
}

/** JSON with every character past ASCII escaped: the same value, one byte per character. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The remediation line of a rule, searched by its id through the whole file. */
function remediationById(file: string, id: string): Remediation | undefined {
  const lines = `\n${readFileSync(file, 'utf8')}`;
  const start = lines.indexOf(`\n${JSON.stringify([id]).slice(0, -1)},`);
  if (start === -1) return undefined;
  const end = lines.indexOf('\n', start + 1);
  return (JSON.parse(lines.slice(start + 1, end === -1 ? undefined : end)) as [string, Remediation])[1];
}

/** Only the bytes of one line: a blocked commit reports a rule or two of a thousand. */
function readBytes(file: string, position: number, length: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const count = readSync(fd, buffer, read, length - read, position + read);
      if (count === 0) break;
      read += count;
    }
    return buffer.toString('latin1', 0, read);
  } finally {
    closeSync(fd);
  }
}
