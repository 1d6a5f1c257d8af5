#!/usr/bin/env node
// npm run bench: builds first (package.json), then runs every benchmark of this folder in turn.
// Arguments are passed on, e.g. npm run bench -- --runs 30
import { main as precommit } from './precommit.mjs';

const benches = [['pre-commit', precommit]];
let failed = 0;
for (const [name, run] of benches) {
  try {
    if ((await run(process.argv.slice(2))) !== 0) failed++;
  } catch (error) {
    console.error(`bench ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;
