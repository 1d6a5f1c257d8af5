import { listRules, providerCount } from '../../src/commands/rulesInfo';
import { loadRules } from '../../src/config/loadRules';
import { folderParts, slotWordsFor, widenForSeparators } from '../../src/build/providerTable/generate';
import { alphabetChars, valueFor } from '../../src/build/providerTable/fakeValues';
import { catalogueDetector, scanText } from '../helpers/detector';
import { fakeHex } from '../helpers/fakeSecrets';

const catalogue = loadRules();

describe('provider coverage (issue 16)', () => {
  it('the built catalogue names 800 providers or more', () => {
    expect(providerCount(catalogue.rules)).toBeGreaterThanOrEqual(800);
  });

  it('leakgate rules says how many providers it covers', () => {
    expect(listRules().stdout).toContain(`${catalogue.rules.length} rules for ${providerCount(catalogue.rules)} providers`);
  });

  it('no provider rule fires on a bare 32-hex or uuid, even with its keyword on the line above', () => {
    const hex = fakeHex('bare-hex');
    const id = fakeHex('bare-uuid');
    const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    const keywords = [...new Set(catalogue.rules.filter((rule) => rule.family !== 'generic').flatMap((rule) => rule.keywords))];
    const text = keywords.map((keyword) => `// ${keyword}\nconst requestId = "${hex}";\ntraceId: '${uuid}'\n${uuid}\n`).join('');
    const providerFindings = scanText(catalogueDetector(), text).filter((finding) => finding.family !== 'generic');
    expect(providerFindings.map((finding) => `${finding.ruleId}: ${finding.spans[0]?.line}`)).toEqual([]);
  });
});

describe('the provider table generator', () => {
  it('demands a credential word after a plain name, and the name alone when it is distinctive', () => {
    expect(slotWordsFor('front')).toContain('front_api');
    expect(slotWordsFor('front')).not.toContain('front');
    expect(slotWordsFor('abstract')).not.toContain('abstract');
    expect(slotWordsFor('mailerlite')).toEqual(['mailerlite']);
    expect(slotWordsFor('customerio')).toEqual(['customer_io']);
    expect(slotWordsFor('clicksendsms')).toEqual(['clicksend_sms', 'clicksend']);
  });

  it('reads the credential from the folder name, but not a name that ends in bot', () => {
    expect(folderParts('contentfulpersonalaccesstoken')).toEqual({ base: 'contentful', credential: 'personal access token' });
    expect(folderParts('instabot')).toEqual({ base: 'instabot', credential: 'API key' });
    expect(folderParts('webexbot')).toEqual({ base: 'webex', credential: 'bot token' });
  });

  it('adds the separators a layout counts in its length to the alphabet', () => {
    expect(widenForSeparators('alnum_lower', 'uuid 8-4-4-4-12 layout; length includes separators')).toBe('custom:0-9a-z-');
    expect(widenForSeparators('hex', '')).toBe('hex');
    expect(alphabetChars(widenForSeparators('base64url', "2 segments of 8/24 chars joined by '.'; length includes separators"))).toContain(
      '.',
    );
  });

  it('makes the same fake value for the same seed, in the alphabet, marked fake', () => {
    const never = () => false;
    const value = valueFor('acme-api-key:a', 'alnum', 32, never);
    expect(valueFor('acme-api-key:a', 'alnum', 32, never)).toBe(value);
    expect(value).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(value).toContain('FAKE');
    expect(valueFor('acme-api-key:b', 'hex', 32, never)).toMatch(/^[0-9a-f]*c0ffee[0-9a-f]*$/);
  });
});
