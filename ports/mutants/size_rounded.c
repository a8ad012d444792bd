/* size_rounded.c - mutant: output size round(in * scale) instead of torch's floor
 * (pytorch#62396 / #96236 ask for rounding; 1.13 floors, e.g. 88 * (120/88) gives 119). */
#include <math.h>

#include "icp_wrap.h"

/* Rewrites a scale call whose rounded size differs from the floored one into a size call. */
static int rounded(const ic_tensor *in, const ic_args *args, ic_args *a)
{
    *a = *args;
    int32_t dims = in->ndim - 2;
    if (args->scale_len == IC_NONE || (args->scale_len != 0 && args->scale_len != dims) ||
        dims < 1 || dims > 3) {
        return 0;
    }
    int differs = 0;
    for (int32_t k = 0; k < dims; k++) {
        double s = args->scale_factor[args->scale_len == 0 ? 0 : k];
        double x = (double)in->shape[k + 2] * s;
        if (!isfinite(x) || x <= 0.0 || x > 1e9) {
            return 0;
        }
        a->size[k] = (int64_t)floor(x + 0.5);
        differs |= a->size[k] != (int64_t)floor(x);
    }
    if (!differs) {
        return 0;
    }
    a->size_len = dims;
    a->scale_len = IC_NONE;
    a->recompute_scale_factor = IC_NONE;
    return 1;
}

static int32_t shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                     int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    ic_args a;
    int32_t st = icr_output_shape(in, args, out_ndim, out_shape, msg, msg_len);
    if (st != IC_OK || !rounded(in, args, &a)) {
        return st;
    }
    return icr_output_shape(in, &a, out_ndim, out_shape, msg, msg_len);
}

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    ic_args a;
    if (!rounded(in, args, &a)) {
        return icr_interpolate(in, args, out, msg, msg_len);
    }
    return icr_interpolate(in, &a, out, msg, msg_len);
}

ICP_DEFINE_PORT("mutant-size_rounded", shape, run)
