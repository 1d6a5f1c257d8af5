import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LeakgateError, EXIT } from '../errors';
import { Repository } from '../git/repository';
import { messages } from '../messages';
import { tryGit } from '../git/gitRunner';
import { messageFile } from '../detect/messageFragments';
import { ScanSession } from '../session/scanSession';
import { messageSource } from '../sources/fromMessages';
import { recordLastRun } from '../state/lastRun';
import { detectorFor } from '../config/detectorFor';
import { result, type CommandResult, type Io } from './io';
import { reportOf } from './reporting';

/**
 * `leakgate commit-msg <file>`: scans the message git is about to commit (the commit-msg hook
 * passes the file) with the same detector as pre-commit; silent when clean.
 */
export async function commitMsg(file: string, io: Io): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd, io.env);
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new LeakgateError(messages.cannotReadMessageFile(file, (error as NodeJS.ErrnoException).code ?? 'unreadable'));
  }
  const setup = detectorFor(repo.root, { gitDir: repo.gitDir, ...(io.budget ? { budget: io.budget } : {}) });
  const source = messageSource(messageFile(await asCommitted(text, repo.root, io.env)));
  const scan = await new ScanSession(setup, io.budget).scan(source, messages.phaseCommitMessage);
  if (scan.findings.length === 0) return result(EXIT.clean);
  const notRecorded = recordLastRun(repo.gitDir, scan.findings);
  const report = reportOf('text', io, 'stderr').render({
    mode: 'commit-msg',
    findings: scan.findings,
    skipped: scan.skipped,
    scanned: scan.scanned,
    commitMsg: { file },
  });
  return result(EXIT.findings, '', report + notRecorded);
}

const SCISSORS = ' ------------------------ >8 ------------------------\n';

/**
 * The message as git will commit it, lines git drops blanked (line numbers still match the
 * file). Only what git surely drops is left out; when in doubt a line is judged (fails closed).
 * git cleans a message by `commit.cleanup`; its default strips comments only when an editor was
 * used, and git tells hooks no editor runs by setting GIT_EDITOR=":". Then nothing is dropped,
 * and no git process is needed.
 */
export async function asCommitted(text: string, root: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.GIT_EDITOR === ':') return text;
  const config = await cleanupConfig(root);
  const cleanup = config.get('commit.cleanup') ?? 'default';
  if (cleanup !== 'default' && cleanup !== 'strip' && cleanup !== 'scissors') return text;
  const setting = config.get('core.commentstring') ?? config.get('core.commentchar') ?? '#';
  // "auto": git chose a character this message does not start a line with; which is unknown here.
  const prefix = setting === 'auto' ? undefined : setting;
  // An edited message is cut at the scissors line (the diff of `commit -v` follows it).
  const cut = scissorsAt(text, prefix);
  const kept = cut === -1 ? text : text.slice(0, cut);
  if (cleanup === 'scissors' || prefix === undefined || prefix === '') return kept;
  return kept
    .split('\n')
    .map((line) => (line.startsWith(prefix) ? '' : line))
    .join('\n');
}

function scissorsAt(text: string, prefix: string | undefined): number {
  for (let at = text.indexOf(SCISSORS); at !== -1; at = text.indexOf(SCISSORS, at + 1)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lead = text.slice(lineStart, at);
    if (prefix === undefined ? lead.length === 1 : lead === prefix) return lineStart;
  }
  return -1;
}

/** commit.cleanup and the comment prefix, in one git process (keys lower-cased, as git prints them). */
async function cleanupConfig(root: string): Promise<Map<string, string>> {
  const output = await tryGit(root, ['config', '-z', '--get-regexp', '^(commit\\.cleanup|core\\.commentchar|core\\.commentstring)$']);
  const values = new Map<string, string>();
  for (const record of (output ?? '').split('\0')) {
    const newline = record.indexOf('\n');
    if (newline > 0) values.set(record.slice(0, newline).toLowerCase(), record.slice(newline + 1));
  }
  return values;
}
