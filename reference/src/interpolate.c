/* interpolate.c - the public entry points: validation, then the kernel torch 1.13.1 would
 * run for this call, chosen by mode, dtype and the input's memory layout.
 */
#include <stdlib.h>
#include <string.h>

#include "icref.h"
#include "icr_internal.h"

/**
 * TensorImpl::compute_channels_last_contiguous_2d / _3d (1.13): walking C, then the spatial
 * axes from last to first, then N, every dimension of size != 1 must have the stride of a
 * dense channels-last tensor. Size-1 dimensions are ignored, so every C=1 tensor and every
 * H=W=1 tensor is channels-last contiguous (and then takes the channels-last kernels).
 */
int icr_is_channels_last_contiguous(const ic_tensor *t)
{
    static const int order4[] = {1, 3, 2, 0};
    static const int order5[] = {1, 4, 3, 2, 0};
    const int *order;
    int64_t expected = 1;
    int k;

    if (t->ndim == 4) {
        order = order4;
    } else if (t->ndim == 5) {
        order = order5;
    } else {
        return 0;
    }
    for (k = 0; k < t->ndim; k++) {
        int d = order[k];
        if (t->shape[d] != 1) {
            if (t->strides[d] != expected) {
                return 0;
            }
            expected *= t->shape[d];
        }
    }
    return 1;
}

/**
 * is_channels_last_strides_2d_s4 (c10/core/MemoryFormat.h, 1.13), the rule behind
 * suggest_memory_format(): used by adaptive_avg_pool2d to pick its channels-last kernel.
 */
int icr_is_channels_last_strides_2d(int ndim, const int64_t *sizes, const int64_t *strides)
{
    static const int order[] = {1, 3, 2, 0};
    int64_t min = 0;
    int k;

    if (ndim != 4 || strides[1] == 0) {
        return 0;
    }
    for (k = 0; k < 4; k++) {
        int d = order[k];
        if (sizes[d] == 0) {
            return 0;
        }
        if (strides[d] < min) {
            return 0;
        }
        /* N111 with equal strides falls back to NCHW */
        if (d == 0 && min == strides[1]) {
            return 0;
        }
        min = strides[d];
        if (sizes[d] > 1) {
            min *= sizes[d];
        }
    }
    return 1;
}

/**
 * Validates the call as the torch of sem does and computes the output shape.
 */
int32_t icr_output_shape_ex(const icr_semantics *sem, const ic_tensor *in, const ic_args *args,
                            int32_t *out_ndim, int64_t out_shape[IC_MAX_DIMS], char *msg,
                            size_t msg_len)
{
    icr_rules rules;
    icr_call call;
    int32_t st;
    int k;

    if (msg != NULL && msg_len > 0) {
        msg[0] = '\0';
    }
    st = icr_rules_from(sem, &rules, msg, msg_len);
    if (st != IC_OK) {
        return st;
    }
    st = icr_validate(&rules, in, args, &call, msg, msg_len);
    if (st != IC_OK) {
        return st;
    }
    *out_ndim = in->ndim;
    out_shape[0] = in->shape[0];
    out_shape[1] = in->shape[1];
    for (k = 0; k < call.nsp; k++) {
        out_shape[2 + k] = call.out[k];
    }
    return IC_OK;
}

/* float16 / bfloat16 in this mode computed bit-exactly by the reference (rules.half_modes) */
static int icr_half_supported(const icr_rules *r, const icr_call *call, const ic_tensor *in,
                              int all_ones)
{
    int mode = call->mode;

    if (mode == ICR_MODE_NEAREST || mode == ICR_MODE_NEAREST_EXACT) {
        return (r->half_modes & ICR_HALF_NEAREST) != 0;
    }
    if (mode == ICR_MODE_AREA) {
        /* an all-ones output is input.mean() (mean.c): 2.x only */
        return all_ones ? (r->half_modes & ICR_HALF_MEAN_FLOAT) != 0
                        : (r->half_modes & ICR_HALF_AREA) != 0;
    }
    if (mode == ICR_MODE_LINEAR) {
        /* no what-if departure; 1.13: bfloat16 only */
        if (call->antialias || r->whatif != 0) {
            return 0;
        }
        return (r->half_modes & ICR_HALF_LINEAR_OPMATH) != 0 ||
               ((r->half_modes & ICR_HALF_LINEAR_BF16_SCALAR) != 0 &&
                in->dtype == IC_DTYPE_BFLOAT16);
    }
    if (mode == ICR_MODE_CUBIC) {
        return (r->half_modes & ICR_HALF_CUBIC_OPMATH ||
                (r->half_modes & ICR_HALF_CUBIC_BF16_SCALAR && in->dtype == IC_DTYPE_BFLOAT16)) &&
               !call->antialias && r->whatif == 0;
    }
    return 0;
}

/* input.mean() of a float16 / bfloat16 area call in float (the summation order of the
 * widened input's strides, mean.c), rounded once (ICR_HALF_MEAN_FLOAT) */
static int32_t mean_kernel(const icr_geom *f, const void *in)
{
    return icr_mean(f, in);
}

static int32_t mean_half(const icr_geom *g, const ic_tensor *in)
{
    return icr_half_via_float(g, 0, mean_kernel, in);
}

static void fill_geom(icr_geom *g, const ic_tensor *in, const ic_tensor *out, int nsp)
{
    int k;

    memset(g, 0, sizeof *g);
    g->f32 = in->dtype == IC_DTYPE_FLOAT32;
    g->esize = icr_dtype_size(in->dtype);
    g->dtype = in->dtype;
    g->nsp = nsp;
    g->n = in->shape[0];
    g->c = in->shape[1];
    g->is_n = in->strides[0];
    g->is_c = in->strides[1];
    g->os_n = out->strides[0];
    g->os_c = out->strides[1];
    for (k = 0; k < nsp; k++) {
        g->in[k] = in->shape[2 + k];
        g->out[k] = out->shape[2 + k];
        g->is[k] = in->strides[2 + k];
        g->os[k] = out->strides[2 + k];
    }
    g->src = in->data;
    g->dst = out->data;
}

/** Validates the call as the newest torch does and computes the output shape. */
int32_t icr_output_shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                         int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    return icr_output_shape_ex(NULL, in, args, out_ndim, out_shape, msg, msg_len);
}

/** Computes interpolate(in, args) into out as the newest torch does. */
int32_t icr_interpolate(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                        size_t msg_len)
{
    return icr_interpolate_ex(NULL, in, args, out, msg, msg_len);
}

/**
 * Computes interpolate(in, args) into out, bit-exact with the torch of sem on CPU (default
 * capability, one thread).
 */
int32_t icr_interpolate_ex(const icr_semantics *sem, const ic_tensor *in, const ic_args *args,
                           const ic_tensor *out, char *msg, size_t msg_len)
{
    icr_rules rules;
    icr_call call;
    icr_geom g;
    int32_t st;
    int64_t numel = 1;
    int all_ones = 1;
    int k;

    if (msg != NULL && msg_len > 0) {
        msg[0] = '\0';
    }
    st = icr_rules_from(sem, &rules, msg, msg_len);
    if (st != IC_OK) {
        return st;
    }
    st = icr_validate(&rules, in, args, &call, msg, msg_len);
    if (st != IC_OK) {
        return st;
    }
    if (out->dtype != in->dtype || out->ndim != in->ndim || out->shape[0] != in->shape[0] ||
        out->shape[1] != in->shape[1]) {
        icr_set_msg(msg, msg_len, "output tensor does not match the call's dtype or shape");
        return IC_ERR_INTERNAL;
    }
    for (k = 0; k < call.nsp; k++) {
        if (out->shape[2 + k] != call.out[k]) {
            icr_set_msg(msg, msg_len, "output spatial size %d is %lld, expected %lld", k,
                        (long long)out->shape[2 + k], (long long)call.out[k]);
            return IC_ERR_INTERNAL;
        }
        numel *= call.out[k];
        all_ones = all_ones && call.out[k] == 1;
    }
    numel *= in->shape[0] * in->shape[1];
    if (numel == 0) {
        return IC_OK; /* N == 0, or area with C == 0 or an output size of 0 */
    }
    if (in->dtype == IC_DTYPE_INT32 ||
        ((in->dtype == IC_DTYPE_FLOAT16 || in->dtype == IC_DTYPE_BFLOAT16) &&
         !icr_half_supported(&rules, &call, in, all_ones))) {
        /* torch accepts float16 for area's mean path, and bfloat16 (and 2.x float16) in most
         * kernels; the reference computes them only where it is bit-exact (rules.half_modes):
         * nearest, nearest-exact, area (but its mean path), the linear modes' generic kernel. */
        icr_set_msg(msg, msg_len, "dtype not implemented by the reference");
        return IC_UNSUPPORTED;
    }
    fill_geom(&g, in, out, call.nsp);
    if (in->dtype == IC_DTYPE_UINT8 &&
        (call.mode == ICR_MODE_LINEAR || call.mode == ICR_MODE_CUBIC)) {
        /* 2.x only (validation refuses it in 1.13): uint8 bilinear / bicubic, with or without
         * antialias, separable with int16 weights (DEFAULT dispatch) */
        st = icr_separable_u8(&g, &call,
                              icr_is_channels_last_strides_2d(in->ndim, in->shape, in->strides));
        if (st == IC_ERR_INTERNAL) {
            icr_set_msg(msg, msg_len, "out of memory");
        }
        return st;
    }
    switch (call.mode) {
    case ICR_MODE_NEAREST:
    case ICR_MODE_NEAREST_EXACT:
        /* upsample_nearest{2,3}d_kernel_impl: channels-last kernel when the input is
         * channels-last contiguous (4-D/5-D only), else the generic TensorIterator one. */
        st = icr_nearest(&g, &call, icr_use_channels_last_kernel(&rules, call.mode, in, call.out));
        break;
    case ICR_MODE_LINEAR:
        if (g.esize == 2) {
            int in_t = (rules.half_modes & ICR_HALF_LINEAR_BF16_SCALAR) != 0;
            if (!icr_use_channels_last_kernel(&rules, call.mode, in, call.out)) {
                st = icr_linear_half(&g, &call, in_t);
            } else {
                st = in_t ? icr_linear_bf16_cl(&g, &call) : icr_linear_half_cl(&g, &call);
            }
        } else if (call.antialias) {
            /* _upsample_bilinear2d_aa: separable generic kernel for every layout */
            st = icr_antialias(&g, &call,
                               icr_is_channels_last_strides_2d(in->ndim, in->shape, in->strides));
        } else if (icr_use_channels_last_kernel(&rules, call.mode, in, call.out)) {
            /* upsample_{bi,tri}linear*_kernel_impl: cpu_upsample_linear_channels_last */
            st = icr_linear_channels_last(&g, &call);
        } else {
            st = icr_linear_generic(&g, &call);
        }
        break;
    case ICR_MODE_CUBIC:
        st = g.esize == 2
                 ? icr_cubic_half(&g, &call, (rules.half_modes & ICR_HALF_CUBIC_BF16_SCALAR) != 0)
             : call.antialias
                 ? icr_antialias(&g, &call,
                                 icr_is_channels_last_strides_2d(in->ndim, in->shape, in->strides))
                 : icr_cubic(&g, &call);
        break;
    default:
        if (g.esize == 2 && all_ones) {
            /* 2.x mean_out for Half / BFloat16: cast to float, sum, divide, cast back */
            st = mean_half(&g, in);
        } else if (g.esize == 2) {
            /* float16 / bfloat16 */
            st = icr_area_half(&g, &call,
                               call.nsp == 2 && icr_is_channels_last_strides_2d(
                                                    in->ndim, in->shape, in->strides));
        } else if (all_ones) {
            /* adaptive_avg_pool{1,2,3}d: an all-ones output is input.mean(spatial dims) */
            st = icr_mean(&g, in);
        } else {
            st = icr_area(&g, &call,
                          call.nsp == 2 &&
                              icr_is_channels_last_strides_2d(in->ndim, in->shape, in->strides));
        }
        break;
    }
    if (st == IC_ERR_INTERNAL) {
        icr_set_msg(msg, msg_len, "out of memory");
    }
    return st;
}
