#!/usr/bin/env python3
"""check_torch.py - re-runs the smallest case of every scoreboard group in torch itself (needs
/usr/bin/python3 with Debian's python3-torch 1.13.1), so no group is a harness false alarm:
for a FAIL on values, torch's element at the reported index must equal the `want` the harness
printed and differ from the library's `got`; for a FAIL on shape, torch's shape must be the
`want` shape; for an ERROR, torch must accept the call.

    /usr/bin/python3 ports/thirdparty/check_torch.py                  # torch 1.13.1
    scripts/torch-oracle.sh 2.14 run python3 ports/thirdparty/check_torch.py  # torch 2.14.1
"""
import argparse
import json
import math
import os
import re
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scoreboard  # noqa: E402

DT = {"float32": np.float32, "float64": np.float64, "uint8": np.uint8, "float16": np.float16,
      "bfloat16": np.uint16}


def load_input(vectors, v):
    inp = v["input"]
    raw = np.fromfile(os.path.join(vectors, "blobs", inp["blob"] + ".bin"), dtype=DT[inp["dtype"]])
    item = raw.itemsize
    x = np.lib.stride_tricks.as_strided(raw, shape=inp["shape"],
                                        strides=[s * item for s in inp["strides"]])
    x = np.ascontiguousarray(x)
    if inp["dtype"] == "bfloat16":
        # bfloat16 is the upper half of a float32: widen exactly, then narrow in torch.
        f = (x.astype(np.uint32) << 16).view(np.float32)
        return torch.from_numpy(f).to(torch.bfloat16)
    return torch.from_numpy(x)


def torch_call(x, call):
    kw = {"mode": call["mode"]}
    for k in ("size", "scale_factor", "align_corners", "recompute_scale_factor"):
        if call.get(k) is not None:
            kw[k] = tuple(call[k]) if isinstance(call[k], list) else call[k]
    if call.get("antialias"):
        kw["antialias"] = True
    return torch.nn.functional.interpolate(x, **kw)


def confirms(t, got, want):
    """torch's value t is the printed want (to its 9 digits) and not the library's got."""
    if math.isnan(want) or math.isnan(t):
        return math.isnan(want) and math.isnan(t) and not math.isnan(got)
    if math.isinf(want) or math.isinf(t):
        return t == want and t != got
    if math.isnan(got) or math.isinf(got):
        return abs(t - want) <= 1e-8 * abs(want) + 1e-300
    return t != got and abs(t - want) <= abs(got - want) / 10


def check(case, v, vectors):
    x = load_input(vectors, v)
    try:
        y = torch_call(x, v["call"])
    except Exception as e:  # torch refusing the call: the group is not confirmed
        print("      torch refuses %s: %s" % (v["id"], str(e).splitlines()[0]))
        return None
    msg = case.get("message") or ""
    if case["verdict"] == "ERROR":
        return "torch accepts it (output %s)" % list(y.shape)
    m = re.search(r"output shape got \[([^\]]*)\] want \[([^\]]*)\]", msg)
    if m:
        want = [int(s) for s in m.group(2).split(",")]
        got = [int(s) for s in m.group(1).split(",")]
        ok = list(y.shape) == want and got != want
        return ("torch's shape is %s" % want) if ok else None
    m = re.search(r"first \[([^\]]*)\] got \S+ \((\S+)\) want \S+ \((\S+)\)", msg)
    if m:
        idx = tuple(int(s) for s in m.group(1).split(","))
        got, want = float.fromhex(m.group(2)), float.fromhex(m.group(3))
        t = float(y[idx].double())
        if got == 0 and want == 0 and t != 0 and abs(t) < 1.2e-38:
            # A port that sets denormals-are-zero when loaded (darknet) does so in the harness
            # process too, which then reads torch's subnormal as 0 when it prints it.
            return ("torch gives the subnormal %.9g at %s; the harness printed 0 because the "
                    "library's DAZ applies to it as well" % (t, list(idx)))
        ok = confirms(t, got, want)
        extra = ""
        if not x.is_floating_point():
            # Integer images: torch's own float64 answer shows which side is nearer the exact value.
            exact = float(torch_call(x.double(), v["call"])[idx])
            extra = " (torch's float64 answer %.6g)" % exact
        if not ok:
            return None
        return "torch gives %.9g at %s, library %.9g%s" % (t, list(idx), got, extra)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--libraries", default="ports/thirdparty/libraries.json")
    ap.add_argument("--vectors", default="vectors")
    ap.add_argument("--reports", default="reports/scoreboard",
                    help="the directory holding one sub-directory of reports per oracle")
    ap.add_argument("--oracle", default=None,
                    help="the oracle whose reports to check (default: this torch's major.minor)")
    opts = ap.parse_args()
    spec = json.load(open(opts.libraries))
    with open(os.path.join(opts.vectors, "manifest.json")) as f:
        manifest = {c["id"]: c for c in json.load(f)["cases"]}
    bad = 0
    oracle = opts.oracle or ".".join(torch.__version__.split(".")[:2])
    print("torch %s, checking the reports against oracle %s" % (torch.__version__, oracle))
    for lib in spec["libraries"]:
        rep = json.load(open(os.path.join(opts.reports, oracle, lib["report"] + ".json")))
        for name, cases in scoreboard.group_cases(lib, rep, manifest, oracle).items():
            if not cases:
                continue
            ex = scoreboard.minimal(cases, manifest, oracle)
            res = check(ex, manifest[ex["id"]], opts.vectors)
            print("%-5s %s / %s: %s: %s" % ("ok" if res else "FAIL", lib["report"], name, ex["id"],
                                          res or "torch does not confirm the harness"))
            bad += res is None
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
