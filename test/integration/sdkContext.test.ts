import { fakeHex } from '../helpers/fakeSecrets';
import { hookedRepoWith, refusedCommit } from '../helpers/installedHook';
import type { TempRepo } from '../helpers/repo';

// Issue 15, point 2: a module named after any provider of the catalogue (not only a hand-listed
// SDK) makes the key passed to its client that provider's credential, through the real hook.

/** Abstract API keys are 32 lower-case letters and digits: a hex run is one. */
const key = fakeHex('sdk-context-hook');

describe('generic SDK context, through the installed hook', () => {
  let repo: TempRepo;
  afterEach(() => repo.cleanup());

  it("refuses new Abstract({ apiKey }) after an import of 'abstract-api', at path:line:column, naming the provider's rule", () => {
    repo = hookedRepoWith({
      'src/geo.js': `import { Abstract } from 'abstract-api';\n\nexport const client = new Abstract({ apiKey: '${key}' });\n`,
    });
    const stderr = refusedCommit(repo, 'geolocation client');
    expect(stderr).toContain('src/geo.js:3:47');
    expect(stderr).toContain('[abstract-api-key]');
    expect(stderr).not.toContain(key);
  });

  it.each([
    [
      'a module that names no provider',
      `import { Abstract } from 'left-pad';\n\nexport const client = new Abstract({ name: '${key}' });\n`,
    ],
    [
      'a placeholder key',
      `import { Abstract } from 'abstract-api';\n\nexport const client = new Abstract({ apiKey: 'your-abstract-api-key' });\n`,
    ],
  ])('commits the same shape with %s', (_name, text) => {
    repo = hookedRepoWith({ 'src/geo.js': text });
    repo.git('add', '-A');
    const commit = repo.gitResult(['commit', '-q', '-m', 'geolocation client']);
    expect(commit.stderr).toBe('');
    expect(commit.status).toBe(0);
  });
});
