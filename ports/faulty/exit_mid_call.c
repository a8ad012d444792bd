/* exit_mid_call.c - faulty port: computes half the output, then calls exit(0) in the middle of
 * interpolate (expect ERROR exited: a clean exit status must not pass for success). */
#include <stdlib.h>
#include <string.h>

#include "icp_wrap.h"

static int32_t run(const ic_tensor *in, const ic_args *args, const ic_tensor *out, char *msg,
                   size_t msg_len)
{
    ic_tensor tmp;
    if (icp_ref_compute(in, args, &tmp, msg, msg_len) == IC_OK) {
        size_t half = (size_t)icp_numel(out) / 2 * icp_itemsize(out->dtype);
        memcpy(out->data, tmp.data, half);
        free(tmp.data);
    }
    exit(0);
}

ICP_DEFINE_PORT("faulty-exit-mid-call", icr_output_shape, run)
