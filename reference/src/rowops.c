/* rowops.c - the hot loops of the kernels, over whole rows, in the tensor's scalar type.
 *
 * The kernels say what torch computes for one element (the rule, its ATen function, the order
 * of the operations); these loops apply that to a row of elements at once. A float32 row is
 * computed in float: one IEEE float operation equals the same operation in double rounded to
 * float (see ICR_R), so this is the same arithmetic as the element-wise definition, with
 * loops the compiler can vectorise across elements. Each loop is written once, in
 * rowops_body.h, and instantiated for float and double here.
 */
#include <stdlib.h>
#include <string.h>

#include "icr_internal.h"

#define ICR_T float
#define ICR_FN(name) name##_f32
#include "rowops_body.h"
#undef ICR_T
#undef ICR_FN

#define ICR_T double
#define ICR_FN(name) name##_f64
#include "rowops_body.h"
#undef ICR_T
#undef ICR_FN

/** Writes v[0..n) to dst in the scalar type (the values are already representable in it). */
void icr_scalar_copy(int f32, void *dst, const double *v, int64_t n)
{
    int64_t i;

    if (!f32) {
        memcpy(dst, v, (size_t)n * sizeof *v);
        return;
    }
    for (i = 0; i < n; i++) {
        ((float *)dst)[i] = (float)v[i];
    }
}

/** A malloc'ed copy of v[0..n) in the scalar type, or NULL. */
void *icr_scalar_table(int f32, const double *v, int64_t n)
{
    void *t = malloc((size_t)(n > 0 ? n : 1) * (f32 ? sizeof(float) : sizeof(double)));

    if (t != NULL) {
        icr_scalar_copy(f32, t, v, n);
    }
    return t;
}

/** dst[i] = a[i] * c in the scalar type. */
void icr_row_mul(int f32, void *dst, const void *a, double c, int64_t n)
{
    if (f32) {
        row_mul_f32(dst, a, (float)c, n);
    } else {
        row_mul_f64(dst, a, c, n);
    }
}

/** dst[i] = dst[i] + a[i] * c in the scalar type (two roundings). */
void icr_row_axpy(int f32, void *dst, const void *a, double c, int64_t n)
{
    if (f32) {
        row_axpy_f32(dst, a, (float)c, n);
    } else {
        row_axpy_f64(dst, a, c, n);
    }
}

/** dst[i] = a[i] * l0 + b[i] * l1 in the scalar type. */
void icr_row_lerp(int f32, void *dst, const void *a, double l0, const void *b, double l1,
                  int64_t n)
{
    if (f32) {
        row_lerp_f32(dst, a, (float)l0, b, (float)l1, n);
    } else {
        row_lerp_f64(dst, a, l0, b, l1, n);
    }
}

/**
 * Fixed-tap gather: dst[i] = src[off[K*i]] * wt[K*i], then + src[off[K*i+j]] * wt[K*i+j] for
 * j = 1..K-1, left to right in the scalar type. K is 2 or 4; wt is in the scalar type.
 */
void icr_row_taps(int f32, void *dst, const void *src, const int64_t *off, const void *wt,
                  int ntaps, int64_t n)
{
    if (ntaps == 2) {
        if (f32) {
            row_taps2_f32(dst, src, off, wt, n);
        } else {
            row_taps2_f64(dst, src, off, wt, n);
        }
    } else if (f32) {
        row_taps4_f32(dst, src, off, wt, n);
    } else {
        row_taps4_f64(dst, src, off, wt, n);
    }
}

/** icr_row_taps for two input rows src0, src1 into dst0, dst1 (the table is read once). */
void icr_row_taps_x2(int f32, void *dst0, void *dst1, const void *src0, const void *src1,
                     const int64_t *off, const void *wt, int ntaps, int64_t n)
{
    if (ntaps == 2) {
        if (f32) {
            row_taps2_x2_f32(dst0, dst1, src0, src1, off, wt, n);
        } else {
            row_taps2_x2_f64(dst0, dst1, src0, src1, off, wt, n);
        }
    } else if (f32) {
        row_taps4_x2_f32(dst0, dst1, src0, src1, off, wt, n);
    } else {
        row_taps4_x2_f64(dst0, dst1, src0, src1, off, wt, n);
    }
}

/**
 * Variable window: dst[i] = src[start[i]] * wt[i*isz], then + src[start[i] + j*stride] *
 * wt[i*isz + j] for j = 1..cnt[i]-1, left to right in the scalar type.
 */
void icr_row_window(int f32, void *dst, const void *src, const int64_t *start, int64_t stride,
                    const int64_t *cnt, const void *wt, int64_t isz, int64_t n)
{
    if (f32) {
        row_window_f32(dst, src, start, stride, cnt, wt, isz, n);
    } else {
        row_window_f64(dst, src, start, stride, cnt, wt, isz, n);
    }
}

/** icr_row_window for two input rows src0, src1 into dst0, dst1. */
void icr_row_window_x2(int f32, void *dst0, void *dst1, const void *src0, const void *src1,
                       const int64_t *start, int64_t stride, const int64_t *cnt, const void *wt,
                       int64_t isz, int64_t n)
{
    if (f32) {
        row_window_x2_f32(dst0, dst1, src0, src1, start, stride, cnt, wt, isz, n);
    } else {
        row_window_x2_f64(dst0, dst1, src0, src1, start, stride, cnt, wt, isz, n);
    }
}

/** dst[i * stride] = src[i]. */
void icr_row_store(int f32, void *dst, int64_t stride, const void *src, int64_t n)
{
    if (f32) {
        row_store_f32(dst, stride, src, n);
    } else {
        row_store_f64(dst, stride, src, n);
    }
}

/** dst[i] = dst[i] / div[i] (div in the scalar type). */
void icr_row_div(int f32, void *dst, const void *div, int64_t n)
{
    if (f32) {
        row_div_f32(dst, div, n);
    } else {
        row_div_f64(dst, div, n);
    }
}

/** dst[i] = dst[i] / d. */
void icr_row_div1(int f32, void *dst, double d, int64_t n)
{
    if (f32) {
        row_div1_f32(dst, (float)d, n);
    } else {
        row_div1_f64(dst, d, n);
    }
}

/** Window sums of one output row of adaptive pooling (rowops_body.h, area_sums). */
void icr_area_sums(int f32, void *dst, const void *src, int first, int64_t r0, int64_t r1,
                   int64_t rstride, const int64_t *c0, const int64_t *c1, int64_t cstride,
                   int64_t ulen, int64_t n)
{
    if (f32) {
        area_sums_f32(dst, src, first, r0, r1, rstride, c0, c1, cstride, ulen, n);
    } else {
        area_sums_f64(dst, src, first, r0, r1, rstride, c0, c1, cstride, ulen, n);
    }
}
