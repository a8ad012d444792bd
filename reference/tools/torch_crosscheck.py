#!/usr/bin/python3
"""torch_crosscheck.py - fuzz the C reference against torch (1.13.1 or 2.14.1), bit for bit.

Calls build/libicref.so through ctypes on random interpolate() calls (every mode and
dimensionality, size or scale, align_corners / recompute tri-states, antialias, float32,
float64 and uint8, contiguous / channels-last / strided inputs, C=1 and H=W=1, inf, NaN
and -0 values, and invalid calls) and compares the error category, the output shape and
every output bit with torch. With --manifest it instead replays vectors/manifest.json.

Run with Debian's torch:
    ATEN_CPU_CAPABILITY=default /usr/bin/python3 reference/tools/torch_crosscheck.py \
        --lib build/libicref.so --cases 2000 [--seed 1] [--verbose]
    /usr/bin/python3 reference/tools/torch_crosscheck.py --lib build/libicref.so \
        --manifest vectors/manifest.json
Torch 2.14.1 runs in its chroot; the reference then follows 2.14 (--torch, default: the
running torch's major.minor):
    scripts/torch-oracle.sh 2.14 run env ATEN_CPU_CAPABILITY=default python3 \
        reference/tools/torch_crosscheck.py --lib build/libicref.so --cases 2000
Exit status: 0 when everything matched, 1 otherwise.
"""
import argparse
import collections
import ctypes
import json
import math
import os
import random
import sys

IC_MAX_DIMS = 8
IC_NONE = -1
DTYPES = {"float32": 1, "float64": 2, "uint8": 3, "int32": 4, "float16": 5, "bfloat16": 6}
STATUS = {0: "ok", 1: "value", 2: "not_implemented", 3: "runtime", 4: "type", 5: "overflow",
          100: "unsupported", 101: "internal"}
EXC = {"ValueError": "value", "NotImplementedError": "not_implemented",
       "RuntimeError": "runtime", "TypeError": "type", "OverflowError": "overflow"}


class Tensor(ctypes.Structure):
    _fields_ = [("dtype", ctypes.c_int32), ("ndim", ctypes.c_int32),
                ("shape", ctypes.c_int64 * IC_MAX_DIMS),
                ("strides", ctypes.c_int64 * IC_MAX_DIMS), ("data", ctypes.c_void_p)]


class Args(ctypes.Structure):
    _fields_ = [("mode", ctypes.c_char_p), ("align_corners", ctypes.c_int32),
                ("recompute_scale_factor", ctypes.c_int32), ("antialias", ctypes.c_int32),
                ("size_len", ctypes.c_int32), ("size_is_float", ctypes.c_int32),
                ("size", ctypes.c_int64 * IC_MAX_DIMS), ("scale_len", ctypes.c_int32),
                ("scale_factor", ctypes.c_double * IC_MAX_DIMS)]


class Semantics(ctypes.Structure):
    _fields_ = [("torch", ctypes.c_int32), ("whatif", ctypes.c_uint32)]


class Ref:
    """ctypes wrapper of icr_output_shape_ex / icr_interpolate_ex for one torch version."""

    def __init__(self, path, version):
        self.lib = ctypes.CDLL(path)
        for fn in (self.lib.icr_output_shape_ex, self.lib.icr_interpolate_ex,
                   self.lib.icr_semantics_for):
            fn.restype = ctypes.c_int32
        self.sem = Semantics()
        if self.lib.icr_semantics_for(version.encode(), ctypes.byref(self.sem)) != 0:
            raise SystemExit("the reference does not know torch %r" % version)
        self.msg = ctypes.create_string_buffer(512)

    @staticmethod
    def make_args(call):
        a = Args()
        a.mode = call["mode"].encode() if call["mode"] is not None else None
        tri = {None: IC_NONE, False: 0, True: 1}
        a.align_corners = tri[call.get("align_corners")]
        a.recompute_scale_factor = tri[call.get("recompute_scale_factor")]
        a.antialias = 1 if call.get("antialias") else 0
        size, scale = call.get("size"), call.get("scale_factor")
        a.size_is_float = 1 if call.get("size_is_float") else 0
        if size is None:
            a.size_len = IC_NONE
        elif isinstance(size, (list, tuple)):
            a.size_len = len(size)
            for i, v in enumerate(size[:IC_MAX_DIMS]):
                a.size[i] = int(v)
        else:
            a.size_len = 0
            a.size[0] = int(size)
        if scale is None:
            a.scale_len = IC_NONE
        elif isinstance(scale, (list, tuple)):
            a.scale_len = len(scale)
            for i, v in enumerate(scale[:IC_MAX_DIMS]):
                a.scale_factor[i] = float(v)
        else:
            a.scale_len = 0
            a.scale_factor[0] = float(scale)
        return a

    @staticmethod
    def make_tensor(dtype, shape, strides, ptr):
        t = Tensor()
        t.dtype = DTYPES[dtype]
        t.ndim = len(shape)
        for i, (s, st) in enumerate(zip(shape, strides)):
            t.shape[i] = s
            t.strides[i] = st
        t.data = ptr
        return t

    def shape(self, t, a):
        nd = ctypes.c_int32(0)
        sh = (ctypes.c_int64 * IC_MAX_DIMS)()
        st = self.lib.icr_output_shape_ex(ctypes.byref(self.sem), ctypes.byref(t), ctypes.byref(a), ctypes.byref(nd), sh,
                                       self.msg, 512)
        return st, [sh[i] for i in range(nd.value)], self.msg.value.decode(errors="replace")

    def run(self, t, a, shape, itemsize, dtype):
        n = 1
        for s in shape:
            n *= s
        buf = ctypes.create_string_buffer(max(n * itemsize, 1))
        strides = []
        acc = 1
        for s in reversed(shape):
            strides.append(acc)
            acc *= max(s, 1)
        strides.reverse()
        out = self.make_tensor(dtype, shape, strides, ctypes.cast(buf, ctypes.c_void_p))
        st = self.lib.icr_interpolate_ex(ctypes.byref(self.sem), ctypes.byref(t), ctypes.byref(a), ctypes.byref(out),
                                      self.msg, 512)
        return st, buf.raw[:n * itemsize], self.msg.value.decode(errors="replace")


# ---------------------------------------------------------------------------------------------
# random calls

MODES_BY_NDIM = {3: ["nearest", "nearest-exact", "linear", "area"],
                 4: ["nearest", "nearest-exact", "bilinear", "bicubic", "area"],
                 5: ["nearest", "nearest-exact", "trilinear", "area"]}
INTERP = ("linear", "bilinear", "bicubic", "trilinear")


def random_scale(rng):
    r = rng.random()
    if r < 0.3:
        return rng.choice([0.5, 1.7, 2.0, 1.1, 0.3333, 3.0, 0.75, 1.00001, 2.5, 0.1, 1.0, 4.0])
    if r < 0.9:
        return round(rng.uniform(0.15, 3.5), rng.choice([1, 2, 3, 6]))
    return rng.uniform(0.05, 5.0)


def random_call(rng, torch):
    ndim = rng.choice([3, 4, 4, 5])
    mode = rng.choice(MODES_BY_NDIM[ndim])
    antialias = ndim == 4 and mode in ("bilinear", "bicubic") and rng.random() < 0.35
    nsp = ndim - 2
    if rng.random() < 0.08:
        nsp_in = [rng.choice([1, 2, 3, 16, 37]) for _ in range(nsp)]
    else:
        nsp_in = [rng.randint(1, 12 if nsp < 3 else 6) for _ in range(nsp)]
    n = rng.choice([1, 1, 2, 3, 0]) if rng.random() < 0.97 else 0
    c = rng.choice([1, 1, 2, 3, 4, 8, 9, 17, 16])
    if nsp == 3:
        c = rng.choice([1, 2, 3, 4, 9])
    dtype = "float32" if rng.random() < 0.75 else "float64"
    if mode in ("nearest", "nearest-exact") and rng.random() < 0.2:
        dtype = "uint8"
    if mode in ("bilinear", "bicubic") and not torch.__version__.startswith("1.") and \
            rng.random() < 0.2:
        dtype = "uint8"  # torch 2.x: int16 fixed-point weights
    if HALF[0]:
        # --half: every drawn call in float16 or bfloat16 (torch refuses them with antialias)
        dtype = rng.choice(["float16", "bfloat16"])
        antialias = False
    call = {"mode": mode, "size": None, "scale_factor": None, "align_corners": None,
            "recompute_scale_factor": None, "antialias": antialias}
    if mode in INTERP:
        call["align_corners"] = rng.choice([None, False, True])
    if rng.random() < 0.45:
        if rng.random() < 0.5 or mode == "area":
            call["size"] = [rng.randint(1, 14) for _ in range(nsp)]
        else:
            call["size"] = rng.randint(1, 14)
        if mode == "area" and rng.random() < 0.3:
            call["size"] = [1] * nsp
        if rng.random() < 0.15:
            call["size"] = list(nsp_in)
        call["recompute_scale_factor"] = rng.choice([None, None, False])
    else:
        if rng.random() < 0.5:
            call["scale_factor"] = [random_scale(rng) for _ in range(nsp)]
        else:
            call["scale_factor"] = random_scale(rng)
        call["recompute_scale_factor"] = rng.choice([None, False, True])
    shape = [n, c] + nsp_in
    layout = rng.choice(["contiguous", "contiguous", "channels_last", "strided"])
    if nsp == 1 and layout == "channels_last":
        layout = "strided"
    values = rng.choice(["normal", "normal", "ramp", "special", "image"])
    return call, shape, dtype, layout, values


def stress_call(rng):
    """Calls aimed at the subtle paths: torch's mean (area to all-ones) on big, channels-last
    and strided inputs; channels-last tails with many channels; extreme antialias scales;
    expanded (stride 0) inputs."""
    kind = rng.randrange(5)
    call = {"mode": "area", "size": None, "scale_factor": None, "align_corners": None,
            "recompute_scale_factor": None, "antialias": False}
    dtype = "float32" if rng.random() < 0.8 else "float64"
    layout = rng.choice(["contiguous", "channels_last", "strided", "expanded"])
    values = rng.choice(["normal", "image", "special"])
    if kind == 0:
        nd = rng.choice([3, 4, 4, 5])
        if nd == 3:
            shape = [rng.randint(1, 3), rng.choice([1, 3, 8, 40]), rng.randint(1, 3000)]
        elif nd == 4:
            shape = [rng.randint(1, 2), rng.choice([1, 2, 3, 8, 9, 32, 33, 70]),
                     rng.randint(1, 120), rng.randint(1, 120)]
        else:
            shape = [1, rng.choice([1, 3, 8, 33]), rng.randint(1, 20), rng.randint(1, 20),
                     rng.randint(1, 20)]
        call["size"] = [1] * (nd - 2)
    elif kind == 1:
        shape = [rng.randint(1, 2), rng.choice([8, 9, 16, 17, 33]), rng.randint(2, 30),
                 rng.randint(2, 30)]
        call["size"] = [rng.randint(1, 40), rng.randint(1, 40)]
        if rng.random() < 0.5:
            shape.append(rng.randint(2, 9))
            call["size"].append(rng.randint(1, 12))
            call["mode"] = rng.choice(["trilinear", "nearest", "nearest-exact"])
        else:
            call["mode"] = rng.choice(["bilinear", "area", "nearest"])
        if call["mode"] in INTERP:
            call["align_corners"] = rng.choice([False, True])
        layout = "channels_last"
    elif kind == 2:
        shape = [1, rng.choice([1, 2, 3]), rng.randint(1, 200), rng.randint(1, 200)]
        call["mode"] = rng.choice(["bilinear", "bicubic"])
        call["antialias"] = True
        call["align_corners"] = rng.choice([None, False, True])
        if rng.random() < 0.5:
            call["size"] = [rng.randint(1, 300), rng.randint(1, 300)]
        else:
            call["scale_factor"] = [rng.choice([0.01, 0.05, 0.13, 0.5, 0.7, 1.3, 3.7]),
                                    rng.uniform(0.02, 4.0)]
            call["recompute_scale_factor"] = rng.choice([None, False, True])
    elif kind == 3:
        nd = rng.choice([3, 4, 5])
        big = {3: 3000, 4: 300, 5: 40}[nd]
        shape = [1, rng.choice([1, 2])] + [rng.randint(1, big) for _ in range(nd - 2)]
        call["mode"] = rng.choice(MODES_BY_NDIM[nd])
        call["scale_factor"] = rng.choice([rng.uniform(0.3, 3.0), 2.0, 0.5, 1.0001, 0.9999])
        call["recompute_scale_factor"] = rng.choice([None, False, True])
        if call["mode"] in INTERP:
            call["align_corners"] = rng.choice([False, True])
        if call["mode"] == "area":
            call["scale_factor"] = rng.uniform(0.05, 1.0)
    else:
        nd = rng.choice([3, 4, 5])
        shape = [rng.randint(1, 3), rng.randint(1, 9)] + \
            [rng.randint(1, 9) for _ in range(nd - 2)]
        call["mode"] = rng.choice(MODES_BY_NDIM[nd])
        call["size"] = [rng.choice([1, 1, 2, 5]) for _ in range(nd - 2)]
        if call["mode"] in INTERP:
            call["align_corners"] = rng.choice([False, True])
    if len(shape) == 3 and layout == "channels_last":
        layout = "strided"
    return call, shape, dtype, layout, values


def error_call(rng):
    """A call torch refuses (or one at the edge of refusing)."""
    kind = rng.randrange(16)
    shape = [1, 2, 4, 5]
    call = {"mode": "bilinear", "size": [3, 3], "scale_factor": None, "align_corners": None,
            "recompute_scale_factor": None, "antialias": False}
    dtype = "float32"
    if kind == 0:
        call["mode"], call["align_corners"] = rng.choice(["nearest", "area", "nearest-exact"]), \
            rng.choice([False, True])
    elif kind == 1:
        call["scale_factor"] = 2.0
    elif kind == 2:
        call["size"] = None
    elif kind == 3:
        call["size"] = [3, 3, 3]
    elif kind == 4:
        call["size"], call["scale_factor"] = None, [2.0]
    elif kind == 5:
        call["recompute_scale_factor"] = True
    elif kind == 6:
        call["antialias"], call["mode"] = True, rng.choice(["nearest", "area", "bicubic"])
        if call["mode"] == "bicubic":
            shape = [1, 2, 5]
            call["size"] = [3]
    elif kind == 7:
        call["mode"] = rng.choice(["linear", "trilinear", "foo", "Bilinear", "bicubic"])
        shape = rng.choice([[1, 2, 4, 5], [1, 2, 5], [1, 2, 3, 4, 5], [2, 3], [1, 1, 1, 1, 1, 1]])
        call["size"] = None
        call["scale_factor"] = 2.0
    elif kind == 8:
        call["size"] = [rng.choice([0, -1, 3]), rng.choice([0, -3])]
        call["mode"] = rng.choice(["bilinear", "area", "nearest", "bicubic"])
    elif kind == 9:
        call["size"] = None
        call["scale_factor"] = rng.choice([float("nan"), float("inf"), 0.0, -1.0, 0.1, 1e30])
        call["recompute_scale_factor"] = rng.choice([None, True, False])
        call["mode"] = rng.choice(["bilinear", "area", "nearest"])
    elif kind == 10:
        shape = rng.choice([[1, 0, 4, 5], [0, 2, 4, 5], [1, 2, 0, 5], [0, 0, 4, 5]])
        call["mode"] = rng.choice(["bilinear", "area", "nearest", "bicubic"])
        call["size"] = rng.choice([[3, 3], [1, 1], [0, 2]])
    elif kind == 11:
        dtype = rng.choice(["uint8", "int32", "float16", "bfloat16"])
        call["mode"] = rng.choice(["bilinear", "area", "nearest", "bicubic", "nearest-exact"])
        call["size"] = rng.choice([[3, 3], [1, 1]])
    elif kind == 12:
        call["antialias"] = True
        dtype = rng.choice(["uint8", "float64"])
    elif kind == 13:
        shape = [1, 2, 3, 4, 5]
        call["mode"] = rng.choice(["area", "trilinear"])
        call["size"] = rng.choice([[1, 1, 1], [2, -1, 2], [0, 2, 2]])
        if rng.random() < 0.5:
            shape = rng.choice([[1, 0, 3, 4, 5], [1, 2, 0, 4, 5]])
    elif kind == 14:
        shape = [2, 3, 7]
        call["mode"] = "area"
        call["size"] = rng.choice([[1], [0], [-2], [3], 1])
        if rng.random() < 0.3:
            shape = [2, 3, 0]
    else:
        call["size"] = [2 ** 62, 2]
    return call, shape, dtype, "contiguous", "normal"


def make_input(torch, rng, shape, dtype, layout, values):
    tdt = {"float32": torch.float32, "float64": torch.float64, "uint8": torch.uint8,
           "int32": torch.int32, "float16": torch.float16, "bfloat16": torch.bfloat16}[dtype]
    g = torch.Generator().manual_seed(rng.randrange(1 << 30))
    numel = 1
    for s in shape:
        numel *= s
    if dtype in ("uint8", "int32"):
        x = torch.randint(0, 255, shape, generator=g).to(tdt)
    elif values == "ramp":
        x = torch.arange(numel, dtype=torch.float64).reshape(shape).to(tdt)
    elif values == "image":
        x = torch.rand(shape, generator=g, dtype=torch.float64).to(tdt)
    else:
        x = torch.randn(shape, generator=g, dtype=torch.float64).to(tdt) * 3
        if values == "special" and numel > 0:
            flat = x.view(-1)
            for _ in range(rng.randint(1, 3)):
                big, tiny = (6e4, 1e-7) if dtype == "float16" else (1e30, 1e-40)
                flat[rng.randrange(numel)] = rng.choice([float("inf"), float("-inf"),
                                                         float("nan"), -0.0, big, tiny])
    nd = len(shape)
    if layout == "channels_last" and nd in (4, 5):
        x = x.contiguous(memory_format=torch.channels_last if nd == 4
                         else torch.channels_last_3d)
    elif layout == "expanded" and numel > 0:
        # a broadcast view: stride 0 along N (and C when it has size 1 in the source)
        src = x[:1]
        x = src.expand(*shape)
    elif layout == "strided" and numel > 0:
        kind = rng.randrange(3)
        if kind == 0:
            big = torch.zeros([s * 2 for s in shape], dtype=tdt)
            sl = tuple(slice(None, None, 2) for _ in shape)
            big[sl] = x
            x = big[sl]
        elif kind == 1 and nd >= 4:
            x = x.transpose(-1, -2).contiguous().transpose(-1, -2)
        else:
            perm = list(range(nd))
            rng.shuffle(perm)
            inv = [perm.index(i) for i in range(nd)]
            x = x.permute(perm).contiguous().permute(inv)
    return x


def torch_call(torch, F, x, call):
    kw = dict(size=call["size"], scale_factor=call["scale_factor"], mode=call["mode"],
              align_corners=call["align_corners"],
              recompute_scale_factor=call["recompute_scale_factor"],
              antialias=call["antialias"])
    if isinstance(kw["size"], list):
        kw["size"] = tuple(kw["size"])
    if isinstance(kw["scale_factor"], list):
        kw["scale_factor"] = tuple(kw["scale_factor"])
    try:
        return "ok", F.interpolate(x, **kw), ""
    except Exception as e:  # the category is what we compare
        return EXC.get(type(e).__name__, type(e).__name__), None, str(e).splitlines()[0]


def case_key(call, shape, dtype):
    return "%s/%dd/%s%s" % (call["mode"], len(shape) - 2, dtype,
                            "/aa" if call.get("antialias") else "")


def fuzz(args):
    import numpy as np  # noqa: F401  (torch.numpy() needs it)
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(1)
    ref = Ref(args.lib, args.torch or ".".join(torch.__version__.split(".")[:2]))
    rng = random.Random(args.seed)
    stats = collections.defaultdict(lambda: [0, 0])
    bad = 0
    for k in range(args.cases):
        r = rng.random()
        if r < 0.15:
            call, shape, dtype, layout, values = error_call(rng)
        elif r < 0.15 + args.stress:
            call, shape, dtype, layout, values = stress_call(rng)
        else:
            call, shape, dtype, layout, values = random_call(rng, torch)
        x = make_input(torch, rng, shape, dtype, layout, values)
        if args.only and not case_key(call, shape, dtype).startswith(args.only):
            continue
        ok, bits, detail = check_one(torch, F, ref, x, call, dtype)
        key = case_key(call, shape, dtype) if ok != "error-case" else "errors"
        if detail == "unsupported":
            key = "unsupported (refused by the reference): " + key
        stats[key][1] += 1
        if bits:
            stats[key][0] += 1
        else:
            bad += 1
            print("MISMATCH #%d %s shape=%s strides=%s layout=%s values=%s call=%s: %s" %
                  (k, dtype, shape, list(x.stride()), layout, values, call, detail))
        if args.verbose:
            print(k, key, call, shape, layout, "OK" if bits else "BAD")
    report(stats, bad)
    return 1 if bad else 0


def check_one(torch, F, ref, x, call, dtype):
    """Returns (kind, matched, detail)."""
    cat, y, tmsg = torch_call(torch, F, x, call)
    t = Ref.make_tensor(dtype, list(x.shape), list(x.stride()), x.data_ptr() or None)
    a = Ref.make_args(call)
    st, shape, rmsg = ref.shape(t, a)
    if cat != "ok":
        if STATUS.get(st) == cat:
            return "error-case", True, ""
        return "error-case", False, "torch %s (%s) vs ref %s (%s)" % (cat, tmsg, STATUS.get(st),
                                                                      rmsg)
    if st != 0:
        if st == 100:
            return "ok", True, "unsupported"
        return "ok", False, "torch ok %s vs ref %s (%s)" % (list(y.shape), STATUS.get(st), rmsg)
    if list(y.shape) != shape:
        return "ok", False, "shape torch %s vs ref %s" % (list(y.shape), shape)
    itemsize = y.element_size()
    st, raw, rmsg = ref.run(t, a, shape, itemsize, dtype)
    if st == 100:
        return "ok", True, "unsupported"
    if st != 0:
        return "ok", False, "interpolate status %s (%s)" % (STATUS.get(st), rmsg)
    if y.element_size() == 2:
        y = y.view(torch.int16)  # bfloat16 has no numpy type
    want = y.contiguous().numpy().tobytes()
    if raw == want or only_nan_payloads(raw, want, dtype):
        return "ok", True, ""
    return "ok", False, describe(raw, want, dtype, y)


NAN_PAYLOAD_ONLY = [0]


NAN_BITS = [False]


HALF = [False]

# numpy views of the raw output bytes (bfloat16 has no numpy type: its bits, widened)
NPDT = {"float32": "float32", "float64": "float64", "uint8": "uint8", "float16": "float16",
        "bfloat16": "uint16"}


def as_float(np, raw, dtype):
    a = np.frombuffer(raw, dtype=NPDT[dtype])
    if dtype == "bfloat16":
        return (a.astype(np.uint32) << 16).view(np.float32)
    return a


def only_nan_payloads(raw, want, dtype):
    """True when the outputs differ only in the sign or payload of NaNs. Which NaN survives
    when two meet (a + b with both NaN) is the compiler's operand order, not torch semantics;
    the harness scores every NaN as equal to every NaN too. With --nan-bits, never."""
    import numpy as np
    if NAN_BITS[0] or dtype not in ("float32", "float64", "float16", "bfloat16") or \
            len(raw) != len(want):
        return False
    got = as_float(np, raw, dtype)
    exp = as_float(np, want, dtype)
    differ = np.array([g != e for g, e in zip(
        np.frombuffer(raw, dtype=np.uint8).reshape(len(got), -1).tolist(),
        np.frombuffer(want, dtype=np.uint8).reshape(len(exp), -1).tolist())], dtype=bool)
    if bool(np.all(np.isnan(got[differ]) & np.isnan(exp[differ]))):
        NAN_PAYLOAD_ONLY[0] += 1
        return True
    return False


def describe(raw, want, dtype, y):
    import numpy as np
    got = as_float(np, raw, dtype)
    exp = as_float(np, want, dtype)
    diff = np.nonzero(got.view(np.uint8).reshape(len(got), -1).tolist() !=
                      exp.view(np.uint8).reshape(len(exp), -1).tolist())[0] \
        if False else np.nonzero([g.tobytes() != e.tobytes() for g, e in zip(got, exp)])[0]
    i = int(diff[0])
    with np.errstate(all="ignore"):
        ad = np.abs(got.astype(np.float64) - exp.astype(np.float64))
        ad = ad[np.isfinite(ad)]
    return "%d/%d elements differ, first at %d: ref %r torch %r; max |diff| %g" % (
        len(diff), len(got), i, got[i], exp[i], ad.max() if ad.size else float("nan"))


def report(stats, bad):
    total = sum(v[1] for v in stats.values())
    exact = sum(v[0] for v in stats.values())
    print("%-32s %8s %8s" % ("mode/dims/dtype", "exact", "total"))
    for k in sorted(stats):
        print("%-32s %8d %8d" % (k, stats[k][0], stats[k][1]))
    print("ALL %d/%d matched (%d mismatches; %d matched only up to NaN sign/payload)" %
          (exact, total, bad, NAN_PAYLOAD_ONLY[0]))


def manifest(args):
    """Replays vectors/manifest.json through the library: bit-exact against expected or an
    alternative; error cases by category."""
    import numpy as np
    with open(args.manifest) as f:
        man = json.load(f)
    root = os.path.dirname(os.path.abspath(args.manifest))
    ref = Ref(args.lib, args.torch or "1.13")
    npdt = {"float32": np.float32, "float64": np.float64, "uint8": np.uint8,
            "int32": np.int32, "float16": np.float16, "bfloat16": np.uint16}
    stats = collections.defaultdict(lambda: [0, 0])
    bad = 0

    def blob(h):
        with open(os.path.join(root, "blobs", h + ".bin"), "rb") as fb:
            return fb.read()
    version = args.torch or "1.13"
    for case in man["cases"]:
        if "outcomes" in case:  # format 2: one outcome per oracle
            out = case["outcomes"].get(version)
            if out is None:
                continue
            case = dict(case, expected=out.get("expected"), error=out.get("error"),
                        alternatives=out.get("alternatives", []))
        call = dict(case["call"])
        for key in ("scale_factor",):
            v = call.get(key)
            conv = (lambda s: float(s) if isinstance(s, str) else s)
            if isinstance(v, list):
                call[key] = [conv(s) for s in v]
            elif v is not None:
                call[key] = conv(v)
        inp = case["input"]
        data = blob(inp["blob"]) if inp.get("nbytes", 0) else b""
        buf = ctypes.create_string_buffer(data, max(len(data), 1))
        t = Ref.make_tensor(inp["dtype"], inp["shape"], inp["strides"],
                            ctypes.cast(buf, ctypes.c_void_p))
        a = Ref.make_args(call)
        st, shape, rmsg = ref.shape(t, a)
        mode = call.get("mode")
        key = "%s/%dd/%s" % (mode, len(inp["shape"]) - 2, inp["dtype"])
        if case.get("error"):
            key = "errors"
            ok = STATUS.get(st) == case["error"]["category"]
            detail = "want %s (%s) got %s (%s)" % (case["error"]["category"],
                                                   case["error"]["message"], STATUS.get(st),
                                                   rmsg)
        else:
            exp = case["expected"]
            if st != 0:
                ok, detail = False, "status %s (%s)" % (STATUS.get(st), rmsg)
            elif shape != exp["shape"]:
                ok, detail = False, "shape %s vs %s" % (shape, exp["shape"])
            else:
                itemsize = np.dtype(npdt[exp["dtype"]]).itemsize
                st2, raw, rmsg = ref.run(t, a, shape, itemsize, exp["dtype"])
                wants = [blob(exp["blob"]) if exp.get("nbytes", 1) else b""]
                wants += [blob(alt["blob"]) for alt in case.get("alternatives", [])]
                if st2 != 0:
                    ok, detail = False, "interpolate status %s (%s)" % (STATUS.get(st2), rmsg)
                else:
                    ok = raw == wants[0] or (args.alternatives and raw in wants) or \
                        only_nan_payloads(raw, wants[0], exp["dtype"])
                    detail = "" if ok else describe(raw, wants[0], exp["dtype"], None)
        stats[key][1] += 1
        if ok:
            stats[key][0] += 1
        else:
            bad += 1
            print("MISMATCH %s: %s" % (case["id"], detail))
    report(stats, bad)
    return 1 if bad else 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lib", default="build/libicref.so")
    p.add_argument("--cases", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--torch", help="the torch the reference follows: 1.13 | 2.14 (default: "
                   "the running torch's version; 1.13 with --manifest)")
    p.add_argument("--only", help="fuzz only calls whose mode/dims/dtype[/aa] key starts with "
                   "this (the others are drawn and skipped)")
    p.add_argument("--manifest", help="replay vectors/manifest.json instead of fuzzing")
    p.add_argument("--alternatives", action="store_true",
                   help="with --manifest: also accept the stored alternative outputs")
    p.add_argument("--stress", type=float, default=0.25,
                   help="fraction of calls drawn from the stress profile (default 0.25)")
    p.add_argument("--nan-bits", action="store_true",
                   help="count a NaN of another sign or payload as a mismatch")
    p.add_argument("--half", action="store_true",
                   help="draw every random call in float16 or bfloat16")
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args()
    NAN_BITS[0] = args.nan_bits
    HALF[0] = args.half
    if args.manifest:
        return manifest(args)
    if os.environ.get("ATEN_CPU_CAPABILITY") != "default":
        print("warning: ATEN_CPU_CAPABILITY is not 'default'; float results may differ",
              file=sys.stderr)
    return fuzz(args)


if __name__ == "__main__":
    sys.exit(main())
