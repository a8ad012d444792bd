/* icref.c - command-line front end of the reference: expected interpolate() outputs for shapes
 * of your own, without PyTorch. `icref --help` explains the options.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "icref.h"

static const char usage_text[] =
    "usage: icref --mode MODE --shape N,C,D1[,D2[,D3]] (--size S | --scale F) [options]\n"
    "\n"
    "Computes torch.nn.functional.interpolate (PyTorch 2.14.1 or 1.13.1, CPU, default\n"
    "capability, one thread) with the C99 reference, and prints the output shape.\n"
    "\n"
    "  --torch V              the torch whose semantics to follow: 2.14 (default) | 1.13\n"
    "  --mode MODE            nearest | nearest-exact | linear | bilinear | bicubic |\n"
    "                         trilinear | area (passed as is: torch's errors are reproduced)\n"
    "  --shape LIST           input shape, e.g. 1,3,7,9\n"
    "  --size S | --size LIST output size: one integer (repeated by torch) or a list (4,5;\n"
    "                         a trailing comma makes a one-element list: 4,)\n"
    "  --scale F | --scale L  scale_factor: one number or a list (1.5,2)\n"
    "  --align-corners B      true | false | none (default none)\n"
    "  --recompute B          recompute_scale_factor: true | false | none (default none)\n"
    "  --antialias            antialias=True\n"
    "  --dtype T              float32 (default) | float64 | uint8\n"
    "  --channels-last        store the input channels-last (torch.channels_last[_3d]);\n"
    "                         torch 1.13 picks different kernels for such inputs\n"
    "  --input FILE           input values: raw little-endian, contiguous (row-major) N,C,...\n"
    "  --ramp                 input values 0, 1, 2, ... (the default)\n"
    "  --random SEED          input values from a fixed xorshift generator in [-1, 1)\n"
    "                         (uint8: 0..255); not torch's generator\n"
    "  --output FILE          write the output: raw little-endian, contiguous\n"
    "  --print                print the output values (%.9g, one row per line)\n"
    "  --help                 this text\n"
    "\n"
    "exit status: 0 success; 1 torch would raise (the exception class and message are\n"
    "printed); 2 usage or I/O error.\n"
    "\n"
    "example: icref --mode bilinear --shape 1,1,2,2 --size 1,1 --print   ->  1.5 (ramp 0..3)\n";

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "icref: %s%s%s\n(icref --help for usage)\n", what, arg ? ": " : "",
            arg ? arg : "");
    return 2;
}

/* Parses "a,b,c" into v; returns the count, -1 on error. trailing_comma set if "4,". */
static int parse_ints(const char *s, int64_t *v, int max, int *is_list)
{
    int n = 0;
    char *end;

    *is_list = strchr(s, ',') != NULL;
    while (*s != '\0') {
        if (n == max) {
            return -1;
        }
        errno = 0;
        v[n++] = strtoll(s, &end, 10);
        if (end == s || errno != 0 || (*end != ',' && *end != '\0')) {
            return -1;
        }
        s = *end == ',' ? end + 1 : end;
    }
    return n;
}

static int parse_doubles(const char *s, double *v, int max, int *is_list)
{
    int n = 0;
    char *end;

    *is_list = strchr(s, ',') != NULL;
    while (*s != '\0') {
        if (n == max) {
            return -1;
        }
        v[n++] = strtod(s, &end);
        if (end == s || (*end != ',' && *end != '\0')) {
            return -1;
        }
        s = *end == ',' ? end + 1 : end;
    }
    return n;
}

static int parse_tri(const char *s, int32_t *out)
{
    if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "1") == 0) {
        *out = 1;
    } else if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "0") == 0) {
        *out = 0;
    } else if (strcmp(s, "none") == 0 || strcmp(s, "None") == 0) {
        *out = IC_NONE;
    } else {
        return 0;
    }
    return 1;
}

static const char *class_name(int32_t st)
{
    switch (st) {
    case IC_ERR_VALUE:
        return "ValueError";
    case IC_ERR_NOT_IMPLEMENTED:
        return "NotImplementedError";
    case IC_ERR_RUNTIME:
        return "RuntimeError";
    case IC_ERR_TYPE:
        return "TypeError";
    case IC_ERR_OVERFLOW:
        return "OverflowError";
    default:
        return "error";
    }
}

static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static double get(const void *p, int64_t i, int32_t dt)
{
    if (dt == IC_DTYPE_FLOAT32) {
        return ((const float *)p)[i];
    }
    if (dt == IC_DTYPE_FLOAT64) {
        return ((const double *)p)[i];
    }
    return ((const unsigned char *)p)[i];
}

static void put(void *p, int64_t i, int32_t dt, double v)
{
    if (dt == IC_DTYPE_FLOAT32) {
        ((float *)p)[i] = (float)v;
    } else if (dt == IC_DTYPE_FLOAT64) {
        ((double *)p)[i] = v;
    } else {
        ((unsigned char *)p)[i] = (unsigned char)v;
    }
}

/* Row-major strides of shape; with cl, channels-last strides (C fastest). */
static void make_strides(const ic_tensor *t, int cl, int64_t *st)
{
    int64_t acc = 1;
    int k;

    if (cl && t->ndim >= 4) {
        st[1] = acc;
        acc *= t->shape[1];
        for (k = t->ndim - 1; k >= 2; k--) {
            st[k] = acc;
            acc *= t->shape[k];
        }
        st[0] = acc;
        return;
    }
    for (k = t->ndim - 1; k >= 0; k--) {
        st[k] = acc;
        acc *= t->shape[k];
    }
}

/* Offset of the element with row-major linear index li under strides st. */
static int64_t offset_of(const ic_tensor *t, const int64_t *st, int64_t li)
{
    int64_t off = 0;
    int k;

    for (k = t->ndim - 1; k >= 0; k--) {
        off += (li % t->shape[k]) * st[k];
        li /= t->shape[k];
    }
    return off;
}

int main(int argc, char **argv)
{
    ic_args a;
    ic_tensor in, out;
    const char *input = NULL, *output = NULL;
    int have_mode = 0, have_shape = 0, do_print = 0, cl = 0, list, i, n;
    uint64_t seed = 0;
    int64_t numel = 1, onumel = 1, k, rows, cols;
    size_t esize;
    void *contig, *data, *odata;
    char msg[512];
    int32_t st;
    icr_semantics sem;

    icr_semantics_for(NULL, &sem);
    memset(&a, 0, sizeof a);
    memset(&in, 0, sizeof in);
    memset(&out, 0, sizeof out);
    a.align_corners = IC_NONE;
    a.recompute_scale_factor = IC_NONE;
    a.size_len = IC_NONE;
    a.scale_len = IC_NONE;
    in.dtype = IC_DTYPE_FLOAT32;
    for (i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes = strcmp(o, "--mode") == 0 || strcmp(o, "--shape") == 0 ||
                    strcmp(o, "--size") == 0 || strcmp(o, "--scale") == 0 ||
                    strcmp(o, "--align-corners") == 0 || strcmp(o, "--recompute") == 0 ||
                    strcmp(o, "--dtype") == 0 || strcmp(o, "--input") == 0 ||
                    strcmp(o, "--random") == 0 || strcmp(o, "--output") == 0 ||
                    strcmp(o, "--torch") == 0;
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (takes && v == NULL) {
            return usage_error("missing value for", o);
        }
        if (strcmp(o, "--torch") == 0) {
            if (icr_semantics_for(v, &sem) != IC_OK || v[0] == '\0') {
                return usage_error("bad --torch (2.14|1.13)", v);
            }
        } else if (strcmp(o, "--mode") == 0) {
            a.mode = v;
            have_mode = 1;
        } else if (strcmp(o, "--shape") == 0) {
            n = parse_ints(v, in.shape, IC_MAX_DIMS, &list);
            if (n < 1) {
                return usage_error("bad --shape", v);
            }
            in.ndim = n;
            have_shape = 1;
        } else if (strcmp(o, "--size") == 0) {
            n = parse_ints(v, a.size, IC_MAX_DIMS, &list);
            if (n < 1) {
                return usage_error("bad --size", v);
            }
            a.size_len = list ? n : 0;
        } else if (strcmp(o, "--scale") == 0) {
            n = parse_doubles(v, a.scale_factor, IC_MAX_DIMS, &list);
            if (n < 1) {
                return usage_error("bad --scale", v);
            }
            a.scale_len = list ? n : 0;
        } else if (strcmp(o, "--align-corners") == 0) {
            if (!parse_tri(v, &a.align_corners)) {
                return usage_error("bad --align-corners (true|false|none)", v);
            }
        } else if (strcmp(o, "--recompute") == 0) {
            if (!parse_tri(v, &a.recompute_scale_factor)) {
                return usage_error("bad --recompute (true|false|none)", v);
            }
        } else if (strcmp(o, "--dtype") == 0) {
            if (strcmp(v, "float32") == 0) {
                in.dtype = IC_DTYPE_FLOAT32;
            } else if (strcmp(v, "float64") == 0) {
                in.dtype = IC_DTYPE_FLOAT64;
            } else if (strcmp(v, "uint8") == 0) {
                in.dtype = IC_DTYPE_UINT8;
            } else {
                return usage_error("bad --dtype (float32|float64|uint8)", v);
            }
        } else if (strcmp(o, "--input") == 0) {
            input = v;
        } else if (strcmp(o, "--random") == 0) {
            seed = strtoull(v, NULL, 10) * 2654435761u + 88172645463325252ull;
        } else if (strcmp(o, "--output") == 0) {
            output = v;
        } else if (strcmp(o, "--ramp") == 0) {
            seed = 0;
        } else if (strcmp(o, "--antialias") == 0) {
            a.antialias = 1;
        } else if (strcmp(o, "--channels-last") == 0) {
            cl = 1;
        } else if (strcmp(o, "--print") == 0) {
            do_print = 1;
        } else {
            return usage_error("unknown option", o);
        }
        i += takes;
    }
    if (!have_mode || !have_shape) {
        return usage_error("--mode and --shape are required", NULL);
    }
    for (k = 0; k < in.ndim; k++) {
        if (in.shape[k] < 0) {
            return usage_error("negative --shape", NULL);
        }
        numel *= in.shape[k];
    }
    esize = in.dtype == IC_DTYPE_FLOAT32 ? 4 : (in.dtype == IC_DTYPE_FLOAT64 ? 8 : 1);
    contig = calloc((size_t)(numel > 0 ? numel : 1), esize);
    data = calloc((size_t)(numel > 0 ? numel : 1), esize);
    if (contig == NULL || data == NULL) {
        return usage_error("out of memory", NULL);
    }
    if (input != NULL) {
        FILE *f = fopen(input, "rb");
        if (f == NULL || fread(contig, esize, (size_t)numel, f) != (size_t)numel) {
            return usage_error("cannot read the whole --input", input);
        }
        fclose(f);
    } else {
        for (k = 0; k < numel; k++) {
            double v;
            if (seed == 0) {
                v = (double)k;
            } else if (in.dtype == IC_DTYPE_UINT8) {
                v = (double)(xorshift(&seed) % 256);
            } else {
                v = (double)(xorshift(&seed) >> 11) / 4503599627370496.0 - 1.0;
            }
            put(contig, k, in.dtype, in.dtype == IC_DTYPE_UINT8 ? fmod(v, 256.0) : v);
        }
    }
    make_strides(&in, cl, in.strides);
    for (k = 0; k < numel; k++) {
        put(data, offset_of(&in, in.strides, k), in.dtype, get(contig, k, in.dtype));
    }
    in.data = data;
    st = icr_output_shape_ex(&sem, &in, &a, &out.ndim, out.shape, msg, sizeof msg);
    if (st == IC_OK) {
        out.dtype = in.dtype;
        for (k = 0; k < out.ndim; k++) {
            onumel *= out.shape[k];
        }
        make_strides(&out, 0, out.strides);
        odata = calloc((size_t)(onumel > 0 ? onumel : 1), esize);
        if (odata == NULL) {
            return usage_error("out of memory", NULL);
        }
        out.data = odata;
        st = icr_interpolate_ex(&sem, &in, &a, &out, msg, sizeof msg);
    }
    if (st != IC_OK) {
        if (st >= IC_ERR_VALUE && st <= IC_ERR_OVERFLOW) {
            printf("%s: %s\n", class_name(st), msg);
            return 1;
        }
        fprintf(stderr, "icref: the reference cannot compute this call: %s\n", msg);
        return 2;
    }
    printf("shape [");
    for (k = 0; k < out.ndim; k++) {
        printf("%s%lld", k ? ", " : "", (long long)out.shape[k]);
    }
    printf("]\n");
    if (output != NULL) {
        FILE *f = fopen(output, "wb");
        if (f == NULL || fwrite(out.data, esize, (size_t)onumel, f) != (size_t)onumel ||
            fclose(f) != 0) {
            return usage_error("cannot write --output", output);
        }
    }
    if (do_print && onumel > 0) {
        cols = out.shape[out.ndim - 1];
        rows = onumel / cols;
        for (k = 0; k < rows; k++) {
            int64_t j;
            for (j = 0; j < cols; j++) {
                printf("%s%.9g", j ? " " : "", get(out.data, k * cols + j, out.dtype));
            }
            printf("\n");
        }
    }
    free(contig);
    free(data);
    free(out.data);
    return 0;
}
