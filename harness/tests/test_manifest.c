/* test_manifest.c - the manifest loader: argument mapping, hostile manifests, blob integrity. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unistd.h>

#include "blob.h"
#include "fixtures.h"
#include "manifest.h"

Suite *manifest_suite(void);

/* A valid case; hostile rows replace one substring of it. */
static const char base_case[] =
    "{\"id\": \"bilinear_ac0_f32_n1c1_2x2_to_3x3\", \"tags\": [\"mode:bilinear\"],"
    " \"call\": {\"mode\": \"bilinear\", \"size\": [3, 3], \"scale_factor\": null,"
    " \"align_corners\": false, \"recompute_scale_factor\": null, \"antialias\": false,"
    " \"size_is_float\": false},"
    " \"input\": {\"dtype\": \"float32\", \"shape\": [1, 1, 2, 2], \"strides\": [4, 4, 2, 1],"
    " \"layout\": \"contiguous\","
    " \"blob\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
    " \"nbytes\": 16},"
    " \"expected\": {\"dtype\": \"float32\", \"shape\": [1, 1, 3, 3],"
    " \"blob\": \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\","
    " \"nbytes\": 36}, \"tolerance\": \"float\", \"error\": null}";

static char *replace(const char *s, const char *from, const char *to)
{
    const char *p = strstr(s, from);
    size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
    char *r = malloc(n);

    ck_assert_msg(p != NULL, "fixture text lacks %s", from);
    memcpy(r, s, (size_t)(p - s));
    strcpy(r + (p - s), to);
    strcat(r, p + strlen(from));
    return r;
}

/* Parses one case (no blobs); returns the manifest. */
static void parse_one(const char *case_text, ic_manifest *m)
{
    char *text = fx_wrap(case_text);
    char msg[300];
    int rc = ic_manifest_parse("/nonexistent", text, strlen(text), m, msg, sizeof msg);

    ck_assert_msg(rc == 0, "parse failed: %s", msg);
    ck_assert_uint_eq(m->ncases, 1);
    free(text);
}

START_TEST(sha256_matches_the_fips_180_2_examples)
{
    char hex[65];

    ic_sha256_hex("abc", 3, hex);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ic_sha256_hex(NULL, 0, hex);
    ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(a_valid_case_parses_without_complaint)
{
    ic_manifest m;

    parse_one(base_case, &m);
    ck_assert_ptr_null(m.cases[0].bad);
    ck_assert_str_eq(m.cases[0].args.mode, "bilinear");
    ck_assert_int_eq(m.cases[0].args.size_len, 2);
    ck_assert_int_eq(m.cases[0].args.align_corners, 0);
    ck_assert_int_eq(m.cases[0].args.recompute_scale_factor, IC_NONE);
    ck_assert_int_eq(m.cases[0].tol_float, 1);
    ck_assert_int_eq(m.cases[0].expected.strides[2], 3); /* contiguous 1x1x3x3 */
    ck_assert_int_eq(m.cases[0].input.layout, IC_LAYOUT_CONTIGUOUS);
    ic_manifest_free(&m);
}
END_TEST

/* call -> ic_args mapping, row by row. */
static const struct {
    const char *from, *to;
    int32_t size_len, scale_len, ac, rsf, size_is_float;
    int64_t size0;
    double scale0, scale1;
} call_rows[] = {
    {"\"size\": [3, 3], \"scale_factor\": null", "\"size\": null, \"scale_factor\": 2.5", IC_NONE,
     0, 0, IC_NONE, 0, 0, 2.5, 0},
    {"\"size\": [3, 3], \"scale_factor\": null", "\"size\": 7, \"scale_factor\": null", 0, IC_NONE,
     0, IC_NONE, 0, 7, 0, 0},
    {"\"size\": [3, 3], \"scale_factor\": null",
     "\"size\": null, \"scale_factor\": [\"nan\", \"-inf\"]", IC_NONE, 2, 0, IC_NONE, 0, 0, NAN,
     -INFINITY},
    {"\"size\": [3, 3], \"scale_factor\": null",
     "\"size\": null, \"scale_factor\": [0.10000000000000001, \"inf\"]", IC_NONE, 2, 0, IC_NONE, 0,
     0, 0.1, INFINITY},
    {"\"size\": [3, 3]", "\"size\": [2.5, 3.0]", 2, IC_NONE, 0, IC_NONE, 0, 2, 0, 0},
    {"\"size_is_float\": false", "\"size_is_float\": true", 2, IC_NONE, 0, IC_NONE, 1, 3, 0, 0},
    {"\"align_corners\": false", "\"align_corners\": true", 2, IC_NONE, 1, IC_NONE, 0, 3, 0, 0},
    {"\"align_corners\": false", "\"align_corners\": null", 2, IC_NONE, IC_NONE, IC_NONE, 0, 3, 0,
     0},
    {"\"recompute_scale_factor\": null", "\"recompute_scale_factor\": true", 2, IC_NONE, 0, 1, 0,
     3, 0, 0},
    {"\"size\": [3, 3]", "\"size\": [-1, 0]", 2, IC_NONE, 0, IC_NONE, 0, -1, 0, 0},
};

static int same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

START_TEST(call_maps_onto_ic_args_exactly)
{
    ic_manifest m;
    char *text = replace(base_case, call_rows[_i].from, call_rows[_i].to);
    const ic_args *a;

    parse_one(text, &m);
    a = &m.cases[0].args;
    /* These rows test the mapping only: a call the expected 3x3 output contradicts is also
       flagged (vector_check.c), which is not what they look at. */
    ck_assert_msg(m.cases[0].bad == NULL || strstr(m.cases[0].bad, "the call gives") != NULL ||
                      strstr(m.cases[0].bad, "output sizes") != NULL,
                  "row %d: %s", _i, m.cases[0].bad);
    ck_assert_int_eq(a->size_len, call_rows[_i].size_len);
    ck_assert_int_eq(a->scale_len, call_rows[_i].scale_len);
    ck_assert_int_eq(a->align_corners, call_rows[_i].ac);
    ck_assert_int_eq(a->recompute_scale_factor, call_rows[_i].rsf);
    ck_assert_int_eq(a->size_is_float, call_rows[_i].size_is_float);
    if (a->size_len != IC_NONE) {
        ck_assert_int_eq(a->size[0], call_rows[_i].size0);
    }
    if (a->scale_len != IC_NONE) {
        ck_assert_msg(same_double(a->scale_factor[0], call_rows[_i].scale0), "row %d", _i);
        if (a->scale_len > 1) {
            ck_assert_msg(same_double(a->scale_factor[1], call_rows[_i].scale1), "row %d", _i);
        }
    }
    ic_manifest_free(&m);
    free(text);
}
END_TEST

/* Hostile cases: each must be marked bad with a line naming the field. */
static const struct {
    const char *from, *to, *field;
} hostile_rows[] = {
    {"\"nbytes\": 16", "\"nbytez\": 16", "input.nbytes"},
    {"\"blob\": \"aaaa", "\"blob\": \"AAAA", "input.blob"},
    {"\"shape\": [1, 1, 2, 2]", "\"shape\": \"1x1x2x2\"", "input.shape"},
    {"\"shape\": [1, 1, 2, 2]", "\"shape\": [1, 1, -2, 2]", "input.shape"},
    {"\"shape\": [1, 1, 2, 2]", "\"shape\": [1, 1, 2.5, 2]", "input.shape"},
    {"\"shape\": [1, 1, 2, 2]", "\"shape\": [1, 1, 2, 2, 1, 1, 1, 1, 1]", "input.shape"},
    {"\"strides\": [4, 4, 2, 1]", "\"strides\": [4, 4, 2]", "input.strides"},
    {"\"strides\": [4, 4, 2, 1]", "\"strides\": null", "input.strides"},
    {"\"shape\": [1, 1, 2, 2], \"strides\": [4, 4, 2, 1]",
     "\"shape\": [1099511627776, 1099511627776, 2, 2], \"strides\": [4, 4, 2, 1]", "input.shape"},
    {"\"shape\": [1, 1, 2, 2], \"strides\": [4, 4, 2, 1]",
     "\"shape\": [2, 1, 2, 2], \"strides\": [1099511627776, 4, 2, 1]", "input."},
    {"\"nbytes\": 16", "\"nbytes\": 12", "input.nbytes"},
    {"\"nbytes\": 16", "\"nbytes\": 1e300", "input.nbytes"},
    {"\"dtype\": \"float32\", \"shape\": [1, 1, 2, 2]",
     "\"dtype\": \"float128\", \"shape\": [1, 1, 2, 2]", "input.dtype"},
    {"\"layout\": \"contiguous\"", "\"layout\": \"diagonal\"", "input.layout"},
    {"\"layout\": \"contiguous\"", "\"layout\": 3", "input.layout"},
    {"\"size\": [3, 3]", "\"size\": \"3\"", "call.size"},
    {"\"size\": [3, 3]", "\"size\": [3, 3, 3, 3, 3, 3, 3, 3, 3]", "call.size"},
    {"\"scale_factor\": null", "\"scale_factor\": \"huge\"", "call.scale_factor"},
    {"\"align_corners\": false", "\"align_corners\": \"yes\"", "call.align_corners"},
    {"\"mode\": \"bilinear\"", "\"mode\": 7", "call.mode"},
    {"\"call\": {", "\"cal\": {", "call"},
    {"\"id\": \"bilinear", "\"id\": \"Bilinear", "field id"},
    {"\"id\": \"bilinear_ac0_f32_n1c1_2x2_to_3x3\", ", "", "field id"},
    {"\"tolerance\": \"float\"", "\"tolerance\": \"fuzzy\"", "tolerance"},
    {"\"error\": null", "\"error\": {\"category\": \"weird\"}", "error.category"},
    {"\"error\": null", "\"error\": {\"class\": \"ValueError\"}", "error.category"},
    {"\"tags\": [\"mode:bilinear\"]", "\"tags\": [1]", "tags"},
    {"\"tags\": [\"mode:bilinear\"]", "\"tags\": \"mode:bilinear\"", "tags"},
    {"\"dtype\": \"float32\", \"shape\": [1, 1, 3, 3]",
     "\"dtype\": \"float32\", \"shape\": [1, 1, 3]", "expected.nbytes"},
    {"\"expected\": {", "\"expectedx\": {", "expected"},
};

START_TEST(hostile_cases_are_marked_bad_naming_the_field)
{
    ic_manifest m;
    char *text = replace(base_case, hostile_rows[_i].from, hostile_rows[_i].to);

    parse_one(text, &m);
    ck_assert_msg(m.cases[0].bad != NULL, "row %d accepted: %s", _i, hostile_rows[_i].to);
    ck_assert_msg(strstr(m.cases[0].bad, hostile_rows[_i].field) != NULL,
                  "row %d: '%s' does not name %s", _i, m.cases[0].bad, hostile_rows[_i].field);
    ck_assert_msg(strstr(m.cases[0].bad, "manifest.json") != NULL, "row %d: no file name", _i);
    ck_assert_ptr_null(strchr(m.cases[0].bad, '\n'));
    ic_manifest_free(&m);
    free(text);
}
END_TEST

/* Whole manifests that cannot be used at all. */
static const char *const unusable[] = {
    "",
    "{",
    "[1, 2, 3]",
    "{\"format\": \"interpcheck-vectors\", \"format_version\": 2, \"cases\": []}",
    "{\"format\": \"interpcheck-vectors\", \"format_version\": \"1\", \"cases\": []}",
    "{\"format\": \"something-else\", \"format_version\": 1, \"cases\": []}",
    "{\"format\": \"interpcheck-vectors\", \"format_version\": 1}",
    "{\"format\": \"interpcheck-vectors\", \"format_version\": 1, \"cases\": {}}",
    "{\"format\": \"interpcheck-vectors\", \"format_version\": 1, \"cases\": [] garbage",
};

START_TEST(an_unusable_manifest_is_one_error_line)
{
    char *dir = fx_dir_new();
    ic_manifest m;
    char msg[300];

    fx_manifest(dir, unusable[_i]);
    ck_assert_int_eq(ic_manifest_load(dir, &m, msg, sizeof msg), -1);
    ck_assert_ptr_nonnull(strstr(msg, "manifest.json"));
    ck_assert_ptr_null(strchr(msg, '\n'));
    fx_dir_remove(dir);
    free(dir);
}
END_TEST

START_TEST(a_missing_manifest_is_one_error_line)
{
    ic_manifest m;
    char msg[300];

    ck_assert_int_eq(ic_manifest_load("/nonexistent/vectors", &m, msg, sizeof msg), -1);
    ck_assert_ptr_nonnull(strstr(msg, "/nonexistent/vectors/manifest.json"));
}
END_TEST

/* Blob integrity: good, truncated, altered, missing, size disagreeing with nbytes. */
enum { BLOB_GOOD, BLOB_TRUNCATED, BLOB_ALTERED, BLOB_MISSING, BLOB_SHORT_BUT_HONEST };

static const struct {
    int what;
    const char *needle; /* NULL: the case must stay good */
} blob_rows[] = {
    {BLOB_GOOD, NULL},
    {BLOB_TRUNCATED, "sha256 mismatch"},
    {BLOB_ALTERED, "sha256 mismatch"},
    {BLOB_MISSING, "No such file"},
    {BLOB_SHORT_BUT_HONEST, "expected.nbytes"},
};

START_TEST(blobs_are_verified_before_use)
{
    static const float want[4] = {1.0f, 1.0f, 2.0f, 2.0f};
    char *dir = fx_dir_new(), *one, *text, path[400], msg[300];
    char sha[65];
    ic_manifest m;
    FILE *f;

    one = fx_nearest_case(dir, "nearest_1_to_4", 2, 4, want, "");
    if (blob_rows[_i].what != BLOB_GOOD) {
        ic_sha256_hex(want, sizeof want, sha);
        snprintf(path, sizeof path, "%s/blobs/%s.bin", dir, sha);
        if (blob_rows[_i].what == BLOB_TRUNCATED) {
            ck_assert_int_eq(truncate(path, 10), 0);
        } else if (blob_rows[_i].what == BLOB_ALTERED) {
            f = fopen(path, "r+b");
            fseek(f, 5, SEEK_SET);
            fputc(0x42, f);
            fclose(f);
        } else if (blob_rows[_i].what == BLOB_MISSING) {
            unlink(path);
        } else {
            /* An honest blob of 12 bytes under the expected's name: nbytes says 16. */
            char *t2;
            char sha2[65];
            unlink(path);
            fx_blob(dir, want, 12, sha2);
            t2 = replace(one, sha, sha2);
            free(one);
            one = t2;
        }
    }
    text = fx_wrap(one);
    fx_manifest(dir, text);
    ck_assert_int_eq(ic_manifest_load(dir, &m, msg, sizeof msg), 0);
    ck_assert_uint_eq(ic_manifest_load_blobs(&m, NULL), blob_rows[_i].needle ? 1 : 0);
    if (blob_rows[_i].needle == NULL) {
        ck_assert_ptr_null(m.cases[0].bad);
        ck_assert_ptr_nonnull(m.cases[0].input.data);
        ck_assert(((const float *)m.cases[0].expected.data)[2] == 2.0f);
    } else {
        ck_assert_ptr_nonnull(m.cases[0].bad);
        ck_assert_msg(strstr(m.cases[0].bad, blob_rows[_i].needle) != NULL, "%s", m.cases[0].bad);
        ck_assert_ptr_nonnull(strstr(m.cases[0].bad, "nearest_1_to_4"));
    }
    ic_manifest_free(&m);
    fx_dir_remove(dir);
    free(dir);
    free(one);
    free(text);
}
END_TEST

START_TEST(cases_are_sorted_and_duplicates_flagged)
{
    char *a = replace(base_case, "bilinear_ac0_f32", "zzz");
    char *b = replace(base_case, "bilinear_ac0_f32", "aaa");
    char buf[8192], msg[300], *text;
    ic_manifest m;

    snprintf(buf, sizeof buf, "%s, %s, %s", a, b, a);
    text = fx_wrap(buf);
    ck_assert_int_eq(ic_manifest_parse("/x", text, strlen(text), &m, msg, sizeof msg), 0);
    ck_assert_uint_eq(m.ncases, 3);
    ck_assert_str_eq(m.cases[0].id, "aaa_n1c1_2x2_to_3x3");
    ck_assert_str_eq(m.cases[1].id, "zzz_n1c1_2x2_to_3x3");
    ck_assert_ptr_null(m.cases[1].bad);
    ck_assert_ptr_nonnull(strstr(m.cases[2].bad, "duplicate"));
    ic_manifest_free(&m);
    free(a);
    free(b);
    free(text);
}
END_TEST

/* Issue 13: a FIFO planted as a blob or as the manifest must not hang the loader. */
START_TEST(a_fifo_in_the_vector_directory_is_refused_without_blocking)
{
    static const float want[4] = {1.0f, 1.0f, 2.0f, 2.0f};
    char *dir = fx_dir_new(), *one, *text, path[400], msg[300], sha[65];
    ic_manifest m;

    one = fx_nearest_case(dir, "nearest_fifo", 2, 4, want, "");
    text = fx_wrap(one);
    fx_manifest(dir, text);
    /* the expected blob becomes a FIFO nobody writes to */
    fx_blob(dir, want, sizeof want, sha);
    snprintf(path, sizeof path, "%s/blobs/%s.bin", dir, sha);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    ck_assert_int_eq(ic_manifest_load(dir, &m, msg, sizeof msg), 0);
    ck_assert_uint_eq(ic_manifest_load_blobs(&m, NULL), 1);
    ck_assert_ptr_nonnull(strstr(m.cases[0].bad, "not a regular file"));
    ic_manifest_free(&m);
    unlink(path);
    /* and the manifest itself */
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    ck_assert_int_eq(ic_manifest_load(dir, &m, msg, sizeof msg), -1);
    ck_assert_ptr_nonnull(strstr(msg, "not a regular file"));
    unlink(path);
    fx_dir_remove(dir);
    free(dir);
    free(one);
    free(text);
}
END_TEST

START_TEST(a_too_deep_manifest_says_so)
{
    size_t depth = 5000, i;
    char *text = malloc(2 * depth + 1), msg[300];
    ic_manifest m;

    for (i = 0; i < depth; i++) {
        text[i] = '[';
        text[depth + i] = ']';
    }
    text[2 * depth] = '\0';
    ck_assert_int_eq(ic_manifest_parse("/x", text, 2 * depth, &m, msg, sizeof msg), -1);
    ck_assert_msg(strstr(msg, "nested deeper than") != NULL, "%s", msg);
    ck_assert_int_eq(ic_manifest_parse("/x", "{\"a\": [1,", 9, &m, msg, sizeof msg), -1);
    ck_assert_msg(strstr(msg, "not valid JSON") != NULL, "%s", msg);
    free(text);
}
END_TEST

/* Vectors whose expected output contradicts the call are the vector's fault: bad-vector, each
   naming the field (torch keeps dtype, rank, N and C; size [4] gives 4; 2 * 1.5 = 3). */
static const struct {
    const char *from, *to, *in_bad;
} contradictions[] = {
    {"\"expected\": {\"dtype\": \"float32\"", "\"expected\": {\"dtype\": \"uint8\"",
     "expected.dtype"},
    {"\"size\": [4]", "\"size\": [5]", "expected.shape[2]: 4, the call gives 5"},
    {"\"size\": [4], \"scale_factor\": null", "\"size\": null, \"scale_factor\": 1.5",
     "expected.shape[2]: 4, the call gives 3"},
    {"\"mode\": \"nearest\"", "\"mode\": \"bilinear\"", "rank 3 is an error in torch"},
};

START_TEST(an_expected_output_that_contradicts_the_call_is_a_bad_vector)
{
    static const float want[4] = {1.0f, 1.0f, 2.0f, 2.0f};
    char *dir = fx_dir_new(), *one, *bad, *text, msg[300];
    ic_manifest m;

    one = fx_nearest_case(dir, "nearest_c", 2, 4, want, "");
    bad = replace(one, contradictions[_i].from, contradictions[_i].to);
    if (_i == 0) { /* uint8: 4 elements are 4 bytes, so only the dtype is wrong */
        char *b2 = replace(bad, "\"nbytes\": 16}", "\"nbytes\": 4}");
        free(bad);
        bad = b2;
    }
    text = fx_wrap(bad);
    ck_assert_int_eq(ic_manifest_parse(dir, text, strlen(text), &m, msg, sizeof msg), 0);
    ck_assert_ptr_nonnull(m.cases[0].bad);
    ck_assert_msg(strstr(m.cases[0].bad, contradictions[_i].in_bad) != NULL, "%s", m.cases[0].bad);
    ic_manifest_free(&m);
    free(text);
    /* the untouched case is fine */
    text = fx_wrap(one);
    ck_assert_int_eq(ic_manifest_parse(dir, text, strlen(text), &m, msg, sizeof msg), 0);
    ck_assert_ptr_null(m.cases[0].bad);
    ic_manifest_free(&m);
    free(text);
    free(bad);
    free(one);
    fx_dir_remove(dir);
    free(dir);
}
END_TEST

/* ic_tdesc_check rows, checked by hand: bytes = (1 + sum((shape_k-1)*stride_k)) * itemsize. */
static const struct {
    int32_t dtype;
    int ndim;
    int64_t shape[4], strides[4], nbytes;
    int ok;
} tdesc_rows[] = {
    {IC_DTYPE_FLOAT32, 4, {2, 3, 4, 5}, {60, 20, 5, 1}, 480, 1},
    {IC_DTYPE_FLOAT32, 4, {2, 3, 4, 5}, {120, 40, 10, 2}, 956, 1}, /* (1+120+80+30+8)*4 */
    {IC_DTYPE_FLOAT64, 3, {1, 2, 3}, {6, 3, 1}, 48, 1},
    {IC_DTYPE_UINT8, 3, {1, 1, 7}, {7, 7, 1}, 7, 1},
    {IC_DTYPE_FLOAT32, 4, {0, 3, 4, 5}, {60, 20, 5, 1}, 0, 1}, /* N = 0: empty blob */
    {IC_DTYPE_FLOAT32, 4, {2, 3, 4, 5}, {60, 20, 5, 1}, 476, 0},
    {IC_DTYPE_FLOAT32, 4, {0, 3, 4, 5}, {60, 20, 5, 1}, 4, 0},
    {IC_DTYPE_FLOAT32, 3, {1, 1, 3}, {0, 0, 0}, 4, 1},             /* broadcast (expand) input */
    {IC_DTYPE_FLOAT32, 2, {1 << 20, 1 << 20}, {1 << 20, 1}, 0, 0}, /* 4 TiB: over the cap */
    {99, 1, {1}, {1}, 1, 0},
};

START_TEST(tensor_sizes_are_checked_with_overflow_checked_arithmetic)
{
    ic_tdesc t;
    char msg[200];

    memset(&t, 0, sizeof t);
    t.dtype = tdesc_rows[_i].dtype;
    t.ndim = tdesc_rows[_i].ndim;
    memcpy(t.shape, tdesc_rows[_i].shape, sizeof tdesc_rows[_i].shape);
    memcpy(t.strides, tdesc_rows[_i].strides, sizeof tdesc_rows[_i].strides);
    t.nbytes = tdesc_rows[_i].nbytes;
    ck_assert_msg((ic_tdesc_check(&t, msg, sizeof msg) == 0) == tdesc_rows[_i].ok, "row %d", _i);
}
END_TEST

/** The manifest loader suite. */
Suite *manifest_suite(void)
{
    Suite *s = suite_create("manifest");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, sha256_matches_the_fips_180_2_examples);
    tcase_add_test(tc, a_valid_case_parses_without_complaint);
    tcase_add_loop_test(tc, call_maps_onto_ic_args_exactly, 0,
                        (int)(sizeof call_rows / sizeof call_rows[0]));
    tcase_add_loop_test(tc, hostile_cases_are_marked_bad_naming_the_field, 0,
                        (int)(sizeof hostile_rows / sizeof hostile_rows[0]));
    tcase_add_loop_test(tc, an_unusable_manifest_is_one_error_line, 0,
                        (int)(sizeof unusable / sizeof unusable[0]));
    tcase_add_test(tc, a_missing_manifest_is_one_error_line);
    tcase_add_loop_test(tc, blobs_are_verified_before_use, 0,
                        (int)(sizeof blob_rows / sizeof blob_rows[0]));
    tcase_add_test(tc, cases_are_sorted_and_duplicates_flagged);
    tcase_add_test(tc, a_fifo_in_the_vector_directory_is_refused_without_blocking);
    tcase_add_test(tc, a_too_deep_manifest_says_so);
    tcase_add_loop_test(tc, an_expected_output_that_contradicts_the_call_is_a_bad_vector, 0,
                        (int)(sizeof contradictions / sizeof contradictions[0]));
    tcase_add_loop_test(tc, tensor_sizes_are_checked_with_overflow_checked_arithmetic, 0,
                        (int)(sizeof tdesc_rows / sizeof tdesc_rows[0]));
    suite_add_tcase(s, tc);
    return s;
}
