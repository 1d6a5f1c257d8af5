import { createHash } from 'node:crypto';
import { fingerprintOf, isLegacyFingerprint } from '../../src/detect/fingerprint';
import { fakeBase62 } from '../helpers/fakeSecrets';

describe('fingerprints', () => {
  it('are pinned: the same on every machine and run (teams commit baselines)', () => {
    expect(fingerprintOf('src/a.js', 'rule-id', ['first', 'second'])).toBe('src/a.js:rule-id:v2-881cebe66bd92fd3');
    expect(fingerprintOf('x', 'rule-id', [''])).toBe('x:rule-id:v2-62f329163cec70ec');
    expect(fingerprintOf('x', 'rule-id', ['ünïcødé 😀'])).toBe('x:rule-id:v2-ef3b699d9d7933dc');
  });

  it('cannot be checked against a guess with one fast hash any more', () => {
    const password = fakeBase62('fingerprint-guess', 13);
    const fingerprint = fingerprintOf('.env', 'generic-secret-assignment', [password]);
    const fastGuess = createHash('sha256').update(`generic-secret-assignment\0${password}`).digest('hex').slice(0, 16);
    expect(fingerprint).not.toContain(fastGuess);
  });

  it('are salted by rule, and tell the old format apart', () => {
    const secret = fakeBase62('fingerprint-salt', 20);
    const a = fingerprintOf('f', 'rule-a', [secret]).split(':')[2];
    const b = fingerprintOf('f', 'rule-b', [secret]).split(':')[2];
    expect(a).not.toBe(b);
    expect(isLegacyFingerprint(`f:rule-a:${'0'.repeat(16)}`)).toBe(true);
    expect(isLegacyFingerprint(fingerprintOf('f', 'rule-a', [secret]))).toBe(false);
  });

  it('hash a repeated secret once per process (counted, not timed)', () => {
    const secret = fakeBase62('fingerprint-memo', 20);
    const crypto = require('node:crypto') as { scryptSync: (...args: unknown[]) => Buffer };
    const scrypt = crypto.scryptSync;
    let calls = 0;
    crypto.scryptSync = (...args: unknown[]) => {
      calls++;
      return scrypt(...args);
    };
    try {
      const first = fingerprintOf('a', 'rule-m', [secret]);
      for (let i = 0; i < 100; i++) expect(fingerprintOf(`path-${i}`, 'rule-m', [secret]).split(':')[2]).toBe(first.split(':')[2]);
      fingerprintOf('a', 'rule-m', [`${secret}x`]);
    } finally {
      crypto.scryptSync = scrypt;
    }
    // One for the repeated secret, one for the other: the 100 repeats were remembered.
    expect(calls).toBe(2);
  });
});
