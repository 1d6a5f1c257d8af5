// @ts-check
// Fake credentials for the benchmarks, derived at run time from hashes of a label (the style of
// test/helpers/fakeSecrets.ts): they match the providers' formats, are obviously fake, and no
// credential-shaped literal sits in the bench sources. The values are never printed: checks
// print rule ids, files and lines only.
import { createHash } from 'node:crypto';

/** @typedef {import('./types.js').Plant} Plant */
/** @typedef {import('./types.js').Planted} Planted */
/** @typedef {import('./types.js').PlantMatch} PlantMatch */

/**
 * @param {string} seed
 * @param {number} [length]
 */
export function fakeHex(seed, length = 32) {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    out += createHash('sha256').update(`leakgate-bench-fake:${seed}:${round}`).digest('hex');
  }
  return out.slice(0, length);
}

/**
 * @param {string} seed
 * @param {number} length
 */
function fakeBytes(seed, length) {
  return Buffer.from(fakeHex(seed, length * 2), 'hex');
}

/**
 * @param {string} seed
 * @param {number} length
 * @param {string} alphabet
 */
function fromAlphabet(seed, length, alphabet) {
  return [...fakeBytes(seed, length)].map((byte) => alphabet.charAt(byte % alphabet.length)).join('');
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = UPPER.toLowerCase();
const DIGITS = '0123456789';
const BASE62 = UPPER + LOWER + DIGITS;
const BASE32 = `${UPPER}234567`;

/** @type {(seed: string, length: number) => string} */
export const fakeBase62 = (seed, length) => fromAlphabet(seed, length, BASE62);
/** @type {(seed: string, length: number) => string} */
const fakeDigits = (seed, length) => String(1 + ((fakeBytes(seed, 1)[0] ?? 0) % 9)) + fromAlphabet(`${seed}:d`, length - 1, DIGITS);

/**
 * The planted credentials. Each has the leakgate rule ids that count as "found" (a pair may be
 * reported whole or as its halves), the secretlint rule that would find it (null: none in the
 * recommended preset), and the lines to paste into a JavaScript file.
 * @type {readonly Plant[]}
 */
export const PLANTS = [
  {
    id: 'aws',
    what: 'AWS access key id + secret access key',
    leakgate: ['aws-access-key-pair', 'aws-access-key-id', 'aws-secret-access-key'],
    secretlint: '@secretlint/secretlint-rule-aws',
    lines: (seed) => [
      "const { S3Client } = require('@aws-sdk/client-s3');",
      'const s3 = new S3Client({',
      "  region: 'eu-west-3',",
      '  credentials: {',
      `    accessKeyId: '${['AK', 'IA'].join('')}${fromAlphabet(`${seed}:aws-id`, 16, BASE32)}',`,
      `    secretAccessKey: '${fromAlphabet(`${seed}:aws-secret`, 40, `${BASE62}/+`)}',`,
      '  },',
      '});',
    ],
  },
  {
    id: 'slack',
    what: 'Slack bot token',
    leakgate: ['slack-bot-token'],
    secretlint: '@secretlint/secretlint-rule-slack',
    lines: (seed) => [
      "const { WebClient } = require('@slack/web-api');",
      `const slack = new WebClient('${['xo', 'xb'].join('')}-${fakeDigits(`${seed}:slack-a`, 12)}-${fakeDigits(`${seed}:slack-b`, 13)}-${fakeBase62(`${seed}:slack-c`, 24)}');`,
    ],
  },
  {
    id: 'sendgrid',
    what: 'SendGrid API key',
    leakgate: ['sendgrid-api-key'],
    secretlint: '@secretlint/secretlint-rule-sendgrid',
    lines: (seed) => [
      "const sgMail = require('@sendgrid/mail');",
      `sgMail.setApiKey('${['S', 'G'].join('')}.${fromAlphabet(`${seed}:sg-a`, 22, `${BASE62}_-`)}.${fromAlphabet(`${seed}:sg-b`, 43, `${BASE62}_-`)}');`,
    ],
  },
  {
    id: 'private-key',
    what: 'RSA private key (PEM)',
    leakgate: ['private-key-rsa'],
    secretlint: '@secretlint/secretlint-rule-privatekey',
    lines: (seed) => {
      const body =
        fakeBytes(`${seed}:rsa`, 600)
          .toString('base64')
          .match(/.{1,64}/g) ?? [];
      const dashes = '-'.repeat(5);
      return [`const SIGNING_KEY = \`${dashes}BEGIN RSA PRIVATE KEY${dashes}`, ...body, `${dashes}END RSA PRIVATE KEY${dashes}\`;`];
    },
  },
  {
    id: 'mailjet',
    what: 'Mailjet API key + secret key',
    leakgate: ['mailjet-api-key-pair', 'mailjet-api-key', 'mailjet-secret-key'],
    secretlint: null,
    lines: (seed) => [
      "const Mailjet = require('node-mailjet');",
      `const mailjet = Mailjet.apiConnect('${fakeHex(`${seed}:mj-public`)}', '${fakeHex(`${seed}:mj-private`)}');`,
    ],
  },
];

/**
 * The text appended to a file to plant `plant` (a blank line, the snippet, a final newline).
 * @param {Plant} plant
 * @param {string} seed
 * @param {string} existing
 */
export function plantText(plant, seed, existing) {
  const lead = existing.length && !existing.endsWith('\n') ? '\n\n' : '\n';
  return `${lead}${plant.lines(seed).join('\n')}\n`;
}

/**
 * Checks a list of leakgate findings ({rule, file, line, commit?}) against the planted keys
 * ({plant, file, commit?}). Returns per plant whether it was found, with the finding's line.
 * @param {readonly LeakgateFinding[]} findings
 * @param {readonly Planted[]} planted
 * @returns {PlantMatch[]}
 */
export function matchPlanted(findings, planted) {
  return planted.map((expected) => {
    const hit = findings.find(
      (finding) =>
        expected.plant.leakgate.includes(finding.rule) &&
        samePath(finding.file, expected.file) &&
        (expected.commit === undefined || commitOf(finding) === expected.commit),
    );
    const elsewhere =
      !hit && expected.commit !== undefined
        ? findings.find((finding) => expected.plant.leakgate.includes(finding.rule) && samePath(finding.file, expected.file))
        : undefined;
    return { ...expected, found: Boolean(hit), line: hit?.line, wrongCommit: elsewhere ? commitOf(elsewhere) : undefined };
  });
}

/** The part of a leakgate JSON finding the bench reads. @typedef {{ rule: string, file: string, line?: number, commit?: string | { sha: string } }} LeakgateFinding */

/** @param {LeakgateFinding} finding */
function commitOf(finding) {
  return typeof finding.commit === 'string' ? finding.commit : finding.commit?.sha;
}

/** The finding's path is the expected one, or ends with it (paths are shown as given on the command line). */
/**
 * @param {string} found
 * @param {string} expected
 */
function samePath(found, expected) {
  const a = normalizePath(found);
  const b = normalizePath(expected);
  return a === b || a.endsWith(`/${b}`);
}

/** @param {string} path */
function normalizePath(path) {
  return String(path).replace(/\\/g, '/').replace(/^\.\//, '');
}
