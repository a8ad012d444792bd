/* test_half.c - float16 / bfloat16 outputs: nearest and nearest-exact are gathers of 2-byte
 * elements (bit patterns copied, NaN payloads included); area sums in float (1-D / 2-D) or
 * in the 2-byte type (3-D); the linear modes (1.13: bfloat16 lambdas, generic kernel in
 * bfloat16 arithmetic, channels-last kernel in float; 2.14: float from 2-byte weights, or
 * float lambdas in the channels-last kernel); bicubic (1.13: bfloat16 arithmetic; 2.14: float
 * from 2-byte coefficients). The all-ones area output (torch's mean) is computed in float
 * for 2.14 and answers IC_UNSUPPORTED for 1.13.
 * Expected values are hand arithmetic, shown beside each row. */
#include <stdint.h>

#include "icr_internal.h"
#include "test_helpers.h"

static const icr_semantics sem113 = {ICR_TORCH_1_13, 0};
static const icr_semantics sem214 = {ICR_TORCH_2_14, 0};

/* Runs a call on in (contiguous) into a contiguous out of 2-byte elements. */
static int32_t run16(const icr_semantics *sem, const ic_tensor *in, ic_args *a, uint16_t *out)
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

/* float16 nearest 1x1x2 -> size 4: index floor(i * 0.5) = 0, 0, 1, 1, so the bits of 1.0
 * (0x3C00) twice, then a NaN with payload 0x101 (0x7D01) twice, unchanged. */
START_TEST(half_nearest_copies_bits)
{
    int64_t sh[3] = {1, 1, 2};
    uint16_t x[2] = {0x3C00, 0x7D01}, y[4] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT16, 3, sh, x);
    ic_args a = tst_args("nearest");

    a.size_len = 0;
    a.size[0] = 4;
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    ck_assert(y[0] == 0x3C00 && y[1] == 0x3C00 && y[2] == 0x7D01 && y[3] == 0x7D01);
    /* bfloat16 the same in both versions (1.13's BFloat16 scale 0.5 is exact) */
    in.dtype = IC_DTYPE_BFLOAT16;
    memset(y, 0, sizeof y);
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_OK);
    ck_assert(y[0] == 0x3C00 && y[1] == 0x3C00 && y[2] == 0x7D01 && y[3] == 0x7D01);
    /* float16 upsampling is refused by 1.13's dispatch (RuntimeError), not unsupported */
    in.dtype = IC_DTYPE_FLOAT16;
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_ERR_RUNTIME);
}
END_TEST

/* nearest-exact 1x1x3 -> size 2, float16: scale 1.5, index floor((i + 0.5) * 1.5):
 * floor(0.75) = 0, floor(2.25) = 2. Values -0 (0x8000), 1, -inf (0xFC00). */
START_TEST(half_nearest_exact_index)
{
    int64_t sh[3] = {1, 1, 3};
    uint16_t x[3] = {0x8000, 0x3C00, 0xFC00}, y[2] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT16, 3, sh, x);
    ic_args a = tst_args("nearest-exact");

    a.size_len = 0;
    a.size[0] = 2;
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    ck_assert(y[0] == 0x8000 && y[1] == 0xFC00);
}
END_TEST

/*
 * 1.13's generic nearest kernel computes the bfloat16 scale in BFloat16: in = 2, out = 14,
 * 2/14 = 0.142857... = 1.142857 * 2^-3; BFloat16 keeps 7 fraction bits: 1.142857 * 128 =
 * 146.29 -> 146, scale 146/1024 = 0.142578125. At i = 7: 7 * 0.142578125 = 0.998046875,
 * floor 0, so output 7 reads input 0; with 2.14's float scale (0.14285715f) 7 * s rounds to
 * 1.0000001, index 1. Indices 0..6 read 0 and 8..13 read 1 in both.
 */
START_TEST(bfloat16_scale_in_bfloat16_113)
{
    int64_t sh[3] = {1, 1, 2};
    uint16_t x[2] = {0x1111, 0x2222}, y[14] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_BFLOAT16, 3, sh, x);
    ic_args a = tst_args("nearest");
    int i;

    a.size_len = 0;
    a.size[0] = 14;
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_OK);
    for (i = 0; i < 14; i++) {
        ck_assert_uint_eq(y[i], i <= 7 ? 0x1111 : 0x2222);
    }
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    for (i = 0; i < 14; i++) {
        ck_assert_uint_eq(y[i], i < 7 ? 0x1111 : 0x2222);
    }
    /* the rounding itself: 0x3E124925 (2/14 in float) -> 0x3E120000 */
    ck_assert(icr_bf16_round(2.0f / 14.0f) == 0.142578125f);
}
END_TEST

/* area 1x1x3 -> size 2, windows [0, 2) and [1, 3): (1 + 2) / 2 = 1.5, (2 + 4) / 2 = 3, in
 * float then rounded once: bfloat16 0x3FC0, 0x4040 (both versions); float16 0x3E00, 0x4200
 * (2.14; 1.13's 2-D pool refuses float16). */
START_TEST(half_area_1d)
{
    int64_t sh[3] = {1, 1, 3};
    uint16_t xb[3] = {0x3F80, 0x4000, 0x4080}, xh[3] = {0x3C00, 0x4000, 0x4400}, y[2] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_BFLOAT16, 3, sh, xb);
    ic_args a = tst_args("area");

    a.size_len = 0;
    a.size[0] = 2;
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_OK);
    ck_assert(y[0] == 0x3FC0 && y[1] == 0x4040);
    memset(y, 0, sizeof y);
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    ck_assert(y[0] == 0x3FC0 && y[1] == 0x4040);
    in = tst_tensor(IC_DTYPE_FLOAT16, 3, sh, xh);
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    ck_assert(y[0] == 0x3E00 && y[1] == 0x4200);
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_ERR_RUNTIME);
}
END_TEST

/*
 * 3-D area sums in float16 itself: window {2048, 1, 1}: 2048 + 1 = 2049 is a tie between
 * the float16 neighbours 2048 and 2050 (ulp 2), even -> 2048, again for the second 1, so
 * the sum is 2048 (float would give 2050); 2048 / 3 = 682.67, float16 step 0.5 there:
 * 682.5 = 0x6155 (2050 / 3 would round to 683.5). Input 1x1x1x1x6 -> size (1, 1, 2).
 */
START_TEST(half_area_3d_sums_in_half)
{
    int64_t sh[5] = {1, 1, 1, 1, 6};
    uint16_t x[6] = {0x6800, 0x3C00, 0x3C00, 0x6800, 0x3C00, 0x3C00}, y[2] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT16, 5, sh, x);
    ic_args a = tst_args("area");

    a.size_len = 3;
    a.size[0] = 1;
    a.size[1] = 1;
    a.size[2] = 2;
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_OK);
    ck_assert(y[0] == 0x6155 && y[1] == 0x6155);
    memset(y, 0, sizeof y);
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    ck_assert(y[0] == 0x6155 && y[1] == 0x6155);
    /* An all-ones output is torch's mean(): 2.14 sums the widened input in float: 2050 / 3 =
     * 683.33, float16 step 0.5 there: 683.5 = 0x6157. 1.13's Half mean is not computed. */
    sh[4] = 3;
    in = tst_tensor(IC_DTYPE_FLOAT16, 5, sh, x);
    a.size[2] = 1;
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    ck_assert_uint_eq(y[0], 0x6157);
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_UNSUPPORTED);
}
END_TEST

/*
 * 1.13 bfloat16 linear (generic kernel, BFloat16 arithmetic): 1x1x3 {1, 2, 4} -> size 4,
 * scale BFloat16(3/4) = 0.75, r = max(0.75 * (i + 0.5) - 0.5, 0) = 0, 0.625, 1.375, 2.125:
 * 1*1 + 2*0 = 1; 1*0.375 + 2*0.625 = 1.625; 2*0.625 + 4*0.375 = 2.75; 4*0.875 + 4*0.125 = 4
 * (the last pixel's second tap is itself) = 0x3F80, 0x3FD0, 0x4030, 0x4080.
 */
START_TEST(bfloat16_linear_113)
{
    int64_t sh[3] = {1, 1, 3};
    uint16_t x[3] = {0x3F80, 0x4000, 0x4080}, y[4] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_BFLOAT16, 3, sh, x);
    ic_args a = tst_args("linear");

    a.size_len = 0;
    a.size[0] = 4;
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_OK);
    ck_assert(y[0] == 0x3F80 && y[1] == 0x3FD0 && y[2] == 0x4030 && y[3] == 0x4080);
    /* 1.13 refuses float16 linear (RuntimeError); bicubic stays unsupported */
    in.dtype = IC_DTYPE_FLOAT16;
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_ERR_RUNTIME);
}
END_TEST

/*
 * 2.14 float16 linear: weights rounded to float16, then float arithmetic, one rounding.
 * 1x1x7, one-hot at index 3, size 23, output 12: scale 7/23 = 0.30434783f, r = 12.5 * s - 0.5
 * = 3.3043478, i0 = 3, lambda1 = 0.3043478 -> float16 (step 2^-12: 1246.6 -> 1247)
 * 0.304443359375; lambda0 = 1 - lambda1 = 0.695556640625, in float16 (step 2^-11: 1424.5, a
 * tie -> even 1424) 0.6953125 = 0x3990. (Float weights rounded once would give 0x3991.)
 */
START_TEST(half_linear_weights_in_half_214)
{
    int64_t sh[3] = {1, 1, 7};
    uint16_t x[7] = {0, 0, 0, 0x3C00, 0, 0, 0}, y[23] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT16, 3, sh, x);
    ic_args a = tst_args("linear");

    a.size_len = 0;
    a.size[0] = 23;
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    ck_assert_uint_eq(y[12], 0x3990);
    ck_assert_uint_eq(y[11], 0x3C00); /* r = 2.9999998 -> i0 = 2, lambda1 rounds to 1 */
}
END_TEST

/*
 * 2.14's channels-last linear kernel keeps float lambdas: the same row as above as a 4-D
 * 1x1x1x7 input, size (1, 23), goes there (out_H + out_W = 24 <= 128, one thread):
 * lambda0 = 1 - 0.3043478f = 0.6956522 (float), h lambdas 1 and 0 (same height), so output
 * 12 is float16(0.6956522) = 1424.7 * 2^-11 -> 1425 = 0x3991 (the generic kernel: 0x3990).
 */
START_TEST(half_bilinear_channels_last_kernel_214)
{
    int64_t sh[4] = {1, 1, 1, 7};
    uint16_t x[7] = {0, 0, 0, 0x3C00, 0, 0, 0}, y[23] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT16, 4, sh, x);
    ic_args a = tst_args("bilinear");

    a.size_len = 2;
    a.size[0] = 1;
    a.size[1] = 23;
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    ck_assert_uint_eq(y[12], 0x3991);
    /* 1.13 refuses float16 bilinear */
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_ERR_RUNTIME);
}
END_TEST

/*
 * 2.14 float16 bicubic: 1x1x1x2 {0, 1} -> size (1, 4), output 1: scale 0.5, r = 0.25, taps
 * {-1, 0, 1, 2} clamped to {0, 0, 1, 1}, Keys (A = -0.75) at t = 0.25:
 * c0 = ((A*1.25 - 5A)*1.25 + 8A)*1.25 - 4A = -0.10546875, c1 = ((A+2)*0.25 - (A+3))*0.0625 + 1
 * = 0.87890625, c2 = (1.25*0.75 - 2.25)*0.5625 + 1 = 0.26171875,
 * c3 = ((A*1.75 - 5A)*1.75 + 8A)*1.75 - 4A = -0.03515625 (all exact in float16);
 * 0*c0 + 0*c1 + 1*c2 + 1*c3 = 0.2265625; the height (1 -> 1, t = 0) weighs row 0 by 1:
 * 0.2265625 = 1.8125 * 2^-3 = 0x3340.
 */
START_TEST(half_bicubic_214)
{
    int64_t sh[4] = {1, 1, 1, 2};
    uint16_t x[2] = {0, 0x3C00}, y[4] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT16, 4, sh, x);
    ic_args a = tst_args("bicubic");

    a.size_len = 2;
    a.size[0] = 1;
    a.size[1] = 4;
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    ck_assert_uint_eq(y[1], 0x3340);
    in.dtype = IC_DTYPE_BFLOAT16;
    x[1] = 0x3F80;
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    ck_assert_uint_eq(y[1], 0x3E68); /* 0.2265625 in bfloat16 */
}
END_TEST

/*
 * 1.13 bfloat16 bicubic: the same call in BFloat16 arithmetic (7 fraction bits). At t = 0.25:
 * c2 = cc1(0.75): 1.25*0.75 = 0.9375, - 2.25 = -1.3125, *0.75 = -0.984375, *0.75 =
 * -0.73828125, + 1 = 0.26171875 (all exact); c3 = cc2(1.75): A*1.75 - 5A = 2.4375, *1.75 =
 * 4.265625 = 1.00010001b * 2^2, a tie at 7 bits -> even 4.25, + 8A = -1.75, *1.75 = -3.0625,
 * - 4A = -0.0625 (exact: -0.03515625). Sum 0*c0 + 0*c1 + 1*c2 + 1*c3 = 0.19921875 =
 * 1.59375 * 2^-3 = 0x3E4C (2.14: 0x3E68).
 */
START_TEST(bfloat16_bicubic_113)
{
    int64_t sh[4] = {1, 1, 1, 2};
    uint16_t x[2] = {0, 0x3F80}, y[4] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_BFLOAT16, 4, sh, x);
    ic_args a = tst_args("bicubic");

    a.size_len = 2;
    a.size[0] = 1;
    a.size[1] = 4;
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_OK);
    ck_assert_uint_eq(y[1], 0x3E4C);
}
END_TEST

/*
 * 2.14 float16 linear takes the scale in float (opmath), not double: 1x1x2 {0, inf} -> size
 * 14, output 10: s = float(2/14) = 0.14285715, 10.5 * s = 1.5000001 (float), - 0.5 =
 * 1.0000001, so i0 = i1 = 1 (the last pixel) and lambda1 = 2^-23 (float16 0x0002, a
 * subnormal), lambda0 = 1: inf*1 + inf*2^-23 = inf (0x7C00). A double scale gives exactly 1.0,
 * lambda1 = 0 and inf*0 = NaN. Output 0 (r = 0, lambda1 = 0) is 0*1 + inf*0 = NaN.
 */
START_TEST(half_linear_scale_in_float_214)
{
    int64_t sh[3] = {1, 1, 2};
    uint16_t x[2] = {0, 0x7C00}, y[14] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_FLOAT16, 3, sh, x);
    ic_args a = tst_args("linear");

    a.size_len = 0;
    a.size[0] = 14;
    ck_assert_int_eq(run16(&sem214, &in, &a, y), IC_OK);
    ck_assert_uint_eq(y[10], 0x7C00);
    ck_assert((y[0] & 0x7C00) == 0x7C00 && (y[0] & 0x3FF) != 0); /* NaN */
}
END_TEST

/*
 * 1.13 bfloat16 bilinear on a channels-last input (its channels-last kernel): 1x2x1x2, NHWC
 * {c0: 1, 2; c1: 4, 8} -> size (1, 4), output column 1: r = 0.25, lambdas 0.75 / 0.25 (height
 * unchanged: 1 / 0): c0 = 1*0.75 + 2*0.25 = 1.25 (0x3FA0), c1 = 4*0.75 + 8*0.25 = 5 (0x40A0).
 */
START_TEST(bfloat16_bilinear_channels_last_113)
{
    int64_t sh[4] = {1, 2, 1, 2};
    uint16_t x[4] = {0x3F80, 0x4080, 0x4000, 0x4100}, y[8] = {0};
    ic_tensor in = tst_tensor(IC_DTYPE_BFLOAT16, 4, sh, x);
    ic_args a = tst_args("bilinear");

    in.strides[1] = 1; /* NHWC: C innermost */
    in.strides[2] = 4;
    in.strides[3] = 2;
    a.size_len = 2;
    a.size[0] = 1;
    a.size[1] = 4;
    ck_assert_int_eq(run16(&sem113, &in, &a, y), IC_OK);
    ck_assert(y[1] == 0x3FA0 && y[5] == 0x40A0);
}
END_TEST

/* c10's conversions: float16 RNE with subnormals, overflow and NaN; bfloat16 RNE. */
START_TEST(half_conversions)
{
    ck_assert_uint_eq(icr_float_to_half(1.0f), 0x3C00);
    ck_assert_uint_eq(icr_float_to_half(65520.0f), 0x7C00);   /* rounds to inf */
    ck_assert_uint_eq(icr_float_to_half(65519.0f), 0x7BFF);   /* 65504 */
    ck_assert_uint_eq(icr_float_to_half(0x1p-25f), 0x0000);   /* tie to even 0 */
    ck_assert_uint_eq(icr_float_to_half(0x1.8p-25f), 0x0001); /* 2^-24 */
    ck_assert_uint_eq(icr_float_to_half(-2049.0f), 0xE800);   /* -2048, even */
    ck_assert_uint_eq(icr_float_to_half(-2051.0f), 0xE802);   /* -2052, even */
    ck_assert(icr_half_to_float(0x0001) == 0x1p-24f);
    ck_assert(icr_half_to_float(0xFBFF) == -65504.0f);
    ck_assert_uint_eq(icr_float_to_bf16(1.0f + 0x1p-8f), 0x3F80); /* tie -> even */
    ck_assert_uint_eq(icr_float_to_bf16(1.0f + 0x1.8p-8f), 0x3F81);
    ck_assert_uint_eq(icr_float_to_bf16(1.0f + 0x3p-8f), 0x3F82); /* tie -> even */
    ck_assert(icr_bf16_to_float(0xC040) == -3.0f);
}
END_TEST

Suite *half_suite(void)
{
    Suite *s = suite_create("half");
    TCase *tc = tcase_create("half");

    tcase_add_test(tc, half_nearest_copies_bits);
    tcase_add_test(tc, half_nearest_exact_index);
    tcase_add_test(tc, bfloat16_scale_in_bfloat16_113);
    tcase_add_test(tc, half_area_1d);
    tcase_add_test(tc, half_area_3d_sums_in_half);
    tcase_add_test(tc, bfloat16_linear_113);
    tcase_add_test(tc, bfloat16_bilinear_channels_last_113);
    tcase_add_test(tc, half_linear_weights_in_half_214);
    tcase_add_test(tc, half_linear_scale_in_float_214);
    tcase_add_test(tc, half_bilinear_channels_last_kernel_214);
    tcase_add_test(tc, half_bicubic_214);
    tcase_add_test(tc, bfloat16_bicubic_113);
    tcase_add_test(tc, half_conversions);
    suite_add_tcase(s, tc);
    return s;
}
