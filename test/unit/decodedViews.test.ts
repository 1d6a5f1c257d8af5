import { decodedViews } from '../../src/detect/decodedViews';
import { catalogueDetector, scanText } from '../helpers/detector';
import { fakeBase62, fakeGithubToken, fakeHex } from '../helpers/fakeSecrets';

// Issue 15, point 3: text behind one layer of encoding is decoded where its marker shows, and a
// finding points at the encoded characters the value came from.

const detector = catalogueDetector();
const github = fakeGithubToken('decoded-views');
const slack = `xoxb-${fakeHex('decoded-slack-a', 12).replace(/[a-f]/g, '7')}-${fakeHex('decoded-slack-b', 13).replace(/[a-f]/g, '3')}-${fakeBase62('decoded-slack-c', 24)}`;

/** rule line:column redacted, for each finding. */
const where = (findings: ReturnType<typeof scanText>) =>
  findings.map((finding) => `${finding.ruleId} ${finding.spans[0]!.line}:${finding.spans[0]!.column} ${finding.spans[0]!.secret.length}`);

describe('decoded views (pure)', () => {
  it('finds JSON string literals with escapes around the markers, with the place of every decoded character', () => {
    const escaped = github.replace('_', '\\u005f');
    const text = `{"a": 1,\n "token": "${escaped}"}`;
    const [view] = decodedViews('x.json', text);
    expect(view?.layer).toBe('json');
    expect(view?.text).toBe(github);
    const segment = view!.segments[0]!;
    expect(text.slice(segment.offset, segment.offset + segment.raw.length)).toBe(escaped);
    // `_` was written as six characters: the decoded character after it starts six later.
    expect(segment.positions?.[3]).toBe(3);
    expect(segment.positions?.[4]).toBe(9);
    expect(segment.positions?.[github.length]).toBe(escaped.length);
  });

  it('reads a JSON document inside a JSON string as JSON, and leaves plain strings and non-JSON alone', () => {
    const inner = JSON.stringify({ mailjet: { api_key: 'k' } });
    const views = decodedViews('settings.json', JSON.stringify({ settings: inner, plain: 'no escapes here' }));
    expect(views.map((view) => [view.layer, view.path, view.text])).toEqual([['json', 'settings.json.json', inner]]);
    expect(decodedViews('a.js', 'const re = /\\u00e9/;')).toEqual([]);
  });

  it('decodes percent-encoding in URL-like stretches only, and base64 only after a marker and when it decodes to text', () => {
    const [url] = decodedViews('a.txt', `see https://x.test/cb?token=${encodeURIComponent(slack).replace(/-/g, '%2D')} and 100%2 done`);
    expect(url?.layer).toBe('url');
    expect(url?.text).toBe(`https://x.test/cb?token=${slack}`);
    const encoded = Buffer.from(slack).toString('base64');
    expect(decodedViews('a.env', `SLACK_B64=${encoded}\n`).map((view) => view.text)).toEqual([slack]);
    expect(decodedViews('a.env', `SLACK=${encoded}\n`)).toEqual([]); // no marker on the line
    const bytes = Buffer.from(fakeHex('decoded-bytes', 64), 'hex').toString('base64');
    expect(decodedViews('a.env', `IMAGE_BASE64=${bytes}\n`)).toEqual([]); // decodes to bytes, not text
  });

  it('reads a notebook’s cells as code, each line pointing back at the JSON string it was written as', () => {
    const notebook = JSON.stringify({ cells: [{ cell_type: 'code', source: ['import os\n', 'key = "a\\"b"\n'], outputs: [] }] }, null, 1);
    const [view] = decodedViews('analysis.ipynb', notebook);
    expect(view?.layer).toBe('notebook');
    expect(view?.path).toBe('analysis.ipynb.py');
    expect(view?.text).toBe('import os\nkey = "a\\"b"\n');
    expect(view?.segments.map((segment) => segment.raw)).toEqual(['import os\\n', 'key = \\"a\\\\\\"b\\"\\n']);
  });
});

describe('findings behind a layer of encoding, pinned to the encoded characters', () => {
  it('a token with a JSON escape inside it: the finding covers the escaped characters', () => {
    const escaped = github.replace('_', '\\u005f');
    expect(where(scanText(detector, `{\n  "token": "${escaped}"\n}\n`, 'config.json'))).toEqual([
      `github-pat-classic 2:13 ${escaped.length}`,
    ]);
  });

  it('a Mailjet pair inside a JSON document held in a JSON string, named by the inner keys', () => {
    const apiKey = fakeHex('decoded-mailjet-a');
    const secret = fakeHex('decoded-mailjet-b');
    const text = `${JSON.stringify({ settings: JSON.stringify({ mailjet: { api_key: apiKey, secret_key: secret } }) }, null, 2)}\n`;
    const [finding] = scanText(detector, text, 'deploy/settings.json');
    expect(finding?.ruleId).toBe('mailjet-api-key-pair');
    expect(finding?.spans.map((span) => `${span.line}:${span.column}:${span.secret}`)).toEqual([
      `2:${text.split('\n')[1]!.indexOf(apiKey) + 1}:${apiKey}`,
      `2:${text.split('\n')[1]!.indexOf(secret) + 1}:${secret}`,
    ]);
  });

  it('a token percent-encoded in a query string: the finding covers its encoded characters', () => {
    const encoded = encodeURIComponent(slack).replace(/-/g, '%2D');
    expect(where(scanText(detector, `callback=https://x.test/cb?token=${encoded}\n`, 'notes.txt'))).toEqual([
      `slack-bot-token 1:34 ${encoded.length}`,
    ]);
    const githubEncoded = github.replace('_', '%5F');
    expect(where(scanText(detector, `git clone https://x.test/repo.git?auth=${githubEncoded}\n`, 'setup.sh'))).toEqual([
      `github-pat-classic 1:40 ${githubEncoded.length}`,
    ]);
  });

  it('a base64-encoded token after a marker: the finding is the base64 run', () => {
    const encoded = Buffer.from(slack).toString('base64');
    const [finding] = scanText(detector, `SLACK_TOKEN_B64=${encoded}\n`, '.env');
    expect(finding?.ruleId).toBe('slack-bot-token');
    expect(finding?.spans[0]).toMatchObject({ line: 1, column: 17, secret: encoded });
    expect(finding?.spans[0]?.label).toContain('base64-decoded');
  });

  it('keys in notebook cells, at the line and column of their JSON strings (quotes escaped there hide one from a line-by-line rule)', () => {
    const password = `${fakeBase62('decoded-notebook', 16)}7`;
    const source = ['import requests\n', `headers = {"Authorization": "token ${github}"}\n`, `db_password = "${password}"\n`];
    const notebook = `${JSON.stringify({ cells: [{ cell_type: 'code', source, outputs: [] }] }, null, 1)}\n`;
    const lines = notebook.split('\n');
    const at = (value: string) => {
      const line = lines.findIndex((text) => text.includes(value));
      return `${line + 1}:${lines[line]!.indexOf(value) + 1}`;
    };
    expect(where(scanText(detector, notebook, 'analysis.ipynb'))).toEqual([
      `github-pat-classic ${at(github)} ${github.length}`,
      `generic-secret-assignment ${at(password)} ${password.length}`,
    ]);
    // The same cell as a plain JSON file (no notebook): the escaped quotes keep the password from the rule.
    expect(where(scanText(detector, notebook, 'analysis.json')).some((found) => found.startsWith('generic'))).toBe(false);
  });

  it('reads a text holding more markers than a call takes arguments (200,000 `%20`), and what else it holds', () => {
    const text = `${'a%20'.repeat(200_000)}\nconst token = "${github}";\n`;
    const found = scanText(detector, text, 'data.txt');
    expect(found.map((finding) => [finding.spans[0]!.line, finding.spans[0]!.secret])).toEqual([[2, github]]);
  });

  it('stays quiet on encoded text that holds no credential', () => {
    const quiet = [
      `{"url": "https:\\/\\/example.com\\/docs\\/intro", "note": "caf\\u00e9 au lait"}`,
      `see https://example.com/search?q=hello%20world%21&lang=en`,
      `LOGO_BASE64=${Buffer.from(fakeHex('decoded-logo', 96), 'hex').toString('base64')}`,
      `Authorization: Basic ${Buffer.from('user:').toString('base64')}`,
    ].join('\n');
    expect(scanText(detector, `${quiet}\n`, 'notes.txt')).toEqual([]);
  });
});
