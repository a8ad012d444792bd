/* linear.c - modes linear / bilinear / trilinear (upsample_{linear1d,bilinear2d,
 * trilinear3d}, 1.13.1): the generic TensorIterator kernel and the channels-last kernel,
 * which round differently (per-axis lambdas vs product weights, float vs double tail).
 */
#include <stdlib.h>

#include "icr_internal.h"

/* Per-axis table: indices and input offsets of the two taps, and their lambdas. */
typedef struct lin_axis {
    int64_t *i0, *i1;
    int64_t *o0, *o1;
    double *l0, *l1;
} lin_axis;

static void axis_free(lin_axis *ax)
{
    free(ax->i0);
    free(ax->i1);
    free(ax->o0);
    free(ax->o1);
    free(ax->l0);
    free(ax->l1);
}

static int axis_build(lin_axis *ax, const icr_geom *g, const icr_call *call, int k,
                      int64_t stride)
{
    int64_t in = g->in[k], out = g->out[k], i, i0, i1;
    /* area_pixel_compute_scale<scalar_t>: float for float32, then promoted */
    double ratio = icr_area_pixel_compute_scale(in, out, call->align_corners,
                                                call->has_scale[k], call->scale[k], g->f32);

    ax->i0 = malloc((size_t)out * sizeof *ax->i0);
    ax->i1 = malloc((size_t)out * sizeof *ax->i1);
    ax->o0 = malloc((size_t)out * sizeof *ax->o0);
    ax->o1 = malloc((size_t)out * sizeof *ax->o1);
    ax->l0 = malloc((size_t)out * sizeof *ax->l0);
    ax->l1 = malloc((size_t)out * sizeof *ax->l1);
    if (!ax->i0 || !ax->i1 || !ax->o0 || !ax->o1 || !ax->l0 || !ax->l1) {
        return 0;
    }
    for (i = 0; i < out; i++) {
        icr_linear_source_and_lambda(i, in, out, ratio, call->align_corners, g->f32, &i0, &i1,
                                     &ax->l0[i], &ax->l1[i]);
        ax->i0[i] = i0;
        ax->i1[i] = i1;
        ax->o0[i] = i0 * stride;
        ax->o1[i] = i1 * stride;
    }
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
    int64_t w;

    for (w = 0; w < g->out[g->nsp - 1]; w++) {
        row[w] = lerp(icr_load(g->src, base + W->o0[w], g->f32), W->l0[w],
                      icr_load(g->src, base + W->o1[w], g->f32), W->l1[w], g->f32);
    }
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
    int64_t n, c, d, y, a, b, w;
    int k;
    int32_t st = IC_OK;

    for (k = 0; k < nsp; k++) {
        if (!axis_build(&ax[k], g, call, k, g->is[k])) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
    }
    rows = malloc((size_t)(din * hin * wout) * sizeof *rows);
    mid = malloc((size_t)(din * hout * wout) * sizeof *mid);
    line = malloc((size_t)wout * sizeof *line);
    if (rows == NULL || mid == NULL || line == NULL) {
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
            /* innermost level: every input row along W */
            for (d = 0; d < din; d++) {
                for (y = 0; y < hin; y++) {
                    int64_t base = ib + (D ? d * g->is[0] : 0) + (H ? y * g->is[nsp - 2] : 0);
                    w_pass(g, W, base, rows + (d * hin + y) * wout);
                }
            }
            if (nsp == 1) {
                for (w = 0; w < wout; w++) {
                    icr_store(g->dst, ob + w * g->os[0], rows[w], f32);
                }
                continue;
            }
            /* the H level, for every input depth */
            for (d = 0; d < din; d++) {
                for (b = 0; b < hout; b++) {
                    row_lerp(mid + (d * hout + b) * wout, rows + (d * hin + H->i0[b]) * wout,
                             H->l0[b], rows + (d * hin + H->i1[b]) * wout, H->l1[b], wout,
                             f32);
                }
            }
            if (nsp == 2) {
                for (b = 0; b < hout; b++) {
                    for (w = 0; w < wout; w++) {
                        icr_store(g->dst, ob + b * g->os[0] + w * g->os[1], mid[b * wout + w],
                                  f32);
                    }
                }
                continue;
            }
            /* the D level */
            for (a = 0; a < g->out[0]; a++) {
                for (b = 0; b < hout; b++) {
                    row_lerp(line, mid + (D->i0[a] * hout + b) * wout, D->l0[a],
                             mid + (D->i1[a] * hout + b) * wout, D->l1[a], wout, f32);
                    for (w = 0; w < wout; w++) {
                        icr_store(g->dst, ob + a * g->os[0] + b * g->os[1] + w * g->os[2],
                                  line[w], f32);
                    }
                }
            }
        }
    }
done:
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
                    if (nsp == 2) {
                        int64_t h0 = n * g->is_n + H->o0[b], h1 = n * g->is_n + H->o1[b];
                        off[0] = h0 + W->o0[w];
                        off[1] = h0 + W->o1[w];
                        off[2] = h1 + W->o0[w];
                        off[3] = h1 + W->o1[w];
                        wt[0] = ICR_R(f32, H->l0[b] * W->l0[w]);
                        wt[1] = ICR_R(f32, H->l0[b] * W->l1[w]);
                        wt[2] = ICR_R(f32, H->l1[b] * W->l0[w]);
                        wt[3] = ICR_R(f32, H->l1[b] * W->l1[w]);
                        ob = n * g->os_n + b * g->os[0] + w * g->os[1];
                    } else {
                        int x, y, z;
                        for (x = 0; x < 2; x++) {
                            for (y = 0; y < 2; y++) {
                                for (z = 0; z < 2; z++) {
                                    int q = x * 4 + y * 2 + z;
                                    off[q] = n * g->is_n + (x ? D->o1[a] : D->o0[a]) +
                                             (y ? H->o1[b] : H->o0[b]) +
                                             (z ? W->o1[w] : W->o0[w]);
                                    wt[q] = ICR_R(f32, ICR_R(f32, (x ? D->l1[a] : D->l0[a]) *
                                                                      (y ? H->l1[b] : H->l0[b])) *
                                                           (z ? W->l1[w] : W->l0[w]));
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
