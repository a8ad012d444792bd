/* tp_common.h - plumbing shared by the third-party adapters (ports/thirdparty/): torch's
 * argument arithmetic that happens before any kernel (output size, the scale that reaches the
 * kernel), copying a strided input into the dense order a library reads, and messages.
 *
 * Nothing here changes what a library computes: it only prepares the library's inputs the way
 * a port author calling that library from a torch-like front end would. Header-only, C99 and
 * C++ (static functions, used or not).
 */
#ifndef TP_COMMON_H
#define TP_COMMON_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ic_port.h"

#if defined(__GNUC__)
#define TP_UNUSED __attribute__((unused))
#else
#define TP_UNUSED
#endif

/* One line of detail into the harness's message buffer; returns st for `return tp_msg(...)`. */
TP_UNUSED static int32_t tp_msg(char *msg, size_t len, int32_t st, const char *fmt, ...)
{
    va_list ap;
    if (msg != NULL && len > 0) {
        va_start(ap, fmt);
        vsnprintf(msg, len, fmt, ap);
        va_end(ap);
    }
    return st;
}

/* Number of spatial dimensions (input rank minus N and C). */
TP_UNUSED static int32_t tp_nspatial(const ic_tensor *in)
{
    return in->ndim - 2;
}

/* The user's size for spatial axis k (k >= 2), or -1 when size is None. */
TP_UNUSED static int64_t tp_user_size(const ic_args *a, int32_t k)
{
    if (a->size_len == IC_NONE) {
        return -1;
    }
    return a->size[a->size_len == 0 ? 0 : k - 2];
}

/* The user's scale_factor for spatial axis k, or 0 when scale_factor is None. */
TP_UNUSED static double tp_user_scale(const ic_args *a, int32_t k)
{
    if (a->scale_len == IC_NONE) {
        return 0.0;
    }
    return a->scale_factor[a->scale_len == 0 ? 0 : k - 2];
}

/* 1 when the user's scale reaches torch's kernel (scale given, recompute_scale_factor not
   True): torch then uses 1/scale, not in/out, for the source coordinate. */
TP_UNUSED static int tp_scale_reaches_kernel(const ic_args *a)
{
    return a->scale_len != IC_NONE && a->recompute_scale_factor != 1;
}

/* torch's output size along spatial axis k (functional.py): the size, or in * scale computed in
   double and truncated toward zero. That is torch 2.14's rule (vectors/DRIFT.md, "area output
   size truncated toward zero"); 1.13 floors, which agrees for every product it accepts. */
TP_UNUSED static int64_t tp_torch_size(const ic_tensor *in, const ic_args *a, int32_t k)
{
    if (a->size_len != IC_NONE) {
        return tp_user_size(a, k);
    }
    return (int64_t)((double)in->shape[k] * tp_user_scale(a, k));
}

/* Fills out_shape with N, C and torch's spatial sizes. */
TP_UNUSED static void tp_torch_shape(const ic_tensor *in, const ic_args *a, int32_t *nd,
                                     int64_t *sh)
{
    *nd = in->ndim;
    for (int32_t k = 0; k < in->ndim; k++) {
        sh[k] = k < 2 ? in->shape[k] : tp_torch_size(in, a, k);
    }
}

TP_UNUSED static size_t tp_dtype_size(int32_t dtype)
{
    switch (dtype) {
    case IC_DTYPE_FLOAT64:
        return 8;
    case IC_DTYPE_UINT8:
        return 1;
    case IC_DTYPE_FLOAT16:
    case IC_DTYPE_BFLOAT16:
        return 2;
    default:
        return 4;
    }
}

TP_UNUSED static int64_t tp_numel(const ic_tensor *t)
{
    int64_t n = 1;
    for (int32_t k = 0; k < t->ndim; k++) {
        n *= t->shape[k];
    }
    return n;
}

/* Copies a strided tensor into a new dense buffer in the order given by perm (perm[0] is the
   outermost axis): {0,1,2,3} is NCHW, {0,2,3,1} is NHWC. Returns NULL when out of memory. */
TP_UNUSED static void *tp_gather(const ic_tensor *t, const int32_t *perm)
{
    size_t es = tp_dtype_size(t->dtype);
    int64_t n = tp_numel(t);
    unsigned char *dst = (unsigned char *)malloc((size_t)(n > 0 ? n : 1) * es);
    const unsigned char *src = (const unsigned char *)t->data;
    int64_t idx[IC_MAX_DIMS] = {0};

    if (dst == NULL) {
        return NULL;
    }
    for (int64_t e = 0; e < n; e++) {
        int64_t off = 0;
        for (int32_t k = 0; k < t->ndim; k++) {
            off += idx[perm[k]] * t->strides[perm[k]];
        }
        memcpy(dst + (size_t)e * es, src + (size_t)off * es, es);
        for (int32_t k = t->ndim - 1; k >= 0; k--) {
            if (++idx[perm[k]] < t->shape[perm[k]]) {
                break;
            }
            idx[perm[k]] = 0;
        }
    }
    return dst;
}

/* Identity permutation of rank nd (dense row-major order). */
TP_UNUSED static void tp_perm_rowmajor(int32_t nd, int32_t *perm)
{
    for (int32_t k = 0; k < nd; k++) {
        perm[k] = k;
    }
}

/* Channels-last permutation of rank nd: N, spatial..., C. */
TP_UNUSED static void tp_perm_channels_last(int32_t nd, int32_t *perm)
{
    perm[0] = 0;
    for (int32_t k = 2; k < nd; k++) {
        perm[k - 1] = k;
    }
    perm[nd - 1] = 1;
}

/* Writes a dense buffer laid out in perm order into the harness's contiguous output. */
TP_UNUSED static void tp_scatter(const void *src_buf, const ic_tensor *out, const int32_t *perm)
{
    size_t es = tp_dtype_size(out->dtype);
    int64_t n = tp_numel(out);
    const unsigned char *src = (const unsigned char *)src_buf;
    unsigned char *dst = (unsigned char *)out->data;
    int64_t idx[IC_MAX_DIMS] = {0};

    for (int64_t e = 0; e < n; e++) {
        int64_t off = 0;
        for (int32_t k = 0; k < out->ndim; k++) {
            off += idx[perm[k]] * out->strides[perm[k]];
        }
        memcpy(dst + (size_t)off * es, src + (size_t)e * es, es);
        for (int32_t k = out->ndim - 1; k >= 0; k--) {
            if (++idx[perm[k]] < out->shape[perm[k]]) {
                break;
            }
            idx[perm[k]] = 0;
        }
    }
}

/* 1 when the mode string is exactly s. */
TP_UNUSED static int tp_mode_is(const ic_args *a, const char *s)
{
    return a->mode != NULL && strcmp(a->mode, s) == 0;
}

#endif /* TP_COMMON_H */
