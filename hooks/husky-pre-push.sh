# >>> leakgate >>> (added by `leakgate install`; `leakgate uninstall` removes this block)
leakgate_refs=$(cat)
# git runs pre-push with no input when the push sends nothing (everything up to date).
if [ -n "$leakgate_refs" ] && [ "${LEAKGATE:-}" != "0" ]; then
  if [ ! -x node_modules/.bin/leakgate ]; then
    echo "leakgate: not installed in node_modules: run npm install (emergency: git push --no-verify)" >&2
    exit 2
  fi
  printf '%s\n' "$leakgate_refs" | node_modules/.bin/leakgate pre-push "$@"
fi
# Give the rest of this hook the same input git gave it.
exec <<LEAKGATE_REFS
$leakgate_refs
LEAKGATE_REFS
# <<< leakgate <<<
