#!/usr/bin/env node
// Speed of the structure parsers (src/detect/structure): slotsOf over a generated config file of
// about 10 MB in each format, read from the build (run `npm run build` first). Prints MB/s (best
// of --runs, default 5, after one warm-up) and the slots found; a file denser than 100,000 slots
// is read up to its 100,000th (MAX_SLOTS), and MB/s is then over the part read. The files are
// realistic config shapes repeated: nested sections, quoted and plain values, comments, lists, a
// PEM block, a template line; values are pseudo-random hex from a fixed seed, made in memory only.
//
//   node bench/structure.mjs [--runs N] [--mb SIZE]
import { performance } from 'node:perf_hooks';
import { BENCH_EXIT, MB, numberOption, printTable, prng, rejectUnknownOptions, runAsEntry } from './lib/common.mjs';

/** @typedef {import('../src/detect/structure/slots.js').SlotFormat} SlotFormat */

const USAGE = 'usage: node bench/structure.mjs [--runs N] [--mb SIZE]';

const random = prng(15);
const hex = (/** @type {number} */ length) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
const PEM = Array.from({ length: 6 }, () => hex(64));

/**
 * One section of each format; `i` makes keys differ from section to section.
 * @type {Record<SlotFormat, (i: number) => string>}
 */
const SECTIONS = {
  yaml: (i) =>
    `service${i}:\n  # settings of service ${i}\n  image: "registry.example.com/app:${i}"\n  mailjet:\n    api_key: ${hex(32)}\n    api_secret: '${hex(32)}'\n  environment:\n    - MJ_APIKEY_PRIVATE=${hex(32)}\n    - LOG_LEVEL=info\n  ports: [80, 443, "8080:80"]\n  limits: {cpu: 2, memory: "512Mi"}\n  tls:\n    key: |\n${PEM.map((line) => `      ${line}`).join('\n')}\n  {{- if .Values.debug }}\n  debug: true\n  {{- end }}\n  description: >-\n    a folded\n    description\n`,
  json: (i) =>
    `  "Service${i}": {\n    "Mailjet": { "ApiKey": "${hex(32)}", "ApiSecret": "${hex(32)}" },\n    "Ports": [80, 443, 8080],\n    "Enabled": true,\n    "Pem": "-----BEGIN KEY-----\\n${PEM.join('\\n')}\\n-----END KEY-----\\n",\n    "Note": "caf\\u00e9 \\"quoted\\" \\/ path", // comment\n    "Nested": { "Deeper": { "Value": "${hex(16)}", "List": ["a", "b", "c"] } }\n  },\n`,
  toml: (i) =>
    `[service${i}]\nimage = "registry.example.com/app:${i}"\nports = [80, 443, 8080]\n\n[service${i}.mailjet]\napi_key = "${hex(32)}"\napi_secret = '${hex(32)}'\nlimits = { cpu = 2, memory = "512Mi" }\n# comment\n[[service${i}.hosts]]\nname = "h${i}"\npem = """\n${PEM.join('\n')}\n"""\n`,
  ini: (i) =>
    `[service${i}]\n; comment\nimage = registry.example.com/app:${i}\napi_key = ${hex(32)}\napi_secret = "${hex(32)}" ; inline\nport: 8080\nhosts = alpha\n  beta\n  gamma\n\n`,
  properties: (i) =>
    `# service ${i}\nservice${i}.image=registry.example.com/app:${i}\nservice${i}.mailjet.apiKey = ${hex(32)}\nservice${i}.mailjet.apiSecret: ${hex(32)}\nservice${i}.hosts = alpha, \\\n    beta, \\\n    gamma\nservice${i}.greeting=caf\\u00e9\n`,
  env: (i) =>
    `# service ${i}\nSERVICE${i}_IMAGE=registry.example.com/app:${i}\nexport MJ_APIKEY_PUBLIC_${i}=${hex(32)}\nMJ_APIKEY_PRIVATE_${i}="${hex(32)}" # private\nGREETING_${i}='hello world'\nMULTI_${i}="line one\\nline two"\n`,
  xml: (i) =>
    `  <service name="service${i}">\n    <!-- settings -->\n    <appSettings>\n      <add key="MailjetApiKey" value="${hex(32)}" />\n      <add key="MailjetApiSecret" value="${hex(32)}" />\n    </appSettings>\n    <connectionStrings><add name="Db" connectionString="Server=db${i};Password=${hex(12)}" providerName="System.Data.SqlClient"/></connectionStrings>\n    <smtp host="smtp.example.com" port="587"><password>${hex(16)}</password></smtp>\n    <property name="db.password">${hex(16)}</property>\n    <pem><![CDATA[${PEM.join('\n')}]]></pem>\n    <note>caf&#xe9; &amp; more</note>\n  </service>\n`,
  hcl: (i) =>
    `provider "mailjet" {\n  alias      = "p${i}"\n  api_key    = "${hex(32)}"\n  api_secret = var.secret_${i}\n}\n\nresource "aws_db_instance" "db${i}" {\n  engine   = "postgres"\n  password = "${hex(20)}" # comment\n  tags     = { Name = "db-\${var.env}", Index = ${i} }\n  hosts    = ["a", "b", "c"]\n  policy   = <<-EOF\n    ${PEM[0]}\n    ${PEM[1]}\n  EOF\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n`,
};

/** @type {Partial<Record<SlotFormat, string>>} */
const OPEN = { json: '{\n', xml: '<?xml version="1.0"?>\n<configuration>\n' };
/** @type {Partial<Record<SlotFormat, string>>} */
const CLOSE = { json: '  "End": 0\n}\n', xml: '</configuration>\n' };
/** @type {Record<SlotFormat, string>} */
const FILE_NAMES = {
  yaml: 'values.yaml',
  json: 'appsettings.json',
  toml: 'config.toml',
  ini: 'settings.ini',
  properties: 'application.properties',
  env: '.env',
  xml: 'web.config',
  hcl: 'main.tf',
};

/**
 * @param {SlotFormat} format
 * @param {number} bytes
 */
function generate(format, bytes) {
  const open = OPEN[format] ?? '';
  const parts = [open];
  let size = open.length;
  for (let i = 0; size < bytes; i++) {
    const section = SECTIONS[format](i);
    parts.push(section);
    size += section.length;
  }
  parts.push(CLOSE[format] ?? '');
  return parts.join('');
}

/**
 * @param {string} text
 * @param {number} line
 * @param {number} column
 */
function offsetOf(text, line, column) {
  let offset = 0;
  for (let at = 1; at < line; at++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

/** @param {string[]} argv */
async function main(argv = process.argv.slice(2)) {
  rejectUnknownOptions(argv, { flags: [], valued: ['--runs', '--mb'], usage: USAGE });
  const { slotsOf } = await import('../dist/detect/structure/slots.js');
  const runs = numberOption(argv, '--runs', 5, 1);
  const megabytes = numberOption(argv, '--mb', 10, 1);
  const rows = [];
  for (const format of /** @type {SlotFormat[]} */ (Object.keys(SECTIONS))) {
    const text = generate(format, megabytes * MB);
    let slots = slotsOf(FILE_NAMES[format], text);
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      slots = slotsOf(FILE_NAMES[format], text);
      best = Math.min(best, performance.now() - start);
    }
    // At MAX_SLOTS the parser stops: the speed is over the text read up to the last slot.
    const last = slots.at(-1);
    const read = slots.length >= 100_000 && last ? offsetOf(text, last.line, last.column) : text.length;
    const mb = read / MB;
    rows.push([
      format,
      (text.length / MB).toFixed(1),
      mb.toFixed(1),
      slots.length.toLocaleString('en-US'),
      `${best.toFixed(0)} ms`,
      (mb / (best / 1000)).toFixed(1),
    ]);
  }
  console.log(`slotsOf, best of ${runs} runs after a warm-up (node ${process.version})`);
  printTable(['format', 'MB', 'MB read', 'slots', 'time', 'MB/s'], rows, new Set([1, 2, 3, 4, 5]));
  console.log('MB read: up to the 100,000th slot, where slotsOf stops (MAX_SLOTS); MB/s is over what was read.');
  return BENCH_EXIT.ok;
}

runAsEntry(main, { label: 'structure bench' });
