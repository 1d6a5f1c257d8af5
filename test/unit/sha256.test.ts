import { createHash } from 'node:crypto';
import { fingerprintOf } from '../../src/detect/fingerprint';
import { sha256Hex } from '../../src/detect/sha256';

describe('sha256Hex', () => {
  const reference = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

  it('equals node:crypto at every length around the block and padding edges, for 1- to 4-byte characters', () => {
    for (const unit of ['a', 'é', '€', '😀']) {
      for (let length = 0; length <= 140; length++) {
        const text = unit.repeat(length);
        expect(sha256Hex(text)).toBe(reference(text));
      }
    }
  });

  it('equals node:crypto on mixed text with NULs (how fingerprints join their parts)', () => {
    const text = 'mailjet-api-key-pair\0' + 'x'.repeat(32) + '\0' + 'y'.repeat(32) + ' ünïcødé';
    expect(sha256Hex(text)).toBe(reference(text));
  });

  it('keeps fingerprints what they were with node:crypto (baselines stay valid)', () => {
    const expected = reference('rule-id\0first\0second').slice(0, 16);
    expect(fingerprintOf('src/a.js', 'rule-id', ['first', 'second'])).toBe(`src/a.js:rule-id:${expected}`);
  });
});
