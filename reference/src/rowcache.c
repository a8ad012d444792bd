/* rowcache.c - a small cache of intermediate rows for the separable kernels (generic linear,
 * bicubic, antialias). An output row reads a window of consecutive input rows whose start
 * never decreases, so a ring of `cap` rows (cap >= the widest window) computes each
 * intermediate row once. Caching changes no arithmetic: a row is the same values whenever
 * it is computed.
 */
#include <stdlib.h>

#include "icr_internal.h"

/**
 * Allocates a cache of cap rows of len elements of esize bytes (the kernel's scalar type);
 * rows are produced by fn(ctx, y, row).
 */
int icr_row_cache_init(icr_row_cache *rc, int64_t cap, int64_t len, size_t esize,
                       icr_row_fn fn, void *ctx)
{
    rc->cap = cap > 0 ? cap : 1;
    rc->len = len;
    rc->esize = esize;
    rc->fn = fn;
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
