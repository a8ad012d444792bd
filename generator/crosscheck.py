#!/usr/bin/python3
"""interpcheck cross-check: 1-D nearest / nearest-exact / linear emulated from SEMANTICS.md.

    /usr/bin/python3 generator/crosscheck.py [vectors]

A numpy float32 emulation of SEMANTICS.md sections 2.1-2.4 for 3-D (one spatial axis)
inputs, compared bit for bit with the canonical outputs in the manifest. It checks the map
(and that the canonical dispatch is plain IEEE float32), not the generator; it needs numpy
but not torch. Prints one line per mismatching case and a total.
"""

import json
import os
import sys

import numpy as np

F = np.float32
DT = {"float32": np.float32, "float64": np.float64, "uint8": np.uint8}


def scale_f(n_in, n_out, ac, user, T):
    """area_pixel_compute_scale in the kernel's scalar type T."""
    if ac:
        return T(T(n_in - 1) / T(n_out - 1)) if n_out > 1 else T(0)
    if user is not None and user > 0:
        return T(1.0 / user)
    return T(T(n_in) / T(n_out))


def kernel_scale(call, n_in):
    """The user scale the kernel sees (None when recomputed or when size was given)."""
    sf = call["scale_factor"]
    if sf is None or call["recompute_scale_factor"] is True or call["mode"] == "area":
        return None
    return float(sf[0] if isinstance(sf, list) else sf)


def nearest_idx(n_in, n_out, user, exact, T):
    s = scale_f(n_in, n_out, False, user, np.float32)
    out = []
    for i in range(n_out):
        if exact:
            r = max(float(s) * (i + 0.5) - 0.5, 0.0)
            idx = int(np.floor(F(r + 0.5)))
        else:
            idx = int(np.floor(F(float(s) * i)))
        out.append(min(idx, n_in - 1))
    return out


def linear(x, n_out, ac, user, T):
    n_in = x.shape[-1]
    s = scale_f(n_in, n_out, ac, user, T)
    y = np.empty(x.shape[:-1] + (n_out,), dtype=T)
    for i in range(n_out):
        if n_out == n_in:
            i0 = i1 = i
            l0, l1 = T(1), T(0)
        else:
            r = float(s) * i if ac else max(float(s) * (i + 0.5) - 0.5, 0.0)
            i0 = int(r)
            i1 = i0 + (1 if i0 < n_in - 1 else 0)
            l1 = T(r - i0)
            l0 = T(T(1) - l1)
        with np.errstate(invalid="ignore", over="ignore"):
            y[..., i] = (x[..., i0] * l0) + (x[..., i1] * l1)
    return y


def main(argv):
    vdir = argv[1] if len(argv) > 1 else "vectors"
    with open(os.path.join(vdir, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    checked = bad = 0
    for c in manifest["cases"]:
        call, inp = c["call"], c["input"]
        if c["error"] or len(inp["shape"]) != 3 or inp["dtype"] not in DT:
            continue
        if call["mode"] not in ("nearest", "nearest-exact", "linear") or 0 in inp["shape"]:
            continue
        T = DT[inp["dtype"]]
        raw = np.fromfile(os.path.join(vdir, "blobs", inp["blob"] + ".bin"), dtype=T)
        x = np.lib.stride_tricks.as_strided(
            raw, shape=inp["shape"], strides=[s * raw.itemsize for s in inp["strides"]]).copy()
        exp = c["expected"]
        want = np.fromfile(os.path.join(vdir, "blobs", exp["blob"] + ".bin"),
                           dtype=T).reshape(exp["shape"])
        n_in, n_out = inp["shape"][2], exp["shape"][2]
        user = kernel_scale(call, n_in)
        if call["mode"] == "linear":
            got = linear(x, n_out, bool(call["align_corners"]), user, T if T != np.uint8 else F)
        else:
            got = x[..., nearest_idx(n_in, n_out, user, call["mode"] == "nearest-exact", T)]
        checked += 1
        if got.tobytes() != want.tobytes():
            bad += 1
            print("crosscheck: MISMATCH %s" % c["id"])
    print("crosscheck: %d 1-D cases emulated, %d mismatch" % (checked, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
