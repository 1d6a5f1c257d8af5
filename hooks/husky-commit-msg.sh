# >>> leakgate >>> (added by `leakgate install`; `leakgate uninstall` removes this block)
if [ "${LEAKGATE:-}" != "0" ]; then
  if [ ! -x node_modules/.bin/leakgate ]; then
    echo "leakgate: not installed in node_modules: run npm install (emergency: git commit --no-verify)" >&2
    exit 2
  fi
  node_modules/.bin/leakgate commit-msg "$1"
fi
# <<< leakgate <<<
