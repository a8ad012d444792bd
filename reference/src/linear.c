/* linear.c - modes linear / bilinear / trilinear (upsample_{linear1d,bilinear2d,
 * trilinear3d}, 1.13.1): the generic TensorIterator kernel and the channels-last kernel,
 * which round differently (per-axis lambdas vs product weights, float vs double tail).
 */
#include <stdlib.h>

#include "icr_internal.h"

/* One output index along one axis: the two taps and their lambdas. */
typedef struct lin_tap {
    int64_t i0, i1;
    double l0, l1;
} lin_tap;

/* Per-axis table of taps, and the axis' input stride. */
typedef struct lin_axis {
    lin_tap *t;
    int64_t stride;
} lin_axis;

static void axis_free(lin_axis *ax)
{
    free(ax->t);
}

/* area_pixel_compute_scale<scalar_t> of axis k: float for float32, then promoted. */
static double axis_ratio(const icr_geom *g, const icr_call *call, int k)
{
    return icr_area_pixel_compute_scale(g->in[k], g->out[k], call->align_corners,
                                        call->has_scale[k], call->scale[k], g->f32);
}

/* Taps of output indices [first, first + count) of axis k. */
static void taps_fill(lin_tap *t, int64_t first, int64_t count, const icr_geom *g,
                      const icr_call *call, int k, double ratio)
{
    int64_t i;

    for (i = 0; i < count; i++) {
        lin_tap *p = &t[i];
        icr_linear_source_and_lambda(first + i, g->in[k], g->out[k], ratio, call->align_corners,
                                     g->f32, &p->i0, &p->i1, &p->l0, &p->l1);
    }
}

static int axis_build(lin_axis *ax, const icr_geom *g, const icr_call *call, int k,
                      int64_t stride)
{
    ax->stride = stride;
    ax->t = malloc((size_t)g->out[k] * sizeof *ax->t);
    if (ax->t == NULL) {
        return 0;
    }
    taps_fill(ax->t, 0, g->out[k], g, call, k, axis_ratio(g, call, k));
    return 1;
}

/* One level of the generic kernel (Interpolate<n, ..., 2>::eval): t0*w0 + t1*w1 in the
 * scalar type, where t0/t1 are the inner levels' results. */
static double lerp(double t0, double w0, double t1, double w1, int f32)
{
    return ICR_R(f32, ICR_R(f32, t0 * w0) + ICR_R(f32, t1 * w1));
}

/* One input row interpolated along W: row[w] = lerp(x[w0], x[w1]) for every output w. */
static void w_pass(const icr_geom *g, const lin_axis *W, int64_t base, double *row)
{
    int64_t w, s = W->stride;

    for (w = 0; w < g->out[g->nsp - 1]; w++) {
        const lin_tap *t = &W->t[w];
        row[w] = lerp(icr_load(g->src, base + t->i0 * s, g->f32), t->l0,
                      icr_load(g->src, base + t->i1 * s, g->f32), t->l1, g->f32);
    }
}

/* What a cached row needs: the plane's input offset and the W table. */
typedef struct lin_rows {
    const icr_geom *g;
    const lin_axis *w;
    int64_t base;
    int64_t row_stride;
} lin_rows;

static void lin_row(void *ctx, int64_t y, double *row)
{
    const lin_rows *r = ctx;
    w_pass(r->g, r->w, r->base + y * r->row_stride, row);
}

/* dst[w] = lerp(a[w], l0, b[w], l1) for a whole row. */
static void row_lerp(double *dst, const double *a, double l0, const double *b, double l1,
                     int64_t len, int f32)
{
    int64_t w;

    for (w = 0; w < len; w++) {
        dst[w] = lerp(a[w], l0, b[w], l1, f32);
    }
}

/* Output columns per block of taps in linear_1d: the table stays in cache. */
#define ICR_LINEAR_BLOCK 2048

/* 1-D: the W taps are computed a block at a time and applied to every (n, c) row, so a long
 * axis needs no table of its full length. */
static int32_t linear_1d(const icr_geom *g, const icr_call *call)
{
    lin_tap *t = malloc(ICR_LINEAR_BLOCK * sizeof *t);
    double ratio = axis_ratio(g, call, 0);
    int64_t first, count, n, c, w;
    int f32 = g->f32;

    if (t == NULL) {
        return IC_ERR_INTERNAL;
    }
    for (first = 0; first < g->out[0]; first += count) {
        count = g->out[0] - first < ICR_LINEAR_BLOCK ? g->out[0] - first : ICR_LINEAR_BLOCK;
        taps_fill(t, first, count, g, call, 0, ratio);
        for (n = 0; n < g->n; n++) {
            for (c = 0; c < g->c; c++) {
                const int64_t ib = n * g->is_n + c * g->is_c;
                const int64_t ob = n * g->os_n + c * g->os_c + first * g->os[0];
                for (w = 0; w < count; w++) {
                    double v = lerp(icr_load(g->src, ib + t[w].i0 * g->is[0], f32), t[w].l0,
                                    icr_load(g->src, ib + t[w].i1 * g->is[0], f32), t[w].l1,
                                    f32);
                    icr_store(g->dst, ob + w * g->os[0], v, f32);
                }
            }
        }
    }
    free(t);
    return IC_OK;
}

/**
 * Generic kernel (upsample_generic_Nd_kernel_impl + HelperInterpLinear, 1.13): the first
 * spatial axis is outermost, each level combines two inner results with its own lambdas,
 * t0*w0 + t1*w1 in the scalar type. Used for every 1-D input and for 2-D/3-D inputs that
 * are not channels-last contiguous.
 *
 * An inner result depends only on the input rows it reads and the output column, so each is
 * computed once (rows, then for 3-D one plane per input depth) and reused: the same
 * operations in the same order as torch, without its redundant recomputation.
 */
int32_t icr_linear_generic(const icr_geom *g, const icr_call *call)
{
    lin_axis ax[3] = {{0}};
    int nsp = g->nsp, f32 = g->f32;
    int64_t wout = g->out[nsp - 1];
    int64_t din = nsp == 3 ? g->in[0] : 1, hin = nsp >= 2 ? g->in[nsp - 2] : 1;
    int64_t hout = nsp >= 2 ? g->out[nsp - 2] : 1;
    double *rows = NULL, *mid = NULL, *line = NULL;
    icr_row_cache rc = {0};
    lin_rows ctx;
    int64_t n, c, d, y, a, b, w;
    int k;
    int32_t st = IC_OK;

    if (nsp == 1) {
        return linear_1d(g, call);
    }
    for (k = 0; k < nsp; k++) {
        if (!axis_build(&ax[k], g, call, k, g->is[k])) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
    }
    rows = malloc((size_t)(nsp == 3 ? din * hin * wout : 1) * sizeof *rows);
    mid = malloc((size_t)((nsp == 3 ? din * hout : 1) * wout) * sizeof *mid);
    line = malloc((size_t)wout * sizeof *line);
    ctx.g = g;
    ctx.w = &ax[nsp - 1];
    ctx.base = 0;
    ctx.row_stride = nsp >= 2 ? g->is[nsp - 2] : 0;
    if (rows == NULL || mid == NULL || line == NULL ||
        !icr_row_cache_init(&rc, 2, wout, lin_row, &ctx)) {
        st = IC_ERR_INTERNAL;
        goto done;
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            const int64_t ib = n * g->is_n + c * g->is_c;
            const int64_t ob = n * g->os_n + c * g->os_c;
            const lin_axis *W = &ax[nsp - 1];
            const lin_axis *H = nsp >= 2 ? &ax[nsp - 2] : NULL;
            const lin_axis *D = nsp == 3 ? &ax[0] : NULL;
            if (nsp == 2) {
                /* the W level row by row (cached), then the H level into the output */
                ctx.base = ib;
                icr_row_cache_reset(&rc);
                for (b = 0; b < hout; b++) {
                    const lin_tap *t = &H->t[b];
                    const double *r0 = icr_row_cache_get(&rc, t->i0);
                    const double *r1 = icr_row_cache_get(&rc, t->i1);
                    row_lerp(line, r0, t->l0, r1, t->l1, wout, f32);
                    for (w = 0; w < wout; w++) {
                        icr_store(g->dst, ob + b * g->os[0] + w * g->os[1], line[w], f32);
                    }
                }
                continue;
            }
            /* 3-D: the W level for every input row */
            for (d = 0; d < din; d++) {
                for (y = 0; y < hin; y++) {
                    int64_t base = ib + d * g->is[0] + y * g->is[1];
                    w_pass(g, W, base, rows + (d * hin + y) * wout);
                }
            }
            /* the H level, for every input depth */
            for (d = 0; d < din; d++) {
                for (b = 0; b < hout; b++) {
                    const lin_tap *t = &H->t[b];
                    row_lerp(mid + (d * hout + b) * wout, rows + (d * hin + t->i0) * wout, t->l0,
                             rows + (d * hin + t->i1) * wout, t->l1, wout, f32);
                }
            }
            /* the D level */
            for (a = 0; a < g->out[0]; a++) {
                for (b = 0; b < hout; b++) {
                    const lin_tap *t = &D->t[a];
                    row_lerp(line, mid + (t->i0 * hout + b) * wout, t->l0,
                             mid + (t->i1 * hout + b) * wout, t->l1, wout, f32);
                    for (w = 0; w < wout; w++) {
                        icr_store(g->dst, ob + a * g->os[0] + b * g->os[1] + w * g->os[2],
                                  line[w], f32);
                    }
                }
            }
        }
    }
done:
    icr_row_cache_free(&rc);
    free(rows);
    free(mid);
    free(line);
    for (k = 0; k < 3; k++) {
        axis_free(&ax[k]);
    }
    return st;
}

/**
 * Channels-last kernel (cpu_upsample_linear_channels_last, 1.13), 2-D and 3-D. Weights are
 * products of the per-axis lambdas in the scalar type (3-D: (d*h)*w), held as acc_type.
 * Channels [0, C - C % V) take the SIMD path: V = 8 floats or 4 doubles (256-bit
 * Vectorized, default capability), terms summed right-associated in the scalar type.
 * The remaining channels take the scalar tail: x*w in acc_type (double), summed left to
 * right in double and rounded once when stored.
 */
int32_t icr_linear_channels_last(const icr_geom *g, const icr_call *call)
{
    lin_axis ax[3] = {{0}};
    int nsp = g->nsp, f32 = g->f32;
    int64_t vec = f32 ? 8 : 4;
    int64_t csimd = g->c - g->c % vec;
    int64_t n, c, a, b, w, j;
    int k, terms = nsp == 2 ? 4 : 8;
    int32_t st = IC_OK;

    for (k = 0; k < nsp; k++) {
        if (!axis_build(&ax[k], g, call, k, g->is[k])) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
    }
    for (n = 0; n < g->n; n++) {
        int64_t nd = nsp == 3 ? g->out[0] : 1;
        const lin_axis *D = nsp == 3 ? &ax[0] : NULL;
        const lin_axis *H = &ax[nsp - 2], *W = &ax[nsp - 1];
        for (a = 0; a < nd; a++) {
            for (b = 0; b < g->out[nsp - 2]; b++) {
                for (w = 0; w < g->out[nsp - 1]; w++) {
                    int64_t off[8], ob;
                    double wt[8];
                    /* taps of each axis: [0] = (index, lambda) 0, [1] = 1 */
                    const lin_tap *tw = &W->t[w], *th = &H->t[b];
                    int64_t ow[2], oh[2], od[2] = {0, 0};
                    double lw[2], lh[2], ld[2] = {1.0, 1.0};
                    ow[0] = tw->i0 * W->stride;
                    ow[1] = tw->i1 * W->stride;
                    lw[0] = tw->l0;
                    lw[1] = tw->l1;
                    oh[0] = th->i0 * H->stride;
                    oh[1] = th->i1 * H->stride;
                    lh[0] = th->l0;
                    lh[1] = th->l1;
                    if (nsp == 2) {
                        int x, z;
                        for (x = 0; x < 2; x++) {
                            for (z = 0; z < 2; z++) {
                                /* w_xz = h_lambda_x * w_lambda_z in the scalar type */
                                off[x * 2 + z] = n * g->is_n + oh[x] + ow[z];
                                wt[x * 2 + z] = ICR_R(f32, lh[x] * lw[z]);
                            }
                        }
                        ob = n * g->os_n + b * g->os[0] + w * g->os[1];
                    } else {
                        const lin_tap *td = &D->t[a];
                        int x, y, z;
                        od[0] = td->i0 * D->stride;
                        od[1] = td->i1 * D->stride;
                        ld[0] = td->l0;
                        ld[1] = td->l1;
                        for (x = 0; x < 2; x++) {
                            for (y = 0; y < 2; y++) {
                                for (z = 0; z < 2; z++) {
                                    /* w_xyz = (d_lambda_x * h_lambda_y) * w_lambda_z */
                                    int q = x * 4 + y * 2 + z;
                                    off[q] = n * g->is_n + od[x] + oh[y] + ow[z];
                                    wt[q] = ICR_R(f32, ICR_R(f32, ld[x] * lh[y]) * lw[z]);
                                }
                            }
                        }
                        ob = n * g->os_n + a * g->os[0] + b * g->os[1] + w * g->os[2];
                    }
                    for (c = 0; c < g->c; c++) {
                        int64_t ci = c * g->is_c;
                        double y;
                        if (c < csimd) {
                            /* Vectorized: x0*w0 + (x1*w1 + (... + x_last*w_last)) */
                            y = ICR_R(f32, icr_load(g->src, off[terms - 1] + ci, f32) *
                                               wt[terms - 1]);
                            for (j = terms - 2; j >= 0; j--) {
                                y = ICR_R(f32, ICR_R(f32, icr_load(g->src, off[j] + ci, f32) *
                                                              wt[j]) +
                                                   y);
                            }
                        } else {
                            /* scalar tail in acc_type = double, left to right */
                            y = icr_load(g->src, off[0] + ci, f32) * wt[0];
                            for (j = 1; j < terms; j++) {
                                y = y + icr_load(g->src, off[j] + ci, f32) * wt[j];
                            }
                        }
                        icr_store(g->dst, ob + c * g->os_c, y, f32);
                    }
                }
            }
        }
    }
done:
    for (k = 0; k < 3; k++) {
        axis_free(&ax[k]);
    }
    return st;
}
