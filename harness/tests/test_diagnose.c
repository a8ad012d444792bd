/* test_diagnose.c - the hints recognise hand-made mistakes; messages name first/worst. */
#include <check.h>
#include <string.h>

#include "diagnose.h"
#include "manifest.h"

Suite *diagnose_suite(void);

/* A float32 expected tensor of the given shape over want[]. */
static void make(ic_case *c, int nd, const int64_t *shape, const float *want)
{
    int k;

    memset(c, 0, sizeof *c);
    c->id = "t";
    c->expected.dtype = IC_DTYPE_FLOAT32;
    c->expected.ndim = nd;
    c->expected.numel = 1;
    for (k = 0; k < nd; k++) {
        c->expected.shape[k] = shape[k];
        c->expected.numel *= shape[k];
    }
    c->expected.data = want;
}

static const char *hint_for(const ic_case *c, const float *got, char *buf, size_t len)
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
    return ic_diag_hint(&d, buf, len);
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
    static const int64_t shape[3] = {1, 1, 4};
    static const float want[4] = {1, 3, 2, 5};
    static const float got[4] = {2, 6, 4, 10};
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
                              "want 5 (0x1.4p+2)") != NULL, "%s", msg);
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
    suite_add_tcase(s, tc);
    return s;
}
