"""interpcheck hand-checkable claims: outputs a person can verify without torch.

gen_vectors.py checks each claim against torch's canonical output for the named case and
refuses to write the set if one fails. The values come from SEMANTICS.md sections 1, 2, 4 and
5 (arithmetic a person can redo), not from torch: a failing claim means either torch or the
map is wrong, and someone must look.
"""

import numpy as np

F32 = np.float32


def _same(a, b):
    return a.shape == b.shape and bool(np.all(a == b))


def _vals(want):
    want = np.asarray(want, dtype=np.float32)
    return lambda x, y: _same(y.ravel(), want)


def _close(want, ulps=2):
    want = np.asarray(want, dtype=np.float32)

    def check(x, y):
        y = y.ravel()
        if y.shape != want.shape:
            return False
        tol = ulps * np.spacing(np.abs(want).astype(np.float32))
        return bool(np.all(np.abs(y - want) <= np.maximum(tol, 1e-7)))
    return check


def _identity(x, y):
    return _same(x.reshape(y.shape), y)


def _index(idx, n_in):
    """Every output row = the input row gathered at `idx` along the last axis (inputs here
    have one row of n_in values per (n, c); upsampled leading axes repeat that row)."""
    def check(x, y):
        xr = x.reshape(-1, n_in)
        yr = y.reshape(xr.shape[0], -1, len(idx))
        return _same(yr, np.broadcast_to(xr[:, None, idx], yr.shape))
    return check


T113 = ("1.13",)  # claims that hold for torch 1.13 only (2.14 claims below)
T214 = ("2.14",)


def _rows_equal_row0(x, y):
    """Every output row equals row 0 (torch 2.x antialias with one output column)."""
    y = y.reshape(-1, y.shape[-1]) if y.ndim > 1 else y
    return bool(np.all(y == y[0]))


def _increasing(x, y):
    v = y.ravel()
    return bool(np.all(v[1:] > v[:-1]))


CLAIMS = {
    # #29894: bicubic scale 1 with N >= 2 returns every sample unchanged (fixed in 1.8).
    "regression_29894_bicubic_scale1_f32_n2c2_2x4": ("identity", _identity),
    "regression_29894_bicubic_scale1.0_f32_n3c4_9x7": ("identity", _identity),
    "regression_29894_bicubic_sizeid_f32_n3c4_9x7": ("identity", _identity),
    "regression_29894_bicubic_ac1_scale1_f32_n2c3_6x5": ("identity", _identity),
    # #5927: [0,1] -> 4.
    "regression_5927_linear_ac1_f32_n1c1_2_to_4": ("[0,1/3,2/3,1]",
                                                    _vals([0, F32(1) / F32(3),
                                                           F32(2) / F32(3), 1])),
    "regression_5927_linear_ac0_f32_n1c1_2_to_4": ("[0,.25,.75,1]", _vals([0, .25, .75, 1])),
    "regression_5927_linear_acn_f32_n1c1_2_to_4": ("[0,.25,.75,1]", _vals([0, .25, .75, 1])),
    # #61166: [[1,2],[3,4]] -> 1x1.
    "regression_61166_bilinear_ac0_f32_n1c1_2x2_to_1x1": ("2.5", _vals([2.5])),
    "regression_61166_bilinear_acn_f32_n1c1_2x2_to_1x1": ("2.5", _vals([2.5])),
    "regression_61166_bilinear_ac1_f32_n1c1_2x2_to_1x1": ("1 (pixel 0)", _vals([1.0])),
    # #28324 / #38362: W=5 scale 1.7 recompute True = size 8: [0, .4375, 1.0625, ..., 4].
    "regression_28324_linear_ac0_s1.7_rsf1_f32_n1c1_5_to_8": (
        "5/8 steps", _vals([0, .4375, 1.0625, 1.6875, 2.3125, 2.9375, 3.5625, 4])),
    "regression_38362_nearest_acn_s1.7_rsfn_f32_n1c1_5_to_8": (
        "[0,0,1,1,2,2,3,4]", _vals([0, 0, 1, 1, 2, 2, 3, 4])),
    "regression_28324_nearest_acn_s1.7_rsf1_f32_n1c1_5_to_8": (
        "[0,0,1,1,2,3,3,4]", _vals([0, 0, 1, 1, 2, 3, 3, 4])),
    # #62237: [1,2] scale 1.00001 -> [1,1] (recompute None/False, generic kernel), [1,2] with
    # recompute True; 2-D C=1 takes the channels-last copy shortcut.
    "regression_62237_nearest_s1.00001_rsfn_f32_n1c1_2_to_2": ("[1,1]", _vals([1, 1])),
    "regression_62237_nearest_s1.00001_rsf0_f32_n1c2_2_to_2": ("[1,1]x2", _vals([1, 1, 1, 1])),
    "regression_62237_nearest_s1.00001_rsf1_f32_n1c2_2_to_2": ("[1,2]x2", _vals([1, 2, 1, 2])),
    "regression_62237_nearest_s1.00001_rsfn_f32_n1c1_1x2_to_1x2": ("[1,2]", _vals([1, 2])),
    "regression_62237_nearest_s1.00001_rsfn_f32_n1c2_1x2_to_1x2": ("[1,1]x2",
                                                                   _vals([1, 1, 1, 1]), T113),
    # W=5 scale 1.1: generic [0,0,1,2,3], channels-last (C=1, 2-D/3-D) identity.
    "regression_62237_nearest_s1.1_f32_n1c2_5_to_5": ("[0,0,1,2,3]",
                                                      _index([0, 0, 1, 2, 3], 5)),
    "regression_62237_nearest_s1.1_f32_n1c1_5_to_5": ("[0,0,1,2,3] (1-D is generic)",
                                                      _index([0, 0, 1, 2, 3], 5)),
    "regression_62237_nearest_s1.1_f32_n1c2_1x5_to_1x5": ("[0,0,1,2,3]",
                                                          _index([0, 0, 1, 2, 3], 5), T113),
    "regression_62237_nearest_s1.1_f32_n1c1_1x5_to_1x5": ("identity", _identity),
    "regression_62237_nearest_s1.1_f32_n1c1_1x1x5_to_1x1x5": ("identity", _identity, T113),
    # scale 2.1 on W=5 (out 10): generic uses 1/2.1, C=1 channels-last uses i >> 1.
    "regression_86361_nearest_s2.1_f32_n1c2_1x5": (
        "1/2.1 indices", _index([0, 0, 0, 1, 1, 2, 2, 3, 3, 4], 5), T113),
    "regression_86361_nearest_s2.1_f32_n1c1_1x5": (
        "i >> 1", _index([0, 0, 1, 1, 2, 2, 3, 3, 4, 4], 5)),
    # in 2 -> 82: output 41 takes input 0.
    "regression_62237_nearest_size82_f32_n1c2_2_to_82": (
        "index 41 = 0", _index([0] * 42 + [1] * 40, 2)),
    # #64501: nearest-exact 4->3 [0,2,3], 4->6 [0,1,1,2,3,3]; nearest 4->3 [0,1,2],
    # 4->6 [0,0,1,2,2,3]; nearest-exact in 2 -> 41, index 20 = 0.
    "regression_64501_nearest-exact_size3_f32_n1c2_4_to_3": ("[0,2,3]", _index([0, 2, 3], 4)),
    "regression_64501_nearest-exact_size6_f32_n1c2_4_to_6": (
        "[0,1,1,2,3,3]", _index([0, 1, 1, 2, 3, 3], 4)),
    "regression_64501_nearest_size3_f32_n1c2_4_to_3": ("[0,1,2]", _index([0, 1, 2], 4)),
    "regression_64501_nearest_size6_f32_n1c2_4_to_6": (
        "[0,0,1,2,2,3]", _index([0, 0, 1, 2, 2, 3], 4)),
    "regression_64501_nearest-exact_size41_f32_n1c2_2_to_41": (
        "index 20 = 0", _index([0] * 21 + [1] * 20, 2)),
    # #65142: 8 -> 3 bilinear antialias (PIL): [1.1052632, 3.5, 5.8947372].
    "regression_65142_bilinear-aa_ac0_size3_f32_n1c1_1x8_to_1x3": (
        "[21/19, 3.5, 112/19]", _close([21.0 / 19.0, 3.5, 112.0 / 19.0])),
    # #68819: bicubic 5 -> 10 on [0,0,1,0,0], non-AA Keys A=-0.75 weights, exact in binary.
    "regression_68819_bicubic_ac0_size10_f32_n1c1_1x5_to_1x10": (
        "[0,-.03515625,-.10546875,.26171875,.87890625,...]",
        lambda x, y: _same(y.ravel()[:5], np.array([0, -.03515625, -.10546875, .26171875,
                                                     .87890625], dtype=np.float32))),
    # same size with a user scale 1.1: linear is the identity.
    "regression_linear_acn_s1.1_same_f32_n1c2_5": ("identity", _identity),
    "regression_linear_ac1_s1.1_same_f32_n1c2_5": ("identity", _identity),
    "regression_bilinear_acn_s1.1_same_f32_n1c2_1x5": ("identity", _identity),
    "regression_trilinear_acn_s1.1_same_f32_n1c2_1x1x5": ("identity", _identity),
    # same-size inf propagation (1.13 runs both antialias passes).
    "regression_68819_bilinear_acn_inf_f32_n1c1_1x5_to_1x5": (
        "[0,1,nan,3,4]", lambda x, y: _same(np.isnan(y.ravel()),
                                            np.array([0, 0, 1, 0, 0], dtype=bool))),
    "regression_68819_bilinear-aa_acn_inf_f32_n1c1_1x5_to_1x5": (
        "[0,nan,inf,3,4]", lambda x, y: (np.isnan(y.ravel()[1]) and np.isinf(y.ravel()[2])
                                         and _same(y.ravel()[[0, 3, 4]],
                                                   np.array([0, 3, 4], dtype=np.float32))), T113),
    "regression_68819_bicubic_acn_inf_f32_n1c1_1x5_to_1x5": (
        "[nan,nan,nan,nan,4]", lambda x, y: bool(np.all(np.isnan(y.ravel()[:4])))
        and y.ravel()[4] == 4),
    # torch 2.14 (measured with 2.14.1; SEMANTICS of the 2.x kernels, docs/SEMANTICS.md):
    # 2-D nearest with out_H + out_W <= 128 takes the channels-last kernel, with its copy and
    # i >> 1 shortcuts; 3-D C=1 no longer does.
    "regression_62237_nearest_s1.00001_rsfn_f32_n1c2_1x2_to_1x2#2.14": (
        "[1,2]x2 (copy shortcut)", _vals([1, 2, 1, 2]), T214),
    "regression_62237_nearest_s1.1_f32_n1c1_1x1x5_to_1x1x5#2.14": (
        "[0,0,1,2,3]", _index([0, 0, 1, 2, 3], 5), T214),
    "regression_62237_nearest_s1.1_f32_n1c2_1x5_to_1x5#2.14": ("identity", _identity, T214),
    "regression_86361_nearest_s2.1_f32_n1c2_1x5#2.14": (
        "i >> 1", _index([0, 0, 1, 1, 2, 2, 3, 3, 4, 4], 5), T214),
    # same-size antialias is the identity in 2.14 (no pass runs): inf stays alone.
    "regression_68819_bilinear-aa_acn_inf_f32_n1c1_1x5_to_1x5#2.14": (
        "[0,1,inf,3,4]", lambda x, y: _same(y.ravel()[[0, 1, 3, 4]],
                                            np.array([0, 1, 3, 4], dtype=np.float32))
        and np.isinf(y.ravel()[2]), T214),
    # antialias to one output column: 2.14 repeats row 0, 1.13 filters each row.
    "regression_aa_onecol_bilinear-aa_acn_f32_n1c1_32x8_to_4x1": (
        "increasing rows", _increasing, T113),
    "regression_aa_onecol_bilinear-aa_acn_f32_n1c1_32x8_to_4x1#2.14": (
        "every row = row 0", _rows_equal_row0, T214),
    "regression_aa_onecol_bicubic-aa_acn_f32_n1c1_32x8_to_4x1#2.14": (
        "every row = row 0", _rows_equal_row0, T214),
    "regression_aa_onecol_bilinear-aa_acn_f32_n1c1_32x8_to_1x4": (
        "increasing (one row is fine)", _increasing),
}


def check_claims(cases_by_id, load, oracle):
    """Problems (strings) for every claim of `oracle` (a torch version name) whose case is
    missing or whose output disagrees.

    `load(case, which)` returns the input ('input', as a contiguous array of the input's
    values) or the canonical output ('expected') as numpy arrays. A claim is
    (text, check) for every oracle, or (text, check, (oracle, ...)) for some.
    """
    problems = []
    for cid, claim in sorted(CLAIMS.items()):
        text, check = claim[0], claim[1]
        if len(claim) > 2 and oracle not in claim[2]:
            continue
        c = cases_by_id.get(cid.split("#")[0])
        if c is None:
            problems.append("claim for missing case %s" % cid)
            continue
        x, y = load(c, "input"), load(c, "expected")
        with np.errstate(invalid="ignore"):
            ok = check(x, y)
        if not ok:
            problems.append("%s: torch output %s is not %s" % (cid, y.ravel()[:12], text))
    return problems
