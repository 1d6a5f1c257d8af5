/** Every sentence leakgate says to a user lives here, so wording stays consistent and reviewable. */

import type { SkipReason } from './io/scanTotals';

export const SECRETS_MANAGERS =
  'AWS Secrets Manager (aws secretsmanager get-secret-value --secret-id <name>), HashiCorp Vault (vault kv get -field=value secret/<name>) or CyberArk Conjur (conjur variable get -i <name>)';

export const messages = {
  // The scan commands and what they read (commands/preCommit, prePush, scan, commitMsg; sources/; session/).
  prePushNeedsRemote: 'pre-push needs the remote git passes to the hook: leakgate pre-push <remote> <url> (refs on standard input).',
  prePushNoRefs:
    'git passed no refs on standard input, so leakgate cannot tell what this push sends (a hook wrapper that does not forward its input?).',
  prePushNoRefsHint: 'The hooks leakgate installs skip pushes that send nothing; run pre-push only from a pre-push hook.',
  frameworkPushUnresolved: (localRef: string) =>
    `the pre-commit framework names ${localRef} as the pushed ref, but it names no commit here, so leakgate cannot tell what this push sends.`,
  pushDeletion: (remoteRef: string) => `leakgate: ${remoteRef}: deletion, nothing to scan`,
  pushRefScanned: (localRef: string, remoteRef: string, kind: string, commits: number, bytes: number) =>
    `leakgate: ${localRef} → ${remoteRef} (${kind}): ${plural(commits, 'commit')}, ${formatBytes(bytes)} of added text scanned`,
  stagedWithHistory: '--staged and --history cannot be combined.',
  modeNeedsRepository: (mode: 'staged' | 'history') => `--${mode} needs a git repository.`,
  configFromNeedsRepository: '--config-from needs a git repository.',
  acceptConfigChangeNeedsHistory: '--accept-config-change applies to --history scans (config changes are judged per commit).',
  cannotWriteOutput: (file: string, code: string) => `cannot write ${file} (${code}).`,
  cannotReadMessageFile: (file: string, code: string) => `cannot read the commit message file ${file} (${code}).`,
  noSuchPath: (given: string) => `${given}: no such file or directory.`,
  blobMissing: (path: string, sha: string, corrupt: boolean) =>
    `git cannot read the content of ${path} (object ${sha.slice(0, 12)} is missing${corrupt ? ' or corrupt' : ''}), so leakgate cannot scan it.`,
  scanWorkerStopped: (code: number) => `a scan worker stopped (exit code ${code}) before it finished.`,
  phaseStaged: 'scanning the staged changes',
  phaseCommitMessage: 'scanning the commit message',
  phaseCommits: (count: number) => `scanning ${plural(count, 'commit')}`,
  phaseFiles: 'scanning files',
  phaseListingPush: 'listing the commits this push sends',

  // The command line (cli/args.ts, cli/main.ts).
  unknownCommand: (command: string, commands: readonly string[], suggestion?: string) =>
    `unknown command "${command}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Commands: ${commands.join(', ')} (leakgate --help).`,
  badOption: (command: string, problem: string, suggestion?: string) =>
    `${command}: ${problem}${suggestion ? `; did you mean ${suggestion}?` : ''} (leakgate ${command} --help).`,
  bareCommand: 'leakgate needs a command (see the list above).',
  prePushArguments: 'pre-push takes the remote and the URL git passes to the hook.',
  formatChoice: (format: string) => `--format must be text, json or sarif, not "${format}".`,
  stagedTakesNoPaths: '--staged scans the index; it takes no paths.',
  baselineArguments: 'baseline takes at most one file.',
  commitMsgArguments: 'commit-msg takes the message file git passes to the hook.',
  explainArguments: 'explain takes one rule id.',
  skippedByEnvironment: 'leakgate: skipped (LEAKGATE=0).',
  internalError: (detail: string) => `internal error: ${detail}`,

  // ignore, baseline, rules and explain (commands/ignore.ts, baseline.ts, rulesInfo.ts).
  noLastRun: 'there is no blocked run to take fingerprints from (`--last` reads the last blocked commit, push or scan).',
  expectedDay: 'expected a day written YYYY-MM-DD',
  ignoreUntilNotADay: (quoted: string) => `--until ${quoted} is not a day: write it YYYY-MM-DD (e.g. 2027-01-31).`,
  ignoreUntilPast: (day: string) => `--until ${day} is already past: the finding would block again at once.`,
  ignoreAllNeedsLast: '--all takes every finding of the last blocked run: use it with --last.',
  ignoreLastNeedsChoice: (count: number, leakgate: string) =>
    `ignore --last would allowlist ${plural(count, 'finding')} of the last blocked run, and there is no terminal to ask which. Run it in a terminal to pick them, or say so: ${leakgate} ignore --last --all --reason "<why>" (or name fingerprints).`,
  ignoreListHeading: (count: number) => `The last blocked run found ${plural(count, 'secret')} (redacted):`,
  ignoreChoice: (number: number, finding: { file: string; line: number; rule: string; redacted: string; commit?: string }) =>
    `  ${String(number).padStart(3)}. ${finding.file}${finding.line ? `:${finding.line}` : ''}  ${finding.rule}${finding.redacted ? `  ${finding.redacted}` : ''}${finding.commit ? `  (commit ${finding.commit})` : ''}`,
  ignoreWhich: 'Ignore which? all, none, or numbers such as 1,3-5: ',
  ignoreWhichAgain: (count: number) => `Answer all, none, or numbers from 1 to ${count} such as 1,3-5: `,
  ignoreNoSelection: 'no findings picked: nothing was ignored.',
  ignoredNothing: 'leakgate: nothing ignored.',
  ignoreWhy: 'Why are they not secrets, or acceptable? (recorded with your name): ',
  ignoreNeedsReason: 'a reason is needed to ignore findings (it is recorded beside them); nothing was ignored.',
  ignoredUntil: (day: string) => `Ignored until ${day}; from the day after, it blocks again.`,
  ignoreExpired: (day: string) => `Expired on ${day}: it blocks again.`,
  ignoreListEmpty: (where: string) => `leakgate: nothing is ignored in ${where}.`,
  ignoreListHeader: (count: number, where: string) => `${plural(count, 'ignored fingerprint')} in ${where}:`,
  ignoreNoRecord: '(recorded without a reason, by an older leakgate or by hand)',
  ignoreReasonLine: (reason: string | undefined) => `reason: ${reason ?? '(none given)'}`,
  ignoreByLine: (by: string | undefined, at: string | undefined) => `by ${by ?? '(unknown)'}${at ? ` on ${at.slice(0, 10)}` : ''}`,
  ignoreNeedsFingerprints: 'ignore needs fingerprints (as printed in a report), --last, or --list.',
  notAFingerprint: (quoted: string) => `not a fingerprint: ${quoted} (expected path:rule-id:v2-16 hex digits, as printed in a report).`,
  fingerprintsAdded: (count: number, where: string, dropped: number) =>
    `leakgate: added ${plural(count, 'fingerprint')} to ${where}.${dropped ? ` Removed ${plural(dropped, 'old-format fingerprint')} (they matched nothing).` : ''} Commit that file so your team shares it.`,
  baselineWritten: (count: number, file: string) =>
    `leakgate: baseline of ${plural(count, 'finding')} written to ${file} (fingerprints only, no secrets).`,
  baselinePassIt: (file: string) => `Pass it to scans with --baseline ${file}.`,
  baselineReadByAll: 'Hooks and scans read it automatically.',
  explainNeedsId: 'explain needs a rule id, e.g. `leakgate explain mailjet-api-key` (`leakgate rules` lists them).',
  noSuchRule: (quoted: string, suggestion?: string) =>
    `no rule ${quoted}${suggestion ? `; did you mean ${suggestion}?` : ''} (\`leakgate rules\` lists them).`,
  rulesSummary: (rules: number, providers: number, pairs: number) =>
    `${rules} rules for ${providers} providers, ${pairs} pairs. \`leakgate explain <id>\` prints one rule's guide.`,
  explainPair: (halves: readonly string[]) => `Reported once when both halves are in one file: ${halves.join(' + ')}.`,
  explainWhy: (why: string) => `Why it matters: ${why}`,
  explainEnv: (envVar: string) => `Read it from the environment: ${envVar}`,
  explainSecretsManager: `Or from a secrets manager: ${SECRETS_MANAGERS}.`,
  explainRevoke: (revoke: string) => `Revoke and rotate: ${revoke}`,
  explainInvestigate: (investigate: string) => `Check whether it was used: ${investigate}`,
  explainDocs: (docs: string) => `Docs: ${docs}`,
  explainDashboard: (dashboard: string) => `Where: ${dashboard}`,
  explainPath: (glob: string) => `Applies to files matching: ${glob}`,
  explainKeywords: (keywords: readonly string[]) => `Runs on text containing: ${keywords.join(', ')}`,
  regenerateByIgnore: '`leakgate ignore --last` after the next blocked run',

  // incident (commands/incident.ts, report/incidentReport.ts).
  incident: {
    needsTarget: 'incident needs a fingerprint (as printed in a report) or --last: leakgate incident <fingerprint> | --last.',
    formatChoice: (format: string) => `--format must be text or markdown, not "${format}".`,
    phaseHistory: (count: number) => `looking for the secret in ${plural(count, 'commit')}`,
    phaseBlobs: (count: number) => `looking for the secret in ${plural(count, 'file version')}`,
    title: (description: string, ruleId: string, redacted: string) =>
      `leakgate incident: ${description} [${ruleId}]${redacted ? `, ${redacted}` : ''}`,
    fingerprint: (fingerprint: string) => `fingerprint: ${fingerprint}`,
    notFound:
      'Not found in git in this clone: no branch, tag, stash, reflog entry, index entry or work-tree file git sees holds it now. If it was here before a rewrite, a remote or another clone may still have it: revoke it if it was ever pushed or shared.',
    whereHeading: 'Where it is in this clone',
    workTree: (paths: string) => `work tree: ${paths}`,
    index: (paths: string) => `index: ${paths}`,
    ignoredFiles: (paths: string) => `files git ignores (not in git; put the new key there when you rotate): ${paths}`,
    firstCommit: (short: string, subject: string, author: string, date: string, paths: string) =>
      `first commit that added it: ${short} "${subject}" by ${author}, ${date} (${paths})`,
    laterCommits: (count: number) => `later commits that still carry it: ${count}`,
    commitLine: (short: string, subject: string, paths: string) => `${short} "${subject}" (${paths})`,
    andMore: (count: number) => `… and ${count} more`,
    inMessages: (where: string) => `in messages: ${where}`,
    commitMessage: (short: string) => `commit ${short}`,
    tagMessage: (tag: string) => `tag ${tag}`,
    branches: (names: string) => `branches: ${names}`,
    remoteBranches: (names: string) => `remote-tracking branches: ${names}`,
    tags: (names: string) => `tags: ${names}`,
    stashes: (names: string) => `stashes: ${names}`,
    otherRefs: (names: string) => `other refs: ${names}`,
    reflog: (ref: string, count: number, selectors: string) =>
      `reflog of ${ref}: ${count} ${count === 1 ? 'entry' : 'entries'} (${selectors})`,
    pushedHeading: 'Was it pushed?',
    pushed: (remotes: string, refs: string) =>
      `Yes: ${remotes} (${refs}), as far as this clone knows (its last fetch or push; a force push since does not un-push it). Treat the key as leaked: anyone with read access to the remote (and every clone, fork and CI log since) may have it.`,
    onlyLocal:
      'No, only local: no remote-tracking ref of this clone holds it. A key that was never pushed needs no revocation, only a rewrite (below).',
    onlyLocalCaveat: (ruleId: string) =>
      `If it left this machine another way (pasted in a chat, printed in a CI log, a remote this clone has not fetched), revoke it anyway: leakgate explain ${ruleId}.`,
    neverCommitted: 'It was never committed, so no history holds it.',
    rewriteHeading: 'How to rewrite it away (nothing to revoke)',
    rewriteFiles: (paths: string) =>
      `Take it out of ${paths} (or let \`leakgate fix\` move it to .env), then stage the clean file so the index no longer holds it:`,
    rewriteAmend: 'It is in the last commit only: amend that commit with the clean file:',
    rewriteHistory: (refs: string) =>
      `It is in unpushed commits (${refs}): write the old value into a replacements file, then rewrite those refs only (filter-repo replaces it in every commit they reach):`,
    replacementsFile: (file: string) =>
      `Create ${file} outside the repository with one line per value: literal: followed by the old value (filter-repo writes ***REMOVED*** in its place). Type the value yourself: leakgate never prints it. Delete the file once done: it holds the key.`,
    dropStashes: 'Drop the stashes that hold it (highest first, so the numbers stay right):',
    expireReflogs: 'Then let the reflogs and the object store forget the old commits:',
    checklistHeading: 'What to do, in this order',
    stepCreate: (revoke: string) => `Create a new key. ${revoke}`,
    stepStore: (envVars: string, managers: string) =>
      `Put the new key in your secret store: the environment variable ${envVars} (locally in an untracked .env), or a secrets manager: ${managers}.`,
    stepUpdate: 'Update every service that uses the old key (staging first), reading the new one from the secret store.',
    stepDeactivate: (docs: string) => `Deactivate and delete the old key (${docs}), once nothing uses it any more.`,
    stepLogs: (provider: string, from: string, to: string, investigate: string) =>
      `Check ${provider}'s logs for use of the old key between ${from} (the first commit) and now (${to}). ${investigate}`,
    stepLogsNoHistory: (provider: string, to: string, investigate: string) =>
      `Check ${provider}'s logs for use of the old key up to now (${to}). ${investigate}`,
    stepPurge:
      'Purge history where needed, only after revoking: purging does not un-leak (clones, forks, pull-request refs, caches and CI logs keep copies). In a fresh mirror clone of each remote that has it:',
    purgeByPath: 'or, when the whole file is secret, drop the file from history instead:',
    purgePush: 'then push the rewritten history back:',
    purgeAfter:
      'Then have everyone, you included, re-clone (old clones keep the key in their branches, stashes and reflogs) and ask your host to drop cached views of old commits.',
    docs: (docs: string) => `Docs: ${docs}`,
    why: (why: string) => `Why it matters: ${why}`,
  },
  regenerateByBaseline: '`leakgate baseline`',

  // The time budget (runtime/timeBudget.ts).
  overTimeBudget: (elapsed: string, seconds: number, doing: string) =>
    `stopped after ${elapsed} s, over the time budget of ${seconds} s, while ${doing}. Nothing was committed or pushed. Raise "timeBudget" in .leakgate.json if this change is legitimately that large.`,
  scanningWithRule: (path: string, ruleId: string) => `scanning ${path} with rule ${ruleId}`,

  // Config, rules and baseline files that do not validate (errors.ts ConfigError, config/, state/):
  // each problem is "<JSON path>: expected …".
  configInvalid: (file: string) => `${file} is not valid:`,
  configTopLevel: '(top level)',
  expected: (what: string) => `expected ${what}`,
  expectedType: (type: string, got: string | undefined) => `expected ${type}${got === undefined ? ' (missing)' : `, got ${got}`}`,
  expectedOneOf: (values: readonly string[]) => `expected one of ${values.join(', ')}`,
  unknownKeys: (quoted: readonly string[]) =>
    `unknown key${quoted.length > 1 ? 's' : ''} ${quoted.join(', ')} (check the spelling; see the README's config reference)`,
  expectedJson: (where: string) => `expected valid JSON (${where})`,
  jsonSyntaxError: 'syntax error',
  jsonSyntaxErrorAt: (line: number, column: number) => `syntax error at line ${line}, column ${column}`,
  expectedReadableFile: (code: string) => `expected a readable file (${code})`,
  expectedReadableBaseline: (code: string) => `expected a readable baseline file (${code})`,
  expectedUniqueRuleId: (id: string) => `expected a unique id ("${id}" is used twice)`,
  expectedPairHalf: (id: string) => `expected the id of a rule ("${id}" is none)`,
  expectedRuleToDisable: (quoted: string, suggestion?: string) =>
    `expected the id of a rule (${quoted} is none${suggestion ? `; did you mean ${suggestion}?` : ''}; \`leakgate rules\` lists them)`,
  // What zod reports as expected; validate.ts puts "expected " before each.
  sizeText: 'a size such as 1048576, "512KB" or "10MB"',
  sizeAtLeastOneByte: 'a size of at least 1 byte, such as "512KB" or "10MB"',
  globLeavesFiles: 'a glob that leaves files to scan (this one matches every path, so nothing would be scanned)',
  globsLeaveFiles: 'globs that leave files to scan (together these match every path, so nothing would be scanned)',
  kebabCaseId: 'a kebab-case id such as "acme-api-token"',
  regexOrPath: 'a regex (or, for a credential file, a path glob)',
  docsOrDashboard: 'a docs URL, or (when no docs URL is certain) the dashboard where to revoke, in words',
  lowercaseKeyword: 'a lowercase keyword (the prefilter compares lowercased text)',
  asciiKeyword: 'an ASCII keyword (the prefilter folds ASCII letters only)',
  linearRegex: (problem: string) => `a regex in RE2 syntax, which runs in linear time (${problem})`,
  captureGroup: 'a regex with the secret in a capture group, e.g. "token=([A-Za-z0-9]{32})"',
  pinInsideText: "a line and column inside the example's text",
  validJavaScriptRegex: (reason: string) => `a valid JavaScript regular expression (${reason})`,
  noNestedQuantifier: (problem: string) => `a regex that runs in linear time (${problem})`,
  nestedQuantifier: (position: number) =>
    `nested quantifier near position ${position}: a repeated group that contains a repeat can take exponential time`,
  invalidPattern: 'invalid pattern',

  // Never shown unless leakgate has a bug: the user sees them as "internal error: …".
  keywordsNotAscii: 'keywords must be ASCII',
  userRuleNotSticky: 'a user rule is swept, never tried sticky (its keywordOffsets are undefined)',
  pathRuleHasNoRegex: 'a path-only rule has no regex',
  // An errno-style error (code SYMLINK) where the platform has no O_NOFOLLOW; reports give the code.
  symbolicLink: 'symbolic link',

  // Reports, hooks and the other commands.
  /** git's side: failures worded once for every process, whatever started it. `what` completes "leakgate could not …". */
  git: {
    /** What leakgate asked git to do: completes "git failed to …" and "leakgate could not …". */
    task: {
      readStaged: 'read the staged changes',
      readPipedStaged: 'read the staged changes from the hook',
      readAddedFiles: 'read the added files',
      readCommits: 'read the commits',
      readMerges: 'read the merges',
      listConfigCommits: 'list the commits that change the leakgate config',
      readConfig: 'read the leakgate config from git',
      resolveRevision: 'resolve a revision',
      readBinaryFiles: 'read the files git calls binary',
      readSshCommand: 'read core.sshCommand',
      findRepository: 'find the repository',
      checkFirstCommit: 'check for a first commit',
      checkCommitId: 'check a commit id',
      listCommits: 'list the commits to scan',
      checkPushedCommits: 'check the pushed commits',
      listTags: 'list the tags',
      readCommitDetails: 'read commit details',
      listTrackedFiles: 'list tracked files',
      findGitDir: 'find the git directory',
      findHooksDir: 'find the hooks directory',
      askRemote: (remote: string) => `ask ${remote} what it has`,
      readConfigKey: (key: string) => `read ${key}`,
      unsetConfigKey: (key: string) => `unset ${key}`,
      runGit: 'run git',
      planPushFix: 'work out the steps that fix this push',
      readIndexEntry: 'read the index entry of a file',
      readUnstaged: 'compare a file with its staged copy',
      writeBlob: 'store the rewritten file',
      updateIndex: 'stage the rewritten file',
      stageFiles: 'stage .gitignore and .env.example',
      checkIgnored: 'check whether .env is ignored',
      listEveryCommit: 'list every commit of the refs and reflogs',
      listRefs: 'list the refs',
      readReflogs: 'read the reflogs',
      findFileVersions: 'find the versions of the files that hold the secret',
      listRemotes: 'list the remotes',
      listWorkTreeFiles: 'list the files of the work tree',
      readHead: 'read HEAD',
      listRenames: 'list the renames',
      readFileAtCommit: 'read a file at a commit',
    },
    missing: (what: string) => `git was not found on PATH, so leakgate could not ${what}.`,
    notStarted: (what: string, code: string) => `git could not be started (${code}), so leakgate could not ${what}.`,
    failed: (what: string, cause: string) => `git failed to ${what}: ${cause}`,
    exitStatus: (status: number | null) => `exit status ${status ?? 'unknown'}`,
    killedBy: (signal?: string) => (signal ? `stopped by signal ${signal}` : 'stopped by a signal'),
    timedOut: (what: string, seconds: number) => `git did not answer within ${seconds} s when asked to ${what}.`,
    stopped: (what: string) => `stopped reading git's output (${what}).`,
    notARepository: 'This is not inside a git repository.',
    noWorkTree: 'This is not inside a git work tree (a bare repository has nothing staged).',
    unreadableBlob: (sha: string) => `git cannot read object ${sha} (missing or corrupt), so leakgate cannot judge the file that holds it.`,
    missingObject: (sha: string, what: string) => `git cannot read object ${sha} (missing), so leakgate could not ${what}.`,
    partialObjects: (got: number, asked: number) => `git returned ${got} of ${asked} files; leakgate cannot judge the rest.`,
    extraObjects: 'git printed more files than leakgate asked for.',
    unreadableObjectHeader: 'git printed a file header leakgate cannot read.',
    partialCommits: (got: number, asked: number) => `git returned ${got} of ${asked} commits; leakgate cannot judge the rest.`,
    unreadableCommitRecords: 'git printed commit records leakgate cannot read.',
    unreadableDiff: (part: string) => `git printed a diff leakgate cannot read (${part}).`,
    pipeUnreadable: (what: string, code: string) => `could not ${what}: ${code}`,
    pipeStopped: (what: string) => `stopped reading (${what}).`,
    pipedWithoutStatus: "the staged diff from the hook ended without git's exit status",
    pipedGitFailed: (status: string) => `git exited with status ${status} in the hook`,
    remoteSilent: (seconds: number) => `it did not answer within ${seconds} s`,
    unresolvedPushedCommit: (sha: string, ref: string) =>
      `cannot resolve ${sha} (${ref}) to a commit here, so leakgate cannot judge this push.`,
    malformedPushLine: (line: number) =>
      `pre-push input line ${line} is not "<local ref> <local sha> <remote ref> <remote sha>" as git writes it.`,
  },
  blockedCommit: (count: number) => `leakgate blocked this commit: ${plural(count, 'secret')} in the staged changes.`,
  blockedPush: (count: number, commits: number, remote: string, tags = 0) =>
    `leakgate blocked this push: ${plural(count, 'secret')} in the ${plural(commits, 'commit')}${tags ? ` and ${plural(tags, 'tag')}` : ''} ${remote} does not have yet.`,
  rewriteHeading: 'The secret is in a commit that is not pushed yet: rewrite it out of your history.',
  amendLast: (path: string) => `It is in the last commit: delete it from ${path}, then  git add -- ${path} && git commit --amend --no-edit`,
  rebaseOlder: (sha: string, path: string) =>
    `It is in an older commit: git rebase -i ${sha}^  (mark ${sha} as "edit"), delete it from ${path}, git add -- ${path} && git commit --amend --no-edit && git rebase --continue`,
  squashAlternative: (remote: string) =>
    `Or redo all unpushed work as one commit: git reset --soft <the last commit ${remote} has>, remove the secret, commit again.`,
  /** Push fixes computed for the ref that carries the secret (report/pushSteps.ts): commands run as printed. */
  pushFix: {
    heading: (sha: string, branch: string) => `The secret is in commit ${sha}, which this push would send: rewrite it out of ${branch}.`,
    switchFirst: (current: string | undefined) =>
      `That commit is not on the branch you are on (${current ?? 'HEAD is detached'}): go there first.`,
    amendTip: (paths: readonly string[]) =>
      `It is in the last commit: delete ${paths.length > 1 ? 'the secrets' : 'it'} from ${paths.join(', ')}, then amend that commit:`,
    squashGone: (count: number, base: string) =>
      `It was added and removed again inside this push; the commits that carry it would still be pushed. Fold the ${plural(count, 'unpushed commit')} into one (${base}):`,
    squashOlder: (count: number, base: string, paths: readonly string[]) =>
      `Not only the last commit carries ${paths.length > 1 ? 'them' : 'it'}: fold the ${plural(count, 'unpushed commit')} into one (${base}); their changes stay staged. Delete the ${paths.length > 1 ? 'secrets' : 'secret'} from ${paths.join(', ')} before the commit:`,
    baseOnRemote: (sha: string, remote: string) => `they follow ${sha}, which ${remote} has`,
    baseRoot: (remote: string) => `${remote} has none of this history, so the new commit starts it`,
    keepCommits: (base: string, sha: string) =>
      `To keep the commits as they are instead: git rebase -i ${base}  (mark ${sha} as "edit"), delete it, git add, git commit --amend --no-edit, git rebase --continue.`,
    pushAgain: 'Then push again (deleting it in a new commit is not enough: the old commit would still be pushed):',
    pushAgainLease: (remote: string) =>
      `Then push again. The rewrite replaces what ${remote} has under that name, so push with a lease (it refuses if someone pushed there meanwhile):`,
    switchTo: (branch: string) => `git switch ${branch}`,
    switchDetached: (sha: string) => `git switch --detach ${sha}`,
    resetSoft: (base: string) => `git reset --soft ${base}`,
    dropBranch: (ref: string) => `git update-ref -d ${ref}`,
    orphan: 'git checkout --orphan leakgate-rewrite',
    add: (path: string) => `git add -- ${path}`,
    amend: 'git commit --amend --no-edit',
    commitAs: (sha: string) => `git commit -C ${sha}`,
    rebaseBase: (base: string | undefined) => (base === undefined ? '--root' : base),
    push: (remote: string, refspec: string, lease: string | undefined) =>
      `git push${lease === undefined ? '' : ` --force-with-lease=${lease}`} ${remote} ${refspec}`,
  },
  /** A secret found in history (`scan --history`): purging it from a remote after revoking it. */
  purge: {
    heading:
      'If that commit was pushed, the key is out: revoke it first (step 3), since purging history does not un-leak it. Then purge it from every branch and tag with git filter-repo (https://github.com/newren/git-filter-repo), in a fresh clone of the remote:',
    dropFile: 'A file that should never be tracked: remove it from all of history:',
    replaceText: (file: string) =>
      `A secret inside code: write one line \`<the secret>==>REMOVED\` to ${file}, outside the clone (leakgate never prints the secret, so you fill it in), then:`,
    replaceFile: '../leakgate-replacements.txt',
    filterPath: (path: string) => `git filter-repo --invert-paths --path ${path}`,
    filterText: (file: string) => `git filter-repo --replace-text ${file}`,
    forcePush:
      'Then force-push every branch and tag (git push --force --all <remote>; git push --force --tags <remote>); everyone with a clone must clone again.',
  },
  remoteNotAsked: (remote: string, reason: string, lastFetch: string | undefined) =>
    `leakgate: could not ask ${remote} what it has (${reason}); judged against what the last fetch saw (${lastFetch ?? 'no fetch recorded'}).`,
  rewordLast: "It is in the last commit's message: git commit --amend  (write the message again without it)",
  rewordOlder: (sha: string) =>
    `It is in the message of an older commit: git rebase -i ${sha}^  (mark ${sha} as "reword"), then write the message again without it.`,
  removeFromMessage: 'Remove it from the message, then commit again.',
  rewordInHistory: 'The secret is in a commit message: rewrite that message out of the history.',
  tagMessageHeading: (name: string) =>
    `The secret is in the message of tag ${name}: delete the tag and create it again with a clean message.`,
  recreateTag: (name: string, target: string) => `git tag -d ${name}  then  git tag -a ${name} ${target} -m "<message without the secret>"`,
  pushTagAgain: 'Then push the tag again.',
  rewrittenHistory: 'If it was pushed already, others have it: rewriting needs a force push, so revoke the secret first (step 2).',
  pushAgain: 'Then push again. Deleting the line in a new commit is not enough: the old commit would still be pushed.',
  emergencyPush: 'Emergency only: git push --no-verify skips every check (CI still scans).',
  foundInScan: (count: number) => `leakgate found ${plural(count, 'secret')}.`,
  clean: (what: string) => `leakgate: no secrets in ${what}.`,
  takeOutOfCommit: 'Take it out of this commit:',
  fromWorkTree: (path: string) =>
    `This commit takes ${path} from the work tree (git commit -a or git commit <path>): delete the secret from the file, then run the same commit again.`,
  takeOutAfter: 'then delete the secret from the file and stage the file again (git add -p stages only the parts you choose).',
  removeFromFile: (file: string, line: number) => `Remove it from the file: ${file}, line ${line}`,
  removeFromFileAfter: (leakgate: string) =>
    `delete the literal; if the file is tracked, the secret is already in history: revoke it (step 3) and see \`${leakgate} scan --history\`.`,
  readFromEnv: (language: string) => `Read it from the environment instead (${language}):`,
  orSecretsManager: `or fetch it at run time from a secrets manager: ${SECRETS_MANAGERS}.`,
  revokeHeading: (provider: string) => `If it was ever pushed or shared, revoke and rotate it (${provider}):`,
  investigateHeading: 'Check whether it was used:',
  docsHeading: 'Docs:',
  dashboardHeading: 'Where:',
  whyHeading: 'Why it matters:',
  falsePositive: (leakgate: string) => `Not a secret? Add \`leakgate:allow\` in a comment on that line, or run: ${leakgate} ignore --last`,
  emergencyCommit: 'Emergency only: git commit --no-verify skips every check (CI still scans).',

  // leakgate import (commands/import.ts, config/import/): what it wrote, and what it could not translate and why.
  importing: {
    line: (line: number) => `line ${line}`,
    toml: {
      headerClose: (close: string) => `expected ${close} to close the header`,
      definedTwice: (key: string) => `expected ${key} to be defined once`,
      notATable: (key: string) => `expected ${key} to be a table`,
      equals: 'expected = after the key',
      key: 'expected a key',
      value: 'expected a value (a string, number, boolean, array or inline table)',
      arraySeparator: 'expected , or ] in the array',
      inlineSeparator: 'expected , or } in the inline table',
      unterminated: 'expected the string to end on its line',
      unterminatedMultiline: 'expected the multi-line string to end',
      unicodeEscape: 'expected a unicode escape of 4 or 8 hex digits naming a character',
      escape: (sequence: string) => `expected a valid escape, not \\${sequence} (for a regex, use a literal string: '...' or '''...''')`,
      endOfLine: 'expected the end of the line after a value or header',
    },
    expectedString: 'expected a string',
    expectedNumber: 'expected a number',
    expectedStrings: 'expected an array of strings',
    expectedTable: 'expected a table',
    expectedArrayOfTables: 'expected an array of tables ([[…]])',
    expectedJson: 'expected valid JSON (a syntax error is on or before this line)',
    expectedArray: 'expected an array',
    expectedGitleaksFingerprint: 'expected a gitleaks fingerprint: <commit>:<path>:<rule>:<line> or <path>:<rule>:<line>',
    expectedDetectSecretsResults: 'expected an object of file paths to their results (a detect-secrets baseline)',
    expectedDetectSecretsResult: 'expected a result with hashed_secret (40 hex digits) and line_number (from 1)',
    ruleNamed: (id: string) => `rule ${id}`,
    rulePath: (id: string) => `rule ${id} path`,
    ruleKeywords: (id: string) => `rule ${id} keywords`,
    ruleAllowlist: (id: string, key: string) => `rule ${id} allowlist ${key}`,
    patternNamed: (id: string, name: string) => `${id} pattern ${name}`,
    optionOf: (id: string, key: string) => `${id} option ${key}`,
    allowIn: (id: string, allow: string) => `${id} allows ${allow}`,
    allowlistRegex: (regex: string) => `allowlist regex ${regex}`,
    allowlistPath: (glob: string) => `allowlist path ${glob}`,
    allowlistEntry: (key: string, masked: string) => `allowlist ${key} ${masked}`,
    allowIsCredential:
      'it is a credential itself, and a config never holds one in clear: allow its finding by fingerprint instead (leakgate ignore <fingerprint>, or leakgate ignore --last after a blocked run)',
    ignoredFinding: (rule: string, path: string, line: number) => `ignored ${rule} at ${path}:${line}`,
    heuristicFilters: (filters: readonly string[]) => `filters_used ${filters.join(', ')}`,
    plugins: (plugins: readonly string[]) => `plugins_used ${plugins.join(', ')}`,
    importedProvider: (tool: string) => `custom (imported from ${tool})`,
    allSources: 'imported allowlist',
    gitleaksExtends: (target: string) => `extends ${target}: import that config too (leakgate's own catalogue is always on)`,
    noSuchLeakgateRule: "no leakgate rule has this id (leakgate's catalogue has ids of its own: see leakgate rules); nothing disabled",
    ruleWithoutRegexOrPath: 'a rule needs a regex or a path',
    noSuchSecretGroup: (group: number) => `the regex has no capture group ${group} (secretGroup)`,
    pathRegexNoGlob: (regex: string) =>
      `the path regex ${regex} has no exact glob equivalent (leakgate matches paths with globs); a narrower glob would scan more, a wider one would allow what was scanned, so none is written`,
    rulePathDropped: (regex: string) =>
      `the path regex ${regex} has no exact glob equivalent: the rule runs on every file (it may find more than it did)`,
    nonAsciiKeywords: "a keyword is not ASCII (leakgate's keyword prefilter is ASCII): the rule runs on all text instead",
    ruleLevelAllowlist:
      "leakgate's allowlists apply to every rule, so a rule's own allowlist would allow more than it did: leakgate reports these findings; allow each with leakgate ignore <fingerprint>",
    andCondition:
      'condition = "AND" allows only what meets every criterion; leakgate allowlists each criterion alone, which would allow more: not written',
    targetRules: (rules: readonly string[]) =>
      `an allowlist for some rules only (${rules.join(', ')}): leakgate's allowlists apply to every rule, so it is not written`,
    regexTarget: (target: string) => `regexTarget = "${target}": leakgate's allowlist regexes are tested against the secret only`,
    commitAllowlist: (count: number) =>
      `leakgate does not allowlist commits (${plural(count, 'commit')}): record their findings with leakgate baseline, or allow each with leakgate ignore <fingerprint>`,
    auditedAsSecret: 'an audit marked it as a real secret (is_secret: true): not baselined; revoke and rotate it, then remove it',
    lineExclusion: "leakgate's allowlist regexes are tested against the secret, not the line: mark such lines with leakgate:allow",
    pragmaAllowlist:
      'lines marked "pragma: allowlist secret" are not recognised: leakgate\'s inline marker is leakgate:allow (its findings can also go in the baseline)',
    ownHeuristics: "detect-secrets' own false-positive heuristics: leakgate applies its own checks (placeholders, entropy, stopwords)",
    ownCatalogue: "detect-secrets' detectors and their limits: leakgate's built-in catalogue finds these credentials with rules of its own",
    noMatchingProvider: "no leakgate rules find the same credentials (leakgate's catalogue is its own): nothing disabled",
    regexFlags: 'expected a regex as "/pattern/flags" with flags g or i only',
    noSuchOption: 'leakgate has no such option',
    messageIds: "secretlint's message ids do not exist in leakgate: allow findings by fingerprint (leakgate ignore) instead",
    nothingAtLine: 'leakgate finds nothing at that line now (the file changed, or leakgate does not report it): nothing to baseline',
    hashDiffers:
      'leakgate finds a secret at that line, but its SHA-1 is not hashed_secret (the value changed since the baseline was made, or leakgate reads a different extent of it): not baselined',
    notAtCommit: (commit: string) => `the file is not in commit ${commit} here (fetch it, or the history was rewritten): not baselined`,
    cannotReadPlace: (code: string) => `cannot read the file (${code}): not baselined`,
    nothingToImport: (names: readonly string[]) =>
      `nothing to import: none of ${names.join(', ')} is at the repository root; name the files to import.`,
    unknownSourceFile: (file: string) =>
      `${file} is not a config leakgate can import (a gitleaks .toml or .gitleaksignore, a detect-secrets baseline, a secretlint .secretlintrc.json).`,
    ruleIdTaken: (id: string) => `the config already has a different rule ${id}; rerun with --force to replace it with the imported one.`,
    sourceFile: (file: string, tool: string) => `${file} (${tool})`,
    importedFrom: (sources: readonly string[]) => `leakgate import: ${sources.join(', ')}`,
    importSummary: (rules: number, disabled: number, paths: number, regexes: number, stopwords: number) =>
      `${plural(rules, 'rule')} added, ${plural(disabled, 'rule')} disabled, allowlist: ${plural(paths, 'path')}, ${plural(regexes, 'regex', 'regexes')}, ${plural(stopwords, 'stopword')}`,
    configWritten: (file: string, summary: string) => `wrote ${file}: ${summary}`,
    configUnchanged: 'the config already holds everything imported: unchanged',
    baselineWritten: (file: string, added: number, total: number) =>
      `wrote ${file}: ${plural(added, 'fingerprint')} added (${total} in all)`,
    baselineUnchanged: (file: string) => `${file} already holds every imported fingerprint: unchanged`,
    notTranslatedHeading: (count: number) => `not translated (${count}):`,
    wideningNote:
      'Once committed, what the import allows (allowlist entries, disabled rules, baseline fingerprints) is a config widening that pushes and history scans report until accepted: LEAKGATE_ACCEPT_CONFIG=<that commit> git push (and --accept-config-change <that commit> in CI).',
  },

  // Report layer (src/report): the parts of text, JSON and SARIF reports around the sentences above.
  howToFixHeading: 'How to fix',
  fingerprintLine: (fingerprint: string) => `fingerprint: ${fingerprint}`,
  commitLine: (sha: string, subject: string, author: string) => `commit ${sha} "${subject}" by ${author}`,
  tagLine: (name: string, object: string, subject: string, tagger: string) => `tag ${name} (${object}) "${subject}" by ${tagger}`,
  partAt: (line: number, column: number) => `line ${line}, column ${column}`,
  /** On a repository's first commit there is no HEAD for `git restore --staged` to restore from. */
  unstageCommand: (path: string, hasHead: boolean) => (hasHead ? `git restore --staged -- ${path}` : `git rm --cached -- ${path}`),
  sameProviderAbove: '(see the steps above for this provider)',
  envNoteShell: 'export it in your shell profile or CI settings, not in the script',
  envNoteDotenv: 'keep real values in an untracked .env (add it to .gitignore) and commit a .env.example with empty values',
  envNoteCiYaml:
    'GitHub Actions: Settings → Secrets and variables → Actions; GitLab CI: Settings → CI/CD → Variables (masked), read as $NAME',
  envNoteYaml: 'let the program or the deployment (Kubernetes Secret, Helm values from a secret store) fill it at run time',
  envNoteGeneric: 'load the value from the environment or a secrets manager when the program starts',
  sarifHelpWhat: (description: string, provider: string) => `${description} (${provider}).`,
  sarifHelpMove: (envVar: string) => `Remove it from the code and read it from the environment (${envVar}) or a secrets manager.`,
  sarifHelpRevoke: (revoke: string) => `Revoke and rotate: ${revoke}`,
  sarifHelpInvestigate: (investigate: string) => `Check whether it was used: ${investigate}`,
  sarifHelpDocs: (docs: string) => `Docs: ${docs}`,
  sarifHelpDashboard: (dashboard: string) => `Where: ${dashboard}`,
  sarifFullDescription: (description: string, provider: string) => `${description} (${provider}) committed to the repository.`,
  /** A SARIF result's message; `redacted` is left out for a finding that holds no secret. */
  sarifResult: (description: string, redacted: string | undefined, commit: string | undefined, tag: string | undefined) =>
    `${description}${redacted !== undefined ? `: ${redacted}` : ''}${commit !== undefined ? ` (commit ${commit})` : ''}${tag !== undefined ? ` (tag ${tag})` : ''}`,
  findingWithoutSpan: (fingerprint: string) =>
    `internal error: finding ${fingerprint} has no location or no remediation (please report this as a leakgate bug).`,
  pushReportWithoutPush: 'internal error: a pre-push report needs the push it is about (please report this as a leakgate bug).',

  // The layout of a text report (report/textReport.ts, compactReport.ts, summary.ts): groups, the compact list, the summary.
  groupHeading: (provider: string, description: string, ruleId: string, count: number) =>
    `── ${provider}: ${description} [${ruleId}], ${plural(count, 'finding')}`,
  compactGroupHeading: (provider: string, description: string, ruleId: string, count: number, shown: number) =>
    `${provider}: ${description} [${ruleId}], ${plural(count, 'finding')}${shown < count ? ` (${shown} listed)` : ''}`,
  compactCommit: (sha: string) => `commit ${sha}`,
  compactTag: (name: string) => `tag ${name}`,
  compactMore: (count: number) => `… and ${count} more`,
  compactFixHeading: 'How to fix:',
  compactFix: {
    'pre-commit': (unstage: string | undefined) =>
      unstage
        ? `take each file out of this commit (${unstage}), delete the secret, read it from the environment instead, and stage it again.`
        : 'delete the secret from each file (this commit takes them from the work tree), read it from the environment instead, and commit again.',
    'pre-push':
      'rewrite the listed commits out of your unpushed history (each finding names its commit; --verbose prints the exact commands), then push again.',
    scan: 'delete each secret from its file and read it from the environment instead; if the file is tracked, the secret is in history: revoke it first.',
    'commit-msg': 'delete the secrets from the commit message, then commit again.',
  },
  compactRevoke: (provider: string, ruleIds: readonly string[]) =>
    `If ${provider} secrets were ever pushed or shared, revoke and rotate them: leakgate explain ${ruleIds[0]}${ruleIds.length > 1 ? ` (rules: ${ruleIds.join(', ')})` : ''}`,
  compactShown: (shown: number, total: number, hook: 'pre-commit' | 'pre-push' | 'commit-msg' | undefined) =>
    `Listed ${shown} of ${plural(total, 'finding')}, one line each. Every finding: --max-findings 0; each with its fix steps: --verbose${
      hook === 'pre-push'
        ? ' (for the hook: LEAKGATE_MAX_FINDINGS=0 git push, LEAKGATE_VERBOSE=1 git push).'
        : hook
          ? ' (for the hook: LEAKGATE_MAX_FINDINGS=0 git commit …, LEAKGATE_VERBOSE=1 git commit …).'
          : '.'
    }`,
  providerCount: (provider: string, count: number) => `${provider} ${count}`,
  progressLine: (done: number, total: number | undefined, unit: 'commit' | 'file', mbPerSecond: number, secondsLeft: number | undefined) =>
    `leakgate: ${total !== undefined ? `${done}/${plural(total, unit)}` : plural(done, unit)}, ${mbPerSecond.toFixed(1)} MB/s${
      secondsLeft !== undefined
        ? `, about ${secondsLeft < 60 ? `${Math.ceil(secondsLeft)} s` : `${Math.ceil(secondsLeft / 60)} min`} left`
        : ''
    }`,
  summaryLine: (s: {
    secrets: number;
    widenings: number;
    bySeverity: readonly string[];
    byProvider: readonly string[];
    files: number;
    commits: number;
    scanned: { files: number; bytes: number; commits?: number };
    skipped: number;
  }) =>
    `Summary: ${plural(s.secrets, 'secret')}${s.byProvider.length ? ` (${[s.bySeverity.join(', '), s.byProvider.join(', ')].filter(Boolean).join('; ')})` : ''}${
      s.widenings ? `, ${plural(s.widenings, 'config widening')}` : ''
    } in ${plural(s.files, 'file')}${s.commits ? ` and ${plural(s.commits, 'commit')}` : ''}; scanned ${
      s.scanned.commits !== undefined ? `${plural(s.scanned.commits, 'commit')}, ` : ''
    }${plural(s.scanned.files, 'file')}, ${formatBytes(s.scanned.bytes)}; ${s.skipped ? `${plural(s.skipped, 'file')} not scanned (see the warnings)` : 'nothing skipped'}.`,
  maxFindingsChoice: (value: string) =>
    `--max-findings takes a whole number (0 lists every finding), not ${JSON.stringify(value.slice(0, 40))}.`,
  maxFindingsEnvChoice: (value: string) =>
    `LEAKGATE_MAX_FINDINGS takes a whole number (0 lists every finding), not ${JSON.stringify(value.slice(0, 40))}.`,

  notScanned: (file: string, reason: SkipReason) => `warning: ${file} was not scanned (${messages.skipReason(reason)}).`,
  skipReason: (reason: SkipReason): string => `unreadable (${reason.code})`,
  lineTooLong: (file: string, limit: string) =>
    `${file} has a line longer than ${limit}, which leakgate cannot judge in windows without cutting a secret in two; raise maxFileSize in .leakgate.json above the file's size (it is then read whole), or add it to allowlist.paths.`,
  cannotRead: (file: string, code: string) =>
    `${file} cannot be read (${code}), so leakgate cannot judge it; make it readable, or add it to allowlist.paths.`,
  lastRunNotRecorded: (code: string) =>
    `warning: leakgate could not record this run under .git/leakgate (${code}), so \`leakgate ignore --last\` cannot name its findings: ignore one by its fingerprint instead (leakgate ignore <fingerprint>).`,
  errorPrefix: 'leakgate:',
  bypassCommit: 'To commit anyway (emergency only): git commit --no-verify',
  bypassPush: 'To push anyway (emergency only): git push --no-verify',
  debugHint: 'Run with --debug for details.',
  manifestBrokenInstall: 'package.json is not valid JSON; fix it first (leakgate adds husky and a prepare script to it).',
  manifestBrokenUninstall:
    'package.json is not valid JSON; fix it first, then run leakgate uninstall again (it restores the scripts and devDependencies install changed there). Nothing was changed.',
  cliInWorkTree: (cli: string) =>
    `warning: this leakgate (${cli}) lies inside the work tree, and the hooks never run code from the work tree (a git pull can replace it). Install leakgate outside the repository (npm install -g leakgate) and run leakgate install again.`,
  ignoreScripts: (where: string) =>
    `warning: ${where} sets ignore-scripts=true, so a teammate's npm install will not run the prepare script, and their clone gets no hooks.\n` +
    '  Each teammate runs once after cloning: npx leakgate install (or npx husky)\n' +
    '  And CI can check that the hooks are really there: npx leakgate doctor (exits 1 when a hook is missing)',
  teamGetsHooks: 'Commit package.json and .husky/ so your team gets the hooks on `npm install`.',
  teamGetsHooksManually: 'Commit package.json and .husky/; teammates then run `npx leakgate install` once (see the warning above).',

  // install, uninstall and doctor: what changed, and the checklist of a clone's hooks
  hookManagerFound: (manager: string, config: string, snippet: string) =>
    `${config} shows that ${manager} runs this repository's git hooks: a hook leakgate wrote would be overwritten by ${manager} or never run. Nothing was written.\n` +
    `Run leakgate from ${manager} instead: add this to ${config === 'package.json' ? 'package.json (the "simple-git-hooks" key)' : config}\n\n${snippet}\n` +
    `To install leakgate's own hooks anyway (they and ${manager} will fight over .git/hooks): leakgate install --force`,
  hookManagerRunsLeakgate: (manager: string, config: string) =>
    `${config} already runs leakgate through ${manager}: nothing to install (leakgate install --force writes leakgate's own hooks anyway).`,
  lefthookSnippet: (run: string) =>
    [
      'pre-commit:',
      '  commands:',
      '    leakgate:',
      `      run: ${run} pre-commit`,
      'pre-push:',
      '  commands:',
      '    leakgate:',
      `      run: ${run} pre-push {1} {2}`,
      '      use_stdin: true',
      'commit-msg:',
      '  commands:',
      '    leakgate:',
      `      run: ${run} commit-msg {1}`,
      '',
      'then run: npx lefthook install (lefthook.toml or lefthook.json: the same keys in that format)',
    ].join('\n'),
  simpleGitHooksSnippet: (run: string) =>
    [
      '"simple-git-hooks": {',
      `  "pre-commit": "${run} pre-commit",`,
      `  "pre-push": "${run} pre-push \\"$1\\" \\"$2\\"",`,
      `  "commit-msg": "${run} commit-msg \\"$1\\""`,
      '}',
      '',
      'then run: npx simple-git-hooks (a hook already there: add the leakgate command to it)',
    ].join('\n'),
  preCommitFrameworkSnippet: (version: string) =>
    [
      'repos:',
      '  - repo: local',
      '    hooks:',
      ...[
        ['leakgate', 'pre-commit', 'commit', false],
        ['leakgate-push', 'pre-push', 'push', false],
        ['leakgate-commit-msg', 'commit-msg', 'commit-msg', true],
      ].flatMap(([id, command, stage, filenames]) => [
        `      - id: ${id}`,
        `        name: leakgate ${command}`,
        `        entry: leakgate ${command}`,
        '        language: node',
        `        additional_dependencies: ["leakgate@${version}"]`,
        ...(filenames ? [] : ['        pass_filenames: false']),
        '        always_run: true',
        `        stages: [${stage}]`,
      ]),
      '',
      'then run: pre-commit install --hook-type pre-commit --hook-type pre-push --hook-type commit-msg',
    ].join('\n'),
  installHeading: (how: string) => `leakgate install (${how}):`,
  installNothing: 'nothing to change: already installed',
  addedDevDependency: (name: string, version: string) =>
    `package.json: devDependencies.${name} = ${version}${name === 'leakgate' ? ' (run npm install so the hooks find it)' : ''}`,
  setPrepare: (script: string) => `package.json: scripts.prepare = "${script}"`,
  huskyBlockUpdated: (file: string) => `${file}: leakgate block updated`,
  huskyBlockAdded: (file: string, created: boolean, chained: string | undefined) =>
    `${file}: ${created ? 'created' : 'leakgate block added at the top'}${chained ? ` (chains the existing ${chained})` : ''}`,
  huskyFailed: (message: string) => `husky could not set up the hooks: ${message}`,
  huskySetHooksPath: (hooksPath: string) => `git config core.hooksPath = ${hooksPath} (husky)`,
  hookUpdated: (file: string, hook: string) => `${file}: leakgate ${hook} hook updated`,
  hookChained: (file: string, chained: string) => `${file}: the existing hook moved to ${chained} and chained after leakgate`,
  hookWritten: (file: string, hook: string) => `${file}: leakgate ${hook} hook written`,
  runnerWritten: (file: string, updated: boolean) =>
    `${file}: the hooks' runner ${updated ? 'updated' : 'written'} (a copy of leakgate's hooks/run.sh)`,
  pathsRecorded: (file: string, cli: string, node: string) => `${file}: the hooks run ${cli} with ${node}`,
  pathHasNewline: (path: string) =>
    `${JSON.stringify(path)} holds a line break, which the hooks cannot record; install leakgate (and node) in a folder whose path has none.`,
  uninstallHeading: 'leakgate uninstall:',
  uninstallNothing: 'nothing to remove: leakgate was not installed here',
  removed: (file: string) => `${file}: removed`,
  huskyBlockRemoved: (file: string) => `${file}: leakgate block removed`,
  hookRestored: (file: string) => `${file}: the original hook restored`,
  removedDevDependency: (name: string) => `package.json: devDependencies.${name} removed`,
  restoredPrepare: (script: string | null) => `package.json: scripts.prepare ${script === null ? 'removed' : `restored to "${script}"`}`,
  unsetHooksPath: 'git config core.hooksPath unset, .husky/_ removed',
  doctorHeading: 'leakgate doctor:',
  doctorAllWell: 'All well: this clone runs leakgate on every commit and push.',
  doctorProblems: (count: number, hooksMissing: boolean) =>
    `${plural(count, 'problem')}${hooksMissing ? '; `leakgate install` sets up the hooks' : ''}.`,
  doctorHooksDir: (dir: string, how: string | undefined) => `hooks: git runs them from ${dir}${how ? ` (${how})` : ''}`,
  doctorHuskyOff: 'hooks: HUSKY=0 is set in this environment, so husky runs no hook',
  doctorHuskyShimMissing: (hook: string, shim: string) => `${hook}: husky's ${shim} is missing (run npx husky, or leakgate install)`,
  doctorHookMissing: (hook: string, file: string) => `${hook}: missing (${file})`,
  doctorHookNotExecutable: (hook: string, file: string) => `${hook}: ${file} is not executable, so git skips it (chmod +x)`,
  doctorHookForeign: (hook: string, file: string) => `${hook}: ${file} does not run leakgate`,
  doctorHookOld: (hook: string, file: string) =>
    `${hook}: ${file} was written by another version of leakgate (run leakgate install to bring it up to date)`,
  doctorHookRuns: (hook: string, file: string) => `${hook}: ${file} runs leakgate`,
  doctorRunnerMissing: (file: string) => `runner: ${file}, which the hooks run, is missing or not executable (run leakgate install)`,
  doctorRunnerStale: (file: string, source: string) =>
    `runner: ${file} differs from ${source}, the installed leakgate's (run leakgate install to refresh it)`,
  doctorRunnerOk: (file: string) => `runner: ${file} is leakgate's hooks/run.sh`,
  doctorNoNodeModules: 'leakgate: not in node_modules/.bin, so the hooks stop every commit (run npm install)',
  doctorLeakgateBroken: (path: string, how: string, why: string) => `leakgate: ${path}${how} does not run (${why})`,
  doctorLeakgateOk: (path: string, version: string, how: string) => `leakgate: ${path} ${version}${how}`,
  doctorNoLeakgate:
    'leakgate: none outside this work tree (not where install recorded it, not on PATH): npm install -g leakgate, then leakgate install',
  doctorConfigValid: (source: string | undefined) => `config: ${source ? `${source} is valid` : 'none (defaults)'}`,
  doctorBaselineValid: (file: string, count: number) => `baseline: ${file} is valid (${plural(count, 'fingerprint')})`,
  blockedMessage: (count: number) => `leakgate blocked this commit: ${plural(count, 'secret')} in the commit message.`,
  messageKept: (file: string) =>
    `Your message is kept in ${file}: delete the secret from it, then commit again with it (add --amend if you were amending):`,
  commitAgainWith: (file: string) => `git commit -e -F ${file}`,
  legacyFingerprints: (count: number, where: string, regenerate: string) =>
    `leakgate: note: ${plural(count, 'fingerprint')} in ${where} ${count === 1 ? 'is' : 'are'} in the old, guessable format and no longer ${count === 1 ? 'matches' : 'match'}; regenerate with ${regenerate}.`,
  legacyFingerprintArgument: (fingerprints: string) =>
    `old-format fingerprint: ${fingerprints} (reports now print path:rule-id:v2-<16 hex digits>; run the scan again for the new one).`,
  configWidened: (summary: string) => `leakgate config widened: ${summary}`,
  configWidenedWhy:
    'A change to the allowlist, the disabled rules, maxFileSize or the baseline lets more through; made in the commits being judged, it would silence their own scan.',
  configWidenedAccept: (sha: string) =>
    `If the change is not meant, take it out of that commit (git rebase -i ${sha}^). To accept it deliberately, name the commit outside the repository: LEAKGATE_ACCEPT_CONFIG=${sha} git push, or leakgate scan --history … --accept-config-change ${sha} in CI. That accepts this commit's changes only: a later widening is reported again.`,
  blockedPushWidened: (count: number, commits: number, remote: string) =>
    `leakgate blocked this push: ${plural(count, 'config widening')} in the ${plural(commits, 'commit')} ${remote} does not have yet.`,
  foundWidenings: (count: number) => `leakgate found ${plural(count, 'config widening')}.`,
  andWidenings: (count: number) => `, and ${plural(count, 'config widening')}.`,
  sameCommitAbove: '(same commit as above: see there how to take it out or accept it)',
  // The provider-table generator (src/build/providerTable): build tooling, run by a contributor.
  tableUnknownAlphabet: (alphabet: string) => `unknown alphabet ${JSON.stringify(alphabet)}`,
  tableNoExampleValue: (seed: string) => `no example value fits ${seed} (every candidate read as a placeholder)`,
  tableUnknownFolder: (folder: string) => `${folder}: not a provider folder of the reference table`,
  tableIdTaken: (folder: string, id: string) => `${folder}: rule id ${id} is taken`,
  tableNoVerdict: (folders: readonly string[]) =>
    `reference folders with no verdict (rule, earlier rule or left out): ${folders.join(', ')}`,
  tableNoEarlierRule: (provider: string) => `no rule in rules.json has provider ${JSON.stringify(provider)}`,
  tableWritten: (providers: number, rules: number) => `${providers} providers, ${rules} rules written under rules/; see rules/COVERAGE.md.`,
  usageExamplesWritten: (added: number, gaps: readonly string[]) =>
    [
      `${added} usage-shape examples added under rules/; ${gaps.length} missing shapes no candidate showed (fix the detection, or list the rule in USAGE_SHAPE_EXCLUSIONS with its reason):`,
      ...gaps,
    ].join('\n'),
  baselineIsWidening:
    'Once committed, the new fingerprints are a config widening that pushes and history scans report until accepted: LEAKGATE_ACCEPT_CONFIG=<that commit> git push (and --accept-config-change <that commit> in CI).',
  remoteConfigInvalid:
    'That is the config the remote already has, so this push is judged by the defaults instead (no allowlist, no baseline). Fix the config in a commit and push it: what it allows shows as a config widening to accept (LEAKGATE_ACCEPT_CONFIG=<that commit>).',
  noSuchRev: (rev: string) =>
    `--config-from ${JSON.stringify(rev.slice(0, 80))} names no commit here (in CI, fetch the base branch first, e.g. actions/checkout with fetch-depth: 0).`,
  configDocs: 'https://www.npmjs.com/package/leakgate#configuration',
  notACommitId: (name: string, value: string) =>
    `${name}: ${JSON.stringify(value.slice(0, 40))} is not a commit id (7 to 40 hex digits, as printed in the report).`,

  // leakgate fix (commands/fix.ts, fix/).
  fix: {
    noTargets:
      'there is no blocked run to fix (leakgate fix reads the last blocked commit); name the files or fingerprints to fix: leakgate fix <path|fingerprint…>.',
    notAFile: (path: string) => `${path}: not a file in this repository (leakgate fix takes files and fingerprints).`,
    envTracked:
      '.env is tracked by git, so it cannot hold secrets. Untrack it first (git rm --cached .env), then run leakgate fix again. Nothing was changed.',
    unstagedSameLines: (path: string, lines: string) =>
      `${path} has unstaged changes on line ${lines}, where the secret is. Stage or stash them (git add -p / git stash --keep-index), then run leakgate fix again. Nothing was changed.`,
    nothingFound: 'leakgate fix: nothing to fix (the findings named are no longer in the staged or working files).',
    heading: (findings: number, files: number, dryRun: boolean) =>
      dryRun
        ? `leakgate fix --dry-run: would rewrite ${plural(findings, 'finding')} in ${plural(files, 'file')}. Nothing was changed.`
        : `leakgate fix: rewrote ${plural(findings, 'finding')} in ${plural(files, 'file')}.`,
    noneFixable: 'leakgate fix: nothing it can rewrite; each finding below is left alone.',
    envWritten: (names: string, created: boolean, dryRun: boolean) =>
      `.env: ${dryRun ? 'would set' : 'set'} ${names}${created ? ` (${dryRun ? 'would create' : 'created'} the file, readable only by you)` : ''}; it is ignored by git and holds the only copy of each value.`,
    gitignoreAdded: (dryRun: boolean) => `.gitignore: ${dryRun ? 'would add' : 'added'} .env (staged).`,
    exampleAdded: (names: string, staged: boolean, dryRun: boolean) =>
      `.env.example: ${dryRun ? 'would list' : 'listed'} ${names} without values${staged ? ' (staged)' : ' (not staged: git ignores it)'}.`,
    staged: (paths: string) => `Staged: ${paths}. Commit again: git commit`,
    notStaged: (paths: string) => `Rewritten in the working tree only (its staged copy holds no secret; not staged): ${paths}.`,
    backup: (dir: string) =>
      `The original files are kept in ${dir} (readable only by you, never committed). They hold the secret: delete them once the key is rotated.`,
    leftAloneHeading: 'Left alone (fix these by hand, see the report of the blocked commit):',
    leftAlone: (where: string, rule: string, reason: string) => `  ${where} [${rule}]: ${reason}`,
    leftAloneFile: (path: string, reason: string) => `  ${path}: ${reason}`,
    languageNote: (path: string, note: string) => `${path}: ${note}`,
    reason: {
      unknownLanguage: (path: string) => `leakgate does not know how ${path} reads an environment variable`,
      minified: 'minified code (a line too long to rewrite safely)',
      notAsWritten: 'the value is not written as it is on that line (encoded, escaped or split)',
      multiLine: 'the value spans several lines',
      notUtf8: 'the file is not UTF-8 text',
      badVariable: (name: string) => `${JSON.stringify(name)} is not a valid environment variable name`,
      insideString: 'the value is part of a longer string or URL',
      inComment: 'the value is in a comment: delete it by hand',
      openString: 'the value is in a string that runs over several lines',
      notLiteral: 'the value is not a string literal leakgate can follow',
      prefixed: 'the value is in a prefixed or raw string literal',
      escapes: 'the value holds quotes or backslashes',
      needsConstant: 'the value must be a constant there (a const, a property default, an annotation or a default argument)',
      goConstBlock: 'the value is in a Go const block: move it to a var first',
      flowCollection: 'the value is in a YAML flow collection ([…] or {…})',
      dollarInValue: 'the value holds a $, which docker compose would read as a variable',
      unknownYaml: (path: string) =>
        `${path} is YAML for a tool leakgate cannot tell reads environment variables (it rewrites docker compose files and Spring application*.yml)`,
      ciYaml: `a CI workflow reads secrets from the CI settings, not .env: store it there (e.g. gh secret set NAME) and use \${{ secrets.NAME }}`,
      notDotenvLine: 'the line is not KEY=value',
      partialValue: "the value is only part of the line's value",
      unquotable: 'the value holds both kinds of quote and cannot be written to .env',
      envConflict: (name: string) => `.env already sets ${name} to another value`,
      nameTaken: (name: string) => `another secret in this run also reads ${name}`,
      overlaps: 'it overlaps another rewrite on the same line',
      stillThere: 'the value appears elsewhere in the file too',
      noLocation: 'the finding has no line in the file (found by the file name)',
    },
    note: {
      compose: `docker compose substitutes \${NAME} from the environment or its project's .env (for a compose file below the repository root: docker compose --env-file .env)`,
      spring: `Spring Boot resolves \${NAME} from the environment; load .env into it (e.g. set -a; . ./.env; set +a)`,
      terraform: 'Terraform reads TF_VAR_<name> from the environment: load .env first (set -a; . ./.env; set +a)',
      shell: 'load .env before running it (set -a; . ./.env; set +a)',
      dotenv: 'the value moved to .env; this file keeps the name only',
      code: 'load .env into the environment at start-up (dotenv, python-dotenv, godotenv…, or set -a; . ./.env; set +a)',
    },
    offerStep: 'Let leakgate rewrite it to read the environment, move the value to .env (git-ignored) and restage:',
    offerCommand: (leakgate: string) => `${leakgate} fix`,
    offerDryRun: (leakgate: string) => `(${leakgate} fix --dry-run shows the change first) or take it out of this commit:`,
  },
  // Build tooling: the rule sources under rules/ (src/build/).
  ruleSourcesInvalid: (count: number) => `build: the rule sources under rules/ have ${plural(count, 'problem')}:`,
  ruleIdTakenIn: (file: string) => `this id is already a rule in ${file}`,
  shapeOrRegex: 'a rule gives a shape or a regex, not both',
  secretInText: 'a secret that occurs in the example text',
  positiveUnpinned: (index: number) =>
    `positive example ${index} is not pinned: give {"text", "secret"} (or line, column and redacted) so the build checks where it is found`,
  positiveNotFound: (index: number) => `positive example ${index} is not found by this rule`,
  positiveNotAtPin: (
    index: number,
    wanted: { line: number; column: number; redacted: string },
    found: { line: number; column: number; redacted: string }[],
  ) =>
    `positive example ${index} is not reported at line ${wanted.line}, column ${wanted.column} as ${wanted.redacted} (${found.length ? `found: ${found.map((pin) => `${pin.line}:${pin.column} ${pin.redacted}`).join(', ')}` : 'not found at all'})`,
  negativeFound: (index: number) => `negative example ${index} is reported by this rule`,
  negativeWithoutKeyword: (index: number) =>
    `negative example ${index} holds none of the rule's keywords, so only the prefilter is tested: put a keyword in it`,
  shapeUnknownAlphabet: (alphabet: string) => `unknown alphabet "${alphabet}"`,
  shapeEmptyAlphabet: 'a custom alphabet lists no characters',
  shapeUnprintable: (char: string) => `a custom alphabet holds ${JSON.stringify(char)}: printable ASCII only`,
  shapeReversedRange: (from: string, to: string) => `a custom alphabet has the reversed range ${from}-${to}`,
  shapeBadLength: (length: string, max: number) => `length ${length} is not within 1-${max} (min <= max)`,
  shapeEmptyPrefix: 'a prefix is empty',
  shapeEmptyWord: (word: string) => `the slot word ${JSON.stringify(word)} has no letters or digits`,
  shapeNoKeywords: 'a keyed or uuid shape needs keywords for the slot name',
  shapeBadHost: (host: string) => `${JSON.stringify(host)} is not a lower-case host name (or *.host)`,
  shapeNoHosts: 'a url shape needs hosts',
  // What editors show for each field of a rule source (the generated JSON Schema's descriptions).
  ruleSourceHelp: {
    alphabet:
      'hex, HEX, digits, alnum, alnum_lower, alnum_upper, base64, base64url, or "custom:<chars>" (x-y between letters/digits is a range)',
    length: 'characters after the prefix: exact, or {min, max}',
    prefix: 'literal(s) the value starts with (part of the secret)',
    suffix: 'literal the value ends with (part of the secret)',
    padding: 'allow ={0,2} after the value (base64 padding)',
    slotKeywords: "words the slot name must contain, if not the rule's keywords",
    nameWords: 'the slot name must also contain one of these after the keyword',
    notNameWords: 'the slot name must contain none of these after the keyword',
    keyed: 'a value assigned to (or passed under) a name containing a keyword: NAME=…, "name": "…", obj.name = \'…\'',
    prefixed: 'a distinctive literal prefix, then the alphabet: no keyword needed around it',
    uuid: 'a uuid assigned to a name containing a keyword',
    url: "scheme://user:SECRET@host (or scheme://SECRET@host) where host is the provider's",
    keywords: 'lower-case words, one of which every text the rule reads contains (a prefixed shape defaults to its prefixes)',
    shape: 'what the credential looks like; the build expands it into the regex (see CONTRIBUTING.md, "Adding a rule")',
    regex: 'a JavaScript regex, the secret in one capture group; only when no shape fits',
    checksum: 'the checksum the format carries: a value that fails it is not reported',
    pairOnly: 'an identifier the provider treats as public (an app or client id): reported only as half of its pair, never alone',
    secretPin: 'a positive example pinned by its secret: the build finds it in the text and writes line, column and redacted',
  },
  newRuleUsage: 'usage: npm run new-rule -- <rule-id> (kebab-case, e.g. acme-api-key)',
  newRuleBadId: (id: string) => `${JSON.stringify(id.slice(0, 80))} is not a kebab-case rule id such as acme-api-key`,
  newRuleTaken: (id: string, file: string) => `the rule id ${id} already exists in ${file}`,
  newRuleFileExists: (file: string) => `${file} exists already: add the rule there by hand`,
  newRuleWritten: (file: string) =>
    `wrote ${file}: fill in provider, family, description, keywords, shape, remediation and examples, then run npm run build`,
};

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** 10485760 → "10 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** Quotes a path for a POSIX shell only when it needs it. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(text) && !text.startsWith('-') ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
