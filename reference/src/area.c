/* area.c - mode area: adaptive average pooling (AdaptiveAvgPoolKernel.cpp for 1-D/2-D,
 * AdaptiveAveragePooling3d.cpp for 3-D, 1.13.1). Windows [floor(o*in/out), ceil((o+1)*in/out))
 * overlap when in/out is not an integer. All-ones outputs go to torch's mean (mean.c).
 */
#include <stdlib.h>

#include "icr_internal.h"

/**
 * Adaptive average pooling. 1-D inputs run as 2-D with H = 1 (adaptive_avg_pool1d
 * unsqueezes). Sums are in the scalar type from 0, rows then columns (depth outermost in
 * 3-D), then divided by each window length in turn. channels_last_2d selects
 * cpu_adaptive_avg_pool_channels_last, whose SIMD lanes (channels [0, C - C % V), V = 8
 * floats or 4 doubles) divide once by kh*kw instead.
 *
 * Each output row's sums are formed together (rowops.c: icr_area_sums), then divided a row
 * at a time. A division by a window length of 1 is skipped: a sum is never a signalling NaN
 * (0 + x quiets it), and for every other value x / 1 is x.
 */
int32_t icr_area(const icr_geom *g, const icr_call *call, int channels_last_2d)
{
    int f32 = g->f32;
    int nsp = g->nsp;
    size_t es = g->esize;
    int64_t in[3] = {1, 1, 1}, out[3] = {1, 1, 1}, is[3] = {0, 0, 0}, os[3] = {0, 0, 0};
    int64_t vec = f32 ? 8 : 4;
    int64_t csimd = channels_last_2d ? g->c - g->c % vec : 0;
    int64_t n, c, od, oh, ow, id;
    int64_t *lo[3] = {NULL, NULL, NULL}, *hi[3] = {NULL, NULL, NULL};
    int64_t ulen; /* the common column-window length, or 0 */
    double *dw = NULL, *dhw = NULL;
    void *kw = NULL, *khw = NULL, *row = NULL;
    int kw_ones = 1;
    int pad = 3 - nsp, k;
    int32_t st = IC_OK;

    (void)call;
    for (k = 0; k < nsp; k++) {
        in[pad + k] = g->in[k];
        out[pad + k] = g->out[k];
        is[pad + k] = g->is[k];
        os[pad + k] = g->os[k];
    }
    /* window bounds per output index of every axis, computed once */
    for (k = 0; k < 3; k++) {
        int64_t o;
        lo[k] = malloc((size_t)out[k] * sizeof *lo[k]);
        hi[k] = malloc((size_t)out[k] * sizeof *hi[k]);
        if (lo[k] == NULL || hi[k] == NULL) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
        for (o = 0; o < out[k]; o++) {
            lo[k][o] = icr_area_start_index(o, out[k], in[k]);
            hi[k][o] = call->rules->area_end_floor ? (o + 1) * in[k] / out[k] /* what-if */
                                                   : icr_area_end_index(o, out[k], in[k]);
        }
    }
    /* the column windows' lengths in the scalar type (the last division), and the products
     * kh * kw of the channels-last SIMD lanes (per output row, below) */
    dw = malloc((size_t)out[2] * sizeof *dw);
    dhw = malloc((size_t)out[2] * sizeof *dhw);
    khw = malloc((size_t)out[2] * es);
    row = malloc((size_t)out[2] * es);
    if (dw == NULL || dhw == NULL || khw == NULL || row == NULL) {
        st = IC_ERR_INTERNAL;
        goto done;
    }
    ulen = hi[2][0] - lo[2][0];
    for (ow = 0; ow < out[2]; ow++) {
        int64_t len = hi[2][ow] - lo[2][ow];
        dw[ow] = ICR_R(f32, (double)len);
        kw_ones = kw_ones && len == 1;
        ulen = len == ulen ? ulen : 0;
    }
    kw = icr_scalar_table(f32, dw, out[2]);
    if (kw == NULL) {
        st = IC_ERR_INTERNAL;
        goto done;
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            int64_t ib = n * g->is_n + c * g->is_c;
            int64_t ob = n * g->os_n + c * g->os_c;
            for (od = 0; od < out[0]; od++) {
                int64_t d0 = lo[0][od], d1 = hi[0][od];
                for (oh = 0; oh < out[1]; oh++) {
                    int64_t h0 = lo[1][oh], h1 = hi[1][oh];
                    void *orow = icr_at(g->dst, ob + od * os[0] + oh * os[1], es);
                    void *y = os[2] == 1 ? orow : row;
                    for (id = d0; id < d1 || id == d0; id++) {
                        /* an empty depth range still starts the sums at 0 */
                        int64_t r1 = id < d1 ? h1 : h0;
                        icr_area_sums(f32, y, icr_at(g->src, ib + id * is[0], es), id == d0, h0,
                                      r1, is[1], lo[2], hi[2], is[2], ulen, out[2]);
                    }
                    if (c < csimd) {
                        /* Vec / Vec(scalar_t(kh * kw)) */
                        for (ow = 0; ow < out[2]; ow++) {
                            dhw[ow] = ICR_R(f32, (double)((h1 - h0) * (hi[2][ow] - lo[2][ow])));
                        }
                        icr_scalar_copy(f32, khw, dhw, out[2]);
                        icr_row_div(f32, y, khw, out[2]);
                    } else {
                        /* sum / kh / kw (3-D: / kd / kh / kw), each in the scalar type */
                        if (nsp == 3 && d1 - d0 != 1) {
                            icr_row_div1(f32, y, ICR_R(f32, (double)(d1 - d0)), out[2]);
                        }
                        if (h1 - h0 != 1) {
                            icr_row_div1(f32, y, ICR_R(f32, (double)(h1 - h0)), out[2]);
                        }
                        if (!kw_ones) {
                            icr_row_div(f32, y, kw, out[2]);
                        }
                    }
                    if (y == row) {
                        icr_row_store(f32, orow, os[2], row, out[2]);
                    }
                }
            }
        }
    }
done:
    for (k = 0; k < 3; k++) {
        free(lo[k]);
        free(hi[k]);
    }
    free(dw);
    free(dhw);
    free(kw);
    free(khw);
    free(row);
    return st;
}
