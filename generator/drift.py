"""interpcheck drift report: where torch 2.14 and torch 1.13 disagree, grouped by cause.

gen_vectors.py calls report() after both oracles ran; the text goes to vectors/DRIFT.md and is
byte-reproducible like the rest of the set. A case "drifts" when the two versions' outcomes
differ by more than torch's own dispatch noise:

- one version refuses the call and the other accepts it, or both refuse with another class;
- both give outputs, neither version's canonical output is bit-identical to any output of the
  other (its DEFAULT/AVX2/AVX512 dispatches, either memory format), and some element differs
  by more than the noise bound: the largest spread between one version's own outputs there,
  or 32 x eps x max|input| + 4 x eps x (longest input axis + 1) x (max - min of the input)
  (float arithmetic on the taps, float instead of double source coordinates), or 64
  subnormal steps, whichever is largest;
  exact-tolerance cases (nearest modes, uint8) have no noise: any difference drifts;
- or the NaN / inf pattern differs.

Each drifting case gets the first cause whose rule fits (CAUSES, in order). The rules read
the call, not the values, except the last two (non-finite only; unexplained).
"""

import collections
import math

import numpy as np

import catalogue

# Where each cause came from. Origins were looked up in PyTorch's history (pull requests and
# issues); a cause whose origin was not found says so.
CAUSES = collections.OrderedDict([
    ("aa-one-column", {
        "title": "antialias to one output column repeats row 0 (a torch 2.x bug)",
        "what": "With antialias=True and an output width of 1 (height > 1), torch 2.14 writes "
                "row 0's value into every output row of a contiguous (NCHW) input. 1.13 "
                "filters each row, and so does 2.14 for a channels-last input (stored as its "
                "channels_last alternative, which therefore disagrees with 2.14's canonical "
                "output). One output row (width > 1) is right in both.",
        "origin": "ORIGIN_AA_ONECOL",
        "bug": "Evidence that 2.14 is wrong: the input is a ramp (row r holds 8r..8r+7), so "
               "every output row must average different input rows and grow down the column; "
               "2.14 returns the same value four times. 1.13, and 2.14 itself with an output "
               "width of 2, give increasing rows.",
    }),
    ("aa-same-size-axis", {
        "title": "antialias leaves an axis whose size does not change untouched",
        "what": "torch 2.x skips the separable antialias pass of an axis whose output size "
                "equals its input size (and copies when both are unchanged), even when the "
                "user's scale factor is not 1. 1.13 runs the pass, filtering with the user's "
                "scale, which also spreads inf/NaN to neighbours.",
        "origin": "ORIGIN_AA_SAME",
        "bug": None,
    }),
    ("nearest-kernel", {
        "title": "nearest: another kernel, other index arithmetic",
        "what": "torch 2.x sends more 2-D nearest calls to its channels-last kernel (small "
                "outputs, or C > 3 channels-last inputs), whose out == in copy and "
                "out == 2 x in shortcuts and float index arithmetic differ from the generic "
                "kernel's; 3-D C=1 inputs leave it. The source index differs by one on some "
                "outputs, or the same-size call copies instead of gathering with 1/scale. "
                "Most of these 2.14 outputs equal what 1.13 gives for the same values in the "
                "other memory format: the kernel choice changed, not the kernels.",
        "origin": "ORIGIN_NEAREST",
        "bug": None,
    }),
    ("kernel-choice", {
        "title": "another kernel for the same call",
        "what": "The outputs differ beyond noise, but one version's output is bit-identical "
                "to what the other version gives for the same values in the other memory "
                "format: the version changed which kernel the call takes.",
        "origin": "ORIGIN_NEAREST",
        "bug": None,
    }),
    ("non-finite", {
        "title": "inf / NaN propagation next to non-finite inputs",
        "what": "Finite values agree within dispatch noise, but the NaN/inf pattern differs. "
                "torch 2.x computes linear and cubic source coordinates in float (opmath) "
                "where 1.13 used double, so a weight that is exactly 0 in one version is tiny "
                "in the other, and 0 x inf = NaN turns into inf or back.",
        "origin": "ORIGIN_OPMATH",
        "bug": None,
    }),
    ("size-trunc", {
        "title": "area output size truncated toward zero, not floored",
        "what": "For area (adaptive average pooling) the output size is computed in Python. "
                "1.13 floors in * scale, so a product in (-1, 0) gives -1 and "
                "adaptive_avg_pool refuses; 2.14 truncates toward zero and returns an empty "
                "output. Every other mode computes the size in C++ by truncation in both "
                "versions and refuses the resulting size 0.",
        "origin": "not found (the 2.x size computation in torch/nn/functional.py "
                  "`interpolate` truncates; the pull request that changed it was not "
                  "looked up).",
        "bug": None,
    }),
    ("accepted-2.14", {
        "title": "dtypes torch 2.14 accepts and 1.13 refuses",
        "what": "uint8 bilinear / bicubic (with and without antialias; int16 fixed-point "
                "weights), float16 in every mode but antialias, bfloat16 in nearest-exact and "
                "3-D area. 1.13 raises RuntimeError (\"... not implemented for 'Byte'\").",
        "origin": "ORIGIN_DTYPES",
        "bug": None,
    }),
    ("accepted-1.13", {
        "title": "calls torch 1.13 accepts and 2.14 refuses",
        "what": "None expected; listed if the vectors ever show one.",
        "origin": "not looked for (no case)",
        "bug": None,
    }),
    ("error-class", {
        "title": "unsupported dtypes raise NotImplementedError instead of RuntimeError",
        "what": "Both versions refuse the call, with another exception class: 2.x raises "
                "NotImplementedError from the dtype dispatch where 1.13 raised RuntimeError.",
        "origin": "ORIGIN_NOTIMPL",
        "bug": None,
    }),
    ("unexplained", {
        "title": "unexplained",
        "what": "Outputs differ beyond dispatch noise and no rule above fits.",
        "origin": "not found",
        "bug": None,
    }),
])

# Filled from the PyTorch history search (generator/README.md "Drift report").
ORIGINS = {
    "ORIGIN_AA_ONECOL": (
        "no upstream issue or pull request reports it. The code that does it is the vertical "
        "pass of the separable antialias kernel (`cpu_upsample_generic_aa` -> "
        "`basic_loop_aa_vertical` -> `interpolate_aa_single_dim_zero_strides` in "
        "aten/src/ATen/native/cpu/UpSampleKernel.cpp), which reads the index and weight "
        "entry 0 for every row: with an output width of 1 the iterator folds the size-1 "
        "width into the height, and every row gets row 0's weights. The horizontal / vertical "
        "split came with the uint8 antialias work, "
        "[pytorch#90771](https://github.com/pytorch/pytorch/pull/90771) (torch 2.0); that this "
        "pull request introduced the bug is inferred from the code, not proven."),
    "ORIGIN_AA_SAME": (
        "`separable_upsample_generic_Nd_kernel_impl` (aten/src/ATen/native/cpu/"
        "UpSampleKernel.cpp) copies when every size is unchanged and runs a pass only for an "
        "axis whose size changes; the user's scale is never consulted. The separable path was "
        "reworked in [pytorch#90771](https://github.com/pytorch/pytorch/pull/90771) (torch "
        "2.0; inferred from the code, not proven). "
        "[pytorch#70559](https://github.com/pytorch/pytorch/issues/70559) discusses the same "
        "\"unchanged size is not resampled\" behaviour for linear."),
    "ORIGIN_NEAREST": (
        "[pytorch#86361](https://github.com/pytorch/pytorch/pull/86361) (\"Improve "
        "interpolate() speed for channels_last CPU images and masks\", torch 2.0) sends 2-D "
        "inputs to the channels-last kernel when `(channels-last and C > 3) or out_H + out_W "
        "<= 128`; [pytorch#90302](https://github.com/pytorch/pytorch/pull/90302) (videos, "
        "torch 2.0) makes 3-D inputs take it only when channels-last with C > 3."),
    "ORIGIN_OPMATH": (
        "[pytorch#88277](https://github.com/pytorch/pytorch/pull/88277) (\"Do not use double "
        "for single-prec upsample\", torch 2.0) computes source coordinates in opmath (float "
        "for float32) instead of 1.13's double, fixing "
        "[pytorch#87968](https://github.com/pytorch/pytorch/issues/87968); "
        "[pytorch#89252](https://github.com/pytorch/pytorch/pull/89252) clamps the linear "
        "index and weight."),
    "ORIGIN_DTYPES": (
        "uint8 bilinear with and without antialias: "
        "[pytorch#90771](https://github.com/pytorch/pytorch/pull/90771) (torch 2.0); uint8 "
        "bicubic: [pytorch#103252](https://github.com/pytorch/pytorch/pull/103252) (torch "
        "2.1); float16 on CPU: [pytorch#101530](https://github.com/pytorch/pytorch/pull/101530) "
        "(torch 2.1). bfloat16 nearest-exact and 3-D area: origin not found. float16 and "
        "bfloat16 antialias are still refused (the antialias weights dispatch floating types "
        "only)."),
    "ORIGIN_NOTIMPL": (
        "[pytorch#155470](https://github.com/pytorch/pytorch/pull/155470) (\"[BE] Raise "
        "NotImplementedError\", 2025; the dtype dispatch's TORCH_CHECK_NOT_IMPLEMENTED). "
        "Earlier 2.x releases still raise RuntimeError."),
}

# The hand-checkable example shown for each cause (a case id of the catalogue).
EXAMPLES = {
    "aa-one-column": "regression_aa_onecol_bilinear-aa_acn_f32_n1c1_32x8_to_4x1",
    "aa-same-size-axis": "regression_68819_bilinear-aa_acn_inf_f32_n1c1_1x5_to_1x5",
    "nearest-kernel": "regression_62237_nearest_s1.1_f32_n1c2_1x5_to_1x5",
    "accepted-2.14": "error_bilinear_4d_uint8_unsupported",
    "error-class": "error_nearest_4d_int32_unsupported",
    "size-trunc": "error_size_area_1d_s-0.1_rsfn",
}

EPS = {"float32": 2.0 ** -23, "float64": 2.0 ** -52, "float16": 2.0 ** -10,
       "bfloat16": 2.0 ** -7, "uint8": 0.0}
NOISE_EPS_FACTOR = 32.0
TINY = {"float32": 64 * 2.0 ** -149, "float64": 64 * 2.0 ** -1074, "float16": 64 * 2.0 ** -24,
        "bfloat16": 64 * 2.0 ** -133, "uint8": 0.0}


def _decode(data, dtype, shape):
    """Output bytes as a float64 array (bfloat16 from its upper-half bits)."""
    if dtype == "bfloat16":
        bits = np.frombuffer(data, dtype=np.uint16).astype(np.uint32) << 16
        arr = bits.view(np.float32)
    else:
        arr = np.frombuffer(data, dtype=catalogue.NUMPY_DTYPE[dtype])
    return arr.astype(np.float64).reshape(shape)


def _outputs(o, cid, results):
    """(canonical bytes, [every output's bytes]) of oracle o for a case."""
    runs = results[o.name]
    canon = runs["default"]["results"][cid]["out"]
    outs = []
    for cap in o.caps:
        r = runs[cap]["results"][cid]
        outs.append(r["out"])
        if r.get("alt") is not None:
            outs.append(r["alt"])
    return canon, outs


def _spread(canon, outs, dtype, shape):
    """Per element: the largest |variant - canonical| among finite values of one oracle."""
    base = _decode(canon, dtype, shape)
    spread = np.zeros(base.shape)
    for data in outs:
        v = _decode(data, dtype, shape)
        with np.errstate(invalid="ignore"):
            d = np.abs(v - base)
        d[~np.isfinite(d)] = 0.0
        spread = np.maximum(spread, d)
    return spread


def _axes(c):
    tags = dict(t.split(":", 1) for t in c.get("tags", []))
    return tags


def classify(c, entry, results, oracles):
    """The cause of one case's drift between oracles[0] and oracles[1], or None."""
    new, old = oracles[0], oracles[1]
    on, oo = entry["outcomes"][new.name], entry["outcomes"][old.name]
    en, eo = on.get("error"), oo.get("error")
    if en is not None or eo is not None:
        if (en is None) != (eo is None) and c["mode"] == "area" and \
                c["scale_factor"] is not None and min(
                float(v) for v in (c["scale_factor"] if isinstance(c["scale_factor"], list)
                                   else [c["scale_factor"]])) < 0:
            return "size-trunc"
        if en is None:
            return "accepted-%s" % new.name
        if eo is None:
            return "accepted-%s" % old.name
        return "error-class" if en["class"] != eo["class"] else None
    cid = c["id"]
    cn, outs_n = _outputs(new, cid, results)
    co, outs_o = _outputs(old, cid, results)
    if cn == co:
        return None
    dtype = entry["expected_dtype"]
    shape = entry["expected_shape"]
    a = _decode(cn, dtype, shape)
    b = _decode(co, dtype, shape)
    nonfinite = (np.isnan(a) != np.isnan(b)) | (np.isinf(a) != np.isinf(b)) | (
        np.isinf(a) & np.isinf(b) & (np.sign(a) != np.sign(b)))
    exact = c["mode"] in ("nearest", "nearest-exact") or c["dtype"] == "uint8"
    fin = np.isfinite(a) & np.isfinite(b)
    diff = np.where(fin, np.abs(np.where(fin, a, 0.0) - np.where(fin, b, 0.0)), 0.0)
    if exact:
        beyond = bool(np.any(diff > 0))
    else:
        x = catalogue.build_array(c).astype(np.float64)
        x = x[np.isfinite(x)]
        mag = float(np.max(np.abs(x))) if x.size else 0.0
        # Dispatch noise: the spread between one version's own dispatches on the same input
        # (another memory format may take another kernel, with other semantics: not noise).
        noise = np.maximum(_spread(cn, _dispatches(new, cid, results), dtype, shape),
                           _spread(co, _dispatches(old, cid, results), dtype, shape))
        with np.errstate(over="ignore"):
            rng = float(np.max(x) - np.min(x)) if x.size else 0.0
        span = max(list(c["shape"][2:]) + [1])
        # The harness's bound, in its simplest form: float arithmetic on the taps
        # (k1 eps mag), source coordinates rounded in float instead of double (k2 eps |r| range),
        # and an absolute floor of a few subnormal steps.
        floor = NOISE_EPS_FACTOR * EPS[dtype] * mag + 4.0 * EPS[dtype] * (span + 1) * rng
        noise = np.maximum(noise, max(floor, TINY[dtype]))
        beyond = bool(np.any(diff > noise))
    if not beyond and not bool(np.any(nonfinite)):
        return None
    shp_in = c["shape"][2:]
    shp_out = shape[2:]
    if c["antialias"] and len(shp_out) == 2 and shp_out[1] == 1 and shp_out[0] > 1:
        return "aa-one-column"
    if c["antialias"] and any(i == o for i, o in zip(shp_in, shp_out)):
        return "aa-same-size-axis"
    if c["mode"] in ("nearest", "nearest-exact"):
        return "nearest-kernel"
    if cn in outs_o or co in outs_n:
        return "kernel-choice"
    if not beyond:
        return "non-finite"
    return "unexplained"


def _dispatches(o, cid, results):
    """Every dispatch's output of oracle o for the case's own input layout."""
    return [results[o.name][cap]["results"][cid]["out"] for cap in o.caps]


def _fmt_values(arr, limit=8):
    flat = arr.ravel()
    text = ", ".join("%.9g" % v for v in flat[:limit])
    if flat.size > limit:
        text += ", ... (%d values)" % flat.size
    return "[" + text + "]"


def _call_text(c):
    parts = []
    if c["size"] is not None:
        parts.append("size=%r" % ((tuple(c["size"]),) if isinstance(c["size"], list)
                                  else (c["size"],)))
    if c["scale_factor"] is not None:
        sf = c["scale_factor"]
        parts.append("scale_factor=%r" % ((tuple(sf),) if isinstance(sf, list) else (sf,)))
    parts.append("mode=%r" % c["mode"])
    if c["align_corners"] is not None:
        parts.append("align_corners=%r" % c["align_corners"])
    if c["recompute_scale_factor"] is not None:
        parts.append("recompute_scale_factor=%r" % c["recompute_scale_factor"])
    if c["antialias"]:
        parts.append("antialias=True")
    what = "x"
    if c["data"] is not None or c["values"] == "ramp":
        what = "torch.arange(%d.).view(%s)" % (int(np.prod(c["shape"])),
                                               ", ".join(str(n) for n in c["shape"]))
        if c["data"] is not None and c["values"] != "ramp":
            what = "torch.tensor(%s).view(%s)" % (
                _fmt_values(np.asarray(c["data"], dtype=np.float64).ravel(), 64),
                ", ".join(str(n) for n in c["shape"]))
    elif c["dtype"] != "float32":
        what = "x (%s %s)" % (c["dtype"], "x".join(str(n) for n in c["shape"]))
    else:
        what = "x (float32 %s)" % "x".join(str(n) for n in c["shape"])
    return "F.interpolate(%s, %s)" % (what, ", ".join(parts))


def _outcome_text(c, entry, results, o):
    out = entry["outcomes"][o.name]
    if out.get("error") is not None:
        return "%s: %s" % (out["error"]["class"], out["error"]["message"])
    canon, _outs = _outputs(o, c["id"], results)
    return _fmt_values(_decode(canon, entry["expected_dtype"], entry["expected_shape"]))


def report(cases, entries, results, oracles):
    """DRIFT.md text for the set."""
    by_id = {c["id"]: c for c in cases}
    groups = collections.OrderedDict((k, []) for k in CAUSES)
    same_bits = 0
    noise_level = collections.Counter()
    msg_only = 0
    for e in entries:
        c = by_id[e["id"]]
        first = next((o for o in e["outcomes"].values() if o.get("error") is None), None)
        e = dict(e)
        if first is not None:
            e["expected_dtype"] = first["expected"]["dtype"]
            e["expected_shape"] = first["expected"]["shape"]
        cause = classify(c, e, results, oracles)
        if cause is not None:
            groups[cause].append((c, e))
            continue
        errs = [o.get("error") for o in e["outcomes"].values()]
        if all(x is not None for x in errs):
            if len({x["message"] for x in errs}) > 1:
                msg_only += 1
            continue
        cn, _ = _outputs(oracles[0], c["id"], results)
        co, _ = _outputs(oracles[1], c["id"], results)
        if cn == co:
            same_bits += 1
        else:
            noise_level[c["mode"] + ("+aa" if c["antialias"] else "")] += 1
    new, old = oracles[0].name, oracles[1].name
    total = len(entries)
    drifting = sum(len(v) for v in groups.values())
    lines = [
        "# Where torch %s and torch %s disagree" % (new, old), "",
        "Generated by `generator/gen_vectors.py` from the vectors in this directory; do not "
        "edit. The method is in `generator/drift.py`.", "",
        "Of %d cases, %d drift (their outcomes differ by more than torch's own dispatch "
        "noise), %d give bit-identical canonical outputs in both versions, and %d differ "
        "only within dispatch noise (last bits). %d refusals differ only in the message "
        "text." % (total, drifting, same_bits, sum(noise_level.values()), msg_only), "",
        "| cause | cases | example |", "|---|---|---|"]
    for key, members in groups.items():
        if members:
            lines.append("| [%s](#%s) | %d | `%s` |" % (
                CAUSES[key]["title"], key, len(members),
                EXAMPLES.get(key, min(members, key=lambda m: _size(m[1]))[0]["id"])))
    lines += ["", "Last-bit differences (within noise) per mode: " + (", ".join(
        "%s %d" % (k, noise_level[k]) for k in sorted(noise_level)) or "none") + ".", ""]
    for key, members in groups.items():
        if not members:
            continue
        info = CAUSES[key]
        ex_id = EXAMPLES.get(key)
        ex = next((m for m in members if m[0]["id"] == ex_id), None)
        if ex is None:
            ex = min(members, key=lambda m: _size(m[1]))
        c, e = ex
        lines += ['<a id="%s"></a>' % key, "", "## %s (%d cases)" % (info["title"],
                                                                    len(members)), "",
                  info["what"], "",
                  "Origin: %s" % ORIGINS.get(info["origin"], info["origin"]), ""]
        if info["bug"]:
            lines += [info["bug"], ""]
        lines += ["Example `%s`:" % c["id"], "", "```",
                  _call_text(c),
                  "torch %s: %s" % (new, _outcome_text(c, e, results, oracles[0])),
                  "torch %s: %s" % (old, _outcome_text(c, e, results, oracles[1])),
                  "```", "", "All cases:", ""]
        lines += ["- `%s`" % m[0]["id"] for m in sorted(members, key=lambda m: m[0]["id"])]
        lines.append("")
    return "\n".join(lines)


def _size(e):
    shape = e.get("expected_shape")
    return math.prod(shape) if shape else 0
