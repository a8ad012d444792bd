/* mean.c - torch's input.mean(spatial dims) on CPU (1.13.1), which adaptive_avg_pool{1,2,3}d
 * calls when every output size is 1: at::sum (cascade_sum in SumKernel.cpp, through a
 * TensorIterator reduction) followed by a division by the element count in the scalar type.
 * The summation order depends on how TensorIterator reorders and coalesces the dimensions,
 * so this file emulates that too.
 */
#include <stdlib.h>

#include "icr_internal.h"

/* c10::utils::CeilLog2 (ATen/native/cpu/utils.h). */
static int64_t ceil_log2(int64_t x)
{
    int64_t r = 0;
    uint64_t v;

    if (x <= 2) {
        return 1;
    }
    v = (uint64_t)x - 1;
    while (v != 0) {
        r++;
        v >>= 1;
    }
    return r;
}

/* multi_row_sum for one row (lanes are independent): a 4-level cascade of partial sums. */
static double mrs(const void *src, int64_t base, int64_t stride, int64_t size, int f32)
{
    const int64_t num_levels = 4;
    int64_t level_power = ceil_log2(size) / num_levels;
    int64_t level_step, level_mask, i = 0, j;
    double acc[4] = {0.0, 0.0, 0.0, 0.0};

    level_power = level_power > 4 ? level_power : 4;
    level_step = (int64_t)1 << level_power;
    level_mask = level_step - 1;
    while (i + level_step <= size) {
        for (j = 0; j < level_step; ++j, ++i) {
            acc[0] = ICR_R(f32, acc[0] + icr_load(src, base + i * stride, f32));
        }
        for (j = 1; j < num_levels; ++j) {
            acc[j] = ICR_R(f32, acc[j] + acc[j - 1]);
            acc[j - 1] = 0.0;
            if ((i & (level_mask << (j * level_power))) != 0) {
                break;
            }
        }
    }
    for (; i < size; ++i) {
        acc[0] = ICR_R(f32, acc[0] + icr_load(src, base + i * stride, f32));
    }
    for (j = 1; j < num_levels; ++j) {
        acc[0] = ICR_R(f32, acc[0] + acc[j]);
    }
    return acc[0];
}

/* row_sum: the row as a (-1, 4) array, four cascades, the leftovers, then the partials. */
static double row_sum(const void *src, int64_t base, int64_t stride, int64_t size, int f32)
{
    int64_t size_ilp = size / 4, i;
    double p[4];
    int k;

    for (k = 0; k < 4; k++) {
        p[k] = mrs(src, base + k * stride, stride * 4, size_ilp, f32);
    }
    for (i = size_ilp * 4; i < size; ++i) {
        p[0] = ICR_R(f32, p[0] + icr_load(src, base + i * stride, f32));
    }
    for (k = 1; k < 4; k++) {
        p[0] = ICR_R(f32, p[0] + p[k]);
    }
    return p[0];
}

/* CastStoreAccumulate: *out += value (the output was filled with 0 first). */
static void store_acc(double *acc, int64_t off, double v, int f32)
{
    acc[off] = ICR_R(f32, acc[off] + v);
}

/* One call of cascade_sum's 2-D loop; strides in elements, [0] = out, [1] = in. */
static void cascade_loop(const void *src, int64_t ib, double *acc, int64_t obase, int64_t in_s[2],
                         int64_t out_s[2], int64_t size0, int64_t size1, int f32)
{
    int64_t vec = f32 ? 8 : 4;
    int64_t j, t;
    int l;

    /* move the reduction to be the first dim */
    if (out_s[0] != 0 && out_s[1] == 0) {
        t = in_s[0];
        in_s[0] = in_s[1];
        in_s[1] = t;
        t = out_s[0];
        out_s[0] = out_s[1];
        out_s[1] = t;
        t = size0;
        size0 = size1;
        size1 = t;
    }
    if (out_s[0] != 0 && out_s[1] != 0) {
        /* not a true reduction: out = out + in, element by element */
        for (j = 0; j < size1; j++) {
            for (t = 0; t < size0; t++) {
                store_acc(acc, obase + t * out_s[0] + j * out_s[1],
                          icr_load(src, ib + t * in_s[0] + j * in_s[1], f32), f32);
            }
        }
        return;
    }
    if (in_s[0] == 1 && size0 >= vec) {
        /* vectorized_inner_sum: lanes of vectors, scalar leftovers, then the lanes */
        int64_t vec_size = size0 / vec;
        for (j = 0; j < size1; j++) {
            int64_t row = ib + j * in_s[1];
            double fin = 0.0;
            for (t = vec_size * vec; t < size0; t++) {
                fin = ICR_R(f32, fin + icr_load(src, row + t, f32));
            }
            for (l = 0; l < vec; l++) {
                fin = ICR_R(f32, fin + row_sum(src, row + l, vec, vec_size, f32));
            }
            store_acc(acc, obase + j * out_s[1], fin, f32);
        }
    } else if (in_s[1] == 1 && size1 >= vec) {
        /* vectorized_outer_sum: blocks of 4 vectors, then vectors, then scalars */
        for (j = 0; j < size1; j++) {
            int64_t full4 = (size1 / (4 * vec)) * 4 * vec;
            double v = j < full4 ? mrs(src, ib + j, in_s[0], size0, f32)
                                 : row_sum(src, ib + j, in_s[0], size0, f32);
            store_acc(acc, obase + j * out_s[1], v, f32);
        }
    } else if (in_s[0] < in_s[1]) {
        for (j = 0; j < size1; j++) {
            store_acc(acc, obase + j * out_s[1],
                      row_sum(src, ib + j * in_s[1], in_s[0], size0, f32), f32);
        }
    } else {
        /* scalar_outer_sum: groups of 4 rows by multi_row_sum, the rest by row_sum */
        int64_t full4 = (size1 / 4) * 4;
        for (j = 0; j < size1; j++) {
            double v = j < full4 ? mrs(src, ib + j * in_s[1], in_s[0], size0, f32)
                                 : row_sum(src, ib + j * in_s[1], in_s[0], size0, f32);
            store_acc(acc, obase + j * out_s[1], v, f32);
        }
    }
}

/* TensorIteratorBase::reorder_dimensions' comparison for operands (out, in). */
static int should_swap(const int64_t *sz, int64_t *const st[2], int d0, int d1)
{
    int arg;

    for (arg = 0; arg < 2; arg++) {
        int64_t s0 = st[arg][d0], s1 = st[arg][d1];
        if (arg == 0 && (s0 == 0) != (s1 == 0)) {
            return s1 == 0 ? 1 : -1; /* reduced dimensions go to the front */
        }
        if (s0 == 0 || s1 == 0) {
            continue;
        }
        if (s0 < s1) {
            return -1;
        }
        if (s0 > s1) {
            return 1;
        }
        if (sz[d0] > sz[d1]) {
            return 1;
        }
    }
    return 0;
}

/**
 * input.mean(spatial dims, keepdim=True) for float32/float64, written to g->dst.
 */
int32_t icr_mean(const icr_geom *g, const ic_tensor *in)
{
    int nd = in->ndim, m = 0, i, k;
    int64_t sz[IC_MAX_DIMS], ist[IC_MAX_DIMS], ost[IC_MAX_DIMS];
    int64_t *st[2];
    int perm[IC_MAX_DIMS];
    int64_t csz[IC_MAX_DIMS], cin[IC_MAX_DIMS], cout[IC_MAX_DIMS];
    int64_t count = 1, total_out = g->n * g->c, idx[IC_MAX_DIMS];
    double *acc;
    int f32 = g->f32;
    int64_t n, c;

    for (k = 2; k < nd; k++) {
        count *= in->shape[k];
    }
    acc = calloc((size_t)total_out, sizeof *acc);
    if (acc == NULL) {
        return IC_ERR_INTERNAL;
    }
    /* dims of size 1 vanish in coalescing; keep the others, in reversed order to start */
    for (k = nd - 1; k >= 0; k--) {
        if (in->shape[k] != 1) {
            sz[m] = in->shape[k];
            ist[m] = in->strides[k];
            ost[m] = k == 0 ? g->c : (k == 1 ? 1 : 0);
            perm[m] = m;
            m++;
        }
    }
    st[0] = ost;
    st[1] = ist;
    for (i = 1; i < m; i++) {
        int d1 = i, d0;
        for (d0 = i - 1; d0 >= 0; d0--) {
            int cmp = should_swap(sz, st, perm[d0], perm[d1]);
            if (cmp > 0) {
                int t = perm[d0];
                perm[d0] = perm[d1];
                perm[d1] = t;
                d1 = d0;
            } else if (cmp < 0) {
                break;
            }
        }
    }
    /* coalesce_dimensions */
    k = 0;
    for (i = 0; i < m; i++) {
        int p = perm[i];
        if (k > 0 && csz[k - 1] * cin[k - 1] == ist[p] && csz[k - 1] * cout[k - 1] == ost[p]) {
            csz[k - 1] *= sz[p];
        } else {
            csz[k] = sz[p];
            cin[k] = ist[p];
            cout[k] = ost[p];
            k++;
        }
    }
    m = k;
    if (count > 0 && total_out > 0) {
        if (m == 0) {
            store_acc(acc, 0, icr_load(g->src, 0, f32), f32);
        } else {
            int64_t size1 = m > 1 ? csz[1] : 1;
            int done = 0;
            for (k = 0; k < m; k++) {
                idx[k] = 0;
            }
            while (!done) {
                int64_t ib = 0, ob = 0;
                int64_t in_s[2], out_s[2];
                for (k = 2; k < m; k++) {
                    ib += idx[k] * cin[k];
                    ob += idx[k] * cout[k];
                }
                in_s[0] = cin[0];
                out_s[0] = cout[0];
                in_s[1] = m > 1 ? cin[1] : 0;
                out_s[1] = m > 1 ? cout[1] : 0;
                cascade_loop(g->src, ib, acc, ob, in_s, out_s, csz[0], size1, f32);
                for (k = 2; k < m; k++) {
                    if (++idx[k] < csz[k]) {
                        break;
                    }
                    idx[k] = 0;
                }
                done = k >= m;
            }
        }
    }
    /* mean_out (ReduceOps.cpp): sum(...).div_(count), a division in the scalar type */
    for (n = 0; n < g->n; n++) {
        for (c = 0; c < g->c; c++) {
            double y = ICR_R(f32, acc[n * g->c + c] / ICR_R(f32, (double)count));
            icr_store(g->dst, n * g->os_n + c * g->os_c, y, f32);
        }
    }
    free(acc);
    return IC_OK;
}
