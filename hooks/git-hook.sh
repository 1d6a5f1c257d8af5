#!/bin/sh
# leakgate-managed @HOOK@ hook: installed by `leakgate install`, removed by `leakgate uninstall`.
# Runs leakgate, then the hook that was here before (if any) with the same arguments and input.
# LEAKGATE=0 skips leakgate (the chained hook still runs).
# ${0%/*} rather than $(dirname "$0"): a process less on every commit (git runs hooks by path).
chained="${0%/*}/@HOOK@.leakgate-chained"

leakgate_run() {
  if [ -n "${LEAKGATE_BIN:-}" ]; then "$LEAKGATE_BIN" "$@"; return $?; fi
  # git runs hooks at the top of the work tree: no need to ask it where that is (a process less).
  if [ -x "./node_modules/.bin/leakgate" ]; then ./node_modules/.bin/leakgate "$@"; return $?; fi
  if [ -f '@LEAKGATE_CLI@' ] && command -v node >/dev/null 2>&1; then node '@LEAKGATE_CLI@' "$@"; return $?; fi
  if command -v leakgate >/dev/null 2>&1; then leakgate "$@"; return $?; fi
  echo "leakgate: cannot find leakgate (not in node_modules/.bin, not where it was installed from, not on PATH)." >&2
  echo "Install it (npm install -g leakgate), or in an emergency bypass the check: @BYPASS@" >&2
  return 2
}

if [ "@HOOK@" = "pre-push" ]; then
  refs=$(cat)
  # git runs pre-push with no input when the push sends nothing (everything up to date).
  if [ -n "$refs" ] && [ "${LEAKGATE:-}" != "0" ]; then
    printf '%s\n' "$refs" | leakgate_run pre-push "$@" || exit $?
  fi
  if [ -x "$chained" ]; then
    if [ -n "$refs" ]; then printf '%s\n' "$refs"; fi | "$chained" "$@"
    exit $?
  fi
  exit 0
fi

if [ "${LEAKGATE:-}" != "0" ]; then
  # git diffs the index here while Node starts, so leakgate runs no git of its own for it.
  @RUN_PRE_COMMIT@ || exit $?
fi
if [ -x "$chained" ]; then exec "$chained" "$@"; fi
exit 0
