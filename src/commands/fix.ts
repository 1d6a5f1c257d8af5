import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { detectorFor } from '../config/detectorFor';
import { isLegacyFingerprint } from '../detect/fingerprint';
import type { Detector } from '../detect/detector';
import type { Finding } from '../detect/types';
import { EXIT, UsageError } from '../errors';
import { appendLines, envLine, envValues, exampleLines } from '../fix/envFiles';
import { diffText } from '../fix/diffText';
import { type FileRewrite, type FindingTarget, rewriteFile } from '../fix/rewriteFile';
import { targetOf } from '../fix/fixable';
import { type IndexEntry, indexEntryOf, isIgnored, isInIndex, stagePaths, stageText, unstagedLineRanges } from '../git/indexEdits';
import { Repository } from '../git/repository';
import { messages } from '../messages';
import { type BackupFile, saveFixBackup } from '../state/fixBackup';
import { readLastRun } from '../state/lastRun';
import { result, type CommandResult, type Io } from './io';

const FINGERPRINT = /^(.+):[a-z0-9]+(?:-[a-z0-9]+)*:v2-[0-9a-f]{16}$/;
const ENV = '.env';
const ENV_EXAMPLE = '.env.example';
const GITIGNORE = '.gitignore';

/** One file as leakgate fix finds it: its staged copy, its work-tree copy, the findings to fix in each. */
interface FileState {
  path: string;
  entry?: IndexEntry;
  indexBytes?: Buffer;
  indexText?: string;
  workBytes?: Buffer;
  workText?: string;
  indexFindings: Finding[];
  workFindings: Finding[];
  indexRewrite?: FileRewrite | undefined;
  workRewrite?: FileRewrite | undefined;
}

/**
 * `leakgate fix [paths… | fingerprints…] [--dry-run]`: rewrites each secret of the last blocked
 * run (or of the files or fingerprints named) to read its environment variable, moves the value
 * to the git-ignored .env, lists the name in .env.example and restages. The value is read again
 * from the files and checked by the detector: the last-run record holds fingerprints only.
 */
export async function fix(targets: readonly string[], dryRun: boolean, io: Io): Promise<CommandResult> {
  const repo = await Repository.open(io.cwd, io.env);
  const fingerprints = targets.filter((target) => FINGERPRINT.test(target));
  const paths = targets.filter((target) => !FINGERPRINT.test(target)).map((target) => repoPath(repo.root, io.cwd, target));
  if (targets.length === 0) {
    fingerprints.push(
      ...readLastRun(repo.gitDir)
        .map((finding) => finding.fingerprint)
        .filter((fingerprint) => !isLegacyFingerprint(fingerprint)),
    );
    if (fingerprints.length === 0) throw new UsageError(messages.fix.noTargets);
  }
  if (await isInIndex(repo.root, ENV)) throw new UsageError(messages.fix.envTracked);

  const { detector } = detectorFor(repo.root, { gitDir: repo.gitDir });
  const wanted = new Set(fingerprints);
  const wholeFiles = new Set(paths);
  const files: FileState[] = [];
  const fingerprintPaths = fingerprints.map((fingerprint) => FINGERPRINT.exec(fingerprint)![1]!);
  // A fingerprint names a path inside the repository, as git wrote it: never one that climbs out.
  const outside = fingerprintPaths.find((path) => path.startsWith('/') || path.split('/').includes('..'));
  if (outside !== undefined) throw new UsageError(messages.fix.notAFile(outside));
  for (const path of new Set([...paths, ...fingerprintPaths])) {
    const state = await readFile(repo, detector, path, (finding) => wholeFiles.has(path) || wanted.has(finding.fingerprint));
    if (state) files.push(state);
    else if (wholeFiles.has(path)) throw new UsageError(messages.fix.notAFile(path));
  }
  for (const file of files) await refuseUnstagedOverlap(repo.root, file);
  const findings = new Map(files.flatMap((file) => [...file.indexFindings, ...file.workFindings]).map((f) => [f.fingerprint, f]));
  // Bytes that are not UTF-8 cannot be rewritten as text without garbling them: named, never touched.
  const notText = files
    .filter((file) => (file.indexBytes && file.indexText === undefined) || (file.workBytes && file.workText === undefined))
    .map((file) => messages.fix.leftAloneFile(file.path, messages.fix.reason.notUtf8));
  if (findings.size === 0 && notText.length === 0) return result(EXIT.clean, `${messages.fix.nothingFound}\n`);

  const existingEnv = existsSync(join(repo.root, ENV)) ? readFileSync(join(repo.root, ENV), 'utf8') : undefined;
  // The values to store, name → value: the only place they go.
  const stored = planRewrites(files, envValues(existingEnv ?? ''));
  const fixed = new Set(
    files.flatMap((file) => [file.indexRewrite, file.workRewrite].flatMap((rewrite) => rewrite?.fixed.map((f) => f.fingerprint) ?? [])),
  );
  const refused = new Map<string, string>();
  for (const file of files)
    for (const rewrite of [file.indexRewrite, file.workRewrite])
      for (const { fingerprint, reason } of rewrite?.refused ?? []) if (!fixed.has(fingerprint)) refused.set(fingerprint, reason);

  const out: string[] = [];
  const changed = files.filter((file) => file.indexRewrite?.changes.length || file.workRewrite?.changes.length);
  out.push(fixed.size ? messages.fix.heading(fixed.size, changed.length, dryRun) : messages.fix.noneFixable);
  if (changed.length) out.push('');
  for (const file of changed) {
    const shown = file.indexRewrite?.changes.length ? file.indexRewrite : file.workRewrite!;
    const secrets = [...file.indexFindings, ...file.workFindings].flatMap((finding) => finding.spans.map((span) => span.secret));
    out.push(diffText(file.path, shown.changes, secrets));
  }
  if (fixed.size) {
    const storage = await storagePlan(repo.root, stored, existingEnv);
    if (!dryRun) {
      const backup = saveFixBackup(repo.gitDir, backupsOf(changed));
      await apply(repo.root, changed, storage);
      out.push(...summaryLines(changed, storage, dryRun), messages.fix.backup(relative(repo.root, backup).split(sep).join('/')));
    } else out.push(...summaryLines(changed, storage, dryRun));
  }
  if (refused.size || notText.length) {
    out.push('', messages.fix.leftAloneHeading, ...notText);
    for (const [fingerprint, reason] of refused) {
      const finding = findings.get(fingerprint)!;
      out.push(messages.fix.leftAlone(`${finding.path}:${finding.spans[0]?.line ?? 1}`, finding.ruleId, reason));
    }
  }
  return result(refused.size || notText.length ? EXIT.findings : EXIT.clean, `${out.join('\n')}\n`);
}

/** What leakgate fix writes beside the code: .env, .gitignore, .env.example, and what it stages. */
interface StoragePlan {
  stored: ReadonlyMap<string, string>;
  existingEnv: string | undefined;
  newEntries: [string, string][];
  addIgnore: boolean;
  exampleText: string;
  exampleAdd: string[];
  stageExample: boolean;
}

async function storagePlan(root: string, stored: ReadonlyMap<string, string>, existingEnv: string | undefined): Promise<StoragePlan> {
  const existing = envValues(existingEnv ?? '');
  const exampleText = readOr(join(root, ENV_EXAMPLE));
  const exampleAdd = exampleLines(exampleText, [...stored.keys()]);
  return {
    stored,
    existingEnv,
    newEntries: [...stored].filter(([name]) => !existing.has(name)),
    addIgnore: !(await isIgnored(root, ENV)),
    exampleText,
    exampleAdd,
    stageExample: exampleAdd.length > 0 && !(await isIgnored(root, ENV_EXAMPLE)),
  };
}

function alsoStaged(storage: StoragePlan): string[] {
  return [...(storage.addIgnore ? [GITIGNORE] : []), ...(storage.stageExample ? [ENV_EXAMPLE] : [])];
}

/** Writes the value to .env first, then the files that no longer hold it, then the index. */
async function apply(root: string, changed: readonly FileState[], storage: StoragePlan): Promise<void> {
  writeEnv(root, storage.existingEnv, storage.newEntries);
  if (storage.addIgnore) writeFileSync(join(root, GITIGNORE), appendLines(readOr(join(root, GITIGNORE)), [ENV]));
  if (storage.exampleAdd.length) writeFileSync(join(root, ENV_EXAMPLE), appendLines(storage.exampleText, storage.exampleAdd));
  for (const file of changed) {
    if (file.workRewrite?.changes.length) writeFileSync(join(root, file.path), file.workRewrite.text);
    if (file.entry && file.indexRewrite?.changes.length) await stageText(root, file.path, file.entry.mode, file.indexRewrite.text);
  }
  await stagePaths(root, alsoStaged(storage));
}

function summaryLines(changed: readonly FileState[], storage: StoragePlan, dryRun: boolean): string[] {
  const lines = [messages.fix.envWritten([...storage.stored.keys()].join(', '), storage.existingEnv === undefined, dryRun)];
  if (storage.addIgnore) lines.push(messages.fix.gitignoreAdded(dryRun));
  if (storage.exampleAdd.length) {
    const names = storage.exampleAdd.map((line) => line.slice(0, -1)).join(', ');
    lines.push(messages.fix.exampleAdded(names, storage.stageExample, dryRun));
  }
  for (const file of changed) {
    const note = (file.indexRewrite ?? file.workRewrite)?.language?.note;
    if (note) lines.push(messages.fix.languageNote(file.path, note));
  }
  if (dryRun) return lines;
  const staged = [...changed.filter((file) => file.indexRewrite?.changes.length).map((file) => file.path), ...alsoStaged(storage)];
  if (staged.length) lines.push(messages.fix.staged(staged.join(', ')));
  // An untracked file, or a secret only in the work tree (`git commit -a` takes it from there): not staged.
  const workOnly = changed.filter((file) => !file.indexRewrite?.changes.length).map((file) => file.path);
  if (workOnly.length) lines.push(messages.fix.notStaged(workOnly.join(', ')));
  return lines;
}

/** A path given on the command line, relative to the repository root with forward slashes. */
function repoPath(root: string, cwd: string, given: string): string {
  const path = relative(root, resolve(cwd, given));
  if (path.startsWith('..') || path === '') throw new UsageError(messages.fix.notAFile(given));
  return path.split(sep).join('/');
}

/** The file's staged and work-tree copies and the findings in each; undefined when it has neither. */
async function readFile(
  repo: Repository,
  detector: Detector,
  path: string,
  select: (finding: Finding) => boolean,
): Promise<FileState | undefined> {
  const entry = await indexEntryOf(repo.root, path);
  // A symbolic link or a submodule holds no code to rewrite.
  const indexEntry = entry && /^100[67]/.test(entry.mode) ? entry : undefined;
  const indexBytes = indexEntry ? (await repo.readBlobs([indexEntry.sha], Number.MAX_SAFE_INTEGER)).get(indexEntry.sha) : undefined;
  const full = join(repo.root, path);
  const workBytes = existsSync(full) && lstatSync(full).isFile() ? readFileSync(full) : undefined;
  if (!indexBytes && !workBytes) return undefined;
  const indexText = utf8(indexBytes);
  const workText = utf8(workBytes);
  const scan = (text: string | undefined) =>
    text === undefined ? [] : detector.scanFile({ path, chunks: [{ startLine: 1, text }] }).filter(select);
  const indexFindings = scan(indexText);
  return {
    path,
    ...(indexEntry ? { entry: indexEntry } : {}),
    ...(indexBytes ? { indexBytes } : {}),
    ...(indexText !== undefined ? { indexText } : {}),
    ...(workBytes ? { workBytes } : {}),
    ...(workText !== undefined ? { workText } : {}),
    indexFindings,
    workFindings: workText === indexText ? indexFindings : scan(workText),
  };
}

/** The text of UTF-8 bytes, or undefined when they are not UTF-8 (rewriting would garble them). */
function utf8(bytes: Buffer | undefined): string | undefined {
  if (!bytes) return undefined;
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

/** Refuses (nothing changed yet) when an unstaged change touches a line that holds a staged secret. */
async function refuseUnstagedOverlap(root: string, file: FileState): Promise<void> {
  if (!file.entry || file.indexText === undefined || file.workText === file.indexText || file.indexFindings.length === 0) return;
  const ranges = file.workBytes ? await unstagedLineRanges(root, file.path) : [[1, Number.MAX_SAFE_INTEGER] as [number, number]];
  const touched = file.indexFindings
    .flatMap((finding) => finding.spans.map((span) => span.line))
    .filter((line) => ranges.some(([from, to]) => from <= line && line <= to));
  if (touched.length) throw new UsageError(messages.fix.unstagedSameLines(file.path, [...new Set(touched)].join(', ')));
}

function targetsOf(findings: readonly Finding[]): FindingTarget[] {
  return findings.map(targetOf);
}

/**
 * Rewrites every file until the values agree: a finding whose variable .env (or another finding)
 * already holds with another value, or that one copy of a file could not rewrite, is left alone in
 * both copies. Returns the variables to store, name → value.
 */
function planRewrites(files: FileState[], existing: ReadonlyMap<string, string>): Map<string, string> {
  const exclude = new Map<string, string>();
  for (;;) {
    const stored = new Map<string, string>();
    const found = new Map<string, string>();
    for (const file of files) {
      file.indexRewrite =
        file.entry && file.indexText !== undefined
          ? rewriteFile(file.path, file.indexText, targetsOf(file.indexFindings), exclude)
          : undefined;
      file.workRewrite =
        file.workText === undefined
          ? undefined
          : file.workText === file.indexText && file.indexRewrite
            ? file.indexRewrite
            : rewriteFile(file.path, file.workText, targetsOf(file.workFindings), exclude);
      for (const rewrite of [file.indexRewrite, file.workRewrite]) {
        for (const { fingerprint, reason } of rewrite?.refused ?? []) if (!exclude.has(fingerprint)) found.set(fingerprint, reason);
        for (const { fingerprint, stored: values } of rewrite?.fixed ?? []) {
          for (const { name, value } of values) {
            const reason =
              existing.has(name) && existing.get(name) !== value
                ? messages.fix.reason.envConflict(name)
                : stored.has(name) && stored.get(name) !== value
                  ? messages.fix.reason.nameTaken(name)
                  : envLine(name, value) === undefined
                    ? messages.fix.reason.unquotable
                    : undefined;
            if (reason) found.set(fingerprint, reason);
            else stored.set(name, value);
          }
        }
      }
    }
    // A refusal in one copy of a file holds for the other; stop once no new refusal appears.
    const fresh = [...found].filter(([fingerprint]) => !exclude.has(fingerprint) && isFixedSomewhere(files, fingerprint));
    if (fresh.length === 0) return stored;
    for (const [fingerprint, reason] of fresh) exclude.set(fingerprint, reason);
  }
}

function isFixedSomewhere(files: readonly FileState[], fingerprint: string): boolean {
  return files.some((file) =>
    [file.indexRewrite, file.workRewrite].some((rewrite) => rewrite?.fixed.some((f) => f.fingerprint === fingerprint)),
  );
}

function backupsOf(files: readonly FileState[]): BackupFile[] {
  return files.flatMap((file) => [
    ...(file.indexBytes && file.indexRewrite?.changes.length
      ? [{ path: file.path, copy: 'index' as const, content: file.indexBytes }]
      : []),
    ...(file.workBytes && file.workRewrite?.changes.length
      ? [{ path: file.path, copy: 'worktree' as const, content: file.workBytes }]
      : []),
  ]);
}

/** Appends the new variables to .env, created readable only by the user. */
function writeEnv(root: string, existing: string | undefined, entries: readonly [string, string][]): void {
  const lines = entries.map(([name, value]) => envLine(name, value)!);
  writeFileSync(join(root, ENV), appendLines(existing ?? '', lines), existing === undefined ? { mode: 0o600 } : {});
}

function readOr(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
