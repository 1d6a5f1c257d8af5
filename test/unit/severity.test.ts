import { FAMILIES } from '../../src/config/ruleSchema';
import { severityOf, SEVERITIES } from '../../src/detect/severity';

describe('severity by family', () => {
  it('gives every family of the catalogue one of the severities, and custom rules high', () => {
    for (const family of FAMILIES) expect(SEVERITIES).toContain(severityOf(family));
    expect(severityOf('custom')).toBe('high');
  });

  it('ranks control of infrastructure, code, money and identities above the rest, monitoring lowest', () => {
    expect(['cloud', 'code-ci', 'packages', 'payments', 'identity', 'keys'].map(severityOf)).toEqual(Array(6).fill('critical'));
    expect(['messaging', 'ai', 'data', 'generic'].map(severityOf)).toEqual(Array(4).fill('high'));
    expect(severityOf('observability')).toBe('medium');
  });
});
