// @ts-check
// The five-file change of the small-commit bench (precommit.mjs): ~200 added lines of JS, Python,
// YAML, JSON and Markdown, as a billing service would commit them. With the key, the JS file
// pastes a fake Mailjet key pair into the code; its two halves are derived from hashes at run
// time, so this file holds no credential-looking literal.
import { createHash } from 'node:crypto';

const PLANS = ['starter', 'team', 'business', 'enterprise'];

/**
 * The five files by path; with `withKey` the JS file carries the fake key pair.
 * @param {boolean} withKey
 * @returns {Record<string, string>}
 */
export function smallCommitFiles(withKey) {
  /** @param {readonly string[]} lines */
  const text = (lines) => `${lines.join('\n')}\n`;
  return {
    'src/routes.js': text(routesJs(withKey)),
    'invoices/build.py': text(invoicesPy()),
    '.github/workflows/ci.yml': text(ciYaml()),
    'package.json': text(packageJson()),
    'docs/billing.md': text(billingMd()),
  };
}

/** @param {string} seed */
function fakeHex(seed) {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

/** @param {boolean} withKey */
function mailjetConnect(withKey) {
  return withKey
    ? `const mailjet = Mailjet.apiConnect('${fakeHex('leakgate-bench-fake-key')}', '${fakeHex('leakgate-bench-fake-secret')}');`
    : 'const mailjet = Mailjet.apiConnect(process.env.MJ_APIKEY_PUBLIC, process.env.MJ_APIKEY_PRIVATE);';
}

/** An Express router: a route per plan, receipts sent through Mailjet. @param {boolean} withKey */
function routesJs(withKey) {
  const connect = mailjetConnect(withKey);
  return [
    "'use strict';",
    "const express = require('express');",
    "const Mailjet = require('node-mailjet');",
    "const { formatAmount, nextInvoiceDate } = require('./money');",
    '',
    connect,
    'const router = express.Router();',
    '',
    'const PLANS = {',
    ...PLANS.map((plan, i) => `  ${plan}: { monthly: ${(i + 1) * 1900}, seats: ${(i + 1) * 5}, trialDays: ${14 + i * 7} },`),
    '};',
    '',
    ...PLANS.flatMap((plan) => [
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
}

/** An invoice module: tax rates per country, lines and totals. */
function invoicesPy() {
  return [
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
}

/** A CI workflow: lint, test and build jobs. */
function ciYaml() {
  return [
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
}

/** The service's package.json, as npm writes it. */
function packageJson() {
  return JSON.stringify(
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
}

/** The service's documentation: plans, configuration, development. */
function billingMd() {
  return [
    '# Billing service',
    '',
    'Creates subscriptions, sends receipts and generates invoices.',
    '',
    '## Plans',
    '',
    '| plan | monthly (cents) | seats | trial days |',
    '| --- | --- | --- | --- |',
    ...PLANS.map((plan, i) => `| ${plan} | ${(i + 1) * 1900} | ${(i + 1) * 5} | ${14 + i * 7} |`),
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
}
