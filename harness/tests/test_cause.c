/* test_cause.c - the what-if re-runs name the departure a hand-made port output implements.
 *
 * Every expected value is hand arithmetic on a 1-D input {0, 10}: linear interpolation is
 * 10 * r clamped to [0, 10] for the source coordinate r of each output index.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "diagnose.h"
#include "fixtures.h"
#include "manifest.h"
#include "port_loader.h"
#include "results.h"
#include "run.h"

Suite *cause_suite(void);

static const float in2[2] = {0.0f, 10.0f};

/* A float32 1-D linear case over in2 with n outputs (size call unless scale > 0). */
static void make_linear(ic_case *c, const float *want, int n, double scale, int ac)
{
    memset(c, 0, sizeof *c);
    c->id = "t";
    c->mode = "linear";
    c->args.mode = c->mode;
    c->args.align_corners = ac;
    c->args.recompute_scale_factor = IC_NONE;
    if (scale > 0) {
        c->args.size_len = IC_NONE;
        c->args.scale_len = 1;
        c->args.scale_factor[0] = scale;
    } else {
        c->args.scale_len = IC_NONE;
        c->args.size_len = 1;
        c->args.size[0] = n;
    }
    c->tol_float = 1;
    c->input.dtype = IC_DTYPE_FLOAT32;
    c->input.ndim = 3;
    c->input.shape[0] = c->input.shape[1] = 1;
    c->input.shape[2] = 2;
    c->input.strides[0] = c->input.strides[1] = 2;
    c->input.strides[2] = 1;
    c->input.numel = 2;
    c->input.nbytes = sizeof in2;
    c->input.data = in2;
    c->expected = c->input;
    c->expected.shape[2] = n;
    c->expected.strides[0] = c->expected.strides[1] = n;
    c->expected.numel = n;
    c->expected.nbytes = (int64_t)(n * sizeof(float));
    c->expected.data = want;
}

/* The cause of got against the case (bad = more than 1e-3 away). */
static void cause_of(const ic_case *c, const float *got, char *cause, char *why)
{
    const float *want = c->expected.data;
    unsigned char bad[16];
    char cands[200];
    ic_diag_in d;
    size_t i;

    memset(&d, 0, sizeof d);
    d.c = c;
    d.got = got;
    d.bad = bad;
    for (i = 0; i < (size_t)c->expected.numel; i++) {
        bad[i] = got[i] - want[i] > 1e-3f || want[i] - got[i] > 1e-3f;
        if (bad[i] && d.nbad++ == 0) {
            d.first = d.worst = i;
        }
    }
    ic_cause_values(&d, 0, cause, 96, why, 600, cands, sizeof cands);
}

/* 2 -> 4, align_corners=False: r = 0.5*(i+0.5)-0.5 = -0.25, 0.25, 0.75, 1.25 -> 0, 2.5, 7.5,
   10. A port with align_corners=True: r = i/3 -> 0, 10/3, 20/3, 10. */
START_TEST(align_corners_taken_as_true_is_named)
{
    static const float want[4] = {0.0f, 2.5f, 7.5f, 10.0f};
    static const float got[4] = {0.0f, 10.0f / 3.0f, 20.0f / 3.0f, 10.0f};
    ic_case c;
    char cause[96], why[600];

    make_linear(&c, want, 4, 0, 0);
    cause_of(&c, got, cause, why);
    ck_assert_str_eq(cause, "align-corners-flipped");
    ck_assert_ptr_nonnull(strstr(why, "cause: align-corners-flipped"));
}
END_TEST

/* The same call, a port without half-pixel centres: r = 0.5*i -> 0, 5, 10, 10. */
START_TEST(half_pixel_centres_dropped_is_named)
{
    static const float want[4] = {0.0f, 2.5f, 7.5f, 10.0f};
    static const float got[4] = {0.0f, 5.0f, 10.0f, 10.0f};
    ic_case c;
    char cause[96], why[600];

    make_linear(&c, want, 4, 0, 0);
    cause_of(&c, got, cause, why);
    ck_assert_str_eq(cause, "half-pixel-dropped");
}
END_TEST

/* scale_factor 2.2: out = floor(4.4) = 4; torch maps with 1/2.2: r = (i+0.5)/2.2 - 0.5 =
   -0.2727, 0.1818, 0.6364, 1.0909 -> 0, 1.818, 6.364, 10. A port mapping with in/out = 0.5
   gives 0, 2.5, 7.5, 10: the scale recomputed from the sizes. */
START_TEST(a_port_ignoring_the_scale_factor_is_named)
{
    static const float want[4] = {0.0f, 20.0f / 11.0f, 70.0f / 11.0f, 10.0f};
    static const float got[4] = {0.0f, 2.5f, 7.5f, 10.0f};
    ic_case c;
    char cause[96], why[600];

    make_linear(&c, want, 4, 2.2, IC_NONE);
    cause_of(&c, got, cause, why);
    ck_assert_str_eq(cause, "scale-recomputed");
}
END_TEST

/* Nothing plausible gives 0, 1, 2, 3: no what-if, no pattern. */
START_TEST(an_arbitrary_difference_stays_unexplained)
{
    static const float want[4] = {0.0f, 2.5f, 7.5f, 10.0f};
    static const float got[4] = {0.0f, 1.0f, 2.0f, 3.0f};
    ic_case c;
    char cause[96], why[600];

    make_linear(&c, want, 4, 0, 0);
    cause_of(&c, got, cause, why);
    ck_assert_str_eq(cause, "unexplained");
    ck_assert_str_eq(why, "");
}
END_TEST

/* With the what-ifs off (--no-whatif) only patterns remain. */
START_TEST(without_whatifs_the_scale_port_is_not_named)
{
    static const float want[4] = {0.0f, 20.0f / 11.0f, 70.0f / 11.0f, 10.0f};
    static const float got[4] = {0.0f, 2.5f, 7.5f, 10.0f};
    ic_case c;
    char cause[96], why[600];

    make_linear(&c, want, 4, 2.2, IC_NONE);
    ic_cause_set_whatifs(0);
    cause_of(&c, got, cause, why);
    ic_cause_set_whatifs(1);
    ck_assert_str_ne(cause, "scale-recomputed");
}
END_TEST

/* scale 1.7 on 5 elements: torch floors 8.5 to 8; a port answering 9 rounds it. */
START_TEST(a_rounded_output_size_is_named)
{
    static const float want[8] = {0};
    ic_case c;
    char cause[96], why[600], cands[200];
    int64_t shape[3] = {1, 1, 9};

    make_linear(&c, want, 8, 1.7, IC_NONE);
    c.mode = "nearest";
    c.args.mode = c.mode;
    c.input.shape[2] = 5; /* shapes only: the data is not read */
    ic_cause_shape(&c, 3, shape, cause, sizeof cause, why, sizeof why, cands, sizeof cands);
    ck_assert_str_eq(cause, "size-rounded");
    ck_assert_str_eq(cands, "size-rounded size-ceiled"); /* 8.5: rounding and ceil agree */
    shape[2] = 12;
    ic_cause_shape(&c, 3, shape, cause, sizeof cause, why, sizeof why, cands, sizeof cands);
    ck_assert_str_eq(cause, "wrong-shape");
    /* scale 0.5 on 5 elements: 2.5 floors to 2 (torch), rounds half up to 3, half to even to
       2 (no departure), and on 7: 3.5 -> 3 (torch), 4 both ways */
    c.args.scale_factor[0] = 0.5;
    c.input.shape[2] = 7;
    shape[2] = 4;
    ic_cause_shape(&c, 3, shape, cause, sizeof cause, why, sizeof why, cands, sizeof cands);
    ck_assert_str_eq(cands, "size-rounded size-ceiled size-rounded-half-even");
}
END_TEST

/* A case that two what-ifs explain takes the one that explains more cases of the run. */
START_TEST(ambiguous_cases_take_the_runs_majority_cause)
{
    ic_case_result r[3];

    memset(r, 0, sizeof r);
    r[0].verdict = r[1].verdict = r[2].verdict = IC_VERDICT_FAIL;
    r[0].cause = strdup("same-size-copied");
    r[0].cause_candidates = strdup("same-size-copied scale-recomputed");
    r[0].message = strdup("1 of 2 elements off; cause: same-size-copied: x");
    r[1].cause = strdup("scale-recomputed");
    r[2].cause = strdup("scale-recomputed");
    ic_cause_resolve(r, 3);
    ck_assert_str_eq(r[0].cause, "scale-recomputed");
    ck_assert_ptr_nonnull(strstr(r[0].message, "1 of 2 elements off; cause: scale-recomputed: "));
    ck_assert_ptr_nonnull(strstr(r[0].message, "also consistent with: same-size-copied"));
    free(r[0].cause);
    free(r[0].cause_candidates);
    free(r[0].message);
    free(r[1].cause);
    free(r[2].cause);
}
END_TEST

/* The causes table counts FAIL and ERROR only, most frequent first, with an example id. */
START_TEST(cause_counts_are_sorted_with_an_example)
{
    ic_case_result r[4];
    ic_cause_count *cc;
    size_t n;

    memset(r, 0, sizeof r);
    r[0].id = "a";
    r[0].verdict = IC_VERDICT_FAIL;
    r[0].cause = "shift";
    r[1].id = "b";
    r[1].verdict = IC_VERDICT_ERROR;
    r[1].cause = NULL; /* counts as unexplained */
    r[2].id = "c";
    r[2].verdict = IC_VERDICT_FAIL;
    r[2].cause = "unexplained";
    r[3].id = "d";
    r[3].verdict = IC_VERDICT_PASS;
    cc = ic_cause_counts(r, 4, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(cc[0].cause, "unexplained");
    ck_assert_uint_eq(cc[0].cases, 2);
    ck_assert_str_eq(cc[0].example, "b");
    ck_assert_str_eq(cc[1].cause, "shift");
    free(cc);
}
END_TEST

/* A port answering NaN everywhere (tests/fault_port.c, IC_FAULT=nan) on nearest [1, 2] -> 4
   (want 1, 1, 2, 2): FAIL with 4 NaN mismatches, no finite error to report (null, not 0),
   and the cause is NaN/inf propagation. */
START_TEST(an_all_nan_output_counts_nan_mismatches_instead_of_error_zero)
{
    static const float want[4] = {1.0f, 1.0f, 2.0f, 2.0f};
    const char *port_path = getenv("IC_FAULT_PORT");
    char *dir = fx_dir_new(), *one, *text, msg[400];
    ic_loaded_port lp;
    ic_manifest m;
    ic_run_opts o;
    ic_case_result *res;
    size_t *sel, nsel;

    ck_assert_msg(port_path != NULL, "set IC_FAULT_PORT to build/harness/tests/fault_port.so");
    one = fx_nearest_case(dir, "nearest_2_to_4", 2, 4, want, "");
    text = fx_wrap(one);
    fx_manifest(dir, text);
    setenv("IC_FAULT", "nan", 1);
    ck_assert_msg(ic_port_load(port_path, &lp, msg, sizeof msg) == 0, "%s", msg);
    ck_assert_msg(ic_manifest_load(dir, &m, msg, sizeof msg) == 0, "%s", msg);
    ck_assert_uint_eq(ic_manifest_load_blobs(&m, NULL), 0);
    memset(&o, 0, sizeof o);
    o.jobs = 1;
    o.timeout = 5;
    o.quiet = 1;
    o.out = stdout;
    sel = ic_run_select(&m, &o.filter, &nsel);
    ck_assert_uint_eq(nsel, 1);
    res = ic_run_cases(&o, &lp, &m, sel, nsel);
    ck_assert_ptr_nonnull(res);
    ck_assert_int_eq(res[0].verdict, IC_VERDICT_FAIL);
    ck_assert_int_eq(res[0].nan_mismatches, 4);
    ck_assert_int_eq(res[0].inf_mismatches, 0);
    ck_assert_msg(res[0].max_abs_err != res[0].max_abs_err, "max_abs_err %g, want NaN (null)",
                  res[0].max_abs_err);
    ck_assert_str_eq(res[0].cause, "nan-inf");
    unsetenv("IC_FAULT");
    ic_results_free(res, nsel);
    free(sel);
    ic_manifest_free(&m);
    ic_port_unload(&lp);
    free(one);
    free(text);
    fx_dir_remove(dir);
    free(dir);
}
END_TEST

/** The cause suite. */
Suite *cause_suite(void)
{
    Suite *s = suite_create("cause");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, align_corners_taken_as_true_is_named);
    tcase_add_test(tc, half_pixel_centres_dropped_is_named);
    tcase_add_test(tc, a_port_ignoring_the_scale_factor_is_named);
    tcase_add_test(tc, an_arbitrary_difference_stays_unexplained);
    tcase_add_test(tc, without_whatifs_the_scale_port_is_not_named);
    tcase_add_test(tc, a_rounded_output_size_is_named);
    tcase_add_test(tc, ambiguous_cases_take_the_runs_majority_cause);
    tcase_add_test(tc, cause_counts_are_sorted_with_an_example);
    tcase_add_test(tc, an_all_nan_output_counts_nan_mismatches_instead_of_error_zero);
    suite_add_tcase(s, tc);
    return s;
}
