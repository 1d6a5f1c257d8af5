import { slotsOf } from '../../../src/detect/structure/slots';
import { fakeHex, fakeMailjetPair } from '../../helpers/fakeSecrets';
import { pointedAt, rowsOf, slotAt } from './slotRows';

const json = (text: string) => rowsOf(text, 'json', 'config.json');

describe('JSON slots', () => {
  it('gives appsettings.json values their .NET section path', () => {
    const { apiKey, secretKey } = fakeMailjetPair('appsettings');
    const text = `{\n  "Logging": { "LogLevel": { "Default": "Warning" } },\n  "Mailjet": {\n    "ApiKey": "${apiKey}",\n    "ApiSecret": "${secretKey}"\n  }\n}\n`;
    expect(rowsOf(text, 'json', 'appsettings.json')).toEqual([
      [['Logging', 'LogLevel', 'Default'], 'Warning', 2, 42],
      [['Mailjet', 'ApiKey'], apiKey, 4, 16],
      [['Mailjet', 'ApiSecret'], secretKey, 5, 19],
    ]);
  });

  it('numbers array items and keeps numbers, booleans and null as written', () => {
    expect(json('{"a": [1, -2.5e3, true, false, null, {"b": "c"}, []], "e": {}}')).toEqual([
      [['a', '0'], '1', 1, 8],
      [['a', '1'], '-2.5e3', 1, 11],
      [['a', '2'], 'true', 1, 19],
      [['a', '3'], 'false', 1, 25],
      [['a', '4'], 'null', 1, 32],
      [['a', '5', 'b'], 'c', 1, 45],
    ]);
  });

  it('decodes every string escape, a PEM with \\n inside included, and measures the raw text', () => {
    const body = fakeHex('json-pem', 64);
    const text = `{"key": "-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n", "e": "\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00", "n\\u0061me": 1}`;
    const slots = slotsOf('x.json', text, 'json');
    expect(slotAt(slots, ['key']).value).toBe(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`);
    expect(slotAt(slots, ['e']).value).toBe('" \\ / \b \f \n \r \t é 😀');
    expect(pointedAt(text, slotAt(slots, ['e']))).toBe('\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00');
    expect(slotAt(slots, ['key']).value.length).toBeLessThan(slotAt(slots, ['key']).rawLength);
    expect(slotAt(slots, ['name']).value).toBe('1');
  });

  it('reads JSONC: comments and trailing commas', () => {
    const text = '// settings\n{\n  /* block\n     comment */\n  "a": "x", // after\n  "b": [1, 2,],\n}\n';
    expect(json(text)).toEqual([
      [['a'], 'x', 5, 9],
      [['b', '0'], '1', 6, 9],
      [['b', '1'], '2', 6, 12],
    ]);
  });

  it('accepts JSON5 bare keys and single quotes, and JSON Lines', () => {
    expect(json('{key: \'v\', other: "w"}\n{"line": 2}\n')).toEqual([
      [['key'], 'v', 1, 8],
      [['other'], 'w', 1, 20],
      [['line'], '2', 2, 10],
    ]);
  });

  it('keeps a template in value position as text and reads on', () => {
    expect(json('{"a": {{ .Values.a | toJson }}, {{- if x }} "b": "c"{{ end }}, "d": ${ENV}}')).toEqual([
      [['a'], '{{ .Values.a | toJson }}', 1, 7],
      [['b'], 'c', 1, 51],
      [['d'], '${ENV}', 1, 69],
    ]);
  });

  it('yields the slots before the break of a file cut in the middle', () => {
    expect(json('{"a": "1", "b": {"c": "2", "d": "thr')).toEqual([
      [['a'], '1', 1, 8],
      [['b', 'c'], '2', 1, 24],
      [['b', 'd'], 'thr', 1, 34],
    ]);
    expect(json('{"a": "1", "b": ')).toEqual([[['a'], '1', 1, 8]]);
    expect(json('{"a": "open\n, "b": "x"}')).toEqual([
      [['a'], 'open', 1, 8],
      [['b'], 'x', 2, 9],
    ]);
    expect(json(']]}}{"a": 1}')).toEqual([[['a'], '1', 1, 11]]);
  });

  it('skips containers nested past 64 levels and reads what follows', () => {
    const text = `{"deep": ${'['.repeat(100)}"x"${']'.repeat(100)}, "after": "y"}`;
    expect(json(text)).toEqual([[['after'], 'y', 1, text.indexOf('"y"') + 2]]);
  });

  it('decodes Kubernetes Secret data in a JSON manifest and Docker auths in a config.json', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: { token: b64('json-secret') } });
    expect(slotAt(slotsOf('secret.json', manifest), ['data', 'token'])).toMatchObject({ value: 'json-secret', decodedFrom: 'base64' });
    const auth = b64('me:docker-password');
    const config = `{"auths": {"https://index.docker.io/v1/": {"auth": "${auth}"}}}`;
    const auths = slotsOf('.docker/config.json', config).filter((slot) => ['auth', 'login'].includes(slot.path.at(-1) ?? ''));
    expect(auths.map((slot) => [slot.path.at(-1), slot.value, slot.column, slot.decodedFrom])).toEqual([
      ['auth', auth, config.indexOf(auth) + 1, undefined],
      ['login', 'me:docker-password', config.indexOf(auth) + 1, 'base64'],
    ]);
  });
});
