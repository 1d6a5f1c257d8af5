#!/bin/sh
# leakgate-managed @HOOK@ hook, written by `leakgate install` (`leakgate uninstall` removes it); leakgate-run.sh does the work.
exec @RUNNER@ @HOOK@ "$0" "$@"
