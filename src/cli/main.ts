#!/usr/bin/env node
import { fstatSync, writeSync } from 'node:fs';
import type * as V8 from 'node:v8';
import { packageVersion } from '../packageInfo';
import type { CommandResult, Io } from '../commands/io';
import { ignore } from '../commands/ignore';
import { fix } from '../commands/fix';
import { incident } from '../commands/incident';
import { install, uninstall } from '../commands/install';
import { preCommit } from '../commands/preCommit';
import { prePush } from '../commands/prePush';
import { baseline } from '../commands/baseline';
import { explainRule, listRules } from '../commands/rulesInfo';
import { scan } from '../commands/scan';
import { commitMsg } from '../commands/commitMsg';
import { doctor } from '../commands/doctor';
import { importConfigs } from '../commands/import';
import { EXIT, LeakgateError } from '../errors';
import { messages } from '../messages';
import { parseCommandLine, type Invocation } from './args';
import { helpFor } from './help';
import { TimeBudget } from '../runtime/timeBudget';
import { DEFAULT_TIME_BUDGET } from '../config/userConfig';
import { isScanWorker, runScanWorker, setScanWorkerEntry } from '../session/scanPool';
import { terminalSafeOutput } from '../report/terminalSafe';
import { takeNotices } from '../report/notices';

const HOOK_COMMANDS = new Set(['pre-commit', 'pre-push', 'commit-msg']);
/**
 * Commands that judge a whole tree or history in one cold process. V8's optimizing compiler
 * runs on the second core, which git and the scan's worker need: without inlining it compiles
 * less, and the scan spends less CPU in all (bench/NOTES.md, "Floors"). Not for the hooks: their
 * code cache is valid only under the flags it was made with.
 */
const LONG_SCANS = new Set(['scan', 'incident']);

/** Runs one command line to a result; never throws, never exits (the bin does that). */
export async function run(argv: readonly string[], io: Io): Promise<CommandResult> {
  let debug = argv.includes('--debug');
  let command = argv[0];
  try {
    const parsed = parseCommandLine(argv);
    debug = parsed.debug;
    command = parsed.invocation.command;
    if (HOOK_COMMANDS.has(command) && io.env.LEAKGATE === '0') {
      return { exitCode: EXIT.clean, stdout: '', stderr: `${messages.skippedByEnvironment}\n` };
    }
    if (HOOK_COMMANDS.has(command) && !io.budget) io.budget = new TimeBudget(DEFAULT_TIME_BUDGET);
    return await dispatch(parsed.invocation, io);
  } catch (error) {
    return failure(error, command, debug);
  }
}

async function dispatch(invocation: Invocation, io: Io): Promise<CommandResult> {
  switch (invocation.command) {
    case 'help':
      if (invocation.bare)
        return { exitCode: EXIT.error, stdout: '', stderr: `${helpFor(undefined)}\n${messages.errorPrefix} ${messages.bareCommand}\n` };
      return { exitCode: EXIT.clean, stdout: helpFor(invocation.topic), stderr: '' };
    case 'version':
      return { exitCode: EXIT.clean, stdout: `${packageVersion()}\n`, stderr: '' };
    case 'pre-commit':
      return preCommit(io);
    case 'pre-push':
      return prePush(invocation, io);
    case 'baseline':
      return baseline(invocation.file, io);
    case 'scan':
      return scan(invocation, io);
    case 'install':
      return install(io, { force: invocation.force });
    case 'uninstall':
      return uninstall(io);
    case 'ignore':
      return ignore(
        {
          fingerprints: invocation.fingerprints,
          last: invocation.last,
          all: invocation.all,
          list: invocation.list,
          ...(invocation.reason !== undefined ? { reason: invocation.reason } : {}),
          ...(invocation.until !== undefined ? { until: invocation.until } : {}),
        },
        io,
      );
    case 'fix':
      return fix(invocation.targets, invocation.dryRun, io);
    case 'incident':
      return incident(invocation, io);
    case 'rules':
      return listRules();
    case 'explain':
      return explainRule(invocation.id);
    case 'commit-msg':
      return commitMsg(invocation.file, io);
    case 'doctor':
      return doctor(io);
    case 'import':
      return importConfigs(invocation, io);
  }
}

function failure(error: unknown, command: string | undefined, debug: boolean): CommandResult {
  const known = error instanceof LeakgateError;
  const text = known ? error.message : messages.internalError(error instanceof Error ? error.message : String(error));
  const lines = [`${messages.errorPrefix} ${text}`];
  if (known && error.hint) lines.push(error.hint);
  if (command === 'pre-commit' || command === 'commit-msg') lines.push(messages.bypassCommit);
  if (command === 'pre-push') lines.push(messages.bypassPush);
  if (debug && error instanceof Error && error.stack) lines.push(error.stack);
  else if (!known) lines.push(messages.debugHint);
  return { exitCode: EXIT.error, stdout: '', stderr: `${lines.join('\n')}\n` };
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/** The command line, from the launcher (dist/leakgate.js) or when this file is run itself. */
export function cliMain(): void {
  setScanWorkerEntry(__filename);
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    // Asked only when there is a report to colour: loading the tty module (it brings net along)
    // is a hook's time (bench/NOTES.md), and a passing commit prints nothing.
    get stdoutIsTTY() {
      return isTerminal(1);
    },
    get stderrIsTTY() {
      return isTerminal(2);
    },
    readStdin,
    // Leakgate's own text (counts and rates), drawn in place while a long scan runs.
    writeProgress: (text) => writeAll(2, text),
  };
  const command = process.argv[2] ?? '';
  // Loaded here only: a hook never pays for node:v8.
  if (LONG_SCANS.has(command)) (require('node:v8') as typeof V8).setFlagsFromString('--no-turbo-inlining');
  // Only `ignore` asks questions; nothing else touches the terminal's input.
  const terminal = command === 'ignore' ? terminalQuestions() : undefined;
  if (terminal) {
    io.stdinIsTTY = isTerminal(0);
    io.ask = terminal.ask;
  }
  let budgetTimer: NodeJS.Timeout | undefined;
  if (HOOK_COMMANDS.has(command)) {
    io.budget = new TimeBudget(DEFAULT_TIME_BUDGET);
    // The scan checks the budget itself; this covers the time spent waiting on git.
    budgetTimer = setInterval(() => {
      if (!io.budget!.expired()) return;
      process.stderr.write(
        `${messages.errorPrefix} ${terminalSafeOutput(io.budget!.message())}\n${command === 'pre-push' ? messages.bypassPush : messages.bypassCommit}\n`,
      );
      process.exit(EXIT.error);
    }, 200).unref();
  }
  // Ctrl-C and SIGTERM keep their default action, which ends the process at once: a JavaScript
  // handler only runs when the event loop gets a turn, never while a regex is running. Every file
  // leakgate writes is written whole and renamed into place, so stopping anywhere leaves nothing
  // half-done.
  void run(process.argv.slice(2), io).then(({ exitCode, stdout, stderr }) => {
    terminal?.close();
    // The verdict is in: a budget that runs out while the process winds down (a git child still
    // being reaped) must not print a second verdict.
    clearInterval(budgetTimer);
    // Every text names files, commits or config values; none may drive the terminal.
    writeAll(1, terminalSafeOutput(stdout));
    writeAll(2, terminalSafeOutput(takeNotices() + stderr));
    process.exitCode = exitCode;
  });
}

/** Questions on stderr, answers from standard input, one line each; undefined once input ends. */
function terminalQuestions(): { ask(text: string): Promise<string | undefined>; close(): void } {
  let lines: import('node:readline').Interface | undefined;
  let ended = false;
  return {
    ask(text) {
      if (!lines) {
        lines = (require('node:readline') as typeof import('node:readline')).createInterface({
          input: process.stdin,
          output: process.stderr,
        });
        lines.once('close', () => {
          ended = true;
        });
      }
      const current = lines;
      return new Promise((resolve) => {
        if (ended) return resolve(undefined);
        const onClose = () => resolve(undefined);
        current.once('close', onClose);
        current.question(terminalSafeOutput(text), (answer) => {
          current.off('close', onClose);
          resolve(answer);
        });
      });
    },
    close() {
      lines?.close();
    },
  };
}

function isTerminal(fd: number): boolean {
  // A terminal is a character device: a pipe or a file (how git, CI and the bench run hooks) is
  // told apart without loading node:tty, which brings node:net with it (bench/NOTES.md).
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}

/**
 * Writes the whole text before returning. process.stdout would first build a stream around
 * the descriptor (a hook's start-up time, for one write at the end: bench/NOTES.md).
 */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A descriptor someone left non-blocking: wait for the reader a moment and go on.
      if (code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      // The reader is gone (`leakgate scan | head`), or the descriptor is unusable: nowhere to write.
      else return;
    }
  }
}

if (isScanWorker()) runScanWorker();
else if (require.main === module) cliMain();
