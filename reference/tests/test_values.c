/* test_values.c - whole interpolate() calls whose outputs a person can check by hand, or that
 * SEMANTICS.md records from torch 1.13.1. */
#include <math.h>
#include <stdint.h>

#include "test_helpers.h"

/* Runs a float32 call into out (contiguous); returns the status. */
static int32_t run_f32(int ndim, const int64_t *shape, float *in_data, ic_args *a, float *out,
                       int64_t *out_numel)
{
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT32, ndim, shape, in_data);
    ic_tensor o;
    char msg[256];
    int32_t st;
    int64_t n = 1;
    int k;

    memset(&o, 0, sizeof o);
    st = icr_output_shape_ex(TST_113, &in, a, &o.ndim, o.shape, msg, sizeof msg);
    if (st != IC_OK) {
        return st;
    }
    o = tst_tensor(IC_DTYPE_FLOAT32, o.ndim, o.shape, out);
    for (k = 0; k < o.ndim; k++) {
        n *= o.shape[k];
    }
    *out_numel = n;
    return icr_interpolate_ex(TST_113, &in, a, &o, msg, sizeof msg);
}

static int within_one_ulp(float got, float want)
{
    return got == want || nextafterf(want, INFINITY) == got || nextafterf(want, -INFINITY) == got;
}

/* W=5 ramp, scale 1.7, recompute None: kernel scale float(1/1.7) (SEMANTICS section 1). */
START_TEST(linear_scale_1_7_uses_the_user_scale)
{
    static const float want[8] = {0.0f,      .38235298f, .97058833f, 1.5588236f,
                                  2.147059f, 2.7352941f, 3.3235295f, 3.9117649f};
    int64_t sh[3] = {1, 1, 5}, n;
    float in[5] = {0, 1, 2, 3, 4}, out[8];
    ic_args a = tst_args("linear");
    int k;

    a.scale_len = 0;
    a.scale_factor[0] = 1.7;
    ck_assert_int_eq(run_f32(3, sh, in, &a, out, &n), IC_OK);
    ck_assert_int_eq(n, 8);
    for (k = 0; k < 8; k++) {
        ck_assert_msg(within_one_ulp(out[k], want[k]), "out[%d] = %.9g", k, out[k]);
    }
}
END_TEST

/* The same call with recompute True: scale 5/8, exact binary fractions. */
START_TEST(linear_scale_1_7_recomputed_is_5_over_8)
{
    static const float want[8] = {0, .4375f, 1.0625f, 1.6875f, 2.3125f, 2.9375f, 3.5625f, 4};
    int64_t sh[3] = {1, 1, 5}, n;
    float in[5] = {0, 1, 2, 3, 4}, out[8];
    ic_args a = tst_args("linear");
    int k;

    a.scale_len = 0;
    a.scale_factor[0] = 1.7;
    a.recompute_scale_factor = 1;
    ck_assert_int_eq(run_f32(3, sh, in, &a, out, &n), IC_OK);
    for (k = 0; k < 8; k++) {
        ck_assert(out[k] == want[k]);
    }
}
END_TEST

/* 2x2 [[1,2],[3,4]] -> 1x1 bilinear is the centre 2.5 (pytorch#61166), on both kernels. */
START_TEST(bilinear_2x2_to_1x1_is_the_centre)
{
    int64_t sh1[4] = {1, 1, 2, 2}, sh2[4] = {1, 2, 2, 2}, n;
    float in[8] = {1, 2, 3, 4, 1, 2, 3, 4}, out[2];
    ic_args a = tst_args("bilinear");

    a.size_len = 2;
    a.size[0] = 1;
    a.size[1] = 1;
    ck_assert_int_eq(run_f32(4, sh1, in, &a, out, &n), IC_OK); /* C=1: channels-last */
    ck_assert(out[0] == 2.5f);
    ck_assert_int_eq(run_f32(4, sh2, in, &a, out, &n), IC_OK); /* C=2: generic */
    ck_assert(out[0] == 2.5f && out[1] == 2.5f);
}
END_TEST

/* align_corners=True with out=1: scale 0, so the output is input pixel 0. */
START_TEST(align_corners_out_1_takes_pixel_0)
{
    int64_t sh[3] = {1, 1, 5}, n;
    float in[5] = {3, 1, 4, 1, 5}, out[1];
    ic_args a = tst_args("linear");

    a.align_corners = 1;
    a.size_len = 1;
    a.size[0] = 1;
    ck_assert_int_eq(run_f32(3, sh, in, &a, out, &n), IC_OK);
    ck_assert(out[0] == 3.0f);
    a.align_corners = 0; /* the centre, index 2 */
    ck_assert_int_eq(run_f32(3, sh, in, &a, out, &n), IC_OK);
    ck_assert(out[0] == 4.0f);
}
END_TEST

/* Same-size linear is lambda (1, 0), so inf * 0 turns into NaN: [0,1,inf,3,4] -> [0,1,nan,3,4]. */
START_TEST(linear_same_size_inf_becomes_nan)
{
    int64_t sh[3] = {1, 1, 5}, n;
    float in[5] = {0, 1, INFINITY, 3, 4}, out[5];
    ic_args a = tst_args("linear");

    a.size_len = 0;
    a.size[0] = 5;
    ck_assert_int_eq(run_f32(3, sh, in, &a, out, &n), IC_OK);
    ck_assert(out[0] == 0 && out[1] == 1 && isnan(out[2]) && out[3] == 3 && out[4] == 4);
}
END_TEST

/* Antialiased bilinear 8 -> 3 on 0..7: [1.1052632, 3.5, 5.8947372] (SEMANTICS section 4). */
START_TEST(antialias_bilinear_8_to_3)
{
    static const float want[3] = {1.1052632f, 3.5f, 5.8947372f};
    int64_t sh[4] = {1, 1, 1, 8}, n;
    float in[8] = {0, 1, 2, 3, 4, 5, 6, 7}, out[3];
    ic_args a = tst_args("bilinear");
    int k;

    a.antialias = 1;
    a.size_len = 2;
    a.size[0] = 1;
    a.size[1] = 3;
    ck_assert_int_eq(run_f32(4, sh, in, &a, out, &n), IC_OK);
    for (k = 0; k < 3; k++) {
        ck_assert_msg(within_one_ulp(out[k], want[k]), "out[%d] = %.9g", k, out[k]);
    }
}
END_TEST

/* Bicubic at scale 1 returns every batch unchanged (pytorch#29894 regression). */
START_TEST(bicubic_same_size_keeps_every_batch)
{
    int64_t sh[4] = {2, 2, 2, 4}, n;
    float in[32], out[32];
    ic_args a = tst_args("bicubic");
    int k;

    for (k = 0; k < 32; k++) {
        in[k] = (float)k;
    }
    a.scale_len = 0;
    a.scale_factor[0] = 1.0;
    ck_assert_int_eq(run_f32(4, sh, in, &a, out, &n), IC_OK);
    for (k = 0; k < 32; k++) {
        ck_assert(out[k] == in[k]);
    }
}
END_TEST

/* Area: [1,2,3,4] -> 2 gives [1.5, 3.5]; -> 1 (torch's mean) gives 2.5. */
START_TEST(area_means)
{
    int64_t sh[3] = {1, 1, 4}, n;
    float in[4] = {1, 2, 3, 4}, out[2];
    ic_args a = tst_args("area");

    a.size_len = 1;
    a.size[0] = 2;
    ck_assert_int_eq(run_f32(3, sh, in, &a, out, &n), IC_OK);
    ck_assert(out[0] == 1.5f && out[1] == 3.5f);
    a.size[0] = 1;
    ck_assert_int_eq(run_f32(3, sh, in, &a, out, &n), IC_OK);
    ck_assert(out[0] == 2.5f);
}
END_TEST

/* Nearest copies bits: NaN payloads and -0 survive; uint8 works. */
START_TEST(nearest_copies_bits_and_uint8)
{
    int64_t sh[3] = {1, 1, 2};
    uint32_t in[2] = {0x7fc01234u, 0x80000000u}, out[4];
    unsigned char u8[4] = {10, 20, 30, 40}, u8out[3];
    ic_tensor ti = tst_tensor(IC_DTYPE_FLOAT32, 3, sh, in);
    int64_t osh[3] = {1, 1, 4}, ush[3] = {1, 1, 4}, uosh[3] = {1, 1, 3};
    ic_tensor to = tst_tensor(IC_DTYPE_FLOAT32, 3, osh, out);
    ic_args a = tst_args("nearest");
    char msg[128];

    a.size_len = 1;
    a.size[0] = 4;
    ck_assert_int_eq(icr_interpolate_ex(TST_113, &ti, &a, &to, msg, sizeof msg), IC_OK);
    ck_assert(out[0] == in[0] && out[1] == in[0] && out[2] == in[1] && out[3] == in[1]);
    ti = tst_tensor(IC_DTYPE_UINT8, 3, ush, u8);
    to = tst_tensor(IC_DTYPE_UINT8, 3, uosh, u8out);
    a.size[0] = 3;
    ck_assert_int_eq(icr_interpolate_ex(TST_113, &ti, &a, &to, msg, sizeof msg), IC_OK);
    ck_assert(u8out[0] == 10 && u8out[1] == 20 && u8out[2] == 30);
    a.mode = "nearest-exact";
    ck_assert_int_eq(icr_interpolate_ex(TST_113, &ti, &a, &to, msg, sizeof msg), IC_OK);
    ck_assert(u8out[0] == 10 && u8out[1] == 30 && u8out[2] == 40);
}
END_TEST

/** The whole-call value tests. */
Suite *values_suite(void)
{
    Suite *s = suite_create("values");
    TCase *tc = tcase_create("values");

    tcase_add_test(tc, linear_scale_1_7_uses_the_user_scale);
    tcase_add_test(tc, linear_scale_1_7_recomputed_is_5_over_8);
    tcase_add_test(tc, bilinear_2x2_to_1x1_is_the_centre);
    tcase_add_test(tc, align_corners_out_1_takes_pixel_0);
    tcase_add_test(tc, linear_same_size_inf_becomes_nan);
    tcase_add_test(tc, antialias_bilinear_8_to_3);
    tcase_add_test(tc, bicubic_same_size_keeps_every_batch);
    tcase_add_test(tc, area_means);
    tcase_add_test(tc, nearest_copies_bits_and_uint8);
    suite_add_tcase(s, tc);
    return s;
}
