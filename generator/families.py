"""interpcheck case families beyond the sanity grid: edge, regression, error, random.

Each function returns a list of catalogue.case() dicts. Regression cases cite the PyTorch
issue they guard (SEMANTICS.md sections 4 and 5); error cases name the exception class torch
1.13.1 must raise, and gen_vectors.py refuses to write a set where torch disagrees.
"""

import hashlib

import numpy as np

from catalogue import (INTERPOLATING, VALID_MODES, ac_short, ac_values, auto_id, case,
                       fmt_scale, out_spatial, rsf_short)


def _ramp(shape):
    return np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape)


# ---- edge ---------------------------------------------------------------------------------

def edge_cases():
    """Size-1 inputs and outputs, in=1 upsampling, tiny shapes, N = 0, empty area output."""
    out = []
    for mode, dims, aa in VALID_MODES:
        for ac in ac_values(mode):
            # size 1 in and out
            shape = [2, 3] + [1] * dims
            cid = auto_id("edge_", mode, aa, ac, "size1", "float32", shape, 1, None)
            out.append(case(cid, "edge", mode, shape, size=1, ac=ac, aa=aa,
                            note="size 1 in and out"))
            # in = 1 -> 4 (replicates)
            cid = auto_id("edge_", mode, aa, ac, "size4", "float32", shape, 4, None)
            out.append(case(cid, "edge", mode, shape, size=4, ac=ac, aa=aa,
                            note="in = 1 upsampled (align_corners True replicates)"))
            cid = auto_id("edge_", mode, aa, ac, "s3_rsfn", "float32", shape, None, 3)
            out.append(case(cid, "edge", mode, shape, scale=3, ac=ac, aa=aa,
                            note="in = 1 upsampled by scale 3"))
            # out = 1 from a larger input (corner vs centre)
            shape = [2, 2] + [5, 4, 3][:dims]
            cid = auto_id("edge_", mode, aa, ac, "size1", "float32", shape, 1, None)
            out.append(case(cid, "edge", mode, shape, size=1, ac=ac, aa=aa,
                            note="out = 1: align_corners True samples pixel 0, False the "
                                 "centre (area: mean)"))
            # tiny shapes
            for spatial, size in (([2], [3]), ([1, 2], [3, 1]), ([2, 1], [1, 3]),
                                  ([2, 2], [3, 3]), ([2, 2], [1, 1]), ([1, 2, 2], [2, 1, 3]),
                                  ([2, 1, 2], [1, 2, 1])):
                if len(spatial) != dims:
                    continue
                shape = [2, 2] + spatial
                cid = auto_id("edge_", mode, aa, ac, "sizet", "float32", shape, size, None)
                out.append(case(cid, "edge", mode, shape, size=size, ac=ac, aa=aa,
                                note="tiny shapes"))
            # large ratio: 2 -> 82 along the last axis (float index rounding at the end)
            shape = [2, 2] + [3, 2][:dims - 1] + [2]
            size = [3, 2][:dims - 1] + [82]
            cid = auto_id("edge_", mode, aa, ac, "sizet", "float32", shape, size, None)
            out.append(case(cid, "edge", mode, shape, size=size, ac=ac, aa=aa,
                            note="large ratio 2 -> 82 on the last axis"))
            shape = [2, 2] + [3, 2][:dims - 1] + [82]
            size = [3, 2][:dims - 1] + [2]
            cid = auto_id("edge_", mode, aa, ac, "sizet", "float32", shape, size, None)
            out.append(case(cid, "edge", mode, shape, size=size, ac=ac, aa=aa,
                            note="large ratio 82 -> 2 on the last axis"))
            # N = 0 returns an empty tensor
            shape = [0, 2] + [3, 4, 5][:dims]
            cid = auto_id("edge_", mode, aa, ac, "s2_rsfn", "float32", shape, None, 2)
            out.append(case(cid, "edge", mode, shape, scale=2, ac=ac, aa=aa,
                            note="N = 0 is accepted and returns an empty tensor"))
            # spatial H = W = 1 with C > 1 (channels-last-contiguous either way)
            if dims >= 2:
                shape = [2, 5] + [1] * dims
                cid = auto_id("edge_", mode, aa, ac, "s2_rsfn", "float32", shape, None, 2,
                              "_hw1")
                out.append(case(cid, "edge", mode, shape, scale=2, ac=ac, aa=aa,
                                note="all spatial sizes 1: channels-last-contiguous"))
    # area: output size 0 is legal (empty), every other mode raises.
    for dims in (1, 2, 3):
        shape = [1, 2] + [4] * dims
        cid = auto_id("edge_", "area", False, None, "s0.1_rsfn", "float32", shape, None, 0.1)
        out.append(case(cid, "edge", "area", shape, scale=0.1,
                        note="area accepts an output size of 0 (empty result)"))
        cid = auto_id("edge_", "area", False, None, "size0", "float32", shape, 0, None)
        out.append(case(cid, "edge", "area", shape, size=0,
                        note="area accepts size 0 (empty result)"))
    # area with C = 0: accepted by adaptive_avg_pool1d/2d in 1.13 (every other mode raises).
    for spatial in ([5], [4, 5]):
        shape = [1, 0] + spatial
        cid = auto_id("edge_", "area", False, None, "size2", "float32", shape, 2, None)
        out.append(case(cid, "edge", "area", shape, size=2,
                        note="area with C = 0 returns an empty tensor in 1.13 (1-D/2-D only)"))
    shape = [1, 2, 4, 5]
    cid = auto_id("edge_", "area", False, None, "sizet", "float32", shape, [3, 0], None)
    out.append(case(cid, "edge", "area", shape, size=[3, 0],
                    note="area accepts one output axis of 0 (empty result)"))
    # area with N = 0 and all-ones output (mean of nothing per sample)
    shape = [0, 3, 5, 6]
    cid = auto_id("edge_", "area", False, None, "size1", "float32", shape, 1, None)
    out.append(case(cid, "edge", "area", shape, size=1, note="area all-ones output with N=0"))
    # float64 and uint8 edges
    for mode in ("nearest", "nearest-exact"):
        shape = [2, 3, 1, 1]
        cid = auto_id("edge_", mode, False, None, "size4", "uint8", shape, 4, None)
        out.append(case(cid, "edge", mode, shape, size=4, dtype="uint8", values="uint8",
                        note="uint8 in = 1 upsampled"))
        shape = [0, 3, 2, 3]
        cid = auto_id("edge_", mode, False, None, "s2_rsfn", "uint8", shape, None, 2)
        out.append(case(cid, "edge", mode, shape, scale=2, dtype="uint8", values="uint8",
                        note="uint8 N = 0"))
    for mode, dims, aa in VALID_MODES:
        if dims != 2:
            continue
        shape = [2, 2, 1, 3]
        ac = True if mode in INTERPOLATING else None
        cid = auto_id("edge_", mode, aa, ac, "sizet", "float64", shape, [4, 1], None)
        out.append(case(cid, "edge", mode, shape, size=[4, 1], ac=ac, aa=aa, dtype="float64",
                        note="float64 tiny shape"))
    return out


# ---- regression ---------------------------------------------------------------------------

def _reg(cid, issue, mode, shape, note, **kw):
    return case("regression_" + cid, "regression", mode, shape, issue="pytorch#%d" % issue,
                note=note, **kw)


def regression_cases():
    """Named cases guarding the behaviours and bugs listed in SEMANTICS.md sections 4 and 5."""
    out = []
    # #29894: bicubic same-size fast path copied only sample 0 (1.3 - 1.7.1).
    out.append(_reg("29894_bicubic_scale1_f32_n2c2_2x4", 29894, "bicubic", [2, 2, 2, 4],
                    "bicubic scale 1 with N>=2: every sample must equal its input",
                    scale=1, data=_ramp([2, 2, 2, 4]), values="ramp"))
    out.append(_reg("29894_bicubic_scale1.0_f32_n3c4_9x7", 29894, "bicubic", [3, 4, 9, 7],
                    "bicubic scale 1.0 with N=3, C=4: every sample must equal its input",
                    scale=1.0))
    out.append(_reg("29894_bicubic_sizeid_f32_n3c4_9x7", 29894, "bicubic", [3, 4, 9, 7],
                    "bicubic size == input with N=3, C=4: output equals input", size=[9, 7]))
    out.append(_reg("29894_bicubic_ac1_scale1_f32_n2c3_6x5", 29894, "bicubic", [2, 3, 6, 5],
                    "bicubic scale 1, align_corners True, N=2", scale=1, ac=True))
    # #5927: align_corners default is False (half-pixel).
    for ac in (None, False, True):
        out.append(_reg("5927_linear_%s_f32_n1c1_2_to_4" % ac_short(ac), 5927, "linear",
                        [1, 1, 2], "[0,1] -> 4: True [0,1/3,2/3,1], False/None "
                        "[0,.25,.75,1]", size=4, ac=ac, data=[0.0, 1.0], values="ramp"))
    # #28324 / #38362 / #41117: user scale vs recomputed (W=5, scale 1.7).
    for mode in ("linear", "nearest", "nearest-exact"):
        for rsf in (None, False, True):
            ac = False if mode == "linear" else None
            issue = {None: 38362, False: 41117, True: 28324}[rsf]
            cid = "%d_%s_%s_s1.7_%s_f32_n1c1_5_to_8" % (issue, mode, ac_short(ac),
                                                         rsf_short(rsf))
            out.append(_reg(cid, issue, mode, [1, 1, 5], "W=5 scale 1.7: recompute None/False"
                            " use 1/1.7, True uses 5/8", scale=1.7, ac=ac, rsf=rsf,
                            data=[0.0, 1.0, 2.0, 3.0, 4.0], values="ramp"))
    for rsf in (None, True):
        out.append(_reg("38362_bilinear_ac0_s1.7_%s_f32_n2c2_5x5_to_8x8" % rsf_short(rsf),
                        38362, "bilinear", [2, 2, 5, 5], "bilinear W=H=5 scale 1.7, user "
                        "scale vs recomputed", scale=1.7, ac=False, rsf=rsf))
    # #61166: 2x2 -> 1x1 bilinear align_corners False = 2.5.
    for ac in (None, False, True):
        out.append(_reg("61166_bilinear_%s_f32_n1c1_2x2_to_1x1" % ac_short(ac), 61166,
                        "bilinear", [1, 1, 2, 2], "[[1,2],[3,4]] -> 1x1: 2.5 (False/None), "
                        "1 (True)", size=1, ac=ac, data=[1.0, 2.0, 3.0, 4.0], values="ramp"))
    out.append(_reg("61166_bilinear_ac0_f32_n2c3_2x2_to_1x1", 61166, "bilinear",
                    [2, 3, 2, 2], "2x2 -> 1x1 bilinear, N=2 C=3 (generic kernel)", size=1,
                    ac=False))
    # #62237: nearest float-index off-by-ones and the channels-last shortcuts.
    for c in (1, 2):
        out.append(_reg("62237_nearest_size82_f32_n1c%d_2_to_82" % c, 62237, "nearest",
                        [1, c, 2], "in 2 -> 82: output 41 takes input 0 (fl(2/82)*41 < 1)",
                        size=82, data=_ramp([1, c, 2]), values="ramp"))
        out.append(_reg("62237_nearest_size82_f32_n1c%d_1x2_to_1x82" % c, 62237, "nearest",
                        [1, c, 1, 2], "2-D in 2 -> 82 (C=1 takes the channels-last kernel)",
                        size=[1, 82], data=_ramp([1, c, 1, 2]), values="ramp"))
    for rsf in (None, False, True):
        for c in (1, 2):
            out.append(_reg("62237_nearest_s1.00001_%s_f32_n1c%d_2_to_2" % (rsf_short(rsf), c),
                            62237, "nearest", [1, c, 2], "[1,2] scale 1.00001: [1,1] since "
                            "1.9 with recompute None/False", scale=1.00001, rsf=rsf,
                            data=np.tile([1.0, 2.0], c), values="ramp"))
            out.append(_reg("62237_nearest_s1.00001_%s_f32_n1c%d_1x2_to_1x2"
                            % (rsf_short(rsf), c), 62237, "nearest", [1, c, 1, 2],
                            "2-D [1,2] scale 1.00001: C=1 takes the out==in copy shortcut",
                            scale=1.00001, rsf=rsf, data=np.tile([1.0, 2.0], c),
                            values="ramp"))
    for c in (1, 2):
        for dims_shape in ([1, c, 5], [1, c, 1, 5], [1, c, 1, 1, 5]):
            tag = "x".join(str(v) for v in dims_shape[2:])
            out.append(_reg("62237_nearest_s1.1_f32_n1c%d_%s_to_%s" % (c, tag, tag), 62237,
                            "nearest", dims_shape, "W=5 scale 1.1: generic [0,0,1,2,3], "
                            "channels-last (C=1) [0,1,2,3,4]", scale=1.1,
                            data=_ramp(dims_shape), values="ramp"))
            out.append(_reg("86361_nearest_s2.1_f32_n1c%d_%s" % (c, tag), 86361, "nearest",
                            dims_shape, "W=5 scale 2.1 (out 10): C=1 takes the i>>1 shortcut",
                            scale=2.1, data=_ramp(dims_shape), values="ramp"))
    # #64501: nearest-exact vs nearest.
    for mode in ("nearest", "nearest-exact"):
        for n_in, n_out in ((4, 3), (4, 6), (2, 41), (2, 82)):
            if mode == "nearest" and n_out == 82:
                continue  # regression_62237_nearest_size82_f32_n1c2_2_to_82
            out.append(_reg("64501_%s_size%d_f32_n1c2_%d_to_%d" % (mode, n_out, n_in, n_out),
                            64501, mode, [1, 2, n_in], "nearest-exact 4->3 [0,2,3], 4->6 "
                            "[0,1,1,2,3,3]; in 2 -> 41 index 20 = 0", size=n_out,
                            data=_ramp([1, 2, n_in]), values="ramp"))
        out.append(_reg("64501_%s_size3x6_f32_n2c2_4x4_to_3x6" % mode, 64501, mode,
                        [2, 2, 4, 4], "2-D 4->3 and 4->6", size=[3, 6]))
        out.append(_reg("64501_%s_size3x6_f32_n2c2_4x4_to_3x6_cl" % mode, 64501, mode,
                        [2, 2, 4, 4], "2-D 4->3 and 4->6, channels_last", size=[3, 6],
                        layout="channels_last"))
    # #65142 / #68819: antialias.
    out.append(_reg("65142_bilinear-aa_ac0_size3_f32_n1c1_1x8_to_1x3", 65142, "bilinear",
                    [1, 1, 1, 8], "8->3 bilinear AA [1.1052632, 3.5, 5.8947372]",
                    size=[1, 3], ac=False, aa=True, data=_ramp([1, 1, 1, 8]), values="ramp"))
    out.append(_reg("68819_bilinear-aa_ac1_size3_f32_n1c1_1x8_to_1x3", 68819, "bilinear",
                    [1, 1, 1, 8], "8->3 bilinear AA align_corners True [1.58, 4.69, 6.53]",
                    size=[1, 3], ac=True, aa=True, data=_ramp([1, 1, 1, 8]), values="ramp"))
    for mode in ("bilinear", "bicubic"):
        for aa in (False, True):
            out.append(_reg("68819_%s_ac0_size10_f32_n1c1_1x5_to_1x10"
                            % (mode + ("-aa" if aa else "")), 68819, mode, [1, 1, 1, 5],
                            "5->10 on [0,0,1,0,0]: bicubic AA differs from non-AA",
                            size=[1, 10], ac=False, aa=aa, data=[0.0, 0.0, 1.0, 0.0, 0.0],
                            values="ramp"))
            out.append(_reg("68819_%s_ac0_down_f32_n2c3_32x29_to_7x9"
                            % (mode + ("-aa" if aa else "")), 68819, mode, [2, 3, 32, 29],
                            "strong downsampling, antialias vs not", size=[7, 9], ac=False,
                            aa=aa, values="image"))
            out.append(_reg("68819_%s_acn_inf_f32_n1c1_1x5_to_1x5"
                            % (mode + ("-aa" if aa else "")), 68819, mode, [1, 1, 1, 5],
                            "same size [0,1,inf,3,4]: AA runs both passes in 1.13",
                            size=[1, 5], aa=aa, data=[0.0, 1.0, np.inf, 3.0, 4.0],
                            values="inf"))
    # Antialias with one output column (2.x): torch 2.14 repeats row 0's value down the whole
    # height; 1.13 filters every row. One output row is fine in both. No upstream issue.
    for mode in ("bilinear", "bicubic"):
        for size, what in (([4, 1], "4x1"), ([1, 4], "1x4"), ([5, 1], "5x1")):
            out.append(case("regression_aa_onecol_%s-aa_acn_f32_n1c1_32x8_to_%s" % (mode, what),
                            "regression", mode, [1, 1, 32, 8],
                            note="antialias to one output column: 2.14 repeats row 0 (a 2.x "
                                 "bug)",
                            size=size, aa=True, data=_ramp([1, 1, 32, 8]), values="ramp"))
        out.append(case("regression_aa_onecol_%s-aa_acn_f32_n2c3_9x6_to_3x1" % mode,
                        "regression", mode, [2, 3, 9, 6],
                        note="antialias to one output column, N=2, C=3", size=[3, 1], aa=True))
        # same-size axis with a user scale: 2.14 skips the pass (identity), 1.13 filters.
        out.append(case("regression_aa_sameaxis_%s-aa_acn_s1.1x0.5_f32_n1c2_5x8_to_5x4" % mode,
                        "regression", mode, [1, 2, 5, 8],
                        note="antialias, height unchanged (scale 1.1 floors to 5): 2.14 copies "
                        "that axis, 1.13 filters it with 1/1.1", scale=[1.1, 0.5], aa=True))
    # #62396 / #96236: output size floored (88 * 120/88 = 119.99...).
    for mode, shape in (("nearest", [1, 2, 88]), ("linear", [1, 2, 88]),
                        ("bilinear", [1, 2, 3, 88]), ("area", [1, 2, 88])):
        for rsf in (None, True):
            ac = False if mode in INTERPOLATING else None
            out.append(_reg("62396_%s_%s_s120d88_%s_f32_n1c2_%s" % (
                mode, ac_short(ac), rsf_short(rsf), "x".join(map(str, shape[2:]))), 62396,
                mode, shape, "scale 120/88 on 88 gives 119, not 120",
                scale=(120.0 / 88.0 if len(shape) == 3 else (1.0, 120.0 / 88.0)), ac=ac,
                rsf=rsf))
    # area non-integer ratios and all-ones output (mean).
    for spatial, size in (([37, 41], 1), ([37, 41], [1, 1]), ([7, 5], [3, 2]),
                          ([10, 9], [4, 7]), ([37], 1), ([5, 6, 7], 1), ([5, 6, 7], [2, 3, 4])):
        shape = [2, 3] + spatial
        cid = "regression_area_acn_%s_f32_n2c3_%s_to_%s" % (
            "size" if isinstance(size, int) else "sizet", "x".join(map(str, spatial)), "x".join(map(str, out_spatial(spatial, size, None))))
        out.append(case(cid, "regression", "area", shape, size=size,
                        note="area: overlapping windows for non-integer ratios; an all-ones "
                             "output goes through mean() (no PyTorch issue)"))
    out.append(case("regression_area_acn_size_f32_n2c3_37x41_to_1x1_cl", "regression", "area",
                    [2, 3, 37, 41], size=1, layout="channels_last",
                    note="area all-ones output via mean(), channels_last input"))
    # bicubic same size with a non-unit scale; linear same size identity.
    for mode, shape in (("bicubic", [1, 2, 1, 5]), ("linear", [1, 2, 5]),
                        ("bilinear", [1, 2, 1, 5]), ("trilinear", [1, 2, 1, 1, 5])):
        for ac in (None, True):
            out.append(case("regression_%s_%s_s1.1_same_f32_n1c2_%s" % (
                mode, ac_short(ac), "x".join(map(str, shape[2:]))), "regression", mode, shape,
                note="W=5 scale 1.1 (out 5): bicubic interpolates with 1/1.1, linear is the "
                "identity (no PyTorch issue)", scale=1.1, ac=ac, data=_ramp(shape),
                values="ramp"))
    # #121390: nearest uses 1/scale, 4x2 scale (2.05, 3.15).
    for mode in ("nearest", "nearest-exact", "bilinear", "bicubic"):
        for rsf in (None, True):
            ac = None
            out.append(_reg("121390_%s_%s_s2.05x3.15_%s_f32_n1c2_4x2_to_8x6" % (
                mode, ac_short(ac), rsf_short(rsf)), 121390, mode, [1, 2, 4, 2],
                "4x2 scale (2.05, 3.15): nearest uses 1/scale, not in/out",
                scale=(2.05, 3.15), rsf=rsf, data=_ramp([1, 2, 4, 2]), values="ramp"))
    # #76935 / #87968: 3x128x128 bilinear x2 align_corners True (double coordinates in 1.13).
    # The issue used 3x128x128; one long axis at a time keeps the indices > 100 that differ.
    out.append(_reg("87968_bilinear_ac1_s2_rsfn_f32_n1c3_128x8_to_256x16", 87968,
                    "bilinear", [1, 3, 128, 8], "bilinear x2 align_corners True: 1.13 "
                    "computes coordinates in double (differs from 1.10 / 2.x)", scale=2,
                    ac=True, values="image"))
    out.append(_reg("76935_bilinear_ac1_s2_rsfn_f32_n1c3_8x128_to_16x256", 76935, "bilinear",
                    [1, 3, 8, 128], "#87968 vector along W (1.13 acc_type coordinates)",
                    scale=2, ac=True, values="image"))
    out.append(_reg("76935_bilinear_ac1_s2_rsfn_f32_n1c3_8x128_to_16x256_cl", 76935,
                    "bilinear", [1, 3, 8, 128], "#87968 vector along W, channels_last",
                    scale=2, ac=True, values="image", layout="channels_last"))
    # #89210 / #89252: large input, near-integer ratio at the last output.
    for mode, ac in (("linear", False), ("linear", True), ("nearest", None),
                     ("nearest-exact", None)):
        for n_in, n_out in ((4097, 12289), (3001, 1000)):
            out.append(_reg("89252_%s_%s_size_f32_n1c1_%d_to_%d" % (mode, ac_short(ac), n_in,
                                                                     n_out), 89252, mode,
                            [1, 1, n_in], "large in, near-integer ratio: last output index "
                            "and lambda stay in range", size=n_out, ac=ac, values="ramp",
                            data=_ramp([1, 1, n_in])))
    out.append(_reg("89210_bicubic_ac0_size_f32_n1c1_1x4097_to_1x12289", 89210, "bicubic",
                    [1, 1, 1, 4097], "bicubic large in, near-integer ratio", size=[1, 12289],
                    ac=False, data=_ramp([1, 1, 1, 4097]), values="ramp"))
    # #86361 / #90302: layout / dispatch dependence (1.13: channels-last contiguity decides).
    for c in (1, 2, 3, 4, 8, 9):
        for layout in ("contiguous", "channels_last"):
            out.append(_reg("90302_bilinear_ac0_s1.7_f32_n1c%d_5x7_%s" % (c, layout[:2]), 90302,
                            "bilinear", [1, c, 5, 7], "bilinear kernel choice by memory "
                            "format and C (the channels-last scalar tail is double in 1.13)",
                            scale=1.7, ac=False, layout=layout))
            out.append(_reg("86361_nearest_s1.1_f32_n1c%d_5x5_%s" % (c, layout[:2]), 86361,
                            "nearest", [1, c, 5, 5], "nearest out==in with scale 1.1: the "
                            "channels-last kernel copies", scale=1.1, layout=layout))
    out.append(_reg("86361_nearest_s2_f32_n1c3_20x70_to_40x140", 86361, "nearest",
                    [1, 3, 20, 70], "large output nearest (2.x dispatch heuristic: "
                    "out_H + out_W > 128)", scale=2))
    # uint8 must raise for bilinear / bicubic on 1.13 (#90771 added it in 2.x): see errors.
    return out


# ---- error --------------------------------------------------------------------------------

def _err(cid, error, mode, shape, note, **kw):
    return case("error_" + cid, "error", mode, shape, error=error, note=note, **kw)


def _verr(cid, errors, mode, shape, note, **kw):
    """An error case whose outcome depends on the torch version ({oracle: class or None});
    family `version` when one version accepts the call (the id keeps its error_ prefix)."""
    family = "version" if None in errors.values() else "error"
    return case("error_" + cid, family, mode, shape, error=errors, note=note, **kw)


def error_cases():
    """Every way interpolate refuses (SEMANTICS.md section 1), with the class torch raises."""
    V, N, R, T, O = ("ValueError", "NotImplementedError", "RuntimeError", "TypeError",
                     "OverflowError")
    s4 = [1, 2, 4, 5]
    out = []
    for mode in ("nearest", "area", "nearest-exact"):
        for ac in (False, True):
            out.append(_err("%s_%s_align_corners_rejected" % (mode, ac_short(ac)), V, mode, s4,
                            "align_corners (even False) is rejected for %s" % mode, scale=2,
                            ac=ac))
    out.append(_err("bilinear_both_size_and_scale", V, "bilinear", s4,
                    "size and scale_factor both given", size=[8, 10], scale=2))
    out.append(_err("bilinear_neither_size_nor_scale", V, "bilinear", s4,
                    "neither size nor scale_factor"))
    out.append(_err("nearest_neither_size_nor_scale", V, "nearest", [1, 2, 5],
                    "neither size nor scale_factor"))
    out.append(_err("bilinear_size_len1_for_2d", V, "bilinear", s4, "size tuple too short",
                    size=[3]))
    out.append(_err("bilinear_size_len3_for_2d", V, "bilinear", s4, "size tuple too long",
                    size=[3, 4, 5]))
    out.append(_err("linear_size_len2_for_1d", V, "linear", [1, 2, 5],
                    "size tuple too long", size=[3, 4]))
    out.append(_err("trilinear_size_len2_for_3d", V, "trilinear", [1, 2, 3, 4, 5],
                    "size tuple too short", size=[3, 4]))
    out.append(_err("bilinear_scale_len1_for_2d", V, "bilinear", s4, "scale tuple too short",
                    scale=[2.0]))
    out.append(_err("nearest_scale_len3_for_2d", V, "nearest", s4, "scale tuple too long",
                    scale=[2.0, 2.0, 2.0]))
    out.append(_err("bilinear_recompute_true_with_size", V, "bilinear", s4,
                    "recompute_scale_factor=True with size", size=[8, 10], rsf=True))
    out.append(_err("area_recompute_true_with_size", V, "area", s4,
                    "recompute_scale_factor=True with size", size=[2, 2], rsf=True))
    for mode, shape in (("nearest", s4), ("area", s4), ("nearest-exact", s4),
                        ("linear", [1, 2, 5]), ("trilinear", [1, 2, 3, 4, 5]),
                        ("bilinear", [1, 2, 5]), ("bicubic", [1, 2, 5]),
                        ("bilinear", [1, 2, 3, 4, 5]), ("bicubic", [1, 2, 3, 4, 5])):
        out.append(_err("%s_%dd_antialias_rejected" % (mode, len(shape)), V, mode, shape,
                        "antialias only for bilinear/bicubic on 4-D input", scale=2, aa=True))
    for mode, shape in (("bilinear", [1, 2, 5]), ("trilinear", [1, 2, 5]),
                        ("linear", s4), ("trilinear", s4), ("linear", [1, 2, 3, 4, 5]),
                        ("bilinear", [1, 2, 3, 4, 5]), ("bicubic", [1, 2, 5]),
                        ("bicubic", [1, 2, 3, 4, 5])):
        out.append(_err("%s_%dd_input_rejected" % (mode, len(shape)), N, mode, shape,
                        "mode / input rank mismatch", scale=2))
    for mode in ("foo", "Bilinear", "NEAREST", "cubic", "nearest_exact", ""):
        tag = mode.lower() if mode else "empty"
        if mode != mode.lower():
            tag += "_miscased"
        out.append(_err("mode_%s_rejected" % tag, N, mode, s4,
                        "unknown or mis-cased mode string", scale=2))
    for mode in ("nearest", "bilinear", "area"):
        out.append(_err("%s_2d_tensor_rejected" % mode, N, mode, [4, 5],
                        "2-D input (no spatial dims)", size=[]))
        out.append(_err("%s_6d_tensor_rejected" % mode, N, mode, [1, 1, 2, 2, 2, 2],
                        "6-D input", scale=2))
    # zero / negative output sizes (C++ shape checks) per rank.
    for mode, shape in (("nearest", [1, 2, 5]), ("linear", [1, 2, 5]), ("nearest", s4),
                        ("bilinear", s4), ("bicubic", s4), ("nearest-exact", s4),
                        ("nearest", [1, 2, 3, 4, 5]), ("trilinear", [1, 2, 3, 4, 5])):
        rank = len(shape)
        out.append(_err("%s_%dd_size0" % (mode, rank), R, mode, shape, "output size 0",
                        size=0))
        out.append(_err("%s_%dd_size_negative" % (mode, rank), R, mode, shape,
                        "negative output size", size=-1))
        out.append(_err("%s_%dd_scale_floors_to_0" % (mode, rank), R, mode, shape,
                        "scale 0.1 floors the output to 0", scale=0.1))
        out.append(_err("%s_%dd_scale0" % (mode, rank), R, mode, shape, "scale 0", scale=0.0))
        out.append(_err("%s_%dd_scale_negative" % (mode, rank), R, mode, shape,
                        "negative scale", scale=-2.0))
        out.append(_err("%s_%dd_c0" % (mode, rank), R, mode, shape[:1] + [0] + shape[2:],
                        "C = 0: non-empty data tensor expected", scale=2))
        out.append(_err("%s_%dd_empty_spatial" % (mode, rank), R, mode,
                        shape[:2] + [0] + shape[3:], "zero-length spatial input", scale=2))
    out.append(_err("bilinear-aa_4d_size0", R, "bilinear", s4, "antialias output size 0",
                    size=0, aa=True))
    out.append(_err("bicubic-aa_4d_empty_spatial", R, "bicubic", [1, 2, 0, 5],
                    "antialias zero-length spatial input", scale=2, aa=True))
    out.append(_err("bilinear-aa_4d_c0", R, "bilinear", [1, 0, 4, 5],
                    "antialias C = 0", scale=2, aa=True))
    for shape in ([1, 2, 5], s4, [1, 2, 3, 4, 5]):
        rank = len(shape)
        out.append(_err("area_%dd_size_negative" % rank, R, "area", shape,
                        "area negative size (adaptive_avg_pool message)", size=-1))
        out.append(_err("area_%dd_empty_spatial" % rank, R, "area",
                        shape[:2] + [0] + shape[3:], "area zero-length spatial input",
                        size=2))
        if rank == 5:
            # 1.13: adaptive_avg_pool1d/2d accept C = 0 (empty result, see edge_cases);
            # adaptive_avg_pool3d refuses it.
            out.append(_err("area_%dd_c0" % rank, R, "area", shape[:1] + [0] + shape[2:],
                            "area C = 0 (3-D pooling refuses it)", size=2))
    # non-finite scales.
    for mode in ("nearest", "bilinear", "area"):
        out.append(_err("%s_scale_nan_recompute_true" % mode, V, mode, s4,
                        "NaN scale with recompute: math.floor(nan)", scale="nan", rsf=True))
        out.append(_err("%s_scale_inf_recompute_true" % mode, O, mode, s4,
                        "inf scale with recompute: math.floor(inf)", scale="inf", rsf=True))
    out.append(_err("area_scale_nan", V, "area", s4, "area forces recompute: NaN scale",
                    scale="nan"))
    out.append(_err("area_scale_inf", O, "area", s4, "area forces recompute: inf scale",
                    scale="inf"))
    out.append(_err("area_scale_-inf", O, "area", s4, "area forces recompute: -inf scale",
                    scale="-inf"))
    for mode in ("nearest", "bilinear"):
        for val in ("nan", "inf", "-inf"):
            out.append(_err("%s_scale_%s_recompute_none" % (mode, val), R, mode, s4,
                            "non-finite scale without recompute: INT64_MIN output size",
                            scale=val))
    # float sizes reach the C++ binding: TypeError.
    for mode, shape, size in (("nearest", s4, [8.0, 10.0]), ("bilinear", s4, [8.0, 10.0]),
                              ("linear", [1, 2, 5], 7.5), ("bicubic", s4, 8.0),
                              ("nearest-exact", s4, [8.5, 10.0]),
                              ("trilinear", [1, 2, 3, 4, 5], [6.0, 8.0, 10.0])):
        out.append(_err("%s_%dd_float_size" % (mode, len(shape)), T, mode, shape,
                        "float size reaches the C++ binding", size=size, size_is_float=True))
    # sizes too large for a tensor, scales too large for an int64.
    out.append(_err("nearest_4d_size_2e40_storage_overflow", R, "nearest", s4,
                    "huge output size: storage size overflow, raised before allocating",
                    size=[2 ** 40, 2 ** 40]))
    out.append(_err("area_4d_size_2e62_numel_overflow", R, "area", s4,
                    "huge area output size: numel overflow", size=[2 ** 62, 2 ** 62]))
    out.append(_err("nearest_scale_1e300_recompute_none", R, "nearest", s4,
                    "scale 1e300 without recompute: the C++ int64 conversion overflows",
                    scale=1e300))
    out.append(_err("nearest_scale_1e300_recompute_true", T, "nearest", s4,
                    "scale 1e300 with recompute: Python int beyond int64 (TypeError)",
                    scale=1e300, rsf=True))
    out.append(_err("area_4d_float_size", T, "area", s4, "area float size (TypeError from "
                    "adaptive_avg_pool2d)", size=[2.0, 3.0], size_is_float=True))
    out.append(_err("area_4d_scale_negative", R, "area", s4, "area negative scale: "
                    "negative adaptive pooling size", scale=-2.0))
    # check order: the first failing check decides the exception and its message.
    out.append(_err("order_nearest_ac1_and_both_size_scale", V, "nearest", s4,
                    "align_corners is checked before size/scale exclusivity", size=[8, 10],
                    scale=2, ac=True))
    out.append(_err("order_nearest_aa_neither_size_nor_scale", V, "nearest", s4,
                    "size/scale are checked before antialias", aa=True))
    out.append(_err("order_linear_aa_recompute_with_size", V, "linear", [1, 2, 5],
                    "recompute-with-size is checked before antialias", size=8, rsf=True,
                    aa=True))
    out.append(_err("order_bilinear_3d_aa_size_len", V, "bilinear", [1, 2, 5],
                    "size length is checked before antialias and the rank dispatch",
                    size=[3, 4], aa=True))
    out.append(_err("order_nearest_uint8_ac1", V, "nearest", s4,
                    "Python argument checks come before the dtype check", scale=2, ac=True,
                    dtype="uint8", values="uint8"))
    out.append(_err("order_foo_5d_aa", V, "foo", [1, 2, 3, 4, 5],
                    "antialias is checked before the mode dispatch", scale=2, aa=True))
    # dtypes.
    # 2.14 accepts uint8 in bilinear / bicubic (with and without antialias) and float16 in
    # every mode but antialias; it raises NotImplementedError where 1.13 raised RuntimeError.
    # A case one version refuses and the other accepts is family `version`.
    N = "NotImplementedError"
    for mode, shape, aa in (("linear", [1, 2, 5], False), ("bilinear", s4, False),
                            ("bicubic", s4, False), ("trilinear", [1, 2, 3, 4, 5], False),
                            ("bilinear", s4, True), ("bicubic", s4, True),
                            ("area", s4, False), ("area", [1, 2, 5], False)):
        new = None if mode in ("bilinear", "bicubic") else N
        out.append(_verr("%s%s_%dd_uint8_unsupported" % (mode, "-aa" if aa else "", len(shape)),
                         {"1.13": R, "2.14": new}, mode, shape,
                         "uint8 is only supported by nearest modes in 1.13%s"
                         % ("; 2.14 accepts it" if new is None else ""),
                         scale=2, aa=aa, dtype="uint8", values="uint8"))
    for mode, shape, aa in (("nearest", s4, False), ("nearest-exact", s4, False),
                            ("bilinear", s4, False), ("linear", [1, 2, 5], False),
                            ("bicubic", s4, True), ("area", s4, False)):
        for dtype in ("int32", "float16"):
            new = None if dtype == "float16" and not aa else N
            out.append(_verr("%s%s_%dd_%s_unsupported" % (mode, "-aa" if aa else "",
                                                          len(shape), dtype),
                             {"1.13": R, "2.14": new}, mode, shape,
                             "%s unsupported on CPU in 1.13%s"
                             % (dtype, "; 2.14 accepts it" if new is None else ""),
                             scale=2, aa=aa, dtype=dtype,
                             values="int" if dtype == "int32" else "normal"))
    return out


# ---- random -------------------------------------------------------------------------------

RANDOM_COUNT = 250
RANDOM_SCALES = [2, 3, 1.5, 1.7, 2.05, 0.5, 0.45, 1.0 / 3.0, 0.3333, 1, 1.00001, 0.999, 1.1,
                 0.75, 2.5, 0.6]
RANDOM_CHANNELS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17]


def _rng(k):
    digest = hashlib.sha256(("random-case:%d" % k).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def _random_case(k):
    rng = _rng(k)
    while True:
        mode, dims, aa = VALID_MODES[int(rng.integers(len(VALID_MODES)))]
        dtype = "float32"
        r = rng.random()
        if r < 0.12:
            dtype = "float64"
        elif r < 0.22 and mode in ("nearest", "nearest-exact"):
            dtype = "uint8"
        n = int(rng.choice([1, 2, 2, 3]))
        c = int(rng.choice(RANDOM_CHANNELS))
        limit = {1: 40, 2: 13, 3: 7}[dims]
        spatial = [int(rng.integers(1, limit + 1)) for _ in range(dims)]
        shape = [n, c] + spatial
        layout = "contiguous"
        if dims >= 2 and rng.random() < 0.35:
            layout = "channels_last"
        ac = ac_values(mode)[int(rng.integers(len(ac_values(mode))))]
        size = scale = rsf = None
        form = rng.random()
        if form < 0.35:
            size = [int(rng.integers(1, limit * 2 + 1)) for _ in range(dims)]
            if rng.random() < 0.3:
                size = size[0]
            rsf = [None, False][int(rng.integers(2))]
        else:
            if rng.random() < 0.5:
                scale = RANDOM_SCALES[int(rng.integers(len(RANDOM_SCALES)))]
            else:
                scale = float(np.round(rng.uniform(0.3, 3.2), 4))
            if rng.random() < 0.3:
                scale = tuple(float(np.round(rng.uniform(0.4, 3.0), 3)) for _ in range(dims))
            rsf = [None, False, True][int(rng.integers(3))]
        outs = out_spatial(spatial, size, scale)
        if min(outs) < 1:
            continue
        total = n * c * max(int(np.prod(outs)), int(np.prod(spatial)))
        if total > 3000:
            continue
        values = "normal"
        if dtype != "uint8":
            values = ["normal", "normal", "normal", "image", "ramp"][int(rng.integers(5))]
        break
    what = ("size" if size is not None else fmt_scale(scale)) + "_" + rsf_short(rsf)
    suffix = "_cl" if layout == "channels_last" else ""
    cid = auto_id("random_%04d_" % k, mode, aa, ac, what, dtype, shape, size, scale, suffix)
    data = _ramp(shape) if values == "ramp" else None
    return case(cid, "random", mode, shape, size=size,
                scale=list(scale) if isinstance(scale, tuple) else scale, ac=ac, rsf=rsf,
                aa=aa, dtype=dtype, layout=layout,
                values="uint8" if dtype == "uint8" else values, data=data,
                note="seeded random call #%d" % k)


def random_cases():
    """A few hundred seeded random calls across modes, dims, arguments, shapes and layouts."""
    return [_random_case(k) for k in range(RANDOM_COUNT)]


# ---- discrimination: classes of real bugs the other families let through -------------------

def _gap(c, gap):
    c["gap"] = gap
    return c


def discrimination_cases():
    """Vectors for bug classes found to slip through (tag gap:<class>): inputs sliced along N
    or C (a port assuming stride[0] == C * stride[1]); channels-last nearest / nearest-exact with
    scales near but not equal to 1 and 2, C > 1 (same-size / double-size shortcuts applied where
    torch does not); float64 twins of the float32 nearest index cases (float64 index arithmetic
    differs); output sizes where floor, trunc, round and ceil disagree, negative products in
    (-1, 0) included; and a freer random family (strides, layouts, dtypes)."""
    out = []
    # (1) sliced along the batch or the channel axis.
    for mode, dims, aa in VALID_MODES:
        spatial = {1: [7], 2: [5, 6], 3: [3, 4, 5]}[dims]
        shape = [2, 3] + spatial
        ac = False if mode in INTERPOLATING else None
        for axis, name in ((0, "n"), (1, "c")):
            cid = auto_id("", mode, aa, ac, "s1.7_rsfn", "float32", shape, None, 1.7,
                          "_strided_%s" % name)
            out.append(_gap(case(cid, "sanity", mode, shape, scale=1.7, ac=ac, aa=aa,
                                 layout="strided", slice_axis=axis,
                                 note="input sliced x[::2] along %s (stride[0] != C*stride[1] "
                                      "for N)" % ("N" if axis == 0 else "C")), "stride"))
    # (2) channels-last nearest / nearest-exact, C > 1, scales near 1 and 2.
    for mode in ("nearest", "nearest-exact"):
        for dims, spatial in ((2, [5, 7]), (3, [3, 5, 4])):
            for c in (3, 4, 8):
                shape = [2, c] + spatial
                for scale, rsf in ((1.00001, None), (1.1, None), (0.999, None),
                                   (2.05, None), (2.1, None), (1.999, None), (2.0001, False)):
                    cid = auto_id("", mode, False, None, "s%s_%s" % (scale, rsf_short(rsf)),
                                  "float32", shape, None, scale, "_cl")
                    out.append(_gap(case(cid, "edge", mode, shape, scale=scale, rsf=rsf,
                                         layout="channels_last",
                                         note="channels-last nearest modes, scale near but "
                                              "not equal to 1 or 2 (kernel shortcuts)"),
                                    "cl-nearest"))
    # (3) float64 twins of the float32 nearest index cases.
    for c in regression_cases():
        if c["mode"] in ("nearest", "nearest-exact") and c["dtype"] == "float32" and \
                "_f32_" in c["id"]:
            twin = dict(c)
            twin["id"] = c["id"].replace("_f32_", "_f64_").replace("regression_",
                                                                   "edge_f64twin_")
            twin["family"] = "edge"
            twin["dtype"] = "float64"
            twin["issue"] = None
            twin["input_key"] = c["input_key"]
            twin["note"] = "float64 twin of %s (float64 index arithmetic)" % c["id"]
            out.append(_gap(twin, "f64-index"))
    # (4) output sizes where floor, trunc, round and ceil disagree.
    R = "RuntimeError"
    for mode, dims, aa in VALID_MODES:
        if aa:
            continue
        spatial = {1: [5], 2: [5, 3], 3: [5, 3, 2]}[dims]
        shape = [1, 2] + spatial
        ac = False if mode in INTERPOLATING else None
        # floor(5*1.3=6.5)=6; round-half-away 7; ceil 7.  floor(3*1.5=4.5)=4.
        for scale in (1.3, 0.7, 1.5):
            cid = auto_id("edge_size_", mode, aa, ac, "s%s_rsfn" % scale, "float32", shape,
                          None, scale)
            out.append(_gap(case(cid, "edge", mode, shape, scale=scale, ac=ac,
                                 note="output size floor(in * scale) where round/ceil differ"),
                            "size"))
        # products in (-1, 0): floor gives -1, truncation 0. torch refuses in every mode but
        # area (1.13 refuses area too: Python floors; 2.14 accepts it with an empty output).
        for scale, rsf in ((-0.1, None), (-0.1, True), (-0.2, None)):
            if mode == "area":
                err = {"1.13": R, "2.14": None if scale == -0.1 else R}
            else:
                err = R
            fam = "version" if isinstance(err, dict) and None in err.values() else "error"
            cid = "size_%s_%dd_s%s_%s" % (mode, dims, scale, rsf_short(rsf))
            cid = ("error_" + cid) if fam == "error" else ("edge_" + cid)
            if fam == "version":
                cid = "error_" + cid[len("edge_"):]
            out.append(_gap(case(cid, fam, mode, shape, scale=scale, ac=ac, rsf=rsf, error=err,
                                 note="negative scale with in * scale in (-1, 0]: floor "
                                      "gives -1, truncation 0"), "size"))
    # (5) a freer random family: strides along any axis, layouts, dtypes.
    for k in range(RANDOM2_COUNT):
        out.append(_gap(_random2_case(k), "random2"))
    # (6) inf / NaN inputs under interpolating modes, align_corners True and False, scales
    # whose coordinates land on integers: where a weight is exactly 0 in double coordinates
    # (1.13) and tiny in float ones (2.14), 0 x inf = NaN turns into inf or back.
    for k in range(NONFINITE_COUNT):
        out.append(_gap(_nonfinite_case(k), "nonfinite"))
    return out


NONFINITE_COUNT = 60
NONFINITE_SCALES = [1.0 / 3.0, 2.5, 3.0, 1.5, 0.25, 0.5, 2.0, 4.0, 1.25, 0.75]


def _nonfinite_case(k):
    rng = _rng(20000 + k)
    modes = [m for m in VALID_MODES if m[0] in INTERPOLATING]
    mode, dims, aa = modes[int(rng.integers(len(modes)))]
    limit = {1: 16, 2: 8, 3: 5}[dims]
    while True:
        spatial = [int(rng.integers(2, limit + 1)) for _ in range(dims)]
        shape = [1, int(rng.integers(1, 4))] + spatial
        scale = NONFINITE_SCALES[int(rng.integers(len(NONFINITE_SCALES)))]
        outs = out_spatial(spatial, None, scale)
        if min(outs) >= 1 and shape[1] * max(int(np.prod(outs)), int(np.prod(spatial))) <= 1500:
            break
    ac = bool(rng.random() < 0.6)
    values = "inf" if rng.random() < 0.6 else "nan"
    cid = auto_id("random_nonfinite_%03d_" % k, mode, aa, ac, _what_scale(scale), "float32",
                  shape, None, scale, "_" + values)
    return case(cid, "random", mode, shape, scale=scale, ac=ac, aa=aa, values=values,
                note="seeded inf/NaN call #%d: weights exactly 0 in one torch, tiny in the "
                     "other" % k)


def _what_scale(scale):
    return "%s_rsfn" % fmt_scale(scale)


RANDOM2_COUNT = 80


def _random2_case(k):
    rng = _rng(10000 + k)
    while True:
        mode, dims, aa = VALID_MODES[int(rng.integers(len(VALID_MODES)))]
        dtype = ["float32", "float32", "float64"][int(rng.integers(3))]
        if mode in ("nearest", "nearest-exact") and rng.random() < 0.25:
            dtype = "uint8"
        n = int(rng.integers(1, 4))
        c = int(rng.integers(1, 10))
        limit = {1: 30, 2: 10, 3: 6}[dims]
        spatial = [int(rng.integers(1, limit + 1)) for _ in range(dims)]
        shape = [n, c] + spatial
        r = rng.random()
        layout, axis = "contiguous", None
        if r < 0.3 and dims >= 2:
            layout = "channels_last"
        elif r < 0.75:
            layout = "strided"
            axis = int(rng.integers(0, len(shape)))
        ac = ac_values(mode)[int(rng.integers(len(ac_values(mode))))]
        size = scale = rsf = None
        if rng.random() < 0.4:
            size = [int(rng.integers(1, limit * 2 + 1)) for _ in range(dims)]
        else:
            scale = float(np.round(rng.uniform(0.3, 3.2), 3))
            rsf = [None, False, True][int(rng.integers(3))]
        outs = out_spatial(spatial, size, scale)
        if min(outs) < 1:
            continue
        total = n * c * max(int(np.prod(outs)), int(np.prod(spatial)))
        if total > 2500:
            continue
        break
    what = ("size" if size is not None else fmt_scale(scale)) + "_" + rsf_short(rsf)
    suffix = {"channels_last": "_cl", "strided": "_sl%s" % axis}.get(layout, "")
    cid = auto_id("random2_%04d_" % k, mode, aa, ac, what, dtype, shape, size, scale, suffix)
    return case(cid, "random", mode, shape, size=size, scale=scale, ac=ac, rsf=rsf, aa=aa,
                dtype=dtype, layout=layout, slice_axis=axis,
                values="uint8" if dtype == "uint8" else "normal",
                note="seeded freer random call #%d (strides, layouts, dtypes)" % k)
