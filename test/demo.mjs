#!/usr/bin/env node
// leakgate demo (npm run demo): packs this package, installs it into a throwaway git repository,
// then tries to commit a file with a (fake) Mailjet key pair in it. The leakgate pre-commit hook
// must refuse that commit; the script fails (non-zero) when it does not, so it is also a smoke test
// of the packed package: pack → npm install → leakgate install → real git commit → blocked.
//
//   node test/demo.mjs [--keep]      --keep leaves the temporary folders in place
//
// The fake key pair is derived from a hash at run time: this file holds no credential-looking literal.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const tty = Boolean(process.stdout.isTTY);
const npmCmd = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npxCmd = process.platform === 'win32' ? 'npx.cmd' : 'npx';

// A clean environment for the children: nothing that would point git elsewhere (a demo started from
// inside a git hook inherits GIT_DIR, GIT_INDEX_FILE…) or switch the hook off (LEAKGATE=0).
const env = { ...process.env };
for (const name of Object.keys(env)) {
  if (name.startsWith('GIT_') || name === 'LEAKGATE' || name === 'LEAKGATE_BIN' || name === 'HUSKY') delete env[name];
}
if (tty) env.FORCE_COLOR = '1';
env.npm_config_update_notifier = 'false';

const bold = (text) => (tty ? `\x1b[1m${text}\x1b[22m` : text);
const step = (text) => console.log(`\n${bold(`→ ${text}`)}`);

function fakeHex(seed) {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

/** Runs a command; `show` inherits stdout/stderr so the user sees the real output. */
function run(command, args, { cwd, show = false, allowFailure = false } = {}) {
  const child = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    stdio: show ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  if (child.error) throw new Error(`${command} ${args.join(' ')}: ${child.error.message}`);
  if (child.status !== 0 && !allowFailure) {
    if (!show) process.stderr.write(`${child.stdout ?? ''}${child.stderr ?? ''}`);
    throw new Error(`${command} ${args.join(' ')} exited with ${child.status ?? child.signal} (in ${cwd})`);
  }
  return child;
}

const git = (cwd, ...args) => run('git', args, { cwd }).stdout.trim();

const workDir = mkdtempSync(join(tmpdir(), 'leakgate-demo-'));
const packDir = join(workDir, 'pack');
const appDir = join(workDir, 'demo-app');
let exitCode = 1;

try {
  console.log(bold('leakgate demo: a commit with a Mailjet key pair in it, stopped by the pre-commit hook'));
  console.log(`(working in ${workDir})`);

  // `npm run demo` has just built dist/; run directly, the script builds it first (npm pack does
  // not: the build runs before publishing, prepublishOnly, and never for a consumer).
  const justBuilt = process.env.npm_lifecycle_event === 'demo';
  step(`npm pack (${justBuilt ? 'the fresh build' : 'builds leakgate and packs it'}, as it would be published)`);
  mkdirSync(packDir);
  if (!justBuilt) run(npmCmd, ['run', 'build', '--silent'], { cwd: PACKAGE_ROOT });
  run(npmCmd, ['pack', '--pack-destination', packDir, '--silent', '--ignore-scripts'], { cwd: PACKAGE_ROOT });
  const tarballs = readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${packDir}`);
  const tarball = join(packDir, tarballs[0]);
  console.log(`  ${tarball}`);

  step('git init demo-app, with a package.json and a first clean commit');
  mkdirSync(appDir);
  git(appDir, 'init', '-q', '-b', 'main');
  git(appDir, 'config', 'user.name', 'leakgate demo');
  git(appDir, 'config', 'user.email', 'demo@example.invalid');
  git(appDir, 'config', 'commit.gpgsign', 'false');
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify({ name: 'demo-app', version: '1.0.0', private: true }, null, 2)}\n`);
  writeFileSync(join(appDir, '.gitignore'), 'node_modules/\n');
  git(appDir, 'add', '-A');
  git(appDir, 'commit', '-q', '-m', 'Initial commit');
  console.log(`  ${git(appDir, 'log', '--oneline', '-1')}`);

  step(`npm install --save-dev ${tarballs[0]} (leakgate comes in as a dev dependency)`);
  run(npmCmd, ['install', '--save-dev', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: appDir,
    show: true,
  });

  step('npx leakgate install (sets up the pre-commit and pre-push hooks)');
  run(npxCmd, ['--no-install', 'leakgate', 'install'], { cwd: appDir, show: true });

  step('write src/mail.js: sends mail with node-mailjet, the key pair pasted into the code');
  const apiKey = fakeHex('leakgate-demo-fake-key');
  const secretKey = fakeHex('leakgate-demo-fake-secret');
  mkdirSync(join(appDir, 'src'));
  writeFileSync(
    join(appDir, 'src', 'mail.js'),
    [
      "const Mailjet = require('node-mailjet');",
      '',
      `const mailjet = Mailjet.apiConnect('${apiKey}', '${secretKey}');`,
      '',
      'async function sendWelcome(to) {',
      "  return mailjet.post('send', { version: 'v3.1' }).request({",
      "    Messages: [{ From: { Email: 'hello@example.com' }, To: [{ Email: to }], Subject: 'Welcome!', TextPart: 'Hi there.' }],",
      '  });',
      '}',
      '',
      'module.exports = { sendWelcome };',
      '',
    ].join('\n'),
  );
  console.log("  src/mail.js:3  const mailjet = Mailjet.apiConnect('<32 hex>', '<32 hex>');  (fake keys)");

  step('git add -A');
  git(appDir, 'add', '-A');
  console.log(git(appDir, 'status', '--short').replace(/^/gm, '  '));

  const headBefore = git(appDir, 'rev-parse', 'HEAD');
  step('git commit -m "Send welcome mails" (the leakgate pre-commit hook runs)\n');
  const commit = run('git', ['commit', '-m', 'Send welcome mails'], { cwd: appDir, show: true, allowFailure: true });
  const headAfter = git(appDir, 'rev-parse', 'HEAD');

  console.log('');
  if (commit.status !== 0 && headAfter === headBefore) {
    console.log(bold(`✔ The commit was blocked (git commit exited ${commit.status}); HEAD is still ${headBefore.slice(0, 7)}.`));
    exitCode = 0;
  } else if (commit.status === 0) {
    console.log(bold(`✘ The commit was NOT blocked: HEAD moved ${headBefore.slice(0, 7)} → ${headAfter.slice(0, 7)}.`));
  } else {
    console.log(bold(`✘ git commit exited ${commit.status} but HEAD moved ${headBefore.slice(0, 7)} → ${headAfter.slice(0, 7)}.`));
  }
} catch (error) {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  if (keep) {
    console.log(`Temporary folder kept: ${workDir} (the demo repository is ${appDir}).`);
  } else {
    rmSync(workDir, { recursive: true, force: true });
    console.log(`Temporary folder ${workDir} removed (run with --keep to keep it).`);
  }
}
process.exitCode = exitCode;
