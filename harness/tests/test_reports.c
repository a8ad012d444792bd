/* test_reports.c - Check tests of the JSON, JUnit and HTML report writers and the JSON reader. */
#define _XOPEN_SOURCE 700

#include <check.h>
#ifndef IC_NO_LIBXML2
#include <libxml/parser.h>
#include <libxml/xpath.h>
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

/* Hostile strings: XML/HTML metacharacters, C0 controls that XML forbids, a malformed byte. */
#define HOSTILE_ID "weird<&\"'>\x02id"
#define HOSTILE_ID_XML "weird<&\"'>id" /* what an XML parser must read back (\x02 dropped) */
#define HOSTILE_ID_HTML "weird&lt;&amp;&quot;&#39;&gt;id"
#define HOSTILE_MSG "max diff <1e-3> & \"quoted\" 'single'\x01\x1f tab\there"
#define HOSTILE_MSG_HTML "max diff &lt;1e-3&gt; &amp; &quot;quoted&quot; &#39;single&#39;"
#define BAD_UTF8_MSG "signal 11 \xff\xfe (SIGSEGV)"

/* Hand counts of the fixture below: 7 cases. */
enum { N_CASES = 7, N_PASS = 2, N_EXACT = 1, N_FAIL = 2, N_ERROR = 2, N_SKIP = 1, N_HEAT = 1 };

static char tmpdir[64];

static char *dup_s(const char *s)
{
    char *d;

    if (s == NULL) {
        return NULL;
    }
    d = malloc(strlen(s) + 1);
    ck_assert_ptr_nonnull(d);
    strcpy(d, s);
    return d;
}

/* One fixture row: the fields the test sets by hand. */
typedef struct row {
    const char *id;
    int32_t verdict, exact;
    const char *kind, *message;
    const char *tags[4];
    double abs_err, rel_err, ulp, bound, seconds;
    int heat;
} row;

static const row rows[N_CASES] = {
    {"bilinear_ac0_down_f32_n1c1_4x4_to_2x2",
     IC_VERDICT_PASS,
     1,
     NULL,
     NULL,
     {"mode:bilinear", "dims:2", "ac:false", "family:sanity"},
     0,
     0,
     0,
     0,
     0.0015,
     0},
    {"bicubic_ac1_up_f32_n1c2_3x3_to_6x6",
     IC_VERDICT_PASS,
     0,
     NULL,
     NULL,
     {"mode:bicubic", "dims:2", "ac:true", "family:random"},
     1.1920929e-07,
     2.5e-7,
     1,
     4e-6,
     0.25,
     0},
    {HOSTILE_ID,
     IC_VERDICT_FAIL,
     0,
     "values",
     HOSTILE_MSG,
     {"mode:linear", "dims:1", "ac:none", "family:edge"},
     0.5,
     0.125,
     4194304,
     1e-5,
     0.01,
     1},
    {"bilinear_ac1_shape_f32_n1c1_4x4_to_3x3",
     IC_VERDICT_FAIL,
     0,
     "shape",
     "shape [1, 1, 3, 2], expected [1, 1, 3, 3]",
     {"mode:bilinear", "dims:2", "ac:true", NULL},
     NAN,
     NAN,
     NAN,
     NAN,
     0.002,
     0},
    {"nearest_crash_u8_n1c1_2x2_to_4x4",
     IC_VERDICT_ERROR,
     0,
     "crash",
     BAD_UTF8_MSG,
     {"mode:nearest", "dims:2", "ac:none", NULL},
     NAN,
     NAN,
     NAN,
     NAN,
     1.5,
     0},
    {"area_timeout_f64_n1c1_8x8x8_to_3x3x3",
     IC_VERDICT_ERROR,
     0,
     "timeout",
     "no answer after 10 s",
     {"mode:area", "dims:3", "ac:none", NULL},
     NAN,
     NAN,
     NAN,
     NAN,
     10,
     0},
    {"trilinear_ac0_f32_n1c1_2x2x2_to_4x4x4",
     IC_VERDICT_SKIP,
     0,
     "unsupported",
     "port declares no 3-D support",
     {"mode:trilinear", "dims:3", "ac:false", NULL},
     NAN,
     NAN,
     NAN,
     NAN,
     0.0001,
     0},
};

/* err/bound heat map of the failing case: 3x4 with one NaN (values exact in float). */
static const float heat_vals[12] = {0.0f,   0.25f,   0.5f,   1.0f, 2.0f, 10.0f,
                                    100.0f, 5000.0f, 0.125f, NAN,  1.5f, 0.75f};

static ic_case_result *make_results(void)
{
    ic_case_result *res = calloc(N_CASES, sizeof *res);
    size_t i, t;

    ck_assert_ptr_nonnull(res);
    for (i = 0; i < N_CASES; i++) {
        const row *w = &rows[i];
        res[i].id = dup_s(w->id);
        res[i].verdict = w->verdict;
        res[i].exact = w->exact;
        res[i].kind = dup_s(w->kind);
        res[i].message = dup_s(w->message);
        res[i].tags = calloc(4, sizeof *res[i].tags);
        ck_assert_ptr_nonnull(res[i].tags);
        for (t = 0; t < 4 && w->tags[t] != NULL; t++) {
            res[i].tags[t] = dup_s(w->tags[t]);
        }
        res[i].ntags = t;
        res[i].max_abs_err = w->abs_err;
        res[i].max_rel_err = w->rel_err;
        res[i].max_ulp = w->ulp;
        res[i].bound = w->bound;
        res[i].seconds = w->seconds;
        /* the first FAIL names a cause; the other non-pass rows have none (unexplained) */
        if (w->verdict == IC_VERDICT_FAIL && i < 3) {
            res[i].cause = dup_s("scale-recomputed");
            res[i].cause_candidates = dup_s("scale-recomputed same-size-copied");
            res[i].nan_mismatches = 3;
            res[i].inf_mismatches = 1;
        }
        /* every other row has a float64 distance; the rest keep NaN (written as null) */
        res[i].f64_max_abs_err = i % 2 ? 0.25 * (double)i : NAN;
        res[i].torch_f64_max_abs_err = i % 2 ? 0.125 : NAN;
        if (w->heat) {
            res[i].heat_h = 3;
            res[i].heat_w = 4;
            res[i].heat = malloc(sizeof heat_vals);
            ck_assert_ptr_nonnull(res[i].heat);
            memcpy(res[i].heat, heat_vals, sizeof heat_vals);
        }
    }
    return res;
}

static void make_info(ic_run_info *info)
{
    memset(info, 0, sizeof *info);
    info->harness_version = dup_s("0.9.0-test");
    info->port_path = dup_s("/tmp/ports/<mine>.so");
    info->port_name = dup_s("mine & \"friends\"");
    info->port_version = dup_s("1.2.3");
    info->port_abi_major = 1;
    info->port_abi_minor = 0;
    info->abi_major = 1;
    info->abi_minor = 2;
    info->vectors_dir = dup_s("vectors");
    info->manifest_sha256 = dup_s("0123456789abcdef0123456789abcdef"
                                  "0123456789abcdef0123456789abcdef");
    info->host = dup_s("testhost");
    info->compiler = dup_s("gcc 12.2.0");
    info->filters = dup_s("--include mode:bilinear --shard 1/2");
    info->started = dup_s("2026-11-25T09:00:00Z");
    info->strict = 1;
    info->seconds = 12.75;
    info->no_sandbox = 1;
    info->shard_k = 1;
    info->shard_n = 2;
    info->mutation_score = dup_s("mutants killed 9/10");
}

static void tmp_path(char *out, size_t len, const char *name)
{
    snprintf(out, len, "%s/%s", tmpdir, name);
}

static void setup(void)
{
    strcpy(tmpdir, "/tmp/test_reports.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void rm_rf_tmp(void)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) {
        fprintf(stderr, "could not remove %s\n", tmpdir);
    }
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    long sz;
    char *buf;

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    sz = ftell(f);
    ck_assert_int_ge(sz, 0);
    rewind(f);
    buf = malloc((size_t)sz + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)sz, f), (size_t)sz);
    buf[sz] = '\0';
    fclose(f);
    if (len != NULL) {
        *len = (size_t)sz;
    }
    return buf;
}

static void write_all(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");

    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    ck_assert_int_eq(fclose(f), 0);
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t k = 0;
    const char *p = hay;

    while ((p = strstr(p, needle)) != NULL) {
        k++;
        p += strlen(needle);
    }
    return k;
}

static int same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

static void assert_same_str(const char *a, const char *b, const char *what)
{
    if (a == NULL || b == NULL) {
        ck_assert_msg(a == b, "%s: one is NULL", what);
    } else {
        ck_assert_msg(strcmp(a, b) == 0, "%s: '%s' != '%s'", what, a, b);
    }
}

/* ---- JSON -------------------------------------------------------------------------------- */

START_TEST(json_report_round_trips_every_field)
{
    ic_case_result *res = make_results(), *back = NULL;
    ic_run_info info, binfo;
    char path[128], msg[256] = "";
    size_t n = 0, i, t;

    make_info(&info);
    tmp_path(path, sizeof path, "r.json");
    ck_assert_msg(ic_report_json_write(path, &info, res, N_CASES, msg, sizeof msg) == 0, "%s",
                  msg);
    ck_assert_msg(ic_report_json_read(path, &binfo, &back, &n, msg, sizeof msg) == 0, "%s", msg);
    ck_assert_uint_eq(n, N_CASES);
    assert_same_str(binfo.harness_version, info.harness_version, "harness_version");
    assert_same_str(binfo.port_path, info.port_path, "port_path");
    assert_same_str(binfo.port_name, info.port_name, "port_name");
    assert_same_str(binfo.port_version, info.port_version, "port_version");
    ck_assert_uint_eq(binfo.port_abi_major, 1);
    ck_assert_uint_eq(binfo.port_abi_minor, 0);
    ck_assert_uint_eq(binfo.abi_major, 1);
    ck_assert_uint_eq(binfo.abi_minor, 2);
    assert_same_str(binfo.vectors_dir, info.vectors_dir, "vectors_dir");
    assert_same_str(binfo.manifest_sha256, info.manifest_sha256, "manifest_sha256");
    assert_same_str(binfo.host, info.host, "host");
    assert_same_str(binfo.compiler, info.compiler, "compiler");
    assert_same_str(binfo.filters, info.filters, "filters");
    assert_same_str(binfo.started, info.started, "started");
    ck_assert_int_eq(binfo.strict, 1);
    ck_assert(binfo.seconds == 12.75);
    assert_same_str(binfo.mutation_score, info.mutation_score, "mutation_score");
    ck_assert_int_eq(binfo.no_fork, 0);
    ck_assert_int_eq(binfo.no_sandbox, 1);
    ck_assert_int_eq(binfo.shard_k, 1);
    ck_assert_int_eq(binfo.shard_n, 2);
    for (i = 0; i < N_CASES; i++) {
        const ic_case_result *a = &res[i], *b = &back[i];
        /* The malformed bytes of BAD_UTF8_MSG come back as U+FFFD; everything else verbatim. */
        const char *want_msg =
            i == 4 ? "signal 11 \xef\xbf\xbd\xef\xbf\xbd (SIGSEGV)" : a->message;
        assert_same_str(b->id, a->id, "id");
        ck_assert_int_eq(b->verdict, a->verdict);
        ck_assert_int_eq(b->exact, a->exact);
        assert_same_str(b->kind, a->kind, "kind");
        assert_same_str(b->message, want_msg, "message");
        /* a cause for FAIL and ERROR (unexplained when none was found), none otherwise */
        assert_same_str(b->cause,
                        a->verdict == IC_VERDICT_FAIL || a->verdict == IC_VERDICT_ERROR
                            ? ic_result_cause(a)
                            : NULL,
                        "cause");
        assert_same_str(b->cause_candidates, a->cause_candidates, "cause_candidates");
        ck_assert_int_eq(b->nan_mismatches, a->nan_mismatches);
        ck_assert_int_eq(b->inf_mismatches, a->inf_mismatches);
        ck_assert_uint_eq(b->ntags, a->ntags);
        for (t = 0; t < a->ntags; t++) {
            assert_same_str(b->tags[t], a->tags[t], "tag");
        }
        ck_assert_msg(same_double(b->max_abs_err, a->max_abs_err), "case %zu max_abs_err", i);
        ck_assert_msg(same_double(b->max_rel_err, a->max_rel_err), "case %zu max_rel_err", i);
        ck_assert_msg(same_double(b->max_ulp, a->max_ulp), "case %zu max_ulp", i);
        ck_assert_msg(same_double(b->bound, a->bound), "case %zu bound", i);
        ck_assert_msg(same_double(b->f64_max_abs_err, a->f64_max_abs_err), "case %zu f64", i);
        ck_assert_msg(same_double(b->torch_f64_max_abs_err, a->torch_f64_max_abs_err),
                      "case %zu torch f64", i);
        ck_assert_msg(same_double(b->seconds, a->seconds), "case %zu seconds", i);
        ck_assert_int_eq(b->heat_h, a->heat_h);
        ck_assert_int_eq(b->heat_w, a->heat_w);
        ck_assert_int_eq(b->heat == NULL, a->heat == NULL);
        for (t = 0; a->heat != NULL && t < 12; t++) {
            ck_assert_msg(same_double(b->heat[t], a->heat[t]), "heat[%zu]", t);
        }
    }
    ic_results_free(back, n);
    ic_run_info_free(&binfo);
    ic_results_free(res, N_CASES);
    ic_run_info_free(&info);
}
END_TEST

START_TEST(json_summary_equals_the_hand_counts)
{
    ic_case_result *res = make_results();
    ic_run_info info;
    char path[128], msg[256] = "", *text;

    make_info(&info);
    tmp_path(path, sizeof path, "s.json");
    ck_assert_msg(ic_report_json_write(path, &info, res, N_CASES, msg, sizeof msg) == 0, "%s",
                  msg);
    text = read_all(path, NULL);
    /* cJSON's formatted output: one member per line, tab-indented. */
    ck_assert_ptr_nonnull(strstr(text, "\"summary\":\t{\n\t\t\"total\":\t7,\n"
                                       "\t\t\"pass\":\t2,\n\t\t\"exact\":\t1,\n"
                                       "\t\t\"fail\":\t2,\n\t\t\"error\":\t2,\n"
                                       "\t\t\"skip\":\t1,\n\t\t\"xfail\":\t0,\n"
                                       "\t\t\"xpass\":\t0,\n\t\t\"profile_pass\":\t0,\n"
                                       "\t\t\"conformant\":\tfalse,\n\t\t\"causes\":\t{\n"
                                       "\t\t\t\"unexplained\":\t3,\n"
                                       "\t\t\t\"scale-recomputed\":\t1\n\t\t}\n\t}"));
    ck_assert_ptr_nonnull(strstr(text, "\"format\":\t\"interpcheck-report\""));
    ck_assert_ptr_nonnull(strstr(text, "\"report_version\":\t1"));
    /* Non-finite doubles are null; JSON has no NaN (as a value: "nan_mismatches" is a key,
       "provenance" has "nan"). */
    ck_assert_ptr_null(strstr(text, ":\tnan"));
    ck_assert_ptr_null(strstr(text, ":\t-nan"));
    ck_assert_ptr_null(strstr(text, ":\tinf"));
    ck_assert_ptr_nonnull(strstr(text, "\"nan_mismatches\":\t3"));
    ck_assert_ptr_nonnull(strstr(text, "\"max_abs_err\":\tnull"));
    free(text);
    ic_results_free(res, N_CASES);
    ic_run_info_free(&info);
}
END_TEST

/* A minimal valid report, and malformed variants the reader must refuse. */
#define MIN_RUN "\"run\":{}"
#define MIN_SUMMARY                                                                               \
    "\"summary\":{\"total\":1,\"pass\":1,\"exact\":0,\"fail\":0,\"error\":0,"                     \
    "\"skip\":0}"
#define MIN_CASES "\"cases\":[{\"id\":\"a\",\"verdict\":\"PASS\",\"tags\":[\"mode:x\"]}]"
#define HEAD "{\"format\":\"interpcheck-report\",\"report_version\":1,"
#define MIN_REPORT HEAD MIN_RUN "," MIN_SUMMARY "," MIN_CASES "}"

static const struct bad {
    const char *name, *text;
} bad_inputs[] = {
    {"empty file", ""},
    {"truncated", HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":[{\"id\":\"a\",\"verd"},
    {"not JSON", "interpcheck report\n"},
    {"top level array", "[" MIN_REPORT "]"},
    {"wrong format",
     "{\"format\":\"other\",\"report_version\":1," MIN_RUN "," MIN_SUMMARY "," MIN_CASES "}"},
    {"future version", "{\"format\":\"interpcheck-report\",\"report_version\":2," MIN_RUN
                       "," MIN_SUMMARY "," MIN_CASES "}"},
    {"missing summary", HEAD MIN_RUN "," MIN_CASES "}"},
    {"summary a string", HEAD MIN_RUN ",\"summary\":\"all good\"," MIN_CASES "}"},
    {"summary disagrees", HEAD MIN_RUN ",\"summary\":{\"total\":1,\"pass\":0,\"exact\":0,"
                                       "\"fail\":1,\"error\":0,\"skip\":0}," MIN_CASES "}"},
    {"summary negative", HEAD MIN_RUN ",\"summary\":{\"total\":-1,\"pass\":1,\"exact\":0,"
                                      "\"fail\":0,\"error\":0,\"skip\":0}," MIN_CASES "}"},
    {"missing run", HEAD MIN_SUMMARY "," MIN_CASES "}"},
    {"run host a number", HEAD "\"run\":{\"host\":7}," MIN_SUMMARY "," MIN_CASES "}"},
    {"run abi fractional", HEAD "\"run\":{\"abi_major\":1.5}," MIN_SUMMARY "," MIN_CASES "}"},
    {"cases an object", HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":{}}"},
    {"case a string", HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":[\"a\"]}"},
    {"case without id", HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":[{\"verdict\":\"PASS\","
                                     "\"tags\":[]}]}"},
    {"verdict a number", HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":[{\"id\":\"a\",\"verdict\":0,"
                                      "\"tags\":[]}]}"},
    {"verdict unknown", HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":[{\"id\":\"a\","
                                     "\"verdict\":\"MAYBE\",\"tags\":[]}]}"},
    {"tags a string", HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":[{\"id\":\"a\","
                                   "\"verdict\":\"PASS\",\"tags\":\"mode:x\"}]}"},
    {"tag a number", HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":[{\"id\":\"a\","
                                  "\"verdict\":\"PASS\",\"tags\":[\"ok\",3]}]}"},
    {"metric a string", HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":[{\"id\":\"a\","
                                     "\"verdict\":\"PASS\",\"tags\":[],\"max_ulp\":\"1\"}]}"},
    {"heat too short", HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":[{\"id\":\"a\","
                                    "\"verdict\":\"PASS\",\"tags\":[],\"heat\":{\"h\":2,\"w\":2,"
                                    "\"values\":[1,2,3]}}]}"},
    {"heat value a string",
     HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":[{\"id\":\"a\","
                  "\"verdict\":\"PASS\",\"tags\":[],\"heat\":{\"h\":1,\"w\":2,"
                  "\"values\":[1,\"x\"]}}]}"},
    {"heat huge",
     HEAD MIN_RUN "," MIN_SUMMARY ",\"cases\":[{\"id\":\"a\","
                  "\"verdict\":\"PASS\",\"tags\":[],\"heat\":{\"h\":100000,\"w\":100000,"
                  "\"values\":[]}}]}"},
    {"second case bad after a good one", HEAD MIN_RUN
     ",\"summary\":{\"total\":2,\"pass\":2,"
     "\"exact\":0,\"fail\":0,\"error\":0,\"skip\":0},\"cases\":[{\"id\":\"a\","
     "\"verdict\":\"PASS\",\"tags\":[\"t\"],\"heat\":{\"h\":1,\"w\":1,\"values\":[0.5]}},"
     "{\"id\":\"b\",\"verdict\":\"PASS\",\"tags\":[\"t\", null]}]}"},
};

START_TEST(json_reader_accepts_the_minimal_report)
{
    ic_case_result *res = NULL;
    ic_run_info info;
    char path[128], msg[256] = "";
    size_t n = 0;

    tmp_path(path, sizeof path, "min.json");
    write_all(path, MIN_REPORT);
    ck_assert_msg(ic_report_json_read(path, &info, &res, &n, msg, sizeof msg) == 0, "%s", msg);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(res[0].id, "a");
    ck_assert_int_eq(res[0].verdict, IC_VERDICT_PASS);
    ck_assert(isnan(res[0].max_abs_err));
    ck_assert_ptr_null(info.host);
    ic_results_free(res, n);
    ic_run_info_free(&info);
}
END_TEST

START_TEST(json_reader_refuses_malformed_input_with_one_line)
{
    const struct bad *b = &bad_inputs[_i];
    ic_case_result *res = (ic_case_result *)&res;
    ic_run_info info;
    char path[128], msg[256] = "";
    size_t n = 99;

    tmp_path(path, sizeof path, "bad.json");
    write_all(path, b->text);
    ck_assert_msg(ic_report_json_read(path, &info, &res, &n, msg, sizeof msg) == -1,
                  "%s: accepted", b->name);
    ck_assert_msg(msg[0] != '\0', "%s: empty message", b->name);
    ck_assert_msg(strchr(msg, '\n') == NULL, "%s: message not one line: %s", b->name, msg);
    ck_assert_msg(strstr(msg, path) != NULL, "%s: message does not name the file: %s", b->name,
                  msg);
    ck_assert_ptr_null(res);
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(info.host);
}
END_TEST

START_TEST(json_reader_refuses_every_truncation_of_a_real_report)
{
    ic_case_result *res = make_results(), *back;
    ic_run_info info, binfo;
    char path[128], cut[128], msg[256] = "", *text;
    size_t len, k, n;
    FILE *f;

    make_info(&info);
    tmp_path(path, sizeof path, "full.json");
    tmp_path(cut, sizeof cut, "cut.json");
    ck_assert_msg(ic_report_json_write(path, &info, res, N_CASES, msg, sizeof msg) == 0, "%s",
                  msg);
    text = read_all(path, &len);
    ck_assert_uint_gt(len, 2);
    /* Every 7th proper prefix that stops before the closing brace (the file ends "}\n"). */
    for (k = 0; k + 2 < len; k += 7) {
        f = fopen(cut, "wb");
        ck_assert_ptr_nonnull(f);
        ck_assert_uint_eq(fwrite(text, 1, k, f), k);
        ck_assert_int_eq(fclose(f), 0);
        back = NULL;
        n = 0;
        ck_assert_msg(ic_report_json_read(cut, &binfo, &back, &n, msg, sizeof msg) == -1,
                      "prefix of %zu bytes accepted", k);
        ck_assert_ptr_null(back);
    }
    free(text);
    ic_results_free(res, N_CASES);
    ic_run_info_free(&info);
}
END_TEST

START_TEST(json_reader_refuses_a_missing_file)
{
    ic_case_result *res = NULL;
    ic_run_info info;
    char path[128], msg[256] = "";
    size_t n = 0;

    tmp_path(path, sizeof path, "does-not-exist.json");
    ck_assert_int_eq(ic_report_json_read(path, &info, &res, &n, msg, sizeof msg), -1);
    ck_assert_ptr_nonnull(strstr(msg, "cannot open"));
}
END_TEST

/* ---- JUnit ------------------------------------------------------------------------------- */

#ifndef IC_NO_LIBXML2
static long xpath_count(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr obj;
    long v;

    ck_assert_ptr_nonnull(ctx);
    obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    ck_assert_msg(obj != NULL, "bad xpath %s", expr);
    v = (long)xmlXPathCastToNumber(obj);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    return v;
}

static char *xpath_string(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr obj;
    xmlChar *s;
    char *out;

    ck_assert_ptr_nonnull(ctx);
    obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    ck_assert_msg(obj != NULL, "bad xpath %s", expr);
    s = xmlXPathCastToString(obj);
    out = dup_s((const char *)s);
    xmlFree(s);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    return out;
}

START_TEST(junit_report_is_well_formed_with_the_right_counts)
{
    static const struct {
        const char *expr;
        long want;
    } counts[] = {
        {"count(/testsuites/testsuite)", 6}, /* one per mode: 6 distinct modes */
        {"count(//testcase)", N_CASES},
        {"count(//testcase/failure)", N_FAIL},
        {"count(//testcase/error)", N_ERROR},
        {"count(//testcase/skipped)", N_SKIP},
        {"number(/testsuites/@tests)", N_CASES},
        {"number(/testsuites/@failures)", N_FAIL},
        {"number(/testsuites/@errors)", N_ERROR},
        {"number(/testsuites/@skipped)", N_SKIP},
        {"number(//testsuite[@name='interpcheck.bilinear']/@tests)", 2},
        {"number(//testsuite[@name='interpcheck.bilinear']/@failures)", 1},
        {"count(//testsuite[@name='interpcheck.bilinear']/testcase"
         "[@classname='interpcheck.bilinear'])",
         2},
        {"number(//testsuite[@name='interpcheck.area']/@errors)", 1},
        {"number(//testsuite[@name='interpcheck.trilinear']/@skipped)", 1},
        {"count(//testsuite[1]/properties/property[@name='manifest_sha256'])", 1},
        {"count(//failure[@type='values'])", 1},
        {"count(//error[@type='timeout'])", 1},
    };
    ic_case_result *res = make_results();
    ic_run_info info;
    char path[128], msg[256] = "", *s;
    xmlDocPtr doc;
    size_t k;

    make_info(&info);
    tmp_path(path, sizeof path, "r.xml");
    ck_assert_msg(ic_report_junit_write(path, &info, res, N_CASES, msg, sizeof msg) == 0, "%s",
                  msg);
    doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
    ck_assert_msg(doc != NULL, "JUnit report is not well-formed XML");
    for (k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        long got = xpath_count(doc, counts[k].expr);
        ck_assert_msg(got == counts[k].want, "%s: %ld, want %ld", counts[k].expr, got,
                      counts[k].want);
    }
    /* The parser reads the hostile id and message back, minus the forbidden control chars. */
    s = xpath_string(doc, "string(//testcase[@classname='interpcheck.linear']/@name)");
    ck_assert_str_eq(s, HOSTILE_ID_XML);
    free(s);
    s = xpath_string(doc, "string(//failure[@type='values']/@message)");
    ck_assert_str_eq(s, "max diff <1e-3> & \"quoted\" 'single' tab\there");
    free(s);
    s = xpath_string(doc, "string(//property[@name='port_name']/@value)");
    ck_assert_str_eq(s, "mine & \"friends\"");
    free(s);
    xmlFreeDoc(doc);
    xmlCleanupParser();
    ic_results_free(res, N_CASES);
    ic_run_info_free(&info);
}
END_TEST
#else /* IC_NO_LIBXML2: no XML parser at hand; check the structure by counting tags. */

START_TEST(junit_report_is_well_formed_with_the_right_counts)
{
    ic_case_result *res = make_results();
    ic_run_info info;
    char path[128], msg[256] = "", *xml;
    size_t len, k;

    make_info(&info);
    tmp_path(path, sizeof path, "r.xml");
    ck_assert_msg(ic_report_junit_write(path, &info, res, N_CASES, msg, sizeof msg) == 0, "%s",
                  msg);
    xml = read_all(path, &len);
    ck_assert_uint_eq(count_of(xml, "<testsuites "), 1);
    ck_assert_uint_eq(count_of(xml, "</testsuites>"), 1);
    ck_assert_uint_eq(count_of(xml, "<testsuite "), 6);
    ck_assert_uint_eq(count_of(xml, "</testsuite>"), 6);
    ck_assert_uint_eq(count_of(xml, "<testcase "), N_CASES);
    ck_assert_uint_eq(count_of(xml, "<failure "), N_FAIL);
    ck_assert_uint_eq(count_of(xml, "<error "), N_ERROR);
    ck_assert_uint_eq(count_of(xml, "<skipped "), N_SKIP);
    ck_assert_ptr_nonnull(strstr(xml, "failures=\"2\" errors=\"2\" skipped=\"1\""));
    ck_assert_ptr_nonnull(strstr(xml, "name=\"" HOSTILE_ID_HTML "\""));
    for (k = 0; k < len; k++) {
        unsigned char ch = (unsigned char)xml[k];
        ck_assert_msg(ch >= 0x20 || ch == '\n' || ch == '\t', "control byte 0x%02x at %zu", ch, k);
    }
    free(xml);
    ic_results_free(res, N_CASES);
    ic_run_info_free(&info);
}
END_TEST
#endif

/* ---- HTML -------------------------------------------------------------------------------- */

START_TEST(html_report_escapes_text_and_draws_one_svg_per_heat_map)
{
    ic_case_result *res = make_results();
    ic_run_info info;
    char path[128], msg[256] = "", *html;
    size_t len, k;

    make_info(&info);
    tmp_path(path, sizeof path, "r.html");
    ck_assert_msg(ic_report_html_write(path, &info, res, N_CASES, msg, sizeof msg) == 0, "%s",
                  msg);
    html = read_all(path, &len);
    ck_assert_uint_eq(strlen(html), len); /* no NUL inside */
    ck_assert_ptr_nonnull(strstr(html, HOSTILE_ID_HTML));
    ck_assert_ptr_nonnull(strstr(html, HOSTILE_MSG_HTML));
    ck_assert_ptr_nonnull(strstr(html, "mine &amp; &quot;friends&quot;"));
    ck_assert_ptr_nonnull(strstr(html, "/tmp/ports/&lt;mine&gt;.so"));
    ck_assert_ptr_null(strstr(html, "weird<"));
    ck_assert_ptr_null(strstr(html, "<mine>"));
    for (k = 0; k < len; k++) {
        unsigned char ch = (unsigned char)html[k];
        ck_assert_msg(ch >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r',
                      "control byte 0x%02x at %zu", ch, k);
        ck_assert_msg(ch != 0xff && ch != 0xfe, "malformed UTF-8 byte at %zu", k);
    }
    ck_assert_uint_eq(count_of(html, "<svg"), N_HEAT);
    ck_assert_ptr_nonnull(strstr(html, "<th>heat map</th>"));
    ck_assert_ptr_nonnull(strstr(html, "<code>values</code> 1,"));
    ck_assert_ptr_nonnull(strstr(html, "<code>timeout</code> 1"));
    ck_assert_uint_eq(count_of(html, "</svg>"), N_HEAT);
    ck_assert_ptr_nonnull(strstr(html, "mutants killed 9/10"));
    ck_assert_ptr_nonnull(strstr(html, info.manifest_sha256));
    ck_assert_ptr_null(strstr(html, "src=\"http"));
    ck_assert_ptr_null(strstr(html, "href=\"http"));
    /* Failures and errors are detailed, passes and skips are not. */
    ck_assert_uint_eq(count_of(html, "<td class=\"v FAIL\">"), N_FAIL);
    ck_assert_uint_eq(count_of(html, "<td class=\"v ERROR\">"), N_ERROR);
    ck_assert_ptr_null(strstr(html, rows[0].id));
    /* Matrix colours: bilinear 2-D ac=true has a failure; nearest 2-D ac=none an error. */
    ck_assert_uint_ge(count_of(html, "class=\"c-fail\""), 2);
    ck_assert_uint_ge(count_of(html, "class=\"c-error\""), 2);
    ck_assert_uint_ge(count_of(html, "class=\"c-skip\""), 1);
    ck_assert_uint_ge(count_of(html, "class=\"c-pass\""), 2);
    free(html);
    ic_results_free(res, N_CASES);
    ic_run_info_free(&info);
}
END_TEST

START_TEST(html_report_caps_the_detailed_failures)
{
    enum { MANY = 230 };
    ic_case_result *res = calloc(MANY, sizeof *res);
    ic_run_info info;
    char path[128], msg[256] = "", *html, id[32];
    size_t i;

    ck_assert_ptr_nonnull(res);
    memset(&info, 0, sizeof info);
    for (i = 0; i < MANY; i++) {
        snprintf(id, sizeof id, "case_%03zu", i);
        res[i].id = dup_s(id);
        res[i].verdict = IC_VERDICT_FAIL;
        res[i].kind = dup_s("values");
        res[i].message = dup_s("off");
        res[i].max_abs_err = res[i].max_rel_err = res[i].max_ulp = res[i].bound = 1;
    }
    tmp_path(path, sizeof path, "many.html");
    ck_assert_msg(ic_report_html_write(path, &info, res, MANY, msg, sizeof msg) == 0, "%s", msg);
    html = read_all(path, NULL);
    /* one cause (none recorded: unexplained) for all 230: a few examples, not a full page */
    ck_assert_uint_eq(count_of(html, "<td class=\"v FAIL\">"), 5);
    ck_assert_ptr_nonnull(strstr(html, "data-cases=\"230\" data-shown=\"5\""));
    ck_assert_ptr_nonnull(strstr(html, "225 more in the JSON/JUnit reports"));
    ck_assert_ptr_nonnull(strstr(html, "<code>values</code> 230"));
    ck_assert_ptr_nonnull(strstr(html, "<td><code>unexplained</code></td><td>230</td>"));
    ck_assert_ptr_null(strstr(html, "<th>heat map</th>")); /* no case has one */
    ck_assert_ptr_nonnull(strstr(html, "case_004"));
    ck_assert_ptr_null(strstr(html, "case_005"));
    free(html);
    ic_results_free(res, MANY);
}
END_TEST

START_TEST(html_report_groups_failures_by_cause_most_frequent_first)
{
    enum { MANY = 12 };
    ic_case_result *res = calloc(MANY, sizeof *res);
    ic_run_info info;
    char path[128], msg[256] = "", *html, id[32], *a, *b;
    size_t i;

    ck_assert_ptr_nonnull(res);
    memset(&info, 0, sizeof info);
    for (i = 0; i < MANY; i++) {
        snprintf(id, sizeof id, "case_%03zu", i);
        res[i].id = dup_s(id);
        res[i].verdict = IC_VERDICT_FAIL;
        res[i].kind = dup_s("values");
        res[i].message = dup_s("off");
        /* 2 shift first in id order, then 10 scale-recomputed */
        res[i].cause = dup_s(i < 2 ? "shift" : "scale-recomputed");
        res[i].max_abs_err = res[i].max_rel_err = res[i].max_ulp = res[i].bound = 1;
    }
    res[3].tags = calloc(2, sizeof *res[3].tags);
    res[3].tags[0] = dup_s("mode:bilinear");
    res[3].tags[1] = dup_s("aa:1");
    res[3].ntags = 2;
    tmp_path(path, sizeof path, "groups.html");
    ck_assert_msg(ic_report_html_write(path, &info, res, MANY, msg, sizeof msg) == 0, "%s", msg);
    html = read_all(path, NULL);
    a = strstr(html, "data-cases=\"10\" data-shown=\"5\"");
    b = strstr(html, "data-cases=\"2\" data-shown=\"2\"");
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_msg(a < b, "the larger cause comes first");
    ck_assert_uint_eq(count_of(html, "<td class=\"v FAIL\">"), 7);
    ck_assert_ptr_nonnull(strstr(html, "<td><code>scale-recomputed</code></td><td>10</td>"
                                       "<td><code>case_002</code></td>"));
    ck_assert_ptr_nonnull(strstr(html, "<th class=\"mode\">bilinear-aa</th>"));
    free(html);
    ic_results_free(res, MANY);
}
END_TEST

START_TEST(writers_report_an_unwritable_path)
{
    ic_case_result *res = make_results();
    ic_run_info info;
    char msg[256];
    const char *path = "/nonexistent-dir/r.out";

    make_info(&info);
    msg[0] = '\0';
    ck_assert_int_eq(ic_report_json_write(path, &info, res, N_CASES, msg, sizeof msg), -1);
    ck_assert_ptr_nonnull(strstr(msg, path));
    msg[0] = '\0';
    ck_assert_int_eq(ic_report_junit_write(path, &info, res, N_CASES, msg, sizeof msg), -1);
    ck_assert_ptr_nonnull(strstr(msg, path));
    msg[0] = '\0';
    ck_assert_int_eq(ic_report_html_write(path, &info, res, N_CASES, msg, sizeof msg), -1);
    ck_assert_ptr_nonnull(strstr(msg, path));
    ic_results_free(res, N_CASES);
    ic_run_info_free(&info);
}
END_TEST

START_TEST(writers_accept_an_empty_run)
{
    ic_run_info info;
    ic_case_result *back = NULL;
    char path[128], msg[256] = "";
    size_t n = 5;

    memset(&info, 0, sizeof info);
    tmp_path(path, sizeof path, "empty.json");
    ck_assert_msg(ic_report_json_write(path, &info, NULL, 0, msg, sizeof msg) == 0, "%s", msg);
    ck_assert_msg(ic_report_json_read(path, &info, &back, &n, msg, sizeof msg) == 0, "%s", msg);
    ck_assert_uint_eq(n, 0);
    ic_results_free(back, n);
    ic_run_info_free(&info);
    tmp_path(path, sizeof path, "empty.xml");
    ck_assert_msg(ic_report_junit_write(path, &info, NULL, 0, msg, sizeof msg) == 0, "%s", msg);
    tmp_path(path, sizeof path, "empty.html");
    ck_assert_msg(ic_report_html_write(path, &info, NULL, 0, msg, sizeof msg) == 0, "%s", msg);
}
END_TEST

/** The report-writer suite. */
/* Issue 13: a port (or anyone) that replaces the report path with a symlink to the vectors
   during the run must not get the report written through it. */
START_TEST(writers_replace_a_planted_symlink_instead_of_following_it)
{
    static const char victim_text[] = "{\"format\": \"interpcheck-vectors\"}\n";
    static const char *names[3] = {"planted.json", "planted.xml", "planted.html"};
    ic_case_result *res = make_results();
    ic_run_info info;
    char victim[256], path[256], msg[512], buf[128];
    struct stat st;
    FILE *f;
    int w;

    make_info(&info);
    tmp_path(victim, sizeof victim, "manifest.json");
    for (w = 0; w < 3; w++) {
        f = fopen(victim, "w");
        ck_assert_ptr_nonnull(f);
        fputs(victim_text, f);
        fclose(f);
        tmp_path(path, sizeof path, names[w]);
        unlink(path);
        ck_assert_int_eq(symlink(victim, path), 0);
        ck_assert_int_eq(w == 0 ? ic_report_json_write(path, &info, res, N_CASES, msg, sizeof msg)
                         : w == 1
                             ? ic_report_junit_write(path, &info, res, N_CASES, msg, sizeof msg)
                             : ic_report_html_write(path, &info, res, N_CASES, msg, sizeof msg),
                         0);
        ck_assert_int_eq(lstat(path, &st), 0);
        ck_assert_msg(S_ISREG(st.st_mode), "%s is still a symlink", names[w]);
        f = fopen(victim, "r");
        ck_assert_ptr_nonnull(f);
        ck_assert_ptr_nonnull(fgets(buf, sizeof buf, f));
        fclose(f);
        ck_assert_str_eq(buf, victim_text);
    }
    ic_results_free(res, N_CASES);
    ic_run_info_free(&info);
}
END_TEST

Suite *reports_suite(void);

Suite *reports_suite(void)
{
    Suite *s = suite_create("reports");
    TCase *tc = tcase_create("reports");

    tcase_add_checked_fixture(tc, setup, rm_rf_tmp);
    /* A hang guard, not a timing check: valgrind runs the truncation loop ~50x slower. */
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, json_report_round_trips_every_field);
    tcase_add_test(tc, json_summary_equals_the_hand_counts);
    tcase_add_test(tc, json_reader_accepts_the_minimal_report);
    tcase_add_loop_test(tc, json_reader_refuses_malformed_input_with_one_line, 0,
                        (int)(sizeof bad_inputs / sizeof bad_inputs[0]));
    tcase_add_test(tc, json_reader_refuses_every_truncation_of_a_real_report);
    tcase_add_test(tc, json_reader_refuses_a_missing_file);
    tcase_add_test(tc, junit_report_is_well_formed_with_the_right_counts);
    tcase_add_test(tc, html_report_escapes_text_and_draws_one_svg_per_heat_map);
    tcase_add_test(tc, html_report_caps_the_detailed_failures);
    tcase_add_test(tc, html_report_groups_failures_by_cause_most_frequent_first);
    tcase_add_test(tc, writers_report_an_unwritable_path);
    tcase_add_test(tc, writers_accept_an_empty_run);
    tcase_add_test(tc, writers_replace_a_planted_symlink_instead_of_following_it);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(reports_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
