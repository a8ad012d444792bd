#!/bin/bash
# verify_vectors.sh: regenerate the golden set with both oracles (torch 2.14.1 and 1.13.1) into
# a temporary directory and compare every byte with the committed one (manifest.json,
# SUMMARY.md, DRIFT.md, every blob, both ways).
#   TORCH_PYTHON=/usr/bin/python3 generator/verify_vectors.sh [vectors]
set -u
committed=${1:-vectors}
py=${TORCH_PYTHON:-/usr/bin/python3}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/icverify.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

if ! "$py" "$here/gen_vectors.py" --python "$py" --out "$tmp"; then
    echo "vectors-verify: FAIL: regeneration failed" >&2
    exit 1
fi

bad=0
for f in manifest.json SUMMARY.md DRIFT.md; do
    if ! cmp -s "$committed/$f" "$tmp/$f"; then
        echo "vectors-verify: DIFFER: $f" >&2
        diff -u "$committed/$f" "$tmp/$f" | head -n 20 | cut -c1-200 >&2
        bad=1
    fi
done
# Blobs: the same names on both sides, and identical bytes (diff -rq names every one).
if ! diff -rq "$committed/blobs" "$tmp/blobs" > "$tmp/.blobdiff" 2>&1; then
    echo "vectors-verify: DIFFER: blobs ($(wc -l < "$tmp/.blobdiff") entries, first 20):" >&2
    head -n 20 "$tmp/.blobdiff" >&2
    bad=1
fi
nblobs=$(find "$committed/blobs" -type f | wc -l)

if [ "$bad" -ne 0 ]; then
    echo "vectors-verify: FAIL: the committed set differs from a fresh regeneration" >&2
    exit 1
fi
echo "vectors-verify: OK: manifest.json, SUMMARY.md, DRIFT.md and $nblobs blobs are" \
    "byte-identical (oracles torch 2.14.1 and 1.13.1)"
