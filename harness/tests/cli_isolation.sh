#!/usr/bin/env bash
# cli_isolation.sh - command-line checks of issue 13: merge refuses duplicate, missing and mixed
# shards; --no-fork and --no-sandbox are recorded in every report; a planted symlink at a report
# path is replaced, not followed; a port refused at load time is exit 3 and one line.
# Usage: cli_isolation.sh BUILD_DIR VECTORS   (silent on success, one line per failure)
set -u
B=$1 V=$2
IC=$B/interpcheck REF=$B/ports/reference.so
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fails=0
bad() { echo "cli_isolation: $*"; fails=$((fails + 1)); }
SEL=(--include 'regression_5927_*' --include 'regression_29894_*')

for k in 1 2 3; do
    "$IC" --port "$REF" --vectors "$V" "${SEL[@]}" --shard $k/3 --json "$T/s$k.json" --quiet \
        >/dev/null || bad "shard $k/3 did not pass"
done
"$IC" merge "$T/all.json" "$T/s1.json" "$T/s2.json" "$T/s3.json" >/dev/null 2>"$T/err" ||
    bad "a complete shard set was refused: $(cat "$T/err")"
grep -q '"shard_n":[[:space:]]*3' "$T/s1.json" || bad "a shard report does not record shard_n 3"
# expect_refused NAME TEXT ARGS...: exit status 3 and exactly one line containing TEXT
expect_refused() {
    local name=$1 text=$2 rc
    shift 2
    "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" -ne 3 ]; then
        bad "$name: exit status $rc, want 3"
    elif [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -q -- "$text" "$T/err"; then
        bad "$name: want one line with '$text', got: $(head -c 300 "$T/err")"
    fi
}
expect_refused "missing shard" "shard 3/3 is missing" \
    "$IC" merge "$T/m.json" "$T/s1.json" "$T/s2.json"
expect_refused "shard given twice" "shard 2/3 given twice" \
    "$IC" merge "$T/m.json" "$T/s1.json" "$T/s2.json" "$T/s2.json" "$T/s3.json"
"$IC" --port "$REF" --vectors "$V" "${SEL[@]}" --json "$T/whole.json" --quiet >/dev/null
expect_refused "duplicate case" "appears in more than one input" \
    "$IC" merge "$T/m.json" "$T/whole.json" "$T/whole.json"
expect_refused "mixed shard set" "not one shard set" \
    "$IC" merge "$T/m.json" "$T/whole.json" "$T/s1.json"
"$IC" --port "$B/ports/minimal.so" --vectors "$V" "${SEL[@]}" --shard 2/3 --json "$T/o2.json" \
    --quiet >/dev/null 2>&1
expect_refused "another port" "scored another port" \
    "$IC" merge "$T/m.json" "$T/s1.json" "$T/o2.json" "$T/s3.json"
"$IC" --port "$REF" --vectors "$V" "${SEL[@]}" --shard 2/3 --torch 1.13 --json "$T/t2.json" \
    --quiet >/dev/null 2>&1
if grep -q '"oracle":[[:space:]]*"1.13"' "$T/t2.json" 2>/dev/null &&
    ! grep -q '"oracle":[[:space:]]*"1.13"' "$T/s1.json"; then
    expect_refused "another torch" "against torch" \
        "$IC" merge "$T/m.json" "$T/s1.json" "$T/t2.json" "$T/s3.json"
fi
[ -e "$T/m.json" ] && bad "a refused merge wrote its output"

# --no-fork and --no-sandbox in every report
"$IC" --port "$REF" --vectors "$V" "${SEL[@]}" --no-fork --json "$T/nf.json" \
    --junit "$T/nf.xml" --html "$T/nf.html" --quiet >/dev/null 2>"$T/err"
grep -q '"no_fork":[[:space:]]*true' "$T/nf.json" || bad "--no-fork: JSON does not say no_fork"
grep -q '"isolated":[[:space:]]*false' "$T/nf.json" || bad "--no-fork: JSON cases not marked"
grep -q 'name="isolated" value="false"' "$T/nf.xml" || bad "--no-fork: JUnit cases not marked"
grep -q 'name="no_fork" value="true"' "$T/nf.xml" || bad "--no-fork: JUnit property missing"
grep -q 'id="not-isolated"' "$T/nf.html" || bad "--no-fork: no HTML banner"
grep -q 'not trusted' "$T/err" || bad "--no-fork: no console warning"
"$IC" --port "$REF" --vectors "$V" "${SEL[@]}" --no-sandbox --json "$T/ns.json" \
    --html "$T/ns.html" --quiet >/dev/null
grep -q '"no_sandbox":[[:space:]]*true' "$T/ns.json" || bad "--no-sandbox: JSON does not say so"
grep -q 'id="no-sandbox"' "$T/ns.html" || bad "--no-sandbox: no HTML banner"
grep -q '"isolation":[[:space:]]*"fork+seccomp"' "$T/whole.json" ||
    bad "a default run does not record isolation fork+seccomp"

# a symlink planted at the report path is replaced, the file it points to untouched
printf 'precious\n' >"$T/victim"
ln -s "$T/victim" "$T/link.json"
"$IC" --port "$REF" --vectors "$V" "${SEL[@]}" --json "$T/link.json" --quiet >/dev/null
[ "$(cat "$T/victim")" = precious ] || bad "the report was written through a symlink"
[ -L "$T/link.json" ] && bad "the symlink at the report path is still there"

# load-time attacks: exit 3 and one line, no report
for p in ctor_exit entry_crash ctor_kill ctor_ftz; do
    rm -f "$T/load.json"
    expect_refused "faulty-$p" "cannot" \
        "$IC" --port "$B/ports/faulty-$p.so" --vectors "$V" "${SEL[@]}" --json "$T/load.json"
    [ -e "$T/load.json" ] && bad "faulty-$p: a report for a port that never loaded"
done
exit $((fails > 0))
