import { slotsOf } from '../../../src/detect/structure/slots';
import { fakeHex, fakeMailjetPair } from '../../helpers/fakeSecrets';
import { pointedAt, rowsOf, slotAt } from './slotRows';

const yaml = (text: string) => rowsOf(text, 'yaml', 'config.yml');

describe('YAML slots', () => {
  it('gives nested block mappings their full key path and the value its place', () => {
    const { apiKey, secretKey } = fakeMailjetPair();
    const text = `# mail settings\nmailjet:\n  api_key: ${apiKey}\n  nested:\n    deeper:\n      secret_key: ${secretKey}  # rotated\nport: 587\n`;
    expect(yaml(text)).toEqual([
      [['mailjet', 'api_key'], apiKey, 3, 12],
      [['mailjet', 'nested', 'deeper', 'secret_key'], secretKey, 6, 19],
      [['port'], '587', 7, 7],
    ]);
  });

  it('numbers sequence items and reads mappings inside them', () => {
    const text = 'users:\n  - alice\n  - name: bob\n    role: admin\n  -\n    name: carol\nmatrix:\n- - a\n  - b\n';
    expect(yaml(text)).toEqual([
      [['users', '0'], 'alice', 2, 5],
      [['users', '1', 'name'], 'bob', 3, 11],
      [['users', '1', 'role'], 'admin', 4, 11],
      [['users', '2', 'name'], 'carol', 6, 11],
      [['matrix', '0', '0'], 'a', 8, 5],
      [['matrix', '0', '1'], 'b', 9, 5],
    ]);
  });

  it('removes quotes and decodes double-quoted escapes, pointing inside the quotes', () => {
    const text = `a: 'it''s'\nb: "tab\\there \\u00e9 \\x41 \\"q\\" \\\\ \\/"\n"quoted key": plain value\n'single key': "x"\n`;
    const rows = yaml(text);
    expect(rows).toEqual([
      [['a'], "it's", 1, 5],
      [['b'], 'tab\there é A "q" \\ /', 2, 5],
      [['quoted key'], 'plain value', 3, 15],
      [['single key'], 'x', 4, 16],
    ]);
  });

  it('folds quoted scalars that run over several lines', () => {
    const text = 'key: "first\n  second\n\n  third"\nnext: 1\n';
    expect(yaml(text)).toEqual([
      [['key'], 'first second\nthird', 1, 7],
      [['next'], '1', 5, 7],
    ]);
  });

  it('joins literal and folded block scalars with their chomping, a PEM key under key: |', () => {
    const body = [fakeHex('pem-1', 64), fakeHex('pem-2', 64)];
    const text = `tls:\n  key: |\n    -----BEGIN PRIVATE KEY-----\n    ${body[0]}\n    ${body[1]}\n    -----END PRIVATE KEY-----\n  after: 1\nfolded: >-\n  one\n  two\n\n  three\n    indented\nkept: |+\n  x\n\nlast: 2\n`;
    const slots = slotsOf('a.yml', text, 'yaml');
    expect(slotAt(slots, ['tls', 'key'])).toMatchObject({
      value: `-----BEGIN PRIVATE KEY-----\n${body[0]}\n${body[1]}\n-----END PRIVATE KEY-----\n`,
      line: 3,
      column: 5,
    });
    expect(pointedAt(text, slotAt(slots, ['tls', 'key']))).toBe(
      `-----BEGIN PRIVATE KEY-----\n    ${body[0]}\n    ${body[1]}\n    -----END PRIVATE KEY-----`,
    );
    expect(slotAt(slots, ['tls', 'after']).value).toBe('1');
    expect(slotAt(slots, ['folded']).value).toBe('one two\nthree\n  indented');
    expect(slotAt(slots, ['kept']).value).toBe('x\n\n');
    expect(slotAt(slots, ['last'])).toMatchObject({ value: '2', line: 17 });
  });

  it('continues a plain scalar over more-indented lines', () => {
    expect(yaml('description: a long\n  sentence here\nnext: x\n')).toEqual([
      [['description'], 'a long sentence here', 1, 14],
      [['next'], 'x', 3, 7],
    ]);
  });

  it('reads flow mappings and sequences, on one line or several', () => {
    const text = 'db: {user: app, password: "p w", ports: [5432, 5433], empty: }\nlist: [a, "b, c",\n  {k: v}]\nafter: z\n';
    expect(yaml(text)).toEqual([
      [['db', 'user'], 'app', 1, 12],
      [['db', 'password'], 'p w', 1, 28],
      [['db', 'ports', '0'], '5432', 1, 42],
      [['db', 'ports', '1'], '5433', 1, 48],
      [['list', '0'], 'a', 2, 8],
      [['list', '1'], 'b, c', 2, 12],
      [['list', '2', 'k'], 'v', 3, 7],
      [['after'], 'z', 4, 8],
    ]);
  });

  it('reads a YAML file written as JSON', () => {
    expect(yaml('{"a": {"b": "c"}, "d": [1]}\n')).toEqual([
      [['a', 'b'], 'c', 1, 14],
      [['d', '0'], '1', 1, 25],
    ]);
  });

  it('starts each document separated by --- from the root', () => {
    expect(yaml('a:\n  b: 1\n---\nc: 2\n...\n---\n- x\n')).toEqual([
      [['a', 'b'], '1', 2, 6],
      [['c'], '2', 4, 4],
      [['0'], 'x', 7, 3],
    ]);
  });

  it('steps over anchors, aliases and tags', () => {
    const text = 'base: &base\n  user: u\ncopy: *base\ntagged: !!str 123\nboth: &a !secret value\nmerged:\n  <<: *base\n  extra: e\n';
    expect(yaml(text)).toEqual([
      [['base', 'user'], 'u', 2, 9],
      [['tagged'], '123', 4, 15],
      [['both'], 'value', 5, 18],
      [['merged', 'extra'], 'e', 8, 10],
    ]);
  });

  it('keeps reading after Helm and Jinja template lines, and keeps templated values as text', () => {
    const text = [
      'image:',
      '  repository: {{ .Values.image.repository }}',
      '{{- if .Values.auth.enabled }}',
      'auth:',
      '  {{- with .Values.auth }}',
      '  password: {{ .password | b64enc | quote }}',
      '  user: "{{ .user }}"',
      '  {{- end }}',
      '{% if x %}',
      '  token: tok',
      '{% endif %}',
      '{{- end }}',
      'after: ok',
    ].join('\n');
    expect(yaml(text)).toEqual([
      [['image', 'repository'], '{{ .Values.image.repository }}', 2, 15],
      [['auth', 'password'], '{{ .password | b64enc | quote }}', 6, 13],
      [['auth', 'user'], '{{ .user }}', 7, 10],
      [['auth', 'token'], 'tok', 10, 10],
      [['after'], 'ok', 13, 8],
    ]);
  });

  it('reads docker-compose environment in map form and list form alike', () => {
    const { secretKey } = fakeMailjetPair('compose');
    const text = `services:\n  web:\n    environment:\n      - MJ_APIKEY_PRIVATE=${secretKey}\n      - "QUOTED=two words"\n      - PASSTHROUGH\n    build:\n      args:\n        - TOKEN=t1\n  worker:\n    environment:\n      MJ_APIKEY_PRIVATE: ${secretKey}\n`;
    const rows = yaml(text);
    expect(rows).toEqual([
      [['services', 'web', 'environment', 'MJ_APIKEY_PRIVATE'], secretKey, 4, 27],
      [['services', 'web', 'environment', 'QUOTED'], 'two words', 5, 17],
      [['services', 'web', 'environment', '2'], 'PASSTHROUGH', 6, 9],
      [['services', 'web', 'build', 'args', 'TOKEN'], 't1', 9, 17],
      [['services', 'worker', 'environment', 'MJ_APIKEY_PRIVATE'], secretKey, 12, 26],
    ]);
  });

  it('handles CRLF line ends, tabs and a byte-order mark', () => {
    expect(yaml('\ufeffa:\r\n  b: "x"\r\n  c: |\r\n    line\r\n')).toEqual([
      [['a', 'b'], 'x', 2, 7],
      [['a', 'c'], 'line\n', 4, 5],
    ]);
  });

  it('yields what it can from broken files', () => {
    expect(yaml('a:\n  b: "never closed\nc: 1\n')).toEqual([
      [['a', 'b'], 'never closed', 2, 7],
      [['c'], '1', 3, 4],
    ]);
    expect(yaml('a: {b: 1\nc: 2\n')).toEqual([
      [['a', 'b'], '1', 1, 8],
      [['c'], '2', 2, 4],
    ]);
    expect(yaml('a:\n    deep: 1\n  shallower: 2\nb: 3')).toEqual([
      [['a', 'deep'], '1', 2, 11],
      [['a', 'shallower'], '2', 3, 14],
      [['b'], '3', 4, 4],
    ]);
    expect(yaml('key: value\ncut: "half')).toEqual([
      [['key'], 'value', 1, 6],
      [['cut'], 'half', 2, 7],
    ]);
  });

  it('stops reporting past 64 levels of nesting but reads what follows', () => {
    let text = '';
    for (let level = 0; level < 80; level++) text += `${' '.repeat(level * 2)}k${level}:\n`;
    text += `${' '.repeat(160)}deep: x\nshallow: y\n`;
    const rows = yaml(text);
    expect(rows).toEqual([[['shallow'], 'y', 82, 10]]);
  });
});

describe('Kubernetes Secrets in YAML', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  it('decodes data values from base64, placed on the encoded value, and leaves stringData as written', () => {
    const password = fakeHex('k8s-password', 20);
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${b64(password)}\n  binary: ${Buffer.from([0, 1, 2, 255]).toString('base64')}\nstringData:\n  token: plain-text\n`;
    const slots = slotsOf('secret.yaml', text);
    expect(slotAt(slots, ['data', 'password'])).toMatchObject({
      value: password,
      line: 7,
      column: 13,
      rawLength: b64(password).length,
      decodedFrom: 'base64',
    });
    expect(slotAt(slots, ['data', 'binary']).decodedFrom).toBeUndefined();
    expect(slotAt(slots, ['stringData', 'token'])).toMatchObject({ value: 'plain-text', line: 10, column: 10 });
    expect(slotAt(slots, ['stringData', 'token']).decodedFrom).toBeUndefined();
  });

  it('decodes only documents that are Secrets, wherever kind is written', () => {
    const value = b64('not-decoded-here');
    const text = `kind: ConfigMap\ndata:\n  x: ${value}\n---\ndata:\n  y: ${b64('decoded')}\nkind: Secret\n---\nkind: List\nitems:\n  - kind: Secret\n    data:\n      z: ${b64('in-a-list')}\n`;
    const slots = slotsOf('all.yaml', text);
    expect(slotAt(slots, ['data', 'x']).value).toBe(value);
    expect(slotAt(slots, ['data', 'y'])).toMatchObject({ value: 'decoded', decodedFrom: 'base64' });
    expect(slotAt(slots, ['items', '0', 'data', 'z'])).toMatchObject({ value: 'in-a-list', decodedFrom: 'base64' });
  });

  it('reads a .dockerconfigjson: the inner JSON and the user:password inside auth', () => {
    const password = fakeHex('registry-password', 24);
    const auth = b64(`robot:${password}`);
    const config = JSON.stringify({ auths: { 'registry.example.com': { username: 'robot', auth } } });
    const text = `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(config)}\n`;
    const slots = slotsOf('pull-secret.yaml', text);
    const base = ['data', '.dockerconfigjson', 'auths', 'registry.example.com'];
    expect(slotAt(slots, [...base, 'username'])).toMatchObject({ value: 'robot', line: 5, column: 22, decodedFrom: 'base64' });
    expect(slotAt(slots, [...base, 'auth'])).toMatchObject({ value: auth, line: 5, column: 22, decodedFrom: 'base64' });
    expect(slotAt(slots, [...base, 'auth', 'login'])).toMatchObject({
      value: `robot:${password}`,
      line: 5,
      column: 22,
      decodedFrom: 'base64',
    });
  });

  it('reads a .dockerconfigjson written in stringData with each value at its own place', () => {
    const auth = b64('u:pw-in-string-data');
    const text = `kind: Secret\nstringData:\n  .dockerconfigjson: '{"auths":{"r.io":{"auth":"${auth}"}}}'\n`;
    const slots = slotsOf('pull.yaml', text);
    const inner = slots.filter((slot) => slot.path.join('/').startsWith('stringData/.dockerconfigjson/auths/r.io/auth'));
    expect(inner.map((slot) => [slot.path.at(-1), slot.value, slot.line, slot.column, slot.decodedFrom])).toEqual([
      ['auth', auth, 3, 49, undefined],
      ['login', 'u:pw-in-string-data', 3, 49, 'base64'],
    ]);
    expect(pointedAt(text, inner[0]!)).toBe(auth);
  });
});
