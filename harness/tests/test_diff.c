/* test_diff.c - `interpcheck diff`: each change class on hand-made pairs of results. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "results.h"

Suite *diff_suite(void);

static ic_case_result res(const char *id, int32_t verdict, const char *kind)
{
    ic_case_result r;

    memset(&r, 0, sizeof r);
    r.id = (char *)id;
    r.verdict = verdict;
    r.kind = (char *)kind;
    return r;
}

START_TEST(each_change_is_classified_and_only_new_or_different_failures_regress)
{
    /* OLD and NEW, in shuffled order: the diff pairs cases by id. */
    ic_case_result old_r[] = {res("h_cause", IC_VERDICT_FAIL, "values"),
                              res("a_newfail", IC_VERDICT_PASS, NULL),
                              res("b_fixed", IC_VERDICT_FAIL, "values"),
                              res("c_verdict", IC_VERDICT_FAIL, "values"),
                              res("d_kind", IC_VERDICT_FAIL, "values"),
                              res("e_same", IC_VERDICT_FAIL, "shape"),
                              res("f_skipped", IC_VERDICT_PASS, NULL),
                              res("g_removed", IC_VERDICT_PASS, NULL),
                              res("i_run", IC_VERDICT_SKIP, "unsupported"),
                              res("k_skip_to_fail", IC_VERDICT_SKIP, "unsupported"),
                              res("m_category", IC_VERDICT_FAIL, "category")};
    ic_case_result new_r[] = {res("a_newfail", IC_VERDICT_FAIL, "values"),
                              res("b_fixed", IC_VERDICT_PASS, NULL),
                              res("c_verdict", IC_VERDICT_ERROR, "crash"),
                              res("d_kind", IC_VERDICT_FAIL, "shape"),
                              res("e_same", IC_VERDICT_FAIL, "shape"),
                              res("f_skipped", IC_VERDICT_SKIP, "unsupported"),
                              res("h_cause", IC_VERDICT_FAIL, "values"),
                              res("i_run", IC_VERDICT_PASS, NULL),
                              res("j_added_fails", IC_VERDICT_ERROR, "timeout"),
                              res("l_added", IC_VERDICT_PASS, NULL),
                              res("k_skip_to_fail", IC_VERDICT_FAIL, "category"),
                              res("m_category", IC_VERDICT_FAIL, "category")};
    char *old_c[11] = {"half-pixel offset dropped"}, *new_c[12] = {0};
    static const struct {
        const char *id;
        int32_t change;
    } want[] = {{"a_newfail", IC_DIFF_NEW_FAILURE},
                {"b_fixed", IC_DIFF_FIXED},
                {"c_verdict", IC_DIFF_CHANGED_VERDICT},
                {"d_kind", IC_DIFF_CHANGED_KIND},
                {"f_skipped", IC_DIFF_NOW_SKIPPED},
                {"g_removed", IC_DIFF_REMOVED},
                {"h_cause", IC_DIFF_CHANGED_CAUSE},
                {"i_run", IC_DIFF_NOW_RUN},
                {"j_added_fails", IC_DIFF_NEW_FAILURE},
                {"k_skip_to_fail", IC_DIFF_NEW_FAILURE},
                {"l_added", IC_DIFF_ADDED},
                {"m_category", IC_DIFF_CHANGED_CATEGORY}};
    ic_diff d;
    size_t i, regress = 0;

    new_c[6] = "align_corners ignored";
    old_r[10].message = "returned IC_ERR_VALUE (ValueError), torch raises IC_ERR_TYPE";
    new_r[11].message = "returned IC_ERR_RUNTIME (RuntimeError), torch raises IC_ERR_TYPE";
    ck_assert_int_eq(ic_diff_compute(old_r, 11, old_c, new_r, 12, new_c, &d), 0);
    ck_assert_uint_eq(d.n, sizeof want / sizeof want[0]);
    for (i = 0; i < d.n; i++) {
        const ic_case_result *r = d.entries[i].new_r ? d.entries[i].new_r : d.entries[i].old_r;
        ck_assert_str_eq(r->id, want[i].id);
        ck_assert_msg(d.entries[i].change == want[i].change, "%s: got %s want %s", want[i].id,
                      ic_diff_change_name(d.entries[i].change),
                      ic_diff_change_name(want[i].change));
        regress += (size_t)ic_diff_is_regression(d.entries[i].change);
    }
    ck_assert_str_eq(d.entries[6].old_cause, "half-pixel offset dropped");
    ck_assert_str_eq(d.entries[6].new_cause, "align_corners ignored");
    ck_assert_uint_eq(d.count[IC_DIFF_NEW_FAILURE], 3);
    /* 3 new failures, a changed verdict, a changed kind; not the changed category or cause,
       which an expectation "FAIL:category" / "FAIL:values" written from OLD still covers */
    ck_assert_uint_eq(regress, 5);
    ic_diff_free(&d);
}
END_TEST

START_TEST(identical_runs_and_causes_on_one_side_only_give_no_change)
{
    ic_case_result a[] = {res("x", IC_VERDICT_FAIL, "values"), res("y", IC_VERDICT_PASS, NULL)};
    char *ca[2] = {"some cause", NULL};
    ic_diff d;

    ck_assert_int_eq(ic_diff_compute(a, 2, ca, a, 2, NULL, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    ic_diff_free(&d);
    ck_assert_int_eq(ic_diff_compute(a, 0, NULL, a, 0, NULL, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    ic_diff_free(&d);
}
END_TEST

/** The diff suite. */
Suite *diff_suite(void)
{
    Suite *s = suite_create("diff");
    TCase *tc = tcase_create("diff");

    tcase_add_test(tc, each_change_is_classified_and_only_new_or_different_failures_regress);
    tcase_add_test(tc, identical_runs_and_causes_on_one_side_only_give_no_change);
    suite_add_tcase(s, tc);
    return s;
}
