/* nearest_exact_as_nearest.c - mutant: mode "nearest-exact" (pytorch#64501, 1.11) computed as
 * legacy "nearest" (no half-pixel centre), the mistake of a port written against <= 1.10. */
#include <string.h>

#include "icp_wrap.h"

static ic_args fix(const ic_args *args)
{
    ic_args a = *args;
    if (a.mode != NULL && strcmp(a.mode, "nearest-exact") == 0) {
        a.mode = "nearest";
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

ICP_DEFINE_PORT("mutant-nearest_exact_as_nearest", shape, run)
