/* test_profile.c - tolerance profiles (--atol/--rtol) and the default vector lookup. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "locate.h"
#include "manifest.h"
#include "results.h"
#include "sandbox.h"
#include "score.h"

Suite *profile_suite(void);

/* linear 1-D, [1,1,4] = 0 1 2 3 upsampled to 8 (align_corners=False): by hand,
   r(o) = 0.5*(o+0.5)-0.5 clamped at 0, so 0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3. */
static const float in_data[4] = {0, 1, 2, 3};
static const float want_data[8] = {0, 0.25f, 0.75f, 1.25f, 1.75f, 2.25f, 2.75f, 3};

static void linear_case(ic_case *c)
{
    memset(c, 0, sizeof *c);
    c->id = "linear_by_hand";
    c->mode = "linear";
    c->args.mode = "linear";
    c->args.align_corners = 0;
    c->args.size_len = 1;
    c->args.size[0] = 8;
    c->args.scale_len = IC_NONE;
    c->args.recompute_scale_factor = IC_NONE;
    c->tol_float = 1;
    c->has_expected = 1;
    c->input.dtype = c->expected.dtype = IC_DTYPE_FLOAT32;
    c->input.ndim = c->expected.ndim = 3;
    c->input.shape[0] = c->input.shape[1] = 1;
    c->expected.shape[0] = c->expected.shape[1] = 1;
    c->input.shape[2] = 4;
    c->expected.shape[2] = 8;
    c->input.strides[0] = c->input.strides[1] = 4;
    c->input.strides[2] = 1;
    c->input.numel = 4;
    c->expected.numel = 8;
    c->input.nbytes = sizeof in_data;
    c->expected.nbytes = sizeof want_data;
    c->input.data = in_data;
    c->expected.data = want_data;
}

/* Scores `got` for the case, under a profile when atol or rtol is >= 0. */
static void score(const float *got, double atol, double rtol, ic_case_result *r)
{
    ic_case c;
    ic_bufs b;
    ic_outcome o;

    linear_case(&c);
    if (atol >= 0 || rtol >= 0) {
        c.has_profile = 1;
        c.prof_atol = atol > 0 ? atol : 0;
        c.prof_rtol = rtol > 0 ? rtol : 0;
    }
    memset(&b, 0, sizeof b);
    memset(&o, 0, sizeof o);
    memset(r, 0, sizeof *r);
    b.in = (unsigned char *)(uintptr_t)in_data;
    b.in_len = sizeof in_data;
    b.out = (unsigned char *)(uintptr_t)got;
    b.out_len = sizeof want_data;
    o.have_shape = o.have_done = 1;
    o.ndim = 3;
    memcpy(o.shape, c.expected.shape, sizeof o.shape);
    ic_score_case(&c, &b, &o, 0, r);
}

static void clear(ic_case_result *r)
{
    free(r->kind);
    free(r->message);
    free(r->heat);
}

START_TEST(a_profile_passes_what_the_evidence_bound_fails_and_says_so)
{
    float got[8];
    ic_case_result r;

    memcpy(got, want_data, sizeof got);
    got[3] += 1e-4f; /* far outside the bound (about 1e-5 for unit data), inside atol 1e-3 */
    score(got, -1, -1, &r);
    ck_assert_int_eq(r.verdict, IC_VERDICT_FAIL);
    ck_assert(r.bound_ratio > 1.0);
    clear(&r);
    score(got, 1e-3, -1, &r);
    ck_assert_int_eq(r.verdict, IC_VERDICT_PASS);
    ck_assert_int_eq(r.profile_pass, 1);
    ck_assert_int_eq(r.exact, 0);
    /* the distance to the evidence bound is still reported: 1e-4 over a bound < 1e-5 */
    ck_assert_msg(r.bound_ratio > 10.0, "bound_ratio %g", r.bound_ratio);
    ck_assert(fabs(r.max_abs_err - 1e-4) < 1e-6);
    clear(&r);
    /* rtol scales with |torch| = 1.25: 1e-4 <= 1e-4 * 1.25 passes, 5e-5 * 1.25 does not */
    score(got, -1, 1e-4, &r);
    ck_assert_int_eq(r.verdict, IC_VERDICT_PASS);
    clear(&r);
    score(got, -1, 5e-5, &r);
    ck_assert_int_eq(r.verdict, IC_VERDICT_FAIL);
    clear(&r);
    score(got, 1e-6, -1, &r);
    ck_assert_int_eq(r.verdict, IC_VERDICT_FAIL);
    clear(&r);
}
END_TEST

START_TEST(a_case_within_the_evidence_bound_is_not_a_profile_pass)
{
    ic_case_result r;
    float got[8];

    memcpy(got, want_data, sizeof got);
    score(got, 1e-3, 0, &r);
    ck_assert_int_eq(r.verdict, IC_VERDICT_PASS);
    ck_assert_int_eq(r.exact, 1);
    ck_assert_int_eq(r.profile_pass, 0);
    clear(&r);
    got[5] = nextafterf(got[5], 10.0f); /* one ulp: inside the bound */
    score(got, 1e-3, 0, &r);
    ck_assert_int_eq(r.verdict, IC_VERDICT_PASS);
    ck_assert_int_eq(r.profile_pass, 0);
    ck_assert(r.bound_ratio < 1.0);
    clear(&r);
}
END_TEST

START_TEST(a_profile_run_is_never_conformant)
{
    ic_summary s;
    ic_run_info info;

    memset(&s, 0, sizeof s);
    memset(&info, 0, sizeof info);
    s.total = s.pass = 5;
    ck_assert(ic_summary_conformant(&s, &info));
    info.profile = 1;
    ck_assert(!ic_summary_conformant(&s, &info));
}
END_TEST

START_TEST(default_vectors_env_then_beside_the_binary_then_cwd)
{
    char buf[4096], dir[] = "/tmp/ic_locate_XXXXXX", path[4200], old_cwd[4096];
    FILE *f;

    ck_assert_ptr_nonnull(getcwd(old_cwd, sizeof old_cwd));
    setenv("INTERPCHECK_VECTORS", "/some/where", 1);
    ck_assert_int_eq(ic_locate_vectors("x", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "/some/where");
    unsetenv("INTERPCHECK_VECTORS");
    /* A fake installed tree: DIR/bin (the binary's dir comes from argv0 when /proc/self/exe
       names another program: the test binary is not in DIR/bin, so only cwd can match). */
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(chdir(dir), 0);
    ck_assert_int_eq(ic_locate_vectors("/nowhere/bin/interpcheck", buf, sizeof buf), -1);
    ck_assert_msg(strstr(buf, "give --vectors DIR") != NULL, "%s", buf);
    ck_assert_int_eq(mkdir("vectors", 0700), 0);
    f = fopen("vectors/manifest.json", "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    ck_assert_int_eq(ic_locate_vectors("x", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "vectors");
    unlink("vectors/manifest.json");
    rmdir("vectors");
    ck_assert_int_eq(chdir(old_cwd), 0);
    rmdir(dir);
    (void)path;
}
END_TEST

/** The profile suite. */
Suite *profile_suite(void)
{
    Suite *s = suite_create("profile");
    TCase *tc = tcase_create("profile");

    tcase_add_test(tc, a_profile_passes_what_the_evidence_bound_fails_and_says_so);
    tcase_add_test(tc, a_case_within_the_evidence_bound_is_not_a_profile_pass);
    tcase_add_test(tc, a_profile_run_is_never_conformant);
    tcase_add_test(tc, default_vectors_env_then_beside_the_binary_then_cwd);
    suite_add_tcase(s, tc);
    return s;
}
