import { slotsOf } from '../../../src/detect/structure/slots';
import { fakeMailjetPair } from '../../helpers/fakeSecrets';
import { pointedAt, rowsOf, slotAt } from './slotRows';

const env = (text: string) => rowsOf(text, 'env', '.env');

describe('.env slots', () => {
  it('reads KEY=value and export KEY=value, with comments outside quotes only', () => {
    const { apiKey, secretKey } = fakeMailjetPair('dotenv');
    const text = `# Mailjet\nMJ_APIKEY_PUBLIC=${apiKey}\nexport MJ_APIKEY_PRIVATE=${secretKey} # private half\nHASH=a#b\nSPACED = value with spaces  \nEMPTY=\n`;
    expect(env(text)).toEqual([
      [['MJ_APIKEY_PUBLIC'], apiKey, 2, 18],
      [['MJ_APIKEY_PRIVATE'], secretKey, 3, 26],
      [['HASH'], 'a#b', 4, 6],
      [['SPACED'], 'value with spaces', 5, 10],
      [['EMPTY'], '', 6, 7],
    ]);
  });

  it('removes quotes, decodes double-quoted escapes, keeps single-quoted text literal, and reads multi-line values', () => {
    const text = 'A="line\\nnext \\"q\\" # not a comment"\nB=\'lit\\n # kept\'\nC=`back`\nD="multi\nline"\nE=after\n';
    expect(env(text)).toEqual([
      [['A'], 'line\nnext "q" # not a comment', 1, 4],
      [['B'], 'lit\\n # kept', 2, 4],
      [['C'], 'back', 3, 4],
      [['D'], 'multi\nline', 4, 4],
      [['E'], 'after', 6, 3],
    ]);
  });

  it('skips lines that are not assignments and reads on; an open quote ends at its line', () => {
    expect(env('not an assignment\n=novalue\nexport\nOPEN="never closed\nNEXT=1\r\n')).toEqual([
      [['OPEN'], 'never closed', 4, 7],
      [['NEXT'], '1', 5, 6],
    ]);
  });

  it('is picked by name for .env and its variants', () => {
    for (const name of ['.env', '.env.local', 'config/.env.production', 'app.env', '.env.example']) {
      expect(slotsOf(name, 'A=1\n').map((slot) => slot.format)).toEqual(['env']);
    }
  });

  it("reads Docker's config JSON held in a value (GitLab's DOCKER_AUTH_CONFIG): each auth in place, decoded as a login", () => {
    const auth = Buffer.from('ci-bot:an-env-held-registry-password').toString('base64');
    const text = `CI=1\nDOCKER_AUTH_CONFIG={"auths":{"registry.gitlab.com":{"auth":"${auth}"}}}\n`;
    const slots = slotsOf('ci.env', text);
    const base = ['DOCKER_AUTH_CONFIG', 'auths', 'registry.gitlab.com', 'auth'];
    const raw = slotAt(slots, base);
    expect([raw.value, raw.line, raw.column, pointedAt(text, raw)]).toEqual([auth, 2, 61, auth]);
    expect(slotAt(slots, [...base, 'login'])).toMatchObject({
      value: 'ci-bot:an-env-held-registry-password',
      line: 2,
      column: 61,
      decodedFrom: 'base64',
    });
  });

  it('leaves values that only mention auths alone', () => {
    const slots = slotsOf('ci.env', 'NOTE="auths" is where Docker keeps logins\nJSON={"auths": "none"}\n');
    expect(slots.map((slot) => slot.path.join('.'))).toEqual(['NOTE', 'JSON', 'JSON.auths']);
  });
});
