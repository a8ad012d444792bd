/* test_oracles.c - two torch versions in one vector set: oracle selection, the version
 * fingerprint, and the 16-bit float dtypes torch 2.14 accepts. Expected values are hand-made. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagnose.h"
#include "fixtures.h"
#include "manifest.h"
#include "results.h"
#include "sandbox.h"
#include "score.h"

Suite *oracles_suite(void);

/* A version 2 manifest: one 1-D nearest call [1,2] -> 4 whose outcome is out214 under torch
   2.14 and `old` (an outcome object's JSON) under 1.13. */
static char *v2_manifest(const char *dir, const float *out214, const char *old)
{
    static const float in[2] = {1.0f, 2.0f};
    char sin[65], sout[65];
    char *text = malloc(4096);

    fx_blob(dir, in, sizeof in, sin);
    fx_blob(dir, out214, 4 * sizeof(float), sout);
    snprintf(text, 4096,
             "{\"format\": \"interpcheck-vectors\", \"format_version\": 2,"
             " \"default_oracle\": \"2.14\","
             " \"oracles\": [{\"name\": \"2.14\", \"torch_version\": \"2.14.1\"},"
             "               {\"name\": \"1.13\", \"torch_version\": \"1.13.0a0\"}],"
             " \"cases\": [{\"id\": \"nearest_n1c1_2_to_4\", \"tags\": [\"mode:nearest\"],"
             " \"call\": {\"mode\": \"nearest\", \"size\": [4], \"scale_factor\": null,"
             " \"align_corners\": null, \"recompute_scale_factor\": null,"
             " \"antialias\": false, \"size_is_float\": false},"
             " \"input\": {\"dtype\": \"float32\", \"shape\": [1, 1, 2], \"strides\": [2, 2, 1],"
             " \"layout\": \"contiguous\", \"blob\": \"%s\", \"nbytes\": 8},"
             " \"tolerance\": \"exact\","
             " \"outcomes\": {\"2.14\": {\"expected\": {\"dtype\": \"float32\","
             " \"shape\": [1, 1, 4], \"blob\": \"%s\", \"nbytes\": 16}, \"error\": null},"
             " \"1.13\": %s}}]}",
             sin, sout, old);
    return text;
}

START_TEST(the_default_oracle_is_selected_and_the_other_kept)
{
    static const float out214[4] = {1, 1, 2, 2};
    char *dir = fx_dir_new();
    char *text = v2_manifest(dir, out214,
                             "{\"error\": {\"class\": \"RuntimeError\", \"category\": "
                             "\"runtime\", \"message\": \"no\"}}");
    ic_manifest m;
    ic_case alt;
    char msg[300];

    ck_assert_int_eq(ic_manifest_parse(dir, text, strlen(text), &m, msg, sizeof msg), 0);
    ck_assert_uint_eq(m.noracles, 2);
    ck_assert_str_eq(m.oracles[m.oracle].name, "2.14");
    ck_assert_ptr_null(m.cases[0].bad);
    ck_assert_int_eq(m.cases[0].has_expected, 1);
    ck_assert_int_eq(m.cases[0].error_cat, 0);
    ck_assert_int_eq(m.cases[0].others[1].error_cat, IC_ERR_RUNTIME);
    ck_assert_int_eq(ic_case_for_oracle(&m.cases[0], 1, &alt), 0);
    ck_assert_int_eq(alt.error_cat, IC_ERR_RUNTIME);
    ck_assert_int_eq(alt.has_expected, 0);
    ic_manifest_free(&m);

    /* --torch 1.13: the refusal is the verdict's outcome, the output the other one. */
    ck_assert_int_eq(
        ic_manifest_parse_oracle(dir, "1.13", text, strlen(text), &m, msg, sizeof msg), 0);
    ck_assert_str_eq(m.oracles[m.oracle].name, "1.13");
    ck_assert_int_eq(m.cases[0].error_cat, IC_ERR_RUNTIME);
    ck_assert_int_eq(m.cases[0].others[0].has_expected, 1);
    ic_manifest_free(&m);

    /* An oracle the vectors do not have: status -2 and the list of those they have. */
    ck_assert_int_eq(ic_manifest_parse_oracle(dir, "3.0", text, strlen(text), &m, msg, sizeof msg),
                     -2);
    ck_assert_ptr_nonnull(strstr(msg, "2.14, 1.13"));
    free(text);
    fx_dir_remove(dir);
    free(dir);
}
END_TEST

START_TEST(a_missing_outcome_is_a_bad_vector_naming_the_oracle)
{
    static const float out214[4] = {1, 1, 2, 2};
    char *dir = fx_dir_new();
    char *text = v2_manifest(dir, out214, "null");
    ic_manifest m;
    char msg[300];

    ck_assert_int_eq(ic_manifest_parse(dir, text, strlen(text), &m, msg, sizeof msg), 0);
    ck_assert_ptr_nonnull(m.cases[0].bad);
    ck_assert_ptr_nonnull(strstr(m.cases[0].bad, "outcomes.1.13"));
    ic_manifest_free(&m);
    free(text);
    fx_dir_remove(dir);
    free(dir);
}
END_TEST

/* Scores `got` for the two-oracle case (2.14 [1,1,2,2], 1.13 [1,2,2,2] here, hand-made). */
static uint32_t match_mask(const float *got, const char *torch, int32_t *verdict)
{
    static const float out214[4] = {1, 1, 2, 2};
    static const float out113[4] = {1, 2, 2, 2};
    char *dir = fx_dir_new();
    char s113[65], old[400], msg[300];
    char *text;
    ic_manifest m;
    ic_bufs b;
    ic_outcome o;
    ic_case_result r;
    uint32_t mask;

    fx_blob(dir, out113, sizeof out113, s113);
    snprintf(old, sizeof old,
             "{\"expected\": {\"dtype\": \"float32\", \"shape\": [1, 1, 4], \"blob\": \"%s\","
             " \"nbytes\": 16}, \"error\": null}",
             s113);
    text = v2_manifest(dir, out214, old);
    ck_assert_int_eq(ic_manifest_parse_oracle(dir, torch, text, strlen(text), &m, msg, sizeof msg),
                     0);
    ck_assert_uint_eq(ic_manifest_load_blobs(&m, NULL), 0);
    memset(&b, 0, sizeof b);
    memset(&o, 0, sizeof o);
    memset(&r, 0, sizeof r);
    b.in = (unsigned char *)(uintptr_t)m.cases[0].input.data;
    b.in_len = 8;
    b.out = (unsigned char *)(uintptr_t)got;
    b.out_len = 16;
    o.have_shape = o.have_done = 1;
    o.ndim = 3;
    o.shape[0] = o.shape[1] = 1;
    o.shape[2] = 4;
    ic_score_case(&m.cases[0], &b, &o, 0, &r);
    mask = r.oracle_pass;
    *verdict = r.verdict;
    ck_assert_uint_eq(r.oracle_exact, r.oracle_pass); /* nearest: exact or nothing */
    free(r.kind);
    free(r.message);
    free(r.heat);
    free(r.cause); /* the diagnosis (cause.h) */
    free(r.cause_candidates);
    ic_manifest_free(&m);
    free(text);
    fx_dir_remove(dir);
    free(dir);
    return mask;
}

START_TEST(scoring_records_which_versions_an_output_matches)
{
    static const float like214[4] = {1, 1, 2, 2}, like113[4] = {1, 2, 2, 2};
    static const float neither[4] = {2, 2, 2, 2};
    int32_t v;

    /* bit 0 = torch 2.14 (first oracle), bit 1 = torch 1.13 */
    ck_assert_uint_eq(match_mask(like214, NULL, &v), 1u);
    ck_assert_int_eq(v, IC_VERDICT_PASS);
    ck_assert_uint_eq(match_mask(like113, NULL, &v), 2u);
    ck_assert_int_eq(v, IC_VERDICT_FAIL);
    ck_assert_uint_eq(match_mask(like113, "1.13", &v), 2u);
    ck_assert_int_eq(v, IC_VERDICT_PASS);
    ck_assert_uint_eq(match_mask(neither, "1.13", &v), 0u);
}
END_TEST

START_TEST(the_fingerprint_line_counts_hand_made_results)
{
    ic_case_result r[7];
    ic_run_info info;
    ic_fingerprint fp;
    char line[300];
    static const uint32_t masks[7] = {3, 1, 1, 2, 0, 3, 0};
    /* the SKIP never counts, nor an ERROR that no oracle matches */
    static const int32_t verdicts[7] = {IC_VERDICT_PASS,  IC_VERDICT_PASS, IC_VERDICT_PASS,
                                        IC_VERDICT_ERROR, IC_VERDICT_FAIL, IC_VERDICT_SKIP,
                                        IC_VERDICT_ERROR};
    size_t i;

    memset(r, 0, sizeof r);
    memset(&info, 0, sizeof info);
    for (i = 0; i < 7; i++) {
        r[i].oracle_pass = masks[i];
        r[i].verdict = verdicts[i];
    }
    info.noracles = 2;
    info.oracles[0] = "2.14";
    info.oracles[1] = "1.13";
    ic_fingerprint_count(&info, r, 7, &fp);
    ck_assert_uint_eq(fp.scored, 5);
    ck_assert_uint_eq(fp.match[0], 3);
    ck_assert_uint_eq(fp.match[1], 2);
    ck_assert_uint_eq(fp.all, 1);
    ck_assert_uint_eq(fp.none, 1);
    ck_assert_int_eq(fp.follows, 0);
    ic_fingerprint_line(&info, &fp, line, sizeof line);
    ck_assert_str_eq(line, "fingerprint: torch 2.14 3, torch 1.13 2, both 1, neither 1: "
                           "follows torch 2.14 (2 cases match it alone)");
    /* One case alone for each version: mixed. */
    r[2].oracle_pass = 0;
    ic_fingerprint_count(&info, r, 7, &fp);
    ck_assert_int_eq(fp.follows, -2);
    /* One oracle: no line. */
    info.noracles = 1;
    ic_fingerprint_line(&info, &fp, line, sizeof line);
    ck_assert_str_eq(line, "");
}
END_TEST

START_TEST(half_and_bfloat16_decode_exactly)
{
    static const uint16_t h[6] = {0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x3555};
    static const uint16_t bf[3] = {0x3f80, 0xc0a0, 0x0001};

    ck_assert(ic_elem(h, IC_DTYPE_FLOAT16, 0) == 1.0);
    ck_assert(ic_elem(h, IC_DTYPE_FLOAT16, 1) == -2.0);
    ck_assert(ic_elem(h, IC_DTYPE_FLOAT16, 2) == 65504.0);
    ck_assert(ic_elem(h, IC_DTYPE_FLOAT16, 3) == ldexp(1.0, -24));
    ck_assert(isinf(ic_elem(h, IC_DTYPE_FLOAT16, 4)));
    ck_assert(ic_elem(h, IC_DTYPE_FLOAT16, 5) == 1365.0 / 4096.0); /* 0x155 = 341: 1.333 * 2^-2 */
    ck_assert(ic_elem(bf, IC_DTYPE_BFLOAT16, 0) == 1.0);
    ck_assert(ic_elem(bf, IC_DTYPE_BFLOAT16, 1) == -5.0);
    ck_assert(ic_elem(bf, IC_DTYPE_BFLOAT16, 2) == ldexp(1.0, -133));
    /* One half ulp at 1.0 is 2^-10 apart. */
    ck_assert(ic_ulp_distance(1.0, 1.0 + ldexp(1.0, -10), IC_DTYPE_FLOAT16) == 1.0);
    ck_assert(ic_ulp_distance(1.0, 1.0 + ldexp(1.0, -7), IC_DTYPE_BFLOAT16) == 1.0);
}
END_TEST

/** Oracle selection and the version fingerprint. */
Suite *oracles_suite(void)
{
    Suite *s = suite_create("oracles");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, the_default_oracle_is_selected_and_the_other_kept);
    tcase_add_test(tc, a_missing_outcome_is_a_bad_vector_naming_the_oracle);
    tcase_add_test(tc, scoring_records_which_versions_an_output_matches);
    tcase_add_test(tc, the_fingerprint_line_counts_hand_made_results);
    tcase_add_test(tc, half_and_bfloat16_decode_exactly);
    suite_add_tcase(s, tc);
    return s;
}
