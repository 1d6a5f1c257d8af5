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
      --verbose           print commits and bytes scanned per ref, and every finding with its fix steps
      --max-findings N    list at most N findings (default 40; 0: all), one line each past 10
      --quiet             no progress line
  scan [paths…]           scan files and folders (default: tracked files)
      --staged            scan what is staged
      --history [range…]  scan every commit of the range (default: all refs), per commit
      --format text|json|sarif
      --output FILE       write the report to FILE
      --baseline FILE     findings recorded in FILE do not count (default: .leakgate-baseline.json)
      --config-from REV   scan with the config and baseline committed at REV (e.g. origin/main)
      --accept-config-change SHA  accept the config widenings of commit SHA (repeatable)
      --verbose           print every finding with its fix steps (text report)
      --max-findings N    list at most N findings (default 40; 0: all), one line each past 10
      --quiet             no progress line
  baseline [FILE]         record today's findings so they stop blocking (default .leakgate-baseline.json)
  ignore <fingerprint…>   allowlist findings by fingerprint (--last: every finding of the last blocked run)
  fix [path|fingerprint…] rewrite the last blocked run's secrets to read env vars, values to .env, restage
      --dry-run           show the change (secrets redacted) and change nothing
  incident <fingerprint…> for a key that may be out: every place it is, whether a remote has it, what to do
      --last              the findings of the last blocked run
      --format text|markdown  markdown: for a ticket
  rules                   list the rules
  explain <rule-id>       print one rule's remediation guide
  import [files…]         turn gitleaks, detect-secrets and secretlint configs into .leakgate.json and a baseline
      --force             replace a rule of the config whose id an imported rule takes

Options: --debug (stack traces on errors), --help, --version
Environment: LEAKGATE=0 skips the hooks; NO_COLOR=1 disables colour;
  LEAKGATE_ACCEPT_CONFIG=SHA[,SHA…] accepts the config widenings of those commits (push and scan);
  LEAKGATE_VERBOSE=1 and LEAKGATE_MAX_FINDINGS=N set --verbose and --max-findings for the hooks
  (e.g. LEAKGATE_VERBOSE=1 git push).
Reports: up to 10 findings, each with its fix steps; more, one line each under its provider and rule,
  at most --max-findings of them; a summary line ends every report. Progress shows on stderr when it is
  a terminal (not under CI=1 or --quiet).
Exit codes: 0 clean, 1 secrets found, 2 usage, config or git error (fails closed).
Config: .leakgate.json at the repository root, or a "leakgate" key in package.json.
`;

const TOPICS: Record<string, string> = {
  scan: `Usage: leakgate scan [paths…] [--staged | --history [<rev-range>…]] [--format text|json|sarif] [--output FILE] [--baseline FILE] [--config-from <rev>] [--accept-config-change <sha>…] [--verbose] [--max-findings N] [--quiet]
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
--verbose: every finding with its fix steps. --max-findings N: list at most N findings (default 40;
0: all); past 10 findings the text report lists one line per finding. --output FILE: the report goes
to FILE and its summary line to the terminal. --quiet: no progress line on stderr.
A text report records the fingerprints of its findings (never a secret) in .git/leakgate/last-run.json,
so \`leakgate ignore --last\` can take the false positives you just read; --format json or sarif (CI)
records nothing.
Exit codes: 0 clean, 1 secrets found, 2 error.
`,
  'pre-push':
    "Usage: leakgate pre-push <remote> <url> [--verbose] [--max-findings N] [--quiet]\nReads git's pre-push lines on standard input and scans every commit the push sends that the remote lacks, and the messages of those commits and of pushed annotated tags.\nWhat the remote has is asked of it (git ls-remote of <url>, never a prompt, at most 5 s); if it cannot be asked, the tracking refs stand in and a line on stderr says so.\nScanned with the config the remote side already has; a pushed commit that widens it is a finding\n(accept one deliberately: LEAKGATE_ACCEPT_CONFIG=<sha> git push).\nRun by the pre-commit framework without arguments, it takes the remote and the ref from its PRE_COMMIT_* variables.\n",
  baseline:
    'Usage: leakgate baseline [FILE]\nRecords the fingerprints of every finding today (tracked files and history). Default: .leakgate-baseline.json, read automatically.\n',
  ignore: `Usage: leakgate ignore <fingerprint…> | --last [--all] [--reason TEXT] [--until YYYY-MM-DD] | --list
Adds fingerprints (path:rule:hash, as printed in a report; never the secret) to allowlist.fingerprints,
with the reason, who (git user.name and user.email) and when.
--last          the findings of the last blocked run of this worktree: on a terminal, lists them
                (redacted) and asks which (all, none, or 1,3-5) and why; elsewhere needs --all.
--all           with --last: every finding of that run, without asking.
--reason TEXT   why they are not secrets, or acceptable (recorded beside them).
--until DAY     the last day they are ignored (YYYY-MM-DD, UTC); from the next day on they block again.
--list          shows every ignored fingerprint with its reason, who, when and until when.
`,
  fix: `Usage: leakgate fix [path… | fingerprint…] [--dry-run]
Rewrites each secret of the last blocked commit (or in the files, or with the fingerprints, named)
to read its provider's environment variable, in the file's language: process.env.X, os.environ["X"]
(adds import os), os.Getenv("X") (adds "os"; a const becomes a var), System.getenv("X"),
ENV.fetch("X"), getenv('X'), Environment.GetEnvironmentVariable("X") (adds using System;), "\${X}"
in shell, \${X} in docker compose and Spring application*.yml, var.x with a sensitive variable "x"
in Terraform (read from TF_VAR_x); in a committed .env-style file the line keeps KEY= only.
The value goes to .env (created readable only by you), .env is added to .gitignore when git does
not ignore it, the name (no value) to .env.example; the rewritten file, .gitignore and .env.example
are staged, so git commit passes. The value is read again from the files and checked by the
detector; it is never printed. The original files are kept under .git/leakgate/fix-backup/.
Refuses (exit 2, nothing changed) when .env is tracked, or when unstaged changes touch a line
that holds the secret. What it cannot rewrite (minified code, an unknown language, a value
inside a longer string, a constant) is left alone and named (exit 1).
--dry-run: shows the diff and changes nothing.
`,
  incident: `Usage: leakgate incident <fingerprint…> | --last [--format text|markdown]
For a key that may already be out. Finds every place it is in this clone, by scanning (a
fingerprint names the rule and a hash of the value, never the value): local and remote-tracking
branches, tags, stashes, reflogs, the index and the work tree (files git ignores, such as .env, are
named apart); the first commit that added it (author, date) and each later commit that still
carries it, renames followed. Says which remotes' known refs hold
it, or "only local": a key never pushed needs no revocation, only a rewrite, and the report shows
how. A pushed key gets the rotation checklist for its provider: create a new key, put it in the
secret store, update every service, deactivate the old key, check the provider's logs since the
first commit, then purge history with git filter-repo. Never prints the key.
--last: the findings of the last blocked commit, push or scan. --format markdown: for a ticket.
Exit codes: 0 the key is nowhere in this clone, 1 it is somewhere, 2 error.
`,
  explain: 'Usage: leakgate explain <rule-id>\nPrints what the rule finds and how to revoke and rotate that credential.\n',
  install:
    'Usage: leakgate install [--force]\nInstalls the pre-commit, pre-push and commit-msg hooks. Idempotent; chains existing hooks.\nWhere lefthook, simple-git-hooks or the pre-commit framework runs the hooks, writes nothing and prints what to add to their config; --force installs anyway.\n',
  uninstall: 'Usage: leakgate uninstall\nRemoves exactly what install added.\n',
  'pre-commit': 'Usage: leakgate pre-commit\nScans the staged changes (index against HEAD). Run by the pre-commit hook.\n',
  rules: 'Usage: leakgate rules\nLists the rules by family.\n',
  'commit-msg':
    'Usage: leakgate commit-msg <file>\nScans the commit message in <file> (lines git drops, such as comments of an edited message, are skipped). Run by the commit-msg hook.\n',
  import: `Usage: leakgate import [files…] [--force]
Translates other scanners' configs into the config in force (.leakgate.json, or the leakgate key
of package.json) and the baseline (.leakgate-baseline.json). Without files: those found at the
repository root: .gitleaks.toml / gitleaks.toml and .gitleaksignore (gitleaks), .secrets.baseline
(detect-secrets), .secretlintrc.json (secretlint).
It merges: what the config holds stays, and an imported rule whose id a different rule of the
config already has needs --force. Ignored findings (.gitleaksignore lines, detect-secrets results)
are fingerprinted by scanning the file at that line (at that commit for gitleaks); a detect-secrets
result counts only when the secret found there has its hashed_secret (SHA-1).
Everything it cannot translate is listed with the reason. Exit codes: 0 imported, 2 bad input.
`,
  doctor: `Usage: leakgate doctor
Checks that this clone's pre-commit, pre-push and commit-msg hooks are active (where git runs hooks from,
each hook present, executable and running leakgate), which leakgate they run (path and version), and that
the config and baseline are valid. Prints a checklist. Exit codes: 0 all well, 1 a problem, 2 error.
`,
};

export function helpFor(topic: string | undefined): string {
  return (topic && TOPICS[topic]) || HELP;
}
