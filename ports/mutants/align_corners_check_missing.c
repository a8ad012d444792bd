/* align_corners_check_missing.c - mutant: align_corners passed with nearest, nearest-exact or
 * area is silently ignored, where torch.nn.functional.interpolate (1.13) raises ValueError
 * "align_corners option can only be set with the interpolating modes". */
#include "icp_wrap.h"

static ic_args fix(const ic_args *args)
{
    ic_args a = *args;
    if (!icp_is_interp_mode(a.mode)) {
        a.align_corners = IC_NONE;
    }
    return a;
}

static int32_t shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                     int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    ic_args a = fix(args);
    return icr_output_shape(in, &a, out_ndim, out_shape, msg, msg_len);
}

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    ic_args a = fix(args);
    return icr_interpolate(in, &a, out, msg, msg_len);
}

ICP_DEFINE_PORT("mutant-align_corners_check_missing", shape, run)
