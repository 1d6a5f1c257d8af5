/** `leakgate --help` and per-command help. */
export const HELP = `leakgate: keeps secrets (API keys, tokens, private keys, passwords) out of git history.

Usage: leakgate <command> [options]

Commands:
  install                 install the pre-commit, pre-push and commit-msg hooks (husky if package.json, else git hooks)
      --force             install them even where lefthook, simple-git-hooks or the pre-commit framework runs the hooks
  uninstall               remove exactly what install added
  pre-commit              scan what is staged (run by the hook)
  commit-msg <file>       scan a commit message file (run by the commit-msg hook)
  doctor                  check this clone's hooks, the leakgate they run and the config (exit 1: a problem)
  pre-push <remote> <url> scan every commit the push sends that the remote lacks (refs on stdin)
      --verbose           print commits and bytes scanned per ref
  scan [paths…]           scan files and folders (default: tracked files)
      --staged            scan what is staged
      --history [range…]  scan every commit of the range (default: all refs), per commit
      --format text|json|sarif
      --output FILE       write the report to FILE
      --baseline FILE     findings recorded in FILE do not count (default: .leakgate-baseline.json)
      --config-from REV   scan with the config and baseline committed at REV (e.g. origin/main)
      --accept-config-change SHA  accept the config widenings of commit SHA (repeatable)
  baseline [FILE]         record today's findings so they stop blocking (default .leakgate-baseline.json)
  ignore <fingerprint…>   allowlist findings by fingerprint (--last: every finding of the last blocked run)
  rules                   list the rules
  explain <rule-id>       print one rule's remediation guide

Options: --debug (stack traces on errors), --help, --version
Environment: LEAKGATE=0 skips the hooks; NO_COLOR=1 disables colour;
  LEAKGATE_ACCEPT_CONFIG=SHA[,SHA…] accepts the config widenings of those commits (push and scan).
Exit codes: 0 clean, 1 secrets found, 2 usage, config or git error (fails closed).
Config: .leakgate.json at the repository root, or a "leakgate" key in package.json.
`;

const TOPICS: Record<string, string> = {
  scan: `Usage: leakgate scan [paths…] [--staged | --history [<rev-range>…]] [--format text|json|sarif] [--output FILE] [--baseline FILE] [--config-from <rev>] [--accept-config-change <sha>…]
Scans files and folders (skipping .git and node_modules), inside a git repository or not.
Without paths: the tracked files of the repository (or the current folder outside one).
--staged: the index against HEAD. --history: each commit's own change (default: all refs),
findings attributed to the commit that added them; commit messages too, and annotated tag
messages (every tag by default; with a range, the tags whose target is in it). A commit that
widens the config (allowlist, disabled rules, maxFileSize, baseline) is a finding of its own
(leakgate-config-widened).
--config-from <rev>: scan with the config and baseline at <rev>, read from git objects, not
the checked-out tree (for pull requests: the base branch).
--accept-config-change <sha>: accept that commit's config widenings (also LEAKGATE_ACCEPT_CONFIG).
Exit codes: 0 clean, 1 secrets found, 2 error.
`,
  'pre-push':
    "Usage: leakgate pre-push <remote> <url> [--verbose]\nReads git's pre-push lines on standard input and scans every commit the push sends that the remote lacks, and the messages of those commits and of pushed annotated tags.\nWhat the remote has is asked of it (git ls-remote of <url>, never a prompt, at most 5 s); if it cannot be asked, the tracking refs stand in and a line on stderr says so.\nScanned with the config the remote side already has; a pushed commit that widens it is a finding\n(accept one deliberately: LEAKGATE_ACCEPT_CONFIG=<sha> git push).\nRun by the pre-commit framework without arguments, it takes the remote and the ref from its PRE_COMMIT_* variables.\n",
  baseline:
    'Usage: leakgate baseline [FILE]\nRecords the fingerprints of every finding today (tracked files and history). Default: .leakgate-baseline.json, read automatically.\n',
  ignore: `Usage: leakgate ignore <fingerprint…> | --last
Adds fingerprints (path:rule:hash, as printed in a report; never the secret) to allowlist.fingerprints.
--last takes every finding of the last blocked run of this worktree.
`,
  explain: 'Usage: leakgate explain <rule-id>\nPrints what the rule finds and how to revoke and rotate that credential.\n',
  install:
    'Usage: leakgate install [--force]\nInstalls the pre-commit, pre-push and commit-msg hooks. Idempotent; chains existing hooks.\nWhere lefthook, simple-git-hooks or the pre-commit framework runs the hooks, writes nothing and prints what to add to their config; --force installs anyway.\n',
  uninstall: 'Usage: leakgate uninstall\nRemoves exactly what install added.\n',
  'pre-commit': 'Usage: leakgate pre-commit\nScans the staged changes (index against HEAD). Run by the pre-commit hook.\n',
  rules: 'Usage: leakgate rules\nLists the rules by family.\n',
  'commit-msg':
    'Usage: leakgate commit-msg <file>\nScans the commit message in <file> (lines git drops, such as comments of an edited message, are skipped). Run by the commit-msg hook.\n',
  doctor: `Usage: leakgate doctor
Checks that this clone's pre-commit, pre-push and commit-msg hooks are active (where git runs hooks from,
each hook present, executable and running leakgate), which leakgate they run (path and version), and that
the config and baseline are valid. Prints a checklist. Exit codes: 0 all well, 1 a problem, 2 error.
`,
};

export function helpFor(topic: string | undefined): string {
  return (topic && TOPICS[topic]) || HELP;
}
