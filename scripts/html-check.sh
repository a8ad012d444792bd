#!/bin/sh
# html-check.sh REPORT.html REPORT.json SCREENSHOT.png - renders an interpcheck HTML report in
# headless Chromium (Debian's chromium package) and checks what the browser built from it:
#   - the five summary counts equal the JSON report's summary;
#   - the matrix table is there, with a full row of cells for each mode row;
#   - the failures are grouped by cause: the groups' case counts add up to fail + error, the
#     table lists as many rows as the groups say they show (a few per cause), and failing
#     cases come with inline <svg> heat maps;
#   - a screenshot is written (non-empty PNG) for a person to look at.
# Exit 0 when all hold, 1 on a mismatch, 2 when chromium is missing or cannot render.
set -u
html=$1 json=$2 png=$3
browser=${CHROMIUM:-chromium}
if ! command -v "$browser" >/dev/null 2>&1; then
    echo "html-check: $browser not found (Debian: apt-get install chromium)" >&2
    exit 2
fi
dom=$(mktemp) || exit 2
trap 'rm -f "$dom"' EXIT
flags="--headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1800"
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
# shellcheck disable=SC2086
if ! timeout 120 "$browser" $flags --dump-dom "$url" >"$dom" 2>/dev/null || [ ! -s "$dom" ]; then
    echo "html-check: $browser could not render $html" >&2
    exit 2
fi
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --screenshot="$png" "$url" >/dev/null 2>&1
bad=0
fail() {
    echo "html-check: $html: $*" >&2
    bad=1
}
[ -s "$png" ] || fail "no screenshot written to $png"

# Summary: the JSON's numbers, then the rendered count boxes in the same order.
want=$(sed -n '/"summary":/,/}/p' "$json" |
       sed -n 's/^[[:space:]]*"\(total\|pass\|fail\|error\|skip\)":[[:space:]]*\([0-9]*\).*/\2/p' |
       tr '\n' ' ')
got=$(grep -o '<div class="count[a-z ]*"><b>[0-9]*</b>' "$dom" | sed 's/.*<b>\([0-9]*\)<\/b>/\1/' |
      tr '\n' ' ')
[ -n "$want" ] || fail "no summary in $json"
[ "$want" = "$got" ] || fail "summary counts: rendered '$got', JSON '$want' (total pass fail error skip)"

# The matrix: every mode row has as many cells as the header announces.
grep -q '<table class="matrix">' "$dom" || fail "no matrix table"
cols=$(grep -o '<th colspan="[0-9]*">' "$dom" | sed 's/[^0-9]//g' | awk '{s += $1} END {print s + 0}')
rows=$(grep -o '<tr><th class="mode">.*</tr>' "$dom" | sed 's/<\/tr>/&\n/g' | grep -c 'class="mode"')
[ "$rows" -gt 0 ] || fail "matrix has no mode rows"
grep -o '<tr><th class="mode">.*</tr>' "$dom" | sed 's/<\/tr>/&\n/g' | grep 'class="mode"' |
    while IFS= read -r row; do
        n=$(printf '%s' "$row" | grep -o '<td class="c-' | wc -l)
        [ "$n" -eq "$cols" ] || { echo "html-check: $html: matrix row with $n cells, want $cols" >&2; exit 1; }
    done || bad=1

# Failures, grouped by cause: the groups hold every non-pass case, and show what they say.
nfail=$(echo "$want" | awk '{print $3 + $4}')
sum_attr() {
    grep -o "$1=\"[0-9]*\"" "$dom" | sed 's/[^0-9]//g' | awk '{s += $1} END {print s + 0}'
}
grouped=$(sum_attr data-cases)
shown=$(sum_attr data-shown)
listed=$(grep -o '<td class="v \(FAIL\|ERROR\)"' "$dom" | wc -l)
[ "$grouped" -eq "$nfail" ] || fail "cause groups hold $grouped cases, want $nfail"
[ "$listed" -eq "$shown" ] || fail "failures table lists $listed cases, the groups show $shown"
if [ "$nfail" -gt 0 ]; then
    maps=$(grep -c '<svg' "$dom")
    [ "$maps" -gt 0 ] || fail "$nfail failing cases but no inline SVG heat map"
fi
[ "$bad" -eq 0 ] && echo "html-check: $html ok (counts $got, matrix $rows x $cols, $listed failure rows, screenshot $png)"
exit $bad
