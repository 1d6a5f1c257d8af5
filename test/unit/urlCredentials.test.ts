import type { Finding } from '../../src/detect/types';
import { catalogueDetector, scanText } from '../helpers/detector';
import { fakeBase62, fakeMailjetPair } from '../helpers/fakeSecrets';

// Issue 15, point 4: credentials in URLs, connection strings and the dot-files that tools read
// them from. Each shape is pinned to the rule that names it and to where the secret starts.

const detector = catalogueDetector();
/** 16 base62 characters: a password no stand-in word or stopword filter mistakes for a placeholder. */
const pw = fakeBase62('url-credentials', 16);
const b64 = (text: string) => Buffer.from(text).toString('base64');

interface Shape {
  name: string;
  path?: string;
  text: string;
  rule: string;
  line: number;
  column: number;
  /** The reported text: the password, or the encoded value it was decoded from. */
  secret?: string;
}

const SHAPES: Shape[] = [
  // URLs with a password, one per scheme people use.
  { name: 'smtp', text: `SMTP_URL=smtp://mailer:${pw}@mail.corp.local:587`, rule: 'smtp-url-password', line: 1, column: 24 },
  { name: 'smtps', text: `smtps://mailer:${pw}@smtp.corp.local:465`, rule: 'smtp-url-password', line: 1, column: 16 },
  { name: 'ldap', text: `ldap://cn=reader,dc=corp:${pw}@dc01.corp.local`, rule: 'ldap-url-password', line: 1, column: 26 },
  { name: 'ldaps', text: `ldaps://svc-bind:${pw}@ldap.corp.local:636`, rule: 'ldap-url-password', line: 1, column: 18 },
  { name: 'mqtt', text: `MQTT_URL=mqtt://sensor:${pw}@broker.corp.local:1883`, rule: 'mqtt-url-password', line: 1, column: 24 },
  { name: 'mqtts', text: `mqtts://gateway:${pw}@mqtt.corp.local:8883`, rule: 'mqtt-url-password', line: 1, column: 17 },
  { name: 'nats', text: `nats://orders:${pw}@nats.corp.local:4222`, rule: 'nats-url-password', line: 1, column: 15 },
  { name: 'amqp', text: `amqp://worker:${pw}@rabbit:5672/`, rule: 'amqp-connection-string', line: 1, column: 15 },
  { name: 'amqps', text: `amqps://worker:${pw}@rabbit:5671/`, rule: 'amqp-connection-string', line: 1, column: 16 },
  { name: 'redis', text: `redis://default:${pw}@redis:6379/0`, rule: 'redis-connection-string', line: 1, column: 17 },
  { name: 'rediss', text: `rediss://:${pw}@cache.corp.local:6380`, rule: 'redis-connection-string', line: 1, column: 11 },
  { name: 'postgres', text: `postgres://app:${pw}@db/app`, rule: 'postgres-connection-string', line: 1, column: 16 },
  { name: 'postgresql', text: `postgresql://app:${pw}@db/app`, rule: 'postgres-connection-string', line: 1, column: 18 },
  { name: 'mysql', text: `mysql://app:${pw}@db:3306/app`, rule: 'mysql-connection-string', line: 1, column: 13 },
  { name: 'mongodb', text: `mongodb://svc:${pw}@mongo-1:27017/app`, rule: 'mongodb-connection-string', line: 1, column: 15 },
  { name: 'mongodb+srv', text: `mongodb+srv://svc:${pw}@c0.ab1cd.mongodb.net/app`, rule: 'mongodb-connection-string', line: 1, column: 19 },
  { name: 'http', text: `http://deploy:${pw}@nexus.corp.local/repo`, rule: 'url-basic-auth', line: 1, column: 15 },
  { name: 'https', text: `https://deploy:${pw}@nexus.corp.local/repo`, rule: 'url-basic-auth', line: 1, column: 16 },
  { name: 'HTTPS_PROXY', text: `HTTPS_PROXY=http://user:${pw}@proxy:3128`, rule: 'url-basic-auth', line: 1, column: 25 },
  { name: 'socks5 proxy', text: `ALL_PROXY=socks5://user:${pw}@proxy:1080`, rule: 'url-basic-auth', line: 1, column: 25 },
  // Connection strings.
  {
    name: 'ADO.NET / SQL Server',
    text: `"Default": "Server=sql01;Database=app;User Id=svc;Password=${pw};"`,
    rule: 'mssql-ado-connection-string',
    line: 1,
    column: 60,
  },
  {
    name: 'Npgsql',
    text: `"Default": "Host=pg01;Database=app;Username=svc;Password=${pw}"`,
    rule: 'npgsql-connection-string',
    line: 1,
    column: 58,
  },
  { name: 'JDBC postgresql', text: `jdbc:postgresql://pg01/app?user=svc&password=${pw}`, rule: 'jdbc-url-password', line: 1, column: 46 },
  { name: 'JDBC mysql', text: `jdbc:mysql://db:3306/app?user=svc&password=${pw}`, rule: 'jdbc-url-password', line: 1, column: 44 },
  {
    name: 'JDBC sqlserver',
    text: `jdbc:sqlserver://sql01:1433;databaseName=app;user=svc;password=${pw};`,
    rule: 'jdbc-url-password',
    line: 1,
    column: 64,
  },
  {
    name: 'ODBC',
    text: `Driver={PostgreSQL Unicode};Servername=pg01;Database=app;UID=svc;PWD=${pw}`,
    rule: 'odbc-connection-string',
    line: 1,
    column: 70,
  },
  {
    name: 'Go DSN',
    text: `db, err := sql.Open("mysql", "svc:${pw}@tcp(127.0.0.1:3306)/app")`,
    rule: 'go-sql-dsn',
    line: 1,
    column: 35,
  },
  // The dot-files tools read credentials from.
  {
    name: '.netrc, one line',
    path: '.netrc',
    text: `machine api.corp.local login svc password ${pw}`,
    rule: 'netrc-password',
    line: 1,
    column: 43,
  },
  {
    name: '.netrc, one field a line',
    path: 'home/ci/.netrc',
    text: `default login anonymous\nmachine api.corp.local\n  login svc\n  password ${pw}\n`,
    rule: 'netrc-password',
    line: 4,
    column: 12,
  },
  {
    name: '.pypirc',
    path: '.pypirc',
    text: `[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = jdoe\npassword = ${pw}\n`,
    rule: 'pypirc-password',
    line: 6,
    column: 12,
  },
  {
    name: '.npmrc _auth',
    path: '.npmrc',
    text: `registry=https://npm.corp.local/\n_auth=${b64(`ci:${pw}`)}\n`,
    rule: 'npmrc-basic-auth',
    line: 2,
    column: 7,
    secret: b64(`ci:${pw}`),
  },
  {
    name: '.npmrc _password',
    path: '.npmrc',
    text: `//npm.corp.local/:username=ci\n//npm.corp.local/:_password=${b64(pw)}\n`,
    rule: 'npmrc-basic-auth',
    line: 2,
    column: 29,
    secret: b64(pw),
  },
  {
    name: 'Docker auths in JSON under any name',
    path: 'deploy/registry-login.json',
    text: `{\n  "auths": {\n    "registry.corp.local": {\n      "auth": "${b64(`ci-bot:${pw}`)}"\n    }\n  }\n}\n`,
    // JSON text: the rule that reads Docker's JSON wherever it is (the YAML below goes by its slots).
    rule: 'docker-config-auth',
    line: 4,
    column: 16,
    secret: b64(`ci-bot:${pw}`),
  },
  {
    name: 'Docker auths in YAML',
    path: 'ci/pull-secret.yaml',
    text: `auths:\n  ghcr.io:\n    auth: ${b64(`deploy:${pw}`)}\n`,
    rule: 'docker-auths-credential',
    line: 3,
    column: 11,
    secret: b64(`deploy:${pw}`),
  },
];

function where(findings: Finding[]): string[] {
  return findings.map(
    (finding) => `${finding.ruleId} ${finding.spans.map((span) => `${span.line}:${span.column} ${span.secret}`).join(' + ')}`,
  );
}

describe('credentials in URLs and connection strings', () => {
  it.each(SHAPES.map((shape) => [shape.name, shape] as const))('%s: one finding of its rule at the secret', (_name, shape) => {
    const findings = scanText(detector, shape.text, shape.path);
    expect(where(findings)).toEqual([`${shape.rule} ${shape.line}:${shape.column} ${shape.secret ?? pw}`]);
  });

  it('the npm token after //registry/:_authToken= is reported', () => {
    const token = [fakeBase62('npmrc-a', 8), fakeBase62('npmrc-b', 4), fakeBase62('npmrc-c', 4), fakeBase62('npmrc-d', 12)].join('-');
    const findings = scanText(detector, `//registry.npmjs.org/:_authToken=${token}\n`, '.npmrc');
    expect(where(findings)).toEqual([`npmrc-auth-token 1:34 ${token}`]);
  });

  it.each([
    ['an empty password', 'smtp://mailer:@mail.corp.local:587'],
    ['a ${VAR} reference', 'smtp://mailer:${SMTP_PASSWORD}@mail.corp.local:587'],
    ['a $VAR reference', 'MQTT_URL=mqtt://sensor:$MQTT_PASSWORD@broker.corp.local:1883'],
    ['a printf slot', 'nats://orders:%s@nats.corp.local:4222'],
    ['a <password> stand-in', 'ldaps://svc-bind:<password>@ldap.corp.local'],
    ['user:password', 'HTTPS_PROXY=http://user:password@proxy:3128'],
    ['a documentation host', `smtp://mailer:${pw}@example.com:587`],
    ['a documentation subdomain', `ldap://svc-bind:${pw}@ldap.example.org`],
    ['no password at all', 'ALL_PROXY=socks5://proxy.corp.local:1080'],
    ['a Go DSN built by Sprintf', 'dsn := fmt.Sprintf("%s:%s@tcp(%s)/%s", user, pass, host, name)'],
    ['a Go DSN with a reference', 'MYSQL_DSN=orders:${DB_PASSWORD}@tcp(db.corp.local:3306)/orders'],
    ['an ODBC DSN with a %VAR%', 'Driver={PostgreSQL Unicode};Servername=pg01;UID=etl;PWD=%DB_PASSWORD%'],
    ['an Npgsql reference', 'Host=pg01;Database=app;Username=svc;Password=${PG_PASSWORD}'],
    ['a .netrc written from a CI secret', 'echo "machine github.com login x-access-token password $GITHUB_TOKEN" > ~/.netrc'],
    ['a state machine in prose', 'The state machine stores the password hash, never the password itself.'],
  ])('stays quiet on %s', (_name, text) => {
    expect(where(scanText(detector, text))).toEqual([]);
  });

  it('stays quiet on a Docker auths entry that decodes to user:password', () => {
    const text = `{"auths":{"registry.corp.local":{"auth":"${b64('user:password')}"}}}`;
    expect(where(scanText(detector, text, 'deploy/registry-login.json'))).toEqual([]);
  });

  describe('a key:secret pair in a URL to the provider is that provider pair', () => {
    const { apiKey, secretKey } = fakeMailjetPair('url-credentials');

    it.each([
      ['the REST API', `MJ_SEND=https://${apiKey}:${secretKey}@api.mailjet.com/v3.1/send`, 17],
      ['the SMTP relay', `SMTP_URL=smtp://${apiKey}:${secretKey}@in-v3.mailjet.com:587`, 17],
    ])('%s', (_name, text, column) => {
      expect(where(scanText(detector, text))).toEqual([`mailjet-api-key-pair 1:${column} ${apiKey} + 1:${column + 33} ${secretKey}`]);
    });

    it('a host that only starts with the provider domain is not the provider', () => {
      const text = `smtp://${apiKey}:${secretKey}@in-v3.mailjet.com.relay.test:587`;
      expect(where(scanText(detector, text))).toEqual([`smtp-url-password 1:41 ${secretKey}`]);
    });
  });
});
