/* rowcache.c - a small cache of intermediate rows for the separable kernels (generic linear,
 * bicubic, antialias). An output row reads a window of consecutive input rows whose start
 * never decreases, so a ring of `cap` rows (cap >= the widest window + 1) computes each
 * intermediate row once. Missing rows are produced two at a time where the kernel provides
 * a pair function (one pass over the tables for both). Caching changes no arithmetic: a
 * row is the same values whenever and however it is computed.
 */
#include <stdlib.h>

#include "icr_internal.h"

/**
 * Allocates a cache of cap rows of len elements of esize bytes (the kernel's scalar type);
 * rows are produced by fn(ctx, y, row).
 */
int icr_row_cache_init(icr_row_cache *rc, int64_t cap, int64_t len, size_t esize, icr_row_fn fn,
                       icr_row_pair_fn pair, void *ctx)
{
    rc->cap = cap > 0 ? cap : 1;
    rc->len = len;
    rc->esize = esize;
    rc->fn = fn;
    rc->pair = pair;
    rc->ctx = ctx;
    rc->buf = malloc((size_t)(rc->cap * (len > 0 ? len : 1)) * esize);
    rc->tag = malloc((size_t)rc->cap * sizeof *rc->tag);
    if (rc->buf == NULL || rc->tag == NULL) {
        icr_row_cache_free(rc);
        return 0;
    }
    icr_row_cache_reset(rc);
    return 1;
}

/** Forgets every row (call when the source plane changes). */
void icr_row_cache_reset(icr_row_cache *rc)
{
    int64_t k;

    for (k = 0; k < rc->cap; k++) {
        rc->tag[k] = -1;
    }
}

static void *slot_of(icr_row_cache *rc, int64_t y)
{
    return rc->buf + (size_t)((y % rc->cap) * rc->len) * rc->esize;
}

/**
 * Makes rows y0..y1 (a window, y1 - y0 < cap - 1) present. [n0, n1] is the window the
 * kernel reads next (n0 > n1 for none). A missing row is computed with its successor when
 * that is missing too and is read by this window or the next one.
 */
void icr_row_cache_fill(icr_row_cache *rc, int64_t y0, int64_t y1, int64_t n0, int64_t n1)
{
    int64_t y, last = (n0 <= y1 + 1 && y1 + 1 <= n1) ? y1 + 1 : y1;

    for (y = y0; y <= y1; y++) {
        int64_t s = y % rc->cap, s1 = (y + 1) % rc->cap;
        if (rc->tag[s] == y) {
            continue;
        }
        if (rc->pair != NULL && y + 1 <= last && rc->tag[s1] != y + 1) {
            rc->pair(rc->ctx, y, slot_of(rc, y), slot_of(rc, y + 1));
            rc->tag[s] = y;
            rc->tag[s1] = y + 1;
            y++;
        } else {
            rc->fn(rc->ctx, y, slot_of(rc, y));
            rc->tag[s] = y;
        }
    }
}

/** Row y, computed on first use. */
const void *icr_row_cache_get(icr_row_cache *rc, int64_t y)
{
    int64_t slot = y % rc->cap;
    void *row = rc->buf + (size_t)(slot * rc->len) * rc->esize;

    if (rc->tag[slot] != y) {
        rc->fn(rc->ctx, y, row);
        rc->tag[slot] = y;
    }
    return row;
}

/** Frees the cache's memory. */
void icr_row_cache_free(icr_row_cache *rc)
{
    free(rc->buf);
    free(rc->tag);
    rc->buf = NULL;
    rc->tag = NULL;
}
