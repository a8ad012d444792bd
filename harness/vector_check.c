/* vector_check.c - expected dtype/rank/shape against the call (vector_check.h). */
#define _POSIX_C_SOURCE 200809L
#include "vector_check.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Spatial rank each mode needs (torch 1.13 interpolate: linear 3-D input, bilinear and bicubic
   4-D, trilinear 5-D; nearest, nearest-exact and area any of 3-D to 5-D). 0: any. */
static int mode_rank(const char *mode)
{
    if (strcmp(mode, "linear") == 0) {
        return 3;
    }
    if (strcmp(mode, "bilinear") == 0 || strcmp(mode, "bicubic") == 0) {
        return 4;
    }
    if (strcmp(mode, "trilinear") == 0) {
        return 5;
    }
    return 0;
}

/** The checks, in the order a reader would make them. */
const char *ic_case_contradiction(const ic_case *c, const ic_tdesc *ex, char *buf, size_t len)
{
    const ic_tdesc *in = &c->input;
    const ic_args *a = &c->args;
    int d = in->ndim - 2, k, want_rank = c->mode != NULL ? mode_rank(c->mode) : 0;

    if (ex->dtype != in->dtype) {
        snprintf(buf, len,
                 "field expected.dtype: differs from input.dtype (interpolate keeps "
                 "the dtype)");
        return buf;
    }
    if (ex->ndim != in->ndim) {
        snprintf(buf, len, "field expected.shape: rank %d, the input's is %d", (int)ex->ndim,
                 (int)in->ndim);
        return buf;
    }
    if (d < 1 || d > 3 || (want_rank != 0 && in->ndim != want_rank)) {
        snprintf(buf, len,
                 "field input.shape: rank %d is an error in torch for mode %s, but the "
                 "vector expects values",
                 (int)in->ndim, c->mode != NULL ? c->mode : "?");
        return buf;
    }
    for (k = 0; k < 2; k++) {
        if (ex->shape[k] != in->shape[k]) {
            snprintf(buf, len, "field expected.shape[%d]: %lld, the input's is %lld", k,
                     (long long)ex->shape[k], (long long)in->shape[k]);
            return buf;
        }
    }
    for (k = 0; k < d; k++) {
        int64_t want = -1;
        if (a->size_len == 0) {
            want = a->size[0];
        } else if (a->size_len > 0 && a->size_len == d) {
            want = a->size[k];
        } else if (a->size_len == IC_NONE && (a->scale_len == 0 || a->scale_len == d)) {
            /* torch _interp_output_size: floor(float(in) * scale), in double. For a negative
               or non-finite product the versions differ (2.x truncates -0.5 to 0 where 1.13
               raises), so only a finite product >= 0 is checked. */
            double p = (double)in->shape[k + 2] * a->scale_factor[a->scale_len == 0 ? 0 : k];
            if (!(p >= 0.0) || p > 9.2e18) {
                continue;
            }
            want = (int64_t)floor(p);
        } else {
            snprintf(buf, len,
                     "field call: size/scale_factor do not give %d output sizes, but "
                     "the vector expects values",
                     d);
            return buf;
        }
        if (ex->shape[k + 2] != want) {
            snprintf(buf, len, "field expected.shape[%d]: %lld, the call gives %lld", k + 2,
                     (long long)ex->shape[k + 2], (long long)want);
            return buf;
        }
    }
    return NULL;
}

/** Largest nesting of [ and { outside strings. */
size_t ic_json_depth(const char *text, size_t len)
{
    size_t i, depth = 0, max = 0;
    int in_str = 0;

    for (i = 0; i < len; i++) {
        char ch = text[i];
        if (in_str) {
            if (ch == '\\') {
                i++;
            } else if (ch == '"') {
                in_str = 0;
            }
        } else if (ch == '"') {
            in_str = 1;
        } else if (ch == '[' || ch == '{') {
            if (++depth > max) {
                max = depth;
            }
        } else if ((ch == ']' || ch == '}') && depth > 0) {
            depth--;
        }
    }
    return max;
}

/** open(O_NONBLOCK) + fstat + fdopen. */
FILE *ic_open_regular(const char *path, char *msg, size_t msg_len)
{
    struct stat st;
    FILE *f;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

    if (fd < 0) {
        snprintf(msg, msg_len, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(msg, msg_len, "%s: not a regular file", path);
        close(fd);
        return NULL;
    }
    f = fdopen(fd, "rb");
    if (f == NULL) {
        snprintf(msg, msg_len, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
    }
    return f;
}
