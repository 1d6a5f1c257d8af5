#!/usr/bin/env node
// Random keys in credential slots (issue 15, "no entropy lottery"): for each alphabet and each
// length from 8 to 64, fresh keys from crypto.randomBytes at every run, each written into six
// credential slots (JS, Python, JSON, YAML, Java, .env), scanned by the built detector with the
// shipped catalogue. Prints the share caught per alphabet: overall and in its worst length.
// Target: at least 99.9 % in every cell. Run `npm run build` first. A cell needs 1,000 keys to
// tell 99.9 % at all: with 100, one key missed in its six slots (a random key refused as words or
// a placeholder, a few in a million) reads as 99.0 %, and about one run in six printed a MISS.
//
//   node bench/randomKeys.mjs [--keys N]   (N keys per alphabet and length, default 1000; ~5 min)
import { randomBytes } from 'node:crypto';
import { BENCH_EXIT, numberOption, printTable, rejectUnknownOptions, runAsEntry } from './lib/common.mjs';
import { shippedDetector } from './lib/shippedDetector.mjs';

const USAGE = 'usage: node bench/randomKeys.mjs [--keys N]';

/** @type {Record<string, string>} */
const ALPHABETS = {
  hex: '0123456789abcdef',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  alphanumeric: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
};

/** Credential slots; `%` is where the key goes. */
const SLOTS = [
  { path: 'src/db.js', line: 'const dbPassword = "%";' },
  { path: 'app/settings.py', line: "API_KEY = '%'" },
  { path: 'config/app.json', line: '{\n  "client_secret": "%"\n}' },
  { path: 'deploy/values.yaml', line: 'auth:\n  token: %' },
  { path: 'src/Main.java', line: 'private static final String SECRET = "%";' },
  { path: '.env', line: 'PAYMENT_API_TOKEN=%' },
];

/**
 * @param {string} alphabet
 * @param {number} length
 */
function randomKey(alphabet, length) {
  // 256 is a multiple of every alphabet's size here but 62: its bias is under 1 %, harmless here.
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * Whether the key is found where it was written, in one slot.
 * @param {any} detector
 * @param {{ path: string; line: string }} slot
 * @param {string} key
 */
function caught(detector, slot, key) {
  const text = `${slot.line.replace('%', key)}\n`;
  /** @type {{ spans: { secret: string }[] }[]} */
  const findings = detector.scanFile({ path: slot.path, chunks: [{ startLine: 1, text }] });
  return findings.some((finding) => finding.spans.some((span) => span.secret === key));
}

/**
 * Caught share per length for one alphabet.
 * @param {any} detector
 * @param {string} alphabet
 * @param {number} keys
 */
function ratesOf(detector, alphabet, keys) {
  /** @type {{ length: number; tried: number; missed: number }[]} */
  const cells = [];
  for (let length = 8; length <= 64; length++) {
    let missed = 0;
    for (let sample = 0; sample < keys; sample++) {
      const key = randomKey(alphabet, length);
      for (const slot of SLOTS) if (!caught(detector, slot, key)) missed++;
    }
    cells.push({ length, tried: keys * SLOTS.length, missed });
  }
  return cells;
}

/** @param {number} share */
const percent = (share) => `${(share * 100).toFixed(3)} %`;

async function main() {
  const argv = process.argv.slice(2);
  rejectUnknownOptions(argv, { flags: [], valued: ['--keys'], usage: USAGE });
  const keys = numberOption(argv, '--keys', 1000, 1);
  const detector = shippedDetector();
  /** @type {string[][]} */
  const rows = [];
  let met = true;
  for (const [name, alphabet] of Object.entries(ALPHABETS)) {
    const cells = ratesOf(detector, alphabet, keys);
    const tried = cells.reduce((sum, cell) => sum + cell.tried, 0);
    const missed = cells.reduce((sum, cell) => sum + cell.missed, 0);
    const worst = cells.reduce((a, b) => (b.missed / b.tried > a.missed / a.tried ? b : a));
    const worstCaught = 1 - worst.missed / worst.tried;
    met &&= worstCaught >= 0.999;
    rows.push([
      name,
      String(tried),
      percent(1 - missed / tried),
      `${worst.length}`,
      percent(worstCaught),
      worstCaught >= 0.999 ? 'ok ≥99.9 %' : 'MISS ≥99.9 %',
    ]);
  }
  printTable(['alphabet', 'keys × slots', 'caught', 'worst length', 'caught there', 'verdict'], rows, new Set([1, 2, 4]));
  return met ? BENCH_EXIT.ok : BENCH_EXIT.failed;
}

runAsEntry(main, { label: 'randomKeys' });
