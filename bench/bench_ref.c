/* bench_ref.c - times icr_interpolate on the workloads of bench/workloads.txt (median of runs).
 *
 * Usage: bench_ref WORKLOADS DIR [REPEATS [TORCH]]
 * For each workload it writes the seeded input DIR/<name>.in.f32 (shared with bench_torch.py),
 * runs the reference REPEATS times (after one warm-up) in the semantics of torch TORCH (1.13 or
 * 2.14, default the newest), writes the output DIR/<name>.ref-<TORCH>.f32 (raw little-endian
 * float32, contiguous) and prints one line:
 *     <name> <TAB> <median ms> <TAB> <min ms> <TAB> <repeats> <TAB> <output elements>
 * No timing is asserted anywhere: the numbers are for people to read.
 */
#define _POSIX_C_SOURCE 199309L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "icref.h"

#define BENCH_SEED 20261125u
#define MAX_LINE 512

/* One workload line. */
typedef struct workload {
    char name[64], mode[32], ac[8];
    int aa;
    int32_t in_ndim, size_len;
    int64_t in_shape[IC_MAX_DIMS], size[IC_MAX_DIMS];
} workload;

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* splitmix64: a seeded, portable stream; 24 random bits make an exact float in [0, 1). */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Parses "1x3x512x512" into dims; returns the count, or -1. */
static int32_t parse_dims(const char *s, int64_t *dims)
{
    int32_t n = 0;
    char *end;

    while (n < IC_MAX_DIMS) {
        long long v = strtoll(s, &end, 10);
        if (end == s || v <= 0) {
            return -1;
        }
        dims[n++] = (int64_t)v;
        if (*end == '\0') {
            return n;
        }
        if (*end != 'x') {
            return -1;
        }
        s = end + 1;
    }
    return -1;
}

static int parse_line(const char *line, workload *w)
{
    char in[64], size[64];

    memset(w, 0, sizeof *w);
    if (sscanf(line, "%63s %31s %7s %d %63s %63s", w->name, w->mode, w->ac, &w->aa, in, size) !=
        6) {
        return -1;
    }
    w->in_ndim = parse_dims(in, w->in_shape);
    w->size_len = parse_dims(size, w->size);
    if (w->in_ndim < 3 || w->size_len != w->in_ndim - 2) {
        return -1;
    }
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int write_raw(const char *path, const void *data, size_t bytes)
{
    FILE *f = fopen(path, "wb");
    int ok;

    if (f == NULL) {
        return -1;
    }
    ok = fwrite(data, 1, bytes, f) == bytes;
    ok = (fclose(f) == 0) && ok;
    return ok ? 0 : -1;
}

static void contiguous_strides(ic_tensor *t)
{
    int32_t d;
    int64_t s = 1;

    for (d = t->ndim - 1; d >= 0; d--) {
        t->strides[d] = s;
        s *= t->shape[d];
    }
}

static size_t numel(const ic_tensor *t)
{
    size_t n = 1;
    int32_t d;

    for (d = 0; d < t->ndim; d++) {
        n *= (size_t)t->shape[d];
    }
    return n;
}

/* Runs one workload; returns 0, or -1 after printing one line to stderr. */
static int run_one(const workload *w, const char *dir, int repeats, const icr_semantics *sem,
                   const char *version)
{
    ic_tensor in, out;
    ic_args a;
    char msg[256], path[1024];
    uint64_t state = BENCH_SEED;
    double *ms;
    float *x;
    size_t i, n_in, n_out;
    int32_t d, st;
    int r;

    memset(&in, 0, sizeof in);
    memset(&out, 0, sizeof out);
    memset(&a, 0, sizeof a);
    in.dtype = IC_DTYPE_FLOAT32;
    in.ndim = w->in_ndim;
    for (d = 0; d < in.ndim; d++) {
        in.shape[d] = w->in_shape[d];
    }
    contiguous_strides(&in);
    a.mode = w->mode;
    a.align_corners = strcmp(w->ac, "true") == 0 ? 1 : strcmp(w->ac, "false") == 0 ? 0 : IC_NONE;
    a.recompute_scale_factor = IC_NONE;
    a.antialias = w->aa;
    a.size_len = w->size_len;
    for (d = 0; d < w->size_len; d++) {
        a.size[d] = w->size[d];
    }
    a.scale_len = IC_NONE;

    n_in = numel(&in);
    x = malloc(n_in * sizeof *x);
    if (x == NULL) {
        fprintf(stderr, "bench_ref: %s: out of memory\n", w->name);
        return -1;
    }
    for (i = 0; i < n_in; i++) {
        x[i] = (float)(splitmix64(&state) >> 40) * (1.0f / 16777216.0f);
    }
    in.data = x;
    snprintf(path, sizeof path, "%s/%s.in.f32", dir, w->name);
    if (write_raw(path, x, n_in * sizeof *x) != 0) {
        fprintf(stderr, "bench_ref: %s: cannot write\n", path);
        free(x);
        return -1;
    }
    st = icr_output_shape_ex(sem, &in, &a, &out.ndim, out.shape, msg, sizeof msg);
    if (st != IC_OK) {
        fprintf(stderr, "bench_ref: %s: output_shape refused (%d): %s\n", w->name, (int)st, msg);
        free(x);
        return -1;
    }
    out.dtype = IC_DTYPE_FLOAT32;
    contiguous_strides(&out);
    n_out = numel(&out);
    ms = malloc((size_t)(repeats + 1) * sizeof *ms);
    if (ms == NULL) {
        fprintf(stderr, "bench_ref: %s: out of memory\n", w->name);
        free(x);
        return -1;
    }
    /* Run 0 is the warm-up. The output is allocated inside the timed region, as torch
       allocates its result tensor on every F.interpolate call; the last one is kept. */
    for (r = 0; r <= repeats; r++) {
        double t0 = now_ms();
        free(out.data);
        out.data = malloc(n_out * sizeof(float));
        if (out.data == NULL) {
            fprintf(stderr, "bench_ref: %s: out of memory\n", w->name);
            st = IC_ERR_INTERNAL;
            break;
        }
        st = icr_interpolate_ex(sem, &in, &a, &out, msg, sizeof msg);
        ms[r] = now_ms() - t0;
        if (st != IC_OK) {
            fprintf(stderr, "bench_ref: %s: interpolate failed (%d): %s\n", w->name, (int)st, msg);
            break;
        }
    }
    if (st == IC_OK) {
        qsort(ms + 1, (size_t)repeats, sizeof *ms, cmp_double);
        snprintf(path, sizeof path, "%s/%s.ref-%s.f32", dir, w->name, version);
        if (write_raw(path, out.data, n_out * sizeof(float)) != 0) {
            fprintf(stderr, "bench_ref: %s: cannot write\n", path);
            st = IC_ERR_INTERNAL;
        } else {
            printf("%s\t%.4f\t%.4f\t%d\t%zu\n", w->name, ms[1 + repeats / 2], ms[1], repeats,
                   n_out);
            fflush(stdout);
        }
    }
    free(x);
    free(out.data);
    free(ms);
    return st == IC_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
    char line[MAX_LINE];
    workload w;
    FILE *f;
    int repeats = 5, failed = 0, lineno = 0;

    icr_semantics sem;
    const char *version = argc == 5 ? argv[4] : "2.14";

    if (argc < 3 || argc > 5) {
        fprintf(stderr, "usage: bench_ref WORKLOADS DIR [REPEATS [TORCH]]\n");
        return 2;
    }
    if (icr_semantics_for(version, &sem) != IC_OK) {
        fprintf(stderr, "bench_ref: unknown torch version %s (1.13 | 2.14)\n", version);
        return 2;
    }
    if (argc >= 4) {
        repeats = atoi(argv[3]);
        if (repeats < 1 || repeats > 1000) {
            fprintf(stderr, "bench_ref: REPEATS must be in 1..1000\n");
            return 2;
        }
    }
    f = fopen(argv[1], "r");
    if (f == NULL) {
        fprintf(stderr, "bench_ref: cannot open %s\n", argv[1]);
        return 2;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        const char *p = line;
        lineno++;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p == '#' || *p == '\n' || *p == '\0') {
            continue;
        }
        if (parse_line(p, &w) != 0) {
            fprintf(stderr, "bench_ref: %s:%d: malformed workload line\n", argv[1], lineno);
            failed = 1;
            continue;
        }
        failed |= run_one(&w, argv[2], repeats, &sem, version) != 0;
    }
    fclose(f);
    return failed ? 1 : 0;
}
