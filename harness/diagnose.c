/* diagnose.c - one line per value mismatch: where, how much, and the likely cause. */
#define _POSIX_C_SOURCE 200809L
#include "diagnose.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** Element i as a double. */
double ic_elem(const void *p, int32_t dtype, size_t i)
{
    const unsigned char *b = p;

    switch (dtype) {
    case IC_DTYPE_FLOAT32: {
        float f;
        memcpy(&f, b + 4 * i, 4);
        return (double)f;
    }
    case IC_DTYPE_FLOAT64: {
        double d;
        memcpy(&d, b + 8 * i, 8);
        return d;
    }
    case IC_DTYPE_INT32: {
        int32_t v;
        memcpy(&v, b + 4 * i, 4);
        return (double)v;
    }
    case IC_DTYPE_UINT8:
        return (double)b[i];
    case IC_DTYPE_FLOAT16: {
        uint16_t h;
        memcpy(&h, b + 2 * i, 2);
        return ic_half_to_double(h);
    }
    case IC_DTYPE_BFLOAT16: {
        uint16_t h;
        uint32_t u;
        float f;
        memcpy(&h, b + 2 * i, 2);
        u = (uint32_t)h << 16;
        memcpy(&f, &u, 4);
        return (double)f;
    }
    default:
        return NAN;
    }
}

/** IEEE binary16 bits to double (exact: every half is a double). */
double ic_half_to_double(uint16_t h)
{
    int e = (h >> 10) & 0x1f;
    double m = (double)(h & 0x3ff), v;

    if (e == 0x1f) {
        v = m != 0.0 ? NAN : INFINITY;
    } else if (e == 0) {
        v = ldexp(m, -24); /* subnormal: m * 2^-14 * 2^-10 */
    } else {
        v = ldexp(m + 1024.0, e - 25);
    }
    return (h & 0x8000) ? -v : v;
}

/** "[n,c,h,w]" of a flat index. */
void ic_format_index(const int64_t *shape, int ndim, size_t i, char *buf, size_t len)
{
    int64_t idx[IC_MAX_DIMS];
    size_t used;
    int k;

    for (k = ndim - 1; k >= 0; k--) {
        int64_t s = shape[k] > 0 ? shape[k] : 1;
        idx[k] = (int64_t)(i % (size_t)s);
        i /= (size_t)s;
    }
    used = (size_t)snprintf(buf, len, "[");
    for (k = 0; k < ndim && used < len; k++) {
        used += (size_t)snprintf(buf + used, len - used, "%s%lld", k ? "," : "",
                                 (long long)idx[k]);
    }
    if (used < len) {
        snprintf(buf + used, len - used, "]");
    }
}

/** Flat row-major index i -> per-axis index (zero-size axes count as 1). */
void ic_unravel(const int64_t *shape, int ndim, size_t i, int64_t *idx)
{
    int k;

    for (k = ndim - 1; k >= 0; k--) {
        int64_t s = shape[k] > 0 ? shape[k] : 1;
        idx[k] = (int64_t)(i % (size_t)s);
        i /= (size_t)s;
    }
}

/* Close enough to call two values "the same" for pattern hints (not for grading). */
static int near(double a, double b)
{
    if (a != a || b != b) {
        return a != a && b != b;
    }
    return fabs(a - b) <= 1e-5 * (fabs(b) > 1.0 ? fabs(b) : 1.0);
}

/** Pattern hints; see diagnose.h. */
const char *ic_diag_hint(const ic_diag_in *d, char *buf, size_t len)
{
    const ic_tdesc *e = &d->c->expected;
    int32_t dt = e->dtype;
    size_t n = (size_t)e->numel, i, plane = 1, nb;
    int nd = e->ndim, k, dir;
    int64_t idx[IC_MAX_DIMS];

    if (d->nbad == 0 || nd < 3) {
        return NULL;
    }
    {
        double g = ic_elem(d->got, dt, d->first), w = ic_elem(e->data, dt, d->first);
        if (isinf(w) && isfinite(g)) {
            return "torch overflows to inf here: it accumulates in the tensor's dtype";
        }
    }
    for (k = 1; k < nd; k++) {
        plane *= (size_t)e->shape[k];
    }
    /* Only sample 0 right: every other sample has a wrong element (pytorch#29894). */
    if (e->shape[0] > 1 && plane > 0) {
        int only0 = 1;
        for (nb = 0; nb < (size_t)e->shape[0] && only0; nb++) {
            size_t cnt = 0;
            for (i = nb * plane; i < (nb + 1) * plane; i++) {
                cnt += d->bad[i];
            }
            /* a batch-stride bug spoils most of every later sample, not one element */
            only0 = nb == 0 ? cnt == 0 : cnt * 4 >= plane;
        }
        if (only0) {
            return "only sample 0 matches: batch stride? cf. pytorch#29894";
        }
    }
    /* Shifted by one index along a spatial axis: got[o] == want[o -+ 1] for the wrong ones. */
    for (k = 2; k < nd; k++) {
        size_t stride = 1;
        int j;
        for (j = k + 1; j < nd; j++) {
            stride *= (size_t)e->shape[j];
        }
        for (dir = -1; dir <= 1; dir += 2) {
            size_t tried = 0, hit = 0;
            for (i = 0; i < n; i++) {
                int64_t o2;
                if (!d->bad[i]) {
                    continue;
                }
                ic_unravel(e->shape, nd, i, idx);
                o2 = idx[k] + dir;
                if (o2 < 0 || o2 >= e->shape[k]) {
                    continue;
                }
                tried++;
                hit += near(ic_elem(d->got, dt, i),
                            ic_elem(e->data, dt, dir > 0 ? i + stride : i - stride));
            }
            if (tried > 0 && hit * 10 >= tried * 9) {
                snprintf(buf, len, "output shifted by one index along axis %d (got[i] = want[i%s1]):"
                         " floor vs round / index off by one?", k, dir > 0 ? "+" : "-");
                return buf;
            }
        }
    }
    /* Off by a constant factor. */
    {
        double ratio0 = NAN;
        size_t used = 0, same = 0;
        for (i = 0; i < n; i++) {
            double g = ic_elem(d->got, dt, i), w = ic_elem(e->data, dt, i), q;
            if (!d->bad[i] || !(fabs(w) > 1e-6) || !isfinite(g) || !isfinite(w)) {
                continue;
            }
            q = g / w;
            if (used++ == 0) {
                ratio0 = q;
            }
            same += fabs(q - ratio0) <= 1e-4 * fabs(ratio0);
        }
        if (used >= 2 && same == used && fabs(ratio0 - 1.0) > 1e-4) {
            snprintf(buf, len, "everything off by a constant factor (x%.6g)", ratio0);
            return buf;
        }
    }
    /* Only borders wrong. */
    {
        size_t interior = 0, bad_inside = 0;
        for (i = 0; i < n; i++) {
            int border = 0;
            ic_unravel(e->shape, nd, i, idx);
            for (k = 2; k < nd; k++) {
                border |= idx[k] == 0 || idx[k] == e->shape[k] - 1;
            }
            if (!border) {
                interior++;
                bad_inside += d->bad[i];
            }
        }
        if (interior > 0 && bad_inside == 0) {
            return "only borders wrong: align_corners or half-pixel centres?";
        }
    }
    return NULL;
}

/** One line: counts, the first and the worst element, and a hint. */
void ic_diagnose(const ic_diag_in *d, char *msg, size_t len)
{
    const ic_tdesc *e = &d->c->expected;
    int32_t dt = e->dtype;
    char fi[96], wi[96], hb[200];
    const char *hint = ic_diag_hint(d, hb, sizeof hb);
    double fg = ic_elem(d->got, dt, d->first), fw = ic_elem(e->data, dt, d->first);
    double wg = ic_elem(d->got, dt, d->worst), ww = ic_elem(e->data, dt, d->worst);
    size_t used;

    ic_format_index(e->shape, e->ndim, d->first, fi, sizeof fi);
    ic_format_index(e->shape, e->ndim, d->worst, wi, sizeof wi);
    used = (size_t)snprintf(msg, len,
                            "%zu of %lld elements off; first %s got %.9g (%a) want %.9g (%a)",
                            d->nbad, (long long)e->numel, fi, fg, fg, fw, fw);
    if (used < len && d->worst != d->first) {
        used += (size_t)snprintf(msg + used, len - used, "; worst %s got %.9g (%a) want %.9g (%a)",
                                 wi, wg, wg, ww, ww);
    }
    if (used < len && d->worst_bound > 0.0) {
        used += (size_t)snprintf(msg + used, len - used, " (|err| %.3g > bound %.3g)",
                                 fabs(wg - ww), d->worst_bound);
    }
    if (used < len && hint != NULL) {
        snprintf(msg + used, len - used, "; hint: %s", hint);
    }
}

/** Heat map of err/bound over the worst element's (n, c[, d]) plane, max-pooled to <= 64. */
void ic_heat_fill(const ic_diag_in *d, ic_case_result *r)
{
    const ic_tdesc *e = &d->c->expected;
    int nd = e->ndim, k;
    int64_t idx[IC_MAX_DIMS], H, W, hh, ww, y, x;
    size_t base = 0, mul = 1;
    float *heat;

    if (d->ratio == NULL || nd < 3 || nd > 5) {
        return;
    }
    ic_unravel(e->shape, nd, d->worst, idx);
    H = nd >= 4 ? e->shape[nd - 2] : 1;
    W = e->shape[nd - 1];
    if (H <= 0 || W <= 0) {
        return;
    }
    /* flat index of (n, c[, d], 0, 0) */
    for (k = nd - 1; k >= 0; k--) {
        if (k < nd - (nd >= 4 ? 2 : 1)) {
            base += (size_t)idx[k] * mul;
        }
        mul *= (size_t)e->shape[k];
    }
    hh = H < 64 ? H : 64;
    ww = W < 64 ? W : 64;
    heat = calloc((size_t)(hh * ww), sizeof *heat);
    if (heat == NULL) {
        return;
    }
    for (y = 0; y < H; y++) {
        for (x = 0; x < W; x++) {
            float v = d->ratio[base + (size_t)(y * W + x)];
            float *cell = &heat[(y * hh / H) * ww + (x * ww / W)];
            if (v > *cell) {
                *cell = v;
            }
        }
    }
    free(r->heat);
    r->heat = heat;
    r->heat_h = (int32_t)hh;
    r->heat_w = (int32_t)ww;
}
