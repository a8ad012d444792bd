/* test_expect.c - expectations files: the format, first-match XFAIL/XPASS, --write-expect,
 * and the JSON/JUnit/HTML reports carrying XFAIL and XPASS. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "expect.h"
#include "report.h"
#include "results.h"

Suite *expect_suite(void);

/* A result with an id, verdict, kind and tags; strings are heap copies. */
static void mk(ic_case_result *r, const char *id, int32_t verdict, const char *kind,
               const char *tag1, const char *tag2)
{
    memset(r, 0, sizeof *r);
    r->id = ic_strdup(id);
    r->verdict = verdict;
    r->kind = kind ? ic_strdup(kind) : NULL;
    r->message = kind ? ic_strdup("3 of 4 elements off") : NULL;
    r->tags = calloc(2, sizeof *r->tags);
    r->tags[0] = ic_strdup(tag1);
    r->tags[1] = ic_strdup(tag2);
    r->ntags = 2;
    r->max_abs_err = r->max_rel_err = r->max_ulp = r->bound = NAN;
    r->f64_max_abs_err = r->torch_f64_max_abs_err = r->bound_ratio = NAN;
}

static const char rules_text[] = "# known differences of a port\n"
                                 "\n"
                                 "bicubic_ac0_a   FAIL:values   our cubic uses a = -0.5 (PIL)\n"
                                 "  mode:area     FAIL|ERROR:crash   area not ported yet \n"
                                 "nearest_*       ERROR         # a '#' inside a reason is text\n"
                                 "dims:3          FAIL:sha*     3-D shapes\n";

START_TEST(the_format_parses_into_rules_with_reasons)
{
    ic_expectations e;
    char msg[256];

    ck_assert_int_eq(ic_expect_parse("k.txt", rules_text, &e, msg, sizeof msg), 0);
    ck_assert_uint_eq(e.nrules, 4);
    ck_assert_str_eq(e.rules[0].pattern, "bicubic_ac0_a");
    ck_assert_int_eq(e.rules[0].alts[0].verdict, IC_VERDICT_FAIL);
    ck_assert_str_eq(e.rules[0].alts[0].kind, "values");
    ck_assert_str_eq(e.rules[0].reason, "our cubic uses a = -0.5 (PIL)");
    ck_assert_int_eq(e.rules[0].line, 3);
    ck_assert_uint_eq(e.rules[1].nalts, 2);
    ck_assert_ptr_null(e.rules[1].alts[0].kind);
    ck_assert_int_eq(e.rules[1].alts[1].verdict, IC_VERDICT_ERROR);
    ck_assert_str_eq(e.rules[1].alts[1].kind, "crash");
    ck_assert_str_eq(e.rules[1].reason, "area not ported yet");
    ck_assert_str_eq(e.rules[2].reason, "# a '#' inside a reason is text");
    ic_expect_free(&e);
}
END_TEST

/* Each malformed line is refused with its line number and what is wrong. */
static const struct {
    const char *text, *want;
} bad_rows[] = {
    {"a FAIL\n", "k.txt:1: 'a' has no reason"},
    {"\n\nonly_a_pattern\n", "k.txt:3: 'only_a_pattern' needs an expected verdict"},
    {"a PASS it passes\n", "k.txt:1: expected verdict 'PASS' is not FAIL or ERROR"},
    {"a SKIP unsupported\n", "k.txt:1: expected verdict 'SKIP' is not FAIL or ERROR"},
    {"a FAIL: reason\n", "k.txt:1: empty kind after 'FAIL:'"},
    {"a FAIL||ERROR why\n", "k.txt:1: expected verdict '' is not FAIL or ERROR"},
    {"a fail lower case\n", "k.txt:1: expected verdict 'fail' is not FAIL or ERROR"},
};

START_TEST(a_malformed_line_is_refused_with_its_number)
{
    ic_expectations e;
    char msg[256] = "";

    ck_assert_int_eq(ic_expect_parse("k.txt", bad_rows[_i].text, &e, msg, sizeof msg), -1);
    ck_assert_msg(strncmp(msg, bad_rows[_i].want, strlen(bad_rows[_i].want)) == 0,
                  "row %d: got '%s'", _i, msg);
    ck_assert_uint_eq(e.nrules, 0);
}
END_TEST

START_TEST(first_matching_rule_decides_xfail_xpass_or_nothing)
{
    ic_expectations e;
    ic_case_result r[7];
    char msg[256];
    size_t i;

    ck_assert_int_eq(ic_expect_parse("k.txt", rules_text, &e, msg, sizeof msg), 0);
    mk(&r[0], "bicubic_ac0_a", IC_VERDICT_FAIL, "values", "mode:bicubic", "dims:2");
    mk(&r[1], "bicubic_ac0_a_not_exact_id", IC_VERDICT_FAIL, "values", "mode:bicubic", "dims:2");
    mk(&r[2], "area_x", IC_VERDICT_ERROR, "crash", "mode:area", "dims:3");
    mk(&r[3], "area_y", IC_VERDICT_ERROR, "timeout", "mode:area", "dims:2");
    mk(&r[4], "area_z", IC_VERDICT_PASS, NULL, "mode:area", "dims:2");
    mk(&r[5], "nearest_q", IC_VERDICT_SKIP, "unsupported", "mode:nearest", "dims:1");
    mk(&r[6], "linear_3d", IC_VERDICT_FAIL, "shape", "mode:trilinear", "dims:3");
    for (i = 0; i < 7; i++) {
        ic_expect_apply(&e, &r[i]);
    }
    ck_assert_int_eq(r[0].expect, IC_EXPECT_XFAIL);
    ck_assert_str_eq(r[0].expect_reason, "our cubic uses a = -0.5 (PIL)");
    ck_assert_str_eq(ic_outcome_name(&r[0]), "XFAIL");
    ck_assert_int_eq(r[1].expect, IC_EXPECT_NONE); /* an id without glob is exact */
    ck_assert_ptr_null(r[1].expect_reason);
    ck_assert_str_eq(ic_outcome_name(&r[1]), "FAIL");
    ck_assert_int_eq(r[2].expect, IC_EXPECT_XFAIL); /* ERROR:crash, the second alternative */
    ck_assert_int_eq(r[3].expect, IC_EXPECT_NONE);  /* ERROR:timeout is another failure */
    ck_assert_int_eq(r[4].expect, IC_EXPECT_XPASS);
    ck_assert_str_eq(ic_outcome_name(&r[4]), "XPASS");
    ck_assert_int_eq(r[5].expect, IC_EXPECT_NONE);  /* a SKIP is neither */
    ck_assert_int_eq(r[6].expect, IC_EXPECT_XFAIL); /* FAIL:sha* globs the kind */
    ck_assert_uint_eq(e.rules[0].hits, 1);
    ck_assert_uint_eq(e.rules[1].hits, 3); /* area_x, area_y, area_z: first match wins */
    ck_assert_uint_eq(e.rules[2].hits, 1);
    ck_assert_uint_eq(e.rules[3].hits, 1); /* area_x has dims:3 but rule 2 came first */
    {
        ic_summary s;
        ic_summarize(r, 7, &s);
        ck_assert_uint_eq(s.xfail, 3);
        ck_assert_uint_eq(s.xpass, 1);
        /* FAIL r1, ERROR r3 unexpected; the XPASS only under --expect-strict */
        ck_assert_uint_eq(ic_summary_unexpected(&s, 0), 2);
        ck_assert_uint_eq(ic_summary_unexpected(&s, 1), 3);
        ck_assert(!ic_summary_conformant(&s, NULL));
    }
    ic_results_free(NULL, 0);
    for (i = 0; i < 7; i++) {
        ic_case_result *one = malloc(sizeof *one);
        *one = r[i];
        ic_results_free(one, 1);
    }
    ic_expect_free(&e);
}
END_TEST

START_TEST(write_expect_round_trips_into_xfail_for_the_same_run)
{
    char path[] = "/tmp/ic_expect_XXXXXX", msg[256];
    int fd = mkstemp(path);
    ic_case_result r[3];
    ic_run_info info;
    ic_expectations e;
    size_t i;

    ck_assert_int_ne(fd, -1);
    close(fd);
    memset(&info, 0, sizeof info);
    info.port_name = "myport";
    mk(&r[0], "a_case", IC_VERDICT_FAIL, "values", "mode:linear", "dims:1");
    mk(&r[1], "b_case", IC_VERDICT_PASS, NULL, "mode:linear", "dims:1");
    mk(&r[2], "c_case", IC_VERDICT_ERROR, "crash", "mode:linear", "dims:1");
    free(r[2].message);
    r[2].message = ic_strdup("SIGSEGV at 0x10\n(two lines)");
    r[0].cause = ic_strdup("scale"); /* the diagnosis's cause leads the recorded reason */
    ck_assert_int_eq(ic_expect_write(path, &info, r, 3, msg, sizeof msg), 0);
    ck_assert_int_eq(ic_expect_load(path, &e, msg, sizeof msg), 0);
    ck_assert_uint_eq(e.nrules, 2);
    ck_assert_str_eq(e.rules[0].pattern, "a_case");
    ck_assert_str_eq(e.rules[0].alts[0].kind, "values");
    ck_assert_str_eq(e.rules[0].reason, ic_expect_reason_of(&r[0]));
    ck_assert_int_eq(strncmp(e.rules[0].reason, "scale: ", 7), 0);
    ck_assert_str_eq(e.rules[1].reason, "SIGSEGV at 0x10 (two lines)");
    for (i = 0; i < 3; i++) {
        ic_expect_apply(&e, &r[i]);
    }
    ck_assert_int_eq(r[0].expect, IC_EXPECT_XFAIL);
    ck_assert_int_eq(r[1].expect, IC_EXPECT_NONE);
    ck_assert_int_eq(r[2].expect, IC_EXPECT_XFAIL);
    ic_expect_free(&e);
    ck_assert_int_eq(ic_expect_load("/nonexistent/k.txt", &e, msg, sizeof msg), -1);
    ck_assert_msg(strstr(msg, "/nonexistent/k.txt: cannot open") != NULL, "%s", msg);
    unlink(path);
    for (i = 0; i < 3; i++) {
        ic_case_result *one = malloc(sizeof *one);
        *one = r[i];
        ic_results_free(one, 1);
    }
}
END_TEST

START_TEST(rules_that_decided_nothing_are_noted_once_each)
{
    ic_expectations e;
    ic_case_result r;
    char msg[256], *out = NULL;
    size_t len = 0;
    FILE *f;

    ck_assert_int_eq(
        ic_expect_parse("k.txt", "used FAIL a\nstale_one ERROR b\n", &e, msg, sizeof msg), 0);
    mk(&r, "used", IC_VERDICT_FAIL, "values", "mode:linear", "dims:1");
    ic_expect_apply(&e, &r);
    f = open_memstream(&out, &len);
    ic_expect_report_stale(f, &e, 0);
    ic_expect_report_stale(f, &e, 1);
    fclose(f);
    ck_assert_str_eq(out, "note: k.txt:2: 'stale_one' matched no case of this run\n"
                          "note: k.txt: 1 rules matched no case of this filtered run\n");
    free(out);
    ic_expect_free(&e);
    {
        ic_case_result *one = malloc(sizeof *one);
        *one = r;
        ic_results_free(one, 1);
    }
}
END_TEST

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = calloc(1, 1 << 20);

    ck_assert_ptr_nonnull(f);
    ck_assert_uint_gt(fread(buf, 1, (1 << 20) - 1, f), 0);
    fclose(f);
    return buf;
}

START_TEST(reports_carry_xfail_xpass_and_the_profile_label)
{
    char dir[] = "/tmp/ic_expect_rep_XXXXXX", json[128], xml[128], html[128], msg[256];
    ic_case_result r[2], *back;
    ic_run_info info, rinfo;
    size_t n, i;
    char *text;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(json, sizeof json, "%s/r.json", dir);
    snprintf(xml, sizeof xml, "%s/r.xml", dir);
    snprintf(html, sizeof html, "%s/r.html", dir);
    memset(&info, 0, sizeof info);
    info.port_name = "myport";
    info.expect_file = "known.txt";
    info.profile = 1;
    info.atol = 1e-3;
    info.rtol = 0.0;
    mk(&r[0], "a_case", IC_VERDICT_FAIL, "values", "mode:linear", "dims:1");
    r[0].expect = IC_EXPECT_XFAIL;
    r[0].expect_reason = ic_strdup("known: float accumulation");
    mk(&r[1], "b_case", IC_VERDICT_PASS, NULL, "mode:linear", "dims:1");
    r[1].expect = IC_EXPECT_XPASS;
    r[1].expect_reason = ic_strdup("was broken");
    r[1].profile_pass = 1;
    r[1].bound_ratio = 2.5;
    ck_assert_int_eq(ic_report_json_write(json, &info, r, 2, msg, sizeof msg), 0);
    ck_assert_int_eq(ic_report_json_read(json, &rinfo, &back, &n, msg, sizeof msg), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(back[0].expect, IC_EXPECT_XFAIL);
    ck_assert_str_eq(back[0].expect_reason, "known: float accumulation");
    ck_assert_int_eq(back[1].expect, IC_EXPECT_XPASS);
    ck_assert_int_eq(back[1].profile_pass, 1);
    ck_assert(back[1].bound_ratio == 2.5);
    ck_assert(isnan(back[0].bound_ratio));
    ck_assert_str_eq(rinfo.expect_file, "known.txt");
    ck_assert_int_eq(rinfo.profile, 1);
    ck_assert(rinfo.atol == 1e-3);
    text = slurp(json);
    ck_assert_ptr_nonnull(strstr(text, "\"conformant\":\tfalse"));
    ck_assert_ptr_nonnull(strstr(text, "\"xfail\":\t1"));
    free(text);
    ck_assert_int_eq(ic_report_junit_write(xml, &info, r, 2, msg, sizeof msg), 0);
    text = slurp(xml);
    ck_assert_ptr_nonnull(strstr(text, "<skipped message=\"XFAIL (expected FAIL): known: "
                                       "float accumulation\"/>"));
    ck_assert_ptr_nonnull(strstr(text, "type=\"xpass\""));
    ck_assert_ptr_nonnull(strstr(text, "failures=\"1\" errors=\"0\" skipped=\"1\""));
    ck_assert_ptr_nonnull(strstr(text, "NON-CONFORMANT"));
    free(text);
    ck_assert_int_eq(ic_report_html_write(html, &info, r, 2, msg, sizeof msg), 0);
    text = slurp(html);
    ck_assert_ptr_nonnull(strstr(text, "NON-CONFORMANT RUN"));
    ck_assert_ptr_nonnull(strstr(text, "Expected failures (XFAIL, 1)"));
    ck_assert_ptr_nonnull(strstr(text, "class=\"v XPASS\""));
    free(text);
    /* A report that claims XFAIL on a PASS is refused. */
    {
        FILE *f = fopen(json, "w");
        fputs("{\"format\":\"interpcheck-report\",\"report_version\":1,\"run\":{},"
              "\"summary\":{\"total\":1,\"pass\":1,\"exact\":0,\"fail\":0,\"error\":0,"
              "\"skip\":0},\"cases\":[{\"id\":\"x\",\"verdict\":\"PASS\",\"tags\":[],"
              "\"expect\":\"XFAIL\"}]}",
              f);
        fclose(f);
        ic_case_result *none = NULL;
        size_t nnone = 0;
        ck_assert_int_eq(ic_report_json_read(json, &info, &none, &nnone, msg, sizeof msg), -1);
        ck_assert_ptr_null(none);
        ck_assert_msg(strstr(msg, "cases[0].expect") != NULL, "%s", msg);
    }
    ic_results_free(back, 2);
    ic_run_info_free(&rinfo);
    unlink(json);
    unlink(xml);
    unlink(html);
    rmdir(dir);
    for (i = 0; i < 2; i++) {
        ic_case_result *one = malloc(sizeof *one);
        *one = r[i];
        ic_results_free(one, 1);
    }
}
END_TEST

/** The expectations suite. */
Suite *expect_suite(void)
{
    Suite *s = suite_create("expect");
    TCase *tc = tcase_create("expect");

    tcase_add_test(tc, the_format_parses_into_rules_with_reasons);
    tcase_add_loop_test(tc, a_malformed_line_is_refused_with_its_number, 0,
                        (int)(sizeof bad_rows / sizeof bad_rows[0]));
    tcase_add_test(tc, first_matching_rule_decides_xfail_xpass_or_nothing);
    tcase_add_test(tc, write_expect_round_trips_into_xfail_for_the_same_run);
    tcase_add_test(tc, rules_that_decided_nothing_are_noted_once_each);
    tcase_add_test(tc, reports_carry_xfail_xpass_and_the_profile_label);
    suite_add_tcase(s, tc);
    return s;
}
