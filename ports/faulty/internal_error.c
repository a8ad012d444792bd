/* internal_error.c - faulty port: reports the right shape but fails every interpolate with
 * IC_ERR_INTERNAL (its own failure, e.g. a scratch allocation; expect ERROR internal). */
#include <stdio.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    if (msg != NULL && msg_len > 0) {
        snprintf(msg, msg_len, "scratch allocation failed");
    }
    return IC_ERR_INTERNAL;
}

ICP_DEFINE_PORT("faulty-internal-error", icr_output_shape, run)
