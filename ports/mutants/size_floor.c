/* size_floor.c - mutant (gap class "size"): area's output size floored, as torch 1.13's Python
 * front end did, where torch 2.14 truncates toward zero. They differ only for a product in
 * (-1, 0): floor gives -1 and the port refuses, truncation gives 0 and torch 2.14 returns an
 * empty output (vectors/DRIFT.md "size-trunc"). Scored against the 2.14 oracle. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "icp_wrap.h"

static int32_t shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                     int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    int32_t st = icr_output_shape(in, args, out_ndim, out_shape, msg, msg_len);
    if (st != IC_OK || args->mode == NULL || strcmp(args->mode, "area") != 0 ||
        args->scale_len == IC_NONE) {
        return st;
    }
    for (int32_t k = 2; k < in->ndim; k++) {
        double s = args->scale_len == 0      ? args->scale_factor[0]
                   : k - 2 < args->scale_len ? args->scale_factor[k - 2]
                                             : 1.0;
        double p = floor((double)in->shape[k] * s);
        if (p < 0.0) {
            snprintf(msg, msg_len, "adaptive_avg_pool: output size %.0f < 0", p);
            return IC_ERR_RUNTIME;
        }
    }
    return IC_OK;
}

ICP_DEFINE_PORT("mutant-size_floor", shape, icr_interpolate)
