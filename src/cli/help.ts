/** `leakgate --help` and per-command help. */
export const HELP = `leakgate: keeps secrets (API keys, tokens, private keys, passwords) out of git history.

Usage: leakgate <command> [options]

Commands:
  install                 install the pre-commit and pre-push hooks (husky if package.json, else git hooks)
  uninstall               remove exactly what install added
  pre-commit              scan what is staged (run by the hook)
  scan [paths…]           scan files and folders (default: tracked files)
      --format text|json  report format (default text)
      --output FILE       write the report to FILE
  ignore <fingerprint…>   allowlist findings by fingerprint (--last: every finding of the last blocked run)
  rules                   list the rules
  explain <rule-id>       print one rule's remediation guide

Options: --debug (stack traces on errors), --help, --version
Environment: LEAKGATE=0 skips the hooks; NO_COLOR=1 disables colour.
Exit codes: 0 clean, 1 secrets found, 2 usage, config or git error (fails closed).
Config: .leakgate.json at the repository root, or a "leakgate" key in package.json.
`;

const TOPICS: Record<string, string> = {
  scan: `Usage: leakgate scan [paths…] [--format text|json] [--output FILE]
Scans files and folders (skipping .git and node_modules), inside a git repository or not.
Without paths: the tracked files of the repository (or the current folder outside one).
Exit codes: 0 clean, 1 secrets found, 2 error.
`,
  ignore: `Usage: leakgate ignore <fingerprint…> | --last
Adds fingerprints (path:rule:hash, as printed in a report; never the secret) to allowlist.fingerprints.
--last takes every finding of the last blocked run of this worktree.
`,
  explain: 'Usage: leakgate explain <rule-id>\nPrints what the rule finds and how to revoke and rotate that credential.\n',
  install: 'Usage: leakgate install\nInstalls the pre-commit and pre-push hooks. Idempotent; chains existing hooks.\n',
  uninstall: 'Usage: leakgate uninstall\nRemoves exactly what install added.\n',
  'pre-commit': 'Usage: leakgate pre-commit\nScans the staged changes (index against HEAD). Run by the pre-commit hook.\n',
  rules: 'Usage: leakgate rules\nLists the rules by family.\n',
};

export function helpFor(topic: string | undefined): string {
  return (topic && TOPICS[topic]) || HELP;
}
