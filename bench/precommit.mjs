#!/usr/bin/env node
// Pre-commit benchmark: what the leakgate hook adds to a `git commit` of a small, realistic change.
//
// Two throwaway repositories get the same five-file commit (~200 added lines of JS, Python, YAML,
// JSON and Markdown); in one of them the JS file carries a (fake) Mailjet key pair. Their
// core.hooksPath points at a pre-commit hook that runs this checkout's build of leakgate.
// Cases, each measured N times after warm-ups, interleaved round by round:
//   node -e 0                          the floor: starting Node and nothing else
//   leakgate pre-commit (clean)        the CLI alone on the staged clean change
//   git commit --no-verify (clean)     the commit without any hook
//   git commit + hook (clean, passes)  the commit with the hook (then git reset --soft HEAD~1)
//   git commit + hook (key, blocked)   the hook refuses the commit (nothing to reset)
//
//   node bench/precommit.mjs [--runs N] [--warmup N]
// The fake key pair is derived from a hash at run time: this file holds no credential-looking literal.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function main(argv = process.argv.slice(2)) {
  const runs = numberOption(argv, '--runs', 15, 1);
  const warmups = numberOption(argv, '--warmup', 2, 0);
  const cli = leakgateCli();

  const env = { ...process.env, NO_COLOR: '1' };
  for (const name of Object.keys(env)) {
    if (name.startsWith('GIT_') || name === 'LEAKGATE' || name === 'LEAKGATE_BIN' || name === 'FORCE_COLOR') delete env[name];
  }

  const workDir = mkdtempSync(join(tmpdir(), 'leakgate-bench-'));
  try {
    const hooksDir = join(workDir, 'hooks');
    mkdirSync(hooksDir);
    writeFileSync(join(hooksDir, 'pre-commit'), `#!/bin/sh\nexec node ${shellQuote(cli)} pre-commit\n`);
    chmodSync(join(hooksDir, 'pre-commit'), 0o755);

    const clean = makeRepo(join(workDir, 'clean'), hooksDir, env, false);
    const leaky = makeRepo(join(workDir, 'leaky'), hooksDir, env, true);
    const { files, lines } = stagedStats(clean, env);
    console.log(`leakgate pre-commit benchmark: ${cli}`);
    console.log(`commit: ${files} files, ${lines} added lines; ${runs} runs after ${warmups} warm-ups; node ${process.version}, git ${gitVersion(env)}\n`);

    // Sanity checks before timing anything: the clean change passes, the leaky one is blocked.
    const cleanCheck = exec('node', [cli, 'pre-commit'], clean, env);
    if (cleanCheck.status !== 0) {
      throw new Error(`leakgate pre-commit should pass on the clean change but exited ${cleanCheck.status}:\n${cleanCheck.stdout}${cleanCheck.stderr}`);
    }
    const leakyCheck = exec('node', [cli, 'pre-commit'], leaky, env);
    const head = (cwd) => exec('git', ['rev-parse', 'HEAD'], cwd, env).stdout.trim();

    const cases = [
      { name: 'node -e 0 (floor)', run: () => exec('node', ['-e', '0'], clean, env), floor: true },
      { name: 'leakgate pre-commit alone (clean)', run: () => exec('node', [cli, 'pre-commit'], clean, env), expect: 0 },
      {
        name: 'git commit --no-verify (clean)',
        run: () => exec('git', ['commit', '-q', '--no-verify', '-m', 'Add billing service'], clean, env),
        expect: 0,
        after: () => resetLastCommit(clean, env),
      },
      {
        name: 'git commit + hook (clean, passes)',
        run: () => exec('git', ['commit', '-q', '-m', 'Add billing service'], clean, env),
        expect: 0,
        after: () => resetLastCommit(clean, env),
      },
      {
        name: 'git commit + hook (key, blocked)',
        run: () => exec('git', ['commit', '-q', '-m', 'Add billing service'], leaky, env),
        blocked: true,
      },
    ];
    const leakyHead = head(leaky);
    const blockedStatuses = new Set();

    for (const c of cases) c.samples = [];
    for (let round = 0; round < warmups + runs; round++) {
      for (const c of cases) {
        const start = process.hrtime.bigint();
        const child = c.run();
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (c.after) c.after();
        if (c.blocked) {
          blockedStatuses.add(child.status);
          if (child.status === 0) throw new Error(`the commit with the key was NOT blocked (round ${round + 1})`);
        } else if (c.expect !== undefined && child.status !== c.expect) {
          throw new Error(`${c.name} exited ${child.status} (expected ${c.expect}):\n${child.stdout}${child.stderr}`);
        }
        if (round >= warmups) c.samples.push(ms);
      }
    }

    const floor = median(cases.find((c) => c.floor).samples);
    const rows = cases.map((c) => [c.name, fmt(median(c.samples)), fmt(percentile(c.samples, 90)), `${(median(c.samples) / floor).toFixed(2)}×`]);
    const noVerify = median(cases[2].samples);
    const extra = [
      ['hook overhead, passing commit', fmt(median(cases[3].samples) - noVerify), '', ''],
      ['hook overhead, blocked commit', fmt(median(cases[4].samples) - noVerify), '', ''],
    ];
    printTable(['case', 'median ms', 'p90 ms', 'vs node -e 0'], rows, extra);

    const headUnchanged = head(leaky) === leakyHead;
    const blockedOk = leakyCheck.status === 1 && [...blockedStatuses].every((s) => s !== 0) && headUnchanged;
    console.log(
      `\nblocked variant: leakgate pre-commit exited ${leakyCheck.status} (expected 1); ` +
        `git commit exited ${[...blockedStatuses].join('/')} in every run; HEAD ${headUnchanged ? 'did not move' : 'MOVED'}` +
        ` → ${blockedOk ? 'really blocked' : 'NOT BLOCKED AS EXPECTED'}`,
    );
    if (leakyCheck.status === 1) {
      const first = leakyCheck.stdout.split('\n').concat(leakyCheck.stderr.split('\n')).find((line) => line.trim() !== '');
      if (first) console.log(`  report: ${first.trim()}`);
    }
    return blockedOk ? 0 : 1;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The CLI the package publishes (package.json "bin"), falling back to dist/cli/main.js. */
function leakgateCli() {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.leakgate;
  for (const candidate of [bin, 'dist/cli/main.js']) {
    if (candidate && existsSync(join(PACKAGE_ROOT, candidate))) return join(PACKAGE_ROOT, candidate);
  }
  throw new Error(`no leakgate build in ${PACKAGE_ROOT}: run npm run build first`);
}

function exec(command, args, cwd, env) {
  const child = spawnSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.error) throw new Error(`${command} ${args.join(' ')}: ${child.error.message}`);
  return child;
}

function git(cwd, env, ...args) {
  const child = exec('git', args, cwd, env);
  if (child.status !== 0) throw new Error(`git ${args.join(' ')} exited ${child.status} in ${cwd}:\n${child.stderr}`);
  return child.stdout.trim();
}

function resetLastCommit(cwd, env) {
  git(cwd, env, 'reset', '-q', '--soft', 'HEAD~1');
}

function gitVersion(env) {
  return exec('git', ['--version'], PACKAGE_ROOT, env).stdout.trim().replace(/^git version /, '');
}

function makeRepo(dir, hooksDir, env, withKey) {
  mkdirSync(dir, { recursive: true });
  git(dir, env, 'init', '-q', '-b', 'main');
  git(dir, env, 'config', 'user.name', 'leakgate bench');
  git(dir, env, 'config', 'user.email', 'bench@example.invalid');
  git(dir, env, 'config', 'commit.gpgsign', 'false');
  git(dir, env, 'config', 'core.hooksPath', hooksDir);
  writeFileSync(join(dir, 'README.md'), '# billing\n\nInternal billing service.\n');
  git(dir, env, 'add', '-A');
  git(dir, env, 'commit', '-q', '--no-verify', '-m', 'Initial commit');
  for (const [path, text] of Object.entries(sourceFiles(withKey))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, env, 'add', '-A');
  return dir;
}

function stagedStats(cwd, env) {
  const numstat = git(cwd, env, 'diff', '--cached', '--numstat').split('\n').filter(Boolean);
  return { files: numstat.length, lines: numstat.reduce((sum, line) => sum + Number(line.split('\t')[0]), 0) };
}

function fakeHex(seed) {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

/** Five files, ~200 lines; with `withKey` the JS file pastes a fake Mailjet key pair into the code. */
function sourceFiles(withKey) {
  const connect = withKey
    ? `const mailjet = Mailjet.apiConnect('${fakeHex('leakgate-bench-fake-key')}', '${fakeHex('leakgate-bench-fake-secret')}');`
    : 'const mailjet = Mailjet.apiConnect(process.env.MJ_APIKEY_PUBLIC, process.env.MJ_APIKEY_PRIVATE);';
  const plans = ['starter', 'team', 'business', 'enterprise'];

  const js = [
    "'use strict';",
    "const express = require('express');",
    "const Mailjet = require('node-mailjet');",
    "const { formatAmount, nextInvoiceDate } = require('./money');",
    '',
    connect,
    'const router = express.Router();',
    '',
    'const PLANS = {',
    ...plans.map((plan, i) => `  ${plan}: { monthly: ${(i + 1) * 1900}, seats: ${(i + 1) * 5}, trialDays: ${14 + i * 7} },`),
    '};',
    '',
    ...plans.flatMap((plan) => [
      `router.post('/subscriptions/${plan}', async (req, res, next) => {`,
      '  try {',
      `    const plan = PLANS.${plan};`,
      '    const { customerId, email } = req.body;',
      "    if (!customerId || !email) return res.status(400).json({ error: 'customerId and email are required' });",
      '    const due = nextInvoiceDate(new Date(), plan.trialDays);',
      `    await sendReceipt(email, '${plan}', formatAmount(plan.monthly), due);`,
      "    res.status(201).json({ plan: '" + plan + "', due });",
      '  } catch (error) {',
      '    next(error);',
      '  }',
      '});',
      '',
    ]),
    'async function sendReceipt(to, plan, amount, due) {',
    "  return mailjet.post('send', { version: 'v3.1' }).request({",
    '    Messages: [',
    '      {',
    "        From: { Email: 'billing@example.com', Name: 'Billing' },",
    '        To: [{ Email: to }],',
    '        Subject: `Your ${plan} subscription`,',
    '        TextPart: `You will be charged ${amount} on ${due.toISOString().slice(0, 10)}.`,',
    '      },',
    '    ],',
    '  });',
    '}',
    '',
    'module.exports = { router, PLANS };',
  ];

  const py = [
    '"""Invoice generation for the billing service."""',
    'from __future__ import annotations',
    '',
    'import dataclasses',
    'import datetime as dt',
    'import decimal',
    'import logging',
    '',
    'log = logging.getLogger(__name__)',
    '',
    'TAX_RATES = {',
    ...['FR', 'DE', 'ES', 'IT', 'NL', 'BE'].map((country, i) => `    "${country}": decimal.Decimal("0.${19 + i}"),`),
    '}',
    '',
    '',
    '@dataclasses.dataclass(frozen=True)',
    'class Line:',
    '    description: str',
    '    quantity: int',
    '    unit_price: decimal.Decimal',
    '',
    '    @property',
    '    def total(self) -> decimal.Decimal:',
    '        return self.unit_price * self.quantity',
    '',
    '',
    '@dataclasses.dataclass',
    'class Invoice:',
    '    customer_id: str',
    '    country: str',
    '    issued: dt.date',
    '    lines: list[Line] = dataclasses.field(default_factory=list)',
    '',
    '    def subtotal(self) -> decimal.Decimal:',
    '        return sum((line.total for line in self.lines), decimal.Decimal(0))',
    '',
    '    def tax(self) -> decimal.Decimal:',
    '        rate = TAX_RATES.get(self.country, decimal.Decimal(0))',
    '        return (self.subtotal() * rate).quantize(decimal.Decimal("0.01"))',
    '',
    '    def total(self) -> decimal.Decimal:',
    '        return self.subtotal() + self.tax()',
    '',
    '',
    'def build_invoice(customer_id: str, country: str, items: list[tuple[str, int, str]]) -> Invoice:',
    '    invoice = Invoice(customer_id, country, dt.date.today())',
    '    for description, quantity, price in items:',
    '        invoice.lines.append(Line(description, quantity, decimal.Decimal(price)))',
    '    log.info("invoice for %s: %s", customer_id, invoice.total())',
    '    return invoice',
  ];

  const yaml = [
    'name: ci',
    'on:',
    '  push:',
    '    branches: [main]',
    '  pull_request:',
    'jobs:',
    ...['lint', 'test', 'build'].flatMap((job) => [
      `  ${job}:`,
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: actions/setup-node@v4',
      '        with:',
      '          node-version: 20',
      '          cache: npm',
      '      - run: npm ci',
      `      - run: npm run ${job}`,
    ]),
  ];

  const json = JSON.stringify(
    {
      name: 'billing-service',
      version: '2.3.0',
      private: true,
      main: 'src/routes.js',
      scripts: { start: 'node src/server.js', lint: 'eslint src', test: 'jest', build: 'tsc -p .' },
      dependencies: { express: '^4.19.2', 'node-mailjet': '^6.0.5', pino: '^9.3.2' },
      devDependencies: { eslint: '^9.9.0', jest: '^29.7.0', typescript: '~5.5.4' },
      engines: { node: '>=20' },
    },
    null,
    2,
  ).split('\n');

  const md = [
    '# Billing service',
    '',
    'Creates subscriptions, sends receipts and generates invoices.',
    '',
    '## Plans',
    '',
    '| plan | monthly (cents) | seats | trial days |',
    '| --- | --- | --- | --- |',
    ...plans.map((plan, i) => `| ${plan} | ${(i + 1) * 1900} | ${(i + 1) * 5} | ${14 + i * 7} |`),
    '',
    '## Configuration',
    '',
    'The Mailjet key pair comes from the environment:',
    '',
    '```sh',
    'export MJ_APIKEY_PUBLIC=…   # from your secret store',
    'export MJ_APIKEY_PRIVATE=…',
    '```',
    '',
    '## Development',
    '',
    '```sh',
    'npm ci',
    'npm test',
    'npm start',
    '```',
    '',
    'Invoices are generated by `invoices/build.py`; tax rates per country live in `TAX_RATES`.',
  ];

  const text = (lines) => `${lines.join('\n')}\n`;
  return {
    'src/routes.js': text(js),
    'invoices/build.py': text(py),
    '.github/workflows/ci.yml': text(yaml),
    'package.json': text(json),
    'docs/billing.md': text(md),
  };
}

function median(values) {
  return percentile(values, 50);
}

/** Linear interpolation between the closest ranks. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

function fmt(ms) {
  return ms.toFixed(1);
}

function printTable(header, rows, extra) {
  const all = [header, ...rows, ...extra];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  console.log(line(header));
  console.log(rule);
  for (const row of rows) console.log(line(row));
  console.log(rule);
  for (const row of extra) console.log(line(row));
}

function numberOption(argv, name, fallback, min) {
  const index = argv.indexOf(name);
  if (index === -1) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} needs an integer >= ${min}`);
  return value;
}

function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
