/* size_ceil.c - mutant (real libraries): the output size is ceil(in * scale) (pooling-style
 * "ceil mode", some Resize shape functions). torch floors: 5 * 1.3 = 6.5 gives 6. */
#include <math.h>

#include "icp_wrap.h"

static int32_t shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                     int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    int32_t st = icr_output_shape(in, args, out_ndim, out_shape, msg, msg_len);
    if (st != IC_OK || args->scale_len == IC_NONE) {
        return st;
    }
    for (int32_t k = 2; k < *out_ndim; k++) {
        double s = args->scale_len == 0      ? args->scale_factor[0]
                   : k - 2 < args->scale_len ? args->scale_factor[k - 2]
                                             : 1.0;
        double v = ceil((double)in->shape[k] * s);
        if (v > (double)out_shape[k] && v < 1e12) {
            out_shape[k] = (int64_t)v;
        }
    }
    return IC_OK;
}

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    /* Interpolate to the (wrong) shape asked for: the user's scale kept, the size follows. */
    return icr_interpolate(in, args, out, msg, msg_len);
}

ICP_DEFINE_PORT("mutant-size_ceil", shape, run)
