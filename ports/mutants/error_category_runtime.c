/* error_category_runtime.c - mutant: every argument error torch raises as ValueError is
 * reported as RuntimeError (a port that validates, but maps every failure to one exception). */
#include "icp_wrap.h"

static int32_t shape(const ic_tensor *in, const ic_args *args, int32_t *out_ndim,
                     int64_t out_shape[IC_MAX_DIMS], char *msg, size_t msg_len)
{
    int32_t st = icr_output_shape(in, args, out_ndim, out_shape, msg, msg_len);
    return st == IC_ERR_VALUE ? IC_ERR_RUNTIME : st;
}

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    int32_t st = icr_interpolate(in, args, out, msg, msg_len);
    return st == IC_ERR_VALUE ? IC_ERR_RUNTIME : st;
}

ICP_DEFINE_PORT("mutant-error_category_runtime", shape, run)
