// @ts-check
// How fast an attacker holding a committed fingerprint can test guesses of the secret, with the
// fingerprint hash before v2 (truncated SHA-256) and with v2 (scrypt), on one core of this
// machine with node:crypto. Usage: node bench/fingerprint-guessing.mjs [seconds per scheme]
import { createHash, scryptSync } from 'node:crypto';
import { BENCH_EXIT, BenchUsageError, runAsEntry } from './lib/common.mjs';

const rule = 'generic-secret-assignment';
const target = 'not-the-guess';

/** @type {Record<string, (guess: string) => string>} */
const schemes = {
  'v1 sha256(rule\\0secret)': (guess) => createHash('sha256').update(`${rule}\0${guess}`).digest('hex').slice(0, 16),
  'v2 scrypt N=2^11 r=8 p=1': (guess) =>
    scryptSync(guess, `leakgate fingerprint v2\0${rule}`, 8, { N: 1 << 11, r: 8, p: 1 }).toString('hex'),
};

/** @param {string[]} argv */
async function main(argv = process.argv.slice(2)) {
  const seconds = Number(argv[0] ?? 3);
  if (!(seconds > 0))
    throw new BenchUsageError(`usage: node bench/fingerprint-guessing.mjs [seconds per scheme] (a positive number, not ${argv[0]})`);
  const [before = NaN, after = NaN] = Object.entries(schemes).map(([name, hash]) => {
    const rate = guessesPerSecond(hash, seconds);
    console.log(`${name.padEnd(28)} ${Math.round(rate).toLocaleString('en')} guesses/s`);
    return rate;
  });
  console.log(
    `slow-down per guess: ${Math.round(before / after).toLocaleString('en')}x; the reported 110,000-guess recovery: ${(110_000 / before).toFixed(2)} s before, ${(110_000 / after / 60).toFixed(1)} min after`,
  );
  return BENCH_EXIT.ok;
}

/**
 * Guesses tested per second against one fingerprint, for `seconds` of wall time.
 * @param {(guess: string) => string} hash
 * @param {number} seconds
 */
function guessesPerSecond(hash, seconds) {
  const wanted = hash(target);
  const end = performance.now() + seconds * 1000;
  let guesses = 0;
  const start = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) if (hash(`guess-${guesses++}`) === wanted) throw new Error('collision');
  }
  return guesses / ((performance.now() - start) / 1000);
}

runAsEntry(main, { label: 'fingerprint bench' });
