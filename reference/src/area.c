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

/* one float16 / bfloat16 element widened to float, and a float rounded to that type */
static float half_load(const icr_geom *g, int64_t off)
{
    uint16_t b = ((const uint16_t *)g->src)[off];

    return g->dtype == IC_DTYPE_BFLOAT16 ? icr_bf16_to_float(b) : icr_half_to_float(b);
}

static float half_round(int32_t dtype, float x)
{
    return dtype == IC_DTYPE_BFLOAT16 ? icr_bf16_round(x) : icr_half_round(x);
}

static uint16_t half_bits(int32_t dtype, float x)
{
    return dtype == IC_DTYPE_BFLOAT16 ? icr_float_to_bf16(x) : icr_float_to_half(x);
}

/* 3-D in the 2-byte type itself (adaptive_avg_pool3d_out_frame with scalar_t = Half or
 * BFloat16): sum += x in c10 arithmetic (float add, rounded to the type), then
 * sum / kd / kh / kw, each window length converted to the type and each quotient rounded. */
static int32_t area3_half(const icr_geom *g, const icr_call *call)
{
    int64_t *lo[3] = {NULL, NULL, NULL}, *hi[3] = {NULL, NULL, NULL};
    int64_t o[3], i0, i1, i2, n, c;
    int32_t dt = g->dtype;
    int32_t st = IC_OK;
    int k;

    for (k = 0; k < 3; k++) {
        lo[k] = malloc((size_t)g->out[k] * sizeof *lo[k]);
        hi[k] = malloc((size_t)g->out[k] * sizeof *hi[k]);
        if (lo[k] == NULL || hi[k] == NULL) {
            st = IC_ERR_INTERNAL;
            goto done;
        }
        for (i0 = 0; i0 < g->out[k]; i0++) {
            lo[k][i0] = icr_area_start_index(i0, g->out[k], g->in[k]);
            hi[k][i0] = call->rules->area_end_floor ? (i0 + 1) * g->in[k] / g->out[k]
                                                    : icr_area_end_index(i0, g->out[k], g->in[k]);
        }
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            int64_t ib = n * g->is_n + c * g->is_c, ob = n * g->os_n + c * g->os_c;
            for (o[0] = 0; o[0] < g->out[0]; o[0]++) {
                for (o[1] = 0; o[1] < g->out[1]; o[1]++) {
                    for (o[2] = 0; o[2] < g->out[2]; o[2]++) {
                        float sum = 0.0f;
                        for (i0 = lo[0][o[0]]; i0 < hi[0][o[0]]; i0++) {
                            for (i1 = lo[1][o[1]]; i1 < hi[1][o[1]]; i1++) {
                                for (i2 = lo[2][o[2]]; i2 < hi[2][o[2]]; i2++) {
                                    sum = half_round(dt, sum + half_load(g, ib + i0 * g->is[0] +
                                                                                i1 * g->is[1] +
                                                                                i2 * g->is[2]));
                                }
                            }
                        }
                        for (k = 0; k < 3; k++) {
                            float len = half_round(dt, (float)(hi[k][o[k]] - lo[k][o[k]]));
                            sum = half_round(dt, sum / len);
                        }
                        ((uint16_t *)
                             g->dst)[ob + o[0] * g->os[0] + o[1] * g->os[1] + o[2] * g->os[2]] =
                            half_bits(dt, sum);
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

/**
 * Area for float16 / bfloat16 (rules.half_modes & ICR_HALF_AREA). 1-D / 2-D
 * (cpu_adaptive_avg_pool with an opmath accumulator, and the reduced-float channels-last
 * kernel): sums and divisions in float, one rounding at the store, so the input is widened
 * into a float copy (NCHW, or NHWC when channels_last_2d) and the float32 kernel runs on it.
 * The channels-last kernel's lanes divide once by kh*kw (16 lanes of a 2-byte Vectorized
 * rather than float32's 8); the float quotients sum/kh/kw and sum/(kh*kw) differ by at most
 * an ulp of float, which never crossed a rounding boundary of the 2-byte types in our
 * measurements (torch 1.13.1 and 2.14.1, random and searched windows), so the float32 lane
 * split is kept. 3-D computes in the 2-byte type (area3_half).
 */
int32_t icr_area_half(const icr_geom *g, const icr_call *call, int channels_last_2d)
{
    icr_geom f = *g;
    float *fin = NULL, *fout = NULL;
    int64_t in1 = 1, in2 = 1, out1 = 1, out2 = 1, n, c, a, b, nin, nout;
    int64_t is1 = 0, is2 = 0, os1 = 0, os2 = 0;
    int32_t st;

    if (g->nsp == 3) {
        return area3_half(g, call);
    }
    if (g->nsp == 2) {
        in1 = g->in[0];
        in2 = g->in[1];
        out1 = g->out[0];
        out2 = g->out[1];
        is1 = g->is[0];
        is2 = g->is[1];
        os1 = g->os[0];
        os2 = g->os[1];
    } else {
        in2 = g->in[0];
        out2 = g->out[0];
        is2 = g->is[0];
        os2 = g->os[0];
    }
    nin = g->n * g->c * in1 * in2;
    nout = g->n * g->c * out1 * out2;
    fin = malloc((size_t)(nin > 0 ? nin : 1) * sizeof *fin);
    fout = malloc((size_t)(nout > 0 ? nout : 1) * sizeof *fout);
    if (fin == NULL || fout == NULL) {
        free(fin);
        free(fout);
        return IC_ERR_INTERNAL;
    }
    f.f32 = 1;
    f.esize = sizeof(float);
    f.dtype = IC_DTYPE_FLOAT32;
    f.src = fin;
    f.dst = fout;
    /* the float copy: NHWC for the channels-last kernel, NCHW otherwise */
    if (channels_last_2d) {
        f.is_c = 1;
        f.is[1] = g->c;
        f.is[0] = in2 * g->c;
        f.is_n = in1 * in2 * g->c;
    } else {
        f.is[g->nsp - 1] = 1;
        if (g->nsp == 2) {
            f.is[0] = in2;
        }
        f.is_c = in1 * in2;
        f.is_n = g->c * in1 * in2;
    }
    f.os[g->nsp - 1] = 1;
    if (g->nsp == 2) {
        f.os[0] = out2;
    }
    f.os_c = out1 * out2;
    f.os_n = g->c * out1 * out2;
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            for (a = 0; a < in1; a++) {
                for (b = 0; b < in2; b++) {
                    int64_t fo = n * f.is_n + c * f.is_c + b * f.is[g->nsp - 1] +
                                 (g->nsp == 2 ? a * f.is[0] : 0);
                    fin[fo] = half_load(g, n * g->is_n + c * g->is_c + a * is1 + b * is2);
                }
            }
        }
    }
    st = icr_area(&f, call, channels_last_2d);
    if (st != IC_OK) {
        goto done;
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            for (a = 0; a < out1; a++) {
                for (b = 0; b < out2; b++) {
                    float v = fout[((n * g->c + c) * out1 + a) * out2 + b];
                    ((uint16_t *)g->dst)[n * g->os_n + c * g->os_c + a * os1 + b * os2] =
                        half_bits(g->dtype, v);
                }
            }
        }
    }
done:
    free(fin);
    free(fout);
    return st;
}
