import { alphabetClassBody, expandShape, impliedKeywords, type Shape, ShapeError } from '../../src/build/shapes';
import { regexProblem, splitInlineFlags } from '../../src/config/ruleSchema';
import { fakeBase62, fakeHex } from '../helpers/fakeSecrets';

/** The secret a shape's regex takes from a text, or undefined when it matches nothing. */
function secretIn(shape: Shape, keywords: string[], text: string): string | undefined {
  const { pattern, flags } = splitInlineFlags(expandShape(shape, keywords));
  return new RegExp(pattern, flags).exec(text)?.groups?.secret;
}

const hex = fakeHex('shape-hex');
const uuid = `${fakeHex('u1', 8)}-${fakeHex('u2', 4)}-${fakeHex('u3', 4)}-${fakeHex('u4', 4)}-${fakeHex('u5', 12)}`;

describe('keyed shape', () => {
  const shape: Shape = { kind: 'keyed', alphabet: 'hex', length: 32 };

  it.each([
    `ABSTRACT_API_KEY=${hex}`,
    `abstract_key: "${hex}"`,
    `"abstractKey": "${hex}"`,
    `abstract.apiKey = '${hex}'`,
    `ENV["ABSTRACT_KEY"] = "${hex}"`,
    `os.getenv("ABSTRACT_KEY", "${hex}")`,
    `--abstract-key=${hex}`,
    `abstractKey := "${hex}"`,
    `'abstract_key' => '${hex}'`,
    `my_abstract_token = \`${hex}\``,
  ])('takes the value assigned to a name holding the keyword: %s', (text) => {
    expect(secretIn(shape, ['abstract'], text)).toBe(hex);
  });

  it.each([
    hex,
    `API_KEY=${hex}`,
    `const key = "${hex}"; // abstract`,
    `ABSTRACT_KEY=${hex}0`,
    `ABSTRACT_KEY=${hex}g`,
    `ABSTRACT_KEY=x${hex}`,
    `ABSTRACT_KEY=${hex.slice(1)}`,
    `abstract ${hex}`,
    `abstract_key, ${hex}`,
  ])('never fires without the keyword in the slot name, or on a value glued to more: %s', (text) => {
    expect(secretIn(shape, ['abstract'], text)).toBeUndefined();
  });

  it('never fires on a bare 32-hex or uuid, whatever the keywords', () => {
    for (const value of [hex, uuid, `"${hex}"`, `id: ${uuid}`]) {
      expect(secretIn(shape, ['abstract', 'key'], value)).toBeUndefined();
      expect(secretIn({ kind: 'uuid' }, ['abstract', 'key'], value)).toBeUndefined();
    }
  });

  it('spells a multi-part keyword any way code does', () => {
    for (const name of ['API_KEY', 'apiKey', 'api-key', 'api.key', 'APIKEY']) {
      expect(secretIn(shape, ['api_key'], `${name}=${hex}`)).toBe(hex);
    }
  });

  it('requires a name word after the keyword, and refuses an excluded one', () => {
    const secretShape: Shape = { kind: 'keyed', alphabet: 'alnum', length: 24, nameWords: ['secret'], notNameWords: ['public'] };
    const value = fakeBase62('keyed-secret', 24);
    expect(secretIn(secretShape, ['acme'], `ACME_SECRET=${value}`)).toBe(value);
    expect(secretIn(secretShape, ['acme'], `acmeClientSecret: "${value}"`)).toBe(value);
    expect(secretIn(secretShape, ['acme'], `ACME_KEY=${value}`)).toBeUndefined();
    expect(secretIn(secretShape, ['acme'], `ACME_PUBLIC_SECRET=${value}`)).toBeUndefined();
  });

  it('uses its own slot keywords when given, and takes a prefix and a length range', () => {
    const value = `sk_live_${fakeBase62('range', 30)}`;
    const ranged: Shape = { kind: 'keyed', keywords: ['clerk'], prefix: 'sk_live_', alphabet: 'alnum', length: { min: 20, max: 40 } };
    expect(secretIn(ranged, ['sk_live_'], `CLERK_SECRET_KEY=${value}`)).toBe(value);
    expect(secretIn(ranged, ['sk_live_'], `STRIPE_KEY=${value}`)).toBeUndefined();
    expect(secretIn(ranged, ['sk_live_'], `CLERK_SECRET_KEY=sk_live_${fakeBase62('short', 19)}`)).toBeUndefined();
  });
});

describe('prefixed shape', () => {
  const token = `ghp_${fakeBase62('prefixed', 36)}`;
  const shape: Shape = { kind: 'prefixed', prefix: ['ghp_', 'gho_'], alphabet: 'alnum', length: 36 };

  it('finds the prefix and its run anywhere, with no keyword', () => {
    expect(secretIn(shape, [], `token=${token}`)).toBe(token);
    expect(secretIn(shape, [], `"${token}"`)).toBe(token);
    expect(secretIn(shape, [], `Authorization: Bearer ${token}`)).toBe(token);
  });

  it('refuses a run glued to more token characters on either side', () => {
    expect(secretIn(shape, [], `x${token}`)).toBeUndefined();
    expect(secretIn(shape, [], `_${token}`)).toBeUndefined();
    expect(secretIn(shape, [], `${token}A`)).toBeUndefined();
    expect(secretIn(shape, [], token.slice(0, -1))).toBeUndefined();
  });

  it('is case-sensitive, unlike the keyed shapes', () => {
    expect(secretIn(shape, [], token.replace('ghp_', 'GHP_'))).toBeUndefined();
    const lowerHex: Shape = { kind: 'prefixed', prefix: 'dop_v1_', alphabet: 'hex', length: 64 };
    expect(secretIn(lowerHex, [], `dop_v1_${fakeHex('do', 64)}`)).toBeDefined();
    expect(secretIn(lowerHex, [], `dop_v1_${fakeHex('do', 64).toUpperCase()}`)).toBeUndefined();
  });

  it('takes base64 padding and a suffix, and an assignment sign before it', () => {
    const padded: Shape = { kind: 'prefixed', prefix: 'glc_', alphabet: 'base64', length: 30, padding: true };
    const value = `glc_${fakeBase62('pad', 30)}==`;
    expect(secretIn(padded, [], `GRAFANA=${value};`)).toBe(value);
    const suffixed: Shape = { kind: 'prefixed', prefix: 'ATBB', alphabet: 'alnum', length: 28, suffix: 'AA' };
    const withSuffix = `ATBB${fakeBase62('suffix', 28)}AA`;
    expect(secretIn(suffixed, [], `p: ${withSuffix}`)).toBe(withSuffix);
  });

  it('implies its prefixes as keywords', () => {
    expect(impliedKeywords(shape)).toEqual(['ghp_', 'gho_']);
    expect(impliedKeywords({ kind: 'keyed', alphabet: 'hex', length: 32 })).toBeUndefined();
  });
});

describe('uuid shape', () => {
  it('takes a uuid under a keyword name only', () => {
    expect(secretIn({ kind: 'uuid', nameWords: ['key'] }, ['heroku'], `HEROKU_API_KEY=${uuid}`)).toBe(uuid);
    expect(secretIn({ kind: 'uuid', nameWords: ['key'] }, ['heroku'], `HEROKU_APP_ID=${uuid}`)).toBeUndefined();
    expect(secretIn({ kind: 'uuid' }, ['heroku'], `HEROKU_API_KEY=${uuid}-extra`)).toBeUndefined();
  });
});

describe('url shape', () => {
  const key = fakeHex('url-user');
  it('takes the password of a URL to the provider host or its subdomains', () => {
    const shape: Shape = { kind: 'url', hosts: ['*.mailjet.com'], alphabet: 'hex', length: 32 };
    expect(secretIn(shape, ['mailjet'], `smtp = "https://${key}:${hex}@in-v3.mailjet.com/x"`)).toBe(hex);
    expect(secretIn(shape, ['mailjet'], `https://${key}:${hex}@mailjet.com`)).toBe(hex);
    expect(secretIn(shape, ['mailjet'], `https://${key}:${hex}@mailjet.com.evil.example`)).toBeUndefined();
    expect(secretIn(shape, ['mailjet'], `https://${key}:${hex}@notmailjet.com`)).toBeUndefined();
    expect(secretIn(shape, ['mailjet'], `ftp://${key}:${hex}@mailjet.com`)).toBeUndefined();
  });

  it('takes a token sent as the user, with or without a password', () => {
    const token = `ghp_${fakeBase62('url-token', 36)}`;
    const shape: Shape = { kind: 'url', hosts: ['github.com'], part: 'user', prefix: 'ghp_', alphabet: 'alnum', length: 36 };
    expect(secretIn(shape, ['github'], `git clone https://${token}@github.com/org/repo.git`)).toBe(token);
    expect(secretIn(shape, ['github'], `https://${token}:x-oauth-basic@github.com/org`)).toBe(token);
    expect(secretIn(shape, ['github'], `https://${token}@gitlab.com/org`)).toBeUndefined();
  });

  it('defaults the value to any URL password of 3 or more characters', () => {
    const shape: Shape = { kind: 'url', hosts: ['db.example.net'], schemes: ['postgres'] };
    // Assembled at run time: a URL with a password is what this repository's own hook refuses.
    const password = ['s3cr3t', 'pw'].join('-');
    expect(secretIn(shape, ['example'], `postgres://app:${password}@db.example.net/main`)).toBe(password);
    expect(secretIn(shape, ['example'], `https://app:${password}@db.example.net/main`)).toBeUndefined();
  });
});

describe('every shape', () => {
  const shapes: Shape[] = [
    { kind: 'keyed', alphabet: 'alnum_lower', length: 32 },
    { kind: 'keyed', alphabet: 'custom:0-9A-Za-z._-', length: { min: 8, max: 64 }, nameWords: ['token'], notNameWords: ['id'] },
    { kind: 'prefixed', prefix: 'sk-', alphabet: 'base64url', length: 48, padding: true },
    { kind: 'uuid' },
    { kind: 'url', hosts: ['*.example.com'], part: 'user' },
  ];
  it.each(shapes.map((shape) => [shape.kind, shape] as const))('expands %s to a regex the catalogue accepts', (_kind, shape) => {
    expect(regexProblem(expandShape(shape, ['acme']))).toBeUndefined();
  });

  it('refuses what it cannot expand', () => {
    expect(() => expandShape({ kind: 'keyed', alphabet: 'hexadecimal', length: 32 }, ['acme'])).toThrow(ShapeError);
    expect(() => expandShape({ kind: 'keyed', alphabet: 'hex', length: 0 }, ['acme'])).toThrow(ShapeError);
    expect(() => expandShape({ kind: 'keyed', alphabet: 'hex', length: { min: 9, max: 8 } }, ['acme'])).toThrow(ShapeError);
    expect(() => expandShape({ kind: 'keyed', alphabet: 'hex', length: 32 }, [])).toThrow(ShapeError);
    expect(() => expandShape({ kind: 'url', hosts: ['Not A Host'] }, ['acme'])).toThrow(ShapeError);
    expect(() => alphabetClassBody('custom:z-a')).toThrow(ShapeError);
  });

  it('reads a custom alphabet as provider-formats.jsonl writes it', () => {
    expect(alphabetClassBody('custom:0-9A-Za-z._-')).toBe('0-9A-Za-z._\\-');
    expect(alphabetClassBody('custom:0-9A-Za-z[\\]^_`')).toBe('0-9A-Za-z\\[\\\\\\]\\^_`');
    expect(new RegExp(`^[${alphabetClassBody('custom:0-9A-Za-z+/=')}]+$`).test('ab+/=09')).toBe(true);
    expect(new RegExp(`^[${alphabetClassBody('custom:0-9A-Za-z+/=')}]+$`).test('ab-')).toBe(false);
  });
});
