#!/usr/bin/env node
// @ts-check
// The usage corpus (issue 15, "Targets"): credentials written the way developers write them, in
// the places each provider's own SDK documentation puts them, and in nested config of every
// format the structure reader knows. 28 providers (lib/usageProviders.mjs), each in 8 usage
// shapes: an env file, a shell export, nested YAML, appsettings-style JSON, docker-compose
// `environment`, and three SDK snippets from the provider's docs (constructor or call); plus one
// more nested format per provider, in turn (TOML, INI, .properties, XML appSettings, Terraform
// variable, Helm values, a Kubernetes Secret's stringData and its base64 data).
//
// Keys are random at every run. Each planted secret counts as found when a finding sits on its
// line of its file; "named" also needs the finding to name the provider. Target: recall ≥ 0.98.
// Run `npm run build` first.
//
//   node bench/usageCorpus.mjs [--rounds N]   (N fresh corpora, default 3)
import { BENCH_EXIT, numberOption, printTable, rejectUnknownOptions, runAsEntry } from './lib/common.mjs';
import { shippedDetector } from './lib/shippedDetector.mjs';
import { USAGE_PROVIDERS } from './lib/usageProviders.mjs';

/** @typedef {import('./lib/usageProviders.mjs').UsageProvider} UsageProvider */
/** @typedef {import('./lib/usageProviders.mjs').Values} Values */
/** @typedef {{ shape: string, path: string, text: string, provider: string, planted: { value: string, written: string }[] }} UsageFile */

const USAGE = 'usage: node bench/usageCorpus.mjs [--rounds N]';
const TARGET = 0.98;

/** @param {string} text */
const pascal = (text) => text.replace(/(^|_)([a-z])/g, (_, _sep, char) => char.toUpperCase());

/**
 * The five shapes every provider gets: `(provider, values) → [shape, path, text]`.
 * @type {Record<string, (p: UsageProvider, v: Values) => [string, string]>}
 */
const COMMON_SHAPES = {
  'env file': (p, v) => [`${p.section}/.env`, `APP_ENV=production\n${p.parts.map((part) => `${part.env}=${v[part.name]}`).join('\n')}\n`],
  'shell export': (p, v) => [
    `scripts/${p.section}-env.sh`,
    `#!/bin/sh\n${p.parts.map((part) => `export ${part.env}="${v[part.name]}"`).join('\n')}\n`,
  ],
  'nested YAML': (p, v) => [
    `config/${p.section}.yaml`,
    `app:\n  name: shop\n${p.section}:\n${p.parts.map((part) => `  ${part.field}: ${v[part.name]}`).join('\n')}\n`,
  ],
  'appsettings JSON': (p, v) => [
    `${pascal(p.section)}/appsettings.json`,
    `${JSON.stringify({ Logging: { LogLevel: { Default: 'Information' } }, [pascal(p.section)]: Object.fromEntries(p.parts.map((part) => [pascal(part.field), v[part.name]])) }, null, 2)}\n`,
  ],
  'docker-compose environment': (p, v) => [
    `${p.section}/docker-compose.yml`,
    `services:\n  app:\n    image: shop/app:1.4\n    environment:\n${p.parts.map((part) => `      - ${part.env}=${v[part.name]}`).join('\n')}\n`,
  ],
};

/**
 * Nested config in each further format; one per provider, in turn.
 * @type {Record<string, (p: UsageProvider, v: Values) => [string, string]>}
 */
const NESTED_FORMATS = {
  TOML: (p, v) => [
    `${p.section}/config.toml`,
    `[server]\nport = 8080\n\n[${p.section}]\n${p.parts.map((part) => `${part.field} = "${v[part.name]}"`).join('\n')}\n`,
  ],
  INI: (p, v) => [
    `${p.section}/settings.ini`,
    `[server]\nport = 8080\n\n[${p.section}]\n${p.parts.map((part) => `${part.field} = ${v[part.name]}`).join('\n')}\n`,
  ],
  '.properties': (p, v) => [
    `${p.section}/application.properties`,
    `server.port=8080\n${p.parts.map((part) => `${p.section}.${part.field.replace(/_/g, '-')}=${v[part.name]}`).join('\n')}\n`,
  ],
  'XML appSettings': (p, v) => [
    `${p.section}/web.config`,
    `<?xml version="1.0"?>\n<configuration>\n  <appSettings>\n${p.parts.map((part) => `    <add key="${pascal(p.section)}${pascal(part.field)}" value="${v[part.name]}" />`).join('\n')}\n  </appSettings>\n</configuration>\n`,
  ],
  'Terraform variable': (p, v) => [
    `${p.section}/variables.tf`,
    p.parts.map((part) => `variable "${p.section}_${part.field}" {\n  type    = string\n  default = "${v[part.name]}"\n}\n`).join('\n'),
  ],
  'Helm values': (p, v) => [
    `${p.section}/chart/values.yaml`,
    `replicaCount: 2\nsecrets:\n  ${p.section}:\n${p.parts.map((part) => `    ${part.field}: "${v[part.name]}"`).join('\n')}\n`,
  ],
  'Kubernetes stringData': (p, v) => [
    `${p.section}/k8s/secret.yaml`,
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${p.section}\ntype: Opaque\nstringData:\n${p.parts.map((part) => `  ${part.env}: "${v[part.name]}"`).join('\n')}\n`,
  ],
  'Kubernetes data (base64)': (p, v) => [
    `${p.section}/k8s/secret-data.yaml`,
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${p.section}-data\ntype: Opaque\ndata:\n${p.parts.map((part) => `  ${part.env}: ${Buffer.from(String(v[part.name])).toString('base64')}`).join('\n')}\n`,
  ],
};

/**
 * One fresh corpus: every provider in every shape, with what was planted where.
 * @returns {UsageFile[]}
 */
function corpus() {
  const nested = Object.entries(NESTED_FORMATS);
  return USAGE_PROVIDERS.flatMap((provider, index) => {
    /** @type {Values} */
    const values = Object.fromEntries(provider.parts.map((part) => [part.name, part.make()]));
    const secrets = provider.parts.filter((part) => part.secret).map((part) => String(values[part.name]));
    /** @type {(shape: string, path: string, text: string, encode?: boolean) => UsageFile} */
    const file = (shape, path, text, encode = false) => ({
      shape,
      path,
      text,
      provider: provider.provider,
      planted: secrets.map((value) => ({ value, written: encode ? Buffer.from(value).toString('base64') : value })),
    });
    const [format, write] = nested[index % nested.length] ?? nested[0] ?? ['', () => ['', '']];
    return [
      ...Object.entries(COMMON_SHAPES).map(([shape, make]) => file(shape, ...make(provider, values))),
      ...provider.sdk.map((snippet) => file(`SDK ${snippet.path.split('.').pop()}`, snippet.path, snippet.text(values))),
      file(format, ...write(provider, values), format.includes('base64')),
    ];
  });
}

/**
 * Each planted secret: found (a finding on its line) and named (that finding names the provider).
 * @param {any} detector
 * @param {UsageFile} file
 */
function judge(detector, file) {
  const findings = detector.scanFile({ path: file.path, chunks: [{ startLine: 1, text: file.text }] });
  const lines = file.text.split('\n');
  return file.planted.map(({ written }) => {
    const line = lines.findIndex((text) => text.includes(written)) + 1;
    const here = findings.filter((/** @type {any} */ finding) => finding.spans.some((/** @type {any} */ span) => span.line === line));
    const named = here.some((/** @type {any} */ finding) => finding.provider === file.provider);
    return { found: here.length > 0, named, as: named ? '' : here.map((/** @type {any} */ finding) => finding.ruleId).join(', ') };
  });
}

/**
 * @param {Map<string, number[]>} table
 * @param {string} key
 * @param {{ found: boolean, named: boolean }} result
 */
function tally(table, key, result) {
  const row = table.get(key) ?? [0, 0, 0];
  row[0] = (row[0] ?? 0) + 1;
  row[1] = (row[1] ?? 0) + (result.found ? 1 : 0);
  row[2] = (row[2] ?? 0) + (result.named ? 1 : 0);
  table.set(key, row);
}

/** @param {number[]} row */
const share = ([all = 0, found = 0, named = 0]) => [String(all), (found / all).toFixed(3), (named / all).toFixed(3)];

async function main() {
  const argv = process.argv.slice(2);
  rejectUnknownOptions(argv, { flags: [], valued: ['--rounds'], usage: USAGE });
  const rounds = numberOption(argv, '--rounds', 3, 1);
  const detector = shippedDetector();
  /** @type {Map<string, number[]>} */
  const byShape = new Map();
  /** @type {Map<string, number[]>} */
  const byProvider = new Map();
  /** @type {Set<string>} */
  const misses = new Set();
  /** @type {Set<string>} */
  const misnamed = new Set();
  for (let round = 0; round < rounds; round++) {
    for (const file of corpus()) {
      for (const result of judge(detector, file)) {
        tally(byShape, file.shape.startsWith('SDK') ? 'SDK snippet' : file.shape, result);
        tally(byProvider, file.provider, result);
        tally(byShape, 'all', result);
        if (!result.found) misses.add(`${file.provider}: ${file.shape} (${file.path})`);
        else if (!result.named) misnamed.add(`${file.provider}: ${file.shape} (${file.path}) as ${result.as}`);
      }
    }
  }
  report(byShape, byProvider, misses, misnamed);
  const all = byShape.get('all') ?? [1, 0];
  const recall = (all[1] ?? 0) / (all[0] ?? 1);
  console.log(
    `\nrecall ${recall.toFixed(3)} over ${all[0]} planted secrets in ${rounds} corpora; target ≥ ${TARGET}: ${recall >= TARGET ? 'met' : 'MISSED'}`,
  );
  return recall >= TARGET ? BENCH_EXIT.ok : BENCH_EXIT.failed;
}

/**
 * @param {Map<string, number[]>} byShape
 * @param {Map<string, number[]>} byProvider
 * @param {Set<string>} misses
 * @param {Set<string>} misnamed
 */
function report(byShape, byProvider, misses, misnamed) {
  printTable(
    ['shape', 'planted', 'found', 'named'],
    [...byShape].map(([shape, row]) => [shape, ...share(row)]),
    new Set([1, 2, 3]),
  );
  console.log('');
  const weak = [...byProvider].filter(([, row]) => (row[1] ?? 0) < (row[0] ?? 0) || (row[2] ?? 0) < (row[0] ?? 0));
  printTable(
    ['provider (not all found or named)', 'planted', 'found', 'named'],
    weak.map(([provider, row]) => [provider, ...share(row)]),
    new Set([1, 2, 3]),
  );
  if (misses.size) console.log(`\nmissed (in any round):\n  ${[...misses].sort().join('\n  ')}`);
  if (misnamed.size) console.log(`\nfound under another provider's rule (in any round):\n  ${[...misnamed].sort().join('\n  ')}`);
}

runAsEntry(main, { label: 'usage corpus' });
