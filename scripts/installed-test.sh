#!/usr/bin/env bash
# scripts/installed-test.sh - the installed suite, used the way a port's own repository uses it.
#
# `make install` into a temporary DESTDIR staging tree, then, from a scratch directory outside
# the checkout, with only what was installed (interpcheck on PATH, ic_port.h through
# `pkg-config --cflags interpcheck`, no --vectors: the default lookup finds the installed
# vectors next to the binary):
#   1. docs/ci/port-ci.sh (the script the GitHub/GitLab examples call) on the example port;
#   2. a port with known differences is red, --write-expect records them, and with its
#      expectations file the same port is green;
#   3. one more broken case turns it red, and `interpcheck diff` names that case;
#   4. fixing one known difference reports XPASS (green; red with --expect-strict);
#   5. the installed tree moved elsewhere still finds its vectors.
# Usage: scripts/installed-test.sh [MAKE]   (run from the checkout; `make installed-test`)
set -euo pipefail
make_cmd=${1:-make}
checkout=$(pwd -P)
tmp=$(mktemp -d /tmp/interpcheck-installed.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
prefix=/opt/interpcheck-installed-test
fails=0

fail() {
    echo "installed-test: FAIL: $*" >&2
    fails=$((fails + 1))
}

# expect_rc WANT LOG cmd...: runs cmd, output to LOG, and checks its exit status.
expect_rc() {
    local want=$1 log=$2 rc=0
    shift 2
    "$@" >"$log" 2>&1 || rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "'$*' exited $rc, want $want; its output:"
        sed 's/^/    /' "$log" | tail -20 >&2
    fi
}

# has LOG TEXT: the file holds the fixed string.
has() {
    grep -qF -- "$2" "$1" || fail "$1 lacks '$2'"
}

$make_cmd --no-print-directory install DESTDIR="$tmp/stage" PREFIX="$prefix" \
    >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log" >&2; exit 1; }
root=$tmp/stage$prefix
export PATH="$root/bin:$PATH"
export PKG_CONFIG_PATH="$root/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$tmp/stage" # the .pc names $prefix; the files are staged
unset INTERPCHECK_VECTORS
work=$tmp/port-repo
mkdir -p "$work"
cd "$work"
case "$(pwd -P)/" in "$checkout"/*) echo "installed-test: scratch dir inside the checkout" >&2; exit 1 ;; esac
[ "$(command -v interpcheck)" = "$root/bin/interpcheck" ] || fail "interpcheck is not the installed one"
[ "$(pkg-config --cflags interpcheck | xargs)" = "-I$tmp/stage$prefix/include/interpcheck" ] ||
    fail "pkg-config --cflags interpcheck: '$(pkg-config --cflags interpcheck)'"
vdir=$(cd "$root/share/interpcheck/vectors" && pwd -P)

# 1. The CI examples' script on the installed example port (written to torch 1.13's nearest).
for y in github-actions.yml gitlab-ci.yml; do
    grep -q 'share/interpcheck/ci/port-ci.sh' "$root/share/interpcheck/ci/$y" ||
        fail "$y does not call the tested port-ci.sh"
done
cp "$root/share/interpcheck/examples/minimal/minimal_port.c" .
expect_rc 0 ci.log env PORT_SRC=minimal_port.c OUT=ci-reports TORCH=1.13 \
    sh "$root/share/interpcheck/ci/port-ci.sh"
has ci.log "0 failed"
has ci-reports/report.json "\"vectors_dir\":	\"$vdir\""
[ -s ci-reports/report.xml ] && [ -s ci-reports/report.html ] || fail "port-ci.sh wrote no reports"

# 2. A port with known differences, built on the installed example: 1-D outputs get their
#    first element wrong (KNOWN_1D) except length FIXED_LEN; NEW_BREAK breaks one 3-D case.
#    The case ids below are the committed vectors' (the only 1-D case with an output of 14,
#    the only 3-D one with a last axis of 82): when the vectors change, pick them again.
cat >my_port.c <<'PORT'
/* my_port.c - the example port with deliberate differences from torch. */
#define ic_port_entry_v1 example_entry_v1
#include "minimal_port.c"
#undef ic_port_entry_v1
#ifndef FIXED_LEN
#define FIXED_LEN (-1)
#endif

IC_EXPORT const ic_port *ic_port_entry_v1(void);

static int32_t my_run(const ic_tensor *in, const ic_args *a, const ic_tensor *out, char *msg,
                      size_t len)
{
    int32_t st = run(in, a, out, msg, len);
    int64_t numel = 1;
    for (int32_t k = 0; k < out->ndim; k++) {
        numel *= out->shape[k];
    }
    if (numel > 0) {
#ifdef KNOWN_1D
        if (out->ndim == 3 && out->shape[2] != FIXED_LEN) {
            ((float *)out->data)[0] += 1.0f;
        }
#endif
#ifdef NEW_BREAK
        if (out->ndim == 5 && out->shape[4] == 82) {
            ((float *)out->data)[0] += 1.0f;
        }
#endif
    }
    return st;
}

static ic_port mine;

IC_EXPORT const ic_port *ic_port_entry_v1(void)
{
    mine = *example_entry_v1();
    mine.name = "my-port";
    mine.interpolate = my_run;
    return &mine;
}
PORT
build() { # build OUT.so -Dflags...
    local out=$1
    shift
    cc -std=c99 -O2 -fPIC -shared $(pkg-config --cflags interpcheck) -I. "$@" my_port.c \
        -o "$out" -lm
}
build known.so -DKNOWN_1D
build broken.so -DKNOWN_1D -DNEW_BREAK
build fixed.so -DKNOWN_1D -DFIXED_LEN=14

expect_rc 1 base.log interpcheck --port ./known.so --write-expect known.txt --json base.json
nknown=$(grep -vc '^#' known.txt || true)
[ "$nknown" -gt 1 ] || fail "--write-expect recorded $nknown known differences"
grep -q '^random_0072_nearest_acn_size_rsf0_f32_n1c6_3_to_14 FAIL:values ' known.txt ||
    fail "known.txt lacks the 1-D length-14 case"

expect_rc 0 green.log interpcheck --port ./known.so --expect known.txt --json green.json \
    --junit green.xml --html green.html
has green.log "0 failed, "
has green.log "$nknown xfailed, 0 xpassed"
has green.json "\"vectors_dir\":	\"$vdir\""
has green.xml "<skipped message=\"XFAIL (expected FAIL): "
has green.html "Expected failures (XFAIL, $nknown)"

# 3. One more broken case: red, and diff names it.
expect_rc 1 red.log interpcheck --port ./broken.so --expect known.txt --json red.json
has red.log "FAIL  edge_nearest_acn_sizet_f32_n2c2_3x2x2_to_3x2x82: values"
has red.log "1 failed, "
expect_rc 1 diff.log interpcheck diff green.json red.json --junit diff.xml --html diff.html
has diff.log "new failure     edge_nearest_acn_sizet_f32_n2c2_3x2x2_to_3x2x82: PASS -> FAIL:values"
has diff.log "diff: 1 new failures,"
has diff.log "RUN DIFFERS  run.port_path: ./known.so -> ./broken.so"
has diff.xml "<failure type=\"new failure\""
has diff.html "edge_nearest_acn_sizet_f32_n2c2_3x2x2_to_3x2x82"

# 4. One known difference fixed: XPASS, green unless --expect-strict.
expect_rc 0 xpass.log interpcheck --port ./fixed.so --expect known.txt --json fixed.json
has xpass.log "XPASS random_0072_nearest_acn_size_rsf0_f32_n1c6_3_to_14: passes"
has xpass.log "1 xpassed"
expect_rc 1 strict.log interpcheck --port ./fixed.so --expect known.txt --expect-strict
has strict.log "1 XPASS with --expect-strict"
expect_rc 0 fixdiff.log interpcheck diff green.json fixed.json
has fixdiff.log "fixed           random_0072_nearest_acn_size_rsf0_f32_n1c6_3_to_14: FAIL:values -> PASS"

# A tolerance profile is labelled non-conformant everywhere and never loosens exact (nearest)
# cases: the known differences stay FAIL.
expect_rc 1 prof.log interpcheck --port ./known.so --atol 2 --rtol 0 --json prof.json \
    --junit prof.xml --html prof.html
has prof.log "NON-CONFORMANT RUN: tolerance profile atol=2 rtol=0"
has prof.log "$nknown failed, "
has prof.json '"conformant":	false'
has prof.json '"tolerance_profile":'
has prof.xml 'name="conformance" value="NON-CONFORMANT'
has prof.html "NON-CONFORMANT RUN"

# 5. The installed tree, moved, still finds its own vectors (no --vectors, no environment).
mv "$tmp/stage$prefix" "$tmp/moved"
expect_rc 0 moved.log "$tmp/moved/bin/interpcheck" --port ./known.so --expect known.txt \
    --json moved.json --quiet
has moved.json "\"vectors_dir\":	\"$tmp/moved/share/interpcheck/vectors\""
expect_rc 3 novec.log env -u INTERPCHECK_VECTORS "$tmp/moved/bin/interpcheck" --port ./known.so \
    --vectors "$tmp/nowhere"
has novec.log "cannot load vectors"

if [ "$fails" -ne 0 ]; then
    echo "installed-test: $fails check(s) failed" >&2
    exit 1
fi
echo "installed-test: installed suite OK ($nknown known differences; red on one new break," \
    "named by diff; XPASS on one fix; relocatable)"
