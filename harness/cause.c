/* cause.c - what-if re-runs of the reference, and the cause of every non-passing case. */
#define _POSIX_C_SOURCE 200809L
#include "cause.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "icref.h"
#include "score.h"

/* Settings of the program, read by the scorer: the what-ifs on unless --no-whatif, and the
   torch of the run's oracle (enum icr_torch) that they depart from. */
static int whatifs_on = 1;
static int32_t base_torch = ICR_TORCH_1_13;

void ic_cause_set_whatifs(int on)
{
    whatifs_on = on != 0;
}

int ic_cause_set_torch(const char *version)
{
    icr_semantics sem;

    if (icr_semantics_for(version, &sem) != IC_OK) {
        whatifs_on = 0;
        return -1;
    }
    base_torch = sem.torch;
    return 0;
}

/* ---- the what-if table ----------------------------------------------------------------- */

enum {
    WI_SHAPE_ONLY = 1, /* changes only the output shape: tried on FAIL shape */
    WI_STRIDES = 2,    /* the input's strides taken as contiguous */
    WI_FLUSH = 4       /* subnormal inputs and outputs read and written as zero */
};

typedef struct whatif {
    const char *name;
    const char *doc;
    /* Rewrites the call's arguments; 0 when the rewrite does not apply to this call. */
    int (*rewrite)(const ic_case *c, ic_args *a);
    uint32_t bits; /* ICR_WHATIF_* for the reference */
    int32_t torch; /* another torch release, 0 for the vectors' */
    int flags;
    /* For what-ifs without a rewrite: whether the departure can change this call at all. */
    int (*applies)(const ic_case *c);
} whatif;

static int mode_is(const ic_case *c, const char *m)
{
    return c->mode != NULL && strcmp(c->mode, m) == 0;
}

static int mode_linear(const ic_case *c)
{
    return mode_is(c, "linear") || mode_is(c, "bilinear") || mode_is(c, "trilinear");
}

static int mode_weighted(const ic_case *c)
{
    return mode_linear(c) || mode_is(c, "bicubic");
}

static int has_scale(const ic_args *a)
{
    return a->scale_len != IC_NONE;
}

static int rw_scale_recomputed(const ic_case *c, ic_args *a)
{
    if (!has_scale(a) || a->recompute_scale_factor == 1 || mode_is(c, "area")) {
        return 0;
    }
    a->recompute_scale_factor = 1;
    return 1;
}

static int rw_recompute_ignored(const ic_case *c, ic_args *a)
{
    if (!has_scale(a) || a->recompute_scale_factor != 1 || mode_is(c, "area")) {
        return 0;
    }
    a->recompute_scale_factor = 0;
    return 1;
}

static int rw_aa_ac_ignored(const ic_case *c, ic_args *a)
{
    (void)c;
    if (!a->antialias || a->align_corners != 1) {
        return 0;
    }
    a->align_corners = 0;
    return 1;
}

static int rw_ac_flipped(const ic_case *c, ic_args *a)
{
    if (!mode_weighted(c)) {
        return 0;
    }
    a->align_corners = a->align_corners == 1 ? 0 : 1;
    return 1;
}

static int rw_aa_ignored(const ic_case *c, ic_args *a)
{
    (void)c;
    if (!a->antialias) {
        return 0;
    }
    a->antialias = 0;
    return 1;
}

static int rw_aa_applied(const ic_case *c, ic_args *a)
{
    if (a->antialias || c->input.ndim != 4 || !(mode_is(c, "bilinear") || mode_is(c, "bicubic"))) {
        return 0;
    }
    a->antialias = 1;
    return 1;
}

static int rw_area_as_linear(const ic_case *c, ic_args *a)
{
    static const char *const linear[3] = {"linear", "bilinear", "trilinear"};
    int dims = c->input.ndim - 2;

    if (!mode_is(c, "area") || dims < 1 || dims > 3) {
        return 0;
    }
    a->mode = linear[dims - 1];
    a->align_corners = 0;
    return 1;
}

static int rw_nearest_as_exact(const ic_case *c, ic_args *a)
{
    if (!mode_is(c, "nearest")) {
        return 0;
    }
    a->mode = "nearest-exact";
    return 1;
}

static int rw_exact_as_nearest(const ic_case *c, ic_args *a)
{
    if (!mode_is(c, "nearest-exact")) {
        return 0;
    }
    a->mode = "nearest";
    return 1;
}

/* Output size from the scale with another rounding (round half up: how = 0, ceil: 1, round
   half to even: 2, as OpenCV's cvRound); the rewrite is a size call, compared by shape only. */
static int rw_size(const ic_case *c, ic_args *a, int how)
{
    int dims = c->input.ndim - 2, k, differs = 0;

    if (!has_scale(a) || dims < 1 || dims > 3 || (a->scale_len != 0 && a->scale_len != dims)) {
        return 0;
    }
    for (k = 0; k < dims; k++) {
        double s = a->scale_factor[a->scale_len == 0 ? 0 : k];
        double x = (double)c->input.shape[k + 2] * s;
        if (!isfinite(x) || x <= 0.0 || x > 1e9) {
            return 0;
        }
        a->size[k] = (int64_t)(how == 1 ? ceil(x) : how == 2 ? nearbyint(x) : floor(x + 0.5));
        differs |= a->size[k] != (int64_t)floor(x);
    }
    a->size_len = dims;
    a->scale_len = IC_NONE;
    a->recompute_scale_factor = IC_NONE;
    return differs;
}

static int rw_size_rounded(const ic_case *c, ic_args *a)
{
    return rw_size(c, a, 0);
}

static int rw_size_ceiled(const ic_case *c, ic_args *a)
{
    return rw_size(c, a, 1);
}

static int rw_size_half_even(const ic_case *c, ic_args *a)
{
    return rw_size(c, a, 2);
}

static int ap_half_pixel(const ic_case *c)
{
    return (mode_weighted(c) || mode_is(c, "nearest-exact")) && !c->args.antialias &&
           c->args.align_corners != 1;
}

static int ap_nearest(const ic_case *c)
{
    return mode_is(c, "nearest");
}

static int ap_nearest_exact(const ic_case *c)
{
    return mode_is(c, "nearest-exact");
}

static int ap_cubic(const ic_case *c)
{
    return mode_is(c, "bicubic") && !c->args.antialias;
}

static int ap_aa_cubic(const ic_case *c)
{
    return mode_is(c, "bicubic") && c->args.antialias;
}

/* An axis of the same size (factor 1), or for nearest twice as long (factor 2): where the
   same-size shortcuts act. */
static int same_size_axis(const ic_case *c)
{
    int k;

    for (k = 2; k < c->input.ndim && k < c->expected.ndim; k++) {
        if (c->input.shape[k] == c->expected.shape[k] ||
            (mode_is(c, "nearest") && c->expected.shape[k] == 2 * c->input.shape[k])) {
            return 1;
        }
    }
    return 0;
}

static int ap_same_size(const ic_case *c)
{
    return same_size_axis(c) && (mode_is(c, "nearest") || mode_is(c, "nearest-exact"));
}

static int ap_same_size_computed(const ic_case *c)
{
    return same_size_axis(c) && (mode_linear(c) || mode_is(c, "nearest")) && !c->args.antialias;
}

static int ap_aa(const ic_case *c)
{
    return c->args.antialias != 0;
}

static int ap_area(const ic_case *c)
{
    return mode_is(c, "area");
}

static int ap_linear(const ic_case *c)
{
    return mode_linear(c) && !c->args.antialias;
}

static int ap_linear_unclamped(const ic_case *c)
{
    return ap_linear(c) && c->args.align_corners != 1;
}

static int is_float(int32_t dt)
{
    return dt == IC_DTYPE_FLOAT32 || dt == IC_DTYPE_FLOAT64;
}

/* A subnormal anywhere in the input or torch's output. */
static int ap_subnormal(const ic_case *c)
{
    const ic_tdesc *t[2];
    size_t k, i, n, isz;

    t[0] = &c->input;
    t[1] = &c->expected;
    for (k = 0; k < 2; k++) {
        isz = ic_dtype_size(t[k]->dtype);
        if (!is_float(t[k]->dtype) || t[k]->data == NULL || isz == 0) {
            return 0;
        }
        n = (size_t)t[k]->nbytes / isz;
        for (i = 0; i < n; i++) {
            double v = ic_elem(t[k]->data, t[k]->dtype, i);
            if (v != 0.0 && fabs(v) < (t[k]->dtype == IC_DTYPE_FLOAT32 ? FLT_MIN : DBL_MIN)) {
                return 1;
            }
        }
    }
    return 0;
}

/* The input is not contiguous, and contiguous strides stay inside its storage. */
static int ap_strides(const ic_case *c)
{
    const ic_tdesc *in = &c->input;
    int64_t expect = 1;
    int k, differs = 0;

    for (k = in->ndim - 1; k >= 0; k--) {
        differs |= in->shape[k] > 1 && in->strides[k] != expect;
        expect *= in->shape[k];
    }
    return differs && expect * (int64_t)ic_dtype_size(in->dtype) <= in->nbytes;
}

static int ap_not_214(const ic_case *c)
{
    (void)c;
    return base_torch != ICR_TORCH_2_14;
}

static int ap_not_113(const ic_case *c)
{
    (void)c;
    return base_torch != ICR_TORCH_1_13;
}

/* In order of preference when several explain a case equally (after the run-wide choice of
   ic_cause_resolve): the specific before the general (a same-size shortcut before the scale
   it ignores, an index rule before a mode swap), and among the rest the most common in real
   ports first (the scale handed to the kernel explained 40-100% of the failures of nine real
   libraries). */
static const whatif whatifs[] = {
    {"same-size-copied",
     "the port's nearest copies a same-size axis (and halves the index of a 2x axis) in every "
     "layout; torch's NCHW kernel applies the scale (pytorch#62237)",
     NULL, ICR_WHATIF_SAME_SIZE_COPY, 0, 0, ap_same_size},
    {"same-size-computed",
     "the port interpolates a same-size axis where torch copies it (linear identity, "
     "channels-last nearest shortcuts)",
     NULL, ICR_WHATIF_SAME_SIZE_COMPUTED, 0, 0, ap_same_size_computed},
    {"scale-recomputed",
     "the port maps coordinates with in/out, torch with the user's scale_factor (as if "
     "recompute_scale_factor=True)",
     rw_scale_recomputed, 0, 0, 0, NULL},
    {"recompute-ignored",
     "the port hands the user's scale_factor to the kernel although recompute_scale_factor=True",
     rw_recompute_ignored, 0, 0, 0, NULL},
    {"aa-align-corners-ignored", "the port's antialias ignores align_corners=True",
     rw_aa_ac_ignored, 0, 0, 0, NULL},
    {"align-corners-flipped",
     "the port computes with the other align_corners (None/False taken as True or True as False)",
     rw_ac_flipped, 0, 0, 0, NULL},
    {"nearest-index-exact",
     "the port computes the nearest index in exact arithmetic (integers or double), torch in "
     "float (pytorch#62237)",
     NULL, ICR_WHATIF_NEAREST_INDEX_EXACT, 0, 0, ap_nearest},
    {"nearest-round", "the port rounds the nearest source index, torch floors it", NULL,
     ICR_WHATIF_NEAREST_ROUND, 0, 0, ap_nearest},
    {"nearest-exact-as-nearest",
     "the port's 'nearest-exact' is torch's legacy 'nearest' (floor(scale*i), pytorch#64501)",
     rw_exact_as_nearest, 0, 0, 0, NULL},
    {"nearest-as-nearest-exact",
     "the port's 'nearest' is torch's 'nearest-exact' (half-pixel centres, rounded)",
     rw_nearest_as_exact, 0, 0, 0, NULL},
    {"area-as-linear",
     "the port's 'area' is linear interpolation (OpenCV INTER_AREA when enlarging)",
     rw_area_as_linear, 0, 0, 0, NULL},
    {"half-pixel-dropped",
     "the port's source coordinate is scale*i, torch's scale*(i+0.5)-0.5 (half-pixel centres)",
     NULL, ICR_WHATIF_HALF_PIXEL_DROPPED, 0, 0, ap_half_pixel},
    {"nearest-exact-floor",
     "the port floors nearest-exact's half-pixel coordinate, torch rounds it", NULL,
     ICR_WHATIF_NEAREST_EXACT_FLOOR, 0, 0, ap_nearest_exact},
    {"nearest-exact-half-even",
     "the port rounds nearest-exact's coordinate half to even, torch half up", NULL,
     ICR_WHATIF_NEAREST_EXACT_HALF_EVEN, 0, 0, ap_nearest_exact},
    {"antialias-ignored", "the port ignores antialias=True (plain interpolation)", rw_aa_ignored,
     0, 0, 0, NULL},
    {"antialias-applied",
     "the port antialiases where torch was called without antialias (PIL-style resize)",
     rw_aa_applied, 0, 0, 0, NULL},
    {"cubic-a-0.5", "the port's bicubic uses Keys A = -0.5 (PIL), torch -0.75", NULL,
     ICR_WHATIF_CUBIC_A_HALF, 0, 0, ap_cubic},
    {"aa-cubic-a-0.75", "the port's antialias bicubic uses A = -0.75, torch PIL's -0.5", NULL,
     ICR_WHATIF_AA_CUBIC_A_075, 0, 0, ap_aa_cubic},
    {"cubic-zero-pad",
     "the port's bicubic weighs taps outside the input as zero (constant border), torch "
     "replicates the edge",
     NULL, ICR_WHATIF_CUBIC_ZERO_PAD, 0, 0, ap_cubic},
    {"area-end-floor",
     "the port's area windows end at floor((o+1)*in/out), torch's at ceil (adaptive pooling)",
     NULL, ICR_WHATIF_AREA_END_FLOOR, 0, 0, ap_area},
    {"aa-unnormalised",
     "the port's antialias weights are the sampled filter, not divided by their sum", NULL,
     ICR_WHATIF_AA_UNNORMALISED, 0, 0, ap_aa},
    {"linear-unclamped",
     "the port does not clamp a negative linear source coordinate to 0 (extrapolates)", NULL,
     ICR_WHATIF_LINEAR_UNCLAMPED, 0, 0, ap_linear_unclamped},
    {"subnormals-flushed", "the port flushes subnormal numbers to zero (FTZ/DAZ)", NULL, 0, 0,
     WI_FLUSH, ap_subnormal},
    {"strides-ignored",
     "the port reads the input's storage as contiguous NCHW, ignoring its strides (channels-last)",
     NULL, 0, 0, WI_STRIDES, ap_strides},
    {"torch-2.14", "the port follows torch 2.14's semantics, not the oracle's (1.13)", NULL, 0,
     ICR_TORCH_2_14, 0, ap_not_214},
    {"torch-1.13", "the port follows torch 1.13's semantics, not the oracle's (2.14)", NULL, 0,
     ICR_TORCH_1_13, 0, ap_not_113},
    {"size-rounded", "the port rounds the output size in*scale, torch floors it (pytorch#62396)",
     rw_size_rounded, 0, 0, WI_SHAPE_ONLY, NULL},
    {"size-ceiled", "the port rounds the output size in*scale up, torch floors it", rw_size_ceiled,
     0, 0, WI_SHAPE_ONLY, NULL},
    {"size-rounded-half-even",
     "the port rounds the output size in*scale half to even (OpenCV's cvRound), torch floors it",
     rw_size_half_even, 0, 0, WI_SHAPE_ONLY, NULL},
};

#define NWHATIF (sizeof whatifs / sizeof whatifs[0])

size_t ic_whatif_count(void)
{
    return NWHATIF;
}

const char *ic_whatif_name(size_t i)
{
    return i < NWHATIF ? whatifs[i].name : NULL;
}

const char *ic_whatif_doc(size_t i)
{
    return i < NWHATIF ? whatifs[i].doc : NULL;
}

/* One call under a combination of what-ifs: arguments, reference bits, torch, flags. */
typedef struct wi_call {
    ic_args a;
    uint32_t bits;
    int32_t torch;
    int flags;
} wi_call;

/* Adds what-if w to call k; 0 when w does not apply to the case. */
static int wi_add(const ic_case *c, const whatif *w, wi_call *k)
{
    if (w->rewrite != NULL && !w->rewrite(c, &k->a)) {
        return 0;
    }
    if (w->applies != NULL && !w->applies(c)) {
        return 0;
    }
    k->bits |= w->bits;
    if (w->torch != 0) {
        k->torch = w->torch;
    }
    k->flags |= w->flags;
    return 1;
}

static void wi_init(const ic_case *c, wi_call *k)
{
    memset(k, 0, sizeof *k);
    k->a = c->args;
    k->a.mode = c->mode;
}

/* Zero for subnormals, in place over n elements. */
static void flush(void *p, int32_t dt, size_t n)
{
    size_t i;

    if (dt == IC_DTYPE_FLOAT32) {
        float *f = p;
        for (i = 0; i < n; i++) {
            if (f[i] != 0.0f && fabsf(f[i]) < FLT_MIN) {
                f[i] = f[i] < 0 ? -0.0f : 0.0f;
            }
        }
    } else if (dt == IC_DTYPE_FLOAT64) {
        double *d = p;
        for (i = 0; i < n; i++) {
            if (d[i] != 0.0 && fabs(d[i]) < DBL_MIN) {
                d[i] = d[i] < 0 ? -0.0 : 0.0;
            }
        }
    }
}

/* The reference under call k, into out (contiguous, the expected shape), or its shape only
   when out is NULL (into nd, sh). Returns 0, or -1 when the reference refuses the call or the
   shape differs from want_shape (when given). */
static int wi_run(const ic_case *c, const wi_call *k, void *out, int32_t *nd, int64_t *sh)
{
    const ic_tdesc *ti = &c->input, *te = &c->expected;
    icr_semantics sem;
    ic_tensor in, ot;
    void *copy = NULL;
    char msg[160];
    int32_t st, d;
    int64_t stride = 1;
    int j;

    sem.torch = k->torch ? k->torch : base_torch;
    sem.whatif = k->bits;
    memset(&in, 0, sizeof in);
    in.dtype = ti->dtype;
    in.ndim = ti->ndim;
    memcpy(in.shape, ti->shape, sizeof in.shape);
    memcpy(in.strides, ti->strides, sizeof in.strides);
    in.data = (void *)(uintptr_t)ti->data;
    if (k->flags & WI_STRIDES) {
        for (j = in.ndim - 1; j >= 0; j--) {
            in.strides[j] = stride;
            stride *= in.shape[j];
        }
    }
    if (k->flags & WI_FLUSH) {
        copy = malloc(ti->nbytes > 0 ? (size_t)ti->nbytes : 1);
        if (copy == NULL) {
            return -1;
        }
        memcpy(copy, ti->data, (size_t)ti->nbytes);
        flush(copy, ti->dtype, (size_t)ti->nbytes / ic_dtype_size(ti->dtype));
        in.data = copy;
    }
    st = icr_output_shape_ex(&sem, &in, &k->a, nd, sh, msg, sizeof msg);
    if (st != IC_OK || out == NULL) {
        free(copy);
        return st == IC_OK ? 0 : -1;
    }
    if (*nd != te->ndim) {
        free(copy);
        return -1;
    }
    for (d = 0; d < *nd; d++) {
        if (sh[d] != te->shape[d]) {
            free(copy);
            return -1;
        }
    }
    memset(&ot, 0, sizeof ot);
    ot.dtype = te->dtype;
    ot.ndim = te->ndim;
    memcpy(ot.shape, te->shape, sizeof ot.shape);
    for (j = ot.ndim - 1, stride = 1; j >= 0; j--) {
        ot.strides[j] = stride;
        stride *= ot.shape[j];
    }
    ot.data = out;
    st = icr_interpolate_ex(&sem, &in, &k->a, &ot, msg, sizeof msg);
    free(copy);
    if (st != IC_OK) {
        return -1;
    }
    if (k->flags & WI_FLUSH) {
        flush(out, te->dtype, (size_t)te->numel);
    }
    return 0;
}

/* Element i of x and y agree: bit for bit (NaN matches NaN) when bounds is NULL (exact and
   --strict scoring, where -0 and 0 differ), else within bounds[i] (an infinity matches only
   itself). */
static int agree(const void *x, const void *y, size_t i, int32_t dt, const double *bounds)
{
    size_t isz = ic_dtype_size(dt);
    double g, w;

    if (memcmp((const char *)x + i * isz, (const char *)y + i * isz, isz) == 0) {
        return 1;
    }
    g = ic_elem(x, dt, i);
    w = ic_elem(y, dt, i);
    if (g != g || w != w) {
        return g != g && w != w;
    }
    if (bounds == NULL || !isfinite(g) || !isfinite(w)) {
        return 0;
    }
    return fabs(g - w) <= bounds[i];
}

/* The port's output matches the what-if's everywhere, and the what-if explains the failure:
   on at least half of the port's wrong elements it is outside torch's tolerance itself. */
static int explains(const ic_diag_in *d, const void *wi, const double *bounds)
{
    const ic_tdesc *e = &d->c->expected;
    size_t n = (size_t)e->numel, i, away = 0;
    int32_t dt = e->dtype;

    for (i = 0; i < n; i++) {
        if (!agree(d->got, wi, i, dt, bounds)) {
            return 0;
        }
    }
    for (i = 0; i < n; i++) {
        if (d->bad[i]) {
            away += !agree(wi, e->data, i, dt, bounds);
        }
    }
    return away * 2 >= d->nbad;
}

/* At most this many single what-ifs are paired up (the pairs grow quadratically). */
#define IC_PAIR_MAX 12

/* Writes "cause: NAME: doc" and, with other candidates, "(also consistent with: ...)". */
static void why_line(size_t w, const char *cands, char *why, size_t wlen)
{
    size_t used = (size_t)snprintf(why, wlen, "cause: %s: %s", whatifs[w].name, whatifs[w].doc);
    const char *p = cands;
    int first = 1;

    while (p != NULL && *p != '\0' && used < wlen) {
        size_t l = strcspn(p, " ");
        if (l != strlen(whatifs[w].name) || strncmp(p, whatifs[w].name, l) != 0) {
            used += (size_t)snprintf(why + used, wlen - used, "%s%.*s",
                                     first ? " (also consistent with: " : ", ", (int)l, p);
            first = 0;
        }
        p += l;
        p += *p == ' ';
    }
    if (!first && used < wlen) {
        snprintf(why + used, wlen - used, ")");
    }
}

static size_t whatif_index(const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < NWHATIF; i++) {
        if (strlen(whatifs[i].name) == len && strncmp(whatifs[i].name, name, len) == 0) {
            return i;
        }
    }
    return NWHATIF;
}

/** See cause.h. */
void ic_cause_values(const ic_diag_in *d, int strict, char *cause, size_t clen, char *why,
                     size_t wlen, char *cands, size_t cnlen)
{
    const ic_case *c = d->c;
    const ic_tdesc *e = &c->expected;
    size_t n = (size_t)e->numel, isz = ic_dtype_size(e->dtype), i, j, nap = 0, nmatch = 0;
    size_t ap[NWHATIF], match[NWHATIF], used = 0;
    double *bounds = ic_case_bounds(c);
    const double *match_bounds = strict ? NULL : bounds;
    void *wi = NULL;
    const char *pattern;
    char hb[240];
    int32_t nd;
    int64_t sh[IC_MAX_DIMS];

    why[0] = '\0';
    cands[0] = '\0';
    if (whatifs_on && c->input.data != NULL && n > 0 && isz > 0) {
        wi = malloc(n * isz);
    }
    /* every single what-if: the first that explains the case is its cause, the others are
       kept as candidates for the run-wide choice (ic_cause_resolve) */
    for (i = 0; wi != NULL && i < NWHATIF; i++) {
        wi_call k;
        if (whatifs[i].flags & WI_SHAPE_ONLY) {
            continue;
        }
        wi_init(c, &k);
        if (!wi_add(c, &whatifs[i], &k) || wi_run(c, &k, wi, &nd, sh) != 0) {
            continue;
        }
        if (memcmp(wi, e->data, n * isz) == 0) {
            continue; /* torch's own output: no departure here */
        }
        ap[nap++] = i;
        if (explains(d, wi, match_bounds)) {
            match[nmatch++] = i;
        }
    }
    if (nmatch > 0) {
        snprintf(cause, clen, "%s", whatifs[match[0]].name);
        for (j = 0; nmatch > 1 && j < nmatch && used < cnlen; j++) {
            used += (size_t)snprintf(cands + used, cnlen - used, "%s%s", j ? " " : "",
                                     whatifs[match[j]].name);
        }
        why_line(match[0], cands, why, wlen);
        goto done;
    }
    for (i = 0; wi != NULL && i < nap && i < IC_PAIR_MAX; i++) {
        for (j = i + 1; j < nap && j < IC_PAIR_MAX; j++) {
            const whatif *a = &whatifs[ap[i]], *b = &whatifs[ap[j]];
            wi_call k;
            wi_init(c, &k);
            if (!wi_add(c, a, &k) || !wi_add(c, b, &k) || wi_run(c, &k, wi, &nd, sh) != 0) {
                continue;
            }
            if (explains(d, wi, match_bounds)) {
                snprintf(cause, clen, "%s+%s", a->name, b->name);
                snprintf(why, wlen, "cause: %s+%s: %s; and %s", a->name, b->name, a->doc, b->doc);
                goto done;
            }
        }
    }
    /* A --strict failure that the tolerance would pass: rounding, not semantics. */
    if (strict && bounds != NULL) {
        int within = 1;
        for (i = 0; i < n && within; i++) {
            within = agree(d->got, e->data, i, e->dtype, bounds);
        }
        if (within) {
            snprintf(cause, clen, "rounding");
            snprintf(why, wlen,
                     "cause: rounding: not torch's bits, but inside the tolerance "
                     "(evaluation order, accumulation width, FMA)");
            goto done;
        }
    }
    if (ic_diag_pattern(d, hb, sizeof hb, &pattern) != NULL && pattern != NULL) {
        snprintf(cause, clen, "%s", pattern);
    } else {
        snprintf(cause, clen, "unexplained");
    }
done:
    free(wi);
    free(bounds);
}

/** See cause.h. */
void ic_cause_resolve(ic_case_result *results, size_t n)
{
    size_t support[NWHATIF], i, w;

    memset(support, 0, sizeof support);
    for (i = 0; i < n; i++) {
        const char *p = results[i].cause_candidates;
        if (p == NULL) {
            w = results[i].cause ? whatif_index(results[i].cause, strlen(results[i].cause))
                                 : NWHATIF;
            support[w < NWHATIF ? w : 0] += w < NWHATIF;
            continue;
        }
        while (*p != '\0') {
            size_t l = strcspn(p, " ");
            w = whatif_index(p, l);
            if (w < NWHATIF) {
                support[w]++;
            }
            p += l;
            p += *p == ' ';
        }
    }
    for (i = 0; i < n; i++) {
        ic_case_result *r = &results[i];
        const char *p = r->cause_candidates;
        size_t best = NWHATIF, cur;
        char why[600], *tail, *msg;
        if (p == NULL || r->cause == NULL) {
            continue;
        }
        while (*p != '\0') {
            size_t l = strcspn(p, " ");
            w = whatif_index(p, l);
            if (w < NWHATIF && (best == NWHATIF || support[w] > support[best])) {
                best = w;
            }
            p += l;
            p += *p == ' ';
        }
        cur = whatif_index(r->cause, strlen(r->cause));
        if (best == NWHATIF || best == cur) {
            continue;
        }
        free(r->cause);
        r->cause = ic_strdup(whatifs[best].name);
        why_line(best, r->cause_candidates, why, sizeof why);
        tail = r->message != NULL ? strstr(r->message, "cause: ") : NULL;
        if (tail != NULL) {
            size_t keep = (size_t)(tail - r->message), len = keep + strlen(why) + 1;
            msg = malloc(len);
            if (msg != NULL) {
                memcpy(msg, r->message, keep);
                memcpy(msg + keep, why, strlen(why) + 1);
                free(r->message);
                r->message = msg;
            }
        }
    }
}

/** See cause.h. */
void ic_cause_shape(const ic_case *c, int32_t ndim, const int64_t *shape, char *cause, size_t clen,
                    char *why, size_t wlen, char *cands, size_t cnlen)
{
    size_t i, nmatch = 0, match[NWHATIF], used = 0;
    int32_t nd;
    int64_t sh[IC_MAX_DIMS];
    int k;

    why[0] = '\0';
    cands[0] = '\0';
    for (i = 0; whatifs_on && c->input.data != NULL && i < NWHATIF; i++) {
        wi_call w;
        int same;
        wi_init(c, &w);
        if (!wi_add(c, &whatifs[i], &w) || wi_run(c, &w, NULL, &nd, sh) != 0 || nd != ndim) {
            continue;
        }
        same = 1;
        for (k = 0; k < nd && same; k++) {
            same = sh[k] == shape[k];
        }
        if (same) {
            match[nmatch++] = i;
        }
    }
    if (nmatch == 0) {
        snprintf(cause, clen, "wrong-shape");
        return;
    }
    snprintf(cause, clen, "%s", whatifs[match[0]].name);
    for (i = 0; nmatch > 1 && i < nmatch && used < cnlen; i++) {
        used += (size_t)snprintf(cands + used, cnlen - used, "%s%s", i ? " " : "",
                                 whatifs[match[i]].name);
    }
    why_line(match[0], cands, why, wlen);
}

/** See cause.h. */
const char *ic_cause_status(const ic_case *c, int32_t port_status)
{
    size_t i;
    int32_t nd;
    int64_t sh[IC_MAX_DIMS];

    for (i = 0; whatifs_on && i < NWHATIF; i++) {
        wi_call k;
        icr_semantics sem;
        ic_tensor in;
        char msg[160];
        if (whatifs[i].torch == 0) {
            continue; /* only another torch release changes which calls are refused */
        }
        wi_init(c, &k);
        if (!wi_add(c, &whatifs[i], &k)) {
            continue;
        }
        memset(&in, 0, sizeof in);
        in.dtype = c->input.dtype;
        in.ndim = c->input.ndim;
        memcpy(in.shape, c->input.shape, sizeof in.shape);
        memcpy(in.strides, c->input.strides, sizeof in.strides);
        in.data = (void *)(uintptr_t)c->input.data;
        sem.torch = k.torch;
        sem.whatif = 0;
        if (icr_output_shape_ex(&sem, &in, &k.a, &nd, sh, msg, sizeof msg) == port_status) {
            return whatifs[i].name;
        }
    }
    return NULL;
}

/** See cause.h. */
const char *ic_cause_of_kind(const char *kind)
{
    if (kind == NULL) {
        return "unexplained";
    }
    if (strcmp(kind, "category") == 0) {
        return "error-category";
    }
    if (strcmp(kind, "unwritten") == 0) {
        return "sentinel";
    }
    if (strcmp(kind, "values") == 0) {
        return "unexplained";
    }
    return kind;
}
