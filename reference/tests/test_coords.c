/* test_coords.c - the coordinate rules (coords.c) on rows a person can check by hand or that
 * SEMANTICS.md records from torch 1.13.1 experiments. */
#include <math.h>

#include "icr_internal.h"
#include "test_helpers.h"

/* The 1.13.1 rules (the arithmetic these rows were checked against). */
static const icr_rules *rules_113(void)
{
    static icr_rules r;
    static const icr_semantics sem = {ICR_TORCH_1_13, 0};

    icr_rules_from(&sem, &r, NULL, 0);
    return &r;
}

/* Output size = trunc(double(in) * scale), never rounded (pytorch#62396). */
START_TEST(output_size_is_the_truncated_double_product)
{
    static const struct {
        int64_t in;
        double scale;
        int64_t out;
    } rows[] = {
        {5, 1.7, 8},             /* 8.5 -> 8 */
        {88, 120.0 / 88.0, 119}, /* 119.99999999999999 -> 119 */
        {4, 0.1, 0},             /* 0.4 -> 0 (area accepts it, the others refuse) */
        {4, 2.0, 8},
        {9, 1.0 / 3.0, 3},
        {9, 0.3333, 2},
        {5, -1.0, -5}, /* truncation toward zero */
    };
    size_t k;

    for (k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        ck_assert_int_eq(icr_output_size_from_scale(rows[k].in, rows[k].scale), rows[k].out);
    }
    ck_assert_int_eq(icr_output_size_from_scale(5, NAN), INT64_MIN);
    ck_assert_int_eq(icr_output_size_from_scale(5, INFINITY), INT64_MIN);
}
END_TEST

/* Scales: align_corners (in-1)/(out-1) or 0 for out=1; else 1/s (user scale) or in/out. */
START_TEST(scale_follows_align_corners_and_the_user_scale)
{
    ck_assert(icr_area_pixel_compute_scale(4, 1, 1, 0, 0.0, 1) == 0.0);
    ck_assert(icr_area_pixel_compute_scale(5, 9, 1, 1, 1.7, 1) == 0.5);
    ck_assert(icr_area_pixel_compute_scale(5, 8, 0, 0, 0.0, 1) == 0.625);
    ck_assert(icr_area_pixel_compute_scale(5, 8, 0, 1, 2.0, 1) == 0.5);
    /* float32: 1/1.7 rounded to float; float64 keeps the double */
    ck_assert(icr_area_pixel_compute_scale(5, 8, 0, 1, 1.7, 1) == (double)(float)(1.0 / 1.7));
    ck_assert(icr_area_pixel_compute_scale(5, 8, 0, 1, 1.7, 0) == 1.0 / 1.7);
    /* a non-positive user scale falls back to in/out (compute_scales_value) */
    ck_assert(icr_compute_scales_value(6, 3, 1, -1.0, 1) == 2.0);
}
END_TEST

/* Half-pixel source index clamps at 0 except for cubic; align_corners is scale * i. */
START_TEST(source_index_half_pixel_and_corners)
{
    ck_assert(icr_area_pixel_compute_source_index(0.625, 0, 0, 0, 1) == 0.0);
    ck_assert(icr_area_pixel_compute_source_index(0.625, 0, 0, 1, 1) == -0.1875);
    ck_assert(icr_area_pixel_compute_source_index(0.625, 1, 0, 0, 1) == 0.4375);
    ck_assert(icr_area_pixel_compute_source_index(0.5, 3, 1, 0, 1) == 1.5);
}
END_TEST

/* in 2 -> out 82: float(2/82) * 41 = 0.99999997, so output 41 reads input 0. */
START_TEST(nearest_float_scale_off_by_one)
{
    ck_assert_int_eq(icr_nearest_index_generic(41, 2, 82, 0, 0.0, 0), 0);
    ck_assert_int_eq(icr_nearest_index_cl(41, 2, 82, 0, 0.0), 0);
    ck_assert_int_eq(icr_nearest_index_generic(42, 2, 82, 0, 0.0, 0), 1);
    /* float64 inputs compute the generic scale in double: 2/82*41 rounds to 1 */
    ck_assert_int_eq(icr_nearest_index_generic(41, 2, 82, 0, 0.0, 1), 1);
    /* nearest-exact: in 2 -> 41, output 20 reads input 0 */
    ck_assert_int_eq(icr_nearest_exact_index_generic(20, 2, 41, 0, 0.0, 0, rules_113()), 0);
}
END_TEST

/* 4 -> 3: nearest [0,1,2], nearest-exact [0,2,3]; 4 -> 6: [0,0,1,2,2,3] vs [0,1,1,2,3,3]. */
START_TEST(nearest_and_nearest_exact_tables)
{
    static const int64_t n43[] = {0, 1, 2}, e43[] = {0, 2, 3};
    static const int64_t n46[] = {0, 0, 1, 2, 2, 3}, e46[] = {0, 1, 1, 2, 3, 3};
    int64_t i;

    for (i = 0; i < 3; i++) {
        ck_assert_int_eq(icr_nearest_index_generic(i, 4, 3, 0, 0.0, 0), n43[i]);
        ck_assert_int_eq(icr_nearest_exact_index_generic(i, 4, 3, 0, 0.0, 0, rules_113()), e43[i]);
        ck_assert_int_eq(icr_nearest_exact_index_cl(i, 4, 3, 0, 0.0), e43[i]);
    }
    for (i = 0; i < 6; i++) {
        ck_assert_int_eq(icr_nearest_index_generic(i, 4, 6, 0, 0.0, 0), n46[i]);
        ck_assert_int_eq(icr_nearest_exact_index_generic(i, 4, 6, 0, 0.0, 0, rules_113()), e46[i]);
    }
}
END_TEST

/* W=5, scale 1.1 (out 5): generic [0,0,1,2,3]; channels-last copies [0,1,2,3,4] (#62237). */
START_TEST(nearest_channels_last_shortcuts)
{
    static const int64_t generic[] = {0, 0, 1, 2, 3};
    int64_t i;

    for (i = 0; i < 5; i++) {
        ck_assert_int_eq(icr_nearest_index_generic(i, 5, 5, 1, 1.1, 0), generic[i]);
        ck_assert_int_eq(icr_nearest_index_cl(i, 5, 5, 1, 1.1), i);
    }
    for (i = 0; i < 10; i++) {
        ck_assert_int_eq(icr_nearest_index_cl(i, 5, 10, 1, 2.1), i >> 1);
    }
}
END_TEST

/* Linear same size is the identity whatever the scale; elsewhere trunc and lambda. */
START_TEST(linear_lambdas)
{
    int64_t i0, i1;
    double l0, l1;

    icr_linear_source_and_lambda(3, 5, 5, 0.9, 0, 1, &i0, &i1, &l0, &l1, rules_113());
    ck_assert(i0 == 3 && i1 == 3 && l0 == 1.0 && l1 == 0.0);
    /* 5 -> 8, scale 5/8: i=1 gives r = 0.4375 */
    icr_linear_source_and_lambda(1, 5, 8, 0.625, 0, 1, &i0, &i1, &l0, &l1, rules_113());
    ck_assert(i0 == 0 && i1 == 1 && l1 == 0.4375 && l0 == 0.5625);
    /* the last output clamps i1 to in-1: i=7 gives r = 4.1875 */
    icr_linear_source_and_lambda(7, 5, 8, 0.625, 0, 1, &i0, &i1, &l0, &l1, rules_113());
    ck_assert(i0 == 4 && i1 == 4 && l1 == 0.1875);
}
END_TEST

/* Keys A=-0.75: t=0 gives [0,1,0,0]; t=0.5 gives [-0.09375, 0.59375, 0.59375, -0.09375]. */
START_TEST(cubic_coefficients_by_hand)
{
    double c[4];

    icr_cubic_coefficients(0.0, 1, c);
    ck_assert(c[0] == 0.0 && c[1] == 1.0 && c[2] == 0.0 && c[3] == 0.0);
    icr_cubic_coefficients(0.5, 1, c);
    ck_assert(c[0] == -0.09375 && c[1] == 0.59375 && c[2] == 0.59375 && c[3] == -0.09375);
}
END_TEST

/* Adaptive windows: in 5 -> out 3 gives [0,2) [1,4) [3,5) (they overlap). */
START_TEST(area_windows)
{
    static const int64_t starts[] = {0, 1, 3}, ends[] = {2, 4, 5};
    int64_t o;

    for (o = 0; o < 3; o++) {
        ck_assert_int_eq(icr_area_start_index(o, 3, 5), starts[o]);
        ck_assert_int_eq(icr_area_end_index(o, 3, 5), ends[o]);
    }
}
END_TEST

/* torch's is_contiguous(channels_last): size-1 dims are ignored. */
START_TEST(channels_last_contiguity)
{
    static const struct {
        int64_t shape[4], strides[4];
        int cl;
    } rows[] = {
        {{2, 3, 4, 5}, {60, 20, 5, 1}, 0},                                      /* NCHW */
        {{2, 3, 4, 5}, {60, 1, 15, 3}, 1},                                      /* NHWC */
        {{2, 1, 4, 5}, {20, 20, 5, 1}, 1},                                      /* C = 1: both */
        {{2, 3, 1, 1}, {3, 1, 1, 1}, 1},                                        /* H = W = 1 */
        {{1, 3, 4, 5}, {60, 20, 5, 1}, 0}, {{2, 3, 4, 5}, {120, 40, 10, 2}, 0}, /* strided */
    };
    size_t k;
    int j;

    for (k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        ic_tensor t;
        memset(&t, 0, sizeof t);
        t.ndim = 4;
        for (j = 0; j < 4; j++) {
            t.shape[j] = rows[k].shape[j];
            t.strides[j] = rows[k].strides[j];
        }
        ck_assert_int_eq(icr_is_channels_last_contiguous(&t), rows[k].cl);
    }
}
END_TEST

/** The coordinate-rule tests. */
Suite *coords_suite(void)
{
    Suite *s = suite_create("coords");
    TCase *tc = tcase_create("coords");

    tcase_add_test(tc, output_size_is_the_truncated_double_product);
    tcase_add_test(tc, scale_follows_align_corners_and_the_user_scale);
    tcase_add_test(tc, source_index_half_pixel_and_corners);
    tcase_add_test(tc, nearest_float_scale_off_by_one);
    tcase_add_test(tc, nearest_and_nearest_exact_tables);
    tcase_add_test(tc, nearest_channels_last_shortcuts);
    tcase_add_test(tc, linear_lambdas);
    tcase_add_test(tc, cubic_coefficients_by_hand);
    tcase_add_test(tc, area_windows);
    tcase_add_test(tc, channels_last_contiguity);
    suite_add_tcase(s, tc);
    return s;
}
