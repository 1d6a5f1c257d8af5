#!/usr/bin/env bash
# leakgate's GitHub Action (action.yml runs this; a test runs it with the variables a runner sets).
#   run.sh scan     installs leakgate at the action's own version, works out the commits the event
#                   brought (a push's range, a pull request's or merge queue group's commits), scans them, writes the
#                   report and the step's outputs. Exit 2 when leakgate could not judge; findings
#                   alone do not fail this step, so the SARIF can be uploaded first.
#   run.sh verdict  fails the job on findings when fail-on-findings is true.
# Inputs arrive as INPUT_* variables (action.yml maps them), never spliced into the script.
set -euo pipefail

action_dir=${GITHUB_ACTION_PATH:-$(cd -- "$(dirname -- "$0")/.." && pwd)}

fail() {
  echo "::error title=leakgate::$*" >&2
  exit 2
}

set_output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi
}

summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s\n' "$1" >>"$GITHUB_STEP_SUMMARY"; fi
}

# A field of the event's JSON by dotted path ('' when absent): node is there, jq may not be.
event_field() {
  [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ] || return 0
  node -e 'const value = process.argv[2].split(".").reduce((object, key) => (object == null ? undefined : object[key]), JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")));
process.stdout.write(value == null ? "" : String(value));' "$GITHUB_EVENT_PATH" "$1"
}

is_commit() {
  git cat-file -e "$1^{commit}" 2>/dev/null
}

is_zero() {
  case $1 in
    '' | *[!0]*) return 1 ;;
    *) return 0 ;;
  esac
}

# The commit is fetched when the checkout lacks it (a shallow clone, a force-pushed before).
ensure_commit() {
  is_commit "$1" || git fetch --quiet --no-tags origin "$1" >/dev/null 2>&1 || true
  is_commit "$1"
}

install_leakgate() {
  local version package prefix
  version=${INPUT_LEAKGATE_VERSION:-}
  if [ -z "$version" ]; then
    version=$(node -p 'require(process.argv[1]).version' "$action_dir/package.json") || fail "cannot read the action's version from $action_dir/package.json"
  fi
  [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || fail "leakgate-version must be an exact version (x.y.z), not '$version': the action never runs an unpinned leakgate"
  # LEAKGATE_PACKAGE: the same version from elsewhere (a mirror's tarball, a test's packed build).
  package=${LEAKGATE_PACKAGE:-leakgate@$version}
  prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/leakgate-action-$version"
  if [ ! -x "$prefix/bin/leakgate" ]; then
    npm install --global --prefix "$prefix" --no-audit --no-fund --loglevel=error "$package" >&2 || fail "npm could not install $package"
  fi
  leakgate=$prefix/bin/leakgate
  local installed
  installed=$("$leakgate" --version) || fail "the installed leakgate does not run"
  [ "$installed" = "$version" ] || fail "installed leakgate $installed, expected $version"
}

# Sets range (the rev-list arguments of --history; empty: every ref) and trusted (the revision whose
# config judges the scan: a pull request's base, so the pull request cannot loosen its own scan).
work_out_range() {
  range=()
  trusted=
  nothing_to_scan=
  local default_branch
  default_branch=$(event_field repository.default_branch)
  case ${GITHUB_EVENT_NAME:-} in
    pull_request | pull_request_target | merge_group)
      local base head
      if [ "$GITHUB_EVENT_NAME" = merge_group ]; then
        base=$(event_field merge_group.base_sha)
        head=$(event_field merge_group.head_sha)
      else
        base=$(event_field pull_request.base.sha)
        head=$(event_field pull_request.head.sha)
      fi
      if [ -z "$base" ] || [ -z "$head" ]; then fail "the ${GITHUB_EVENT_NAME} event names no base and head commit"; fi
      ensure_commit "$base" || fail "the base commit $base is not in this checkout (actions/checkout with fetch-depth: 0)"
      ensure_commit "$head" || fail "the head commit $head is not in this checkout (actions/checkout with fetch-depth: 0)"
      range=("$base..$head")
      trusted=$base
      ;;
    push)
      local before after
      before=$(event_field before)
      after=$(event_field after)
      after=${after:-${GITHUB_SHA:-}}
      if [ "$(event_field deleted)" = true ] || is_zero "$after"; then
        nothing_to_scan=1
        return
      fi
      ensure_commit "$after" || fail "the pushed commit $after is not in this checkout"
      if [ -n "$before" ] && ! is_zero "$before" && ensure_commit "$before"; then
        range=("$before..$after")
      elif [ -n "$default_branch" ] && [ "${GITHUB_REF:-}" != "refs/heads/$default_branch" ] && is_commit "refs/remotes/origin/$default_branch"; then
        # A new branch (before is all zeros) or a force push whose old tip is gone: what the
        # default branch does not have.
        range=("$after" "^refs/remotes/origin/$default_branch")
      else
        # The first push of the default branch: all of its history.
        range=("$after")
      fi
      if [ -n "$default_branch" ] && [ "${GITHUB_REF:-}" != "refs/heads/$default_branch" ] && is_commit "refs/remotes/origin/$default_branch"; then
        trusted=refs/remotes/origin/$default_branch
      else
        trusted=$after
      fi
      ;;
    *)
      # schedule, workflow_dispatch…: every ref, judged by the checked-out commit's config.
      trusted=HEAD
      ;;
  esac
}

scan() {
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || fail "no git checkout here: run actions/checkout first"
  if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
    # A range needs its commits and their parents: a shallow checkout has one commit.
    git fetch --quiet --no-tags --unshallow origin || fail "this checkout is shallow and could not be deepened: use actions/checkout with fetch-depth: 0"
  fi
  local format report config_from
  format=${INPUT_FORMAT:-sarif}
  case $format in
    sarif) report=${INPUT_OUTPUT:-leakgate.sarif} ;;
    json) report=${INPUT_OUTPUT:-leakgate.json} ;;
    text) report=${INPUT_OUTPUT:-leakgate.txt} ;;
    *) fail "format must be sarif, json or text, not '$format'" ;;
  esac
  if [ "${INPUT_UPLOAD_SARIF:-false}" = true ] && [ "$format" != sarif ]; then
    fail "upload-sarif needs format: sarif (it is '$format')"
  fi

  range=()
  trusted=
  nothing_to_scan=
  if [ -n "${INPUT_RANGE:-}" ]; then
    read -r -a range <<<"$INPUT_RANGE"
  else
    work_out_range
  fi
  if [ -n "$nothing_to_scan" ]; then
    summary "leakgate: the push deletes a branch: nothing to scan."
    set_output exit-code 0
    set_output findings 0
    return 0
  fi
  # config-from: a revision, 'none' for the checked-out files' config, empty for the event's choice.
  config_from=${INPUT_CONFIG_FROM:-$trusted}
  local config_args=()
  if [ -n "$config_from" ] && [ "$config_from" != none ]; then config_args=(--config-from "$config_from"); fi

  install_leakgate
  local code=0
  "$leakgate" scan --history "${range[@]}" "${config_args[@]}" --format "$format" --output "$report" || code=$?
  if [ "$code" -gt 1 ]; then fail "leakgate could not scan (exit $code): see the message above"; fi
  local findings=
  case $format in
    sarif) findings=$(node -p 'JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")).runs[0].results.length' "$report") ;;
    json) findings=$(node -p 'JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")).findings.length' "$report") ;;
  esac
  set_output report "$report"
  set_output exit-code "$code"
  set_output findings "$findings"
  local what=${range[*]:-every ref}
  if [ "$code" = 0 ]; then
    summary "leakgate: no secrets in $what (report: $report)."
  else
    summary "leakgate: ${findings:-some} finding(s) in $what (report: $report)."
  fi
}

verdict() {
  if [ "${LEAKGATE_EXIT_CODE:-}" = 1 ] && [ "${INPUT_FAIL_ON_FINDINGS:-true}" = true ]; then
    echo "::error title=leakgate::${LEAKGATE_FINDINGS:-Some} secret(s) found in the scanned commits: see ${LEAKGATE_REPORT:-the report} (or code scanning), then remove, rotate and revoke them." >&2
    exit 1
  fi
}

case ${1:-} in
  scan) scan ;;
  verdict) verdict ;;
  *)
    echo "usage: $0 scan|verdict" >&2
    exit 2
    ;;
esac
