/* area.c - mode area: adaptive average pooling (AdaptiveAvgPoolKernel.cpp for 1-D/2-D,
 * AdaptiveAveragePooling3d.cpp for 3-D, 1.13.1). Windows [floor(o*in/out), ceil((o+1)*in/out))
 * overlap when in/out is not an integer. All-ones outputs go to torch's mean (mean.c).
 */
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
    int pad = 3 - nsp, k;

    (void)call;
    for (k = 0; k < nsp; k++) {
        in[pad + k] = g->in[k];
        out[pad + k] = g->out[k];
        is[pad + k] = g->is[k];
        os[pad + k] = g->os[k];
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            int64_t ib = n * g->is_n + c * g->is_c;
            int64_t ob = n * g->os_n + c * g->os_c;
            for (od = 0; od < out[0]; od++) {
                int64_t d0 = icr_area_start_index(od, out[0], in[0]);
                int64_t d1 = icr_area_end_index(od, out[0], in[0]);
                for (oh = 0; oh < out[1]; oh++) {
                    int64_t h0 = icr_area_start_index(oh, out[1], in[1]);
                    int64_t h1 = icr_area_end_index(oh, out[1], in[1]);
                    for (ow = 0; ow < out[2]; ow++) {
                        int64_t w0 = icr_area_start_index(ow, out[2], in[2]);
                        int64_t w1 = icr_area_end_index(ow, out[2], in[2]);
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
    return IC_OK;
}
