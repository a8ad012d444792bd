/* antialias.c - bilinear and bicubic with antialias=True (_upsample_{bilinear,bicubic}2d_aa,
 * 1.13.1 and 2.14.1): a separable PIL-style filter, W pass first into a temporary of the
 * scalar type, then the H pass. Both passes always run in 1.13; 2.x skips a pass whose size
 * is unchanged (and copies the input when both are), and has the one-column bug (see
 * icr_antialias).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "icr_internal.h"

/* Per-axis table (HelperInterp*::_compute_weights_aa): window start, window length and a
 * flat weight buffer with interp_size slots per output index (also in the scalar type), and
 * the element offset of each window's first tap. */
typedef struct aa_axis {
    int64_t *xmin, *xsize, *start;
    double *w;
    void *ws;
    int64_t isz;
} aa_axis;

/* HelperInterpLinear::aa_filter: triangle, 1 - |x| in double, rounded to the scalar type. */
static double filter_triangle(double x, int f32)
{
    if (x < 0.0) {
        x = -x;
    }
    if (x < 1.0) {
        return ICR_R(f32, 1.0 - x);
    }
    return 0.0;
}

/* HelperInterpCubic::aa_filter: Keys cubic with a = -0.5 (PIL; a what-if may change it:
 * rules.aa_cubic_a). The |x| < 1 branch is evaluated in double; the 1 <= |x| < 2 bracket in
 * the scalar type, times a in double. */
static double filter_cubic(double x, int f32, int scalar, double a)
{
    if (x < 0.0) {
        x = -x;
    }
    if (scalar) {
        /* 2.x: cubic_convolution1 / 2 (UpSample.h) in the scalar type */
        if (x < 1.0) {
            return icr_cubic_convolution1(x, a, f32);
        }
        return x < 2.0 ? icr_cubic_convolution2(x, a, f32) : 0.0;
    }
    if (x < 1.0) {
        return ICR_R(f32, ((a + 2.0) * x - (a + 3.0)) * x * x + 1);
    }
    if (x < 2.0) {
        double v = ICR_R(f32, x - 5.0);
        v = ICR_R(f32, v * x);
        v = ICR_R(f32, v + 8.0);
        v = ICR_R(f32, v * x);
        v = ICR_R(f32, v - 4.0);
        return ICR_R(f32, v * a);
    }
    return 0.0;
}

/*
 * _compute_indices_weights_aa / _compute_weights_aa (UpSampleKernel.cpp, 1.13). The centre
 * is half-pixel even with align_corners (which only changes the scale). The weights of
 * output i are written at w[i * isz + j] for j < xsize; like torch, a window longer than
 * isz spills into the next slot, which the next index then overwrites.
 */
static int aa_axis_build(aa_axis *ax, int64_t in, int64_t out, int64_t stride,
                         const icr_call *call, int k, int cubic, int f32)
{
    double scale = icr_area_pixel_compute_scale(in, out, call->align_corners, call->has_scale[k],
                                                call->scale[k], f32);
    double half = cubic ? 2.0 : 1.0; /* interp_size * 0.5 */
    double support = scale >= 1.0 ? ICR_R(f32, half * scale) : half;
    double invscale = scale >= 1.0 ? ICR_R(f32, 1.0 / scale) : 1.0;
    int64_t i, j;

    ax->isz = (int64_t)ceilf((float)support) * 2 + 1;
    ax->xmin = malloc((size_t)out * sizeof *ax->xmin);
    ax->xsize = malloc((size_t)out * sizeof *ax->xsize);
    ax->start = malloc((size_t)out * sizeof *ax->start);
    ax->w = calloc((size_t)(out * ax->isz + in + 1), sizeof *ax->w);
    if (!ax->xmin || !ax->xsize || !ax->start || !ax->w) {
        return 0;
    }
    for (i = 0; i < out; i++) {
        double *wt = ax->w + i * ax->isz;
        double center = ICR_R(f32, scale * ((double)i + 0.5));
        double total = 0.0;
        int64_t xmin = (int64_t)(ICR_R(f32, center - support) + 0.5);
        int64_t xmax = (int64_t)(ICR_R(f32, center + support) + 0.5);
        int64_t xsize;

        xmin = xmin > 0 ? xmin : 0;
        xsize = (xmax < in ? xmax : in) - xmin;
        if (call->rules->aa_clamp_window) {
            /* 2.x: std::clamp(xsize, 0, max_interp_size) */
            xsize = xsize < 0 ? 0 : (xsize > ax->isz ? ax->isz : xsize);
        }
        for (j = 0; j < xsize; j++) {
            double x = ICR_R(f32, (ICR_R(f32, (double)(j + xmin) - center) + 0.5) * invscale);
            double w =
                cubic ? filter_cubic(x, f32, call->rules->aa_cubic_scalar, call->rules->aa_cubic_a)
                      : filter_triangle(x, f32);
            wt[j] = w;
            total = ICR_R(f32, total + w);
        }
        for (j = 0; j < xsize; j++) {
            if (total != 0.0 && !call->rules->aa_unnormalised) { /* what-if: not divided */
                wt[j] = ICR_R(f32, wt[j] / total);
            }
        }
        for (j = xsize > 0 ? xsize : 0; j < ax->isz; j++) {
            wt[j] = 0.0;
        }
        ax->xmin[i] = xmin;
        ax->xsize[i] = xsize;
        /* interpolate_aa_single_dim reads the first tap even for an empty window (its
         * weight is then 0), clamped into the input */
        ax->start[i] = (xmin < in ? xmin : in - 1) * stride;
    }
    ax->ws = icr_scalar_table(f32, ax->w, out * ax->isz + in + 1);
    return ax->ws != NULL;
}

static void aa_axis_free(aa_axis *ax)
{
    free(ax->xmin);
    free(ax->xsize);
    free(ax->start);
    free(ax->w);
    free(ax->ws);
}

/* What a cached row needs: the plane's input offset and the W table (NULL: the W pass is
 * skipped and the row is the input row itself). */
typedef struct aa_rows {
    const icr_geom *g;
    const aa_axis *w;
    int64_t base;
} aa_rows;

/* Input row y copied into row (the skipped W pass), bit for bit. */
static void copy_row(void *ctx, int64_t y, void *row)
{
    const aa_rows *r = ctx;
    const icr_geom *g = r->g;
    int64_t w;

    for (w = 0; w < g->out[1]; w++) {
        memcpy(icr_at(row, w, g->esize),
               icr_at(g->src, r->base + y * g->is[0] + w * g->is[1], g->esize), g->esize);
    }
}

/* 2.x with both sizes unchanged: output.copy_(input). */
static void copy_planes(const icr_geom *g)
{
    int64_t n, c, h, w;

    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            for (h = 0; h < g->out[0]; h++) {
                for (w = 0; w < g->out[1]; w++) {
                    memcpy(icr_at(g->dst, n * g->os_n + c * g->os_c + h * g->os[0] + w * g->os[1],
                                  g->esize),
                           icr_at(g->src, n * g->is_n + c * g->is_c + h * g->is[0] + w * g->is[1],
                                  g->esize),
                           g->esize);
                }
            }
        }
    }
}

/* The W pass of input row y, every output column of the temporary (N, C, H_in, W_out):
 * interpolate_aa_single_dim, out = x[xmin]*w0; out += x[xmin+j]*wj in the scalar type. */
static void aa_row(void *ctx, int64_t y, void *row)
{
    const aa_rows *r = ctx;
    const icr_geom *g = r->g;

    icr_row_window(g->f32, row, icr_at(g->src, r->base + y * g->is[0], g->esize), r->w->start,
                   g->is[1], r->w->xsize, r->w->ws, r->w->isz, g->out[1]);
}

static void aa_row_pair(void *ctx, int64_t y, void *row, void *next)
{
    const aa_rows *r = ctx;
    const icr_geom *g = r->g;
    int64_t b = r->base + y * g->is[0];

    icr_row_window_x2(g->f32, row, next, icr_at(g->src, b, g->esize),
                      icr_at(g->src, b + g->is[0], g->esize), r->w->start, g->is[1], r->w->xsize,
                      r->w->ws, r->w->isz, g->out[1]);
}

/**
 * Antialiased bilinear (triangle filter) or bicubic (a = -0.5) resize of a 4-D input: the W
 * pass into a temporary in the scalar type, then the H pass. The temporary's rows are
 * produced on demand (rowcache.c) for the window each output row reads; the values and the
 * order of every accumulation are torch's.
 */
int32_t icr_antialias(const icr_geom *g, const icr_call *call, int out_channels_last)
{
    const icr_rules *ru = call->rules;
    aa_axis ah = {0}, aw = {0};
    int cubic = call->mode == ICR_MODE_CUBIC;
    int f32 = g->f32;
    int64_t hin = g->in[0], win = g->in[1], hout = g->out[0], wout = g->out[1];
    /* 2.x (separable_upsample_generic_Nd_kernel_impl) runs only the passes whose size
     * changes, and copies the input when neither does */
    int skip_w = ru->aa_skip_same_size && win == wout;
    int skip_h = ru->aa_skip_same_size && hin == hout;
    /* 2.x bug: with one output column, the vertical pass's TensorIterator loop runs along H
     * (the size-1 W dimension is coalesced away) while interpolate_aa_single_dim_zero_strides
     * reads the window and weights of the loop's first element only, so every output row of
     * a plane repeats row 0. 1.13 computes each row. A channels-last output (the input's
     * suggest_memory_format) with C > 1 keeps C innermost, where the window is constant, so
     * it escapes the bug. */
    int one_column_bug =
        ru->aa_one_column_bug && wout == 1 && !skip_h && !(out_channels_last && g->c > 1);
    icr_row_cache rc = {0};
    aa_rows ctx;
    void *acc = NULL;
    int64_t n, c, h, cap = 1;
    int32_t st = IC_OK;

    if (skip_w && skip_h) {
        copy_planes(g);
        return IC_OK;
    }
    if ((!skip_w && !aa_axis_build(&aw, win, wout, g->is[1], call, 1, cubic, f32)) ||
        (!skip_h && !aa_axis_build(&ah, hin, hout, 1, call, 0, cubic, f32))) {
        st = IC_ERR_INTERNAL;
        goto done;
    }
    for (h = 0; h < hout && !skip_h; h++) {
        cap = ah.xsize[h] > cap ? ah.xsize[h] : cap;
    }
    ctx.g = g;
    ctx.w = skip_w ? NULL : &aw;
    ctx.base = 0;
    acc = malloc((size_t)wout * g->esize);
    if (acc == NULL ||
        !icr_row_cache_init(&rc, cap + 1, wout, g->esize, skip_w ? copy_row : aa_row,
                            skip_w ? NULL : aa_row_pair, &ctx)) {
        st = IC_ERR_INTERNAL;
        goto done;
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            int64_t ob = n * g->os_n + c * g->os_c;
            ctx.base = n * g->is_n + c * g->is_c;
            icr_row_cache_reset(&rc);
            if (skip_h) {
                /* the W pass writes the output directly */
                for (h = 0; h < hout; h++) {
                    /* the next window is row h + 1, when there is one */
                    icr_row_cache_fill(&rc, h, h, h + 1 < hout ? h + 1 : 1,
                                       h + 1 < hout ? h + 1 : 0);
                    icr_row_store(f32, icr_at(g->dst, ob + h * g->os[0], g->esize), g->os[1],
                                  icr_row_cache_get(&rc, h), wout);
                }
                continue;
            }
            /* the H pass, a whole output row at a time (each output still accumulates its
             * taps in order: acc = x0*w0; acc += xj*wj), in the output row itself when it
             * is contiguous */
            for (h = 0; h < hout; h++) {
                const double *wt = ah.w + h * ah.isz;
                int64_t x0 = ah.start[h]; /* a row index: the H table has stride 1 */
                void *orow = icr_at(g->dst, ob + h * g->os[0], g->esize);
                if (one_column_bug && h > 0) {
                    memcpy(orow, icr_at(g->dst, ob, g->esize), g->esize);
                    continue;
                }
                void *a = g->os[1] == 1 ? orow : acc;
                int64_t j, last = x0 + (ah.xsize[h] > 1 ? ah.xsize[h] : 1) - 1;
                icr_row_cache_fill(&rc, x0, last, h + 1 < hout ? ah.start[h + 1] : 1,
                                   h + 1 < hout ? ah.start[h + 1] + ah.xsize[h + 1] - 1 : 0);
                icr_row_mul(f32, a, icr_row_cache_get(&rc, x0), wt[0], wout);
                for (j = 1; j < ah.xsize[h]; j++) {
                    icr_row_axpy(f32, a, icr_row_cache_get(&rc, x0 + j), wt[j], wout);
                }
                if (a == acc) {
                    icr_row_store(f32, orow, g->os[1], acc, wout);
                }
            }
        }
    }
done:
    icr_row_cache_free(&rc);
    free(acc);
    aa_axis_free(&ah);
    aa_axis_free(&aw);
    return st;
}
