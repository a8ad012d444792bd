#!/usr/bin/python3
"""interpcheck vector-set checker: the FORMAT.md "Verifying" rules, without torch or numpy.

    python3 generator/check_manifest.py [vectors]

Checks every blob's sha256 against its name, nbytes against the file size and against
shape/strides/dtype, that every referenced blob exists and no blob is unreferenced, the
required keys and tags of every case, ids unique and sorted. Prints one line per problem;
exit 0 when there is none. gen_vectors.py runs it on every set it writes.
"""

import hashlib
import json
import os
import re
import sys

ITEMSIZE = {"float32": 4, "float64": 8, "uint8": 1, "int32": 4, "float16": 2, "bfloat16": 2}
TAG_KEYS = ("mode", "dims", "ac", "arg", "recompute", "aa", "dtype", "layout", "family")
FAMILIES = ("sanity", "edge", "random", "regression", "version", "error")
CATEGORIES = {"ValueError": "value", "NotImplementedError": "not_implemented",
              "RuntimeError": "runtime", "TypeError": "type", "OverflowError": "overflow"}
VARIANTS = ("avx2", "avx512", "channels_last", "avx2_channels_last", "avx512_channels_last")
ID_RE = re.compile(r"^[a-z0-9_.-]+$")


def _prod(values):
    out = 1
    for v in values:
        out *= v
    return out


def _check_outcome(cid, inp, c, blob, problems):
    """One oracle's outcome object (FORMAT.md)."""
    if c.get("error") is not None:
        err = c["error"]
        if CATEGORIES.get(err.get("class")) != err.get("category"):
            problems.append("%s: error class / category mismatch" % cid)
        for key in ("expected", "alternatives", "float64"):
            if key in c:
                problems.append("%s: error case has %s" % (cid, key))
        return
    exp = c["expected"]
    nbytes = _prod(exp["shape"]) * ITEMSIZE[exp["dtype"]]
    if exp["nbytes"] != nbytes:
        problems.append("%s: expected nbytes %d, shape gives %d" % (cid, exp["nbytes"],
                                                                  nbytes))
    if exp["dtype"] != inp["dtype"]:
        problems.append("%s: expected dtype %s, input %s" % (cid, exp["dtype"], inp["dtype"]))
    blob(cid, "expected", exp["blob"], nbytes)
    for alt in c.get("alternatives", []):
        if alt["variant"] not in VARIANTS:
            problems.append("%s: unknown variant %s" % (cid, alt["variant"]))
        if alt["blob"] == exp["blob"]:
            problems.append("%s: alternative %s equals expected" % (cid, alt["variant"]))
        blob(cid, "alternative " + alt["variant"], alt["blob"], nbytes)
    if inp["dtype"] in ("float32", "float16", "bfloat16"):
        if "float64" not in c:
            problems.append("%s: %s case without float64" % (cid, inp["dtype"]))
        else:
            blob(cid, "float64", c["float64"]["blob"], _prod(exp["shape"]) * 8)


def check(directory):
    """Return a list of problem strings for the vector set in `directory`."""
    problems = []
    with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest.get("format") != "interpcheck-vectors" or manifest.get("format_version") != 2:
        problems.append("manifest.json: format / format_version is not interpcheck-vectors 2")
    oracles = [o.get("name") for o in manifest.get("oracles", [])]
    if not oracles or manifest.get("default_oracle") not in oracles:
        problems.append("manifest.json: oracles missing, or default_oracle not one of them")
    blob_dir = os.path.join(directory, "blobs")
    sizes = {}
    for name in sorted(os.listdir(blob_dir)):
        path = os.path.join(blob_dir, name)
        with open(path, "rb") as f:
            data = f.read()
        sizes[name[:-4]] = len(data)
        if name != hashlib.sha256(data).hexdigest() + ".bin":
            problems.append("blobs/%s: sha256 does not match the name" % name)
    used = set()

    def blob(cid, field, name, nbytes):
        used.add(name)
        if name not in sizes:
            problems.append("%s: %s blob %s missing" % (cid, field, name))
        elif sizes[name] != nbytes:
            problems.append("%s: %s blob has %d bytes, expected %d" % (cid, field, sizes[name],
                                                                     nbytes))

    ids = [c.get("id", "") for c in manifest["cases"]]
    if ids != sorted(ids):
        problems.append("manifest.json: cases are not ordered by id")
    if len(set(ids)) != len(ids):
        problems.append("manifest.json: duplicate ids")
    for c in manifest["cases"]:
        cid = c.get("id", "?")
        if not ID_RE.match(cid):
            problems.append("%s: id has characters outside [a-z0-9_.-]" % cid)
        tags = dict(t.split(":", 1) for t in c["tags"])
        for key in TAG_KEYS:
            if key not in tags:
                problems.append("%s: tag %s missing" % (cid, key))
        if c["family"] not in FAMILIES or tags.get("family") != c["family"]:
            problems.append("%s: bad family" % cid)
        inp = c["input"]
        itemsize = ITEMSIZE[inp["dtype"]]
        shape, strides = inp["shape"], inp["strides"]
        if len(shape) != len(strides):
            problems.append("%s: input shape and strides differ in length" % cid)
        if all(n > 0 for n in shape):
            span = 1 + sum((n - 1) * s for n, s in zip(shape, strides))
            want = span * itemsize
        else:
            want = 0
        if inp["nbytes"] != want:
            problems.append("%s: input nbytes %d, shape/strides give %d" % (cid, inp["nbytes"],
                                                                          want))
        blob(cid, "input", inp["blob"], inp["nbytes"])
        want_tol = "exact" if (c["call"]["mode"] in ("nearest", "nearest-exact")
                               or inp["dtype"] == "uint8") else "float"
        if c.get("tolerance") != want_tol:
            problems.append("%s: tolerance %s, expected %s" % (cid, c.get("tolerance"),
                                                               want_tol))
        outcomes = c.get("outcomes", {})
        if sorted(outcomes) != sorted(oracles):
            problems.append("%s: outcomes for %s, oracles are %s" % (cid, sorted(outcomes),
                                                                     sorted(oracles)))
        refusals = sum(1 for o in outcomes.values() if o.get("error") is not None)
        if (c["family"] == "error") != (refusals == len(outcomes)) or (
                c["family"] == "version") != (0 < refusals < len(outcomes)):
            problems.append("%s: family %s with %d of %d oracles refusing"
                            % (cid, c["family"], refusals, len(outcomes)))
        for name in sorted(outcomes):
            _check_outcome(cid + " [torch " + name + "]", inp, outcomes[name], blob, problems)
    for name in sorted(set(sizes) - used):
        problems.append("blobs/%s.bin: not referenced by any case" % name)
    return problems


def main(argv):
    directory = argv[1] if len(argv) > 1 else "vectors"
    problems = check(directory)
    for p in problems:
        print("check_manifest: %s" % p, file=sys.stderr)
    if problems:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
