/* test_validate.c - error categories in torch's check order and output shapes, from the calls
 * SEMANTICS.md section 1 lists (each reproduced against torch 1.13.1). */
#include <math.h>

#include "test_helpers.h"

typedef struct bad_call {
    const char *what;
    int ndim;
    int64_t shape[5];
    int32_t dtype;
    const char *mode;
    int32_t align_corners, recompute, antialias;
    int32_t size_len;
    int64_t size[3];
    int32_t scale_len;
    double scale[3];
    int32_t want;
} bad_call;

#define F32 IC_DTYPE_FLOAT32
#define N IC_NONE

static const bad_call bad_calls[] = {
    {"align_corners=False with nearest",
     4,
     {1, 2, 4, 5},
     F32,
     "nearest",
     0,
     N,
     0,
     2,
     {3, 3},
     N,
     {0},
     IC_ERR_VALUE},
    {"align_corners=True with area",
     4,
     {1, 2, 4, 5},
     F32,
     "area",
     1,
     N,
     0,
     2,
     {3, 3},
     N,
     {0},
     IC_ERR_VALUE},
    {"size and scale",
     4,
     {1, 2, 4, 5},
     F32,
     "bilinear",
     N,
     N,
     0,
     2,
     {3, 3},
     0,
     {2.0},
     IC_ERR_VALUE},
    {"neither size nor scale",
     4,
     {1, 2, 4, 5},
     F32,
     "bilinear",
     N,
     N,
     0,
     N,
     {0},
     N,
     {0},
     IC_ERR_VALUE},
    {"size list of the wrong length",
     4,
     {1, 2, 4, 5},
     F32,
     "bilinear",
     N,
     N,
     0,
     1,
     {3},
     N,
     {0},
     IC_ERR_VALUE},
    {"scale list of the wrong length",
     4,
     {1, 2, 4, 5},
     F32,
     "nearest",
     N,
     N,
     0,
     N,
     {0},
     3,
     {2, 2, 2},
     IC_ERR_VALUE},
    {"recompute=True with size",
     4,
     {1, 2, 4, 5},
     F32,
     "bilinear",
     N,
     1,
     0,
     2,
     {3, 3},
     N,
     {0},
     IC_ERR_VALUE},
    {"NaN scale with recompute",
     4,
     {1, 2, 4, 5},
     F32,
     "bilinear",
     N,
     1,
     0,
     N,
     {0},
     0,
     {NAN},
     IC_ERR_VALUE},
    {"inf scale with recompute",
     4,
     {1, 2, 4, 5},
     F32,
     "bilinear",
     N,
     1,
     0,
     N,
     {0},
     0,
     {INFINITY},
     IC_ERR_OVERFLOW},
    {"inf scale without recompute: INT64_MIN size",
     4,
     {1, 2, 4, 5},
     F32,
     "nearest",
     N,
     N,
     0,
     N,
     {0},
     0,
     {INFINITY},
     IC_ERR_RUNTIME},
    {"antialias with nearest",
     4,
     {1, 2, 4, 5},
     F32,
     "nearest",
     N,
     N,
     1,
     2,
     {3, 3},
     N,
     {0},
     IC_ERR_VALUE},
    {"antialias on 3-D input",
     3,
     {1, 2, 5},
     F32,
     "bicubic",
     N,
     N,
     1,
     1,
     {3},
     N,
     {0},
     IC_ERR_VALUE},
    {"bilinear on 3-D input",
     3,
     {1, 2, 5},
     F32,
     "bilinear",
     N,
     N,
     0,
     1,
     {3},
     N,
     {0},
     IC_ERR_NOT_IMPLEMENTED},
    {"linear on 4-D input",
     4,
     {1, 2, 4, 5},
     F32,
     "linear",
     N,
     N,
     0,
     2,
     {3, 3},
     N,
     {0},
     IC_ERR_NOT_IMPLEMENTED},
    {"bicubic on 5-D input",
     5,
     {1, 2, 3, 4, 5},
     F32,
     "bicubic",
     N,
     N,
     0,
     3,
     {3, 3, 3},
     N,
     {0},
     IC_ERR_NOT_IMPLEMENTED},
    {"mis-cased mode",
     4,
     {1, 2, 4, 5},
     F32,
     "Bilinear",
     N,
     N,
     0,
     2,
     {3, 3},
     N,
     {0},
     IC_ERR_NOT_IMPLEMENTED},
    {"2-D input", 2, {2, 3}, F32, "nearest", N, N, 0, N, {0}, 0, {2.0}, IC_ERR_NOT_IMPLEMENTED},
    {"output size 0",
     4,
     {1, 2, 4, 5},
     F32,
     "bilinear",
     N,
     N,
     0,
     2,
     {0, 2},
     N,
     {0},
     IC_ERR_RUNTIME},
    {"negative size",
     4,
     {1, 2, 4, 5},
     F32,
     "nearest",
     N,
     N,
     0,
     2,
     {-1, 2},
     N,
     {0},
     IC_ERR_RUNTIME},
    {"scale that floors to 0",
     4,
     {1, 2, 4, 5},
     F32,
     "bicubic",
     N,
     N,
     0,
     N,
     {0},
     0,
     {0.1},
     IC_ERR_RUNTIME},
    {"C == 0", 4, {1, 0, 4, 5}, F32, "bilinear", N, N, 0, 2, {2, 2}, N, {0}, IC_ERR_RUNTIME},
    {"zero-size spatial input",
     4,
     {1, 2, 0, 5},
     F32,
     "nearest",
     N,
     N,
     0,
     2,
     {2, 2},
     N,
     {0},
     IC_ERR_RUNTIME},
    {"area negative size",
     4,
     {1, 2, 4, 5},
     F32,
     "area",
     N,
     N,
     0,
     2,
     {-1, -1},
     N,
     {0},
     IC_ERR_RUNTIME},
    {"area zero-size input",
     4,
     {1, 2, 0, 5},
     F32,
     "area",
     N,
     N,
     0,
     2,
     {2, 1},
     N,
     {0},
     IC_ERR_RUNTIME},
    {"uint8 bilinear",
     4,
     {1, 2, 4, 5},
     IC_DTYPE_UINT8,
     "bilinear",
     N,
     N,
     0,
     2,
     {3, 3},
     N,
     {0},
     IC_ERR_RUNTIME},
    {"uint8 area mean",
     4,
     {1, 2, 4, 5},
     IC_DTYPE_UINT8,
     "area",
     N,
     N,
     0,
     2,
     {1, 1},
     N,
     {0},
     IC_ERR_RUNTIME},
    {"float size", 4, {1, 2, 4, 5}, F32, "nearest", N, N, 0, 2, {3, 3}, N, {0}, IC_ERR_TYPE},
    {"storage overflow",
     4,
     {1, 2, 4, 5},
     F32,
     "nearest",
     N,
     N,
     0,
     2,
     {4611686018427387904LL, 2},
     N,
     {0},
     IC_ERR_RUNTIME},
};

START_TEST(bad_calls_get_torchs_category)
{
    const bad_call *b = &bad_calls[_i];
    float data[128] = {0};
    ic_tensor in = tst_tensor(b->dtype, b->ndim, b->shape, data);
    ic_args a = tst_args(b->mode);
    int32_t nd;
    int64_t shape[IC_MAX_DIMS];
    char msg[256];
    int k;

    a.align_corners = b->align_corners;
    a.recompute_scale_factor = b->recompute;
    a.antialias = b->antialias;
    a.size_len = b->size_len;
    a.scale_len = b->scale_len;
    a.size_is_float = strcmp(b->what, "float size") == 0;
    for (k = 0; k < 3; k++) {
        a.size[k] = b->size[k];
        a.scale_factor[k] = b->scale[k];
    }
    ck_assert_msg(icr_output_shape_ex(TST_113, &in, &a, &nd, shape, msg, sizeof msg) == b->want,
                  "%s: got status %d (%s)", b->what,
                  icr_output_shape_ex(TST_113, &in, &a, &nd, shape, msg, sizeof msg), msg);
    ck_assert_msg(msg[0] != '\0', "%s: no message", b->what);
}
END_TEST

/* The exact message for the most common refusal. */
START_TEST(size_check_message_matches_torch)
{
    float data[40] = {0};
    int64_t sh[4] = {1, 2, 4, 5};
    ic_tensor in = tst_tensor(F32, 4, sh, data);
    ic_args a = tst_args("bilinear");
    int32_t nd;
    int64_t shape[IC_MAX_DIMS];
    char msg[256];

    a.size_len = 2;
    a.size[0] = 0;
    a.size[1] = 0;
    ck_assert_int_eq(icr_output_shape_ex(TST_113, &in, &a, &nd, shape, msg, sizeof msg),
                     IC_ERR_RUNTIME);
    ck_assert_str_eq(msg, "Input and output sizes should be greater than 0, but got input "
                          "(H: 4, W: 5) output (H: 0, W: 0)");
}
END_TEST

typedef struct shape_row {
    const char *what;
    int ndim;
    int64_t shape[5];
    const char *mode;
    int32_t recompute;
    int32_t size_len;
    int64_t size[3];
    int32_t scale_len;
    double scale[3];
    int64_t want[5];
} shape_row;

static const shape_row shape_rows[] = {
    {"scale 1.7 on W=5", 3, {1, 1, 5}, "linear", N, N, {0}, 0, {1.7}, {1, 1, 8}},
    {"120/88 floors to 119", 3, {1, 1, 88}, "nearest", N, N, {0}, 0, {120.0 / 88.0}, {1, 1, 119}},
    {"recompute uses floor too",
     3,
     {1, 1, 88},
     "nearest",
     1,
     N,
     {0},
     0,
     {120.0 / 88.0},
     {1, 1, 119}},
    {"N == 0 is allowed", 4, {0, 3, 4, 5}, "bilinear", N, 2, {2, 3}, N, {0}, {0, 3, 2, 3}},
    {"area output 0 is allowed", 4, {1, 1, 4, 4}, "area", N, N, {0}, 0, {0.1}, {1, 1, 0, 0}},
    {"a single size is repeated",
     5,
     {1, 1, 2, 3, 4},
     "trilinear",
     N,
     0,
     {6},
     N,
     {0},
     {1, 1, 6, 6, 6}},
    {"per-axis scales", 4, {1, 2, 4, 2}, "nearest", N, N, {0}, 2, {2.05, 3.15}, {1, 2, 8, 6}},
};

START_TEST(output_shapes)
{
    const shape_row *r = &shape_rows[_i];
    float data[256] = {0};
    ic_tensor in = tst_tensor(F32, r->ndim, r->shape, data);
    ic_args a = tst_args(r->mode);
    int32_t nd;
    int64_t shape[IC_MAX_DIMS];
    char msg[256];
    int k;

    a.recompute_scale_factor = r->recompute;
    a.size_len = r->size_len;
    a.scale_len = r->scale_len;
    for (k = 0; k < 3; k++) {
        a.size[k] = r->size[k];
        a.scale_factor[k] = r->scale[k];
    }
    ck_assert_msg(icr_output_shape_ex(TST_113, &in, &a, &nd, shape, msg, sizeof msg) == IC_OK,
                  "%s: %s", r->what, msg);
    ck_assert_int_eq(nd, r->ndim);
    for (k = 0; k < r->ndim; k++) {
        ck_assert_msg(shape[k] == r->want[k], "%s: dim %d is %lld", r->what, k,
                      (long long)shape[k]);
    }
}
END_TEST

/** The validation and shape tests. */
Suite *validate_suite(void)
{
    Suite *s = suite_create("validate");
    TCase *tc = tcase_create("validate");

    tcase_add_loop_test(tc, bad_calls_get_torchs_category, 0,
                        (int)(sizeof bad_calls / sizeof bad_calls[0]));
    tcase_add_test(tc, size_check_message_matches_torch);
    tcase_add_loop_test(tc, output_shapes, 0, (int)(sizeof shape_rows / sizeof shape_rows[0]));
    suite_add_tcase(s, tc);
    return s;
}
