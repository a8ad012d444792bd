/* separable_u8.c - uint8 bilinear and bicubic, with and without antialias (torch 2.x, DEFAULT
 * dispatch: separable_upsample_generic_Nd_kernel_impl with int16 fixed-point weights).
 *
 * Per axis the weights are computed in double (HelperInterpBase::_compute_index_ranges_weights:
 * _compute_indices_min_size_weights_aa with antialias, _compute_indices_min_size_weights
 * without), then scaled to int16 at the largest precision at which the axis' largest weight
 * still fits (_compute_index_ranges_int16_weights). Each pass computes, per output element,
 * (2^(p-1) + sum x_j * w_j) >> p in integers, clamped to 0..255 (basic_loop_aa_horizontal /
 * vertical<uint8_t>): the W pass first into a uint8 temporary, then the H pass; a pass whose
 * size is unchanged is skipped, both unchanged is a copy.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "icr_internal.h"

/* One axis: per output index the first tap (element offset), the tap count and isz int16
 * weights; the precision p of the weights. */
typedef struct u8_axis {
    int64_t *start, *size;
    int32_t *w; /* int16 values, held as int32 */
    int64_t isz;
    int prec;
} u8_axis;

static void u8_axis_free(u8_axis *ax)
{
    free(ax->start);
    free(ax->size);
    free(ax->w);
}

/* HelperInterpLinear::aa_filter<double> */
static double filter_linear(double x)
{
    x = fabs(x);
    return x < 1.0 ? 1.0 - x : 0.0;
}

/* HelperInterpCubic::aa_filter<double, keys>: a = -0.5 (antialias) or -0.75 */
static double filter_cubic(double x, double a)
{
    x = fabs(x);
    if (x < 1.0) {
        return icr_cubic_convolution1(x, a, 0);
    }
    return x < 2.0 ? icr_cubic_convolution2(x, a, 0) : 0.0;
}

static double filter(double x, int cubic, int antialias)
{
    return cubic ? filter_cubic(x, antialias ? -0.5 : -0.75) : filter_linear(x);
}

/*
 * The double weights of output i without antialias (_compute_indices_min_size_weights): the
 * taps around the guarded source index, and the filter's weights of taps outside the input
 * added to the first / last valid tap. Returns the largest weight seen while accumulating.
 */
static double weights_plain(int64_t i, int64_t in, double scale, int align_corners, int cubic,
                            int64_t isz, double *wt, int64_t *xmin, int64_t *xsize)
{
    double r, lambda, wmax = 0.0;
    int64_t idx, support = isz / 2, umin, umax, j, wi = 0;

    /* area_pixel_compute_source_index<double>, guard_index_and_lambda */
    if (align_corners) {
        r = scale * (double)i;
    } else {
        r = scale * ((double)i + 0.5) - 0.5;
        if (!cubic && r < 0.0) {
            r = 0.0;
        }
    }
    idx = (int64_t)floorf((float)r);
    idx = idx < in - 1 ? idx : in - 1;
    lambda = r - (double)idx;
    lambda = lambda > 0.0 ? (lambda < 1.0 ? lambda : 1.0) : 0.0;
    umin = idx - support + 1;
    umax = idx + support + 1;
    *xmin = umin > 0 ? umin : 0;
    *xsize = (umax < in ? umax : in) - *xmin;
    *xsize = *xsize < 0 ? 0 : (*xsize > isz ? isz : *xsize);
    for (j = 0; j < isz; j++) {
        double w = filter((double)(j + 1 - support) - lambda, cubic, 0);
        wt[j] = 0.0;
        if (umin + j <= 0) {
            wi = 0;
        } else if (umin + j >= in - 1) {
            wi = *xsize - 1;
        }
        wt[wi] += w;
        wmax = wt[wi] > wmax ? wt[wi] : wmax;
        wi++;
    }
    return wmax;
}

/* The double weights of output i with antialias (_compute_indices_min_size_weights_aa). */
static double weights_aa(int64_t i, int64_t in, double scale, double support, int cubic,
                         int64_t isz, double *wt, int64_t *xmin, int64_t *xsize)
{
    double center = scale * ((double)i + 0.5), total = 0.0, wmax = 0.0;
    double invscale = scale >= 1.0 ? 1.0 / scale : 1.0;
    int64_t j;

    *xmin = (int64_t)(center - support + 0.5);
    *xmin = *xmin > 0 ? *xmin : 0;
    *xsize = (int64_t)(center + support + 0.5);
    *xsize = (*xsize < in ? *xsize : in) - *xmin;
    *xsize = *xsize < 0 ? 0 : (*xsize > isz ? isz : *xsize);
    for (j = 0; j < *xsize; j++) {
        double w = filter(((double)(j + *xmin) - center + 0.5) * invscale, cubic, 1);
        wt[j] = w;
        total += w;
    }
    if (total != 0.0) {
        for (j = 0; j < *xsize; j++) {
            wt[j] /= total;
            wmax = wt[j] > wmax ? wt[j] : wmax;
        }
    }
    for (; j < isz; j++) {
        wt[j] = 0.0;
    }
    return wmax;
}

static int u8_axis_build(u8_axis *ax, int64_t in, int64_t out, int64_t stride,
                         const icr_call *call, int k, int cubic)
{
    /* area_pixel_compute_scale<double> */
    double scale = icr_area_pixel_compute_scale(in, out, call->align_corners, call->has_scale[k],
                                                call->scale[k], 0);
    int interp = cubic ? 4 : 2;
    double support =
        call->antialias ? (scale >= 1.0 ? interp * 0.5 * scale : interp * 0.5) : interp * 0.5;
    double *wd, wmax = 0.0;
    int64_t i, j;

    ax->isz = call->antialias ? (int64_t)ceil(support) * 2 + 1 : interp;
    ax->start = malloc((size_t)out * sizeof *ax->start);
    ax->size = malloc((size_t)out * sizeof *ax->size);
    ax->w = malloc((size_t)(out * ax->isz) * sizeof *ax->w);
    wd = malloc((size_t)(out * ax->isz) * sizeof *wd);
    if (!ax->start || !ax->size || !ax->w || !wd) {
        free(wd);
        return 0;
    }
    for (i = 0; i < out; i++) {
        int64_t xmin, xsize;
        double m = call->antialias ? weights_aa(i, in, scale, support, cubic, ax->isz,
                                                wd + i * ax->isz, &xmin, &xsize)
                                   : weights_plain(i, in, scale, call->align_corners, cubic,
                                                   ax->isz, wd + i * ax->isz, &xmin, &xsize);
        wmax = m > wmax ? m : wmax;
        ax->start[i] = xmin * stride;
        ax->size[i] = xsize;
    }
    /* the largest precision < 22 at which round(wmax * 2^(p+1)) still fits int16 */
    for (ax->prec = 0; ax->prec < 22; ax->prec++) {
        if ((int)(0.5 + wmax * (double)(1 << (ax->prec + 1))) >= (1 << 15)) {
            break;
        }
    }
    for (j = 0; j < out * ax->isz; j++) {
        double v = wd[j] * (double)(1 << ax->prec);
        ax->w[j] = (int16_t)(v < 0 ? (int)(-0.5 + v) : (int)(0.5 + v));
    }
    free(wd);
    return 1;
}

/* (2^(p-1) + sum) >> p (an arithmetic shift: floor division), clamped to 0..255 */
static unsigned char u8_round(int32_t acc, int prec)
{
    int32_t v = acc >= 0 ? acc >> prec : -((-acc + (1 << prec) - 1) >> prec);
    return (unsigned char)(v < 0 ? 0 : (v > 255 ? 255 : v));
}

/* One output element from taps src[start + j * step], j < size. */
static unsigned char u8_tap(const unsigned char *src, int64_t start, int64_t step, int64_t size,
                            const int32_t *w, int prec)
{
    int32_t acc = 1 << (prec - 1);
    int64_t j;

    acc += (int32_t)src[start] * w[0];
    for (j = 1; j < size; j++) {
        acc += (int32_t)src[start + j * step] * w[j];
    }
    return u8_round(acc, prec);
}

/**
 * uint8 bilinear / bicubic (4-D), torch 2.x DEFAULT dispatch. out_channels_last: the output's
 * memory format (the one-column bug, see antialias.c, applies here too).
 */
int32_t icr_separable_u8(const icr_geom *g, const icr_call *call, int out_channels_last)
{
    int cubic = call->mode == ICR_MODE_CUBIC;
    int64_t hin = g->in[0], win = g->in[1], hout = g->out[0], wout = g->out[1];
    int skip_w = win == wout, skip_h = hin == hout;
    int one_column_bug =
        call->rules->aa_one_column_bug && wout == 1 && !skip_h && !(out_channels_last && g->c > 1);
    const unsigned char *src = g->src;
    unsigned char *dst = g->dst, *tmp = NULL;
    u8_axis aw = {0}, ah = {0};
    int64_t n, c, h, w, ts_n, ts_c, ts_h, ts_w;
    int32_t st = IC_OK;

    if (skip_w && skip_h) {
        for (n = 0; n < g->n; n++) {
            for (c = 0; c < g->c; c++) {
                for (h = 0; h < hout; h++) {
                    for (w = 0; w < wout; w++) {
                        dst[n * g->os_n + c * g->os_c + h * g->os[0] + w * g->os[1]] =
                            src[n * g->is_n + c * g->is_c + h * g->is[0] + w * g->is[1]];
                    }
                }
            }
        }
        return IC_OK;
    }
    if ((!skip_w && !u8_axis_build(&aw, win, wout, 1, call, 1, cubic)) ||
        (!skip_h && !u8_axis_build(&ah, hin, hout, 1, call, 0, cubic))) {
        st = IC_ERR_INTERNAL;
        goto done;
    }
    /* the W pass result (N, C, H_in, W_out): the output itself when the H pass is skipped */
    if (skip_h) {
        tmp = dst;
        ts_n = g->os_n, ts_c = g->os_c, ts_h = g->os[0], ts_w = g->os[1];
    } else if (skip_w) {
        tmp = (unsigned char *)(uintptr_t)src;
        ts_n = g->is_n, ts_c = g->is_c, ts_h = g->is[0], ts_w = g->is[1];
    } else {
        tmp = malloc((size_t)(g->n * g->c * hin * wout));
        if (tmp == NULL) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
        ts_w = 1, ts_h = wout, ts_c = hin * wout, ts_n = g->c * hin * wout;
    }
    if (!skip_w) {
        for (n = 0; n < g->n; n++) {
            for (c = 0; c < g->c; c++) {
                for (h = 0; h < hin; h++) {
                    const unsigned char *row = src + n * g->is_n + c * g->is_c + h * g->is[0];
                    unsigned char *o = tmp + n * ts_n + c * ts_c + h * ts_h;
                    for (w = 0; w < wout; w++) {
                        o[w * ts_w] = u8_tap(row, aw.start[w] * g->is[1], g->is[1], aw.size[w],
                                             aw.w + w * aw.isz, aw.prec);
                    }
                }
            }
        }
    }
    if (!skip_h) {
        for (n = 0; n < g->n; n++) {
            for (c = 0; c < g->c; c++) {
                const unsigned char *plane = tmp + n * ts_n + c * ts_c;
                unsigned char *o = dst + n * g->os_n + c * g->os_c;
                for (h = 0; h < hout; h++) {
                    /* 2.x one-column bug: every row repeats row 0's window */
                    int64_t hh = one_column_bug ? 0 : h;
                    for (w = 0; w < wout; w++) {
                        o[h * g->os[0] + w * g->os[1]] =
                            u8_tap(plane + w * ts_w, ah.start[hh] * ts_h, ts_h, ah.size[hh],
                                   ah.w + hh * ah.isz, ah.prec);
                    }
                }
            }
        }
    }
done:
    if (tmp != NULL && tmp != dst && tmp != (const unsigned char *)src) {
        free(tmp);
    }
    u8_axis_free(&aw);
    u8_axis_free(&ah);
    return st;
}
