#!/bin/sh
# lcov-quiet.sh CMD ARGS... - runs an lcov tool, dropping the "Subroutine ... redefined" perl
# warnings that Debian 12's lcov 1.16 prints on every capture; other stderr and the exit
# status pass through.
err=$(mktemp) || exit 1
"$@" 2>"$err"
rc=$?
grep -v 'redefined at' "$err" >&2
rm -f "$err"
exit $rc
