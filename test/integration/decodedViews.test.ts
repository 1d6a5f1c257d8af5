import { fakeBase62, fakeGithubToken, fakeMailjetPair } from '../helpers/fakeSecrets';
import { hookedRepoWith, refusedCommit } from '../helpers/installedHook';
import type { TempRepo } from '../helpers/repo';

// Issue 15, point 3: a credential behind one layer of encoding (a JSON escape, a JSON document in
// a JSON string, a notebook cell, percent-encoding, base64 after a marker) is refused by the hook
// `leakgate install` writes, at the path:line:column of its encoded characters.

const github = fakeGithubToken('decoded-hook');
const { apiKey, secretKey } = fakeMailjetPair('decoded-hook');
const password = `${fakeBase62('decoded-hook-password', 16)}7`;
const notebook = `${JSON.stringify(
  { cells: [{ cell_type: 'code', source: ['import os\n', `db_password = "${password}"\n`], outputs: [] }], nbformat: 4 },
  null,
  1,
)}\n`;

const FILES: Record<string, string> = {
  'config/escaped.json': `{\n  "token": "${github.replace('_', '\\u005f')}"\n}\n`,
  'config/nested.json': `${JSON.stringify({ settings: JSON.stringify({ mailjet: { api_key: apiKey, secret_key: secretKey } }) }, null, 2)}\n`,
  'notebooks/analysis.ipynb': notebook,
  'scripts/clone.sh': `git clone "https://x.test/repo.git?auth=${github.replace('_', '%5F')}"\n`,
  'deploy/.env': `APP=shop\nGITHUB_TOKEN_B64=${Buffer.from(github).toString('base64')}\n`,
};

const placeOf = (file: string, value: string) => {
  const lines = FILES[file]!.split('\n');
  const line = lines.findIndex((text) => text.includes(value));
  return `${file}:${line + 1}:${lines[line]!.indexOf(value) + 1}`;
};

describe('credentials behind a layer of encoding, through the installed hook and scan', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = hookedRepoWith(FILES);
  });
  afterEach(() => repo.cleanup());

  it('a commit of each is refused at the path:line:column of the encoded value, and no report shows a secret', () => {
    const places = [
      placeOf('config/escaped.json', github.replace('_', '\\u005f')),
      placeOf('config/nested.json', apiKey),
      placeOf('notebooks/analysis.ipynb', password),
      placeOf('scripts/clone.sh', github.replace('_', '%5F')),
      placeOf('deploy/.env', Buffer.from(github).toString('base64')),
    ];
    const stderr = refusedCommit(repo, 'encoded');
    for (const place of places) expect(stderr).toContain(place);
    expect(stderr).toContain(`${places.length} secrets in the staged changes`);
    for (const secret of [github, apiKey, secretKey, password, Buffer.from(github).toString('base64')])
      expect(stderr).not.toContain(secret);

    const scan = repo.leakgate(['scan', ...Object.keys(FILES), '--format', 'json']);
    expect(scan.status).toBe(1);
    const found = (JSON.parse(scan.stdout) as { findings: { rule: string; file: string; line: number; column: number }[] }).findings;
    expect(found.map((finding) => `${finding.file}:${finding.line}:${finding.column}`).sort()).toEqual([...places].sort());
  });
});
