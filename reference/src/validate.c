/* validate.c - argument handling and error reporting, in torch 1.13.1's check order:
 * first torch/nn/functional.py interpolate(), then the C++ argument binding, then the ATen
 * meta/shape checks, then the kernels' dtype dispatch. Each check names where it lives.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "icr_internal.h"

/* Smallest int a c10::SymInt can hold in 1.13 (SymInt::check_range: i > MIN_INT). */
#define ICR_SYMINT_MIN (-4611686018427387904LL)

/** Formats one line into the caller's buffer (which may be NULL). */
void icr_set_msg(char *msg, size_t msg_len, const char *fmt, ...)
{
    va_list ap;

    if (msg == NULL || msg_len == 0) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, msg_len, fmt, ap);
    va_end(ap);
}

/** Size in bytes of an enum ic_dtype element (0 for an unknown dtype). */
size_t icr_dtype_size(int32_t dtype)
{
    switch (dtype) {
    case IC_DTYPE_FLOAT32:
        return 4;
    case IC_DTYPE_FLOAT64:
        return 8;
    case IC_DTYPE_UINT8:
        return 1;
    case IC_DTYPE_INT32:
        return 4;
    case IC_DTYPE_FLOAT16:
    case IC_DTYPE_BFLOAT16:
        return 2;
    default:
        return 0;
    }
}

/* torch's ScalarType names, as its "not implemented for" messages print them. */
static const char *dtype_name(int32_t dtype)
{
    switch (dtype) {
    case IC_DTYPE_FLOAT32:
        return "Float";
    case IC_DTYPE_FLOAT64:
        return "Double";
    case IC_DTYPE_UINT8:
        return "Byte";
    case IC_DTYPE_INT32:
        return "Int";
    case IC_DTYPE_FLOAT16:
        return "Half";
    case IC_DTYPE_BFLOAT16:
        return "BFloat16";
    default:
        return "Unknown";
    }
}

/* Writes "[a, b, c]" (IntArrayRef / Python list formatting) into buf. */
static void format_list(char *buf, size_t len, const int64_t *v, int n)
{
    size_t used = 0;
    int i;

    buf[0] = '\0';
    used += (size_t)snprintf(buf, len, "[");
    for (i = 0; i < n && used < len; i++) {
        used += (size_t)snprintf(buf + used, len - used, "%s%lld", i ? ", " : "", (long long)v[i]);
    }
    if (used < len) {
        snprintf(buf + used, len - used, "]");
    }
}

static void format_dlist(char *buf, size_t len, const double *v, int n)
{
    size_t used = 0;
    int i;

    buf[0] = '\0';
    used += (size_t)snprintf(buf, len, "[");
    for (i = 0; i < n && used < len; i++) {
        used += (size_t)snprintf(buf + used, len - used, "%s%.17g", i ? ", " : "", v[i]);
    }
    if (used < len) {
        snprintf(buf + used, len - used, "]");
    }
}

static int mode_is(const char *mode, const char *name)
{
    return mode != NULL && strcmp(mode, name) == 0;
}

/* The ATen op interpolate() calls for (ndim, mode), or NULL when it raises instead. */
static const char *op_name(int ndim, const char *mode, int antialias)
{
    static const char *const nearest[] = {"upsample_nearest1d", "upsample_nearest2d",
                                          "upsample_nearest3d"};
    static const char *const exact[] = {"_upsample_nearest_exact1d", "_upsample_nearest_exact2d",
                                        "_upsample_nearest_exact3d"};
    static const char *const area[] = {"adaptive_avg_pool1d", "adaptive_avg_pool2d",
                                       "adaptive_avg_pool3d"};

    if (ndim < 3 || ndim > 5) {
        return NULL;
    }
    if (mode_is(mode, "nearest")) {
        return nearest[ndim - 3];
    }
    if (mode_is(mode, "nearest-exact")) {
        return exact[ndim - 3];
    }
    if (mode_is(mode, "area")) {
        return area[ndim - 3];
    }
    if (ndim == 3 && mode_is(mode, "linear")) {
        return "upsample_linear1d";
    }
    if (ndim == 4 && mode_is(mode, "bilinear")) {
        return antialias ? "_upsample_bilinear2d_aa" : "upsample_bilinear2d";
    }
    if (ndim == 5 && mode_is(mode, "trilinear")) {
        return "upsample_trilinear3d";
    }
    if (ndim == 4 && mode_is(mode, "bicubic")) {
        return antialias ? "_upsample_bicubic2d_aa" : "upsample_bicubic2d";
    }
    return NULL;
}

/* The NotImplementedError interpolate() raises when op_name() is NULL (functional.py). */
static int32_t dispatch_error(int ndim, const char *mode, char *msg, size_t len)
{
    static const struct {
        int ndim;
        const char *mode;
        const char *text;
    } table[] = {
        {3, "bilinear", "Got 3D input, but bilinear mode needs 4D input"},
        {3, "trilinear", "Got 3D input, but trilinear mode needs 5D input"},
        {4, "linear", "Got 4D input, but linear mode needs 3D input"},
        {4, "trilinear", "Got 4D input, but trilinear mode needs 5D input"},
        {5, "linear", "Got 5D input, but linear mode needs 3D input"},
        {5, "bilinear", "Got 5D input, but bilinear mode needs 4D input"},
    };
    size_t k;

    for (k = 0; k < sizeof table / sizeof table[0]; k++) {
        if (table[k].ndim == ndim && mode_is(mode, table[k].mode)) {
            icr_set_msg(msg, len, "%s", table[k].text);
            return IC_ERR_NOT_IMPLEMENTED;
        }
    }
    icr_set_msg(msg, len,
                "Input Error: Only 3D, 4D and 5D input Tensors supported (got %dD) for the "
                "modes: nearest | linear | bilinear | bicubic | trilinear | area | "
                "nearest-exact (got %s)",
                ndim, mode != NULL ? mode : "None");
    return IC_ERR_NOT_IMPLEMENTED;
}

/* upsample_{1,2,3}d_common_check (UpSample.h): every spatial size must be > 0. */
static int32_t common_size_check(const ic_tensor *in, int nsp, const int64_t *out, char *msg,
                                 size_t len)
{
    const int64_t *is = in->shape + 2;
    int k;

    for (k = 0; k < nsp; k++) {
        if (is[k] <= 0 || out[k] <= 0) {
            break;
        }
    }
    if (k == nsp) {
        return IC_OK;
    }
    if (nsp == 1) {
        icr_set_msg(msg, len,
                    "Input and output sizes should be greater than 0, but got input (W: %lld) "
                    "and output (W: %lld)",
                    (long long)is[0], (long long)out[0]);
    } else if (nsp == 2) {
        icr_set_msg(msg, len,
                    "Input and output sizes should be greater than 0, but got input (H: %lld, "
                    "W: %lld) output (H: %lld, W: %lld)",
                    (long long)is[0], (long long)is[1], (long long)out[0], (long long)out[1]);
    } else {
        icr_set_msg(msg, len,
                    "Input and output sizes should be greater than 0, but got input (D: %lld, "
                    "H: %lld, W: %lld) output (D: %lld, H: %lld, W: %lld)",
                    (long long)is[0], (long long)is[1], (long long)is[2], (long long)out[0],
                    (long long)out[1], (long long)out[2]);
    }
    return IC_ERR_RUNTIME;
}

/* computeStorageNbytesContiguous (EmptyTensor.cpp): the output byte count must fit int64. */
static int32_t storage_check(const ic_tensor *in, int nsp, const int64_t *out, char *msg,
                             size_t len)
{
    int64_t shape[IC_MAX_DIMS];
    int64_t bytes = (int64_t)icr_dtype_size(in->dtype);
    char buf[256];
    int k;

    shape[0] = in->shape[0];
    shape[1] = in->shape[1];
    for (k = 0; k < nsp; k++) {
        shape[2 + k] = out[k];
    }
    for (k = 0; k < nsp + 2; k++) {
        int64_t s = shape[k] < 0 ? 0 : shape[k];
        /* the overflow flag is sticky (c10::safe_multiply_u64), so check every step */
        if (s != 0 && bytes > INT64_MAX / s) {
            format_list(buf, sizeof buf, shape, nsp + 2);
            icr_set_msg(msg, len, "Storage size calculation overflowed with sizes=%s", buf);
            return IC_ERR_RUNTIME;
        }
        bytes *= s;
    }
    return IC_OK;
}

/* Kernel dtype dispatch of the upsample ops (UpSampleKernel.cpp, 1.13 and 2.14). */
static int32_t upsample_dtype_check(const icr_rules *ru, int32_t dtype, int mode, int antialias,
                                    int nsp, char *msg, size_t len)
{
    const char *fn = "compute_indices_weights_nearest";

    if (dtype == IC_DTYPE_FLOAT32 || dtype == IC_DTYPE_FLOAT64) {
        return IC_OK;
    }
    if (dtype == IC_DTYPE_UINT8 && (mode == ICR_MODE_NEAREST || mode == ICR_MODE_NEAREST_EXACT)) {
        return IC_OK;
    }
    if (ru->wider_dtypes) {
        /* 2.x: Half and BFloat16 without antialias, Byte for bilinear / bicubic (4-D, with
         * or without antialias) */
        if ((dtype == IC_DTYPE_FLOAT16 || dtype == IC_DTYPE_BFLOAT16) && !antialias) {
            return IC_OK;
        }
        if (dtype == IC_DTYPE_UINT8 &&
            ((mode == ICR_MODE_LINEAR && nsp == 2) || mode == ICR_MODE_CUBIC)) {
            return IC_OK;
        }
    } else if (dtype == IC_DTYPE_BFLOAT16 && !antialias && mode != ICR_MODE_NEAREST_EXACT) {
        return IC_OK; /* 1.13's upsample kernels take BFloat16, except nearest-exact's */
    }
    if (antialias) {
        fn = ru->wider_dtypes ? "compute_index_ranges_weights" : "compute_indices_weights_aa";
    } else if (mode == ICR_MODE_LINEAR) {
        fn = "compute_indices_weights_linear";
    } else if (mode == ICR_MODE_CUBIC) {
        fn = "compute_indices_weights_cubic";
    }
    icr_set_msg(msg, len, "\"%s\" not implemented for '%s'", fn, dtype_name(dtype));
    return ru->dtype_error;
}

/* adaptive_avg_pool{1,2,3}d (AdaptiveAveragePooling*.cpp, 1.13) checks. */
static int32_t area_checks(const icr_rules *ru, const ic_tensor *in, int nsp, const int64_t *out,
                           char *msg, size_t len)
{
    int64_t shape[IC_MAX_DIMS];
    char buf[256];
    int all_ones = 1;
    int k, nd;

    for (k = 0; k < nsp; k++) {
        all_ones = all_ones && out[k] == 1;
    }
    if (nsp <= 2) {
        int64_t oh = nsp == 1 ? 1 : out[0];
        int64_t ow = out[nsp - 1];
        if (oh < 0 || ow < 0) {
            icr_set_msg(msg, len,
                        "adaptive_avg_pool2d: elements of output_size must be greater than or "
                        "equal to 0 but received {%lld, %lld}",
                        (long long)oh, (long long)ow);
            return IC_ERR_RUNTIME;
        }
    } else if (out[0] < 0 || out[1] < 0 || out[2] < 0) {
        /* sic: the 3-D check prints "2d" and no space before the last number. */
        icr_set_msg(msg, len,
                    "adaptive_avg_pool2d: elements of output_size must be greater than or "
                    "equal to 0 but received {%lld, %lld,%lld}",
                    (long long)out[0], (long long)out[1], (long long)out[2]);
        return IC_ERR_RUNTIME;
    }
    if (all_ones) {
        /* The output is input.mean(spatial dims): no emptiness check, mean's dtype rule. */
        if (in->dtype == IC_DTYPE_UINT8 || in->dtype == IC_DTYPE_INT32) {
            icr_set_msg(msg, len,
                        "mean(): could not infer output dtype. Input dtype must be either a "
                        "floating point or complex dtype. Got: %s",
                        dtype_name(in->dtype));
            return IC_ERR_RUNTIME;
        }
        return IC_OK;
    }
    /* Shape as the pooling op sees it: 1-D input is unsqueezed to (N, C, 1, L). */
    nd = in->ndim;
    for (k = 0; k < nd; k++) {
        shape[k] = in->shape[k];
    }
    if (nsp == 1) {
        shape[3] = shape[2];
        shape[2] = 1;
        nd = 4;
    }
    for (k = (nsp == 3 ? 1 : nd - 2); k < nd; k++) {
        if (shape[k] <= 0) {
            format_list(buf, sizeof buf, shape, nd);
            icr_set_msg(msg, len,
                        "adaptive_avg_pool%dd(): Expected input to have non-zero size for "
                        "non-batch dimensions, but input has sizes %s with dimension %d being "
                        "empty",
                        nsp == 3 ? 3 : 2, buf, k);
            return IC_ERR_RUNTIME;
        }
    }
    if (storage_check(in, nsp, out, msg, len) != IC_OK) {
        return IC_ERR_RUNTIME;
    }
    /* the 2-D pool (1-D / 2-D) returns an empty output before its dtype dispatch (measured,
     * 1.13.1 and 2.14.1: uint8, int32, 1.13's float16 with N, C or an output size 0) */
    if (nsp < 3 && (in->shape[0] == 0 || in->shape[1] == 0 || out[0] == 0 || out[nsp - 1] == 0)) {
        return IC_OK;
    }
    if (in->dtype != IC_DTYPE_FLOAT32 && in->dtype != IC_DTYPE_FLOAT64 &&
        /* 1.13: the 2-D pool takes BFloat16, the 3-D one Half; 2.x both */
        !(in->dtype == IC_DTYPE_BFLOAT16 && (ru->wider_dtypes || nsp < 3)) &&
        !(in->dtype == IC_DTYPE_FLOAT16 && (ru->wider_dtypes || nsp == 3))) {
        icr_set_msg(msg, len, "\"%s\" not implemented for '%s'",
                    nsp == 3 ? "adaptive_avg_pool3d_cpu" : "adaptive_avg_pool2d",
                    dtype_name(in->dtype));
        return ru->dtype_error;
    }
    return IC_OK;
}

/**
 * Validates a call exactly as torch 1.13.1 does and fills call with what reaches the kernel.
 * Returns IC_OK or the ic_status category of the exception torch raises (message in msg).
 */
int32_t icr_validate(const icr_rules *rules, const ic_tensor *in, const ic_args *a, icr_call *call,
                     char *msg, size_t len)
{
    const char *mode = a->mode;
    int ndim = in->ndim;
    int dim = ndim - 2;
    int nsp = dim < 0 ? 0 : (dim > IC_MAX_DIMS ? IC_MAX_DIMS : dim);
    int size_given = a->size_len != IC_NONE;
    int scale_given = a->scale_len != IC_NONE;
    int recompute = a->recompute_scale_factor;
    int64_t out[IC_MAX_DIMS];
    double recomputed[IC_MAX_DIMS];
    double scales[IC_MAX_DIMS];
    int have_recomputed = 0;
    const char *op;
    char b1[256], b2[256];
    int k;
    int32_t st;

    memset(call, 0, sizeof *call);
    call->rules = rules;
    if (ndim < 0 || ndim > IC_MAX_DIMS) {
        icr_set_msg(msg, len, "tensor rank %d outside 0..%d", ndim, IC_MAX_DIMS);
        return IC_ERR_INTERNAL;
    }
    /* 1. functional.py: align_corners only with the interpolating modes. */
    if (mode_is(mode, "nearest") || mode_is(mode, "area") || mode_is(mode, "nearest-exact")) {
        if (a->align_corners != IC_NONE) {
            icr_set_msg(msg, len,
                        "align_corners option can only be set with the interpolating modes: "
                        "linear | bilinear | bicubic | trilinear");
            return IC_ERR_VALUE;
        }
        call->align_corners = 0;
    } else {
        call->align_corners = a->align_corners == 1;
    }
    /* 3. size and scale_factor: exactly one, as a number or a list of length dim. */
    format_list(b1, sizeof b1, in->shape + (ndim >= 2 ? 2 : ndim), nsp);
    if (size_given && scale_given) {
        icr_set_msg(msg, len, "only one of size or scale_factor should be defined");
        return IC_ERR_VALUE;
    } else if (size_given) {
        if (a->size_len > 0 && a->size_len != dim) {
            format_list(b2, sizeof b2, a->size, a->size_len);
            icr_set_msg(msg, len,
                        "Input and output must have the same number of spatial dimensions, but "
                        "got input with spatial dimensions of %s and output size of %s. Please "
                        "provide input tensor in (N, C, d1, d2, ...,dK) format and output size "
                        "in (o1, o2, ...,oK) format.",
                        b1, b2);
            return IC_ERR_VALUE;
        }
        for (k = 0; k < nsp; k++) {
            out[k] = a->size[a->size_len > 0 ? k : 0];
        }
    } else if (scale_given) {
        if (a->scale_len > 0 && a->scale_len != dim) {
            format_dlist(b2, sizeof b2, a->scale_factor, a->scale_len);
            icr_set_msg(msg, len,
                        "Input and scale_factor must have the same number of spatial "
                        "dimensions, but got input with spatial dimensions of %s and "
                        "scale_factor of shape %s. Please provide input tensor in (N, C, d1, "
                        "d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.",
                        b1, b2);
            return IC_ERR_VALUE;
        }
        for (k = 0; k < nsp; k++) {
            scales[k] = a->scale_factor[a->scale_len > 0 ? k : 0];
        }
    } else {
        icr_set_msg(msg, len, "either size or scale_factor should be defined");
        return IC_ERR_VALUE;
    }
    /* 4. recompute_scale_factor=True is refused with an explicit size. */
    if (recompute == 1 && size_given) {
        icr_set_msg(msg, len, "recompute_scale_factor is not meaningful with an explicit size.");
        return IC_ERR_VALUE;
    }
    /* 5. area with a scale always recomputes (adaptive pooling only takes sizes). */
    if (mode_is(mode, "area") && !size_given) {
        recompute = 1;
    }
    /* 6. Python: int(math.floor(float(in) * s)) (1.13), sym_int(in * s) (2.x); the kernel
     * then never sees the scale. */
    if (recompute == 1) {
        for (k = 0; k < nsp; k++) {
            /* 2.x: sym_int(), which truncates toward zero */
            double v = rules->recompute_trunc ? trunc((double)in->shape[k + 2] * scales[k])
                                              : floor((double)in->shape[k + 2] * scales[k]);
            if (isnan(v)) {
                icr_set_msg(msg, len, "cannot convert float NaN to integer");
                return IC_ERR_VALUE;
            }
            if (isinf(v)) {
                icr_set_msg(msg, len, "cannot convert float infinity to integer");
                return IC_ERR_OVERFLOW;
            }
            recomputed[k] = v;
        }
        have_recomputed = 1;
    }
    /* 7. antialias: bilinear / bicubic on 4-D input only (checked after the sizes). */
    if (a->antialias && !((mode_is(mode, "bilinear") || mode_is(mode, "bicubic")) && ndim == 4)) {
        icr_set_msg(msg, len,
                    "Anti-alias option is only supported for bilinear and bicubic "
                    "modes");
        return IC_ERR_VALUE;
    }
    /* 8. dispatch by (ndim, mode). */
    op = op_name(ndim, mode, a->antialias);
    if (op == NULL) {
        return dispatch_error(ndim, mode, msg, len);
    }
    /* 9. The C++ argument binding: sizes must be ints that a SymInt can hold. */
    if (size_given && a->size_is_float) {
        /* the ops that take align_corners have a bool before the scales */
        int has_ac =
            !(mode_is(mode, "nearest") || mode_is(mode, "nearest-exact") || mode_is(mode, "area"));
        icr_set_msg(msg, len,
                    "%s() received an invalid combination of arguments - got (Tensor, list, "
                    "%sNoneType), but expected one of:",
                    op, has_ac ? "bool, " : "");
        return IC_ERR_TYPE;
    }
    for (k = 0; k < nsp; k++) {
        int bad;
        if (have_recomputed) {
            bad = !(recomputed[k] >= (double)ICR_SYMINT_MIN &&
                    recomputed[k] < 9223372036854775808.0);
        } else {
            bad = size_given && out[k] < ICR_SYMINT_MIN;
        }
        if (bad) {
            icr_set_msg(msg, len,
                        "%s(): argument 'output_size' must be tuple of SymInts, but found "
                        "element of type int at pos %d",
                        op, k + 1);
            return IC_ERR_TYPE;
        }
    }
    if (have_recomputed) {
        for (k = 0; k < nsp; k++) {
            out[k] = (int64_t)recomputed[k];
        }
    }
    call->nsp = nsp;
    call->antialias = a->antialias != 0;
    for (k = 0; k < nsp; k++) {
        call->has_scale[k] = !size_given && !have_recomputed;
        call->scale[k] = call->has_scale[k] ? scales[k] : 0.0;
    }
    if (mode_is(mode, "area")) {
        call->mode = ICR_MODE_AREA;
        for (k = 0; k < nsp; k++) {
            call->out[k] = out[k];
        }
        return area_checks(rules, in, nsp, out, msg, len);
    }
    if (mode_is(mode, "nearest")) {
        call->mode = ICR_MODE_NEAREST;
    } else if (mode_is(mode, "nearest-exact")) {
        call->mode = ICR_MODE_NEAREST_EXACT;
    } else if (mode_is(mode, "bicubic")) {
        call->mode = ICR_MODE_CUBIC;
    } else {
        call->mode = ICR_MODE_LINEAR;
    }
    /* 10. upsample::compute_output_size: (int64_t)(double(in) * scale), then the SymInt
     * conversion of the resulting IntArrayRef. */
    if (!size_given && !have_recomputed) {
        for (k = 0; k < nsp; k++) {
            out[k] = icr_output_size_from_scale(in->shape[k + 2], scales[k]);
        }
    }
    for (k = 0; k < nsp; k++) {
        if (out[k] < ICR_SYMINT_MIN) {
            icr_set_msg(msg, len,
                        "IntArrayRef contains an int that cannot be represented as a SymInt: "
                        "%lld",
                        (long long)out[k]);
            return IC_ERR_RUNTIME;
        }
        call->out[k] = out[k];
    }
    /* 11. Meta function: sizes > 0, then "Non-empty" (N == 0 is allowed, C == 0 is not). */
    st = common_size_check(in, nsp, out, msg, len);
    if (st != IC_OK) {
        return st;
    }
    if (in->shape[1] == 0) {
        format_list(b1, sizeof b1, in->shape, ndim);
        icr_set_msg(msg, len, "Non-empty %dD data tensor expected but got a tensor with sizes %s",
                    ndim, b1);
        return IC_ERR_RUNTIME;
    }
    st = storage_check(in, nsp, out, msg, len);
    if (st != IC_OK) {
        return st;
    }
    /* 12. Kernel dtype dispatch. */
    return upsample_dtype_check(rules, in->dtype, call->mode, call->antialias, nsp, msg, len);
}
