#!/bin/sh
# port-ci.sh - score a port in its own repository's CI with an installed interpcheck.
#
# The GitHub Actions and GitLab CI examples beside this file call it; interpcheck's own CI
# runs it on the example port (ports/examples/minimal) so these commands are known to work.
# `make install` puts it in PREFIX/share/interpcheck/ci/.
#
# Environment:
#   PORT_SRC     the port's C sources (required), e.g. "src/my_port.c src/util.c"
#   PORT_CFLAGS  extra compiler flags (include directories of the library you wrap...)
#   PORT_LIBS    extra link flags (-lmylib -lm)
#   TORCH        the oracle, as --torch takes it ("2.14", "1.13"); default: the newest
#   EXPECT       an expectations file (known differences; see --expect), used when it exists
#   BASELINE     a JSON report of an earlier run (e.g. from the main branch): when it exists,
#                `interpcheck diff` names every new failure and fails the job on regression
#   OUT          where the port and the reports go (default interpcheck-reports)
#   CC           the C compiler (default cc)
#
# Exit status: 0 when only expected outcomes happened and nothing regressed against BASELINE.
set -eu
: "${PORT_SRC:?set PORT_SRC to the port's C sources}"
OUT=${OUT:-interpcheck-reports}
CC=${CC:-cc}
mkdir -p "$OUT"

# The ABI header comes from the installed suite: pkg-config --cflags interpcheck.
# shellcheck disable=SC2086
"$CC" -std=c99 -O2 -fPIC -shared $(pkg-config --cflags interpcheck) ${PORT_CFLAGS:-} \
    $PORT_SRC -o "$OUT/port.so" ${PORT_LIBS:-} -lm

set -- --port "$OUT/port.so" --json "$OUT/report.json" --junit "$OUT/report.xml" \
    --html "$OUT/report.html"
if [ -n "${TORCH:-}" ]; then
    set -- "$@" --torch "$TORCH"
fi
if [ -n "${EXPECT:-}" ] && [ -f "$EXPECT" ]; then
    set -- "$@" --expect "$EXPECT"
fi
status=0
interpcheck "$@" || status=$?
if [ -n "${BASELINE:-}" ] && [ -f "$BASELINE" ]; then
    interpcheck diff "$BASELINE" "$OUT/report.json" --junit "$OUT/diff.xml" \
        --html "$OUT/diff.html" || status=1
fi
exit "$status"
