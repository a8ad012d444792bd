/* cubic.c - mode bicubic without antialias (upsample_bicubic2d, 1.13.1): the generic
 * TensorIterator kernel only (no channels-last kernel, no same-size shortcut in 1.13).
 */
#include <stdlib.h>

#include "icr_internal.h"

/* Per-axis table: four clamped tap offsets and four Keys coefficients per output index. */
typedef struct cubic_axis {
    int64_t *off; /* out * 4 */
    double *c;    /* out * 4 */
} cubic_axis;

static int axis_build(cubic_axis *ax, const icr_geom *g, const icr_call *call, int k)
{
    int64_t in = g->in[k], out = g->out[k], i, kk;
    double scale = icr_area_pixel_compute_scale(in, out, call->align_corners,
                                                call->has_scale[k], call->scale[k], g->f32);
    double t;
    int j;

    ax->off = malloc((size_t)out * 4 * sizeof *ax->off);
    ax->c = malloc((size_t)out * 4 * sizeof *ax->c);
    if (!ax->off || !ax->c) {
        return 0;
    }
    for (i = 0; i < out; i++) {
        icr_cubic_source(i, scale, call->align_corners, g->f32, &kk, &t);
        icr_cubic_coefficients(t, g->f32, &ax->c[4 * i]);
        for (j = 0; j < 4; j++) {
            /* taps k-1..k+2, replicated at the edges: max(min(k - 1 + j, in - 1), 0) */
            int64_t idx = kk - 1 + j;
            idx = idx < in - 1 ? idx : in - 1;
            idx = idx > 0 ? idx : 0;
            ax->off[4 * i + j] = idx * g->is[k];
        }
    }
    return 1;
}

/* Interpolate<n, ..., 4>::eval: acc = t0*c0; acc += t1*c1; ... in the scalar type. */
static double combine4(const double t[4], const double *c, int f32)
{
    double acc = ICR_R(f32, t[0] * c[0]);
    int j;

    for (j = 1; j < 4; j++) {
        acc = ICR_R(f32, acc + ICR_R(f32, t[j] * c[j]));
    }
    return acc;
}

/**
 * Bicubic (A = -0.75), generic kernel: the W combination of each of the four rows, then the
 * H combination of the four row results, both sequential in the scalar type.
 */
int32_t icr_cubic(const icr_geom *g, const icr_call *call)
{
    cubic_axis ax[2] = {{0}};
    int f32 = g->f32;
    int64_t n, c, h, w;
    int k, r, j;
    int32_t st = IC_OK;

    for (k = 0; k < 2; k++) {
        if (!axis_build(&ax[k], g, call, k)) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            int64_t ib = n * g->is_n + c * g->is_c;
            int64_t ob = n * g->os_n + c * g->os_c;
            for (h = 0; h < g->out[0]; h++) {
                const int64_t *ho = &ax[0].off[4 * h];
                for (w = 0; w < g->out[1]; w++) {
                    const int64_t *wo = &ax[1].off[4 * w];
                    double rows[4], x[4];
                    for (r = 0; r < 4; r++) {
                        for (j = 0; j < 4; j++) {
                            x[j] = icr_load(g->src, ib + ho[r] + wo[j], f32);
                        }
                        rows[r] = combine4(x, &ax[1].c[4 * w], f32);
                    }
                    icr_store(g->dst, ob + h * g->os[0] + w * g->os[1],
                              combine4(rows, &ax[0].c[4 * h], f32), f32);
                }
            }
        }
    }
done:
    for (k = 0; k < 2; k++) {
        free(ax[k].off);
        free(ax[k].c);
    }
    return st;
}
