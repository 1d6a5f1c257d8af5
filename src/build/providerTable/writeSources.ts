import { messages } from '../../messages';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../packageInfo';
import { type ProviderSource, providerSources, readReference } from './generate';
import { KINDS } from './kinds';
import { COVERED_BY, LEFT_OUT } from './overrides';
import { KIND_OF, NAME_OF } from './providers';

/**
 * `node dist/build/providerTable/writeSources.js <provider-formats.jsonl>`: writes one rules/<slug>.json
 * per provider the coverage tables name, and rules/COVERAGE.md, which accounts for every folder of
 * the reference table (new rule, earlier rule, or left out and why). The written files are the
 * reviewed artefact; this script is how they were made and how to remake them.
 */
function main(referencePath: string): void {
  const reference = readReference(referencePath);
  const shipped = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'rules.json'), 'utf8')) as { rules: { id: string; provider: string }[] };
  // The ids this table wrote last time are free again; every other rule's id is taken.
  const ours = new Set([...KIND_OF.keys()].map((folder) => NAME_OF.get(folder) ?? reference.find((d) => d.provider === folder)?.service));
  const earlier = shipped.rules.filter((rule) => !ours.has(rule.provider));
  const sources = providerSources(reference, new Set(earlier.map((rule) => rule.id)));
  for (const source of sources) {
    const body = { $schema: './rule-source.schema.json', rules: source.rules };
    writeFileSync(join(PACKAGE_ROOT, 'rules', `${source.file}.json`), `${JSON.stringify(body, null, 2)}\n`);
  }
  writeFileSync(
    join(PACKAGE_ROOT, 'rules', 'COVERAGE.md'),
    coverage(
      reference.map((detector) => detector.provider),
      sources,
      earlier,
    ),
  );
  process.stdout.write(
    `${messages.tableWritten(
      sources.length,
      sources.reduce((sum, source) => sum + source.rules.length, 0),
    )}\n`,
  );
}

function coverage(
  folderList: readonly string[],
  sources: readonly ProviderSource[],
  earlier: readonly { id: string; provider: string }[],
): string {
  const folders = [...new Set(folderList)].sort();
  const ruleOf = new Map(sources.flatMap((source) => source.folders.map((folder) => [folder, source] as const)));
  const leftOut = new Map(LEFT_OUT);
  for (const folder of KIND_OF.keys())
    if (!ruleOf.has(folder)) leftOut.set(folder, 'No regular shape in the reference notes to match without the provider documentation.');
  const unaccounted = folders.filter((folder) => !ruleOf.has(folder) && !COVERED_BY.has(folder) && !leftOut.has(folder));
  if (unaccounted.length) throw new Error(messages.tableNoVerdict(unaccounted));
  const idsOf = (provider: string) => earlier.filter((rule) => rule.provider === provider).map((rule) => rule.id);
  for (const provider of new Set(COVERED_BY.values())) if (!idsOf(provider).length) throw new Error(messages.tableNoEarlierRule(provider));
  const lines = [
    '# Coverage of the provider reference table',
    '',
    'Written by `src/build/providerTable/writeSources.ts` from `provider-formats.jsonl` (credential format facts',
    'for 884 provider folders, see the issue 16 reference) and the judgement in `src/build/providerTable/`.',
    'Every folder of the table is accounted for below: a rule written from it, a provider the catalogue',
    'already had, or left out with the reason.',
    '',
    `- folders: ${folders.length}`,
    `- new rules from the table: ${sources.reduce((sum, source) => sum + source.rules.length, 0)} rules for ${sources.length} providers`,
    `- covered by earlier rules: ${folders.filter((folder) => COVERED_BY.has(folder)).length} folders`,
    `- left out: ${[...leftOut.keys()].filter((folder) => folders.includes(folder)).length} folders`,
    '',
    '## Left out',
    '',
    '| folder | reason |',
    '| --- | --- |',
    ...[...leftOut].sort(([a], [b]) => a.localeCompare(b)).map(([folder, reason]) => `| ${folder} | ${reason} |`),
    '',
    '## Covered by earlier rules',
    '',
    '| folder | provider | rules |',
    '| --- | --- | --- |',
    ...folders
      .filter((folder) => COVERED_BY.has(folder))
      .map((folder) => `| ${folder} | ${COVERED_BY.get(folder)} | ${idsOf(COVERED_BY.get(folder)!).join(', ')} |`),
    '',
    '## New rules, by kind of service',
    '',
  ];
  for (const kind of Object.keys(KINDS)) {
    const inKind = folders.filter((folder) => KIND_OF.get(folder) === kind && ruleOf.has(folder));
    if (!inKind.length) continue;
    lines.push(`### ${kind} (${inKind.length})`, '', '| folder | provider | rule | file |', '| --- | --- | --- | --- |');
    for (const folder of inKind) {
      const source = ruleOf.get(folder)!;
      const index = source.folders.indexOf(folder);
      const rule = source.rules[Math.min(index, source.rules.length - 1)]!;
      lines.push(`| ${folder} | ${source.provider} | ${rule.id} | rules/${source.file}.json |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

main(process.argv[2] ?? '/work/shared/reference/provider-formats.jsonl');
