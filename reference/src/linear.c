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
                                     g->f32, &p->i0, &p->i1, &p->l0, &p->l1, call->rules);
    }
}

static int axis_build(lin_axis *ax, const icr_geom *g, const icr_call *call, int k, int64_t stride)
{
    ax->stride = stride;
    ax->t = malloc((size_t)g->out[k] * sizeof *ax->t);
    if (ax->t == NULL) {
        return 0;
    }
    taps_fill(ax->t, 0, g->out[k], g, call, k, axis_ratio(g, call, k));
    return 1;
}

/*
 * The generic kernel's per-axis table: per output index, the two taps (element offsets, or
 * indices for the outer axes: stride 1) and their lambdas, in double and in the scalar type.
 * One level of the generic kernel (Interpolate<n, ..., 2>::eval) is t0*w0 + t1*w1 in the
 * scalar type, where t0/t1 are the inner levels' results (rowops.c: icr_row_taps with two
 * taps for the W level, icr_row_lerp for the outer levels).
 */
typedef struct lin_pairs {
    int64_t *off; /* 2 per output */
    double *lam;  /* 2 per output */
    void *lams;   /* lam in the scalar type */
} lin_pairs;

static int pairs_build(lin_pairs *p, const icr_geom *g, const icr_call *call, int k,
                       int64_t stride)
{
    p->off = malloc((size_t)g->out[k] * 2 * sizeof *p->off);
    p->lam = malloc((size_t)g->out[k] * 2 * sizeof *p->lam);
    if (p->off == NULL || p->lam == NULL) {
        return 0;
    }
    icr_linear_taps(0, g->out[k], g->in[k], g->out[k], axis_ratio(g, call, k), call->align_corners,
                    g->f32, stride, p->off, p->lam, call->rules);
    p->lams = icr_scalar_table(g->f32, p->lam, g->out[k] * 2);
    return p->lams != NULL;
}

static void pairs_free(lin_pairs *p)
{
    free(p->off);
    free(p->lam);
    free(p->lams);
}

/* What a cached row needs: the plane's input offset and the W table. */
typedef struct lin_rows {
    const icr_geom *g;
    const lin_pairs *w;
    int64_t base;
    int64_t row_stride;
} lin_rows;

/* The W level of the input row at element offset base: row[w] = x[i0]*l0 + x[i1]*l1 for
 * every output column. */
static void lin_row_at(const icr_geom *g, const lin_pairs *W, int64_t base, void *row)
{
    icr_row_taps(g->f32, row, icr_at(g->src, base, g->esize), W->off, W->lams, 2,
                 g->out[g->nsp - 1]);
}

static void lin_row(void *ctx, int64_t y, void *row)
{
    const lin_rows *r = ctx;
    lin_row_at(r->g, r->w, r->base + y * r->row_stride, row);
}

static void lin_row_pair(void *ctx, int64_t y, void *row, void *next)
{
    const lin_rows *r = ctx;
    const icr_geom *g = r->g;
    int64_t b = r->base + y * r->row_stride;

    icr_row_taps_x2(g->f32, row, next, icr_at(g->src, b, g->esize),
                    icr_at(g->src, b + r->row_stride, g->esize), r->w->off, r->w->lams, 2,
                    g->out[g->nsp - 1]);
}

/* Output columns per block of taps in linear_1d: the table stays in cache. */
#define ICR_LINEAR_BLOCK 2048

/* 1-D: the W taps are computed a block at a time and applied to every (n, c) row, so a long
 * axis needs no table of its full length. */
static int32_t linear_1d(const icr_geom *g, const icr_call *call)
{
    int64_t *off = malloc(2 * ICR_LINEAR_BLOCK * sizeof *off);
    double *lam = malloc(2 * ICR_LINEAR_BLOCK * sizeof *lam);
    void *lams = malloc(2 * ICR_LINEAR_BLOCK * g->esize);
    void *line = malloc(ICR_LINEAR_BLOCK * g->esize);
    double ratio = axis_ratio(g, call, 0);
    int64_t first, count, k, step, rows = g->n * g->c;
    int32_t st = IC_OK;

    if (off == NULL || lam == NULL || lams == NULL || line == NULL) {
        st = IC_ERR_INTERNAL;
        goto done;
    }
    for (first = 0; first < g->out[0]; first += count) {
        count = g->out[0] - first < ICR_LINEAR_BLOCK ? g->out[0] - first : ICR_LINEAR_BLOCK;
        icr_linear_taps(first, count, g->in[0], g->out[0], ratio, call->align_corners, g->f32,
                        g->is[0], off, lam, call->rules);
        icr_scalar_copy(g->f32, lams, lam, 2 * count);
        /* the rows (n, c) in order, two at a time where the output rows are contiguous */
        for (k = 0; k < rows; k += step) {
            int64_t n = k / g->c, c = k % g->c, n1 = (k + 1) / g->c, c1 = (k + 1) % g->c;
            const void *x = icr_at(g->src, n * g->is_n + c * g->is_c, g->esize);
            void *y = icr_at(g->dst, n * g->os_n + c * g->os_c + first * g->os[0], g->esize);
            step = k + 1 < rows && g->os[0] == 1 ? 2 : 1;
            if (step == 2) {
                icr_row_taps_x2(
                    g->f32, y,
                    icr_at(g->dst, n1 * g->os_n + c1 * g->os_c + first * g->os[0], g->esize), x,
                    icr_at(g->src, n1 * g->is_n + c1 * g->is_c, g->esize), off, lams, 2, count);
            } else if (g->os[0] == 1) {
                icr_row_taps(g->f32, y, x, off, lams, 2, count);
            } else {
                icr_row_taps(g->f32, line, x, off, lams, 2, count);
                icr_row_store(g->f32, y, g->os[0], line, count);
            }
        }
    }
done:
    free(off);
    free(lam);
    free(lams);
    free(line);
    return st;
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
    lin_pairs ax[3] = {{0}};
    int nsp = g->nsp, f32 = g->f32;
    size_t es = g->esize;
    int64_t wout = g->out[nsp - 1];
    int64_t din = nsp == 3 ? g->in[0] : 1, hin = nsp >= 2 ? g->in[nsp - 2] : 1;
    int64_t hout = nsp >= 2 ? g->out[nsp - 2] : 1;
    unsigned char *rows = NULL, *mid = NULL, *line = NULL;
    icr_row_cache rc = {0};
    lin_rows ctx;
    int64_t n, c, d, y, a, b;
    int k;
    int32_t st = IC_OK;

    if (nsp == 1) {
        return linear_1d(g, call);
    }
    /* the W table holds element offsets; the outer axes' tables hold row indices */
    for (k = 0; k < nsp; k++) {
        if (!pairs_build(&ax[k], g, call, k, k == nsp - 1 ? g->is[k] : 1)) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
    }
    rows = malloc((size_t)(nsp == 3 ? din * hin * wout : 1) * es);
    mid = malloc((size_t)((nsp == 3 ? din * hout : 1) * wout) * es);
    line = malloc((size_t)wout * es);
    ctx.g = g;
    ctx.w = &ax[nsp - 1];
    ctx.base = 0;
    ctx.row_stride = g->is[nsp - 2];
    if (rows == NULL || mid == NULL || line == NULL ||
        !icr_row_cache_init(&rc, 3, wout, es, lin_row, lin_row_pair, &ctx)) {
        st = IC_ERR_INTERNAL;
        goto done;
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            const int64_t ib = n * g->is_n + c * g->is_c;
            const int64_t ob = n * g->os_n + c * g->os_c;
            const int64_t os_w = g->os[nsp - 1];
            const lin_pairs *H = &ax[nsp - 2];
            if (nsp == 2) {
                /* the W level row by row (cached), then the H level into the output */
                ctx.base = ib;
                icr_row_cache_reset(&rc);
                for (b = 0; b < hout; b++) {
                    const void *r0, *r1;
                    icr_row_cache_fill(&rc, H->off[2 * b], H->off[2 * b + 1],
                                       b + 1 < hout ? H->off[2 * b + 2] : 1,
                                       b + 1 < hout ? H->off[2 * b + 3] : 0);
                    r0 = icr_row_cache_get(&rc, H->off[2 * b]);
                    r1 = icr_row_cache_get(&rc, H->off[2 * b + 1]);
                    void *orow = icr_at(g->dst, ob + b * g->os[0], es);
                    void *dst = os_w == 1 ? orow : line;
                    icr_row_lerp(f32, dst, r0, H->lam[2 * b], r1, H->lam[2 * b + 1], wout);
                    if (dst == line) {
                        icr_row_store(f32, orow, os_w, line, wout);
                    }
                }
                continue;
            }
            /* 3-D: the W level for every input row */
            for (d = 0; d < din; d++) {
                for (y = 0; y < hin; y++) {
                    lin_row_at(g, &ax[2], ib + d * g->is[0] + y * g->is[1],
                               rows + (size_t)((d * hin + y) * wout) * es);
                }
            }
            /* the H level, for every input depth */
            for (d = 0; d < din; d++) {
                for (b = 0; b < hout; b++) {
                    const int64_t *t = &H->off[2 * b];
                    icr_row_lerp(f32, mid + (size_t)((d * hout + b) * wout) * es,
                                 rows + (size_t)((d * hin + t[0]) * wout) * es, H->lam[2 * b],
                                 rows + (size_t)((d * hin + t[1]) * wout) * es, H->lam[2 * b + 1],
                                 wout);
                }
            }
            /* the D level, into the output */
            for (a = 0; a < g->out[0]; a++) {
                const int64_t *t = &ax[0].off[2 * a];
                for (b = 0; b < hout; b++) {
                    void *orow = icr_at(g->dst, ob + a * g->os[0] + b * g->os[1], es);
                    void *dst = os_w == 1 ? orow : line;
                    icr_row_lerp(f32, dst, mid + (size_t)((t[0] * hout + b) * wout) * es,
                                 ax[0].lam[2 * a], mid + (size_t)((t[1] * hout + b) * wout) * es,
                                 ax[0].lam[2 * a + 1], wout);
                    if (dst == line) {
                        icr_row_store(f32, orow, os_w, line, wout);
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
        pairs_free(&ax[k]);
    }
    return st;
}

/* Per-element order of the 2-D channels-last kernel (see icr_linear_channels_last). */
enum { CL_SIMD = 0, CL_TAIL = 1, CL_TAIL_DOUBLE = 2 };

/*
 * One output row of the 2-D channels-last kernel in the scalar type T, from the gathered
 * input rows: a0/a1 = input row i0 at the W taps i0/i1 of each output column, b0/b1 the same
 * for input row i1. Weights w_xz = lh_x * lw_z (T), terms t * w (T), summed in the kernel's
 * order: right-associated (SIMD lanes), left to right in T (2.x tail) or left to right in
 * double (1.13 tail, rounded once). Contiguous arrays, so the loops vectorise.
 */
#define CL2D_ROW(NAME, T)                                                                         \
    static void NAME(T *d, const T *a0, const T *a1, const T *b0, const T *b1, const T *lw0,      \
                     const T *lw1, T lh0, T lh1, int64_t n, int order)                            \
    {                                                                                             \
        int64_t w;                                                                                \
        if (order == CL_SIMD) {                                                                   \
            for (w = 0; w < n; w++) {                                                             \
                d[w] =                                                                            \
                    a0[w] * (lh0 * lw0[w]) +                                                      \
                    (a1[w] * (lh0 * lw1[w]) + (b0[w] * (lh1 * lw0[w]) + b1[w] * (lh1 * lw1[w]))); \
            }                                                                                     \
        } else if (order == CL_TAIL) {                                                            \
            for (w = 0; w < n; w++) {                                                             \
                d[w] = a0[w] * (lh0 * lw0[w]) + a1[w] * (lh0 * lw1[w]) + b0[w] * (lh1 * lw0[w]) + \
                       b1[w] * (lh1 * lw1[w]);                                                    \
            }                                                                                     \
        } else {                                                                                  \
            for (w = 0; w < n; w++) {                                                             \
                d[w] =                                                                            \
                    (T)((double)a0[w] * (T)(lh0 * lw0[w]) + (double)a1[w] * (T)(lh0 * lw1[w]) +   \
                        (double)b0[w] * (T)(lh1 * lw0[w]) + (double)b1[w] * (T)(lh1 * lw1[w]));   \
            }                                                                                     \
        }                                                                                         \
    }

CL2D_ROW(cl2d_row_f32, float)
CL2D_ROW(cl2d_row_f64, double)

/* Gathers input row y at the W taps: row[w] = x[y, i0(w)], row[wout + w] = x[y, i1(w)]. */
typedef struct cl2d_rows {
    const icr_geom *g;
    const int64_t *iw; /* 2 * wout element offsets */
    int64_t base, hstride;
} cl2d_rows;

static void cl2d_gather(void *ctx, int64_t y, void *row)
{
    const cl2d_rows *r = ctx;
    int64_t n = 2 * r->g->out[1], w;

    if (r->g->f32) {
        const float *x = (const float *)r->g->src + r->base + y * r->hstride;
        float *d = row;
        for (w = 0; w < n; w++) {
            d[w] = x[r->iw[w]];
        }
    } else {
        const double *x = (const double *)r->g->src + r->base + y * r->hstride;
        double *d = row;
        for (w = 0; w < n; w++) {
            d[w] = x[r->iw[w]];
        }
    }
}

/* The 2-D channels-last kernel plane by plane, each input row gathered once (rowcache.c):
 * the same per-element arithmetic as the general loop of icr_linear_channels_last. */
static int32_t linear_cl2d(const icr_geom *g, const icr_call *call, const lin_axis *H,
                           const lin_axis *W)
{
    int f32 = g->f32;
    size_t es = g->esize;
    int64_t vec = g->vec > 0 ? g->vec : (f32 ? 8 : 4);
    int64_t csimd = g->c - g->c % vec;
    int64_t wout = g->out[1], hout = g->out[0], n, c, b, w;
    int64_t *iw = malloc((size_t)wout * 2 * sizeof *iw);
    unsigned char *lw = malloc((size_t)wout * 2 * es);
    unsigned char *acc = malloc((size_t)wout * es);
    icr_row_cache rc = {0};
    cl2d_rows ctx;
    int32_t st = IC_OK;

    ctx.g = g;
    ctx.iw = iw;
    ctx.base = 0;
    ctx.hstride = H->stride;
    if (iw == NULL || lw == NULL || acc == NULL ||
        !icr_row_cache_init(&rc, 3, 2 * wout, es, cl2d_gather, NULL, &ctx)) {
        st = IC_ERR_INTERNAL;
        goto done;
    }
    for (w = 0; w < wout; w++) {
        iw[w] = W->t[w].i0 * W->stride;
        iw[wout + w] = W->t[w].i1 * W->stride;
    }
    for (w = 0; w < wout; w++) {
        if (f32) {
            ((float *)lw)[w] = (float)W->t[w].l0;
            ((float *)lw)[wout + w] = (float)W->t[w].l1;
        } else {
            ((double *)lw)[w] = W->t[w].l0;
            ((double *)lw)[wout + w] = W->t[w].l1;
        }
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            int order =
                c < csimd ? CL_SIMD : (call->rules->cl_tail_double ? CL_TAIL_DOUBLE : CL_TAIL);
            int64_t ob = n * g->os_n + c * g->os_c;
            ctx.base = n * g->is_n + c * g->is_c;
            icr_row_cache_reset(&rc);
            for (b = 0; b < hout; b++) {
                const lin_tap *t = &H->t[b];
                void *orow = icr_at(g->dst, ob + b * g->os[0], es);
                void *d = g->os[1] == 1 ? orow : (void *)acc;
                const unsigned char *r0, *r1;
                icr_row_cache_fill(&rc, t->i0, t->i1, 1, 0);
                r0 = icr_row_cache_get(&rc, t->i0);
                r1 = icr_row_cache_get(&rc, t->i1);
                if (f32) {
                    cl2d_row_f32(d, (const float *)r0, (const float *)r0 + wout, (const float *)r1,
                                 (const float *)r1 + wout, (float *)lw, (float *)lw + wout,
                                 (float)t->l0, (float)t->l1, wout, order);
                } else {
                    cl2d_row_f64(d, (const double *)r0, (const double *)r0 + wout,
                                 (const double *)r1, (const double *)r1 + wout, (double *)lw,
                                 (double *)lw + wout, t->l0, t->l1, wout, order);
                }
                if (d == (void *)acc) {
                    icr_row_store(f32, orow, g->os[1], acc, wout);
                }
            }
        }
    }
done:
    icr_row_cache_free(&rc);
    free(iw);
    free(lw);
    free(acc);
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
    int64_t vec = g->vec > 0 ? g->vec : (f32 ? 8 : 4);
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
    if (nsp == 2) {
        st = linear_cl2d(g, call, &ax[0], &ax[1]);
        goto done;
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
                            y = ICR_R(f32,
                                      icr_load(g->src, off[terms - 1] + ci, f32) * wt[terms - 1]);
                            for (j = terms - 2; j >= 0; j--) {
                                y = ICR_R(f32,
                                          ICR_R(f32, icr_load(g->src, off[j] + ci, f32) * wt[j]) +
                                              y);
                            }
                        } else if (!call->rules->cl_tail_double) {
                            /* 2.x scalar tail in opmath (the scalar type), left to right */
                            y = ICR_R(f32, icr_load(g->src, off[0] + ci, f32) * wt[0]);
                            for (j = 1; j < terms; j++) {
                                y = ICR_R(f32, y + ICR_R(f32, icr_load(g->src, off[j] + ci, f32) *
                                                                  wt[j]));
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

/* ---- float16 / bfloat16: 1.13's bfloat16 in BFloat16 arithmetic
 * (rules.half_modes & ICR_HALF_LINEAR_BF16_SCALAR), 2.x's in opmath float
 * (ICR_HALF_LINEAR_OPMATH); generic kernel only ---- */

/* float -> the 2-byte type -> float */
static float t_round(int32_t dtype, float x)
{
    return dtype == IC_DTYPE_BFLOAT16 ? icr_bf16_round(x) : icr_half_round(x);
}

/* One operation: rounded to the 2-byte type when the kernel computes in it (in_t). */
static float op_round(int in_t, int32_t dtype, float x)
{
    return in_t ? t_round(dtype, x) : x;
}

/*
 * One axis of the generic kernel's tables. in_t (1.13, scalar_t = BFloat16,
 * HelperInterpLinear::compute_indices_weights): the scale in BFloat16
 * (area_pixel_compute_scale<BFloat16>), the coordinate in acc_type<BFloat16> = float,
 * lambda1 = BFloat16(r - i0), lambda0 = BFloat16(1) - lambda1. Otherwise (2.x): scale,
 * coordinate and clamped lambda1 in opmath float exactly as for float32 (coords.c), then
 * lambda1 = scalar_t(lambda1), lambda0 = scalar_t(1) - lambda1 in the 2-byte type.
 */
static void half_axis(const icr_geom *g, const icr_call *call, int k, int in_t, int64_t *off,
                      float *lam)
{
    int64_t in = g->in[k], out = g->out[k], i, i0, i1;
    int32_t dt = g->dtype;
    double ratio = 0.0;
    float s = 0.0f;

    if (!in_t) {
        /* area_pixel_compute_scale<opmath_t = float> */
        ratio = icr_area_pixel_compute_scale(in, out, call->align_corners, call->has_scale[k],
                                             call->scale[k], 1);
    } else if (call->align_corners) {
        s = out > 1 ? t_round(dt, t_round(dt, (float)(in - 1)) / t_round(dt, (float)(out - 1)))
                    : 0.0f;
    } else if (call->has_scale[k] && call->scale[k] > 0.) {
        s = t_round(dt, (float)(1.0 / call->scale[k]));
    } else {
        s = t_round(dt, t_round(dt, (float)in) / t_round(dt, (float)out));
    }
    for (i = 0; i < out; i++) {
        float l1;
        if (!in_t) {
            double dl0, dl1;
            icr_linear_source_and_lambda(i, in, out, ratio, call->align_corners, 1, &i0, &i1, &dl0,
                                         &dl1, call->rules);
            l1 = t_round(dt, (float)dl1);
        } else if (out == in) {
            i0 = i;
            i1 = i;
            l1 = 0.0f;
        } else {
            float r = (float)icr_area_pixel_compute_source_index((double)s, i, call->align_corners,
                                                                 0, 0);
            i0 = (int64_t)r;
            i1 = i0 + (i0 < in - 1 ? 1 : 0);
            l1 = t_round(dt, r - (float)i0);
        }
        off[2 * i] = i0 * g->is[k];
        off[2 * i + 1] = i1 * g->is[k];
        lam[2 * i] = t_round(dt, 1.0f - l1);
        lam[2 * i + 1] = l1;
    }
}

static float half_at(int32_t dtype, const uint16_t *src, int64_t off)
{
    return dtype == IC_DTYPE_BFLOAT16 ? icr_bf16_to_float(src[off]) : icr_half_to_float(src[off]);
}

/* Interpolate<n>::eval: t0 * w0 + t1 * w1, nested from the first spatial axis (outermost) to
 * the last, each operation rounded to the 2-byte type (in_t) or in float (opmath). */
static float half_eval(const icr_geom *g, int in_t, int k, const uint16_t *src, int64_t base,
                       int64_t *const *off, float *const *lam, const int64_t *o)
{
    float t0, t1;
    int64_t j = o[k];
    int32_t dt = g->dtype;

    if (k == g->nsp - 1) {
        t0 = half_at(dt, src, base + off[k][2 * j]);
        t1 = half_at(dt, src, base + off[k][2 * j + 1]);
    } else {
        t0 = half_eval(g, in_t, k + 1, src, base + off[k][2 * j], off, lam, o);
        t1 = half_eval(g, in_t, k + 1, src, base + off[k][2 * j + 1], off, lam, o);
    }
    return op_round(in_t, dt,
                    op_round(in_t, dt, t0 * lam[k][2 * j]) +
                        op_round(in_t, dt, t1 * lam[k][2 * j + 1]));
}

/**
 * linear / bilinear / trilinear for float16 / bfloat16, generic kernel only (the caller
 * refuses the channels-last kernel). in_t: every operation in the 2-byte type (1.13,
 * bfloat16); else in float from the 2-byte weights, rounded once at the store (2.x).
 * Both measured on torch (1.13.1, 2.14.1).
 */
int32_t icr_linear_half(const icr_geom *g, const icr_call *call, int in_t)
{
    int64_t *off[3] = {NULL, NULL, NULL};
    float *lam[3] = {NULL, NULL, NULL};
    int64_t o[3] = {0, 0, 0}, n, c;
    const uint16_t *src = g->src;
    uint16_t *dst = g->dst;
    int32_t st = IC_OK;
    int k;

    for (k = 0; k < g->nsp; k++) {
        off[k] = malloc((size_t)g->out[k] * 2 * sizeof *off[k]);
        lam[k] = malloc((size_t)g->out[k] * 2 * sizeof *lam[k]);
        if (off[k] == NULL || lam[k] == NULL) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
        half_axis(g, call, k, in_t, off[k], lam[k]);
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            int64_t ib = n * g->is_n + c * g->is_c, ob = n * g->os_n + c * g->os_c;
            for (o[0] = 0; o[0] < g->out[0]; o[0]++) {
                for (o[1] = 0; o[1] < (g->nsp > 1 ? g->out[1] : 1); o[1]++) {
                    for (o[2] = 0; o[2] < (g->nsp > 2 ? g->out[2] : 1); o[2]++) {
                        int64_t d = ob;
                        float v;
                        for (k = 0; k < g->nsp; k++) {
                            d += o[k] * g->os[k];
                        }
                        v = half_eval(g, in_t, 0, src, ib, off, lam, o);
                        dst[d] = g->dtype == IC_DTYPE_BFLOAT16 ? icr_float_to_bf16(v)
                                                               : icr_float_to_half(v);
                    }
                }
            }
        }
    }
done:
    for (k = 0; k < 3; k++) {
        free(off[k]);
        free(lam[k]);
    }
    return st;
}

/* Every element offset of a (N, C, up to 3 spatial) strided tensor, widened or narrowed
 * between the 2-byte type and float. */
static void half_convert(const icr_geom *g, const int64_t *sizes, const int64_t *strides,
                         int widen, const void *from, void *to)
{
    int64_t sz[5] = {1, 1, 1, 1, 1}, st[5] = {0, 0, 0, 0, 0}, i[5];
    int k;

    sz[0] = g->n;
    sz[1] = g->c;
    st[0] = strides[0];
    st[1] = strides[1];
    for (k = 0; k < g->nsp; k++) {
        sz[2 + k] = sizes[k];
        st[2 + k] = strides[2 + k];
    }
    for (i[0] = 0; i[0] < sz[0]; i[0]++) {
        for (i[1] = 0; i[1] < sz[1]; i[1]++) {
            for (i[2] = 0; i[2] < sz[2]; i[2]++) {
                for (i[3] = 0; i[3] < sz[3]; i[3]++) {
                    for (i[4] = 0; i[4] < sz[4]; i[4]++) {
                        int64_t o = 0;
                        for (k = 0; k < 5; k++) {
                            o += i[k] * st[k];
                        }
                        if (widen) {
                            ((float *)to)[o] = half_at(g->dtype, from, o);
                        } else {
                            float v = ((const float *)from)[o];
                            ((uint16_t *)to)[o] = g->dtype == IC_DTYPE_BFLOAT16
                                                      ? icr_float_to_bf16(v)
                                                      : icr_float_to_half(v);
                        }
                    }
                }
            }
        }
    }
}

/* 1 + the largest element offset (strides are never negative) */
static int64_t half_span(const icr_geom *g, const int64_t *sizes, const int64_t *strides)
{
    int64_t span = 1 + (g->n - 1) * strides[0] + (g->c - 1) * strides[1];
    int k;

    for (k = 0; k < g->nsp; k++) {
        span += (sizes[k] - 1) * strides[2 + k];
    }
    return span;
}

static void half_strides(const icr_geom *g, int64_t ist[5], int64_t ost[5])
{
    int k;

    ist[0] = g->is_n;
    ist[1] = g->is_c;
    ost[0] = g->os_n;
    ost[1] = g->os_c;
    for (k = 0; k < g->nsp; k++) {
        ist[2 + k] = g->is[k];
        ost[2 + k] = g->os[k];
    }
}

/*
 * A float copy of a float16 / bfloat16 call for the float32 kernels: the input widened
 * (exactly) into *fin with the same strides, and *fout with the output's strides. Strides are
 * never negative (IC_UNSUPPORTED otherwise).
 */
static int32_t half_float_buffers(const icr_geom *g, float **fin, float **fout)
{
    int64_t ist[5], ost[5];
    int k;

    *fin = NULL;
    *fout = NULL;
    half_strides(g, ist, ost);
    for (k = 0; k < 2 + g->nsp; k++) {
        if (ist[k] < 0 || ost[k] < 0) {
            return IC_UNSUPPORTED;
        }
    }
    *fin = malloc((size_t)half_span(g, g->in, ist) * sizeof **fin);
    *fout = malloc((size_t)half_span(g, g->out, ost) * sizeof **fout);
    if (*fin == NULL || *fout == NULL) {
        free(*fin);
        free(*fout);
        *fin = NULL;
        *fout = NULL;
        return IC_ERR_INTERNAL;
    }
    half_convert(g, g->in, ist, 1, g->src, *fin);
    return IC_OK;
}

/* The float output of half_float_buffers rounded into the call's output. */
static void half_store_float(const icr_geom *g, const float *fout)
{
    int64_t ist[5], ost[5];

    half_strides(g, ist, ost);
    half_convert(g, g->out, ost, 0, fout, g->dst);
}

/**
 * Runs a float32 kernel on a float copy of a float16 / bfloat16 call: the input widened
 * exactly, the kernel computing in float (with `vec` SIMD lanes when non-zero), the output
 * rounded once into the call's 2-byte output.
 */
int32_t icr_half_via_float(const icr_geom *g, int vec, icr_float_kernel kernel, const void *ctx)
{
    icr_geom f = *g;
    float *fin, *fout;
    int32_t st = half_float_buffers(g, &fin, &fout);

    if (st != IC_OK) {
        return st;
    }
    f.f32 = 1;
    f.esize = sizeof(float);
    f.dtype = IC_DTYPE_FLOAT32;
    if (vec > 0) {
        f.vec = vec;
    }
    f.src = fin;
    f.dst = fout;
    st = kernel(&f, ctx);
    if (st == IC_OK) {
        half_store_float(g, fout);
    }
    free(fin);
    free(fout);
    return st;
}

/**
 * The channels-last linear kernel for float16 / bfloat16 (2.x, ICR_HALF_LINEAR_OPMATH):
 * cpu_upsample_linear_channels_last computes in float (opmath) from float lambdas and
 * rounds once at the store, with SIMD lanes over whole 2-byte vectors (16 channels, two
 * float vectors each) and the rest in the scalar tail. So the input is widened into a float
 * copy with the same strides and the float32 kernel runs on it with 16 lanes (measured on
 * torch 2.14.1: 16 lanes match, 8 and 32 do not).
 */
static int32_t linear_cl_kernel(const icr_geom *f, const void *call)
{
    return icr_linear_channels_last(f, call);
}

int32_t icr_linear_half_cl(const icr_geom *g, const icr_call *call)
{
    return icr_half_via_float(g, 16, linear_cl_kernel, call);
}

/**
 * The channels-last linear kernel for bfloat16 in 1.13 (ICR_HALF_LINEAR_BF16_SCALAR):
 * BFloat16 lambdas as in the generic kernel (half_axis), product weights rounded to BFloat16
 * (w_yz = lh_y * lw_z, 3-D: (ld_x * lh_y) * lw_z), then each output in float from the
 * BFloat16 inputs and weights, rounded once: SIMD lanes (channels [0, C - C % 16), 16
 * BFloat16 per vector, converted to two float vectors) right-associated, the scalar tail left
 * to right (acc_type<BFloat16> = float). Measured on torch 1.13.1 (2-D: 8 or 16 lanes and a
 * float or double tail were indistinguishable; 16 and float are the kernel's types).
 */
int32_t icr_linear_bf16_cl(const icr_geom *g, const icr_call *call)
{
    int64_t *off[3] = {NULL, NULL, NULL};
    float *lam[3] = {NULL, NULL, NULL};
    int64_t o[3] = {0, 0, 0}, n, c, csimd = g->c - g->c % 16;
    int64_t toff[8];
    float wt[8];
    int nsp = g->nsp, terms = 1 << g->nsp;
    const uint16_t *src = g->src;
    uint16_t *dst = g->dst;
    int32_t st = IC_OK;
    int k, j;

    for (k = 0; k < nsp; k++) {
        off[k] = malloc((size_t)g->out[k] * 2 * sizeof *off[k]);
        lam[k] = malloc((size_t)g->out[k] * 2 * sizeof *lam[k]);
        if (off[k] == NULL || lam[k] == NULL) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
        half_axis(g, call, k, 1, off[k], lam[k]);
    }
    for (n = 0; n < g->n; n++) {
        for (o[0] = 0; o[0] < g->out[0]; o[0]++) {
            for (o[1] = 0; o[1] < g->out[1]; o[1]++) {
                for (o[2] = 0; o[2] < (nsp > 2 ? g->out[2] : 1); o[2]++) {
                    int64_t ob = n * g->os_n;
                    for (k = 0; k < nsp; k++) {
                        ob += o[k] * g->os[k];
                    }
                    /* the terms in the kernel's order: the last axis fastest */
                    for (j = 0; j < terms; j++) {
                        float w = 1.0f;
                        int64_t q = n * g->is_n;
                        for (k = 0; k < nsp; k++) {
                            int bit = (j >> (nsp - 1 - k)) & 1;
                            q += off[k][2 * o[k] + bit];
                            w = k == 0 ? lam[k][2 * o[k] + bit]
                                       : icr_bf16_round(w * lam[k][2 * o[k] + bit]);
                        }
                        toff[j] = q;
                        wt[j] = w;
                    }
                    for (c = 0; c < g->c; c++) {
                        int64_t ci = c * g->is_c;
                        float y;
                        if (c < csimd) {
                            y = icr_bf16_to_float(src[toff[terms - 1] + ci]) * wt[terms - 1];
                            for (j = terms - 2; j >= 0; j--) {
                                y = icr_bf16_to_float(src[toff[j] + ci]) * wt[j] + y;
                            }
                        } else {
                            y = icr_bf16_to_float(src[toff[0] + ci]) * wt[0];
                            for (j = 1; j < terms; j++) {
                                y = y + icr_bf16_to_float(src[toff[j] + ci]) * wt[j];
                            }
                        }
                        dst[ob + c * g->os_c] = icr_float_to_bf16(y);
                    }
                }
            }
        }
    }
done:
    for (k = 0; k < 3; k++) {
        free(off[k]);
        free(lam[k]);
    }
    return st;
}
