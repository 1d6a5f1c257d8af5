# >>> leakgate >>> (added by `leakgate install`; `leakgate uninstall` removes this block)
# shellcheck source=/dev/null # leakgate's hook runner, from the installed package
leakgate_husky=1 leakgate_chain=@CHAIN@ . node_modules/leakgate/hooks/run.sh
# <<< leakgate <<<
