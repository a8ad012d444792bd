"""interpcheck case catalogue: every interpolate call the golden set records, and its input.

Pure Python + numpy (no torch): the catalogue is built once in the parent process and the
same inputs are handed to every dispatch worker. Each case is a dict (see `case()`); its input
array comes from a numpy Generator seeded from the case id, so adding or removing a case never
changes another case's data.
"""

import hashlib
import math

import numpy as np

SEED = 20261125

DTYPE_SHORT = {"float32": "f32", "float64": "f64", "uint8": "u8", "int32": "i32",
               "float16": "f16", "bfloat16": "bf16"}
# numpy has no bfloat16: its inputs are built as float32 values that bfloat16 holds exactly
# (catalogue rounds them), and the worker converts the tensor.
NUMPY_DTYPE = {"float32": np.float32, "float64": np.float64, "uint8": np.uint8,
               "int32": np.int32, "float16": np.float16, "bfloat16": np.float32}
ITEMSIZE = {"float32": 4, "float64": 8, "uint8": 1, "int32": 4, "float16": 2, "bfloat16": 2}
FAMILIES = ("sanity", "edge", "random", "regression", "version", "error")
# The oracles every case is run through (generator/gen_vectors.py make_oracles), newest first.
ORACLE_NAMES = ("2.14", "1.13")
ERROR_CATEGORY = {"ValueError": "value", "NotImplementedError": "not_implemented",
                  "RuntimeError": "runtime", "TypeError": "type", "OverflowError": "overflow"}

# (mode, spatial dims, antialias) for every combination torch 1.13 accepts.
VALID_MODES = [
    ("nearest", 1, False), ("nearest-exact", 1, False), ("linear", 1, False), ("area", 1, False),
    ("nearest", 2, False), ("nearest-exact", 2, False), ("bilinear", 2, False),
    ("bicubic", 2, False), ("area", 2, False), ("bilinear", 2, True), ("bicubic", 2, True),
    ("nearest", 3, False), ("nearest-exact", 3, False), ("trilinear", 3, False),
    ("area", 3, False),
]
INTERPOLATING = ("linear", "bilinear", "bicubic", "trilinear")


def ac_values(mode):
    """align_corners values torch accepts for a mode (None only for nearest/area)."""
    return [None, False, True] if mode in INTERPOLATING else [None]


def ac_short(ac):
    return {None: "acn", False: "ac0", True: "ac1"}[ac]


def rsf_short(rsf):
    return {None: "rsfn", False: "rsf0", True: "rsf1"}[rsf]


def mode_short(mode, aa):
    return mode + ("-aa" if aa else "")


def fmt_num(v):
    """Short, id-safe text for a scale value."""
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(v)
    if v == 1.0 / 3.0:
        return "1d3"
    if v == 120.0 / 88.0:
        return "120d88"
    return repr(v).replace("e-", "em").replace("e+", "e")


def fmt_scale(scale):
    if isinstance(scale, (list, tuple)):
        return "st" + "x".join(fmt_num(v) for v in scale)
    return "s" + fmt_num(scale)


def fmt_dims(dims):
    return "x".join(str(d) for d in dims) if dims else "0d"


def out_spatial(spatial, size, scale, trunc=False):
    """Output spatial sizes as torch computes them: the floor of a double product (1.13), or
    its truncation toward zero (`trunc`, torch 2.14; the two differ only for a product in
    (-1, 0), which only area accepts)."""
    if size is not None:
        if isinstance(size, (list, tuple)):
            return [int(v) for v in size]
        return [int(size)] * len(spatial)
    scales = list(scale) if isinstance(scale, (list, tuple)) else [scale] * len(spatial)
    out = []
    for n, s in zip(spatial, scales):
        s = float(s)
        if math.isnan(s) or math.isinf(s):
            return None
        out.append(int(float(n) * s) if trunc else math.floor(float(n) * s))
    return out


def auto_id(prefix, mode, aa, ac, what, dtype, shape, size, scale, suffix=""):
    """<prefix><mode>_<ac>_<what>_<dtype>_n<N>c<C>_<in>_to_<out><suffix>."""
    spatial = list(shape[2:])
    out = out_spatial(spatial, size, scale) if len(shape) >= 3 else None
    text = "%s%s_%s_%s_%s_n%dc%d_%s" % (prefix, mode_short(mode, aa), ac_short(ac), what,
                                        DTYPE_SHORT[dtype], shape[0] if shape else 0,
                                        shape[1] if len(shape) > 1 else 0, fmt_dims(spatial))
    if out is not None:
        text += "_to_" + fmt_dims(out)
    return (text + suffix).lower()


def declared_error(c, oracle):
    """The exception class a case declares for one oracle (torch version), or None."""
    err = c["error"]
    if isinstance(err, dict):
        return err[oracle]
    return err


def case(cid, family, mode, shape, size=None, scale=None, ac=None, rsf=None, aa=False,
         dtype="float32", layout="contiguous", values="normal", data=None, note="",
         issue=None, error=None, size_is_float=False, input_key=None, slice_axis=None):
    """One catalogue entry. `error` is the exception class name torch must raise, or None,
    or a dict {oracle name: class or None} when the torch versions disagree (family
    `version`)."""
    return {
        "id": cid, "family": family, "mode": mode, "shape": list(shape), "size": size,
        "scale_factor": scale, "align_corners": ac, "recompute_scale_factor": rsf,
        "antialias": aa, "dtype": dtype, "layout": layout, "values": values, "data": data,
        "note": note, "issue": issue, "error": error, "size_is_float": size_is_float,
        "input_key": input_key or cid,
        # layout "strided": the axis sliced with step 2 (None: the last axis).
        "slice_axis": slice_axis,
    }


# ---- input values ------------------------------------------------------------------------

def case_rng(key):
    """The case's numpy Generator: seeded from its input key (its id unless it shares an
    input with other cases, as the sanity grid does)."""
    digest = hashlib.sha256(("%d:%s" % (SEED, key)).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def make_values(kind, shape, dtype, rng):
    """Input values of one kind (FORMAT.md tag `values:`), as float64 before the cast."""
    n = int(np.prod(shape)) if shape else 1
    if dtype in ("uint8",):
        return rng.integers(0, 256, size=n).astype(np.float64)
    if dtype == "int32":
        return rng.integers(-1000, 1000, size=n).astype(np.float64)
    if kind == "normal":
        return rng.standard_normal(n)
    if kind == "image":
        return rng.integers(0, 256, size=n).astype(np.float64)
    if kind == "ramp":
        return np.arange(n, dtype=np.float64)
    if kind in ("inf", "nan"):
        v = rng.standard_normal(n)
        hit = rng.random(n) < 0.08
        if kind == "inf":
            v[hit] = np.where(rng.random(int(hit.sum())) < 0.5, np.inf, -np.inf)
        else:
            v[hit] = np.nan
        if n:
            v[n // 2] = np.inf if kind == "inf" else np.nan
        return v
    if kind == "negzero":
        v = np.where(rng.random(n) < 0.6, -0.0, 0.0)
        small = rng.random(n) < 0.2
        v[small] = -np.abs(rng.standard_normal(int(small.sum())))
        return v
    if kind == "huge":
        # Near the top of the dtype's range: sums and bicubic overshoot can overflow to inf.
        scale, top = (1e30, 3e38) if dtype != "float64" else (1e300, 1.7e308)
        v = rng.standard_normal(n) * scale
        big = rng.random(n) < 0.1
        v[big] = np.sign(rng.standard_normal(int(big.sum()))) * top
        return v
    if kind == "subnormal":
        tiny = 1e-40 if dtype in ("float32", "float16") else 1e-310
        return rng.standard_normal(n) * tiny
    raise ValueError("unknown values kind %r" % kind)


def build_array(c):
    """The numpy array a worker turns into the input tensor (parent array for `strided`)."""
    shape = list(c["shape"])
    if c["layout"] == "strided":
        # The worker slices the axis with step 2 ([..., ::2] by default); this parent gives
        # back exactly `shape`.
        axis = c.get("slice_axis")
        axis = len(shape) - 1 if axis is None else axis
        shape[axis] = max(2 * shape[axis] - 1, 0)
    if c["data"] is not None:
        arr = np.asarray(c["data"], dtype=np.float64).reshape(shape)
    else:
        arr = make_values(c["values"], shape, c["dtype"], case_rng(c["input_key"])).reshape(shape)
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.ascontiguousarray(arr.astype(NUMPY_DTYPE[c["dtype"]]))
    if c["dtype"] == "bfloat16":
        # Round to nearest even onto bfloat16's 8-bit significand, so the worker's conversion
        # is exact and the stored input is what the values say.
        bits = out.view(np.uint32).astype(np.uint64)
        bits = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
        out = np.ascontiguousarray(bits.astype(np.uint32).view(np.float32))
    return out


# ---- families ----------------------------------------------------------------------------

SANITY_SPATIAL = {1: [11], 2: [5, 7], 3: [5, 4, 7]}
SANITY_NC = {1: (2, 3), 2: (2, 3), 3: (2, 2)}
MIXED_SCALE = {1: (1.5,), 2: (1.5, 0.5), 3: (2, 0.6, 1.3)}
# scale_factor forms: integer up, fractional up, down, identity, tiny changes, mixed per axis.
SANITY_SCALES = [2, 3, 1.5, 1.7, 2.05, 0.5, 0.45, 1.0 / 3.0, 0.3333, 1, 1.0, 1.00001, 0.999,
                 "mixed"]
# recompute_scale_factor=False behaves as None in 1.13; exercised on the telling scales only.
RSF_FALSE_SCALES = (1.7, 0.3333, 1.00001, 1.0, "mixed")
# align_corners=None becomes False before anything else; exercised on a subset.
AC_NONE_SCALES = (2, 1.7, 0.45, 1.0, "mixed")
SANITY_SIZES = {1: [("size", 8), ("sizet", [4]), ("sizeid", [11])],
                2: [("size", 6), ("sizet", [3, 10]), ("sizeid", [5, 7])],
                3: [("size", 3), ("sizet", [7, 2, 9]), ("sizeid", [5, 4, 7])]}


def sanity_shape(dims):
    n, c = SANITY_NC[dims]
    return [n, c] + SANITY_SPATIAL[dims]


def sanity_key(dtype, shape, values="normal"):
    """Shared input key: every sanity case of one shape and dtype reads the same tensor."""
    return "sanity:%s:%s:%s" % (dtype, "x".join(map(str, shape)), values)


def _what_scale(scale, rsf):
    return "%s_%s" % (fmt_scale(scale), rsf_short(rsf))


def sanity_cases():
    """Every accepted mode x dims x align_corners x argument form, on small odd tensors."""
    out = []
    for mode, dims, aa in VALID_MODES:
        shape = sanity_shape(dims)
        key = sanity_key("float32", shape)
        for ac in ac_values(mode):
            for scale_name in SANITY_SCALES:
                if ac is None and mode in INTERPOLATING and scale_name not in AC_NONE_SCALES:
                    continue
                scale = MIXED_SCALE[dims] if scale_name == "mixed" else scale_name
                if dims == 3 and scale in (3, 2.05):
                    continue  # keeps 5-D outputs small; 5-D upsampling keeps 2, 1.5, 1.7
                for rsf in (None, False, True):
                    if rsf is False and scale_name not in RSF_FALSE_SCALES:
                        continue
                    cid = auto_id("", mode, aa, ac, _what_scale(scale, rsf), "float32", shape,
                                  None, scale)
                    out.append(case(cid, "sanity", mode, shape, scale=scale, ac=ac, rsf=rsf,
                                    aa=aa, input_key=key,
                                    note="sanity grid: scale_factor form"))
            for what, size in SANITY_SIZES[dims]:
                for rsf in (None, False):
                    if rsf is False and what != "sizet":
                        continue
                    cid = auto_id("", mode, aa, ac, what + "_" + rsf_short(rsf), "float32",
                                  shape, size, None)
                    out.append(case(cid, "sanity", mode, shape, size=size, ac=ac, rsf=rsf,
                                    aa=aa, input_key=key, note="sanity grid: size form"))
    return out


def dtype_cases():
    """float64 for every mode; uint8 for nearest / nearest-exact."""
    out = []
    for mode, dims, aa in VALID_MODES:
        shape = sanity_shape(dims)
        k64 = sanity_key("float64", shape)
        k8 = sanity_key("uint8", shape, "uint8")
        for ac in ac_values(mode):
            if ac is None and mode in INTERPOLATING:
                continue
            for scale, rsf in ((1.7, None), (0.45, None), (MIXED_SCALE[dims], True)):
                cid = auto_id("", mode, aa, ac, _what_scale(scale, rsf), "float64", shape,
                              None, scale)
                out.append(case(cid, "sanity", mode, shape, scale=scale, ac=ac, rsf=rsf,
                                aa=aa, dtype="float64", input_key=k64, note="float64 path"))
            size = SANITY_SIZES[dims][1][1]
            cid = auto_id("", mode, aa, ac, "sizet_rsfn", "float64", shape, size, None)
            out.append(case(cid, "sanity", mode, shape, size=size, ac=ac, aa=aa,
                            dtype="float64", input_key=k64, note="float64 path"))
        if dims >= 2:
            cshape = [2, 3] + SANITY_SPATIAL[dims]
            ac = True if mode in INTERPOLATING else None
            cid = auto_id("", mode, aa, ac, _what_scale(1.7, None), "float64", cshape, None,
                          1.7, "_cl")
            out.append(case(cid, "sanity", mode, cshape, scale=1.7, ac=ac, aa=aa,
                            dtype="float64", layout="channels_last",
                            input_key=sanity_key("float64", cshape),
                            note="float64 channels_last input"))
        if mode in ("nearest", "nearest-exact"):
            for scale, rsf in ((2, None), (1.7, None), (1.7, True), (0.45, None),
                               (1.00001, False), (MIXED_SCALE[dims], None)):
                for layout in (("contiguous", "channels_last") if dims > 1
                               else ("contiguous",)):
                    cid = auto_id("", mode, aa, None, _what_scale(scale, rsf), "uint8", shape,
                                  None, scale, "_cl" if layout == "channels_last" else "")
                    out.append(case(cid, "sanity", mode, shape, scale=scale, rsf=rsf,
                                    dtype="uint8", layout=layout, values="uint8", input_key=k8,
                                    note="uint8 is accepted by nearest modes in 1.13"))
            size = SANITY_SIZES[dims][1][1]
            cid = auto_id("", mode, aa, None, "sizet_rsfn", "uint8", shape, size, None)
            out.append(case(cid, "sanity", mode, shape, size=size, dtype="uint8",
                            values="uint8", input_key=k8, note="uint8 is accepted by nearest modes in 1.13"))
    return out


LAYOUT_CHANNELS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17]
# Modes whose 1.13 CPU kernel depends on the memory format (nearest, linear, area have a
# channels-last kernel); bicubic and antialias get a shorter channel list.
LAYOUT_SENSITIVE = ("nearest", "nearest-exact", "bilinear", "trilinear", "area")


def layout_cases():
    """channels_last inputs (4-D, 5-D) across C = 1..9, 16, 17 (the SIMD tail widths)."""
    out = []
    for mode, dims, aa in VALID_MODES:
        if dims == 1:
            continue
        spatial = [5, 7] if dims == 2 else [2, 3, 5]
        chans = LAYOUT_CHANNELS if mode in LAYOUT_SENSITIVE and not aa else [1, 3, 9]
        for c in chans:
            shape = [2, c] + spatial
            for ac in ac_values(mode):
                if ac is False:
                    continue
                for scale in (1.7, 0.5):
                    if scale == 0.5 and c not in (1, 3, 8, 9, 16, 17):
                        continue
                    for layout in ("contiguous", "channels_last"):
                        if layout == "contiguous" and c not in (1, 9, 17):
                            continue
                        cid = auto_id("", mode, aa, ac, _what_scale(scale, None), "float32",
                                      shape, None, scale,
                                      "_cl" if layout == "channels_last" else "_nchw")
                        out.append(case(cid, "sanity", mode, shape, scale=scale, ac=ac,
                                        aa=aa, layout=layout,
                                        input_key=sanity_key("float32", shape),
                                        note="memory format and channel count (kernel "
                                             "choice, SIMD tail)"))
    return out


def value_cases():
    """Special values through every mode: inf, nan, -0.0, huge, subnormal, image-like."""
    out = []
    for mode, dims, aa in VALID_MODES:
        spatial = {1: [9], 2: [5, 6], 3: [3, 4, 5]}[dims]
        shape = [2, 2] + spatial
        for values in ("inf", "nan", "negzero", "huge", "subnormal", "image"):
            for what, size, scale in (("same", list(spatial), None), ("s1.7", None, 1.7),
                                      ("s0.5", None, 0.5)):
                if what == "s0.5" and values not in ("inf", "nan"):
                    continue
                ac = None
                cid = auto_id("", mode, aa, ac, what, "float32", shape, size, scale,
                              "_" + values)
                out.append(case(cid, "sanity", mode, shape, size=size, scale=scale, ac=ac,
                                aa=aa, values=values,
                                note="special input values (%s)" % values))
    # float64 subnormals and huge values on the main modes.
    for mode, dims, aa in VALID_MODES:
        if dims != 2:
            continue
        shape = [2, 2, 5, 6]
        for values in ("subnormal", "huge", "nan"):
            cid = auto_id("", mode, aa, None, "s1.7", "float64", shape, None, 1.7,
                          "_" + values)
            out.append(case(cid, "sanity", mode, shape, scale=1.7, aa=aa, dtype="float64",
                            values=values, note="special input values, float64"))
    return out


def strided_cases():
    """A few non-contiguous (sliced) inputs: layout `strided`."""
    out = []
    for mode, dims, aa in VALID_MODES:
        spatial = {1: [7], 2: [5, 6], 3: [3, 4, 5]}[dims]
        shape = [2, 3] + spatial
        ac = True if mode in INTERPOLATING else None
        cid = auto_id("", mode, aa, ac, "s1.7_rsfn", "float32", shape, None, 1.7, "_strided")
        out.append(case(cid, "sanity", mode, shape, scale=1.7, ac=ac, aa=aa, layout="strided",
                        note="non-contiguous input (every other element of the last axis)"))
    return out


# ---- what the torch versions accept differently --------------------------------------------

# Which (mode, dims, antialias) each torch version accepts for float16 and bfloat16 on CPU
# (measured with 1.13.1 and 2.14.1; the generator checks every case against both). 2.14
# accepts both dtypes everywhere but antialias; 1.13 accepts float16 only in 3-D area and
# bfloat16 everywhere but nearest-exact, antialias and 3-D area.
HALF_ACCEPTED_113 = {
    "float16": {("area", 3, False)},
    "bfloat16": {(m, d, aa) for m, d, aa in VALID_MODES
                 if m != "nearest-exact" and not aa and (m, d) != ("area", 3)},
}


def _version_errors(accepts_113, accepts_214):
    return {"1.13": None if accepts_113 else "RuntimeError",
            "2.14": None if accepts_214 else "NotImplementedError"}


def version_cases():
    """Calls the two torch versions treat differently by dtype: uint8 bilinear / bicubic (with
    and without antialias: 2.14 computes them with int16 fixed-point weights, 1.13 refuses),
    float16 and bfloat16 in every mode. A case one version refuses is family `version`; one
    both accept is `sanity` (both outputs stored); one both refuse is `error`."""
    out = []
    shape = [2, 3, 5, 7]
    k8 = sanity_key("uint8", shape, "uint8")
    for mode in ("bilinear", "bicubic"):
        for aa in (False, True):
            for ac in (False, True):
                for what, size, scale in (("s1.7_rsfn", None, 1.7), ("s0.45_rsfn", None, 0.45),
                                          ("sizet_rsfn", [3, 10], None)):
                    for layout in ("contiguous", "channels_last"):
                        if layout == "channels_last" and what == "sizet_rsfn":
                            continue
                        cid = auto_id("", mode, aa, ac, what, "uint8", shape, size, scale,
                                      "_cl" if layout == "channels_last" else "")
                        out.append(case(cid, "version", mode, shape, size=size, scale=scale,
                                        ac=ac, aa=aa, dtype="uint8", layout=layout,
                                        values="uint8", input_key=k8,
                                        error=_version_errors(False, True),
                                        note="uint8 %s%s: torch 2.14 accepts (int16 "
                                             "fixed-point weights), 1.13 refuses"
                                             % (mode, " antialias" if aa else "")))
    for dtype in ("float16", "bfloat16"):
        for mode, dims, aa in VALID_MODES:
            shp = sanity_shape(dims)
            key = sanity_key(dtype, shp)
            acc113 = (mode, dims, aa) in HALF_ACCEPTED_113[dtype]
            acc214 = not aa
            ac = False if mode in INTERPOLATING else None
            scales = (1.7, 0.45) if acc113 or acc214 else (1.7,)
            for scale in scales:
                errs = _version_errors(acc113, acc214)
                family = ("version" if acc113 != acc214 else
                          "sanity" if acc113 else "error")
                cid = auto_id("" if family != "error" else "error_", mode, aa, ac,
                              _what_scale(scale, None), dtype, shp, None, scale)
                out.append(case(cid, family, mode, shp, scale=scale, ac=ac, aa=aa,
                                dtype=dtype, input_key=key, error=errs,
                                note="%s on CPU: torch 1.13 %s, 2.14 %s"
                                     % (dtype, "accepts" if acc113 else "refuses",
                                        "accepts" if acc214 else "refuses")))
    return out
