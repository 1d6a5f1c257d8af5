#!/bin/sh
# leakgate-managed @HOOK@ hook: installed by `leakgate install`, removed by `leakgate uninstall`.
# Runs leakgate, then the hook that was here before (if any) with the same arguments and input.
# LEAKGATE=0 skips leakgate (the chained hook still runs).
# ${0%/*} rather than $(dirname "$0"): a process less on every commit (git runs hooks by path).
leakgate_hook='@HOOK@'
chained="${0%/*}/$leakgate_hook.leakgate-chained"

# Whether a path is safe to run: absolute and outside this work tree. Anything in the work tree
# (node_modules/.bin included) is whatever the last `git pull` brought, so it never runs here.
# git runs hooks at the top of the work tree; $PWD may name it through a symlink, hence both.
leakgate_outside() {
  case "$1" in
    /*) ;;
    *) return 1 ;;
  esac
  case "$1/" in
    "$leakgate_top"/* | "$leakgate_here"/*) return 1 ;;
  esac
  return 0
}

leakgate_run() {
  if [ -n "${LEAKGATE_BIN:-}" ]; then "$LEAKGATE_BIN" "$@"; return $?; fi
  # Builtins only (no process on the common path): cd -P sets $PWD to the physical path.
  leakgate_here=${PWD:-.}
  cd -P . 2>/dev/null || :
  leakgate_top=$PWD
  # The leakgate `install` recorded, run by the node that ran `install` (git GUIs often start
  # hooks without the user's PATH), else by the node on PATH; neither from the work tree.
  if [ -f '@LEAKGATE_CLI@' ] && leakgate_outside '@LEAKGATE_CLI@'; then
    if [ -x '@NODE@' ] && leakgate_outside '@NODE@'; then '@NODE@' '@LEAKGATE_CLI@' "$@"; return $?; fi
    leakgate_node=$(command -v node 2>/dev/null) || leakgate_node=
    if leakgate_outside "$leakgate_node"; then "$leakgate_node" '@LEAKGATE_CLI@' "$@"; return $?; fi
  fi
  # Else the first leakgate on PATH that lies outside the work tree (PATH may hold the work tree's
  # node_modules/.bin under `npm run`, or a relative entry): skip those and go on to the next.
  leakgate_ifs=$IFS; IFS=:
  set -f
  for leakgate_dir in $PATH; do
    if ! { [ -f "$leakgate_dir/leakgate" ] && [ -x "$leakgate_dir/leakgate" ] && leakgate_outside "$leakgate_dir"; }; then continue; fi
    # The folder through its symlinks: one more process, only on this fallback.
    if ! leakgate_real=$(cd -P -- "$leakgate_dir" 2>/dev/null && pwd -P) || ! leakgate_outside "$leakgate_real"; then continue; fi
    IFS=$leakgate_ifs; set +f
    "$leakgate_real/leakgate" "$@"; return $?
  done
  IFS=$leakgate_ifs; set +f
  echo "leakgate: cannot find leakgate outside this work tree (not where it was installed from, not on PATH); a leakgate inside the work tree is never run." >&2
  echo "Install it (npm install -g leakgate, then leakgate install), or in an emergency bypass the check: @BYPASS@" >&2
  return 2
}

if [ "$leakgate_hook" = "pre-push" ]; then
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
  @RUN_HOOK@ || exit $?
fi
if [ -x "$chained" ]; then exec "$chained" "$@"; fi
exit 0
