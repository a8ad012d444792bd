/* test_diagnose.c - the hints recognise hand-made mistakes; messages name first/worst. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "diagnose.h"
#include "manifest.h"

Suite *diagnose_suite(void);

/* A float32 expected tensor of the given shape over want[] (mode "bilinear"). */
static void make(ic_case *c, int nd, const int64_t *shape, const float *want)
{
    int k;

    memset(c, 0, sizeof *c);
    c->id = "t";
    c->mode = "bilinear";
    c->expected.dtype = IC_DTYPE_FLOAT32;
    c->expected.ndim = nd;
    c->expected.numel = 1;
    for (k = 0; k < nd; k++) {
        c->expected.shape[k] = shape[k];
        c->expected.numel *= shape[k];
    }
    c->expected.data = want;
}

/* The hint and, in *cause, the pattern's cause name (bad = not bit-identical). */
static const char *pattern_for(const ic_case *c, const float *got, char *buf, size_t len,
                               const char **cause)
{
    unsigned char bad[64];
    ic_diag_in d;
    size_t i;

    memset(&d, 0, sizeof d);
    d.c = c;
    d.got = got;
    d.bad = bad;
    for (i = 0; i < (size_t)c->expected.numel; i++) {
        const float *w = c->expected.data;
        bad[i] = memcmp(&got[i], &w[i], 4) != 0;
        if (bad[i] && d.nbad++ == 0) {
            d.first = d.worst = i;
        }
    }
    return ic_diag_pattern(&d, buf, len, cause);
}

static const char *hint_for(const ic_case *c, const float *got, char *buf, size_t len)
{
    const char *cause;

    return pattern_for(c, got, buf, len, &cause);
}

START_TEST(only_sample_zero_right_points_at_the_batch_stride)
{
    static const int64_t shape[4] = {2, 1, 1, 3};
    static const float want[6] = {1, 2, 3, 4, 5, 6};
    static const float got[6] = {1, 2, 3, 1, 2, 3}; /* sample 1 read sample 0's data */
    ic_case c;
    char buf[200];
    const char *h;

    make(&c, 4, shape, want);
    h = hint_for(&c, got, buf, sizeof buf);
    ck_assert_ptr_nonnull(h);
    ck_assert_ptr_nonnull(strstr(h, "pytorch#29894"));
}
END_TEST

START_TEST(a_shift_by_one_index_is_named_with_its_axis)
{
    static const int64_t shape[3] = {1, 1, 6};
    static const float want[6] = {1, 2, 3, 4, 5, 6};
    static const float got[6] = {2, 3, 4, 5, 6, 6}; /* got[i] = want[i+1] */
    ic_case c;
    char buf[200];
    const char *h;

    make(&c, 3, shape, want);
    h = hint_for(&c, got, buf, sizeof buf);
    ck_assert_ptr_nonnull(h);
    ck_assert_ptr_nonnull(strstr(h, "axis 2"));
    ck_assert_ptr_nonnull(strstr(h, "off by one"));
}
END_TEST

START_TEST(a_constant_factor_is_reported)
{
    static const int64_t shape[3] = {1, 1, 8};
    static const float want[8] = {1, 3, 2, 5, 7, 4, 6, 9};
    static const float got[8] = {2, 6, 4, 10, 14, 8, 12, 18};
    ic_case c;
    char buf[200];
    const char *h;

    make(&c, 3, shape, want);
    h = hint_for(&c, got, buf, sizeof buf);
    ck_assert_ptr_nonnull(h);
    ck_assert_ptr_nonnull(strstr(h, "constant factor (x2)"));
}
END_TEST

START_TEST(border_only_errors_suggest_align_corners)
{
    static const int64_t shape[4] = {1, 1, 3, 3};
    static const float want[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    static const float got[9] = {1.5f, 2, 3, 4, 5, 6, 7, 8, 9.5f};
    ic_case c;
    char buf[200];
    const char *h;

    make(&c, 4, shape, want);
    h = hint_for(&c, got, buf, sizeof buf);
    ck_assert_ptr_nonnull(h);
    ck_assert_ptr_nonnull(strstr(h, "borders"));
}
END_TEST

START_TEST(random_errors_get_no_hint_but_a_full_line)
{
    static const int64_t shape[4] = {1, 1, 3, 3};
    static const float want[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    static const float got[9] = {1, 2, 3, 4, 5.5f, 6, 7, 8, 9};
    unsigned char bad[9] = {0, 0, 0, 0, 1, 0, 0, 0, 0};
    ic_case c;
    ic_diag_in d;
    char buf[200], msg[600];

    make(&c, 4, shape, want);
    ck_assert_ptr_null(hint_for(&c, got, buf, sizeof buf));
    memset(&d, 0, sizeof d);
    d.c = &c;
    d.got = got;
    d.bad = bad;
    d.nbad = 1;
    d.first = d.worst = 4;
    ic_diagnose(&d, msg, sizeof msg);
    ck_assert_msg(strstr(msg, "1 of 9 elements off; first [0,0,1,1] got 5.5 (0x1.6p+2) "
                              "want 5 (0x1.4p+2)") != NULL,
                  "%s", msg);
}
END_TEST

/* ---- the patterns that fooled the hints on real ports (issue 14) ---- */

/* A port that flushes subnormals: zeros where torch has 1e-39.. (an absolute 1e-5 closeness
   test took every element for its neighbour and said "shifted by one index"). */
START_TEST(subnormal_data_flushed_to_zero_is_no_shift)
{
    static const int64_t shape[3] = {1, 1, 6};
    static const float want[6] = {1e-39f, 2e-39f, 3e-39f, 4e-39f, 5e-39f, 6e-39f};
    static const float got[6] = {0, 0, 0, 0, 0, 0};
    ic_case c;
    char buf[200];
    const char *h, *cause;

    make(&c, 3, shape, want);
    h = pattern_for(&c, got, buf, sizeof buf, &cause);
    ck_assert_ptr_nonnull(h);
    ck_assert_msg(strstr(h, "shifted") == NULL, "%s", h);
    ck_assert_str_eq(cause, "subnormals-flushed");
}
END_TEST

/* Subnormal ramp, one element off by a few steps: relative closeness finds no shift either. */
START_TEST(subnormal_values_are_not_all_equal_to_each_other)
{
    static const int64_t shape[3] = {1, 1, 6};
    static const float want[6] = {1e-39f, 2e-39f, 3e-39f, 4e-39f, 5e-39f, 6e-39f};
    static const float got[6] = {1e-39f, 2e-39f, 3.5e-39f, 4e-39f, 5e-39f, 6e-39f};
    ic_case c;
    char buf[200];
    const char *h;

    make(&c, 3, shape, want);
    h = hint_for(&c, got, buf, sizeof buf);
    ck_assert_msg(h == NULL || strstr(h, "shifted") == NULL, "%s", h ? h : "");
}
END_TEST

/* NaN spreading to a neighbour (got[2] NaN beside torch's NaN at 1) is NaN propagation, not
   "got[i] = want[i-1]". */
START_TEST(nan_spreading_to_a_neighbour_is_no_shift)
{
    static const int64_t shape[3] = {1, 1, 6};
    const float nan = NAN;
    float want[6] = {1, 0, 3, 4, 5, 6}, got[6] = {1, 0, 0, 4, 5, 6};
    ic_case c;
    char buf[200];
    const char *h, *cause;

    want[1] = got[1] = got[2] = nan;
    make(&c, 3, shape, want);
    h = pattern_for(&c, got, buf, sizeof buf, &cause);
    ck_assert_ptr_nonnull(h);
    ck_assert_msg(strstr(h, "shifted") == NULL, "%s", h);
    ck_assert_str_eq(cause, "nan-inf");
}
END_TEST

/* nearest over an input that already holds inf: a wrong index picks a finite value where
   torch copied the inf. Nothing overflowed; nearest never accumulates. */
START_TEST(inf_copied_by_nearest_is_no_overflow)
{
    static const int64_t shape[3] = {1, 1, 3};
    float in[3] = {0, 1, 2}, want[3] = {0, 1, 2};
    static const float got[3] = {1, 1, 2};
    ic_case c;
    char buf[200];
    const char *h, *cause;

    in[0] = want[0] = INFINITY;
    make(&c, 3, shape, want);
    c.mode = "nearest";
    c.input = c.expected;
    c.input.data = in;
    c.input.nbytes = sizeof in;
    h = pattern_for(&c, got, buf, sizeof buf, &cause);
    ck_assert_msg(h == NULL || strstr(h, "overflow") == NULL, "%s", h ? h : "");
    ck_assert_msg(cause == NULL || strcmp(cause, "overflow") != 0, "%s", cause ? cause : "");
}
END_TEST

/* The real overflow: bilinear over a finite input near FLT_MAX, torch's float sum is inf. */
START_TEST(a_float_sum_overflow_over_finite_input_is_named)
{
    static const int64_t shape[3] = {1, 1, 2};
    static const float in[2] = {3e38f, 3e38f};
    float want[2] = {3e38f, 0};
    static const float got[2] = {3e38f, 3.2e38f};
    ic_case c;
    char buf[200];
    const char *h, *cause;

    want[1] = INFINITY;
    make(&c, 3, shape, want);
    c.input = c.expected;
    c.input.data = in;
    c.input.nbytes = sizeof in;
    h = pattern_for(&c, got, buf, sizeof buf, &cause);
    ck_assert_ptr_nonnull(h);
    ck_assert_str_eq(cause, "overflow");
}
END_TEST

/* Two nearest elements that happen to be twice torch's are no "constant factor (x2)". */
START_TEST(two_elements_are_no_constant_factor)
{
    static const int64_t shape[3] = {1, 1, 4};
    static const float want[4] = {1, 3, 2, 5};
    static const float got[4] = {2, 3, 4, 5};
    ic_case c;
    char buf[200];
    const char *h;

    make(&c, 3, shape, want);
    c.mode = "nearest";
    h = hint_for(&c, got, buf, sizeof buf);
    ck_assert_msg(h == NULL || strstr(h, "factor") == NULL, "%s", h ? h : "");
}
END_TEST

/* nearest has no align_corners: border-only errors there are a scale/index rule, so no
   "align_corners or half-pixel centres" hint. */
START_TEST(nearest_border_errors_do_not_blame_align_corners)
{
    static const int64_t shape[4] = {1, 1, 3, 3};
    static const float want[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    static const float got[9] = {2, 2, 3, 4, 5, 6, 7, 8, 8};
    ic_case c;
    char buf[200];
    const char *h;

    make(&c, 4, shape, want);
    c.mode = "nearest";
    h = hint_for(&c, got, buf, sizeof buf);
    ck_assert_msg(h == NULL || strstr(h, "align_corners") == NULL, "%s", h ? h : "");
}
END_TEST

/* A single wrong element in sample 1 is no batch-stride bug. */
START_TEST(one_wrong_element_is_no_batch_stride)
{
    static const int64_t shape[4] = {2, 1, 1, 1};
    static const float want[2] = {1, 2};
    static const float got[2] = {1, 3};
    ic_case c;
    char buf[200];
    const char *h;

    make(&c, 4, shape, want);
    h = hint_for(&c, got, buf, sizeof buf);
    ck_assert_msg(h == NULL || strstr(h, "29894") == NULL, "%s", h ? h : "");
}
END_TEST

/* Sample 1 left at zero (pytorch#29894) over subnormal data: a batch-stride bug, not FTZ. */
START_TEST(a_zeroed_sample_over_subnormal_data_is_a_batch_stride)
{
    static const int64_t shape[3] = {2, 1, 4};
    static const float want[8] = {1e-39f, 2e-39f, 3e-39f, 4e-39f, 5e-39f, 6e-39f, 7e-39f, 8e-39f};
    static const float got[8] = {1e-39f, 2e-39f, 3e-39f, 4e-39f, 0, 0, 0, 0};
    ic_case c;
    char buf[200];
    const char *cause;

    make(&c, 3, shape, want);
    pattern_for(&c, got, buf, sizeof buf, &cause);
    ck_assert_ptr_nonnull(cause);
    ck_assert_str_eq(cause, "batch-stride");
}
END_TEST

/* Zeros where torch has values are no "constant factor (x0)". */
START_TEST(zeros_are_no_factor_of_zero)
{
    static const int64_t shape[3] = {1, 1, 8};
    static const float want[8] = {1, 3, 2, 5, 7, 4, 6, 9};
    static const float got[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    ic_case c;
    char buf[200];
    const char *h, *cause;

    make(&c, 3, shape, want);
    h = pattern_for(&c, got, buf, sizeof buf, &cause);
    ck_assert_ptr_nonnull(h);
    ck_assert_msg(strstr(h, "factor") == NULL, "%s", h);
    ck_assert_str_eq(cause, "sentinel");
}
END_TEST

/** The diagnosis suite. */
Suite *diagnose_suite(void)
{
    Suite *s = suite_create("diagnose");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, only_sample_zero_right_points_at_the_batch_stride);
    tcase_add_test(tc, a_shift_by_one_index_is_named_with_its_axis);
    tcase_add_test(tc, a_constant_factor_is_reported);
    tcase_add_test(tc, border_only_errors_suggest_align_corners);
    tcase_add_test(tc, random_errors_get_no_hint_but_a_full_line);
    tcase_add_test(tc, subnormal_data_flushed_to_zero_is_no_shift);
    tcase_add_test(tc, subnormal_values_are_not_all_equal_to_each_other);
    tcase_add_test(tc, nan_spreading_to_a_neighbour_is_no_shift);
    tcase_add_test(tc, inf_copied_by_nearest_is_no_overflow);
    tcase_add_test(tc, a_float_sum_overflow_over_finite_input_is_named);
    tcase_add_test(tc, two_elements_are_no_constant_factor);
    tcase_add_test(tc, nearest_border_errors_do_not_blame_align_corners);
    tcase_add_test(tc, one_wrong_element_is_no_batch_stride);
    tcase_add_test(tc, a_zeroed_sample_over_subnormal_data_is_a_batch_stride);
    tcase_add_test(tc, zeros_are_no_factor_of_zero);
    suite_add_tcase(s, tc);
    return s;
}
