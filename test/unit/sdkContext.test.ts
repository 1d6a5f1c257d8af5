import { sdkNamesOf } from '../../src/detect/codeContext';
import { isEnglishWord } from '../../src/config/wordList';
import { loadRules } from '../../src/config/loadRules';
import { compileCatalogue } from '../../src/detect/compile';
import { tokensOf } from '../../src/detect/sdkNames';
import type { Finding } from '../../src/detect/types';
import { catalogueDetector, scanText } from '../helpers/detector';
import { fakeHex } from '../helpers/fakeSecrets';

// Issue 15, point 2: any provider of the catalogue named by an imported module or its API host
// makes the literals handed to a client its credentials (not only the hand-listed SDKs).

const detector = catalogueDetector();
/** Abstract API keys are 32 lower-case letters and digits: a hex run is one. */
const key = fakeHex('sdk-context-abstract');

function placesOf(findings: Finding[]): string[] {
  return findings.flatMap((finding) => finding.spans.map((span) => `${finding.ruleId} ${span.line}:${span.column}`));
}

describe('a provider named by a module or host: its client literals are judged by its rules', () => {
  it.each([
    [
      'an ES import of abstract-api and new Abstract({ apiKey })',
      'src/geo.js',
      `import { Abstract } from 'abstract-api';\n\nconst client = new Abstract({ apiKey: '${key}' });\n`,
      'abstract-api-key 3:40',
    ],
    [
      'a require and a positional constructor argument',
      'src/geo.js',
      `const Abstract = require('abstractapi');\nconst client = new Abstract('${key}');\n`,
      'abstract-api-key 2:30',
    ],
    [
      "Python's from … import and a keyword argument",
      'geo.py',
      `from abstract_api import Client\n\nclient = Client(api_key="${key}")\n`,
      'abstract-api-key 3:26',
    ],
    [
      'a Go import block and NewClient(key)',
      'main.go',
      `package main\n\nimport (\n\t"fmt"\n\t"github.com/abstractapi/abstractapi-go"\n)\n\nvar c = abstractapi.NewClient("${key}")\n`,
      'abstract-api-key 8:32',
    ],
    [
      "C#'s using and an object initializer",
      'Geo.cs',
      `using AbstractApi.Client;\n\nvar client = new GeoClient { ApiKey = "${key}" };\n`,
      'abstract-api-key 3:40',
    ],
    ["Python's module attribute", 'geo.py', `import abstractapi\n\nabstractapi.api_key = "${key}"\n`, 'abstract-api-key 3:24'],
    [
      "PHP's use and an options array",
      'geo.php',
      `<?php\nuse AbstractApi\\Client;\n\n$client = new Client(['api_key' => '${key}']);\n`,
      'abstract-api-key 4:37',
    ],
    [
      "a Java builder's setter",
      'Geo.java',
      `import com.abstractapi.geo.GeoClient;\n\nGeoClient client = GeoClient.builder().apiKey("${key}").build();\n`,
      'abstract-api-key 3:48',
    ],
    [
      'the API host in a string, the key in an options object',
      'src/geo.ts',
      `const BASE = 'https://ipgeolocation.abstractapi.com/v1/';\nexport const options = { token: '${key}' };\n`,
      'abstract-api-key 2:34',
    ],
  ])('%s', (_name, path, text, place) => {
    expect(placesOf(scanText(detector, text, path))).toEqual([place]);
  });

  it.each([
    ['a module that names no provider', 'src/geo.js', `const Abstract = require('left-pad');\nconst client = new Abstract('${key}');\n`],
    [
      'a plain word for a module (abstract is no provider name)',
      'src/geo.js',
      `import { Abstract } from 'abstract';\nconst client = new Abstract('${key}');\n`,
    ],
    [
      'a placeholder key',
      'src/geo.js',
      `import { Abstract } from 'abstract-api';\nconst client = new Abstract({ apiKey: 'your-abstract-api-key-here' });\n`,
    ],
    [
      'a config file (not code) that mentions the module',
      'notes.txt',
      `import { Abstract } from 'abstract-api';\nconst client = new Abstract('${key}');\n`,
    ],
  ])('no provider finding for %s', (_name, path, text) => {
    expect(scanText(detector, text, path).filter((finding) => finding.ruleId === 'abstract-api-key')).toEqual([]);
  });

  it("keeps a restated line for its provider's rule when another rule's keyword sits inside the name (ipapi in zipapi)", () => {
    const text = `package main\n\nimport "github.com/zipapi/zipapi-go"\n\nvar client = zipapi.NewClient("${key}")\n`;
    expect(placesOf(scanText(detector, text, 'main.go'))).toEqual(['zipapi-api-key 5:32']);
  });

  it('does not take the host of a Go module path (github.com) for the provider', () => {
    const secret = fakeHex('sdk-context-go-oauth', 40);
    const text = `package main\n\nimport "github.com/acme/widgets"\n\nvar config = widgets.Config{ClientSecret: "${secret}"}\n`;
    expect(scanText(detector, text, 'main.go').filter((finding) => finding.ruleId.startsWith('github'))).toEqual([]);
  });

  it('leaves a hand-listed SDK (Mailjet) to its own context', () => {
    const rules = compileCatalogue(loadRules().rules, [], []);
    const names = sdkNamesOf(rules, isEnglishWord);
    const mailjetRules = names.providersOf('node-mailjet').flatMap((provider) => provider.ruleIds);
    expect(mailjetRules).not.toContain('mailjet-api-key');
    expect(mailjetRules).not.toContain('mailjet-secret-key');
    expect(names.providersOf('@abstractapi/sdk').map((provider) => provider.ruleIds)).toEqual([['abstract-api-key']]);
    // Plain words and slot names (`front_token`) never name a provider on their own.
    expect(names.providersOf('front')).toEqual([]);
    expect(names.providersOf('abstract-token')).toEqual([]);
  });

  it('splits module names and hosts into tokens', () => {
    expect(tokensOf('@SendGrid/mail-client')).toEqual(['send', 'grid', 'mail', 'client']);
    expect(tokensOf('github.com/abstractapi/abstractapi-go')).toEqual(['github', 'com', 'abstractapi', 'abstractapi', 'go']);
    expect(tokensOf('AbstractAPI.Client')).toEqual(['abstract', 'api', 'client']);
  });
});
