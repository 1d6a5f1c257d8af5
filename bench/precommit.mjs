#!/usr/bin/env node
// Pre-commit benchmark: what the leakgate hook adds to a `git commit` of a small, realistic change.
//
// Two throwaway repositories get the same five-file commit (~200 added lines of JS, Python, YAML,
// JSON and Markdown); in one of them the JS file carries a (fake) Mailjet key pair. The hooks are
// the real ones: `leakgate install` (plain git hooks, this checkout's build) in each repository.
// Cases, each measured N times after warm-ups, interleaved round by round:
//   node -e 0                          the floor: starting Node and nothing else
//   leakgate pre-commit (key)          the CLI alone on the staged change with the key: exit 1, 1 finding
//   git commit --no-verify (clean)     the commit without any hook (then git reset --soft HEAD~1)
//   git commit + hook (clean, passes)  the commit with the hooks: pre-commit and commit-msg (then git reset --soft HEAD~1)
//   git commit + pre-commit hook only  the same with the commit-msg hook removed: splits the two hooks' times
//   git commit + hook (key, blocked)   the hook refuses the commit (nothing to reset)
// The hook's own time is the commit with the hook minus the commit without it.
//
// bench/run.mjs imports prepareSmallCommit() and smallCommitCases() to put these cases in its one
// table (with secretlint beside them); run alone, this file prints its own table:
//   node bench/precommit.mjs [--runs N] [--warmup N]
// The fake key pair is derived from a hash at run time: this file holds no credential-looking literal.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, git, measure, snapshotCli, median, numberOption, percentile } from './lib/common.mjs';

/** The planted key of the small commit: where it is and what leakgate calls it. */
export const SMALL_PLANT = { file: 'src/routes.js', rules: ['mailjet-api-key-pair', 'mailjet-api-key', 'mailjet-secret-key'] };

/**
 * Two repositories under `workDir` with the hooks installed by `leakgate install` and the
 * five-file change staged: `clean` (passes) and `leaky` (a fake Mailjet key pair in src/routes.js).
 */
export function prepareSmallCommit(workDir, cli, env) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const clean = makeRepo(join(workDir, 'clean'), cli, env, false);
  const leaky = makeRepo(join(workDir, 'leaky'), cli, env, true);
  // The same clean change with the pre-commit hook alone: a passing commit runs two hooks (each
  // starts Node), and this splits their times apart.
  const preOnly = makeRepo(join(workDir, 'pre-only'), cli, env, false);
  rmSync(join(preOnly, '.git', 'hooks', 'commit-msg'));
  const numstat = git(clean, env, 'diff', '--cached', '--numstat').split('\n').filter(Boolean);
  return {
    clean,
    leaky,
    preOnly,
    paths: numstat.map((line) => line.split('\t')[2]),
    files: numstat.length,
    lines: numstat.reduce((sum, line) => sum + Number(line.split('\t')[0]), 0),
  };
}

/** The count in leakgate's hook report ("… blocked this commit: N secrets …"), or undefined. */
export function reportedCount(output) {
  const match = /blocked this commit: (\d+) secrets?/.exec(output);
  return match ? Number(match[1]) : undefined;
}

/**
 * The small-commit cases, each { key, name, run() → measure() result, after?(), check(result) →
 * undefined or what went wrong }. `expectFindings`: the count the key variant must report.
 */
export function smallCommitCases({ cli, env, repos }) {
  const head = (cwd) => git(cwd, env, 'rev-parse', 'HEAD');
  const leakyHead = head(repos.leaky);
  // Undo the commit only when it was made (a failed commit leaves HEAD on the initial commit).
  const reset = (cwd) => (r) => {
    if (r.status === 0) git(cwd, env, 'reset', '-q', '--soft', 'HEAD~1');
  };
  const exitIs = (expected) => (r) => (r.status === expected ? undefined : `exited ${r.status} (expected ${expected}): ${(r.stdout + r.stderr).trim().split('\n').slice(0, 3).join(' | ')}`);
  const blocked = (r) => {
    if (r.status === 0) return 'the commit with the key was NOT blocked';
    if (head(repos.leaky) !== leakyHead) return 'HEAD moved: the commit went through';
    const count = reportedCount(r.stdout + r.stderr);
    if (count !== 1) return `the hook reported ${count ?? 'no'} secrets (expected 1)`;
    return undefined;
  };
  return [
    { key: 'node', name: 'node -e 0', run: () => measure('node', ['-e', '0'], { cwd: repos.clean, env }), check: exitIs(0) },
    {
      key: 'alone',
      name: 'leakgate pre-commit alone (key)',
      run: () => measure('node', [cli, 'pre-commit'], { cwd: repos.leaky, env }),
      check: (r) => {
        if (r.status !== 1) return exitIs(1)(r);
        const count = reportedCount(r.stdout + r.stderr);
        return count === 1 ? undefined : `reported ${count ?? 'no'} secrets (expected 1)`;
      },
    },
    {
      key: 'noVerify',
      name: 'git commit --no-verify (clean)',
      run: () => measure('git', ['commit', '-q', '--no-verify', '-m', 'Add billing service'], { cwd: repos.clean, env }),
      after: reset(repos.clean),
      check: exitIs(0),
    },
    {
      key: 'passes',
      name: 'git commit + hook (clean, passes)',
      run: () => measure('git', ['commit', '-q', '-m', 'Add billing service'], { cwd: repos.clean, env }),
      after: reset(repos.clean),
      check: exitIs(0),
    },
    {
      key: 'preOnly',
      name: 'git commit + pre-commit hook only (clean)',
      run: () => measure('git', ['commit', '-q', '-m', 'Add billing service'], { cwd: repos.preOnly, env }),
      after: reset(repos.preOnly),
      check: exitIs(0),
    },
    {
      key: 'blocked',
      name: 'git commit + hook (key, blocked)',
      run: () => measure('git', ['commit', '-q', '-m', 'Add billing service'], { cwd: repos.leaky, env }),
      check: blocked,
    },
  ];
}

export async function main(argv = process.argv.slice(2)) {
  const runs = numberOption(argv, '--runs', 15, 1);
  const warmups = numberOption(argv, '--warmup', 2, 0);
  const cli = snapshotCli('leakgate-build-precommit');
  const env = cleanEnv();
  const workDir = mkdtempSync(join(tmpdir(), 'leakgate-bench-'));
  try {
    const repos = prepareSmallCommit(workDir, cli, env);
    console.log(`leakgate pre-commit benchmark: ${cli}`);
    console.log(`commit: ${repos.files} files, ${repos.lines} added lines; ${runs} runs after ${warmups} warm-ups; node ${process.version}, git ${gitVersion(env)}\n`);

    const cases = smallCommitCases({ cli, env, repos });
    for (const c of cases) c.samples = [];
    for (let round = 0; round < warmups + runs; round++) {
      for (const c of cases) {
        const result = c.run();
        if (c.after) c.after(result);
        const problem = c.check(result);
        if (problem) throw new Error(`${c.name} (round ${round + 1}): ${problem}`);
        if (round >= warmups) c.samples.push(result.ms);
      }
    }

    const by = Object.fromEntries(cases.map((c) => [c.key, c]));
    const floor = median(by.node.samples);
    const rows = cases.map((c) => [c.name, fmt(median(c.samples)), fmt(percentile(c.samples, 90)), `${(median(c.samples) / floor).toFixed(2)}×`]);
    const noVerify = median(by.noVerify.samples);
    const hookPass = median(by.passes.samples) - noVerify;
    const hookPre = median(by.preOnly.samples) - noVerify;
    const hookBlocked = median(by.blocked.samples) - noVerify;
    const extra = [
      ['hooks overhead, passing commit', fmt(hookPass), '', `${(hookPass / floor).toFixed(2)}×`],
      ['  of which pre-commit', fmt(hookPre), '', `${(hookPre / floor).toFixed(2)}×`],
      ['  of which commit-msg', fmt(hookPass - hookPre), '', `${((hookPass - hookPre) / floor).toFixed(2)}×`],
      ['hook overhead, blocked commit', fmt(hookBlocked), '', `${(hookBlocked / floor).toFixed(2)}×`],
    ];
    printTable(['case', 'median ms', 'p90 ms', 'vs node -e 0'], rows, extra);
    console.log(`\nblocked variant: exit 1 and 1 secret reported by leakgate pre-commit; git commit refused in every run and HEAD did not move → really blocked`);
    return 0;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function gitVersion(env) {
  return spawnSync('git', ['--version'], { env, encoding: 'utf8' }).stdout.trim().replace(/^git version /, '');
}

function makeRepo(dir, cli, env, withKey) {
  mkdirSync(dir, { recursive: true });
  git(dir, env, 'init', '-q', '-b', 'main');
  git(dir, env, 'config', 'user.name', 'leakgate bench');
  git(dir, env, 'config', 'user.email', 'bench@example.invalid');
  git(dir, env, 'config', 'commit.gpgsign', 'false');
  writeFileSync(join(dir, 'README.md'), '# billing\n\nInternal billing service.\n');
  git(dir, env, 'add', '-A');
  git(dir, env, 'commit', '-q', '--no-verify', '-m', 'Initial commit');
  // The real hooks, as a user gets them: no package.json yet, so plain git hooks that run this build.
  const install = spawnSync('node', [cli, 'install'], { cwd: dir, env, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`leakgate install exited ${install.status} in ${dir}:\n${install.stdout}${install.stderr}`);
  for (const [path, text] of Object.entries(sourceFiles(withKey))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, env, 'add', '-A');
  return dir;
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
