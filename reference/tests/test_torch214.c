/* test_torch214.c - every rule in which the reference's torch 2.14.1 semantics differ from
 * 1.13.1, each checked on both versions. Expected values are hand arithmetic (shown beside
 * each row) or torch 2.14.1 measurements recorded in SEMANTICS.md section 6. */
#include <math.h>
#include <stdint.h>

#include "icr_internal.h"
#include "test_helpers.h"

static const icr_semantics sem113 = {ICR_TORCH_1_13, 0};
static const icr_semantics sem214 = {ICR_TORCH_2_14, 0};

static const icr_rules *rules_of(const icr_semantics *sem)
{
    static icr_rules r113, r214;
    icr_rules *r = sem->torch == ICR_TORCH_1_13 ? &r113 : &r214;

    ck_assert_int_eq(icr_rules_from(sem, r, NULL, 0), IC_OK);
    return r;
}

/* Runs a float32 call on in (any strides) into a contiguous out; returns the status. */
static int32_t run_sem(const icr_semantics *sem, const ic_tensor *in, ic_args *a, float *out)
{
    ic_tensor o;
    char msg[256];
    int32_t st;

    memset(&o, 0, sizeof o);
    st = icr_output_shape_ex(sem, in, a, &o.ndim, o.shape, msg, sizeof msg);
    if (st != IC_OK) {
        return st;
    }
    o = tst_tensor(in->dtype, o.ndim, o.shape, out);
    return icr_interpolate_ex(sem, in, a, &o, msg, sizeof msg);
}

START_TEST(semantics_for_versions)
{
    icr_semantics s;
    icr_rules r;

    ck_assert_int_eq(icr_semantics_for("1.13", &s), IC_OK);
    ck_assert_int_eq(s.torch, ICR_TORCH_1_13);
    ck_assert_int_eq(icr_semantics_for("2.14.1", &s), IC_OK);
    ck_assert_int_eq(s.torch, ICR_TORCH_2_14);
    ck_assert_int_eq(icr_semantics_for(NULL, &s), IC_OK);
    ck_assert_int_eq(s.torch, ICR_TORCH_2_14);
    ck_assert_int_eq(s.whatif, 0);
    ck_assert_int_eq(icr_semantics_for("2.0", &s), IC_ERR_VALUE);
    s.torch = 200;
    ck_assert_int_eq(icr_rules_from(&s, &r, NULL, 0), IC_ERR_VALUE);
}
END_TEST

/*
 * Float coordinates (pytorch#88277). scale = float(0.1), i = 10, align_corners=False:
 * 2.14: fl(fl(0.1f * 10.5) - 0.5) = fl(1.0500000156) - 0.5 = 1.0500000715 - 0.5, so
 *       lambda1 = 0.55000007152557373046875 (0x1.19999cp-1);
 * 1.13: 0.1f * 10.5 - 0.5 in double = 0.55000001564..., rounded: 0x1.19999ap-1.
 */
START_TEST(linear_float_coordinates)
{
    int64_t i0, i1;
    double l0, l1;

    icr_linear_source_and_lambda(10, 5, 8, (double)0.1f, 0, 1, &i0, &i1, &l0, &l1,
                                 rules_of(&sem214));
    ck_assert(i0 == 0 && i1 == 1 && l1 == 0x1.19999cp-1);
    icr_linear_source_and_lambda(10, 5, 8, (double)0.1f, 0, 1, &i0, &i1, &l0, &l1,
                                 rules_of(&sem113));
    ck_assert(i0 == 0 && i1 == 1 && l1 == 0x1.19999ap-1);
}
END_TEST

/*
 * Index and lambda guard (pytorch#89252), float64, align_corners, ratio 0.99999999999, i = 3:
 * r = 2.99999999997. 2.14 floors float(r) = 3.0f: i0 = 3, lambda1 = clamp(r - 3, 0, 1) = 0;
 * 1.13 truncates the double: i0 = 2, lambda1 = 0.99999999997.
 */
START_TEST(linear_index_guard)
{
    int64_t i0, i1;
    double l0, l1;

    icr_linear_source_and_lambda(3, 5, 8, 0.99999999999, 1, 0, &i0, &i1, &l0, &l1,
                                 rules_of(&sem214));
    ck_assert(i0 == 3 && i1 == 4 && l1 == 0.0 && l0 == 1.0);
    icr_linear_source_and_lambda(3, 5, 8, 0.99999999999, 1, 0, &i0, &i1, &l0, &l1,
                                 rules_of(&sem113));
    ck_assert(i0 == 2 && i1 == 3 && l1 > 0.9999 && l1 < 1.0);
}
END_TEST

/*
 * Nearest kernel selection. W = 5, scale 1.1 (out 5), C = 2, NCHW: 1.13's generic kernel
 * gives floor(i * float(1/1.1)) = [0,0,1,2,3]; 2.14 takes the channels-last kernel because
 * out_H + out_W = 6 <= 128, whose out == in shortcut copies [0,1,2,3,4].
 */
START_TEST(nearest_small_output_takes_the_shortcut)
{
    int64_t sh[4] = {1, 2, 1, 5};
    float x[10] = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, out[10];
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT32, 4, sh, x);
    ic_args a = tst_args("nearest");
    static const float g113[5] = {0, 0, 1, 2, 3}, g214[5] = {0, 1, 2, 3, 4};
    int k;

    a.scale_len = 2;
    a.scale_factor[0] = 1.0;
    a.scale_factor[1] = 1.1;
    a.recompute_scale_factor = 0;
    ck_assert_int_eq(run_sem(&sem214, &in, &a, out), IC_OK);
    for (k = 0; k < 5; k++) {
        ck_assert(out[k] == g214[k] && out[5 + k] == g214[k]);
    }
    ck_assert_int_eq(run_sem(&sem113, &in, &a, out), IC_OK);
    for (k = 0; k < 5; k++) {
        ck_assert(out[k] == g113[k]);
    }
}
END_TEST

/*
 * A large output keeps 2.14 on the generic kernel: W = 200, scale 1.001 (out 200, out_H +
 * out_W = 201 > 128): floor(i * float(1/1.001)) = i - 1 for 1 <= i <= 199, no shortcut. 3-D
 * NCHW (C = 2 < 4) is generic too: 5 -> 5 at scale 1.1 gives [0,0,1,2,3].
 */
START_TEST(nearest_large_output_and_3d_stay_generic)
{
    static float x[400], out[400];
    int64_t sh[4] = {1, 2, 1, 200}, sh5[5] = {1, 2, 1, 1, 5};
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT32, 4, sh, x);
    ic_tensor in5;
    ic_args a = tst_args("nearest");
    static const float g[5] = {0, 0, 1, 2, 3};
    int k;

    for (k = 0; k < 400; k++) {
        x[k] = (float)(k % 200);
    }
    a.scale_len = 2;
    a.scale_factor[0] = 1.0;
    a.scale_factor[1] = 1.001;
    a.recompute_scale_factor = 0;
    ck_assert_int_eq(run_sem(&sem214, &in, &a, out), IC_OK);
    ck_assert(out[0] == 0 && out[1] == 0 && out[199] == 198 && out[399] == 198);
    in5 = tst_tensor(IC_DTYPE_FLOAT32, 5, sh5, x);
    a.scale_len = 3;
    a.scale_factor[1] = 1.0;
    a.scale_factor[2] = 1.1;
    ck_assert_int_eq(run_sem(&sem214, &in5, &a, out), IC_OK);
    for (k = 0; k < 5; k++) {
        ck_assert(out[k] == g[k]);
    }
}
END_TEST

/*
 * Antialias at the same size: 2.14 copies the input ([0,1,inf,3,4] stays, bit for bit);
 * 1.13 filters, and output 1's window [1, 2] has weights [1, 0]: 0 * inf = NaN.
 */
START_TEST(antialias_same_size_is_identity)
{
    int64_t sh[4] = {1, 1, 1, 5};
    float x[5] = {0, 1, INFINITY, 3, -0.0f}, out[5];
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT32, 4, sh, x);
    ic_args a = tst_args("bilinear");

    a.antialias = 1;
    a.size_len = 2;
    a.size[0] = 1;
    a.size[1] = 5;
    ck_assert_int_eq(run_sem(&sem214, &in, &a, out), IC_OK);
    ck_assert(memcmp(out, x, sizeof x) == 0);
    ck_assert_int_eq(run_sem(&sem113, &in, &a, out), IC_OK);
    ck_assert(out[0] == 0 && isnan(out[1]) && isinf(out[2]) && out[3] == 3);
}
END_TEST

/*
 * The 2.14 one-column bug: arange(256).view(1,1,32,8) to (4, 1), bilinear, antialias. The
 * W pass averages each row symmetrically: 8h + 3.5. The H pass (32 -> 4, scale 8) gives row
 * 0 = 8 * (29.875 / 7) + 3.5 = 37.642857 (triangle weights 1 - |y - 3.5| / 8, y = 0..11)
 * and row 1 = 8 * 11.5 + 3.5 = 95.5. 1.13 (and 2.14 with a channels-last input, C = 2)
 * compute every row; 2.14 NCHW repeats row 0 (measured: SEMANTICS.md section 6).
 */
START_TEST(antialias_one_column_repeats_row_0)
{
    static float x[512], out[8];
    int64_t sh[4] = {1, 1, 32, 8}, shcl[4] = {1, 2, 32, 8};
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT32, 4, sh, x), cl;
    ic_args a = tst_args("bilinear");
    int k;

    for (k = 0; k < 256; k++) {
        x[k] = (float)k;
    }
    a.antialias = 1;
    a.size_len = 2;
    a.size[0] = 4;
    a.size[1] = 1;
    ck_assert_int_eq(run_sem(&sem214, &in, &a, out), IC_OK);
    ck_assert(fabsf(out[0] - 37.642857f) < 1e-4f);
    ck_assert(out[1] == out[0] && out[2] == out[0] && out[3] == out[0]);
    ck_assert_int_eq(run_sem(&sem113, &in, &a, out), IC_OK);
    ck_assert(fabsf(out[0] - 37.642857f) < 1e-4f && fabsf(out[1] - 95.5f) < 1e-4f);
    /* channels-last, C = 2: x[(h * 8 + w) * 2 + c] = 8h + w */
    for (k = 0; k < 512; k++) {
        x[k] = (float)(k / 2);
    }
    cl = tst_tensor(IC_DTYPE_FLOAT32, 4, shcl, x);
    cl.strides[1] = 1;
    cl.strides[2] = 16;
    cl.strides[3] = 2;
    ck_assert_int_eq(run_sem(&sem214, &cl, &a, out), IC_OK);
    ck_assert(fabsf(out[0] - 37.642857f) < 1e-4f && fabsf(out[1] - 95.5f) < 1e-4f);
    ck_assert(fabsf(out[4] - 37.642857f) < 1e-4f && fabsf(out[5] - 95.5f) < 1e-4f);
}
END_TEST

/*
 * uint8 bilinear (2.14 only): [0, 255] to 4 columns. Scale 0.5, r = 0.5 (i + 0.5) - 0.5
 * (clamped at 0): lambdas 0, .25, .75 and, at i = 3, r = 1.25 guarded to index 1 (the last),
 * where both taps fold onto the one valid input. Largest weight 1 -> precision 14 (2^15
 * would overflow int16): weights [16384, 0], [12288, 4096], [4096, 12288], [16384].
 * (8192 + 255 * 4096) >> 14 = 64, (8192 + 255 * 12288) >> 14 = 191, so [0, 64, 191, 255].
 */
START_TEST(uint8_bilinear_fixed_point)
{
    int64_t sh[4] = {1, 1, 1, 2};
    unsigned char x[2] = {0, 255}, out[4];
    ic_tensor in = tst_tensor(IC_DTYPE_UINT8, 4, sh, x), o;
    ic_args a = tst_args("bilinear");
    char msg[256];

    a.size_len = 2;
    a.size[0] = 1;
    a.size[1] = 4;
    ck_assert_int_eq(icr_output_shape_ex(&sem214, &in, &a, &o.ndim, o.shape, msg, sizeof msg),
                     IC_OK);
    o = tst_tensor(IC_DTYPE_UINT8, 4, o.shape, out);
    ck_assert_int_eq(icr_interpolate_ex(&sem214, &in, &a, &o, msg, sizeof msg), IC_OK);
    ck_assert(out[0] == 0 && out[1] == 64 && out[2] == 191 && out[3] == 255);
    ck_assert_int_eq(icr_output_shape_ex(&sem113, &in, &a, &o.ndim, o.shape, msg, sizeof msg),
                     IC_ERR_RUNTIME);
}
END_TEST

/* dtype dispatch: 2.14 raises NotImplementedError (1.13 RuntimeError) for uint8 area, and
 * accepts float16 (the reference then declines: IC_UNSUPPORTED). */
START_TEST(dtype_errors_and_wider_dtypes)
{
    int64_t sh[4] = {1, 2, 4, 5};
    unsigned char x[80] = {0}; /* room for the float16 call too */
    float out[64];
    ic_tensor in = tst_tensor(IC_DTYPE_UINT8, 4, sh, x);
    ic_args a = tst_args("area");

    a.size_len = 2;
    a.size[0] = 3;
    a.size[1] = 3;
    ck_assert_int_eq(run_sem(&sem214, &in, &a, out), IC_ERR_NOT_IMPLEMENTED);
    ck_assert_int_eq(run_sem(&sem113, &in, &a, out), IC_ERR_RUNTIME);
    in.dtype = IC_DTYPE_FLOAT16;
    ck_assert_int_eq(run_sem(&sem214, &in, &a, out), IC_OK); /* computed (test_half.c) */
    a.size[0] = 1;
    a.size[1] = 1;
    ck_assert_int_eq(run_sem(&sem214, &in, &a, out), IC_OK); /* the mean path, in float */
    a.mode = "bilinear";
    a.antialias = 1;
    ck_assert_int_eq(run_sem(&sem214, &in, &a, out), IC_ERR_NOT_IMPLEMENTED);
}
END_TEST

/* recompute_scale_factor's output size: area 4x5 at scale -0.1: 4 * -0.1 = -0.4, which 2.14
 * truncates to 0 (sym_int: an empty output) and 1.13 floors to -1 (RuntimeError). */
START_TEST(recompute_truncates_toward_zero)
{
    int64_t sh[4] = {1, 1, 4, 5}, shape[IC_MAX_DIMS];
    float x[20] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT32, 4, sh, x);
    ic_args a = tst_args("area");
    int32_t nd;
    char msg[256];

    a.scale_len = 0;
    a.scale_factor[0] = -0.1;
    ck_assert_int_eq(icr_output_shape_ex(&sem214, &in, &a, &nd, shape, msg, sizeof msg), IC_OK);
    ck_assert(nd == 4 && shape[2] == 0 && shape[3] == 0);
    ck_assert_int_eq(icr_output_shape_ex(&sem113, &in, &a, &nd, shape, msg, sizeof msg),
                     IC_ERR_RUNTIME);
}
END_TEST

Suite *torch214_suite(void)
{
    Suite *s = suite_create("torch214");
    TCase *tc = tcase_create("rules");

    tcase_add_test(tc, semantics_for_versions);
    tcase_add_test(tc, linear_float_coordinates);
    tcase_add_test(tc, linear_index_guard);
    tcase_add_test(tc, nearest_small_output_takes_the_shortcut);
    tcase_add_test(tc, nearest_large_output_and_3d_stay_generic);
    tcase_add_test(tc, antialias_same_size_is_identity);
    tcase_add_test(tc, antialias_one_column_repeats_row_0);
    tcase_add_test(tc, dtype_errors_and_wider_dtypes);
    tcase_add_test(tc, uint8_bilinear_fixed_point);
    tcase_add_test(tc, recompute_truncates_toward_zero);
    suite_add_tcase(s, tc);
    return s;
}
