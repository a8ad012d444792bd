/* nearest.c - modes "nearest" and "nearest-exact" (upsample_nearest*d, 1.13.1): a pure
 * gather, so values (NaN payloads, -0) are copied bit for bit; only the index rule differs
 * between the generic kernel and the channels-last kernel (see coords.c).
 */
#include <stdlib.h>
#include <string.h>

#include "icr_internal.h"

/* Per output index along one axis: the input element offset (index * stride). */
static int64_t *index_table(const icr_geom *g, const icr_call *call, int k, int cl)
{
    int64_t in = g->in[k], out = g->out[k];
    int64_t *tab = malloc((size_t)out * sizeof *tab);
    int exact = call->mode == ICR_MODE_NEAREST_EXACT;
    int f64_scale = !g->f32 && g->esize == 8;
    int bf16_scale = g->dtype == IC_DTYPE_BFLOAT16 && call->rules->nearest_bf16_scale;
    int64_t i, idx;

    if (tab == NULL) {
        return NULL;
    }
    for (i = 0; i < out; i++) {
        if (cl) {
            idx = exact
                      ? icr_nearest_exact_index_cl(i, in, out, call->has_scale[k], call->scale[k])
                      : icr_nearest_index_cl(i, in, out, call->has_scale[k], call->scale[k]);
        } else if (bf16_scale && !exact) {
            idx = icr_nearest_index_generic_bf16(i, in, out, call->has_scale[k], call->scale[k]);
        } else {
            idx = exact ? icr_nearest_exact_index_generic(i, in, out, call->has_scale[k],
                                                          call->scale[k], f64_scale, call->rules)
                        : icr_nearest_index_generic(i, in, out, call->has_scale[k], call->scale[k],
                                                    f64_scale);
        }
        /* what-if departures of the index rule (coords.c), none under torch's rules */
        icr_nearest_departure(call->rules, exact, cl, i, in, out, call->has_scale[k],
                              call->scale[k], &idx);
        tab[i] = idx * g->is[k];
    }
    return tab;
}

/* One output row: d[w * os] = s[t[w]] for w < n, elements of esize bytes. */
static void gather_row(void *dst, int64_t os, const void *src, const int64_t *t, int64_t n,
                       size_t esize)
{
    int64_t w;

    if (esize == 4) {
        const uint32_t *s = src;
        uint32_t *d = dst;
        if (os == 1) {
            for (w = 0; w < n; w++) {
                d[w] = s[t[w]];
            }
        } else {
            for (w = 0; w < n; w++) {
                d[w * os] = s[t[w]];
            }
        }
    } else if (esize == 2) {
        const uint16_t *s = src;
        uint16_t *d = dst;
        for (w = 0; w < n; w++) {
            d[w * os] = s[t[w]];
        }
    } else if (esize == 8) {
        const uint64_t *s = src;
        uint64_t *d = dst;
        for (w = 0; w < n; w++) {
            d[w * os] = s[t[w]];
        }
    } else {
        const unsigned char *s = src;
        unsigned char *d = dst;
        for (w = 0; w < n; w++) {
            memcpy(d + w * os * (int64_t)esize, s + t[w] * (int64_t)esize, esize);
        }
    }
}

/**
 * Nearest / nearest-exact for 1-3 spatial dims and any element size. cl selects the
 * channels-last kernel's index rule (cpu_upsample_nearest_channels_last, nearest_idx).
 * An output row that reads the same input row as the row before it is a copy of that row
 * (when the last axis is contiguous in the output).
 */
int32_t icr_nearest(const icr_geom *g, const icr_call *call, int cl)
{
    static const int64_t zero = 0;
    int64_t *tab[3] = {NULL, NULL, NULL};
    const int64_t *t[3];
    int64_t out[3], os[3];
    int pad = 3 - g->nsp;
    size_t es = g->esize;
    int64_t n, c, a, b;
    int k;
    int32_t st = IC_OK;

    for (k = 0; k < 3; k++) {
        if (k < pad) {
            t[k] = &zero;
            out[k] = 1;
            os[k] = 0;
        } else {
            tab[k] = index_table(g, call, k - pad, cl);
            if (tab[k] == NULL) {
                st = IC_ERR_INTERNAL;
                goto done;
            }
            t[k] = tab[k];
            out[k] = g->out[k - pad];
            os[k] = g->os[k - pad];
        }
    }
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            int64_t ib = n * g->is_n + c * g->is_c;
            int64_t ob = n * g->os_n + c * g->os_c;
            for (a = 0; a < out[0]; a++) {
                for (b = 0; b < out[1]; b++) {
                    void *d = icr_at(g->dst, ob + a * os[0] + b * os[1], es);
                    if (b > 0 && t[1][b] == t[1][b - 1] && os[2] == 1) {
                        memcpy(d, icr_at(g->dst, ob + a * os[0] + (b - 1) * os[1], es),
                               (size_t)out[2] * es);
                    } else {
                        gather_row(d, os[2], icr_at(g->src, ib + t[0][a] + t[1][b], es), t[2],
                                   out[2], es);
                    }
                }
            }
        }
    }
done:
    for (k = 0; k < 3; k++) {
        free(tab[k]);
    }
    return st;
}
