/* score.c - turns a child's outcome into a verdict; the float tolerance bound lives here. */
#define _POSIX_C_SOURCE 200809L
#include "score.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "diagnose.h"
#include "results.h"

/** Sets the verdict, kind and a formatted message on a result. */
void ic_result_set(ic_case_result *r, int32_t verdict, const char *kind, const char *fmt, ...)
{
    char buf[1024], *p;
    va_list ap;

    r->verdict = verdict;
    free(r->kind);
    free(r->message);
    r->kind = kind ? ic_strdup(kind) : NULL;
    r->message = NULL;
    if (fmt != NULL) {
        va_start(ap, fmt);
        vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
        /* One line, whatever the port or the manifest put in its strings. */
        for (p = buf; *p; p++) {
            if ((unsigned char)*p < 0x20 || *p == 0x7f) {
                *p = ' ';
            }
        }
        r->message = ic_strdup(buf);
    }
}

/* ---- geometry ----------------------------------------------------------------------------- */

/* How far (relative to |r|+1) a source coordinate computed in float may sit from torch
   1.13's double one: a few float roundings of s*(o+0.5)-0.5. */
#define IC_COORD_SLACK (8.0 * FLT_EPSILON)

/** Kernel family and torch's per-axis scale (area_pixel_compute_scale, in double). */
int ic_geom_init(const ic_case *c, ic_geom *g)
{
    int k;
    const char *m = c->mode;

    memset(g, 0, sizeof *g);
    g->dims = c->input.ndim - 2;
    if (g->dims < 1 || g->dims > 3 || c->expected.ndim != c->input.ndim) {
        return -1;
    }
    if (strcmp(m, "linear") == 0 || strcmp(m, "bilinear") == 0 || strcmp(m, "trilinear") == 0) {
        g->kernel = c->args.antialias ? IC_K_AA_LINEAR : IC_K_LINEAR;
    } else if (strcmp(m, "bicubic") == 0) {
        g->kernel = c->args.antialias ? IC_K_AA_CUBIC : IC_K_CUBIC;
    } else if (strcmp(m, "area") == 0) {
        g->kernel = IC_K_AREA;
    } else {
        g->kernel = IC_K_NEAREST;
    }
    g->align_corners =
        c->args.align_corners == 1 && g->kernel != IC_K_AREA && g->kernel != IC_K_NEAREST;
    for (k = 0; k < g->dims; k++) {
        double user = 0.0;
        g->in[k] = c->input.shape[k + 2];
        g->out[k] = c->expected.shape[k + 2];
        /* The kernel sees the user's scale unless recompute_scale_factor=True (and area always
           recomputes: torch/nn/functional.py 1.13 forces it for adaptive pooling). */
        if (c->args.scale_len != IC_NONE && c->args.recompute_scale_factor != 1 &&
            g->kernel != IC_K_AREA) {
            user = c->args.scale_len == 0  ? c->args.scale_factor[0]
                   : k < c->args.scale_len ? c->args.scale_factor[k]
                                           : 0.0;
        }
        if (g->align_corners) {
            /* area_pixel_compute_scale, align_corners=True: (in-1)/(out-1), 0 for out=1. */
            g->scale[k] = g->out[k] > 1 ? (double)(g->in[k] - 1) / (double)(g->out[k] - 1) : 0.0;
        } else if (user > 0.0 && isfinite(user)) {
            g->scale[k] = 1.0 / user;
        } else {
            g->scale[k] = g->out[k] > 0 ? (double)g->in[k] / (double)g->out[k] : 0.0;
        }
    }
    return 0;
}

/** Input window of output index o on axis; see README "Tolerance" for each kernel. */
void ic_geom_window(const ic_geom *g, int axis, int64_t o, int64_t *lo, int64_t *hi, double *r)
{
    double s = g->scale[axis], x, support, d;
    int64_t in = g->in[axis], out = g->out[axis], f;

    *r = 0.0;
    switch (g->kernel) {
    case IC_K_LINEAR:
        /* area_pixel_compute_source_index: half-pixel, clamped at 0 for linear. */
        x = g->align_corners ? s * (double)o : s * ((double)o + 0.5) - 0.5;
        x = x < 0.0 ? 0.0 : x;
        /* r within rounding of an integer: a float coordinate (torch <= 1.12, >= 2.0) may
           land on the other side of it and read the tap below (align_corners, last pixel). */
        d = IC_COORD_SLACK * (fabs(x) + 1.0);
        f = (int64_t)floor(x);
        *lo = (int64_t)floor(x - d);
        *hi = f + 1;
        if (in == out) { /* torch's same-size identity: the window must contain o */
            *lo = o < *lo ? o : *lo;
            *hi = o > *hi ? o : *hi;
        }
        *r = x;
        break;
    case IC_K_CUBIC:
        /* upsample_bicubic2d: no clamp of the coordinate, taps floor(r)-1 .. floor(r)+2. */
        x = g->align_corners ? s * (double)o : s * ((double)o + 0.5) - 0.5;
        d = IC_COORD_SLACK * (fabs(x) + 1.0);
        *lo = (int64_t)floor(x - d) - 1;
        *hi = (int64_t)floor(x + d) + 2;
        *r = x;
        break;
    case IC_K_AA_LINEAR:
    case IC_K_AA_CUBIC:
        /* _upsample_*_aa: centre s*(o+0.5) (half-pixel even with align_corners), support
           s*n/2 when downsampling (s >= 1), n/2 otherwise; n = 2 linear, 4 cubic. */
        support = (g->kernel == IC_K_AA_LINEAR ? 1.0 : 2.0) * (s >= 1.0 ? s : 1.0);
        x = s * ((double)o + 0.5);
        *lo = (int64_t)floor(x - support);
        *hi = (int64_t)ceil(x + support);
        *r = x;
        break;
    case IC_K_AREA:
        /* adaptive_avg_pool: [floor(o*in/out), ceil((o+1)*in/out)) in integers. */
        *lo = out > 0 ? o * in / out : 0;
        *hi = out > 0 ? ((o + 1) * in + out - 1) / out - 1 : 0;
        break;
    default:
        *lo = *hi = o;
        break;
    }
    if (*lo < 0) {
        *lo = 0;
    }
    if (*hi > in - 1) {
        *hi = in - 1;
    }
    if (*lo > *hi) {
        *lo = *hi;
    }
}

/** Taps per axis for k1. */
double ic_geom_taps(const ic_geom *g, int axis, int64_t o)
{
    int64_t lo, hi;
    double r;

    if (g->kernel == IC_K_LINEAR) {
        return 2.0;
    }
    if (g->kernel == IC_K_CUBIC) {
        return 4.0;
    }
    ic_geom_window(g, axis, o, &lo, &hi, &r);
    return (double)(hi - lo + 1);
}

/** S: a bound on sum|w| per axis (Keys A=-0.75: 1.375 <= 1.5; PIL cubic a=-0.5 below 1.5). */
double ic_geom_sfactor(const ic_geom *g)
{
    return (g->kernel == IC_K_CUBIC || g->kernel == IC_K_AA_CUBIC || g->kernel == IC_K_AA_LINEAR)
               ? 1.5
               : 1.0;
}

/** max(spread, k1*eps*mag + k2*eps*coord, tiny). */
double ic_tol_bound(double spread, double k1, double k2, double eps, double mag, double coord,
                    double tiny)
{
    double b = k1 * eps * mag + k2 * eps * coord;

    if (!(b == b) || !isfinite(b)) {
        return INFINITY;
    }
    if (spread > b) {
        b = spread;
    }
    return b > tiny ? b : tiny;
}

/* Floating-point dtypes (graded with a float bound, NaN-aware comparisons). */
static int is_float_dtype(int32_t dtype)
{
    return dtype == IC_DTYPE_FLOAT32 || dtype == IC_DTYPE_FLOAT64 || dtype == IC_DTYPE_FLOAT16 ||
           dtype == IC_DTYPE_BFLOAT16;
}

/* IEEE binary16 bits of a double already representable in half (values from ic_elem). */
static uint16_t half_bits(double v)
{
    uint16_t sign = signbit(v) ? 0x8000u : 0u;
    double a = fabs(v);
    int e;

    if (a == 0.0) {
        return sign;
    }
    if (isinf(a)) {
        return (uint16_t)(sign | 0x7c00u);
    }
    if (a < ldexp(1.0, -14)) {
        return (uint16_t)(sign | (uint16_t)ldexp(a, 24));
    }
    e = ilogb(a);
    return (uint16_t)(sign | (uint16_t)((e + 15) << 10) | (uint16_t)(ldexp(a, 10 - e) - 1024.0));
}

/* Maps a float's bits onto an unsigned line where adjacent floats are adjacent integers. */
static uint64_t ordered(double v, int32_t dtype)
{
    if (dtype == IC_DTYPE_FLOAT16 || dtype == IC_DTYPE_BFLOAT16) {
        uint32_t u;
        if (dtype == IC_DTYPE_FLOAT16) {
            u = half_bits(v);
        } else {
            float f = (float)v;
            memcpy(&u, &f, 4);
            u >>= 16;
        }
        return (u & 0x8000u) ? (uint64_t)(0xffffu - u) : (uint64_t)u + 0x8000u;
    }
    if (dtype == IC_DTYPE_FLOAT32) {
        float f = (float)v;
        uint32_t u;
        memcpy(&u, &f, 4);
        return (u & 0x80000000u) ? (uint64_t)(0xffffffffu - u) : (uint64_t)u + 0x80000000u;
    } else {
        uint64_t u;
        memcpy(&u, &v, 8);
        return (u >> 63) ? ~u : u + 0x8000000000000000ull;
    }
}

/** ULP distance (float32 or float64); NaN if either is NaN, 0 for uint8 equal values. */
double ic_ulp_distance(double a, double b, int32_t dtype)
{
    uint64_t x, y;

    if (a != a || b != b) {
        return NAN;
    }
    if (!is_float_dtype(dtype)) {
        return fabs(a - b);
    }
    x = ordered(a, dtype);
    y = ordered(b, dtype);
    return (double)(x > y ? x - y : y - x);
}

/* ---- values ------------------------------------------------------------------------------- */

static int same_bits(const unsigned char *a, const unsigned char *b, size_t i, size_t isz)
{
    return memcmp(a + i * isz, b + i * isz, isz) == 0;
}

/* Bit-identical, or both NaN (a NaN's payload carries no meaning in torch's semantics). */
static int matches(const unsigned char *got, const unsigned char *want, size_t i, size_t isz,
                   int32_t dtype)
{
    double g, w;

    if (same_bits(got, want, i, isz)) {
        return 1;
    }
    if (!is_float_dtype(dtype)) {
        return 0;
    }
    g = ic_elem(got, dtype, i);
    w = ic_elem(want, dtype, i);
    return g != g && w != w;
}

static int is_sentinel(const unsigned char *p, size_t i, int32_t dtype)
{
    if (dtype == IC_DTYPE_FLOAT32) {
        uint32_t u;
        memcpy(&u, p + 4 * i, 4);
        return u == IC_SENTINEL_F32;
    }
    if (dtype == IC_DTYPE_FLOAT64) {
        uint64_t u;
        memcpy(&u, p + 8 * i, 8);
        return u == IC_SENTINEL_F64;
    }
    if (dtype == IC_DTYPE_FLOAT16 || dtype == IC_DTYPE_BFLOAT16) {
        uint16_t u;
        memcpy(&u, p + 2 * i, 2);
        return u == (dtype == IC_DTYPE_FLOAT16 ? IC_SENTINEL_F16 : IC_SENTINEL_BF16);
    }
    return p[i] == IC_SENTINEL_U8;
}

/* Per-case window tables (per axis, per output index). */
typedef struct win_tab {
    int64_t *lo[3], *hi[3];
    double *r[3], *taps[3];
} win_tab;

static void win_free(win_tab *w)
{
    int k;

    for (k = 0; k < 3; k++) {
        free(w->lo[k]);
        free(w->hi[k]);
        free(w->r[k]);
        free(w->taps[k]);
    }
}

static int win_init(const ic_geom *g, win_tab *w)
{
    int k;
    int64_t o;

    memset(w, 0, sizeof *w);
    for (k = 0; k < g->dims; k++) {
        size_t n = (size_t)(g->out[k] > 0 ? g->out[k] : 1);
        w->lo[k] = malloc(n * sizeof(int64_t));
        w->hi[k] = malloc(n * sizeof(int64_t));
        w->r[k] = malloc(n * sizeof(double));
        w->taps[k] = malloc(n * sizeof(double));
        if (!w->lo[k] || !w->hi[k] || !w->r[k] || !w->taps[k]) {
            win_free(w);
            return -1;
        }
        for (o = 0; o < g->out[k]; o++) {
            ic_geom_window(g, k, o, &w->lo[k][o], &w->hi[k][o], &w->r[k][o]);
            w->taps[k][o] = ic_geom_taps(g, k, o);
        }
    }
    return 0;
}

/* The bound of one element: windows box min/max/max|x| over the input at (n, c). */
static double element_bound(const ic_case *c, const ic_geom *g, const win_tab *w,
                            const int64_t *idx, double spread)
{
    const ic_tdesc *in = &c->input;
    int64_t lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0}, i0, i1, i2;
    int64_t base = idx[0] * in->strides[0] + idx[1] * in->strides[1];
    double mn = INFINITY, mx = -INFINITY, amax = 0.0, k1 = 0.0, rsum = 0.0, v, eps, tiny;
    double sfac = ic_geom_sfactor(g), mag, coord;
    int k;

    for (k = 0; k < g->dims; k++) {
        lo[k] = w->lo[k][idx[k + 2]];
        hi[k] = w->hi[k][idx[k + 2]];
        k1 += w->taps[k][idx[k + 2]];
        rsum += fabs(w->r[k][idx[k + 2]]) + 1.0;
    }
    k1 *= IC_TOL_K1_PER_TAP;
    for (i0 = lo[0]; i0 <= hi[0]; i0++) {
        for (i1 = lo[1]; i1 <= hi[1]; i1++) {
            for (i2 = lo[2]; i2 <= hi[2]; i2++) {
                int64_t off = base + i0 * in->strides[2];
                if (g->dims > 1) {
                    off += i1 * in->strides[3];
                }
                if (g->dims > 2) {
                    off += i2 * in->strides[4];
                }
                v = ic_elem(in->data, in->dtype, (size_t)off);
                mn = v < mn ? v : mn;
                mx = v > mx ? v : mx;
                amax = fabs(v) > amax ? fabs(v) : amax;
                if (v != v) {
                    amax = INFINITY;
                }
            }
        }
    }
    mag = amax;
    for (k = 0; k < g->dims; k++) {
        mag *= sfac;
    }
    /* Area windows are integers: no coordinate rounding term. */
    coord = g->kernel == IC_K_AREA ? 0.0 : rsum * (mx - mn);
    if (c->expected.dtype == IC_DTYPE_FLOAT32) {
        eps = FLT_EPSILON;
        tiny = 64.0 * FLT_MIN * FLT_EPSILON; /* 64 float32 subnormal steps */
    } else if (c->expected.dtype == IC_DTYPE_FLOAT16) {
        /* torch computes in float and rounds once to half (opmath): the output's own
           rounding dominates. eps 2^-10, smallest subnormal 2^-24. */
        eps = ldexp(1.0, -10);
        tiny = 64.0 * ldexp(1.0, -24);
    } else if (c->expected.dtype == IC_DTYPE_BFLOAT16) {
        eps = ldexp(1.0, -7);
        tiny = 64.0 * FLT_MIN * ldexp(1.0, -7);
    } else {
        eps = DBL_EPSILON;
        tiny = 64.0 * DBL_MIN * DBL_EPSILON;
    }
    return ic_tol_bound(spread, k1, IC_TOL_K2, eps, mag, coord, tiny);
}

/** Every element's bound (see score.h); NULL for exact-tolerance cases. */
double *ic_case_bounds(const ic_case *c)
{
    const ic_tdesc *e = &c->expected;
    size_t n = (size_t)e->numel, i, a;
    int32_t dt = e->dtype;
    int64_t idx[IC_MAX_DIMS];
    double *b;
    ic_geom g;
    win_tab w;

    if (!c->tol_float || ic_geom_init(c, &g) != 0 || win_init(&g, &w) != 0) {
        return NULL;
    }
    b = calloc(n ? n : 1, sizeof *b);
    for (i = 0; b != NULL && i < n; i++) {
        double wv = ic_elem(e->data, dt, i), spread = 0.0;
        if (!isfinite(wv)) {
            continue; /* non-finite elements match only themselves */
        }
        for (a = 0; a < c->nalts; a++) {
            double av = c->alts[a].t.data ? ic_elem(c->alts[a].t.data, dt, i) : wv;
            if (isfinite(av) && fabs(av - wv) > spread) {
                spread = fabs(av - wv);
            }
        }
        ic_unravel(e->shape, e->ndim, i, idx);
        b[i] = element_bound(c, &g, &w, idx, spread);
    }
    win_free(&w);
    return b;
}

/*
 * Non-finite values (harness/README.md "Non-finite values"): is the port's `gv` one of the
 * outcomes a coordinate-rounding change of the weights can give at this element? On some
 * axis the source coordinate r lies within float rounding of an integer k, so every tap but k
 * has a weight that is exactly 0 in one computation (double coordinates, torch 1.13) and tiny
 * in another (float coordinates, torch 2.x, most ports), or is read by one and not the other;
 * at the upper border tap k itself is read twice (i1 clamps to i0), the second time with
 * that weight. If an inf or NaN input sits on such a tap, torch itself gives NaN (0 x inf),
 * +-inf (tiny x inf) or the finite value of the other taps. Antialias weights vanish at the window
 * edges instead, so there the edge taps are the uncertain ones. Then NaN, +-inf, and a
 * finite value within the finite inputs' range (widened by the kernel's overshoot) pass;
 * anything else, or any non-finite disagreement away from such a tap, does not.
 */
static int nonfinite_honest(const ic_case *c, const ic_geom *g, const win_tab *w,
                            const int64_t *idx, double gv)
{
    const ic_tdesc *in = &c->input;
    int64_t lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0}, kk[3] = {0, 0, 0}, p[3];
    int near[3] = {0, 0, 0}, any = 0, uncertain = 0, certain = 0, k, aa;
    int64_t base = idx[0] * in->strides[0] + idx[1] * in->strides[1];
    double mn = INFINITY, mx = -INFINITY, half, sf = 1.0;

    if (g->kernel == IC_K_NEAREST || g->kernel == IC_K_AREA) {
        return 0;
    }
    aa = g->kernel == IC_K_AA_LINEAR || g->kernel == IC_K_AA_CUBIC;
    for (k = 0; k < g->dims; k++) {
        double rr = w->r[k][idx[k + 2]];
        lo[k] = w->lo[k][idx[k + 2]];
        hi[k] = w->hi[k][idx[k + 2]];
        kk[k] = (int64_t)floor(rr + 0.5);
        near[k] = aa || fabs(rr - (double)kk[k]) <= IC_COORD_SLACK * (fabs(rr) + 1.0);
        any |= near[k];
        sf *= ic_geom_sfactor(g);
    }
    if (!any) {
        return 0;
    }
    for (p[0] = lo[0]; p[0] <= hi[0]; p[0]++) {
        for (p[1] = lo[1]; p[1] <= hi[1]; p[1]++) {
            for (p[2] = lo[2]; p[2] <= hi[2]; p[2]++) {
                int64_t off = base + p[0] * in->strides[2];
                double v;
                off += g->dims > 1 ? p[1] * in->strides[3] : 0;
                off += g->dims > 2 ? p[2] * in->strides[4] : 0;
                v = ic_elem(in->data, in->dtype, (size_t)off);
                if (isfinite(v)) {
                    mn = v < mn ? v : mn;
                    mx = v > mx ? v : mx;
                    continue;
                }
                {
                    int unc = 0, border = 0;
                    for (k = 0; k < g->dims; k++) {
                        if (near[k] && (aa ? (p[k] == lo[k] || p[k] == hi[k]) : p[k] != kk[k])) {
                            unc = 1;
                        }
                        /* the last tap is read twice at the upper border (i1 clamps to i0),
                           the second time with the weight that is exactly 0 or tiny */
                        if (near[k] && !aa && p[k] == kk[k] && kk[k] == g->in[k] - 1) {
                            border = 1;
                        }
                    }
                    uncertain |= unc || border;
                    certain |= !unc; /* read with a weight near 1: no finite result */
                }
            }
        }
    }
    if (!uncertain) {
        return 0;
    }
    if (gv != gv || isinf(gv)) {
        return 1;
    }
    if (certain || !(mn <= mx)) {
        return 0; /* a non-finite input with a real weight, or no finite tap at all */
    }
    half = 0.5 * (mx - mn) * sf + 8.0 * FLT_EPSILON * fmax(fabs(mn), fabs(mx));
    return fabs(gv - 0.5 * (mn + mx)) <= half;
}

static void score_values(const ic_case *c, const ic_bufs *b, const ic_outcome *o, int strict,
                         int diagnose, ic_case_result *r)
{
    const ic_tdesc *e = &c->expected;
    int32_t dt = e->dtype;
    size_t isz = ic_dtype_size(dt), n = (size_t)e->numel, i, a, unwritten = 0, first_u = 0;
    const unsigned char *got = b->out, *want = e->data;
    unsigned char *bad = NULL;
    float *ratio = NULL;
    int identical = 0, isfloat = is_float_dtype(dt);
    int rechecked = dt == IC_DTYPE_UINT8 && o->u8_rechecked;
    size_t finite_pairs = 0;
    ic_diag_in d;
    ic_geom g;
    win_tab w;
    int have_win = 0, profile_used = 0;
    char where[128], msg[1024];
    int64_t idx[IC_MAX_DIMS];

    if (rechecked) {
        /* The child repeated the call under a second sentinel (sandbox.c, recheck_u8). */
        unwritten = (size_t)o->u8_unwritten;
        first_u = (size_t)o->u8_first;
    }
    for (i = 0; i < n && !rechecked; i++) {
        int legit = is_sentinel(want, i, dt);
        /* uint8 0xA5 is a real value: unwritten only if no torch output has it here. */
        for (a = 0; a < c->nalts && !legit; a++) {
            legit = c->alts[a].t.data != NULL && is_sentinel(c->alts[a].t.data, i, dt);
        }
        if (is_sentinel(got, i, dt) && !legit) {
            if (unwritten++ == 0) {
                first_u = i;
            }
        }
    }
    if (unwritten > 0) {
        ic_format_index(e->shape, e->ndim, first_u, where, sizeof where);
        ic_result_set(r, IC_VERDICT_ERROR, "unwritten",
                      "%zu of %zu output elements never written (sentinel left), first at %s",
                      unwritten, n, where);
        return;
    }
    /* Metrics against the canonical output (reported, not graded). */
    r->max_abs_err = r->max_rel_err = r->max_ulp = 0.0;
    r->nan_mismatches = r->inf_mismatches = 0;
    for (i = 0; i < n; i++) {
        double gv = ic_elem(got, dt, i), wv = ic_elem(want, dt, i), err;
        if (gv != gv || wv != wv) {
            r->nan_mismatches += (gv != gv) != (wv != wv);
            continue;
        }
        if (!isfinite(gv) || !isfinite(wv)) {
            r->inf_mismatches += gv != wv;
            continue;
        }
        finite_pairs++;
        err = fabs(gv - wv);
        r->max_abs_err = err > r->max_abs_err ? err : r->max_abs_err;
        if (wv != 0.0 && err / fabs(wv) > r->max_rel_err) {
            r->max_rel_err = err / fabs(wv);
        }
        if (isfloat && ic_ulp_distance(gv, wv, dt) > r->max_ulp) {
            r->max_ulp = ic_ulp_distance(gv, wv, dt);
        }
    }
    if (finite_pairs == 0 && r->nan_mismatches + r->inf_mismatches > 0) {
        /* nothing finite to measure: say so (null), the counts above carry the difference */
        r->max_abs_err = r->max_rel_err = r->max_ulp = NAN;
    }
    if (c->has_f64 && c->f64.data != NULL && dt == IC_DTYPE_FLOAT32) {
        /* How far the port and torch each are from torch's float64 answer (finite only). */
        r->f64_max_abs_err = r->torch_f64_max_abs_err = 0.0;
        for (i = 0; i < n; i++) {
            double gv = ic_elem(got, dt, i), wv = ic_elem(want, dt, i);
            double xv = ic_elem(c->f64.data, IC_DTYPE_FLOAT64, i);
            if (!isfinite(xv)) {
                continue;
            }
            if (isfinite(gv) && fabs(gv - xv) > r->f64_max_abs_err) {
                r->f64_max_abs_err = fabs(gv - xv);
            }
            if (isfinite(wv) && fabs(wv - xv) > r->torch_f64_max_abs_err) {
                r->torch_f64_max_abs_err = fabs(wv - xv);
            }
        }
    }
    identical = n == 0 || memcmp(got, want, n * isz) == 0;
    for (a = 0; a < c->nalts && !identical && !strict; a++) {
        identical = c->alts[a].t.data != NULL && memcmp(got, c->alts[a].t.data, n * isz) == 0;
    }
    if (identical) {
        r->verdict = IC_VERDICT_PASS;
        r->exact = 1;
        return;
    }
    bad = calloc(n, 1);
    ratio = isfloat ? calloc(n, sizeof *ratio) : NULL;
    if (bad == NULL || (isfloat && ratio == NULL)) {
        free(bad);
        free(ratio);
        ic_result_set(r, IC_VERDICT_ERROR, "harness", "out of memory while scoring");
        return;
    }
    memset(&d, 0, sizeof d);
    if (c->tol_float && !strict && ic_geom_init(c, &g) == 0 && win_init(&g, &w) == 0) {
        have_win = 1;
    }
    for (i = 0; i < n; i++) {
        double gv, wv, bound, spread = 0.0, err;
        int ok = matches(got, want, i, isz, dt);
        for (a = 0; a < c->nalts && !ok && !strict; a++) {
            ok = c->alts[a].t.data != NULL && matches(got, c->alts[a].t.data, i, isz, dt);
        }
        if (ok) {
            continue;
        }
        gv = ic_elem(got, dt, i);
        wv = ic_elem(want, dt, i);
        bound = 0.0;
        if (have_win && gv == gv && wv == wv && isfinite(gv) && isfinite(wv)) {
            /* spread_e: how far torch's own outputs for this call disagree here. */
            for (a = 0; a < c->nalts; a++) {
                double av = ic_elem(c->alts[a].t.data, dt, i);
                if (isfinite(av) && fabs(av - wv) > spread) {
                    spread = fabs(av - wv);
                }
            }
            ic_unravel(e->shape, e->ndim, i, idx);
            bound = element_bound(c, &g, &w, idx, spread);
            r->bound = bound > r->bound ? bound : r->bound;
            err = fabs(gv - wv);
            ratio[i] = (float)(bound > 0.0 ? fmin(err / bound, 1e30) : 1e30);
            if (!(r->bound_ratio >= ratio[i])) {
                r->bound_ratio = ratio[i];
            }
            if (err <= bound) {
                continue;
            }
            if (c->has_profile && err <= c->prof_atol + c->prof_rtol * fabs(wv)) {
                profile_used = 1; /* outside the evidence bound, inside the user's profile */
                continue;
            }
        } else if (have_win && ratio != NULL) {
            ic_unravel(e->shape, e->ndim, i, idx);
            if (nonfinite_honest(c, &g, &w, idx, gv)) {
                ratio[i] = 0.0f;
                continue;
            }
            ratio[i] = 1e30f;
        } else if (ratio != NULL) {
            ratio[i] = 1e30f; /* NaN vs number, inf vs anything else, or exact tolerance */
        }
        bad[i] = 1;
        if (d.nbad++ == 0) {
            d.first = i;
            d.worst = i;
            d.worst_bound = bound;
        } else if (ratio != NULL && ratio[i] > ratio[d.worst]) {
            d.worst = i;
            d.worst_bound = bound;
        } else if (ratio == NULL &&
                   fabs(gv - wv) > fabs(ic_elem(got, dt, d.worst) - ic_elem(want, dt, d.worst))) {
            d.worst = i;
        }
    }
    if (have_win) {
        win_free(&w);
    }
    if (d.nbad == 0) {
        r->verdict = IC_VERDICT_PASS;
        r->exact = 0;
        r->profile_pass = profile_used;
    } else {
        char cause[96], why[600], cands[400];
        d.c = c;
        d.got = got;
        d.bad = bad;
        d.ratio = ratio;
        if (have_win && r->bound == 0.0 && finite_pairs == 0) {
            r->bound = NAN; /* no finite pair was bounded (an all-NaN output, say) */
        }
        cause[0] = why[0] = cands[0] = '\0';
        if (diagnose) {
            ic_cause_values(&d, strict, cause, sizeof cause, why, sizeof why, cands, sizeof cands);
        }
        ic_diagnose_with(&d, why[0] ? why : NULL, msg, sizeof msg);
        ic_result_set(r, IC_VERDICT_FAIL, "values", "%s%s", strict ? "(strict) " : "", msg);
        free(r->cause);
        r->cause = cause[0] ? ic_strdup(cause) : NULL;
        free(r->cause_candidates);
        r->cause_candidates = cands[0] ? ic_strdup(cands) : NULL;
        if (ratio != NULL) {
            ic_heat_fill(&d, r);
        }
    }
    free(bad);
    free(ratio);
}

/* ---- verdicts ----------------------------------------------------------------------------- */

static const char *status_name(int32_t s)
{
    switch (s) {
    case IC_OK:
        return "IC_OK";
    case IC_ERR_VALUE:
        return "IC_ERR_VALUE (ValueError)";
    case IC_ERR_NOT_IMPLEMENTED:
        return "IC_ERR_NOT_IMPLEMENTED (NotImplementedError)";
    case IC_ERR_RUNTIME:
        return "IC_ERR_RUNTIME (RuntimeError)";
    case IC_ERR_TYPE:
        return "IC_ERR_TYPE (TypeError)";
    case IC_ERR_OVERFLOW:
        return "IC_ERR_OVERFLOW (OverflowError)";
    case IC_UNSUPPORTED:
        return "IC_UNSUPPORTED";
    case IC_ERR_INTERNAL:
        return "IC_ERR_INTERNAL";
    default:
        return "an unknown status";
    }
}

static void format_shape(const int64_t *shape, int32_t ndim, char *buf, size_t len)
{
    size_t used = 0;
    int k;

    if (ndim < 0 || ndim > IC_MAX_DIMS) {
        snprintf(buf, len, "(rank %d)", (int)ndim);
        return;
    }
    used += (size_t)snprintf(buf, len, "[");
    for (k = 0; k < ndim && used < len; k++) {
        used +=
            (size_t)snprintf(buf + used, len - used, "%s%lld", k ? "," : "", (long long)shape[k]);
    }
    if (used < len) {
        snprintf(buf + used, len - used, "]");
    }
}

/* A non-OK status of a call torch accepts; returns 1 when it decided the verdict. */
static int value_status(int32_t st, const char *fn, const char *pmsg, ic_case_result *r)
{
    if (st == IC_OK) {
        return 0;
    }
    if (st == IC_UNSUPPORTED) {
        ic_result_set(r, IC_VERDICT_SKIP, "unsupported", "%s returned IC_UNSUPPORTED%s%s", fn,
                      *pmsg ? ": " : "", pmsg);
    } else if (st == IC_ERR_INTERNAL) {
        ic_result_set(r, IC_VERDICT_ERROR, "internal", "%s returned IC_ERR_INTERNAL%s%s", fn,
                      *pmsg ? ": " : "", pmsg);
    } else {
        ic_result_set(r, IC_VERDICT_ERROR, "refused",
                      "%s returned %s for a call torch accepts%s%s", fn, status_name(st),
                      *pmsg ? ": " : "", pmsg);
    }
    return 1;
}

/** The verdict of one case; see score.h. */
static void score_one(const ic_case *c, const ic_bufs *b, const ic_outcome *o, int strict,
                      int diagnose, ic_case_result *r);

/* Frees the heap members of a scratch result (not the result itself). */
static void scratch_free(ic_case_result *t)
{
    free(t->kind);
    free(t->message);
    free(t->heat);
    free(t->cause);
    free(t->cause_candidates);
}

/*
 * The version fingerprint: which oracles the port's result passes against (non-strict) and
 * is exact with. Where the selected oracle refuses the call and oracle k has an output, there
 * is no output buffer to compare: the port matches k when it accepted the call with k's shape.
 */
static void fingerprint(const ic_case *c, const ic_bufs *b, const ic_outcome *o, int strict,
                        ic_case_result *r)
{
    size_t k;

    r->oracle_pass = r->oracle_exact = 0;
    if (r->verdict == IC_VERDICT_SKIP || c->bad != NULL) {
        return;
    }
    for (k = 0; k < c->noracles && k < 32; k++) {
        ic_case alt;
        ic_case_result t;
        if ((int32_t)k == c->oracle && !strict) {
            r->oracle_pass |= r->verdict == IC_VERDICT_PASS ? 1u << k : 0u;
            r->oracle_exact |= r->verdict == IC_VERDICT_PASS && r->exact ? 1u << k : 0u;
            continue;
        }
        if (ic_case_for_oracle(c, k, &alt) != 0) {
            continue;
        }
        if (c->error_cat != 0 && alt.error_cat == 0) {
            int st = o->have_shape && o->shape_status == IC_OK && o->ndim == alt.expected.ndim;
            int d;
            for (d = 0; st && d < o->ndim; d++) {
                st = o->shape[d] == alt.expected.shape[d];
            }
            r->oracle_pass |= st ? 1u << k : 0u;
            continue;
        }
        memset(&t, 0, sizeof t);
        score_one(&alt, b, o, 0, 0, &t); /* a verdict only: no diagnosis */
        r->oracle_pass |= t.verdict == IC_VERDICT_PASS ? 1u << k : 0u;
        r->oracle_exact |= t.verdict == IC_VERDICT_PASS && t.exact ? 1u << k : 0u;
        scratch_free(&t);
    }
}

/** Scores one case against the selected oracle, then fills the version fingerprint. */
void ic_score_case(const ic_case *c, const ic_bufs *b, const ic_outcome *o, int strict,
                   ic_case_result *r)
{
    score_one(c, b, o, strict, 1, r);
    if ((r->verdict == IC_VERDICT_FAIL || r->verdict == IC_VERDICT_ERROR) && r->cause == NULL) {
        const char *why = NULL;
        if (r->kind != NULL &&
            (strcmp(r->kind, "refused") == 0 || strcmp(r->kind, "category") == 0 ||
             strcmp(r->kind, "accepted") == 0)) {
            /* the port answers as another torch release validates? */
            why = ic_cause_status(c, o->have_shape && o->shape_status != IC_OK ? o->shape_status
                                                                               : o->status);
        }
        r->cause = ic_strdup(why != NULL ? why : ic_cause_of_kind(r->kind));
    }
    fingerprint(c, b, o, strict, r);
}

static void score_one(const ic_case *c, const ic_bufs *b, const ic_outcome *o, int strict,
                      int diagnose, ic_case_result *r)
{
    char sig[32], got[160], want[160];
    const char *fk;
    int32_t st;
    int k;

    r->verdict = IC_VERDICT_PASS;
    r->exact = 0;
    r->max_abs_err = r->max_rel_err = r->max_ulp = NAN;
    r->f64_max_abs_err = r->torch_f64_max_abs_err = NAN;
    r->bound_ratio = NAN;
    r->profile_pass = 0;
    r->bound = 0.0;
    r->nan_mismatches = r->inf_mismatches = 0;
    free(r->cause);
    free(r->cause_candidates);
    r->cause = r->cause_candidates = NULL;
    if (c->bad != NULL) {
        ic_result_set(r, IC_VERDICT_ERROR, "bad-vector", "%s", c->bad);
        return;
    }
    if (o->timed_out) {
        ic_result_set(r, IC_VERDICT_ERROR, "timeout", "no result after %.3g s: killed",
                      o->seconds);
        return;
    }
    if (o->have_fault) {
        uintptr_t a = o->fault_addr;
        fk = ic_fault_kind(b, a);
        if (fk != NULL && strncmp(fk, "oob-write", 9) == 0) {
            ic_result_set(r, IC_VERDICT_ERROR, "oob-write",
                          "%s at %p: store at byte offset %lld of the %zu-byte output (%s)",
                          ic_signal_name(o->fault_signo, sig, sizeof sig), (void *)a,
                          (long long)((intptr_t)a - (intptr_t)b->out), b->out_len,
                          fk[9] ? "before its start" : "past its end");
        } else if (fk != NULL && strncmp(fk, "oob-read", 8) == 0) {
            ic_result_set(r, IC_VERDICT_ERROR, "oob-read",
                          "%s at %p: read at byte offset %lld of the %zu-byte input (%s)",
                          ic_signal_name(o->fault_signo, sig, sizeof sig), (void *)a,
                          (long long)((intptr_t)a - (intptr_t)b->in), b->in_len,
                          fk[8] ? "before its start" : "past its end");
        } else if (fk != NULL) {
            ic_result_set(r, IC_VERDICT_ERROR, "input-mutated",
                          "%s at %p: wrote into the read-only input at byte %lld",
                          ic_signal_name(o->fault_signo, sig, sizeof sig), (void *)a,
                          (long long)(a - (uintptr_t)b->in));
        } else {
            ic_result_set(r, IC_VERDICT_ERROR, "crash", "%s at %p (outside the harness buffers)",
                          ic_signal_name(o->fault_signo, sig, sizeof sig), (void *)a);
        }
        return;
    }
    if (o->term_signal != 0) {
        ic_result_set(r, IC_VERDICT_ERROR, "crash", "killed by %s",
                      ic_signal_name(o->term_signal, sig, sizeof sig));
        return;
    }
    if (o->skipped) {
        ic_result_set(r, IC_VERDICT_SKIP, "unsupported", "supports() returned 0");
        return;
    }
    if (!o->have_shape) {
        ic_result_set(r, IC_VERDICT_ERROR, "exited",
                      "the port exited (status %d) inside output_shape without reporting",
                      o->exit_code);
        return;
    }
    if (ic_bufs_input_changed(b, c)) {
        ic_result_set(r, IC_VERDICT_ERROR, "input-mutated", "the input bytes changed");
        return;
    }
    if (c->error_cat != 0) {
        st = o->shape_status;
        if (st == IC_OK) {
            if (!o->have_done) {
                ic_result_set(r, IC_VERDICT_ERROR, "exited",
                              "the port exited (status %d) inside interpolate without reporting",
                              o->exit_code);
                return;
            }
            st = o->status;
        }
        if (st == c->error_cat) {
            r->verdict = IC_VERDICT_PASS;
            r->exact = 1;
        } else if (st == IC_OK) {
            ic_result_set(r, IC_VERDICT_ERROR, "accepted",
                          "a call accepted that torch refuses (torch raises %s)",
                          c->error_class ? c->error_class : "an error");
        } else if (st == IC_UNSUPPORTED) {
            ic_result_set(r, IC_VERDICT_SKIP, "unsupported", "returned IC_UNSUPPORTED");
        } else if (st == IC_ERR_INTERNAL) {
            ic_result_set(r, IC_VERDICT_ERROR, "internal", "returned IC_ERR_INTERNAL%s%s",
                          o->msg[0] ? ": " : "", o->msg);
        } else if (st >= IC_ERR_VALUE && st <= IC_ERR_OVERFLOW) {
            ic_result_set(r, IC_VERDICT_FAIL, "category", "returned %s, torch raises %s",
                          status_name(st), status_name(c->error_cat));
        } else {
            ic_result_set(r, IC_VERDICT_ERROR, "bad-status", "returned unknown status %d",
                          (int)st);
        }
        return;
    }
    if (value_status(o->shape_status, "output_shape", o->msg, r)) {
        return;
    }
    st = o->ndim == c->expected.ndim;
    for (k = 0; st && k < o->ndim; k++) {
        st = o->shape[k] == c->expected.shape[k];
    }
    if (!st) {
        format_shape(o->shape, o->ndim, got, sizeof got);
        format_shape(c->expected.shape, c->expected.ndim, want, sizeof want);
        {
            char cause[96], why[600], cands[400];
            cause[0] = why[0] = cands[0] = '\0';
            if (diagnose) {
                ic_cause_shape(c, o->ndim, o->shape, cause, sizeof cause, why, sizeof why, cands,
                               sizeof cands);
            }
            ic_result_set(r, IC_VERDICT_FAIL, "shape", "output shape got %s want %s%s%s", got,
                          want, why[0] ? "; " : "", why);
            free(r->cause);
            r->cause = cause[0] ? ic_strdup(cause) : NULL;
            free(r->cause_candidates);
            r->cause_candidates = cands[0] ? ic_strdup(cands) : NULL;
        }
        return;
    }
    if (!o->have_done) {
        ic_result_set(r, IC_VERDICT_ERROR, "exited",
                      "the port exited (status %d) inside interpolate without reporting",
                      o->exit_code);
        return;
    }
    if (value_status(o->status, "interpolate", o->msg, r)) {
        return;
    }
    fk = ic_bufs_slack_changed(b);
    if (fk != NULL) {
        ic_result_set(r, IC_VERDICT_ERROR, "oob-write",
                      "wrote before the start of the output (bytes between guard and output "
                      "changed)");
        return;
    }
    score_values(c, b, o, strict, diagnose, r);
}
