#!/bin/sh
# leakgate's hook runner: every hook `leakgate install` writes is one line that comes here, so
# the logic is written once. Two ways in:
#
# Plain git hooks run a copy, leakgate-run.sh, that install puts beside the hooks (or under the
# git directory when the hooks folder lies in the work tree):
#     exec <that copy> <hook> "$0" "$@"
# The copy, not this file: a file in the work tree, node_modules included, is whatever the last
# `git pull` brought. install records the leakgate and node it ran with in leakgate-run.paths
# beside the copy (lines `node=<path>` and `cli=<path>`, read without running anything).
#
# husky's .husky/<hook> sources this file from the installed package (husky runs the project's
# node_modules by design), so the rest of that file keeps git's arguments and input:
#     leakgate_husky=1 leakgate_chain=0 . node_modules/leakgate/hooks/run.sh
# leakgate_chain=1 when install found a hook in .git/hooks that husky switched off: it runs too.
#
# LEAKGATE=0 skips leakgate (a chained hook still runs). The pre-commit hook runs the staged
# diff beside Node and pipes it in (src/git/stagedInput.ts; a test holds the command to it).

if [ "${leakgate_husky:-}" = 1 ]; then
  leakgate_hook=${0##*/}
else
  if [ $# -lt 2 ]; then
    echo "leakgate: ${0##*/} runs from the hooks leakgate install writes (usage: ${0##*/} <hook> <hook file> [argument...])" >&2
    exit 2
  fi
  leakgate_hook=$1
  leakgate_chained=$2.leakgate-chained
  shift 2
  leakgate_node=
  leakgate_cli=
  if [ -f "${0%/*}/leakgate-run.paths" ]; then
    while IFS= read -r leakgate_line; do
      case $leakgate_line in
        node=*) leakgate_node=${leakgate_line#node=} ;;
        cli=*) leakgate_cli=${leakgate_line#cli=} ;;
      esac
    done <"${0%/*}/leakgate-run.paths"
  fi
fi

case $leakgate_hook in
  pre-push) leakgate_bypass='git push --no-verify' ;;
  pre-commit | commit-msg) leakgate_bypass='git commit --no-verify' ;;
  *)
    echo "leakgate: no $leakgate_hook hook: leakgate runs as pre-commit, pre-push and commit-msg (run leakgate install again)" >&2
    exit 2
    ;;
esac

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
  if [ "${leakgate_husky:-}" = 1 ]; then
    if [ ! -x node_modules/.bin/leakgate ]; then
      echo "leakgate: not installed in node_modules: run npm install (emergency: $leakgate_bypass)" >&2
      return 2
    fi
    node_modules/.bin/leakgate "$@"
    return $?
  fi
  # Builtins only (no process on the common path): cd -P sets $PWD to the physical path.
  leakgate_here=${PWD:-.}
  cd -P . 2>/dev/null || :
  leakgate_top=$PWD
  # The leakgate `install` recorded, run by the node that ran `install` (git GUIs often start
  # hooks without the user's PATH), else by the node on PATH; neither from the work tree.
  if [ -n "$leakgate_cli" ] && [ -f "$leakgate_cli" ] && leakgate_outside "$leakgate_cli"; then
    if [ -n "$leakgate_node" ] && [ -x "$leakgate_node" ] && leakgate_outside "$leakgate_node"; then "$leakgate_node" "$leakgate_cli" "$@"; return $?; fi
    leakgate_node=$(command -v node 2>/dev/null) || leakgate_node=
    if leakgate_outside "$leakgate_node"; then "$leakgate_node" "$leakgate_cli" "$@"; return $?; fi
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
  echo "Install it (npm install -g leakgate, then leakgate install), or in an emergency bypass the check: $leakgate_bypass" >&2
  return 2
}

# git runs pre-push with no input when the push sends nothing (everything up to date).
if [ "$leakgate_hook" = pre-push ]; then leakgate_refs=$(cat); fi

if [ "${LEAKGATE:-}" != 0 ]; then
  case $leakgate_hook in
    pre-commit)
      { git -c core.quotepath=off -c core.bigFileThreshold=2g -c color.ui=never -c color.diff=never -c diff.noprefix=false -c diff.mnemonicPrefix=false -c diff.relative=false diff --cached --raw -z --no-abbrev --no-relative -M --ignore-submodules=none -p -U0 --no-color --no-ext-diff --no-textconv --src-prefix=a/ --dst-prefix=b/ --diff-filter=ACMRT 2>/dev/null && leakgate_git=0 || leakgate_git=$?; printf '\0LEAKGATE-GIT-EXIT=%s\n' "$leakgate_git"; } |
        { LEAKGATE_STAGED_DIFF='-c core.quotepath=off -c core.bigFileThreshold=2g -c color.ui=never -c color.diff=never -c diff.noprefix=false -c diff.mnemonicPrefix=false -c diff.relative=false diff --cached --raw -z --no-abbrev --no-relative -M --ignore-submodules=none -p -U0 --no-color --no-ext-diff --no-textconv --src-prefix=a/ --dst-prefix=b/ --diff-filter=ACMRT'; export LEAKGATE_STAGED_DIFF; leakgate_run pre-commit; } || exit $?
      ;;
    pre-push)
      if [ -n "$leakgate_refs" ]; then printf '%s\n' "$leakgate_refs" | leakgate_run pre-push "$@" || exit $?; fi
      ;;
    # The input stays for the hook chained after it.
    commit-msg) leakgate_run commit-msg "$@" </dev/null || exit $? ;;
  esac
fi

if [ "${leakgate_husky:-}" = 1 ]; then
  # Sourced: the rest of .husky/<hook> runs after this, so nothing here exits on success.
  if [ "${leakgate_chain:-}" = 1 ]; then
    # The hook that ran before husky took over core.hooksPath.
    leakgate_chained="$(git rev-parse --git-common-dir)/hooks/$leakgate_hook"
    if [ -x "$leakgate_chained" ]; then
      if [ "$leakgate_hook" = pre-push ]; then
        if [ -n "$leakgate_refs" ]; then printf '%s\n' "$leakgate_refs"; fi | "$leakgate_chained" "$@" || exit $?
      else
        "$leakgate_chained" "$@" || exit $?
      fi
    fi
  fi
  # Give the rest of .husky/pre-push the same input git gave it.
  if [ "$leakgate_hook" = pre-push ] && [ -z "$leakgate_refs" ]; then
    exec </dev/null
  elif [ "$leakgate_hook" = pre-push ]; then
    exec <<LEAKGATE_REFS
$leakgate_refs
LEAKGATE_REFS
  fi
else
  if [ -x "$leakgate_chained" ]; then
    if [ "$leakgate_hook" != pre-push ]; then exec "$leakgate_chained" "$@"; fi
    if [ -n "$leakgate_refs" ]; then printf '%s\n' "$leakgate_refs"; fi | "$leakgate_chained" "$@"
    exit $?
  fi
  exit 0
fi
