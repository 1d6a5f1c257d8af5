import { slotsOf, structureOf } from '../../../src/detect/structure/slots';

describe('structureOf', () => {
  it('knows config files by name', () => {
    const cases: [string, string][] = [
      ['config/app.yml', 'yaml'],
      ['charts/web/values.yaml', 'yaml'],
      ['docker-compose.yml', 'yaml'],
      ['k8s/secret.yaml.tpl', 'yaml'],
      ['appsettings.json', 'json'],
      ['appsettings.Development.json', 'json'],
      ['tsconfig.jsonc', 'json'],
      ['main.tf.json', 'json'],
      ['pyproject.toml', 'toml'],
      ['Cargo.lock', 'toml'],
      ['Pipfile', 'toml'],
      ['php.ini', 'ini'],
      ['setup.cfg', 'ini'],
      ['my.cnf', 'ini'],
      ['.npmrc', 'ini'],
      ['.pypirc', 'ini'],
      ['.gitconfig', 'ini'],
      ['src/main/resources/application.properties', 'properties'],
      ['gradle.properties', 'properties'],
      ['.env', 'env'],
      ['.env.local', 'env'],
      ['deploy/.env.production', 'env'],
      ['.env.example', 'env'],
      ['settings.env', 'env'],
      ['pom.xml', 'xml'],
      ['settings.xml', 'xml'],
      ['App.csproj', 'xml'],
      ['Info.plist', 'xml'],
      ['main.tf', 'hcl'],
      ['prod.tfvars', 'hcl'],
      ['config.hcl', 'hcl'],
      ['config.yml.dist', 'yaml'],
      ['settings.ini.sample', 'ini'],
    ];
    for (const [path, format] of cases) expect([path, structureOf(path, '')]).toEqual([path, format]);
  });

  it('takes .config for XML only when it looks like XML', () => {
    expect(structureOf('web.config', '<?xml version="1.0"?>\n<configuration/>')).toBe('xml');
    expect(structureOf('App.config', '\ufeff<configuration>\n</configuration>')).toBe('xml');
    expect(structureOf('tool.config', 'key = value\n')).toBe('ini');
  });

  it('answers undefined for source code and prose, whatever they hold', () => {
    for (const path of ['src/app.ts', 'main.go', 'lib/x.py', 'Makefile', 'Dockerfile', 'README.md', 'yarn.lock', 'notes.html', 'a.sh']) {
      expect([path, structureOf(path, 'password: x\n')]).toEqual([path, undefined]);
    }
    expect(slotsOf('src/app.ts', 'const a = { password: "x" };')).toEqual([]);
  });

  it('looks at the first meaningful line of files without a config extension', () => {
    const cases: [string, string | undefined][] = [
      ['<?xml version="1.0"?><a/>', 'xml'],
      ['# comment\n{"a": 1}', 'json'],
      ['---\na: 1', 'yaml'],
      ['key: value', 'yaml'],
      ['- item', 'yaml'],
      ['[default]\naws_access_key_id = x', 'ini'],
      ['[1, 2]', 'json'],
      ['export TOKEN=abc', 'env'],
      ['TOKEN=abc', 'env'],
      ['user = app', 'ini'],
      ['#!/bin/sh\nTOKEN=x', undefined],
      ['just some words', undefined],
      ['', undefined],
    ];
    for (const [text, format] of cases) expect([text, structureOf('deploy/credentials', text)]).toEqual([text, format]);
    expect(structureOf('nginx.conf', 'server {\n}')).toBeUndefined();
    expect(structureOf('app.conf', 'a: 1')).toBe('yaml');
  });

  it('lets the caller force a format', () => {
    expect(slotsOf('anything.txt', 'A=1', 'env').map((slot) => [slot.path, slot.value, slot.format])).toEqual([[['A'], '1', 'env']]);
  });
});
