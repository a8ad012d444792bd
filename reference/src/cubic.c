/* cubic.c - mode bicubic without antialias (upsample_bicubic2d, 1.13.1): the generic
 * TensorIterator kernel only (no channels-last kernel, no same-size shortcut in 1.13).
 */
#include <math.h>
#include <stdlib.h>

#include "icr_internal.h"

/* Per-axis table: four clamped tap indices, their element offsets and four Keys
 * coefficients per output index (also as a copy in the scalar type, for rowops.c). */
typedef struct cubic_axis {
    int64_t *idx; /* out * 4 */
    int64_t *off; /* out * 4: idx * stride */
    double *c;    /* out * 4 */
    void *cs;     /* out * 4, the scalar type */
} cubic_axis;

static int axis_build(cubic_axis *ax, const icr_geom *g, const icr_call *call, int k)
{
    int64_t in = g->in[k], out = g->out[k], i, kk;
    double scale = icr_area_pixel_compute_scale(in, out, call->align_corners, call->has_scale[k],
                                                call->scale[k], g->f32);
    double t;
    int j;

    ax->idx = malloc((size_t)out * 4 * sizeof *ax->idx);
    ax->off = malloc((size_t)out * 4 * sizeof *ax->off);
    ax->c = malloc((size_t)out * 4 * sizeof *ax->c);
    if (!ax->idx || !ax->off || !ax->c) {
        return 0;
    }
    for (i = 0; i < out; i++) {
        icr_cubic_source(i, in, scale, call->align_corners, g->f32, &kk, &t, call->rules);
        icr_cubic_coefficients_a(t, g->f32, call->rules->cubic_a, &ax->c[4 * i]);
        for (j = 0; j < 4; j++) {
            /* taps k-1..k+2, replicated at the edges: max(min(k - 1 + j, in - 1), 0) */
            int64_t idx = kk - 1 + j;
            if (call->rules->cubic_zero_pad && (idx < 0 || idx > in - 1)) {
                ax->c[4 * i + j] = 0.0; /* what-if: constant (zero) border */
            }
            idx = idx < in - 1 ? idx : in - 1;
            idx = idx > 0 ? idx : 0;
            ax->idx[4 * i + j] = idx;
            ax->off[4 * i + j] = idx * g->is[k];
        }
    }
    ax->cs = icr_scalar_table(g->f32, ax->c, out * 4);
    return ax->cs != NULL;
}

/* What a cached row needs: the plane's input offset and the W table. */
typedef struct cubic_rows {
    const icr_geom *g;
    const cubic_axis *w;
    int64_t base;
} cubic_rows;

/* The W combination of input row y for every output column: acc = x0*c0; acc += xj*cj. */
static void cubic_row(void *ctx, int64_t y, void *row)
{
    const cubic_rows *r = ctx;
    const icr_geom *g = r->g;

    icr_row_taps(g->f32, row, icr_at(g->src, r->base + y * g->is[0], g->esize), r->w->off,
                 r->w->cs, 4, g->out[1]);
}

static void cubic_row_pair(void *ctx, int64_t y, void *row, void *next)
{
    const cubic_rows *r = ctx;
    const icr_geom *g = r->g;
    int64_t b = r->base + y * g->is[0];

    icr_row_taps_x2(g->f32, row, next, icr_at(g->src, b, g->esize),
                    icr_at(g->src, b + g->is[0], g->esize), r->w->off, r->w->cs, 4, g->out[1]);
}

/**
 * Bicubic (A = -0.75), generic kernel (Interpolate<2, ..., 4>::eval, 1.13): for each output,
 * the W combination of each of its four input rows, acc = t0*c0; acc += t1*c1; ... in the
 * scalar type, then the H combination of the four row results the same way.
 *
 * A row's W combination depends only on the input row and the output column, so it is
 * computed once (rowcache.c) and reused by every output row that reads it: the same
 * operations in the same order as torch, without its redundant recomputation.
 */
int32_t icr_cubic(const icr_geom *g, const icr_call *call)
{
    cubic_axis ax[2] = {{0}};
    int f32 = g->f32;
    int64_t hout = g->out[0], wout = g->out[1];
    icr_row_cache rc = {0};
    cubic_rows ctx;
    void *acc = NULL;
    int64_t n, c, h;
    int k, j;
    int32_t st = IC_OK;

    for (k = 0; k < 2; k++) {
        if (!axis_build(&ax[k], g, call, k)) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
    }
    ctx.g = g;
    ctx.w = &ax[1];
    ctx.base = 0;
    acc = malloc((size_t)wout * g->esize);
    if (acc == NULL ||
        !icr_row_cache_init(&rc, 5, wout, g->esize, cubic_row, cubic_row_pair, &ctx)) {
        st = IC_ERR_INTERNAL;
        goto done;
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            int64_t ob = n * g->os_n + c * g->os_c;
            ctx.base = n * g->is_n + c * g->is_c;
            icr_row_cache_reset(&rc);
            /* H combination: acc = r0*c0; acc += r1*c1; ... for a whole output row,
             * accumulated in the output row itself when it is contiguous */
            for (h = 0; h < hout; h++) {
                const int64_t *ho = &ax[0].idx[4 * h];
                const double *ch = &ax[0].c[4 * h];
                void *orow = icr_at(g->dst, ob + h * g->os[0], g->esize);
                void *a = g->os[1] == 1 ? orow : acc;
                /* the four taps are consecutive rows, clamped: a window [ho[0], ho[3]] */
                icr_row_cache_fill(&rc, ho[0], ho[3], h + 1 < hout ? ho[4] : 1,
                                   h + 1 < hout ? ho[7] : 0);
                icr_row_mul(f32, a, icr_row_cache_get(&rc, ho[0]), ch[0], wout);
                for (j = 1; j < 4; j++) {
                    icr_row_axpy(f32, a, icr_row_cache_get(&rc, ho[j]), ch[j], wout);
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
    for (k = 0; k < 2; k++) {
        free(ax[k].idx);
        free(ax[k].off);
        free(ax[k].c);
        free(ax[k].cs);
    }
    return st;
}

/* float -> the 2-byte type -> float */
static float t_round(int32_t dtype, float x)
{
    return dtype == IC_DTYPE_BFLOAT16 ? icr_bf16_round(x) : icr_half_round(x);
}

static float t_load(const icr_geom *g, int64_t off)
{
    uint16_t b = ((const uint16_t *)g->src)[off];

    return g->dtype == IC_DTYPE_BFLOAT16 ? icr_bf16_to_float(b) : icr_half_to_float(b);
}

/* cubic_convolution1 / 2 and get_cubic_upsample_coefficients with scalar_t = BFloat16
 * (1.13): every operation rounded to the type (c10 operators; int operands converted to the
 * type first), x1 + 1.0 and 1.0 - t computed in double and rounded to the type. */
static float cc1_t(int32_t dt, float x, float a)
{
    float p = t_round(dt, t_round(dt, a + 2.0f) * x);
    p = t_round(dt, p - t_round(dt, a + 3.0f));
    p = t_round(dt, t_round(dt, p * x) * x);
    return t_round(dt, p + 1.0f);
}

static float cc2_t(int32_t dt, float x, float a)
{
    float p = t_round(dt, t_round(dt, a * x) - t_round(dt, 5.0f * a));
    p = t_round(dt, t_round(dt, p * x) + t_round(dt, 8.0f * a));
    return t_round(dt, t_round(dt, p * x) - t_round(dt, 4.0f * a));
}

static void cubic_coefficients_t(int32_t dt, float t, float a, float c[4])
{
    float x2 = t_round(dt, (float)(1.0 - (double)t));

    c[0] = cc2_t(dt, t_round(dt, (float)((double)t + 1.0)), a);
    c[1] = cc1_t(dt, t, a);
    c[2] = cc1_t(dt, x2, a);
    c[3] = cc2_t(dt, t_round(dt, (float)((double)x2 + 1.0)), a);
}

/* One multiply-add of the generic kernel: in the type (in_t, 1.13) or in float (2.x). */
static float op_t(int in_t, int32_t dt, float x)
{
    return in_t ? t_round(dt, x) : x;
}

/**
 * Bicubic for float16 / bfloat16 (2.x, rules.half_modes & ICR_HALF_CUBIC_OPMATH): the
 * coordinate and Keys coefficients in opmath float exactly as for float32, each coefficient
 * then stored in the 2-byte type (the weights tensor's scalar_t); the generic kernel's
 * acc = t0*w0; acc += tj*wj (W, then H over the four row results) in float, rounded once at
 * the store (measured on torch 2.14.1). in_t (1.13, bfloat16,
 * rules.half_modes & ICR_HALF_CUBIC_BF16_SCALAR): the scale in BFloat16, the coordinate in
 * acc_type<BFloat16> = float, t = BFloat16(r - floor(r)), the coefficients and every
 * multiply and add of the kernel in BFloat16 arithmetic (measured on torch 1.13.1).
 */
int32_t icr_cubic_half(const icr_geom *g, const icr_call *call, int in_t)
{
    int64_t *off[2] = {NULL, NULL};
    float *w[2] = {NULL, NULL};
    int64_t n, c, h, x, i, kk;
    int32_t dt = g->dtype, st = IC_OK;
    int k, j, jj;

    for (k = 0; k < 2; k++) {
        int64_t in = g->in[k], out = g->out[k];
        double scale = icr_area_pixel_compute_scale(in, out, call->align_corners,
                                                    call->has_scale[k], call->scale[k], 1);
        float s = 0.0f;
        if (!in_t) {
            /* scale in opmath float, as for float32 */
        } else if (call->align_corners) {
            s = out > 1 ? t_round(dt, t_round(dt, (float)(in - 1)) / t_round(dt, (float)(out - 1)))
                        : 0.0f;
        } else if (call->has_scale[k] && call->scale[k] > 0.) {
            s = t_round(dt, (float)(1.0 / call->scale[k]));
        } else {
            s = t_round(dt, t_round(dt, (float)in) / t_round(dt, (float)out));
        }
        off[k] = malloc((size_t)out * 4 * sizeof *off[k]);
        w[k] = malloc((size_t)out * 4 * sizeof *w[k]);
        if (off[k] == NULL || w[k] == NULL) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
        for (i = 0; i < out; i++) {
            double t, cf[4];
            if (in_t) {
                float r = (float)icr_area_pixel_compute_source_index((double)s, i,
                                                                     call->align_corners, 1, 0);
                float ct[4];
                kk = (int64_t)floorf(r);
                cubic_coefficients_t(dt, t_round(dt, r - (float)kk), -0.75f, ct);
                for (j = 0; j < 4; j++) {
                    cf[j] = ct[j];
                }
            } else {
                icr_cubic_source(i, in, scale, call->align_corners, 1, &kk, &t, call->rules);
                icr_cubic_coefficients_a(t, 1, call->rules->cubic_a, cf);
            }
            for (j = 0; j < 4; j++) {
                int64_t idx = kk - 1 + j;
                idx = idx < in - 1 ? idx : in - 1;
                idx = idx > 0 ? idx : 0;
                off[k][4 * i + j] = idx * g->is[k];
                w[k][4 * i + j] = t_round(dt, (float)cf[j]);
            }
        }
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            int64_t ib = n * g->is_n + c * g->is_c, ob = n * g->os_n + c * g->os_c;
            for (h = 0; h < g->out[0]; h++) {
                for (x = 0; x < g->out[1]; x++) {
                    float acc = 0.0f;
                    for (j = 0; j < 4; j++) {
                        int64_t rb = ib + off[0][4 * h + j];
                        float r = op_t(in_t, dt, t_load(g, rb + off[1][4 * x]) * w[1][4 * x]);
                        for (jj = 1; jj < 4; jj++) {
                            float p = op_t(in_t, dt,
                                           t_load(g, rb + off[1][4 * x + jj]) * w[1][4 * x + jj]);
                            r = op_t(in_t, dt, r + p);
                        }
                        acc = j == 0 ? op_t(in_t, dt, r * w[0][4 * h])
                                     : op_t(in_t, dt, acc + op_t(in_t, dt, r * w[0][4 * h + j]));
                    }
                    ((uint16_t *)g->dst)[ob + h * g->os[0] + x * g->os[1]] =
                        dt == IC_DTYPE_BFLOAT16 ? icr_float_to_bf16(acc) : icr_float_to_half(acc);
                }
            }
        }
    }
done:
    for (k = 0; k < 2; k++) {
        free(off[k]);
        free(w[k]);
    }
    return st;
}
