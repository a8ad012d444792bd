/* size_trunc.c - mutant (gap class "size"): the output size truncated toward zero instead of
 * floored. It differs only for a product in (-1, 0): floor gives -1 and torch 1.13 refuses
 * every mode; truncation gives 0, which area then accepts with an empty output (what torch
 * 2.14 does for area: vectors/DRIFT.md "size-trunc"). Scored against the 1.13 oracle. */
#include <string.h>

#include "icp_wrap.h"

static int32_t shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                     int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    int32_t st = icr_output_shape(in, args, out_ndim, out_shape, msg, msg_len);
    if (st == IC_OK || args->mode == NULL || strcmp(args->mode, "area") != 0 ||
        args->scale_len == IC_NONE || in->ndim < 3 || in->ndim > 5) {
        return st;
    }
    for (int32_t k = 2; k < in->ndim; k++) {
        double s = args->scale_len == 0 ? args->scale_factor[0]
                   : k - 2 < args->scale_len ? args->scale_factor[k - 2] : 1.0;
        double p = (double)in->shape[k] * s;
        if (!(p > -1.0)) {
            return st; /* floor and truncation agree that it is negative */
        }
        out_shape[k] = p < 0.0 ? 0 : (int64_t)p;
    }
    *out_ndim = in->ndim;
    out_shape[0] = in->shape[0];
    out_shape[1] = in->shape[1];
    return IC_OK;
}

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    if (icp_numel(out) == 0) {
        return IC_OK; /* the empty area output: nothing to write */
    }
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("mutant-size_trunc", shape, run)
