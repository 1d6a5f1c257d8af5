import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { installedLeakgate } from '../helpers/installedHook';
import { cleanEnv, listFiles, TempRepo } from '../helpers/repo';

// `leakgate install` (from the packed tarball) where another hooks manager owns the hooks: it
// names the manager and the lines to add to its config, writes nothing, exits 0; --force installs.

function install(repo: TempRepo, ...args: string[]) {
  return spawnSync(installedLeakgate(), ['install', ...args], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
}

const hooksIn = (repo: TempRepo) => readdirSync(join(repo.dir, '.git', 'hooks')).filter((name) => !name.endsWith('.sample'));

const CASES: { file: string; text: string; manager: string; expected: string[] }[] = [
  {
    file: 'lefthook.yml',
    text: 'pre-commit:\n  commands:\n    lint:\n      run: npx eslint {staged_files}\n',
    manager: 'lefthook',
    expected: ['run: leakgate pre-commit', 'run: leakgate pre-push {1} {2}', 'use_stdin: true'],
  },
  { file: '.lefthook.yml', text: 'pre-push:\n  commands: {}\n', manager: 'lefthook', expected: ['commit-msg {1}'] },
  {
    file: '.simple-git-hooks.json',
    text: '{ "pre-commit": "npx lint-staged" }\n',
    manager: 'simple-git-hooks',
    expected: ['"pre-commit": "leakgate pre-commit"', '"commit-msg": "leakgate commit-msg \\"$1\\""'],
  },
  {
    file: 'package.json',
    text: `${JSON.stringify({ name: 'app', private: true, 'simple-git-hooks': { 'pre-commit': 'npx lint-staged' } }, null, 2)}\n`,
    manager: 'simple-git-hooks',
    expected: [
      'add this to package.json (the "simple-git-hooks" key)',
      '"pre-push": "node_modules/.bin/leakgate pre-push \\"$1\\" \\"$2\\""',
    ],
  },
  {
    file: '.pre-commit-config.yaml',
    text: 'repos:\n  - repo: https://github.com/psf/black\n    rev: 24.1.0\n    hooks:\n      - id: black\n',
    manager: 'the pre-commit framework',
    expected: [
      '- repo: local',
      'entry: leakgate pre-push',
      'additional_dependencies: ["leakgate@',
      'stages: [push]',
      '--hook-type commit-msg',
    ],
  },
];

describe('leakgate install where another hooks manager runs the hooks', () => {
  it.each(CASES)('$file ($manager): says what to add to it, writes nothing, exits 0', ({ file, text, manager, expected }) => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write(file, text);
      const before = listFiles(repo.dir);
      const run = install(repo);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`${file} shows that ${manager} runs this repository's git hooks`);
      expect(run.stdout).toContain('Nothing was written.');
      expect(run.stdout).toContain('leakgate install --force');
      for (const line of expected) expect(run.stdout).toContain(line);
      expect(listFiles(repo.dir)).toEqual(before);
      expect(hooksIn(repo)).toEqual([]);
    } finally {
      repo.cleanup();
    }
  });

  it('a config that already runs leakgate: nothing to install, nothing written', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write('lefthook.yml', 'pre-commit:\n  commands:\n    leakgate:\n      run: node_modules/.bin/leakgate pre-commit\n');
      const before = listFiles(repo.dir);
      const run = install(repo);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('lefthook.yml already runs leakgate through lefthook: nothing to install');
      expect(listFiles(repo.dir)).toEqual(before);
    } finally {
      repo.cleanup();
    }
  });

  it("--force installs leakgate's own hooks anyway, and install then keeps them up to date without --force", () => {
    const repo = TempRepo.withInitialCommit();
    try {
      repo.write('.pre-commit-config.yaml', 'repos: []\n');
      const forced = install(repo, '--force');
      expect(forced.status).toBe(0);
      expect(forced.stdout).toContain('leakgate install (git hooks):');
      expect(hooksIn(repo).sort()).toEqual(['commit-msg', 'leakgate-run.paths', 'leakgate-run.sh', 'pre-commit', 'pre-push']);
      // Installed once: a second install updates rather than lecturing.
      const again = install(repo);
      expect(again.stdout).toContain('already installed');
    } finally {
      repo.cleanup();
    }
  });

  it('an unknown option is a usage error (exit 2), nothing written', () => {
    const repo = TempRepo.withInitialCommit();
    try {
      const run = install(repo, '--forse');
      expect(run.status).toBe(2);
      expect(hooksIn(repo)).toEqual([]);
    } finally {
      repo.cleanup();
    }
  });
});
