#!/usr/bin/python3
"""interpcheck golden-set generator: runs the catalogue through torch 2.14.1 and 1.13.1.

    /usr/bin/python3 generator/gen_vectors.py [--out DIR] [--allow-other-torch]

Writes DIR/manifest.json, DIR/blobs/<sha256>.bin, DIR/SUMMARY.md and DIR/DRIFT.md exactly as
vectors/FORMAT.md (version 2) specifies. Output is byte-reproducible: no timestamps, inputs
from per-case seeded numpy Generators, cases ordered by id.

Oracle design (see generator/README.md): every case is run through each torch version (the
oracles: 1.13.1 on this machine, 2.14.1 in the chroot scripts/torch-oracle.sh builds). Per
oracle, the canonical output comes from a worker process with ATEN_CPU_CAPABILITY=default and
one thread (unfused IEEE float32); further workers run the AVX2 (and, for 2.14, AVX512)
dispatch. Each worker also runs every 4-D/5-D case with the input converted to the other
memory format. Outputs differing in any bit from the oracle's canonical are stored as that
oracle's `alternatives`.
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
import drift  # noqa: E402
import families  # noqa: E402

ROOT = os.path.dirname(HERE)
ORACLE_SH = os.path.join(ROOT, "scripts", "torch-oracle.sh")
ITEMSIZE = catalogue.ITEMSIZE


class Oracle:
    """One torch version: how to start its workers, which dispatches it runs."""

    def __init__(self, name, recorded, caps, command):
        self.name = name
        self.recorded = recorded  # torch.__version__ the committed set was made with
        self.caps = caps          # ATEN_CPU_CAPABILITY values; caps[0] is the canonical one
        self.command = command    # argv prefix that runs a Python script under this torch

    def variants(self):
        """(variant name, capability, other memory format) for every stored alternative."""
        out = []
        for cap in self.caps:
            if cap != "default":
                out.append((cap, cap, False))
        out.append(("channels_last", "default", True))
        for cap in self.caps:
            if cap != "default":
                out.append(("%s_channels_last" % cap, cap, True))
        return out


def make_oracles(python):
    """The oracles, newest first (the first is the harness's default)."""
    return [
        Oracle("2.14", "2.14.1+debian", ["default", "avx2", "avx512"],
               [ORACLE_SH, "2.14", "run", "python3"]),
        Oracle("1.13", "1.13.0a0", ["default", "avx2"], [python]),
    ]


class GenError(Exception):
    """A catalogue or oracle inconsistency: the generator refuses to write a set."""


def all_cases():
    cases = (catalogue.sanity_cases() + catalogue.dtype_cases() + catalogue.layout_cases()
             + catalogue.value_cases() + catalogue.strided_cases() + catalogue.version_cases()
             + families.edge_cases() + families.discrimination_cases()
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
        declared = [catalogue.declared_error(c, o) for o in catalogue.ORACLE_NAMES]
        for err in declared:
            if err is not None and err not in catalogue.ERROR_CATEGORY:
                raise GenError("%s: unknown expected error class %s" % (cid, err))
        if c["family"] == "error" and None in declared:
            raise GenError("%s: family error without an expected error in every oracle" % cid)
        if c["family"] == "version" and len(set(d is None for d in declared)) != 2:
            raise GenError("%s: family version needs one oracle to refuse, one to accept"
                           % cid)
        if c["family"] not in ("error", "version") and declared != [None] * len(declared):
            raise GenError("%s: expected error outside families error/version" % cid)
        if c["issue"] and c["family"] != "regression":
            raise GenError("%s: issue outside family regression" % cid)
    return sorted(cases, key=lambda c: c["id"])


def run_workers(cases, tmp, oracles, parallel=2):
    """Run every oracle's dispatch workers, `parallel` at a time.

    Returns {oracle name: {capability: pickle payload}}. Inputs are built once here and the
    same bytes go to every worker. Each worker gets ATEN_CPU_CAPABILITY and one thread.
    """
    payload = []
    for c in cases:
        d = dict(c)
        d["array"] = catalogue.build_array(c)
        payload.append(d)
    in_path = os.path.join(tmp, "cases.pickle")
    with open(in_path, "wb") as f:
        pickle.dump(payload, f, protocol=4)
    jobs = [(o, cap) for o in oracles for cap in o.caps]
    running = []
    results = {o.name: {} for o in oracles}
    failed = []

    def reap(entry):
        (o, cap, proc, out_path) = entry
        if proc.wait() != 0:
            failed.append("worker torch %s %s failed (exit %d)" % (o.name, cap,
                                                                  proc.returncode))
            return
        with open(out_path, "rb") as f:
            results[o.name][cap] = pickle.load(f)

    for o, cap in jobs:
        while len(running) >= parallel:
            reap(running.pop(0))
        out_path = os.path.join(tmp, "out-%s-%s.pickle" % (o.name, cap))
        env = dict(os.environ)
        env["ATEN_CPU_CAPABILITY"] = cap
        env["OMP_NUM_THREADS"] = "1"
        proc = subprocess.Popen(o.command + [os.path.join(HERE, "worker.py"), cap, in_path,
                                             out_path], env=env)
        running.append((o, cap, proc, out_path))
    for entry in running:
        reap(entry)
    if failed:
        raise GenError("; ".join(failed))
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
    if c.get("slice_axis") is not None:
        tags.append("slice:%s" % {0: "n", 1: "c"}.get(c["slice_axis"], str(c["slice_axis"])))
    if c.get("gap"):
        tags.append("gap:%s" % c["gap"])
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


def assemble(cases, results, store, oracles):
    """Check every worker result against the catalogue and build the manifest case list."""
    out = []
    alt_counts = collections.Counter()
    problems = []
    for c in cases:
        try:
            entry = _assemble_one(c, results, store, alt_counts, oracles)
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
        raise GenError("%d problem(s):\n  %s" % (len(problems), "\n  ".join(problems)))
    return out, alt_counts


def _outcome(c, o, results, store, alt_counts):
    """One oracle's outcome of a case (FORMAT.md "Outcome object"), after checking that its
    dispatches agree with each other and with the catalogue's declared outcome."""
    cid = c["id"]
    runs = results[o.name]
    r = runs["default"]["results"][cid]
    for cap in o.caps[1:]:
        ra = runs[cap]["results"][cid]
        if r.get("error") != ra.get("error"):
            raise GenError("%s: torch %s dispatches default and %s disagree on the error: "
                           "%r vs %r" % (cid, o.name, cap, r.get("error"), ra.get("error")))
        if r.get("error") is None and r["out_shape"] != ra["out_shape"]:
            raise GenError("%s: torch %s dispatch %s gives another shape" % (cid, o.name, cap))
    got_err = r.get("error")
    want = catalogue.declared_error(c, o.name)
    if want is None and got_err is not None:
        raise GenError("%s: torch %s raised %s: %s, but the case expects success"
                       % (cid, o.name, got_err[0], got_err[1]))
    if want is not None and (got_err is None or got_err[0] != want):
        raise GenError("%s: torch %s: expected %s, got %r" % (cid, o.name, want, got_err))
    entry = collections.OrderedDict()
    if got_err is not None:
        entry["error"] = collections.OrderedDict([
            ("class", got_err[0]), ("category", catalogue.ERROR_CATEGORY[got_err[0]]),
            ("message", got_err[1])])
        return entry
    if r["out_dtype"] != c["dtype"]:
        raise GenError("%s: torch %s output dtype %s" % (cid, o.name, r["out_dtype"]))
    want_out = catalogue.out_spatial(c["shape"][2:], c["size"], c["scale_factor"],
                                     trunc=o.name != "1.13")
    if r["out_shape"] != c["shape"][:2] + want_out:
        raise GenError("%s: torch %s output shape %s, floor(in * scale) predicts %s"
                       % (cid, o.name, r["out_shape"], c["shape"][:2] + want_out))
    expected = r["out"]
    entry["expected"] = collections.OrderedDict([
        ("dtype", r["out_dtype"]), ("shape", r["out_shape"]),
        ("blob", store.put(expected)), ("nbytes", len(expected))])
    alts = []
    for name, cap, other in o.variants():
        src = runs[cap]["results"][cid]
        data = src["alt"] if other else src["out"]
        if data is None:
            continue
        if len(data) != len(expected):
            raise GenError("%s: torch %s variant %s has a different size" % (cid, o.name, name))
        if data != expected:
            alts.append(collections.OrderedDict([("variant", name),
                                                 ("blob", store.put(data))]))
            alt_counts[(o.name, name)] += 1
    if alts:
        entry["alternatives"] = alts
    if r.get("f64") is not None:
        entry["float64"] = {"blob": store.put(r["f64"])}
    entry["error"] = None
    return entry


def _assemble_one(c, results, store, alt_counts, oracles):
    """One manifest entry: the call, the input, and every oracle's outcome."""
    cid = c["id"]
    first = results[oracles[0].name]["default"]["results"][cid]
    for o in oracles:
        for cap in o.caps:
            r = results[o.name][cap]["results"][cid]
            if r["in_blob"] != first["in_blob"] or r["in_strides"] != first["in_strides"]:
                raise GenError("%s: torch %s %s built a different input" % (cid, o.name, cap))
    if first["in_shape"] != c["shape"]:
        raise GenError("%s: input shape %s, catalogue says %s" % (cid, first["in_shape"],
                                                                    c["shape"]))
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
    in_blob = first["in_blob"]
    if c["shape"] and all(n > 0 for n in c["shape"]):
        span = 1 + sum((n - 1) * s for n, s in zip(c["shape"], first["in_strides"]))
        if span * itemsize != len(in_blob):
            raise GenError("%s: input blob size mismatch" % cid)
    entry["input"] = collections.OrderedDict([
        ("dtype", c["dtype"]), ("shape", c["shape"]), ("strides", first["in_strides"]),
        ("layout", c["layout"]), ("blob", store.put(in_blob)), ("nbytes", len(in_blob))])
    entry["tolerance"] = tolerance_for(c)
    outcomes = collections.OrderedDict()
    for o in oracles:
        outcomes[o.name] = _outcome(c, o, results, store, alt_counts)
    entry["outcomes"] = outcomes
    return entry


def claim_array(c, which, results, oracle):
    """Input values (logical, contiguous) or canonical output of a case, for claims.py."""
    import numpy as np

    if which == "input":
        return catalogue.build_array(c)
    r = results[oracle]["default"]["results"][c["id"]]
    return np.frombuffer(r["out"], dtype=catalogue.NUMPY_DTYPE[r["out_dtype"]]).reshape(
        r["out_shape"])


def provenance(results, oracles):
    """Per oracle: torch and package versions, the canonical dispatch and every variant."""
    out = []
    for o in oracles:
        info = {cap: results[o.name][cap]["info"] for cap in o.caps}
        canon = info["default"]
        variants = []
        for name, cap, other in o.variants():
            v = collections.OrderedDict([
                ("name", name), ("aten_cpu_capability", cap), ("threads", info[cap]["threads"]),
                ("cpu_capability_reported", info[cap]["cpu_capability_reported"])])
            if other:
                v["input"] = "converted to the other memory format (4-D/5-D)"
            variants.append(v)
        out.append(collections.OrderedDict([
            ("name", o.name),
            ("torch_version", canon["torch_version"]),
            ("torch_package", canon["torch_package"]),
            ("numpy_version", canon["numpy_version"]),
            ("python_version", canon["python_version"]),
            ("canonical", collections.OrderedDict([
                ("aten_cpu_capability", "default"), ("threads", canon["threads"]),
                ("cpu_capability_reported", canon["cpu_capability_reported"])])),
            ("variants", variants),
        ]))
    return out


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


def summary(entries, alt_counts, out_dir, oracles):
    """SUMMARY.md: counts per mode x dims x family, alternatives per variant, size on disk."""
    fams = list(catalogue.FAMILIES)
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
             "## Oracles", ""]
    for o in oracles:
        lines.append("- torch %s%s" % (o.name, " (default)" if o is oracles[0] else ""))
    lines += ["", "## Cases per mode x dims x family", "",
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
    lines += ["", "## Outcomes per oracle", "",
              "| oracle | outputs | refusals | with alternatives | " +
              " | ".join("alt %s" % v for v, _c, _o in oracles[0].variants()) + " |",
              "|---|---|---|---|" + "---|" * len(oracles[0].variants())]
    for o in oracles:
        outs = [e["outcomes"][o.name] for e in entries]
        n_out = sum(1 for x in outs if x["error"] is None)
        with_any = sum(1 for x in outs if x.get("alternatives"))
        lines.append("| torch %s | %d | %d | %d | %s |" % (
            o.name, n_out, len(outs) - n_out, with_any,
            " | ".join(str(alt_counts[(o.name, v)]) if any(v == w for w, _c, _o in o.variants())
                       else "-" for v, _c, _o in oracles[0].variants())))
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
                    help="accept torch versions other than the recorded ones (requires --out)")
    ap.add_argument("--python", default=sys.executable,
                    help="interpreter with torch 1.13 for the 1.13 workers")
    ap.add_argument("--list", action="store_true", help="print the case ids and exit")
    ap.add_argument("--save-results", metavar="FILE",
                    help="also pickle every worker's raw results into FILE (development)")
    ap.add_argument("--load-results", metavar="FILE",
                    help="use FILE from --save-results instead of running torch (development; "
                         "never for the committed set)")
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

    default_out = os.path.join(ROOT, "vectors")
    out_dir = os.path.abspath(args.out) if args.out else default_out
    if (args.allow_other_torch or args.load_results) and not args.out:
        print("gen_vectors: --allow-other-torch / --load-results need --out DIR (a separate "
              "set)", file=sys.stderr)
        return 2
    oracles = make_oracles(args.python)
    if args.load_results:
        with open(args.load_results, "rb") as f:
            results = pickle.load(f)
    else:
        # Workers of the chroot oracle see the host's /tmp (scripts/torch-oracle.sh).
        with tempfile.TemporaryDirectory(prefix="icgen-") as tmp:
            try:
                results = run_workers(cases, tmp, oracles)
            except GenError as e:
                print("gen_vectors: %s" % e, file=sys.stderr)
                return 1
        if args.save_results:
            with open(args.save_results, "wb") as f:
                pickle.dump(results, f, protocol=4)
    for o in oracles:
        version = results[o.name]["default"]["info"]["torch_version"]
        if version != o.recorded and not args.allow_other_torch:
            print("gen_vectors: oracle %s: torch %s is not the recorded %s; refusing (use "
                  "--allow-other-torch --out DIR for a separate set)"
                  % (o.name, version, o.recorded), file=sys.stderr)
            return 2

    os.makedirs(out_dir, exist_ok=True)
    blobs_dir = os.path.join(out_dir, "blobs")
    if os.path.isdir(blobs_dir):
        shutil.rmtree(blobs_dir)
    os.makedirs(blobs_dir)
    store = BlobStore(blobs_dir)
    try:
        entries, alt_counts = assemble(cases, results, store, oracles)
    except GenError as e:
        print("gen_vectors: %s" % e, file=sys.stderr)
        return 1
    problems = []
    for o in oracles:
        problems += ["torch %s: %s" % (o.name, p) for p in claims.check_claims(
            {c["id"]: c for c in cases},
            lambda c, which, name=o.name: claim_array(c, which, results, name), o.name)]
    if problems:
        for p in problems:
            print("gen_vectors: hand-checked claim fails: %s" % p, file=sys.stderr)
        return 1
    manifest = collections.OrderedDict([
        ("format", "interpcheck-vectors"), ("format_version", 2),
        ("default_oracle", oracles[0].name),
        ("oracles", provenance(results, oracles)),
        ("provenance", collections.OrderedDict([
            ("seed", catalogue.SEED), ("generator", "generator/gen_vectors.py"),
            ("inputs_numpy_version", catalogue.np.__version__)])),
        ("cases", entries)])
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        f.write(manifest_text(manifest))
    with open(os.path.join(out_dir, "SUMMARY.md"), "w", encoding="utf-8") as f:
        f.write(summary(entries, alt_counts, out_dir, oracles))
    with open(os.path.join(out_dir, "DRIFT.md"), "w", encoding="utf-8") as f:
        f.write(drift.report(cases, entries, results, oracles))
    problems = check_manifest.check(out_dir)
    if problems:
        for p in problems:
            print("gen_vectors: written set fails FORMAT.md checks: %s" % p, file=sys.stderr)
        return 1
    print("gen_vectors: %d cases, %d blobs -> %s" % (len(entries), len(store.names), out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
