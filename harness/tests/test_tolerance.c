/* test_tolerance.c - tap windows, the bound formula and ULP distances, on hand-checked rows. */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "score.h"

Suite *tolerance_suite(void);

/* A 1-D case: mode, in -> out, align_corners, user scale (0 = none), recompute, antialias. */
static void make_case(ic_case *c, const char *mode, int64_t in, int64_t out, int ac, double scale,
                      int rsf, int aa)
{
    memset(c, 0, sizeof *c);
    c->mode = (char *)mode;
    c->args.mode = mode;
    c->args.align_corners = ac;
    c->args.recompute_scale_factor = rsf;
    c->args.antialias = aa;
    c->args.size_len = scale > 0 ? IC_NONE : 1;
    c->args.scale_len = scale > 0 ? 0 : IC_NONE;
    c->args.scale_factor[0] = scale;
    c->input.ndim = c->expected.ndim = 3;
    c->input.shape[0] = c->input.shape[1] = 1;
    c->expected.shape[0] = c->expected.shape[1] = 1;
    c->input.shape[2] = in;
    c->expected.shape[2] = out;
}

/* Each row: the window [lo, hi] and coordinate r of output index o, worked out by hand from
   torch's formulas (area_pixel_compute_scale / _source_index, adaptive pooling windows). */
static const struct {
    const char *mode;
    int64_t in, out;
    int ac;
    double scale;
    int rsf, aa;
    int64_t o, lo, hi;
    double r;
} win_rows[] = {
    /* bilinear 4->8: s = 0.5, r = 0.5*(o+0.5)-0.5 clamped at 0, taps floor(r), floor(r)+1 */
    {"linear", 4, 8, 0, 0, IC_NONE, 0, 0, 0, 1, 0.0},
    {"linear", 4, 8, 0, 0, IC_NONE, 0, 3, 1, 2, 1.25},
    {"linear", 4, 8, 0, 0, IC_NONE, 0, 7, 3, 3, 3.25},
    /* align_corners: s = (4-1)/(7-1) = 0.5, r = 0.5*o */
    {"linear", 4, 7, 1, 0, IC_NONE, 0, 3, 1, 2, 1.5},
    /* r = 3 exactly: a float coordinate may fall just below and read tap 2 as well */
    {"linear", 4, 7, 1, 0, IC_NONE, 0, 6, 2, 3, 3.0},
    /* bicubic 4->8: no clamp: r(0) = -0.25, taps floor(r)-1 .. floor(r)+2 = -2..1 -> 0..1 */
    {"bicubic", 4, 8, 0, 0, IC_NONE, 0, 0, 0, 1, -0.25},
    {"bicubic", 4, 8, 0, 0, IC_NONE, 0, 3, 0, 3, 1.25},
    {"bicubic", 4, 8, 0, 0, IC_NONE, 0, 7, 2, 3, 3.25},
    /* area 5->3: [floor(o*5/3), ceil((o+1)*5/3)) = [0,2), [1,4), [3,5) */
    {"area", 5, 3, IC_NONE, 0, IC_NONE, 0, 0, 0, 1, 0.0},
    {"area", 5, 3, IC_NONE, 0, IC_NONE, 0, 1, 1, 3, 0.0},
    {"area", 5, 3, IC_NONE, 0, IC_NONE, 0, 2, 3, 4, 0.0},
    /* antialias bilinear 8->4: s = 2, support = 2, centre = 2*(o+0.5) */
    {"bilinear", 8, 4, 0, 0, IC_NONE, 1, 0, 0, 3, 1.0},
    {"bilinear", 8, 4, 0, 0, IC_NONE, 1, 3, 5, 7, 7.0},
    /* antialias bicubic 4->8: s = 0.5 < 1, support = 2, centre 0.25 -> [-1.75, 2.25] */
    {"bicubic", 4, 8, 0, 0, IC_NONE, 1, 0, 0, 3, 0.25},
    /* user scale 2 on 5 -> 10: s = 1/2; r(9) = 0.5*9.5-0.5 = 4.25 */
    {"linear", 5, 10, 0, 2.0, IC_NONE, 0, 9, 4, 4, 4.25},
    /* recompute True ignores the user scale: s = 5/8; r(7) = 0.625*7.5-0.5 = 4.1875 */
    {"linear", 5, 8, 0, 1.7, 1, 0, 7, 4, 4, 4.1875},
    /* same size with user scale 1.1: torch's identity, so the window also holds o */
    {"linear", 5, 5, 0, 1.1, IC_NONE, 0, 4, 3, 4, 3.5909090909090908},
};

START_TEST(tap_windows_follow_torch_coordinates)
{
    ic_case c;
    ic_geom g;
    int64_t lo, hi;
    double r;

    make_case(&c, win_rows[_i].mode, win_rows[_i].in, win_rows[_i].out, win_rows[_i].ac,
              win_rows[_i].scale, win_rows[_i].rsf, win_rows[_i].aa);
    ck_assert_int_eq(ic_geom_init(&c, &g), 0);
    ic_geom_window(&g, 0, win_rows[_i].o, &lo, &hi, &r);
    ck_assert_msg(lo == win_rows[_i].lo && hi == win_rows[_i].hi,
                  "row %d: window [%lld, %lld], want [%lld, %lld]", _i, (long long)lo,
                  (long long)hi, (long long)win_rows[_i].lo, (long long)win_rows[_i].hi);
    ck_assert_msg(fabs(r - win_rows[_i].r) < 1e-12, "row %d: r %.17g want %.17g", _i, r,
                  win_rows[_i].r);
}
END_TEST

START_TEST(user_scale_1_7_gives_the_semantics_example)
{
    /* SEMANTICS.md 1: W=5, scale 1.7 -> 8, linear output[7] = 3.9117649 (r itself). */
    ic_case c;
    ic_geom g;
    int64_t lo, hi;
    double r;

    make_case(&c, "linear", 5, 8, 0, 1.7, IC_NONE, 0);
    ic_geom_init(&c, &g);
    ic_geom_window(&g, 0, 7, &lo, &hi, &r);
    ck_assert(fabs(r - 3.9117647) < 1e-6);
    ck_assert_int_eq(lo, 3);
    ck_assert_int_eq(hi, 4);
}
END_TEST

START_TEST(taps_and_s_factor_per_kernel)
{
    ic_case c;
    ic_geom g;

    make_case(&c, "linear", 4, 8, 0, 0, IC_NONE, 0);
    ic_geom_init(&c, &g);
    ck_assert(ic_geom_taps(&g, 0, 3) == 2.0);
    ck_assert(ic_geom_sfactor(&g) == 1.0);
    make_case(&c, "bicubic", 4, 8, 0, 0, IC_NONE, 0);
    ic_geom_init(&c, &g);
    ck_assert(ic_geom_taps(&g, 0, 3) == 4.0);
    ck_assert(ic_geom_sfactor(&g) == 1.5);
    make_case(&c, "area", 5, 3, IC_NONE, 0, IC_NONE, 0);
    ic_geom_init(&c, &g);
    ck_assert(ic_geom_taps(&g, 0, 1) == 3.0); /* window [1, 3] */
    make_case(&c, "bilinear", 8, 4, 0, 0, IC_NONE, 1);
    ic_geom_init(&c, &g);
    ck_assert(ic_geom_taps(&g, 0, 3) == 3.0); /* window [5, 7] */
    ck_assert(ic_geom_sfactor(&g) == 1.5);
}
END_TEST

/* bound = max(spread, k1*eps*mag + k2*eps*coord, tiny), powers of two for exact checks. */
static const struct {
    double spread, k1, k2, eps, mag, coord, tiny, want;
} bound_rows[] = {
    {0, 32, 4, 0x1p-23, 1.0, 0.0, 0.0, 0x1p-18}, /* 32 * 2^-23 */
    {0, 0, 4, 0x1p-23, 0.0, 2.0, 0.0, 0x1p-20},  /* 4 * 2^-23 * 2 */
    {0, 32, 4, 0x1p-23, 1.0, 2.0, 0.0, 0x1p-18 + 0x1p-20},
    {1e-3, 32, 4, 0x1p-23, 1.0, 2.0, 0.0, 1e-3},       /* torch's own spread wins */
    {0, 32, 4, 0x1p-23, 0.0, 0.0, 0x1p-140, 0x1p-140}, /* tiny floor */
    {0, 32, 4, 0x1p-23, INFINITY, 0.0, 0.0, INFINITY}, /* inf in the window */
    {0, 32, 4, 0x1p-23, 1.0, NAN, 0.0, INFINITY},
};

START_TEST(bound_formula_rows)
{
    double b = ic_tol_bound(bound_rows[_i].spread, bound_rows[_i].k1, bound_rows[_i].k2,
                            bound_rows[_i].eps, bound_rows[_i].mag, bound_rows[_i].coord,
                            bound_rows[_i].tiny);

    ck_assert_msg(b == bound_rows[_i].want, "row %d: %a want %a", _i, b, bound_rows[_i].want);
}
END_TEST

START_TEST(half_pixel_error_stays_far_outside_the_bilinear_bound)
{
    /* A port that drops the half-pixel offset on 4->8 samples r = 0.5*o instead of
       0.5*o - 0.25: on data with neighbour difference 1 it moves values by 0.25. The bound
       for unit data: k1 = 8*(2+2) taps, mag 1, coord (|r|+1)*2 axes * range 1 <= 2*5. */
    double b = ic_tol_bound(0.0, 32.0, IC_TOL_K2, FLT_EPSILON, 1.0, 10.0, 0.0);

    ck_assert(b < 1e-5);
    ck_assert(0.25 > 1000.0 * b);
}
END_TEST

static const struct {
    double a, b;
    int32_t dtype;
    double want;
} ulp_rows[] = {
    {1.0, 1.0, IC_DTYPE_FLOAT32, 0},
    {1.0, 1.00000011920928955078125, IC_DTYPE_FLOAT32, 1}, /* 1 + 2^-23 */
    {1.0, 2.0, IC_DTYPE_FLOAT32, 8388608},                 /* 2^23 floats in [1, 2) */
    {-0.0, 0.0, IC_DTYPE_FLOAT32, 1},
    {1.0, 2.0, IC_DTYPE_FLOAT64, 4503599627370496.0}, /* 2^52 */
    {-1.0, 1.0, IC_DTYPE_FLOAT32, 2130706433.0},      /* 2 * 0x3f800000 + 1 */
};

START_TEST(ulp_distance_rows)
{
    ck_assert_msg(ic_ulp_distance(ulp_rows[_i].a, ulp_rows[_i].b, ulp_rows[_i].dtype) ==
                      ulp_rows[_i].want,
                  "row %d", _i);
}
END_TEST

START_TEST(ulp_distance_of_nan_is_nan)
{
    ck_assert(isnan(ic_ulp_distance(NAN, 1.0, IC_DTYPE_FLOAT32)));
}
END_TEST

/* Non-finite rows (harness/README.md "Non-finite values"): 1-D linear, align_corners=True,
   input [x0, x1, x2] -> 4 outputs, so r(o) = o * 2/3: o = 3 sits exactly on the last tap (the
   upper border: i1 clamps to i0 and tap 2 is read a second time with weight 0 or tiny),
   o = 1 at r = 2/3 is nowhere near an integer. `want` is torch 1.13's value worked out by hand
   (weights 1 and 0, the zero-weight read skipped as 1.13 does, or 1/3 and 2/3). */
static const struct {
    float x[3];
    int o;
    float want, got;
    int pass;
} nf_rows[] = {
    /* border, inf on tap 2: 1.13 gives inf; float coordinates give 0 x inf = NaN: honest */
    {{0, 1, INFINITY}, 3, INFINITY, NAN, 1},
    /* the same element, a finite answer: tap 2 has weight ~1, no finite result is honest */
    {{0, 1, INFINITY}, 3, INFINITY, 1.0f, 0},
    /* r = 2/3: both taps carry real weights: NaN for inf is a wrong formula, not rounding */
    {{0, 1, INFINITY}, 1, 2.0f / 3.0f, NAN, 0},
    {{0, INFINITY, 1}, 1, INFINITY, NAN, 0},
    /* o = 0, r = 0: tap 1 has weight exactly 0 in 1.13 (NaN there) and is skipped or tiny
       elsewhere: NaN, inf, and the tap-0 value are all honest, 5 is not */
    {{2, INFINITY, 1}, 0, NAN, INFINITY, 1},
    {{2, INFINITY, 1}, 0, NAN, 2.0f, 1},
    {{2, INFINITY, 1}, 0, NAN, 5.0f, 0},
};

START_TEST(nonfinite_outcomes_of_a_rounded_weight_pass_and_nothing_else)
{
    ic_case c;
    ic_bufs b;
    ic_outcome o;
    ic_case_result r;
    float want[4] = {0, 0, 0, 0}, got[4];
    int k;

    make_case(&c, "linear", 3, 4, 1, 0, IC_NONE, 0);
    c.input.dtype = c.expected.dtype = IC_DTYPE_FLOAT32;
    c.input.strides[0] = c.input.strides[1] = 3;
    c.input.strides[2] = 1;
    c.expected.strides[0] = c.expected.strides[1] = 4;
    c.expected.strides[2] = 1;
    c.input.numel = 3;
    c.expected.numel = 4;
    c.input.nbytes = 12;
    c.expected.nbytes = 16;
    c.input.data = nf_rows[_i].x;
    c.expected.data = want;
    c.has_expected = 1;
    c.tol_float = 1;
    /* every other element right (both sides equal), the row's element as given */
    for (k = 0; k < 4; k++) {
        want[k] = got[k] = (float)k * 0.25f;
    }
    want[nf_rows[_i].o] = nf_rows[_i].want;
    got[nf_rows[_i].o] = nf_rows[_i].got;
    memset(&b, 0, sizeof b);
    memset(&o, 0, sizeof o);
    memset(&r, 0, sizeof r);
    b.in = (unsigned char *)nf_rows[_i].x;
    b.in_len = 12;
    b.out = (unsigned char *)got;
    b.out_len = 16;
    o.have_shape = o.have_done = 1;
    o.ndim = 3;
    o.shape[0] = o.shape[1] = 1;
    o.shape[2] = 4;
    ic_score_case(&c, &b, &o, 0, &r);
    ck_assert_msg((r.verdict == IC_VERDICT_PASS) == nf_rows[_i].pass, "row %d: verdict %d (%s)",
                  _i, (int)r.verdict, r.message ? r.message : "");
    free(r.kind);
    free(r.message);
    free(r.heat);
    free(r.cause); /* the diagnosis (cause.h) */
    free(r.cause_candidates);
}
END_TEST

/** The tolerance suite. */
Suite *tolerance_suite(void)
{
    Suite *s = suite_create("tolerance");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, tap_windows_follow_torch_coordinates, 0,
                        (int)(sizeof win_rows / sizeof win_rows[0]));
    tcase_add_test(tc, user_scale_1_7_gives_the_semantics_example);
    tcase_add_test(tc, taps_and_s_factor_per_kernel);
    tcase_add_loop_test(tc, bound_formula_rows, 0,
                        (int)(sizeof bound_rows / sizeof bound_rows[0]));
    tcase_add_test(tc, half_pixel_error_stays_far_outside_the_bilinear_bound);
    tcase_add_loop_test(tc, ulp_distance_rows, 0, (int)(sizeof ulp_rows / sizeof ulp_rows[0]));
    tcase_add_test(tc, ulp_distance_of_nan_is_nan);
    tcase_add_loop_test(tc, nonfinite_outcomes_of_a_rounded_weight_pass_and_nothing_else, 0,
                        (int)(sizeof nf_rows / sizeof nf_rows[0]));
    suite_add_tcase(s, tc);
    return s;
}
