/* manifest.c - parses vectors/manifest.json (FORMAT.md v1 and v2) with cJSON, defensively. */
#define _GNU_SOURCE
#include "manifest.h"
#include "vector_check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <cjson/cJSON.h>

#include "blob.h"
#include "results.h"

/* Largest dimension / stride accepted from a manifest before the byte arithmetic even starts. */
#define IC_MAX_EXTENT ((int64_t)1 << 40)

static const struct {
    const char *name;
    int32_t dtype;
    size_t size;
} dtypes[] = {
    {"float32", IC_DTYPE_FLOAT32, 4}, {"float64", IC_DTYPE_FLOAT64, 8},
    {"uint8", IC_DTYPE_UINT8, 1},     {"int32", IC_DTYPE_INT32, 4},
    {"float16", IC_DTYPE_FLOAT16, 2}, {"bfloat16", IC_DTYPE_BFLOAT16, 2},
};

/** Element size of a dtype, 0 when unknown. */
size_t ic_dtype_size(int32_t dtype)
{
    size_t i;

    for (i = 0; i < sizeof dtypes / sizeof dtypes[0]; i++) {
        if (dtypes[i].dtype == dtype) {
            return dtypes[i].size;
        }
    }
    return 0;
}

/** Manifest spelling of a dtype. */
const char *ic_dtype_name(int32_t dtype)
{
    size_t i;

    for (i = 0; i < sizeof dtypes / sizeof dtypes[0]; i++) {
        if (dtypes[i].dtype == dtype) {
            return dtypes[i].name;
        }
    }
    return "?";
}

/* Marks a case bad with the first problem found (later ones are dropped: one line each). */
static void set_bad(ic_case *c, const char *file, const char *fmt, ...)
{
    char buf[400];
    char line[600];
    va_list ap;

    if (c->bad != NULL) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    snprintf(line, sizeof line, "%s: case %s: %s", file, c->id ? c->id : "?", buf);
    c->bad = ic_strdup(line);
}

/* Overflow-checked a*b and a+b on non-negative int64. */
static int mul_ok(int64_t a, int64_t b, int64_t *r)
{
    if (a != 0 && b > INT64_MAX / a) {
        return 0;
    }
    *r = a * b;
    return 1;
}

static int add_ok(int64_t a, int64_t b, int64_t *r)
{
    if (a > INT64_MAX - b) {
        return 0;
    }
    *r = a + b;
    return 1;
}

/** Validates a tensor description with overflow-checked arithmetic; sets numel. */
int ic_tdesc_check(ic_tdesc *t, char *msg, size_t msg_len)
{
    size_t isz = ic_dtype_size(t->dtype);
    int64_t numel = 1, span = 0, bytes = 0, term;
    int k;

    if (isz == 0) {
        snprintf(msg, msg_len, "dtype: unknown");
        return -1;
    }
    if (t->ndim < 0 || t->ndim > IC_MAX_DIMS) {
        snprintf(msg, msg_len, "shape: rank %d outside 0..%d", (int)t->ndim, IC_MAX_DIMS);
        return -1;
    }
    for (k = 0; k < t->ndim; k++) {
        if (t->shape[k] < 0 || t->shape[k] > IC_MAX_EXTENT) {
            snprintf(msg, msg_len, "shape[%d]: %lld out of range", k, (long long)t->shape[k]);
            return -1;
        }
        if (t->strides[k] < 0 || t->strides[k] > IC_MAX_EXTENT) {
            snprintf(msg, msg_len, "strides[%d]: %lld out of range", k, (long long)t->strides[k]);
            return -1;
        }
        if (!mul_ok(numel, t->shape[k], &numel)) {
            snprintf(msg, msg_len, "shape: element count overflows");
            return -1;
        }
    }
    if (numel > 0) {
        for (k = 0; k < t->ndim; k++) {
            if (!mul_ok(t->shape[k] - 1, t->strides[k], &term) || !add_ok(span, term, &span)) {
                snprintf(msg, msg_len, "strides: storage span overflows");
                return -1;
            }
        }
        if (!add_ok(span, 1, &span) || !mul_ok(span, (int64_t)isz, &bytes)) {
            snprintf(msg, msg_len, "strides: storage size overflows");
            return -1;
        }
        if (!mul_ok(numel, (int64_t)isz, &term) || term > IC_MAX_TENSOR_BYTES) {
            snprintf(msg, msg_len, "shape: %lld elements, over the %lld-byte cap",
                     (long long)numel, (long long)IC_MAX_TENSOR_BYTES);
            return -1;
        }
    }
    if (bytes > IC_MAX_TENSOR_BYTES) {
        snprintf(msg, msg_len, "nbytes: %lld bytes, over the cap", (long long)bytes);
        return -1;
    }
    if (t->nbytes != bytes) {
        snprintf(msg, msg_len, "nbytes: %lld but shape/strides/dtype need %lld",
                 (long long)t->nbytes, (long long)bytes);
        return -1;
    }
    t->numel = numel;
    return 0;
}

/* Reads a JSON number that must be an integer in [lo, hi]. */
static int get_int(const cJSON *j, int64_t lo, int64_t hi, int64_t *out)
{
    double d;

    if (!cJSON_IsNumber(j)) {
        return -1;
    }
    d = j->valuedouble;
    if (!(d == floor(d)) || d < (double)lo || d > (double)hi) {
        return -1;
    }
    *out = (int64_t)d;
    return 0;
}

static int32_t dtype_from(const cJSON *j)
{
    size_t i;

    if (!cJSON_IsString(j)) {
        return -1;
    }
    for (i = 0; i < sizeof dtypes / sizeof dtypes[0]; i++) {
        if (strcmp(j->valuestring, dtypes[i].name) == 0) {
            return dtypes[i].dtype;
        }
    }
    return 0;
}

/* Parses an int list (shape/strides) of at most IC_MAX_DIMS entries; returns its length. */
static int get_dims(const cJSON *j, int64_t *out)
{
    const cJSON *e;
    int n = 0;

    if (!cJSON_IsArray(j)) {
        return -1;
    }
    cJSON_ArrayForEach (e, j) {
        if (n >= IC_MAX_DIMS || get_int(e, 0, IC_MAX_EXTENT, &out[n]) != 0) {
            return -1;
        }
        n++;
    }
    return n;
}

/* Parses input/expected. is_input: strides + layout required. Returns 0 or sets bad. */
static int parse_tensor(const cJSON *j, const char *what, int is_input, ic_tdesc *t, ic_case *c,
                        const char *file)
{
    const cJSON *f;
    int n;
    int64_t nb;
    char why[200];

    memset(t, 0, sizeof *t);
    if (!cJSON_IsObject(j)) {
        set_bad(c, file, "field %s: missing or not an object", what);
        return -1;
    }
    t->dtype = dtype_from(cJSON_GetObjectItemCaseSensitive(j, "dtype"));
    if (t->dtype <= 0) {
        set_bad(c, file, "field %s.dtype: %s", what, t->dtype < 0 ? "missing" : "unknown");
        return -1;
    }
    n = get_dims(cJSON_GetObjectItemCaseSensitive(j, "shape"), t->shape);
    if (n < 0) {
        set_bad(c, file, "field %s.shape: missing, too long or not non-negative integers", what);
        return -1;
    }
    t->ndim = n;
    f = cJSON_GetObjectItemCaseSensitive(j, "strides");
    if (f != NULL && !cJSON_IsNull(f)) {
        if (get_dims(f, t->strides) != n) {
            set_bad(c, file, "field %s.strides: not %d non-negative integers", what, n);
            return -1;
        }
    } else if (is_input) {
        set_bad(c, file, "field %s.strides: missing", what);
        return -1;
    } else {
        int64_t s = 1;
        int k;
        for (k = n - 1; k >= 0; k--) {
            t->strides[k] = s;
            s = t->shape[k] > 0 && s <= IC_MAX_EXTENT ? s * t->shape[k] : s;
        }
    }
    t->layout = IC_LAYOUT_CONTIGUOUS;
    if (is_input) {
        f = cJSON_GetObjectItemCaseSensitive(j, "layout");
        if (!cJSON_IsString(f)) {
            set_bad(c, file, "field %s.layout: missing or not a string", what);
            return -1;
        }
        if (strcmp(f->valuestring, "contiguous") == 0) {
            t->layout = IC_LAYOUT_CONTIGUOUS;
        } else if (strcmp(f->valuestring, "channels_last") == 0) {
            t->layout = IC_LAYOUT_CHANNELS_LAST;
        } else if (strcmp(f->valuestring, "strided") == 0) {
            t->layout = IC_LAYOUT_STRIDED;
        } else {
            set_bad(c, file, "field %s.layout: unknown value", what);
            return -1;
        }
    }
    f = cJSON_GetObjectItemCaseSensitive(j, "blob");
    if (!cJSON_IsString(f) || !ic_is_sha256_hex(f->valuestring)) {
        set_bad(c, file, "field %s.blob: missing or not a lowercase sha256", what);
        return -1;
    }
    memcpy(t->blob, f->valuestring, 65);
    if (get_int(cJSON_GetObjectItemCaseSensitive(j, "nbytes"), 0, INT64_MAX / 2, &nb) != 0) {
        set_bad(c, file, "field %s.nbytes: missing or not a non-negative integer", what);
        return -1;
    }
    t->nbytes = nb;
    if (ic_tdesc_check(t, why, sizeof why) != 0) {
        set_bad(c, file, "field %s.%s", what, why);
        return -1;
    }
    return 0;
}

/* Tri-state: null/absent -> IC_NONE, false -> 0, true -> 1; -2 on a wrong type. */
static int32_t tri(const cJSON *j)
{
    if (j == NULL || cJSON_IsNull(j)) {
        return IC_NONE;
    }
    if (cJSON_IsBool(j)) {
        return cJSON_IsTrue(j) ? 1 : 0;
    }
    return -2;
}

/* A size element: an int (or a float when size_is_float), clamped into int64. */
static int size_elem(const cJSON *j, int64_t *out)
{
    double d;

    if (!cJSON_IsNumber(j)) {
        return -1;
    }
    d = j->valuedouble;
    if (d != d) {
        return -1;
    }
    if (d >= 9.2e18) {
        *out = INT64_MAX;
    } else if (d <= -9.2e18) {
        *out = INT64_MIN;
    } else {
        *out = (int64_t)d; /* truncates a float size; torch raises TypeError for it anyway */
    }
    return 0;
}

/* A scale element: a number, or "nan" / "inf" / "-inf" (FORMAT.md). */
static int scale_elem(const cJSON *j, double *out)
{
    if (cJSON_IsNumber(j)) {
        *out = j->valuedouble;
        return 0;
    }
    if (cJSON_IsString(j)) {
        if (strcmp(j->valuestring, "nan") == 0) {
            *out = NAN;
        } else if (strcmp(j->valuestring, "inf") == 0) {
            *out = INFINITY;
        } else if (strcmp(j->valuestring, "-inf") == 0) {
            *out = -INFINITY;
        } else {
            return -1;
        }
        return 0;
    }
    return -1;
}

static int parse_call(const cJSON *call, ic_case *c, const char *file)
{
    const cJSON *f, *e;
    int32_t v;
    int n;

    if (!cJSON_IsObject(call)) {
        set_bad(c, file, "field call: missing or not an object");
        return -1;
    }
    f = cJSON_GetObjectItemCaseSensitive(call, "mode");
    if (!cJSON_IsString(f)) {
        set_bad(c, file, "field call.mode: missing or not a string");
        return -1;
    }
    c->mode = ic_strdup(f->valuestring);
    if (c->mode == NULL) {
        set_bad(c, file, "field call.mode: out of memory");
        return -1;
    }
    c->args.mode = c->mode;
    /* size: null | int | [int...] ; size_len IC_NONE / 0 / k (ic_port.h) */
    f = cJSON_GetObjectItemCaseSensitive(call, "size");
    if (f == NULL || cJSON_IsNull(f)) {
        c->args.size_len = IC_NONE;
    } else if (cJSON_IsNumber(f)) {
        c->args.size_len = 0;
        if (size_elem(f, &c->args.size[0]) != 0) {
            set_bad(c, file, "field call.size: not a number");
            return -1;
        }
    } else if (cJSON_IsArray(f)) {
        n = 0;
        cJSON_ArrayForEach (e, f) {
            if (n >= IC_MAX_DIMS || size_elem(e, &c->args.size[n]) != 0) {
                set_bad(c, file, "field call.size: more than %d or non-numeric elements",
                        IC_MAX_DIMS);
                return -1;
            }
            n++;
        }
        c->args.size_len = n;
    } else {
        set_bad(c, file, "field call.size: wrong type");
        return -1;
    }
    f = cJSON_GetObjectItemCaseSensitive(call, "scale_factor");
    if (f == NULL || cJSON_IsNull(f)) {
        c->args.scale_len = IC_NONE;
    } else if (cJSON_IsNumber(f) || cJSON_IsString(f)) {
        c->args.scale_len = 0;
        if (scale_elem(f, &c->args.scale_factor[0]) != 0) {
            set_bad(c, file, "field call.scale_factor: not a number or nan/inf/-inf");
            return -1;
        }
    } else if (cJSON_IsArray(f)) {
        n = 0;
        cJSON_ArrayForEach (e, f) {
            if (n >= IC_MAX_DIMS || scale_elem(e, &c->args.scale_factor[n]) != 0) {
                set_bad(c, file, "field call.scale_factor: more than %d or bad elements",
                        IC_MAX_DIMS);
                return -1;
            }
            n++;
        }
        c->args.scale_len = n;
    } else {
        set_bad(c, file, "field call.scale_factor: wrong type");
        return -1;
    }
    v = tri(cJSON_GetObjectItemCaseSensitive(call, "align_corners"));
    if (v == -2) {
        set_bad(c, file, "field call.align_corners: not null/true/false");
        return -1;
    }
    c->args.align_corners = v;
    v = tri(cJSON_GetObjectItemCaseSensitive(call, "recompute_scale_factor"));
    if (v == -2) {
        set_bad(c, file, "field call.recompute_scale_factor: not null/true/false");
        return -1;
    }
    c->args.recompute_scale_factor = v;
    v = tri(cJSON_GetObjectItemCaseSensitive(call, "antialias"));
    if (v == -2) {
        set_bad(c, file, "field call.antialias: not true/false");
        return -1;
    }
    c->args.antialias = v == 1;
    v = tri(cJSON_GetObjectItemCaseSensitive(call, "size_is_float"));
    if (v == -2) {
        set_bad(c, file, "field call.size_is_float: not true/false");
        return -1;
    }
    c->args.size_is_float = v == 1;
    return 0;
}

static const struct {
    const char *name;
    int32_t status;
} categories[] = {
    {"value", IC_ERR_VALUE},       {"not_implemented", IC_ERR_NOT_IMPLEMENTED},
    {"runtime", IC_ERR_RUNTIME},   {"type", IC_ERR_TYPE},
    {"overflow", IC_ERR_OVERFLOW},
};

static int id_ok(const char *s)
{
    if (*s == '\0') {
        return 0;
    }
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' ||
              *s == '-')) {
            return 0;
        }
    }
    return 1;
}

static void parse_outcome(const cJSON *j, const char *what, ic_expect *x, ic_case *c,
                          const char *file);

/* The case's outcome fields (those the scorer reads) from one oracle's outcome (shallow). */
static void set_outcome(ic_case *c, const ic_expect *x)
{
    c->has_expected = x->has_expected;
    c->expected = x->expected;
    c->alts = x->alts;
    c->nalts = x->nalts;
    c->has_f64 = x->has_f64;
    c->f64 = x->f64;
    c->error_cat = x->error_cat;
    c->error_class = x->error_class;
}

static void parse_case(const cJSON *j, size_t index, const ic_manifest *m, ic_case *c,
                       const char *file)
{
    const cJSON *f, *e;
    size_t n;
    char fallback[64];
    int tol_bad = 0;
    ic_expect *sel;

    memset(c, 0, sizeof *c);
    c->args.size_len = IC_NONE;
    c->args.scale_len = IC_NONE;
    c->args.align_corners = IC_NONE;
    c->args.recompute_scale_factor = IC_NONE;
    f = cJSON_GetObjectItemCaseSensitive(j, "id");
    if (cJSON_IsString(f) && id_ok(f->valuestring)) {
        c->id = ic_strdup(f->valuestring);
    } else {
        snprintf(fallback, sizeof fallback, "case#%zu", index);
        c->id = ic_strdup(fallback);
        set_bad(c, file, "field id: missing or not [a-z0-9_.-]+");
    }
    if (c->id == NULL) {
        return;
    }
    if (!cJSON_IsObject(j)) {
        set_bad(c, file, "not an object");
        return;
    }
    f = cJSON_GetObjectItemCaseSensitive(j, "tags");
    if (!cJSON_IsArray(f)) {
        set_bad(c, file, "field tags: missing or not a list");
    } else {
        n = (size_t)cJSON_GetArraySize(f);
        c->tags = calloc(n ? n : 1, sizeof *c->tags);
        cJSON_ArrayForEach (e, f) {
            if (c->tags == NULL) {
                break;
            }
            if (!cJSON_IsString(e)) {
                set_bad(c, file, "field tags: element not a string");
                break;
            }
            c->tags[c->ntags] = ic_strdup(e->valuestring);
            if (c->tags[c->ntags] != NULL) {
                c->ntags++;
            }
        }
    }
    parse_call(cJSON_GetObjectItemCaseSensitive(j, "call"), c, file);
    parse_tensor(cJSON_GetObjectItemCaseSensitive(j, "input"), "input", 1, &c->input, c, file);
    f = cJSON_GetObjectItemCaseSensitive(j, "tolerance");
    if (cJSON_IsString(f) && strcmp(f->valuestring, "float") == 0) {
        c->tol_float = 1;
    } else if (cJSON_IsString(f) && strcmp(f->valuestring, "exact") == 0) {
        c->tol_float = 0;
    } else {
        tol_bad = 1; /* an error only when some oracle has an output (below) */
    }
    c->noracles = m->noracles;
    c->oracle = m->oracle;
    if (m->format_version == 1) {
        /* Version 1: the case object itself is the one oracle's outcome. */
        parse_outcome(j, "", &c->others[0], c, file);
    } else {
        const cJSON *outs = cJSON_GetObjectItemCaseSensitive(j, "outcomes");
        size_t k;
        if (!cJSON_IsObject(outs)) {
            set_bad(c, file, "field outcomes: missing or not an object");
        }
        for (k = 0; k < m->noracles && c->bad == NULL; k++) {
            char what[64];
            const cJSON *o = cJSON_GetObjectItemCaseSensitive(outs, m->oracles[k].name);
            snprintf(what, sizeof what, "outcomes.%s.", m->oracles[k].name);
            if (!cJSON_IsObject(o)) {
                set_bad(c, file, "field outcomes.%s: missing or not an object",
                        m->oracles[k].name);
                break;
            }
            parse_outcome(o, what, &c->others[k], c, file);
        }
    }
    {
        size_t k;
        for (k = 0; k < c->noracles; k++) {
            if (c->others[k].present && c->others[k].error_cat == 0 && tol_bad) {
                set_bad(c, file, "field tolerance: not \"exact\" or \"float\"");
            }
        }
    }
    /* The selected oracle's outcome moves into the case's own fields. */
    sel = &c->others[c->oracle];
    set_outcome(c, sel);
    memset(sel, 0, sizeof *sel);
}

/* Parses one oracle's outcome (FORMAT.md "Outcome object") into x; `what` prefixes the field
   names in messages ("" for version 1, "outcomes.2.14." for version 2). Sets bad on error. */
static void parse_outcome(const cJSON *j, const char *what, ic_expect *x, ic_case *c,
                          const char *file)
{
    const cJSON *f, *e;
    size_t n;
    char field[96];

    memset(x, 0, sizeof *x);
    x->present = 1;
    f = cJSON_GetObjectItemCaseSensitive(j, "error");
    if (f != NULL && !cJSON_IsNull(f)) {
        const cJSON *cat = cJSON_GetObjectItemCaseSensitive(f, "category");
        const cJSON *cls = cJSON_GetObjectItemCaseSensitive(f, "class");
        size_t k;
        if (!cJSON_IsObject(f) || !cJSON_IsString(cat)) {
            set_bad(c, file, "field %serror.category: missing or not a string", what);
            return;
        }
        for (k = 0; k < sizeof categories / sizeof categories[0]; k++) {
            if (strcmp(cat->valuestring, categories[k].name) == 0) {
                x->error_cat = categories[k].status;
            }
        }
        if (x->error_cat == 0) {
            set_bad(c, file, "field %serror.category: unknown value", what);
            x->error_cat = IC_ERR_RUNTIME; /* keeps "error case" meaning for the free path */
        }
        x->error_class = ic_strdup(cJSON_IsString(cls) ? cls->valuestring : cat->valuestring);
        return;
    }
    if (c->bad != NULL) {
        return;
    }
    snprintf(field, sizeof field, "%sexpected", what);
    if (parse_tensor(cJSON_GetObjectItemCaseSensitive(j, "expected"), field, 0, &x->expected, c,
                     file) != 0) {
        return;
    }
    x->has_expected = 1;
    {
        char why[300];
        if (ic_case_contradiction(c, &x->expected, why, sizeof why) != NULL) {
            /* "field expected.shape[2]: ..." -> "field outcomes.2.14.expected.shape[2]: ..." */
            int f6 = strncmp(why, "field ", 6) == 0;
            set_bad(c, file, "%s%s%s", f6 ? "field " : "", what, f6 ? why + 6 : why);
            return;
        }
    }
    f = cJSON_GetObjectItemCaseSensitive(j, "alternatives");
    if (f != NULL && !cJSON_IsNull(f)) {
        if (!cJSON_IsArray(f)) {
            set_bad(c, file, "field %salternatives: not a list", what);
            return;
        }
        n = (size_t)cJSON_GetArraySize(f);
        x->alts = calloc(n ? n : 1, sizeof *x->alts);
        if (x->alts == NULL) {
            set_bad(c, file, "field %salternatives: out of memory", what);
            return;
        }
        cJSON_ArrayForEach (e, f) {
            const cJSON *b = cJSON_GetObjectItemCaseSensitive(e, "blob");
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "variant");
            ic_alt *a = &x->alts[x->nalts];
            if (!cJSON_IsString(b) || !ic_is_sha256_hex(b->valuestring)) {
                set_bad(c, file, "field %salternatives[%zu].blob: missing or not a sha256", what,
                        x->nalts);
                return;
            }
            a->t = x->expected;
            a->t.data = NULL;
            memcpy(a->t.blob, b->valuestring, 65);
            snprintf(a->variant, sizeof a->variant, "%s",
                     cJSON_IsString(v) ? v->valuestring : "?");
            x->nalts++;
        }
    }
    f = cJSON_GetObjectItemCaseSensitive(j, "float64");
    if (f != NULL && !cJSON_IsNull(f)) {
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(f, "blob");
        int k;
        int64_t s = 1;
        if (!cJSON_IsString(b) || !ic_is_sha256_hex(b->valuestring)) {
            set_bad(c, file, "field %sfloat64.blob: missing or not a sha256", what);
            return;
        }
        x->f64 = x->expected;
        x->f64.data = NULL;
        x->f64.dtype = IC_DTYPE_FLOAT64;
        for (k = x->f64.ndim - 1; k >= 0; k--) {
            x->f64.strides[k] = s;
            s *= x->f64.shape[k] > 0 ? x->f64.shape[k] : 1;
        }
        x->f64.nbytes = x->expected.numel * 8; /* numel <= 2^30 bytes / 4: no overflow */
        memcpy(x->f64.blob, b->valuestring, 65);
        x->has_f64 = 1;
    }
}

/** A shallow copy of c with oracle k's outcome; see manifest.h. */
int ic_case_for_oracle(const ic_case *c, size_t k, ic_case *out)
{
    const ic_expect *x;

    if (k >= c->noracles) {
        return -1;
    }
    *out = *c;
    if ((int32_t)k == c->oracle) {
        return 0;
    }
    x = &c->others[k];
    if (!x->present) {
        return -1;
    }
    set_outcome(out, x);
    out->oracle = (int32_t)k;
    return 0;
}

static int cmp_case(const void *a, const void *b)
{
    return strcmp(((const ic_case *)a)->id, ((const ic_case *)b)->id);
}

/* One provenance line for an oracle object of a version 2 manifest (or v1's provenance). */
static char *oracle_line(const cJSON *o)
{
    const cJSON *tv = cJSON_GetObjectItemCaseSensitive(o, "torch_version");
    const cJSON *pk = cJSON_GetObjectItemCaseSensitive(o, "torch_package");
    const cJSON *ca = cJSON_GetObjectItemCaseSensitive(o, "canonical");
    const cJSON *cr = cJSON_GetObjectItemCaseSensitive(ca, "cpu_capability_reported");
    char line[300];

    snprintf(line, sizeof line,
             "torch %s (Debian python3-torch %s), canonical dispatch %s, "
             "1 thread",
             cJSON_IsString(tv) ? tv->valuestring : "?",
             cJSON_IsString(pk) ? pk->valuestring : "?",
             cJSON_IsString(cr) ? cr->valuestring : "?");
    return ic_strdup(line);
}

/* Reads the oracle list (version 2) or makes the single one of version 1, and selects one.
   Returns 0, -1 (malformed) or -2 (no such oracle), with msg. */
static int parse_oracles(const cJSON *root, const char *oracle, ic_manifest *m, const char *file,
                         char *msg, size_t msg_len)
{
    const cJSON *f, *e;
    size_t k;
    char names[100] = "";

    if (m->format_version == 1) {
        const cJSON *prov = cJSON_GetObjectItemCaseSensitive(root, "provenance");
        const cJSON *tv = cJSON_GetObjectItemCaseSensitive(prov, "torch_version");
        /* Version 1 sets came from torch 1.13.1 only (it reports 1.13.0a0). */
        snprintf(m->oracles[0].name, sizeof m->oracles[0].name, "%s",
                 cJSON_IsString(tv) && strncmp(tv->valuestring, "1.13", 4) != 0 ? tv->valuestring
                                                                                : "1.13");
        m->oracles[0].provenance = oracle_line(prov);
        m->noracles = 1;
    } else {
        f = cJSON_GetObjectItemCaseSensitive(root, "oracles");
        if (!cJSON_IsArray(f) || cJSON_GetArraySize(f) < 1 ||
            cJSON_GetArraySize(f) > IC_MAX_ORACLES) {
            snprintf(msg, msg_len, "%s: field oracles: missing, empty or more than %d", file,
                     IC_MAX_ORACLES);
            return -1;
        }
        cJSON_ArrayForEach (e, f) {
            const cJSON *nm = cJSON_GetObjectItemCaseSensitive(e, "name");
            if (!cJSON_IsString(nm) || nm->valuestring[0] == '\0' ||
                strlen(nm->valuestring) >= sizeof m->oracles[0].name) {
                snprintf(msg, msg_len, "%s: field oracles[%zu].name: missing or too long", file,
                         m->noracles);
                return -1;
            }
            for (k = 0; k < m->noracles; k++) {
                if (strcmp(m->oracles[k].name, nm->valuestring) == 0) {
                    snprintf(msg, msg_len, "%s: field oracles: %s listed twice", file,
                             nm->valuestring);
                    return -1;
                }
            }
            snprintf(m->oracles[m->noracles].name, sizeof m->oracles[0].name, "%s",
                     nm->valuestring);
            m->oracles[m->noracles].provenance = oracle_line(e);
            m->noracles++;
        }
    }
    m->default_oracle = 0;
    f = cJSON_GetObjectItemCaseSensitive(root, "default_oracle");
    for (k = 0; k < m->noracles && cJSON_IsString(f); k++) {
        if (strcmp(m->oracles[k].name, f->valuestring) == 0) {
            m->default_oracle = (int32_t)k;
        }
    }
    m->oracle = m->default_oracle;
    if (oracle != NULL && oracle[0] != '\0') {
        m->oracle = -1;
        for (k = 0; k < m->noracles; k++) {
            if (strcmp(m->oracles[k].name, oracle) == 0) {
                m->oracle = (int32_t)k;
            }
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", k ? ", " : "",
                     m->oracles[k].name);
        }
        if (m->oracle < 0) {
            snprintf(msg, msg_len,
                     "torch %s: the vectors in %s have no such oracle (they "
                     "have: %s)",
                     oracle, file, names);
            return -2;
        }
    }
    return 0;
}

/** Parses manifest text; see manifest.h. */
int ic_manifest_parse(const char *dir, const char *text, size_t len, ic_manifest *m, char *msg,
                      size_t msg_len)
{
    return ic_manifest_parse_oracle(dir, NULL, text, len, m, msg, msg_len);
}

/** Parses manifest text for one oracle; see manifest.h. */
int ic_manifest_parse_oracle(const char *dir, const char *oracle, const char *text, size_t len,
                             ic_manifest *m, char *msg, size_t msg_len)
{
    int rc;

    cJSON *root;
    const cJSON *f, *cases, *e;
    char file[4200];
    size_t i, n;

    memset(m, 0, sizeof *m);
    snprintf(file, sizeof file, "%s/manifest.json", dir);
    root = cJSON_ParseWithLength(text, len);
    if (root == NULL) {
        if (ic_json_depth(text, len) > CJSON_NESTING_LIMIT) {
            snprintf(msg, msg_len, "%s: nested deeper than %d levels (a hostile manifest?)", file,
                     CJSON_NESTING_LIMIT);
        } else {
            snprintf(msg, msg_len, "%s: not valid JSON", file);
        }
        return -1;
    }
    f = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!cJSON_IsObject(root) || !cJSON_IsString(f) ||
        strcmp(f->valuestring, "interpcheck-vectors") != 0) {
        snprintf(msg, msg_len, "%s: field format: not \"interpcheck-vectors\"", file);
        cJSON_Delete(root);
        return -1;
    }
    f = cJSON_GetObjectItemCaseSensitive(root, "format_version");
    if (!cJSON_IsNumber(f) || (f->valuedouble != 1.0 && f->valuedouble != 2.0)) {
        snprintf(msg, msg_len, "%s: field format_version: this harness reads versions 1 and 2",
                 file);
        cJSON_Delete(root);
        return -1;
    }
    m->format_version = (int32_t)f->valuedouble;
    rc = parse_oracles(root, oracle, m, file, msg, msg_len);
    if (rc != 0) {
        cJSON_Delete(root);
        ic_manifest_free(m);
        return rc;
    }
    cases = cJSON_GetObjectItemCaseSensitive(root, "cases");
    if (!cJSON_IsArray(cases)) {
        snprintf(msg, msg_len, "%s: field cases: missing or not a list", file);
        cJSON_Delete(root);
        ic_manifest_free(m);
        return -1;
    }
    n = (size_t)cJSON_GetArraySize(cases);
    m->dir = ic_strdup(dir);
    m->cases = calloc(n ? n : 1, sizeof *m->cases);
    if (m->dir == NULL || m->cases == NULL) {
        snprintf(msg, msg_len, "%s: out of memory", file);
        cJSON_Delete(root);
        ic_manifest_free(m);
        return -1;
    }
    i = 0;
    cJSON_ArrayForEach (e, cases) {
        parse_case(e, i, m, &m->cases[i], file);
        if (m->cases[i].id == NULL) {
            snprintf(msg, msg_len, "%s: out of memory", file);
            m->ncases = i + 1;
            cJSON_Delete(root);
            ic_manifest_free(m);
            return -1;
        }
        i++;
    }
    m->ncases = n;
    cJSON_Delete(root);
    qsort(m->cases, m->ncases, sizeof *m->cases, cmp_case);
    for (i = 1; i < m->ncases; i++) {
        if (strcmp(m->cases[i].id, m->cases[i - 1].id) == 0) {
            set_bad(&m->cases[i], file, "field id: duplicate");
        }
    }
    if (ic_sha256_hex(text, len, m->sha256) != 0) {
        m->sha256[0] = '\0';
    }
    return 0;
}

/** Reads dir/manifest.json and parses it. */
int ic_manifest_load(const char *dir, ic_manifest *m, char *msg, size_t msg_len)
{
    return ic_manifest_load_oracle(dir, NULL, m, msg, msg_len);
}

/** Reads dir/manifest.json and parses it for one oracle. */
int ic_manifest_load_oracle(const char *dir, const char *oracle, ic_manifest *m, char *msg,
                            size_t msg_len)
{
    char path[4200];
    FILE *fp;
    char *text;
    long sz;
    size_t got;
    int rc;

    memset(m, 0, sizeof *m);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    fp = ic_open_regular(path, msg, msg_len);
    if (fp == NULL) {
        return -1;
    }
    if (fseek(fp, 0, SEEK_END) != 0 || (sz = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0 ||
        sz > IC_MAX_TENSOR_BYTES) {
        snprintf(msg, msg_len, "%s: cannot read (or larger than 1 GiB)", path);
        fclose(fp);
        return -1;
    }
    text = malloc((size_t)sz + 1);
    if (text == NULL) {
        snprintf(msg, msg_len, "%s: out of memory", path);
        fclose(fp);
        return -1;
    }
    got = fread(text, 1, (size_t)sz, fp);
    fclose(fp);
    if (got != (size_t)sz) {
        snprintf(msg, msg_len, "%s: short read", path);
        free(text);
        return -1;
    }
    text[sz] = '\0';
    rc = ic_manifest_parse_oracle(dir, oracle, text, (size_t)sz, m, msg, msg_len);
    free(text);
    return rc;
}

static int cmp_blob(const void *a, const void *b)
{
    return strcmp(((const ic_blob *)a)->sha, ((const ic_blob *)b)->sha);
}

static ic_blob *find_blob(ic_manifest *m, const char *sha)
{
    ic_blob key;

    memcpy(key.sha, sha, 65);
    return bsearch(&key, m->blobs, m->nblobs, sizeof *m->blobs, cmp_blob);
}

/* Attaches a loaded blob to a tensor, or marks the case bad naming the field. */
static void attach(ic_manifest *m, ic_case *c, ic_tdesc *t, const char *what)
{
    char file[4200];
    ic_blob *b = find_blob(m, t->blob);

    snprintf(file, sizeof file, "%s/manifest.json", m->dir);
    if (b == NULL) {
        set_bad(c, file, "field %s.blob: not loaded", what);
    } else if (!b->ok) {
        set_bad(c, file, "field %s.blob: %s", what, b->err);
    } else if (b->size != t->nbytes) {
        set_bad(c, file, "field %s.nbytes: %lld but blobs/%.12s....bin has %lld bytes", what,
                (long long)t->nbytes, t->blob, (long long)b->size);
    } else {
        t->data = b->data;
    }
}

/* Calls fn on every tensor of a case whose blob is needed: the input, then the selected
   oracle's expected / alternatives / float64 (what: "expected" ...), then every other
   oracle's ("outcomes.expected" ...). */
typedef void (*tensor_fn)(ic_tdesc *t, const char *what, void *ctx);

static void outcome_tensors(int has_expected, ic_tdesc *e, ic_alt *alts, size_t nalts, int has_f64,
                            ic_tdesc *f, int other, tensor_fn fn, void *ctx)
{
    size_t k;

    if (has_expected) {
        fn(e, other ? "outcomes.expected" : "expected", ctx);
    }
    for (k = 0; k < nalts; k++) {
        fn(&alts[k].t, other ? "outcomes.alternatives[].blob" : "alternatives[].blob", ctx);
    }
    if (has_f64) {
        fn(f, other ? "outcomes.float64.blob" : "float64.blob", ctx);
    }
}

static void each_tensor(ic_case *c, tensor_fn fn, void *ctx)
{
    size_t o;

    fn(&c->input, "input", ctx);
    outcome_tensors(c->has_expected, &c->expected, c->alts, c->nalts, c->has_f64, &c->f64, 0, fn,
                    ctx);
    for (o = 0; o < c->noracles; o++) {
        ic_expect *x = &c->others[o];
        outcome_tensors(x->has_expected, &x->expected, x->alts, x->nalts, x->has_f64, &x->f64, 1,
                        fn, ctx);
    }
}

typedef struct collect_ctx {
    ic_blob *all;
    size_t n;
} collect_ctx;

static void collect_blob(ic_tdesc *t, const char *what, void *ctx)
{
    collect_ctx *cc = ctx;

    (void)what;
    memcpy(cc->all[cc->n++].sha, t->blob, 65);
}

typedef struct attach_ctx {
    ic_manifest *m;
    ic_case *c;
} attach_ctx;

static void attach_blob(ic_tdesc *t, const char *what, void *ctx)
{
    attach_ctx *ac = ctx;

    attach(ac->m, ac->c, t, what);
}

/** Loads each distinct blob once (read + sha256), then attaches them to the cases. */
size_t ic_manifest_load_blobs(ic_manifest *m, const unsigned char *want)
{
    size_t i, k, cap = 0, n = 0, nbad = 0, u;
    ic_blob *all;

    for (i = 0; i < m->ncases; i++) {
        if ((want == NULL || want[i]) && m->cases[i].bad == NULL) {
            cap += 3 + m->cases[i].nalts;
            for (k = 0; k < m->cases[i].noracles; k++) {
                cap += 2 + m->cases[i].others[k].nalts;
            }
        }
    }
    all = calloc(cap ? cap : 1, sizeof *all);
    if (all == NULL) {
        return 0;
    }
    for (i = 0; i < m->ncases; i++) {
        ic_case *c = &m->cases[i];
        if ((want != NULL && !want[i]) || c->bad != NULL) {
            continue;
        }
        collect_ctx cc = {all, n};
        each_tensor(c, collect_blob, &cc);
        n = cc.n;
    }
    qsort(all, n, sizeof *all, cmp_blob);
    for (i = 0, u = 0; i < n; i++) {
        if (u == 0 || strcmp(all[i].sha, all[u - 1].sha) != 0) {
            all[u++] = all[i];
        }
    }
    m->blobs = all;
    m->nblobs = u;
    /* One arena for all blobs, MADV_DONTFORK: a forked case child copies no page table
       entries for it (it reads its own copy of the input), which keeps fork cheap. */
    {
        size_t total = 0, off = 0;
        for (i = 0; i < u; i++) {
            ic_blob_stat(m->dir, IC_MAX_TENSOR_BYTES, &all[i]);
            if (all[i].size > 0) {
                total += ((size_t)all[i].size + 63) / 64 * 64;
            }
        }
        if (total > 0) {
            m->arena =
                mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (m->arena == MAP_FAILED) {
                m->arena = NULL;
                for (i = 0; i < u; i++) {
                    all[i].size = -1;
                    snprintf(all[i].err, sizeof all[i].err, "out of memory for %zu bytes", total);
                }
            } else {
                m->arena_len = total;
                madvise(m->arena, total, MADV_DONTFORK);
            }
        }
        for (i = 0; i < u; i++) {
            ic_blob_read(m->dir, &all[i], m->arena ? (char *)m->arena + off : NULL);
            if (all[i].size > 0) {
                off += ((size_t)all[i].size + 63) / 64 * 64;
            }
        }
    }
    for (i = 0; i < m->ncases; i++) {
        ic_case *c = &m->cases[i];
        if ((want != NULL && !want[i]) || c->bad != NULL) {
            continue;
        }
        attach_ctx ac = {m, c};
        each_tensor(c, attach_blob, &ac);
        if (c->bad != NULL) {
            nbad++;
        }
    }
    return nbad;
}

/** Frees every case and blob. */
void ic_manifest_free(ic_manifest *m)
{
    size_t i, t;

    for (i = 0; i < m->ncases; i++) {
        ic_case *c = &m->cases[i];
        free(c->id);
        for (t = 0; t < c->ntags; t++) {
            free(c->tags[t]);
        }
        free(c->tags);
        free(c->mode);
        free(c->alts);
        free(c->error_class);
        free(c->bad);
        for (t = 0; t < c->noracles; t++) {
            free(c->others[t].alts);
            free(c->others[t].error_class);
        }
    }
    free(m->cases);
    for (i = 0; i < m->noracles; i++) {
        free(m->oracles[i].provenance);
    }
    if (m->arena != NULL) {
        munmap(m->arena, m->arena_len);
    }
    free(m->blobs);
    free(m->dir);
    memset(m, 0, sizeof *m);
}
