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
 */
int32_t icr_area(const icr_geom *g, const icr_call *call, int channels_last_2d)
{
    int f32 = g->f32;
    int nsp = g->nsp;
    int64_t in[3] = {1, 1, 1}, out[3] = {1, 1, 1}, is[3] = {0, 0, 0}, os[3] = {0, 0, 0};
    int64_t vec = f32 ? 8 : 4;
    int64_t csimd = channels_last_2d ? g->c - g->c % vec : 0;
    int64_t n, c, od, oh, ow, id, ih, iw;
    int64_t *lo[3] = {NULL, NULL, NULL}, *hi[3] = {NULL, NULL, NULL};
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
            hi[k][o] = icr_area_end_index(o, out[k], in[k]);
        }
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            int64_t ib = n * g->is_n + c * g->is_c;
            int64_t ob = n * g->os_n + c * g->os_c;
            for (od = 0; od < out[0]; od++) {
                int64_t d0 = lo[0][od], d1 = hi[0][od];
                for (oh = 0; oh < out[1]; oh++) {
                    int64_t h0 = lo[1][oh], h1 = hi[1][oh];
                    for (ow = 0; ow < out[2]; ow++) {
                        int64_t w0 = lo[2][ow], w1 = hi[2][ow];
                        double sum = 0.0, y;
                        for (id = d0; id < d1; id++) {
                            for (ih = h0; ih < h1; ih++) {
                                for (iw = w0; iw < w1; iw++) {
                                    double x = icr_load(g->src,
                                                        ib + id * is[0] + ih * is[1] +
                                                            iw * is[2],
                                                        f32);
                                    sum = ICR_R(f32, sum + x);
                                }
                            }
                        }
                        if (c < csimd) {
                            /* Vec / Vec(scalar_t(kh * kw)) */
                            y = ICR_R(f32, sum / ICR_R(f32, (double)((h1 - h0) * (w1 - w0))));
                        } else {
                            /* sum / kh / kw (3-D: / kd / kh / kw), each in the scalar type */
                            y = sum;
                            if (nsp == 3) {
                                y = ICR_R(f32, y / ICR_R(f32, (double)(d1 - d0)));
                            }
                            y = ICR_R(f32, y / ICR_R(f32, (double)(h1 - h0)));
                            y = ICR_R(f32, y / ICR_R(f32, (double)(w1 - w0)));
                        }
                        icr_store(g->dst, ob + od * os[0] + oh * os[1] + ow * os[2], y, f32);
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
    return st;
}
