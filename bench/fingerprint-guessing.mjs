// How fast an attacker holding a committed fingerprint can test guesses of the secret, with the
// fingerprint hash before v2 (truncated SHA-256) and with v2 (scrypt), on one core of this
// machine with node:crypto. Usage: node bench/fingerprint-guessing.mjs [seconds per scheme]
import { createHash, scryptSync } from 'node:crypto';

const seconds = Number(process.argv[2] ?? 3);
const rule = 'generic-secret-assignment';
const target = 'not-the-guess';

const schemes = {
  'v1 sha256(rule\\0secret)': (guess) => createHash('sha256').update(`${rule}\0${guess}`).digest('hex').slice(0, 16),
  'v2 scrypt N=2^11 r=8 p=1': (guess) => scryptSync(guess, `leakgate fingerprint v2\0${rule}`, 8, { N: 1 << 11, r: 8, p: 1 }).toString('hex'),
};

const rates = {};
for (const [name, hash] of Object.entries(schemes)) {
  const wanted = hash(target);
  const end = performance.now() + seconds * 1000;
  let guesses = 0;
  const start = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) if (hash(`guess-${guesses++}`) === wanted) throw new Error('collision');
  }
  rates[name] = guesses / ((performance.now() - start) / 1000);
  console.log(`${name.padEnd(28)} ${Math.round(rates[name]).toLocaleString('en')} guesses/s`);
}
const [before, after] = Object.values(rates);
console.log(`slow-down per guess: ${Math.round(before / after).toLocaleString('en')}x; the reported 110,000-guess recovery: ${(110_000 / before).toFixed(2)} s before, ${(110_000 / after / 60).toFixed(1)} min after`);
