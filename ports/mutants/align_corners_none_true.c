/* align_corners_none_true.c - mutant: align_corners=None taken as True for the interpolating
 * modes (the pre-0.4.0 default, pytorch#5927), where torch 1.13 takes None as False. */
#include "icp_wrap.h"

static ic_args fix(const ic_args *args)
{
    ic_args a = *args;
    if (a.align_corners == IC_NONE && icp_is_interp_mode(a.mode)) {
        a.align_corners = 1;
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

ICP_DEFINE_PORT("mutant-align_corners_none_true", shape, run)
