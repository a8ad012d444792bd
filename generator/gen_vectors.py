#!/usr/bin/python3
"""interpcheck golden-set generator: runs the catalogue through torch 1.13.1, writes vectors/.

    /usr/bin/python3 generator/gen_vectors.py [--out DIR] [--allow-other-torch] [--jobs N]

Writes DIR/manifest.json, DIR/blobs/<sha256>.bin and DIR/SUMMARY.md exactly as
vectors/FORMAT.md (version 1) specifies. Output is byte-reproducible: no timestamps, inputs
from per-case seeded numpy Generators, cases ordered by id.

Oracle design (see generator/README.md): the canonical output comes from a worker process
with ATEN_CPU_CAPABILITY=default and one thread (unfused IEEE float32); a second worker runs
the AVX2 dispatch. Each worker also runs every 4-D/5-D case with the input converted to the
other memory format. Outputs differing in any bit from the canonical are stored as
`alternatives`.
"""

import argparse
import collections
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import catalogue  # noqa: E402
import claims  # noqa: E402
import check_manifest  # noqa: E402
import families  # noqa: E402

RECORDED_TORCH = "1.13.0a0"
RECORDED_PACKAGE = "1.13.1+dfsg-4"
ITEMSIZE = {"float32": 4, "float64": 8, "uint8": 1, "int32": 4, "float16": 2}
VARIANTS = [("avx2", "avx2", False), ("channels_last", "default", True),
            ("avx2_channels_last", "avx2", True)]


class GenError(Exception):
    """A catalogue or oracle inconsistency: the generator refuses to write a set."""


def all_cases():
    cases = (catalogue.sanity_cases() + catalogue.dtype_cases() + catalogue.layout_cases()
             + catalogue.value_cases() + catalogue.strided_cases() + families.edge_cases()
             + families.regression_cases() + families.error_cases()
             + families.random_cases())
    seen = set()
    for c in cases:
        cid = c["id"]
        if cid in seen:
            raise GenError("duplicate case id: %s" % cid)
        seen.add(cid)
        if not all(ch.isalnum() and ch.islower() or ch.isdigit() or ch in "_.-" for ch in cid):
            raise GenError("case id has characters outside [a-z0-9_.-]: %s" % cid)
        if c["error"] is not None and c["error"] not in catalogue.ERROR_CATEGORY:
            raise GenError("%s: unknown expected error class %s" % (cid, c["error"]))
        if c["family"] == "error" and c["error"] is None:
            raise GenError("%s: family error without an expected error" % cid)
        if c["family"] != "error" and c["error"] is not None:
            raise GenError("%s: expected error outside family error" % cid)
        if c["issue"] and c["family"] != "regression":
            raise GenError("%s: issue outside family regression" % cid)
    return sorted(cases, key=lambda c: c["id"])


def package_version():
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run_workers(cases, tmp, python):
    """Run the default and avx2 workers concurrently; return {capability: pickle payload}."""
    payload = []
    for c in cases:
        d = dict(c)
        d["array"] = catalogue.build_array(c)
        payload.append(d)
    in_path = os.path.join(tmp, "cases.pickle")
    with open(in_path, "wb") as f:
        pickle.dump(payload, f, protocol=4)
    procs = {}
    for cap in ("default", "avx2"):
        out_path = os.path.join(tmp, "out-%s.pickle" % cap)
        env = dict(os.environ)
        env["ATEN_CPU_CAPABILITY"] = cap
        env["OMP_NUM_THREADS"] = "1"
        procs[cap] = (subprocess.Popen([python, os.path.join(HERE, "worker.py"), cap, in_path,
                                        out_path], env=env), out_path)
    results = {}
    for cap, (proc, out_path) in procs.items():
        if proc.wait() != 0:
            raise GenError("worker %s failed (exit %d)" % (cap, proc.returncode))
        with open(out_path, "rb") as f:
            results[cap] = pickle.load(f)
    return results


class BlobStore:
    """Content-addressed blobs: sha256 name, identical tensors stored once."""

    def __init__(self, directory):
        self.directory = directory
        self.names = set()

    def put(self, data):
        name = hashlib.sha256(data).hexdigest()
        if name not in self.names:
            self.names.add(name)
            with open(os.path.join(self.directory, name + ".bin"), "wb") as f:
                f.write(data)
        return name


def tags_for(c):
    dims = len(c["shape"]) - 2
    ac = {None: "none", False: "false", True: "true"}[c["align_corners"]]
    if c["size"] is not None and c["scale_factor"] is not None:
        arg = "both"
    elif c["size"] is not None:
        arg = "size"
    elif c["scale_factor"] is not None:
        arg = "scale"
    else:
        arg = "none"
    rsf = {None: "none", False: "false", True: "true"}[c["recompute_scale_factor"]]
    tags = ["mode:%s" % c["mode"], "dims:%d" % dims, "ac:%s" % ac, "arg:%s" % arg,
            "recompute:%s" % rsf, "aa:%d" % (1 if c["antialias"] else 0),
            "dtype:%s" % c["dtype"], "layout:%s" % c["layout"], "family:%s" % c["family"]]
    if c["issue"]:
        tags.append("issue:%s" % c["issue"].split("#")[-1])
    if c["dtype"] not in ("uint8", "int32"):
        tags.append("values:%s" % c["values"])
    return tags


def json_scale(v):
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return [json_scale(x) for x in v]
    if isinstance(v, str):
        return v
    return v


def tolerance_for(c):
    if c["mode"] in ("nearest", "nearest-exact") or c["dtype"] == "uint8":
        return "exact"
    return "float"


def assemble(cases, results, store):
    """Check every worker result against the catalogue and build the manifest case list."""
    out = []
    alt_counts = collections.Counter()
    problems = []
    for c in cases:
        try:
            entry = _assemble_one(c, results, store, alt_counts)
        except GenError as e:
            problems.append(str(e))
            continue
        out.append(entry)
    calls = {}
    for e in out:
        key = json.dumps([e["call"], e["input"]], sort_keys=True)
        if key in calls:
            problems.append("%s: the same call on the same input as %s" % (e["id"], calls[key]))
        calls[key] = e["id"]
    if problems:
        raise GenError("%d problem(s):\n  %s" % (len(problems),
                                                                   "\n  ".join(problems)))
    return out, alt_counts


def _assemble_one(c, results, store, alt_counts):
    """One manifest entry, after checking the workers against each other and the catalogue."""
    default = results["default"]["results"]
    avx2 = results["avx2"]["results"]
    cid = c["id"]
    r, ra = default[cid], avx2[cid]
    if r["in_blob"] != ra["in_blob"] or r["in_strides"] != ra["in_strides"]:
        raise GenError("%s: workers built different inputs" % cid)
    if r["in_shape"] != c["shape"]:
        raise GenError("%s: input shape %s, catalogue says %s" % (cid, r["in_shape"],
                                                                    c["shape"]))
    got_err = r.get("error")
    if (got_err is None) != (ra.get("error") is None) or (
            got_err and got_err != ra.get("error")):
        raise GenError("%s: dispatches disagree on the error: %r vs %r"
                       % (cid, got_err, ra.get("error")))
    want = c["error"]
    if want is None and got_err is not None:
        raise GenError("%s: torch raised %s: %s, but the case expects success"
                       % (cid, got_err[0], got_err[1]))
    if want is not None and (got_err is None or got_err[0] != want):
        raise GenError("%s: expected %s, torch gave %r" % (cid, want, got_err))
    entry = collections.OrderedDict()
    entry["id"] = cid
    entry["family"] = c["family"]
    entry["tags"] = tags_for(c)
    if c["issue"]:
        entry["issue"] = c["issue"]
    entry["note"] = c["note"]
    entry["call"] = collections.OrderedDict([
        ("mode", c["mode"]), ("size", c["size"]),
        ("scale_factor", json_scale(c["scale_factor"])),
        ("align_corners", c["align_corners"]),
        ("recompute_scale_factor", c["recompute_scale_factor"]),
        ("antialias", c["antialias"]), ("size_is_float", c["size_is_float"])])
    itemsize = ITEMSIZE[c["dtype"]]
    in_blob = r["in_blob"]
    if c["shape"] and all(n > 0 for n in c["shape"]):
        span = 1 + sum((n - 1) * s for n, s in zip(c["shape"], r["in_strides"]))
        if span * itemsize != len(in_blob):
            raise GenError("%s: input blob size mismatch" % cid)
    entry["input"] = collections.OrderedDict([
        ("dtype", c["dtype"]), ("shape", c["shape"]), ("strides", r["in_strides"]),
        ("layout", c["layout"]), ("blob", store.put(in_blob)), ("nbytes", len(in_blob))])
    if got_err is None:
        if r["out_dtype"] != c["dtype"] or r["out_shape"] != ra["out_shape"]:
            raise GenError("%s: output dtype/shape disagreement" % cid)
        want_out = catalogue.out_spatial(c["shape"][2:], c["size"], c["scale_factor"])
        if r["out_shape"] != c["shape"][:2] + want_out:
            raise GenError("%s: output shape %s, floor(in * scale) predicts %s"
                           % (cid, r["out_shape"], c["shape"][:2] + want_out))
        expected = r["out"]
        entry["expected"] = collections.OrderedDict([
            ("dtype", r["out_dtype"]), ("shape", r["out_shape"]),
            ("blob", store.put(expected)), ("nbytes", len(expected))])
        alts = []
        for name, cap, other in VARIANTS:
            src = results[cap]["results"][cid]
            data = src["alt"] if other else src["out"]
            if data is None:
                continue
            if len(data) != len(expected):
                raise GenError("%s: variant %s has a different size" % (cid, name))
            if data != expected:
                alts.append(collections.OrderedDict([("variant", name),
                                                     ("blob", store.put(data))]))
                alt_counts[name] += 1
        if alts:
            entry["alternatives"] = alts
        if c["dtype"] == "float32":
            entry["float64"] = {"blob": store.put(r["f64"])}
        entry["tolerance"] = tolerance_for(c)
        entry["error"] = None
    else:
        entry["tolerance"] = tolerance_for(c)
        entry["error"] = collections.OrderedDict([
            ("class", got_err[0]), ("category", catalogue.ERROR_CATEGORY[got_err[0]]),
            ("message", got_err[1])])
    return entry


def claim_array(c, which, results):
    """Input values (logical, contiguous) or canonical output of a case, for claims.py."""
    import numpy as np

    if which == "input":
        return catalogue.build_array(c)
    r = results["default"]["results"][c["id"]]
    return np.frombuffer(r["out"], dtype=catalogue.NUMPY_DTYPE[r["out_dtype"]]).reshape(
        r["out_shape"])


def provenance(results):
    info = results["default"]["info"]
    avx = results["avx2"]["info"]
    variants = [
        {"name": "avx2", "aten_cpu_capability": "avx2", "threads": avx["threads"],
         "cpu_capability_reported": avx["cpu_capability_reported"]},
        {"name": "channels_last", "aten_cpu_capability": "default", "threads": info["threads"],
         "cpu_capability_reported": info["cpu_capability_reported"],
         "input": "converted to the other memory format (4-D/5-D)"},
        {"name": "avx2_channels_last", "aten_cpu_capability": "avx2",
         "threads": avx["threads"], "cpu_capability_reported": avx["cpu_capability_reported"],
         "input": "converted to the other memory format (4-D/5-D)"},
    ]
    return collections.OrderedDict([
        ("torch_version", info["torch_version"]),
        ("torch_package", package_version()),
        ("numpy_version", info["numpy_version"]),
        ("python_version", info["python_version"]),
        ("canonical", collections.OrderedDict([
            ("aten_cpu_capability", "default"), ("threads", info["threads"]),
            ("cpu_capability_reported", info["cpu_capability_reported"])])),
        ("variants", variants),
        ("seed", catalogue.SEED),
        ("generator", "generator/gen_vectors.py"),
    ])


def manifest_text(manifest):
    """Pretty top level, one compact line per case (small, and diffs name the case)."""
    head = collections.OrderedDict((k, v) for k, v in manifest.items() if k != "cases")
    text = json.dumps(head, indent=1, allow_nan=False)
    lines = [json.dumps(c, allow_nan=False, separators=(",", ":")) for c in manifest["cases"]]
    return text[:-2] + ',\n "cases": [\n' + ",\n".join(lines) + "\n ]\n}\n"


def dir_size(path):
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


def summary(entries, alt_counts, out_dir):
    """SUMMARY.md: counts per mode x dims x family, alternatives per variant, size on disk."""
    fams = ["sanity", "edge", "random", "regression", "error"]
    valid = {(m + ("+aa" if aa else ""), d) for m, d, aa in catalogue.VALID_MODES}
    table = collections.Counter()
    for e in entries:
        tags = dict(t.split(":", 1) for t in e["tags"])
        key = (tags["mode"] + ("+aa" if tags["aa"] == "1" else ""), int(tags["dims"]))
        if key not in valid:
            key = ("(invalid mode / dims / antialias)", -1)
        table[key + (e["family"],)] += 1
    order = [(m + ("+aa" if aa else ""), d) for m, d, aa in catalogue.VALID_MODES]
    rows = order + [("(invalid mode / dims / antialias)", -1)]
    lines = ["# interpcheck golden set: summary", "",
             "Generated by `generator/gen_vectors.py`; do not edit.", "",
             "## Cases per mode x dims x family", "",
             "`dims` is the number of spatial dimensions (input rank - 2).", "",
             "| mode | dims | " + " | ".join(fams) + " | total |",
             "|---|---|" + "---|" * (len(fams) + 1)]
    col_tot = collections.Counter()
    for m, d in rows:
        cells = [table[(m, d, f)] for f in fams]
        for f, v in zip(fams, cells):
            col_tot[f] += v
        lines.append("| %s | %s | %s | %d |" % (m, str(d) if d >= 0 else "-",
                                                 " | ".join(str(v) for v in cells),
                                                 sum(cells)))
    lines.append("| **total** | | %s | %d |" % (" | ".join(str(col_tot[f]) for f in fams),
                                                 sum(col_tot.values())))
    dtypes = collections.Counter(e["input"]["dtype"] for e in entries)
    lines += ["", "## By input dtype", ""]
    lines += ["- %s: %d" % (k, dtypes[k]) for k in sorted(dtypes)]
    lines += ["", "## Cases with alternatives, by variant", ""]
    with_any = sum(1 for e in entries if e.get("alternatives"))
    lines += ["- %s: %d" % (name, alt_counts[name]) for name, _c, _o in VARIANTS]
    lines += ["- any variant: %d of %d non-error cases" %
              (with_any, sum(1 for e in entries if e["error"] is None))]
    blobs_dir = os.path.join(out_dir, "blobs")
    nblobs = len(os.listdir(blobs_dir))
    manifest_size = os.path.getsize(os.path.join(out_dir, "manifest.json"))
    blob_bytes = dir_size(blobs_dir)
    lines += ["", "## Size", "",
              "- manifest.json: %d bytes" % manifest_size,
              "- blobs: %d files, %d bytes" % (nblobs, blob_bytes),
              "- total (manifest + blobs, file contents): %d bytes (%.1f MiB)"
              % (manifest_size + blob_bytes, (manifest_size + blob_bytes) / 1048576.0), ""]
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--out", default=None, help="output directory (default: vectors/)")
    ap.add_argument("--allow-other-torch", action="store_true",
                    help="accept a torch other than %s (requires --out)" % RECORDED_TORCH)
    ap.add_argument("--python", default=sys.executable, help="interpreter for the workers")
    ap.add_argument("--list", action="store_true", help="print the case ids and exit")
    args = ap.parse_args(argv)

    try:
        cases = all_cases()
    except GenError as e:
        print("gen_vectors: catalogue error: %s" % e, file=sys.stderr)
        return 1
    if args.list:
        for c in cases:
            print(c["id"])
        return 0

    default_out = os.path.join(os.path.dirname(HERE), "vectors")
    out_dir = os.path.abspath(args.out) if args.out else default_out
    if args.allow_other_torch and not args.out:
        print("gen_vectors: --allow-other-torch needs --out DIR (a separate set)",
              file=sys.stderr)
        return 2
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="icgen-") as tmp:
        try:
            results = run_workers(cases, tmp, args.python)
        except GenError as e:
            print("gen_vectors: %s" % e, file=sys.stderr)
            return 1
    version = results["default"]["info"]["torch_version"]
    if version != RECORDED_TORCH and not args.allow_other_torch:
        print("gen_vectors: torch %s is not the recorded %s; refusing (use "
              "--allow-other-torch --out DIR for a separate set)" % (version, RECORDED_TORCH),
              file=sys.stderr)
        return 2

    blobs_dir = os.path.join(out_dir, "blobs")
    if os.path.isdir(blobs_dir):
        shutil.rmtree(blobs_dir)
    os.makedirs(blobs_dir)
    store = BlobStore(blobs_dir)
    try:
        entries, alt_counts = assemble(cases, results, store)
    except GenError as e:
        print("gen_vectors: %s" % e, file=sys.stderr)
        return 1
    problems = claims.check_claims({c["id"]: c for c in cases},
                                   lambda c, which: claim_array(c, which, results))
    if problems:
        for p in problems:
            print("gen_vectors: hand-checked claim fails: %s" % p, file=sys.stderr)
        return 1
    manifest = collections.OrderedDict([
        ("format", "interpcheck-vectors"), ("format_version", 1),
        ("provenance", provenance(results)), ("cases", entries)])
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        f.write(manifest_text(manifest))
    with open(os.path.join(out_dir, "SUMMARY.md"), "w", encoding="utf-8") as f:
        f.write(summary(entries, alt_counts, out_dir))
    problems = check_manifest.check(out_dir)
    if problems:
        for p in problems:
            print("gen_vectors: written set fails FORMAT.md checks: %s" % p, file=sys.stderr)
        return 1
    print("gen_vectors: %d cases, %d blobs -> %s" % (len(entries), len(store.names), out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
