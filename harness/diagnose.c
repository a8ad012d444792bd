/* diagnose.c - one line per value mismatch: where, how much, and the likely cause. */
#define _POSIX_C_SOURCE 200809L
#include "diagnose.h"

#include <float.h>
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
        used +=
            (size_t)snprintf(buf + used, len - used, "%s%lld", k ? "," : "", (long long)idx[k]);
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

/* Close enough to call two values "the same" for pattern hints (not for grading): relative,
   so that subnormal or tiny data is not "the same" everywhere; non-finite values never count
   as evidence (NaN spreading to a neighbour is not a shift). */
static int near(double a, double b)
{
    double m;

    if (!isfinite(a) || !isfinite(b)) {
        return 0;
    }
    if (a == b) {
        return 1;
    }
    m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= 1e-5 * m;
}

/* Interpolation modes whose output is a weighted sum (they can overflow, and align_corners
   applies to them); nearest modes copy input elements and area has no align_corners. */
static int mode_weighted(const ic_case *c)
{
    const char *m = c->mode != NULL ? c->mode : "";
    return strcmp(m, "linear") == 0 || strcmp(m, "bilinear") == 0 || strcmp(m, "trilinear") == 0 ||
           strcmp(m, "bicubic") == 0;
}

/* Every element of the input storage is finite (no inf or NaN to copy or spread). */
static int input_finite(const ic_case *c)
{
    const ic_tdesc *in = &c->input;
    size_t isz = ic_dtype_size(in->dtype), i, n;

    if (in->data == NULL || isz == 0 || in->dtype == IC_DTYPE_UINT8) {
        return in->dtype == IC_DTYPE_UINT8;
    }
    n = (size_t)in->nbytes / isz;
    for (i = 0; i < n; i++) {
        if (!isfinite(ic_elem(in->data, in->dtype, i))) {
            return 0;
        }
    }
    return 1;
}

/* How many elements a constant-factor claim needs before it is evidence, not coincidence. */
#define IC_FACTOR_MIN_ELEMS 8

/** Pattern hints with their cause names; see diagnose.h. */
const char *ic_diag_pattern(const ic_diag_in *d, char *buf, size_t len, const char **cause)
{
    const ic_tdesc *e = &d->c->expected;
    int32_t dt = e->dtype;
    size_t n = (size_t)e->numel, i, plane = 1, nb;
    int nd = e->ndim, k, dir;
    int64_t idx[IC_MAX_DIMS];

    *cause = NULL;
    if (d->nbad == 0 || nd < 3) {
        return NULL;
    }
    /* Non-finite values on one side of every wrong element: propagation, not arithmetic. */
    {
        size_t nan_got = 0, nan_want = 0, inf = 0, nonfinite = 0;
        for (i = 0; i < n; i++) {
            double g, w;
            if (!d->bad[i]) {
                continue;
            }
            g = ic_elem(d->got, dt, i);
            w = ic_elem(e->data, dt, i);
            nan_got += g != g && w == w;
            nan_want += w != w && g == g;
            inf += (isinf(g) || isinf(w)) && g == g && w == w;
            nonfinite += !isfinite(g) || !isfinite(w);
        }
        if (nonfinite == d->nbad) {
            /* torch's float32 sums overflow to inf near FLT_MAX where a wider accumulator does
               not: only when the input holds no inf to copy and the mode accumulates */
            double g = ic_elem(d->got, dt, d->first), w = ic_elem(e->data, dt, d->first);
            if (inf == d->nbad && isinf(w) && isfinite(g) && mode_weighted(d->c) &&
                input_finite(d->c)) {
                *cause = "overflow";
                return "torch overflows to inf here: it accumulates in the tensor's dtype";
            }
            *cause = "nan-inf";
            snprintf(buf, len,
                     "only non-finite elements differ (%zu NaN where torch has a number, "
                     "%zu number where torch has NaN, %zu inf): NaN/inf propagation",
                     nan_got, nan_want, inf);
            return buf;
        }
    }
    for (k = 1; k < nd; k++) {
        plane *= (size_t)e->shape[k];
    }
    /* Only sample 0 right: every other sample has most elements wrong (pytorch#29894). */
    if (e->shape[0] > 1 && plane > 1 && d->nbad >= 2) {
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
            *cause = "batch-stride";
            return "only sample 0 matches: batch stride? cf. pytorch#29894";
        }
    }
    /* Zero where torch has a subnormal: flushed to zero (FTZ/DAZ), not misplaced. */
    {
        double tiny = dt == IC_DTYPE_FLOAT32 ? FLT_MIN : DBL_MIN;
        size_t flushed = 0;
        for (i = 0; i < n && (dt == IC_DTYPE_FLOAT32 || dt == IC_DTYPE_FLOAT64); i++) {
            double w = ic_elem(e->data, dt, i);
            flushed += d->bad[i] && ic_elem(d->got, dt, i) == 0.0 && w != 0.0 && fabs(w) < tiny;
        }
        if (flushed > 0 && flushed == d->nbad) {
            *cause = "subnormals-flushed";
            return "zero where torch has a subnormal number: subnormals flushed to zero "
                   "(FTZ/DAZ)?";
        }
    }
    /* Shifted by one index along a spatial axis: got[o] == want[o -+ 1] for the wrong ones,
       counting only elements where the neighbour differs from want[o] (else no evidence). */
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
                size_t i2;
                double g, w, w2;
                if (!d->bad[i]) {
                    continue;
                }
                ic_unravel(e->shape, nd, i, idx);
                o2 = idx[k] + dir;
                if (o2 < 0 || o2 >= e->shape[k]) {
                    continue;
                }
                i2 = dir > 0 ? i + stride : i - stride;
                g = ic_elem(d->got, dt, i);
                w = ic_elem(e->data, dt, i);
                w2 = ic_elem(e->data, dt, i2);
                if (!isfinite(g) || !isfinite(w) || !isfinite(w2) || near(w, w2)) {
                    continue;
                }
                tried++;
                hit += near(g, w2);
            }
            if (tried > 0 && hit * 10 >= tried * 9) {
                *cause = "shift";
                snprintf(buf, len,
                         "output shifted by one index along axis %d (got[i] = want[i%s1]):"
                         " floor vs round / index off by one?",
                         k, dir > 0 ? "+" : "-");
                return buf;
            }
        }
    }
    /* Off by a constant factor: many wrong elements, several distinct values, one ratio. */
    {
        double ratio0 = NAN, w0 = NAN;
        size_t used = 0, same = 0, distinct = 0;
        for (i = 0; i < n; i++) {
            double g = ic_elem(d->got, dt, i), w = ic_elem(e->data, dt, i), q;
            if (!d->bad[i] || !isfinite(g) || !isfinite(w) || !(fabs(w) > 1e-6)) {
                continue;
            }
            q = g / w;
            if (used++ == 0) {
                ratio0 = q;
                w0 = w;
            }
            distinct += !near(w, w0);
            same += fabs(q - ratio0) <= 1e-4 * fabs(ratio0);
        }
        /* a factor of 0 is zeros written, not a scale (the sentinel pattern below) */
        if (used >= IC_FACTOR_MIN_ELEMS && used * 2 >= d->nbad && same == used && distinct >= 2 &&
            fabs(ratio0 - 1.0) > 1e-4 && fabs(ratio0) > 1e-6) {
            *cause = "constant-factor";
            snprintf(buf, len, "everything off by a constant factor (x%.6g)", ratio0);
            return buf;
        }
    }
    /* All wrong elements hold one value while torch's vary: never computed, or filled. */
    {
        double v0 = 0.0, w0 = 0.0;
        size_t seen = 0, same = 0, wvary = 0;
        for (i = 0; i < n; i++) {
            double g, w;
            if (!d->bad[i]) {
                continue;
            }
            g = ic_elem(d->got, dt, i);
            w = ic_elem(e->data, dt, i);
            if (seen++ == 0) {
                v0 = g;
                w0 = w;
            }
            same += g == v0;
            wvary += !(w == w0);
        }
        if (d->nbad >= 4 && same == d->nbad && wvary > 0) {
            *cause = "sentinel";
            snprintf(buf, len, "every wrong element holds %.9g: left unwritten or filled?", v0);
            return buf;
        }
    }
    /* Only borders wrong (align_corners or half-pixel centres: weighted modes only). */
    if (mode_weighted(d->c)) {
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
            *cause = "border-only";
            return "only borders wrong: align_corners or half-pixel centres?";
        }
    }
    return NULL;
}

/** Pattern hints; see diagnose.h. */
const char *ic_diag_hint(const ic_diag_in *d, char *buf, size_t len)
{
    const char *cause;

    return ic_diag_pattern(d, buf, len, &cause);
}

/** One line: counts, the first and the worst element, and a hint or the cause. */
void ic_diagnose_with(const ic_diag_in *d, const char *cause_line, char *msg, size_t len)
{
    const ic_tdesc *e = &d->c->expected;
    int32_t dt = e->dtype;
    char fi[96], wi[96], hb[240];
    const char *hint = cause_line != NULL ? NULL : ic_diag_hint(d, hb, sizeof hb);
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
    if (used < len && cause_line != NULL) {
        snprintf(msg + used, len - used, "; %s", cause_line);
    } else if (used < len && hint != NULL) {
        snprintf(msg + used, len - used, "; hint: %s", hint);
    }
}

/** One line: counts, the first and the worst element, and a hint. */
void ic_diagnose(const ic_diag_in *d, char *msg, size_t len)
{
    ic_diagnose_with(d, NULL, msg, len);
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
